"""What every entry point (GUI, command line, tests) needs: paths, settings and the register URL."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from bra_desktop.paths import AppPaths, resolve_paths
from bra_desktop.settings import Settings, load_settings, save_settings
from bra_desktop.store.faults import storage_faults
from bra_desktop.store.register import Register, open_register


@dataclass
class AppContext:
    paths: AppPaths
    settings: Settings
    database_override: str | None = None
    upgrade_notice: Callable[[], None] | None = None
    """Run before an older register is upgraded, unless `open_register` is given its own."""

    @classmethod
    def create(cls, data_dir: str | None = None, database: str | None = None) -> AppContext:
        """The context for `data_dir`; a folder that cannot be made or written is a RegisterError naming it."""
        with storage_faults():
            paths = resolve_paths(data_dir).ensure()
        return cls(paths=paths, settings=load_settings(paths.settings_file), database_override=database)

    @property
    def database_url(self) -> str:
        """`--database` first, then the saved setting, then the embedded SQLite file."""
        return self.database_override or self.settings.database_url or self.paths.database_url

    @property
    def user(self) -> str:
        return self.settings.user

    def open_register(self, on_upgrade: Callable[[], None] | None = None) -> Register:
        return open_register(self.database_url, backup_dir=self.paths.backup_dir,
                             on_upgrade=on_upgrade or self.upgrade_notice)

    def save_settings(self) -> None:
        with storage_faults(self.paths.settings_file):
            save_settings(self.paths.settings_file, self.settings)
