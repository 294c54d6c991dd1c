"""Where the app keeps its files.

Folders come from platformdirs so the register lives in the user's own data folder, never in the
install folder (an upgrade or uninstall must not touch it). `--data-dir` or the `BRA_DATA_DIR`
environment variable put every file under one folder instead: tests, portable installs and
scripts then never touch the user's real register.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from bra_desktop import APP_AUTHOR, APP_NAME

DATA_DIR_ENV = "BRA_DATA_DIR"
DATABASE_FILE = "register.sqlite"


@dataclass(frozen=True)
class AppPaths:
    """The folders and files of one installation's register."""

    data_dir: Path
    log_dir: Path
    config_dir: Path

    @property
    def database(self) -> Path:
        return self.data_dir / DATABASE_FILE

    @property
    def database_url(self) -> str:
        return f"sqlite:///{self.database}"

    @property
    def backup_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.json"

    @property
    def qt_state_file(self) -> Path:
        """Window geometry and column widths (QSettings in ini format)."""
        return self.config_dir / "window-state.ini"

    @property
    def log_file(self) -> Path:
        return self.log_dir / "bra-desktop.log"

    def ensure(self) -> AppPaths:
        """Create the folders, readable by the user alone where the platform allows it."""
        for folder in (self.data_dir, self.backup_dir, self.log_dir, self.config_dir):
            folder.mkdir(parents=True, exist_ok=True)
            _restrict_to_owner(folder, 0o700)
        return self


def resolve_paths(data_dir: str | os.PathLike[str] | None = None) -> AppPaths:
    """The paths for `--data-dir` if given, else `BRA_DATA_DIR`, else the platform's user folders."""
    chosen = data_dir or os.environ.get(DATA_DIR_ENV)
    if chosen:
        root = Path(chosen).expanduser().resolve()
        return AppPaths(data_dir=root, log_dir=root / "logs", config_dir=root)
    return AppPaths(
        data_dir=Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR)),
        log_dir=Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR)),
        config_dir=Path(platformdirs.user_config_dir(APP_NAME, APP_AUTHOR)),
    )


def _restrict_to_owner(path: Path, mode: int) -> None:
    """chmod where POSIX permissions exist; on Windows the per-user profile already does this."""
    if os.name == "posix":
        os.chmod(path, mode)


def restrict_file_to_owner(path: Path) -> None:
    """Make a register or backup file readable by its owner alone (DESIGN §5)."""
    if path.exists():
        _restrict_to_owner(path, 0o600)
