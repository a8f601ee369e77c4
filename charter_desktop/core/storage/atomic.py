"""Writing a file so that it is either complete or absent, never half written."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any


@contextlib.contextmanager
def _atomic(path: Path, mode: str, **open_kw: Any) -> Iterator[IO[Any]]:
    path = Path(path)
    folder = path.parent
    if not folder.is_dir():
        raise FileNotFoundError(f"folder {folder} does not exist")
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, mode, **open_kw) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise
    with contextlib.suppress(OSError):
        dir_fd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


def atomic_text(
    path: Path, encoding: str = "utf-8", newline: str | None = None
) -> contextlib.AbstractContextManager[IO[str]]:
    """A text file at `path` that appears, fsynced, only if the `with` body succeeds.

    If the body raises (a full disk, a bad value), the temporary file beside `path` is
    removed and whatever was at `path` before is untouched.
    """
    return _atomic(path, "w", encoding=encoding, newline=newline)


def atomic_bytes(path: Path) -> contextlib.AbstractContextManager[IO[bytes]]:
    """As atomic_text, for bytes."""
    return _atomic(path, "wb")
