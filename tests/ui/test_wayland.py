"""The kiosk under Wayland, in cage (the compositor kiosk images run a single app in): the
window covers the whole output, with no title bar or borders of Qt's own taking a strip of
it. A child process shows the kiosk there (wayland_probe.py) and reports the sizes Qt was
configured to by the compositor."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.fixtures.desktop import Desktop, start_wayland

PROBE = Path(__file__).with_name("wayland_probe.py")


def test_the_kiosk_covers_a_wayland_screen(desktop: Desktop, data_dir: Path) -> None:
    env = start_wayland(desktop)
    probe = subprocess.run(
        [sys.executable, str(PROBE), str(data_dir)],
        env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert probe.returncode == 0, probe.stdout + probe.stderr
    report = json.loads(probe.stdout.strip().splitlines()[-1])
    assert report["platform"] == "wayland"
    assert report["screen"] == [1280, 720]
    assert report["window"] == report["screen"], report
    assert report["frame"] == report["screen"], report
