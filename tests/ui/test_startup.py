"""Start-up: a set-up folder paints the kiosk's welcome screen before the database layer
loads, then opens the store behind it; nothing that only printing, sync, mail, exports or
migrations need is loaded; CHARTER_EXIT_WHEN_SHOWN reports both moments and quits cleanly."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from charter_desktop.cli.main import kiosk_arguments

# (cryptography does load: core.pledges.records seals personal fields with it, see core/privacy.)
NOT_AT_START = ("reportlab", "httpx", "alembic", "openpyxl", "qrcode", "pypdfium2")


def imported_modules(lines: list[str]) -> set[str]:
    return {
        line.rsplit("|", 1)[1].strip()
        for line in lines
        if line.startswith("import time:") and line.count("|") == 2
    }


def test_the_welcome_screen_is_painted_before_the_database_layer_loads(data_dir: Path) -> None:
    from benchmarks.startup import prepare_data_folder

    prepare_data_folder(data_dir)  # staff PIN and council key set: no first-run dialog
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CHARTER_EXIT_WHEN_SHOWN="1")
    # One pipe for both streams keeps the import lines and the probe's lines in order.
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "charter_desktop", "--data-dir", str(data_dir)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=120,
    )  # fmt: skip
    lines = done.stdout.splitlines()
    assert done.returncode == 0, done.stdout[-2000:]
    shown = next(i for i, line in enumerate(lines) if line.startswith("kiosk shown after"))
    ready = next(i for i, line in enumerate(lines) if line.startswith("kiosk ready after"))
    assert shown < ready
    before_paint = imported_modules(lines[:shown])
    assert "PySide6.QtWidgets" in before_paint
    assert not {m for m in before_paint if m.split(".")[0] in ("sqlalchemy", "cryptography")}
    imported = imported_modules(lines)
    assert "sqlalchemy" in imported  # the store opened behind the welcome screen
    loaded = {m for m in imported for h in NOT_AT_START if m == h or m.startswith(h + ".")}
    assert loaded == set()


def test_only_plain_kiosk_arguments_take_the_short_way() -> None:
    args = kiosk_arguments(["--data-dir", "/tmp/x", "--debug", "kiosk"])
    assert args is not None
    assert (args.data_dir, args.debug, args.command) == ("/tmp/x", True, "kiosk")
    assert kiosk_arguments([]) is not None
    joined = kiosk_arguments(["--data-dir=/d"])
    assert joined is not None and joined.data_dir == "/d"
    for other in (["export"], ["--help"], ["--data-dir"], ["kiosk", "x"], ["--version"]):
        assert kiosk_arguments(other) is None


def test_the_kiosk_command_opens_the_kiosk_and_nothing_else(data_dir: Path) -> None:
    """`charter-desktop-kiosk`, what the desktop entry and the kiosk session start: it opens
    the kiosk on a set-up folder, and any other command is one line and exit 2."""
    kiosk = Path(sys.executable).with_name("charter-desktop-kiosk")
    from benchmarks.startup import prepare_data_folder

    prepare_data_folder(data_dir)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", CHARTER_EXIT_WHEN_SHOWN="1")
    opened = subprocess.run(
        [str(kiosk), "--data-dir", str(data_dir)],
        env=env, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert opened.returncode == 0, opened.stderr[-2000:]
    assert "kiosk shown after" in opened.stdout and "kiosk ready after" in opened.stdout

    refused = subprocess.run(
        [str(kiosk), "--data-dir", str(data_dir), "catalogue", "--json"],
        env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert refused.returncode == 2 and refused.stdout == ""
    assert refused.stderr.count("\n") == 1 and "run charter-desktop for every" in refused.stderr
