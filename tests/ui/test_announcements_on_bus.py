"""A screen reader is told where the attendee is and what went wrong: each step, the errors
that keep them on a step, the thank-you and the idle warning arrive on the Linux
accessibility bus as AT-SPI "Announcement" events (what Orca speaks), steps politely and
errors assertively.

On a private accessibility desktop (tests.fixtures.atspi), a child process
(atspi_pledger.py) makes a pledge on the real kiosk window with the app's own
QApplication; dbus-monitor's recording of the bus is read afterwards."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from tests.fixtures.atspi import screen_reader, start_accessibility_bus, wait_for
from tests.fixtures.desktop import Desktop

DONE = "pledger-done-5179"
PLEDGER = Path(__file__).with_name("atspi_pledger.py")
POLITE, ASSERTIVE = "1", "2"  # AT-SPI's live-region politeness


def announcements(log: str) -> list[tuple[str, str]]:
    """Each Announcement signal's text and politeness, in the order sent."""
    said = []
    for message in re.split(r"\n(?=\S)", log):
        if "member=Announcement" not in message:
            continue
        numbers = re.findall(r"^\s+int32 (\d+)$", message, re.M)
        text = re.search(r'^\s+variant\s+string "(.*)"$', message, re.M)
        assert numbers and text, message
        said.append((text.group(1), numbers[0]))
    return said


def test_steps_and_errors_are_announced(
    qapp: QApplication, desktop: Desktop, data_dir: Path
) -> None:
    bus = start_accessibility_bus(desktop)
    with screen_reader(bus.address):
        pledger = subprocess.run(
            [sys.executable, str(PLEDGER), str(data_dir), DONE],
            env=bus.app_env(), capture_output=True, text=True, timeout=90,
        )  # fmt: skip
        assert pledger.returncode == 0, pledger.stdout + pledger.stderr
        assert "accessible=True" in pledger.stdout, pledger.stdout + pledger.stderr
        log = wait_for(bus.recorded, DONE, 10)
    assert DONE in log, "the recording covers the whole run"
    thanks = (  # not the attendee's name: a kiosk's screen reader may speak out loud
        "Your pledge is stored. Thank you for helping build a fairer society and a more "
        "resilient economy."
    )
    assert announcements(log) == [
        ("Step 1 of 4. Who are you pledging as?", POLITE),
        ("Please choose who you are pledging as.", ASSERTIVE),
        ("Step 2 of 4. What will you do?", POLITE),
        ("Step 3 of 4. About you", POLITE),
        ("Please enter a name to show on your certificate.", ASSERTIVE),
        ("Step 4 of 4. Check your pledge", POLITE),
        (thanks, POLITE),
        ("Step 1 of 4. Who are you pledging as?", POLITE),
        (
            "Are you still there? To keep your details private, the kiosk will clear them "
            "and start again in 15 seconds.",
            ASSERTIVE,
        ),
    ]
