"""The user's own preferences (name, language, database URL), kept as JSON in the config folder.

Whose register it is (county or Brå) belongs to the register itself (`RegisterInfo`); what belongs
to the person at the keyboard lives here. Written atomically so a crash never leaves half a file.
"""

from __future__ import annotations

import getpass
import json
import logging
import os
from dataclasses import asdict, dataclass, fields
from pathlib import Path

LANGUAGES = ("sv", "en")
log = logging.getLogger(__name__)


def login_name() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no login name (some containers and services)
        return "okänd"


@dataclass
class Settings:
    user_name: str = ""
    language: str = "sv"
    database_url: str = ""
    """Empty: the embedded SQLite register in the data folder."""

    @property
    def user(self) -> str:
        return self.user_name or login_name()


def load_settings(path: Path) -> Settings:
    if not path.exists():
        return Settings()
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        log.warning("Could not read settings %s (%s); using defaults", path, error)
        return Settings()
    known = {f.name for f in fields(Settings)}
    settings = Settings(**{k: v for k, v in data.items() if k in known and isinstance(v, str)})
    if settings.language not in LANGUAGES:
        settings.language = "sv"
    return settings


def save_settings(path: Path, settings: Settings) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    partial.write_text(json.dumps(asdict(settings), ensure_ascii=False, indent=2), encoding="utf-8")
    os.replace(partial, path)
