"""A full disk: a save or export fails with a clear message, earlier pledges stay intact,
and no partial file is left behind. Uses a small tmpfs where the machine lets us mount one,
otherwise a file-size limit on the child process (a real EFBIG write error either way)."""

from __future__ import annotations

import json
import os
import resource
import signal
import sqlite3
import subprocess
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.helpers import run_cli

MESSAGE = "the disk is full or failing"


@dataclass
class SmallDisk:
    folder: Path
    limit: Callable[[], None] | None  # set in the child when no tmpfs could be mounted


def _file_size_limit(size: int) -> Callable[[], None]:
    def limit() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))

    return limit


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[SmallDisk]:
    folder = tmp_path / "small-disk"
    folder.mkdir()
    size = 1024 * 1024
    mounted = os.geteuid() == 0 and subprocess.run(
        ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)],
        capture_output=True, check=False,
    ).returncode == 0  # fmt: skip
    try:
        yield SmallDisk(folder, None if mounted else _file_size_limit(size))
    finally:
        if mounted:
            subprocess.run(["umount", str(folder)], check=False)


def test_a_save_on_a_full_disk_fails_cleanly_and_keeps_earlier_pledges(
    small_disk: SmallDisk,
) -> None:
    data_dir = small_disk.folder / "kiosk"
    first = run_cli(data_dir, "demo", "--pledges", "100", preexec_fn=small_disk.limit)
    assert first.returncode == 0, first.stderr
    flood = run_cli(data_dir, "demo", "--pledges", "20000", preexec_fn=small_disk.limit)
    assert flood.returncode == 1
    assert MESSAGE in flood.stderr and "Traceback" not in flood.stderr
    listed = json.loads(run_cli(data_dir, "pledge", "list", "--json").stdout)
    assert len(listed) == 100
    connection = sqlite3.connect(data_dir / "charter.sqlite3")
    assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    connection.close()
    log_text = (data_dir / "logs" / "charter-desktop.log").read_text()
    assert not any(p["name"] in log_text for p in listed)


def test_an_export_to_a_full_disk_leaves_no_partial_file(
    small_disk: SmallDisk, data_dir: Path
) -> None:
    assert run_cli(data_dir, "demo", "--pledges", "3000").returncode == 0
    out = small_disk.folder / "pledges.json"
    filler = small_disk.folder / "filler"
    if small_disk.limit is None:
        filler.write_bytes(b"\0" * (1024 * 1024 - 64 * 1024))
    result = run_cli(
        data_dir, "export", "--format", "json", "--out", str(out), preexec_fn=small_disk.limit
    )
    assert result.returncode == 1
    assert MESSAGE in result.stderr and "Traceback" not in result.stderr
    assert sorted(p.name for p in small_disk.folder.iterdir()) == sorted(
        ["filler"] if filler.exists() else []
    )
