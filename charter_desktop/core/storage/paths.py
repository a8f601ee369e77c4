"""Where the app keeps its data and logs: platform folders, or one folder given by the user."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import platformdirs

APP_NAME = "charter-desktop"
APP_AUTHOR = "CharterDesktop"
DB_FILENAME = "charter.sqlite3"


@dataclass(frozen=True)
class AppPaths:
    """The folders one installation uses. `data_dir` holds the database; `log_dir` the logs."""

    data_dir: Path
    log_dir: Path

    @property
    def database(self) -> Path:
        return self.data_dir / DB_FILENAME

    @property
    def roots(self) -> tuple[Path, ...]:
        """The folders the app writes in, none inside another."""
        inside = self.log_dir.is_relative_to(self.data_dir)
        return (self.data_dir,) if inside else (self.data_dir, self.log_dir)

    def ensure(self) -> AppPaths:
        """Create the folders (owner-only, since they hold personal data) and return self."""
        for folder in (self.data_dir, self.log_dir):
            folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        return self


def resolve_paths(data_dir: str | Path | None = None) -> AppPaths:
    """The platform's user folders, or `data_dir` (with its logs inside it) when given."""
    if data_dir is not None:
        root = Path(data_dir).expanduser().resolve()
        return AppPaths(data_dir=root, log_dir=root / "logs")
    return AppPaths(
        data_dir=Path(platformdirs.user_data_dir(APP_NAME, APP_AUTHOR)),
        log_dir=Path(platformdirs.user_log_dir(APP_NAME, APP_AUTHOR)),
    )
