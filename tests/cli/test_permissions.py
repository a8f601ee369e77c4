"""Owner-only files: a data folder the app makes with --data-dir, and everything in it (the
database, its WAL and shared memory while the kiosk runs, logs, keys, backups, exports), can
be read by the account that runs the app and no other; a looser folder is tightened at start
and `privacy status` says so."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.startup import prepare_data_folder
from tests.helpers import run_cli


def modes(root: Path) -> dict[str, str]:
    """Every path under `root` (itself included) with its permission bits, as `ls` shows."""
    found = {".": oct(stat.S_IMODE(root.stat().st_mode))}
    for path in root.rglob("*"):
        found[str(path.relative_to(root))] = oct(stat.S_IMODE(path.lstat().st_mode))
    return found


def loose(root: Path) -> dict[str, str]:
    expected = {True: "0o700", False: "0o600"}
    return {name: mode for name, mode in modes(root).items()
            if mode != expected[(root / name).is_dir()]}  # fmt: skip


def test_a_folder_made_by_the_app_is_owner_only_while_the_kiosk_runs(tmp_path: Path) -> None:
    folder = tmp_path / "made" / "by-the-app"
    made = run_cli(folder, "demo", "--pledges", "5")
    assert made.returncode == 0, made.stderr
    for args in (
        ["backup"],
        ["export", "--format", "csv", "--out", str(folder / "day.csv")],
        ["bundle", "--out", str(folder / "usb.zip")],
    ):
        done = run_cli(folder, *args)
        assert done.returncode == 0, done.stderr
    prepare_data_folder(folder)  # staff PIN and council key, so the kiosk opens straight in
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    command = [sys.executable, "-m", "charter_desktop", "--data-dir", str(folder)]
    quiet = subprocess.DEVNULL
    kiosk = subprocess.Popen(command, env=env, stdout=quiet, stderr=quiet)
    try:
        deadline = time.monotonic() + 60
        live = [folder / "charter.sqlite3-wal", folder / "charter.sqlite3-shm"]
        while not all(p.exists() for p in live) and time.monotonic() < deadline:
            assert kiosk.poll() is None, "the kiosk stopped"
            time.sleep(0.1)
        assert all(p.exists() for p in live)  # the kiosk holds the database open
        listed = modes(folder)
        assert {"charter.sqlite3-wal", "charter.sqlite3-shm", "logs", "keys",
                "backups", "day.csv", "usb.zip"} <= set(listed)  # fmt: skip
        assert any(name.startswith("backups/") for name in listed)
        assert loose(folder) == {}, listed
        assert oct(stat.S_IMODE((tmp_path / "made").stat().st_mode)) == "0o700"
    finally:
        kiosk.kill()
        kiosk.wait(timeout=30)


def test_a_looser_folder_is_tightened_at_start_and_reported(tmp_path: Path) -> None:
    folder = tmp_path / "data"
    assert run_cli(folder, "demo", "--pledges", "3").returncode == 0
    folder.chmod(0o755)
    (folder / "charter.sqlite3").chmod(0o644)
    log = next((folder / "logs").glob("*.log"))
    log.chmod(0o666)
    status = run_cli(folder, "privacy", "status")
    assert status.returncode == 0, status.stderr
    assert "3 that others could read were made owner-only at this start" in status.stdout
    assert loose(folder) == {}
    again = run_cli(folder, "privacy", "status")
    assert "Files: the data folder and logs are owner-only (folders 0700, files 0600)\n" in (
        again.stdout
    )
