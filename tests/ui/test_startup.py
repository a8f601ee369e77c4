"""Start-up: the kiosk opens without loading what only printing, sync, mail, exports or
migrations need, and CHARTER_EXIT_WHEN_SHOWN reports the first paint and quits cleanly."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from charter_desktop.cli.main import kiosk_arguments

# (cryptography does load: core.pledges seals personal fields with it, see core/privacy.)
NOT_AT_START = ("reportlab", "httpx", "alembic", "openpyxl", "qrcode", "pypdfium2")


def test_the_kiosk_starts_light_and_the_probe_quits_once_shown(data_dir: Path) -> None:
    from benchmarks.startup import prepare_data_folder

    prepare_data_folder(data_dir)  # staff PIN and council key set: no first-run dialog
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CHARTER_EXIT_WHEN_SHOWN="1")
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "charter_desktop", "--data-dir", str(data_dir)],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    assert "kiosk shown after" in done.stdout
    imported = {
        line.rsplit("|", 1)[1].strip()
        for line in done.stderr.splitlines()
        if line.startswith("import time:") and line.count("|") == 2
    }
    assert "PySide6.QtWidgets" in imported
    loaded = {m for m in imported for h in NOT_AT_START if m == h or m.startswith(h + ".")}
    assert loaded == set()


def test_only_plain_kiosk_arguments_take_the_short_way() -> None:
    args = kiosk_arguments(["--data-dir", "/tmp/x", "--debug", "kiosk"])
    assert args is not None
    assert (args.data_dir, args.debug, args.command) == ("/tmp/x", True, "kiosk")
    assert kiosk_arguments([]) is not None
    assert kiosk_arguments(["--data-dir=/d"]).data_dir == "/d"  # type: ignore[union-attr]
    for other in (["export"], ["--help"], ["--data-dir"], ["kiosk", "x"], ["--version"]):
        assert kiosk_arguments(other) is None
