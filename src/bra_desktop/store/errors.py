"""Errors of the storage layer, each with a message a coordinator can read (Swedish first)."""

from __future__ import annotations

from bra_desktop.domain.validation import Problem


class RegisterError(Exception):
    """Something the user must be told; `message_sv` is shown, `message_en` in the English UI."""

    def __init__(self, message_sv: str, message_en: str | None = None) -> None:
        super().__init__(message_sv)
        self.message_sv = message_sv
        self.message_en = message_en or message_sv

    def message(self, language: str = "sv") -> str:
        return self.message_en if language == "en" else self.message_sv


class RegisterTooNew(RegisterError):
    pass


class NotARegister(RegisterError):
    pass


class RegisterUnreachable(RegisterError):
    """The register's database cannot be reached: a wrong address, a server down, a bad password."""


class RecordNotFound(RegisterError):
    pass


class VersionConflict(RegisterError):
    """Someone else saved the record since it was read (shared PostgreSQL register)."""


class ReadOnlyRecord(RegisterError):
    """Another producer's record: only its owner edits it (DESIGN §4 roles)."""


class ValidationFailed(RegisterError):
    def __init__(self, problems: list[Problem]) -> None:
        sv = "Posten kan inte sparas: " + " ".join(p.message_sv for p in problems)
        en = "The record cannot be saved: " + " ".join(p.message_en for p in problems)
        super().__init__(sv, en)
        self.problems = problems
