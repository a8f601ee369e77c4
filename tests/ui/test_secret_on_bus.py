"""Nothing of the staff PIN or passphrase reaches the Linux accessibility bus while it is
typed, while a screen reader still hears each key (as a bullet).

On a private accessibility desktop (tests.fixtures.atspi: an X display, the AT-SPI bus,
dbus-monitor recording it and a stand-in screen reader listening), a child process
(atspi_typist.py) types canaries into the real dialogs, with the app's own QApplication;
the recording must not hold them, neither in the text-changed events (ui.secret_field) nor
in the key events Qt hands to the registry's device event controller (ui.secret_keys). The
control: a plain password QLineEdit typed the same way, before and after the dialogs, must
show its canary in both in the same recording."""

from __future__ import annotations

import re
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtWidgets import QApplication

from charter_desktop.ui.secret_field import MASK
from tests.fixtures.atspi import screen_reader, start_accessibility_bus, wait_for
from tests.fixtures.desktop import Desktop

CANARY_PIN = "84627193"
CANARY_PASSPHRASE = "Canary-Passphrase-7391"
CONTROL_BEFORE = "Control-Before-5528"
CONTROL_AFTER = "Control-After-6604"
DONE = "typist-done-3317"
TYPIST = Path(__file__).with_name("atspi_typist.py")


@dataclass
class Recording:
    """What dbus-monitor saw: every string argument; per accessible object the text its
    "object:text-changed:insert" events carried, in order; and the characters of the key
    presses Qt handed to the registry's device event controller, in order."""

    strings: list[str] = field(default_factory=list)
    inserted: dict[str, str] = field(default_factory=dict)
    keys: str = ""


STRING = re.compile(r'^\s*(?:variant\s+)?string "(.*)"$')
NUMBER = re.compile(r"^\s*u?int32 (\d+)$")


def parse_monitor(log: str) -> Recording:
    recording = Recording()
    path, member = "", ""
    args: list[str] = []  # the string arguments of the message being read
    numbers: list[str] = []  # its integer arguments, as written
    for line in [*log.splitlines(), "signal end"]:
        if not line.startswith((" ", "\t")):  # a message's first line
            if member == "TextChanged" and args[:1] == ["insert"] and len(args) > 1:
                recording.inserted[path] = recording.inserted.get(path, "") + args[1]
            if member == "NotifyListenersSync" and numbers[:1] == ["0"] and len(args[0]) == 1:
                recording.keys += args[0]  # a key press and its character
            found = re.search(r"path=([^;]*);.*member=(\w+)", line)
            path, member = found.groups() if found else ("", "")
            args, numbers = [], []
            continue
        value = STRING.match(line)
        if value:
            recording.strings.append(value.group(1))
            args.append(value.group(1))
        number = NUMBER.match(line)
        if number:
            numbers.append(number.group(1))
    return recording


def test_nothing_of_the_pin_or_passphrase_reaches_the_accessibility_bus(
    qapp: QApplication, desktop: Desktop, data_dir: Path
) -> None:
    bus = start_accessibility_bus(desktop)
    with screen_reader(bus.address):
        typist = subprocess.run(
            [sys.executable, str(TYPIST), str(data_dir), CANARY_PIN, CANARY_PASSPHRASE,
             CONTROL_BEFORE, CONTROL_AFTER, DONE],
            env=bus.app_env(),
            capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        assert typist.returncode == 0, typist.stdout + typist.stderr
        assert "accessible=True" in typist.stdout, typist.stdout + typist.stderr
        log = wait_for(bus.recorded, DONE, 10)
    recording = parse_monitor(log)

    # The recording covers the whole run: the control's canaries and the end marker are in.
    assert DONE in recording.strings
    streams = list(recording.inserted.values())
    for control in (CONTROL_BEFORE, CONTROL_AFTER):
        assert any(control in text for text in streams), f"{control}: no text events"
        assert control in recording.keys, f"{control}: no key events"
    # Not one of the typed secrets, whole or character by character.
    everything = [*recording.strings, *streams, "".join(streams), recording.keys]
    for canary in (CANARY_PIN, CANARY_PASSPHRASE):
        assert not [text for text in everything if canary in text], f"{canary} leaked"
    # A screen reader still hears each key: a bullet per character typed.
    assert any(MASK * len(CANARY_PASSPHRASE) in text for text in streams)
    assert any(MASK * len(CANARY_PIN) == text for text in streams)
