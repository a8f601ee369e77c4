"""Files an enrolment writes beside the database (the kiosk's signing key, the keys it
trusts, the council's catalogue): written before the database transaction commits, and put
back as they were if it does not."""

from __future__ import annotations

import contextlib
import os
from dataclasses import dataclass, field
from pathlib import Path

from charter_desktop.core.storage.atomic import atomic_bytes


@dataclass
class StagedFiles:
    """Each file written, with what was there before (None: nothing), to undo them all."""

    _before: list[tuple[Path, bytes | None]] = field(default_factory=list)
    _folders: list[Path] = field(default_factory=list)
    _tracked: list[tuple[Path, dict[Path, bytes]]] = field(default_factory=list)

    def track_folder(self, folder: Path) -> None:
        """Remember what `folder` holds, for files another module is about to write there:
        undo removes the files added and puts back the ones changed."""
        self._folder(folder)
        held = {p: p.read_bytes() for p in folder.iterdir() if p.is_file()}
        self._tracked.append((folder, held))

    def _folder(self, folder: Path) -> None:
        missing = []
        while not folder.exists():
            missing.append(folder)
            folder = folder.parent
        for made in reversed(missing):
            made.mkdir(mode=0o700)
            self._folders.append(made)

    def write(self, path: Path, data: bytes) -> None:
        """Write `path` whole (owner-only), remembering what it held."""
        self._folder(path.parent)
        before = path.read_bytes() if path.is_file() else None
        self._before.append((path, before))
        with atomic_bytes(path) as handle:
            handle.write(data)
        os.chmod(path, 0o600)

    def undo(self) -> None:
        """Put every file back as it was, newest first; never raises."""
        for folder, held in reversed(self._tracked):
            with contextlib.suppress(OSError):
                for path in folder.iterdir():
                    if path.is_file() and path not in held:
                        path.unlink()
                for path, data in held.items():
                    if not path.is_file() or path.read_bytes() != data:
                        with atomic_bytes(path) as handle:
                            handle.write(data)
        for path, before in reversed(self._before):
            with contextlib.suppress(OSError):
                if before is None:
                    path.unlink(missing_ok=True)
                else:
                    with atomic_bytes(path) as handle:
                        handle.write(before)
        for folder in reversed(self._folders):
            with contextlib.suppress(OSError):
                folder.rmdir()
        self._before.clear()
        self._folders.clear()
        self._tracked.clear()
