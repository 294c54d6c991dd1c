"""Errors of the storage layer, each with a message a coordinator can read (Swedish first)."""

from __future__ import annotations

from pathlib import Path

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


class RegisterBusy(RegisterError):
    """Another program held the register's write lock for longer than SQLite waits (`engine.BUSY_TIMEOUT_MS`)."""

    def __init__(self, where: Path | str) -> None:
        super().__init__(
            f"Ett annat program använder registret {where} just nu, så det går inte att ändra. Ingenting har "
            "ändrats. Försök igen om en stund, eller stäng det andra programmet (till exempel bra-desktop i ett "
            "annat fönster).",
            f"Another program is using the register {where} right now, so it cannot be changed. Nothing was "
            "changed. Try again in a moment, or close the other program (for example bra-desktop in another window).",
        )


class DiskFull(RegisterError):
    def __init__(self, where: Path | str) -> None:
        super().__init__(
            f"Disken är full: {where} kan inte skrivas. Ingenting har ändrats. Frigör utrymme på disken och försök igen.",
            f"The disk is full: {where} cannot be written. Nothing was changed. Free some space on the disk and try again.",
        )


class NotWritable(RegisterError):
    """A read-only folder, file or disk, or one the user may not change."""

    def __init__(self, where: Path | str) -> None:
        super().__init__(
            f"Det går inte att skriva i {where}: mappen eller filen är skrivskyddad, eller så saknar du behörighet "
            "att ändra den. Ingenting har ändrats.",
            f"Cannot write to {where}: the folder or file is read-only, or you are not allowed to change it. "
            "Nothing was changed.",
        )


class DiskFailed(RegisterError):
    """The disk answered a read or write with an error: often full, disconnected (a USB stick, a network
    share) or failing."""

    def __init__(self, where: Path | str, reason: str) -> None:
        super().__init__(
            f"Disken kunde inte läsa eller skriva {where} ({reason}); den kan vara full, frånkopplad eller trasig. "
            "Ingenting har ändrats.",
            f"The disk could not read or write {where} ({reason}); it may be full, disconnected or failing. "
            "Nothing was changed.",
        )


class RegisterDamaged(RegisterError):
    """The register file is no SQLite database any more, or SQLite found it malformed: the app and the
    command line offer the newest backup that opens cleanly (`backup.newest_intact_backup`) instead."""

    def __init__(self, database: Path, reason: str) -> None:
        super().__init__(f"Registret {database} är skadat och kan inte läsas ({reason}).",
                         f"The register {database} is damaged and cannot be read ({reason}).")
        self.database = database


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
