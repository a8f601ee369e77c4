"""Only one kiosk app runs on a data folder; a crash never leaves the lock stuck."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from charter_desktop.core.storage.instance_lock import AlreadyRunning, InstanceLock
from tests.helpers import run_cli


def test_a_second_instance_is_refused_until_the_first_ends(data_dir: Path) -> None:
    with InstanceLock(data_dir), pytest.raises(AlreadyRunning):
        InstanceLock(data_dir).acquire()
    with InstanceLock(data_dir):
        pass


def test_a_killed_holder_does_not_leave_the_lock_stuck(data_dir: Path) -> None:
    code = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from charter_desktop.core.storage.instance_lock import InstanceLock\n"
        f"InstanceLock(Path({str(data_dir)!r})).acquire()\n"
        "print('held', flush=True)\n"
        "time.sleep(60)\n"
    )
    holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with pytest.raises(AlreadyRunning):  # the other process really holds it
            InstanceLock(data_dir).acquire()
    finally:
        holder.send_signal(signal.SIGKILL)  # no clean exit: as when the kiosk crashes
        assert holder.wait(timeout=30) == -signal.SIGKILL
    with InstanceLock(data_dir):
        pass


def test_restore_refuses_while_the_app_runs(data_dir: Path, tmp_path: Path) -> None:
    run_cli(data_dir, "demo", "--pledges", "5")
    copy = tmp_path / "copy.sqlite3"
    assert run_cli(data_dir, "backup", "--out", str(copy)).returncode == 0
    with InstanceLock(data_dir):
        result = run_cli(data_dir, "restore", str(copy))
    assert result.returncode == 2 and "already running" in result.stderr
    restored = run_cli(data_dir, "restore", str(copy))
    assert restored.returncode == 0, restored.stderr
    assert len(json.loads(run_cli(data_dir, "pledge", "list", "--json").stdout)) == 5
