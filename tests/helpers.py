"""Shared helpers for tests: running the real command line in a subprocess, pledge inputs,
and what a database file holds by itself."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from contextlib import closing
from pathlib import Path


def run_cli(
    data_dir: Path | None,
    *args: str,
    stdin: str | None = None,
    timeout: float = 120,
    preexec_fn: Callable[[], None] | None = None,
) -> subprocess.CompletedProcess[str]:
    """`python -m charter_desktop [--data-dir D] ARGS` as a user would run it."""
    command = [sys.executable, "-m", "charter_desktop"]
    if data_dir is not None:
        command += ["--data-dir", str(data_dir)]
    env = dict(os.environ, PYTHONIOENCODING="utf-8")
    return subprocess.run(
        [*command, *args],
        check=False,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=timeout,
        env=env,
        encoding="utf-8",
        preexec_fn=preexec_fn,
    )


def pledge(**fields: object) -> dict[str, object]:
    """A valid pledge input, with `fields` overriding the defaults."""
    base: dict[str, object] = {
        "name": "Amelia Patel",
        "pledger_type": "resident",
        "actions": ["buy-from-local-area"],
    }
    base.update(fields)
    return base


def pledges_in_database_file(database: Path, scratch: Path) -> int:
    """Pledges in the database file itself, leaving out what is still only in its WAL (a
    copy of the file alone is read, in the folder `scratch`); 0 while even the tables are
    only in the WAL."""
    copy = scratch / "file-only.sqlite3"
    copy.write_bytes(database.read_bytes())
    with closing(sqlite3.connect(copy)) as connection:
        tables = connection.execute("SELECT name FROM sqlite_master WHERE name = 'pledges'")
        if tables.fetchone() is None:
            return 0
        return int(connection.execute("SELECT count(*) FROM pledges").fetchone()[0])
