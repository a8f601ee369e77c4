"""Nothing of the staff PIN or passphrase reaches the Linux accessibility bus while it is
typed, while a screen reader still hears each key (as a bullet).

A private desktop is set up: an X display (Qt's AT-SPI bridge comes with the xcb platform,
not offscreen), a session D-Bus, the AT-SPI bus started by at-spi-bus-launcher, a stand-in
screen reader that asks the AT-SPI registry for every object, window and focus event (as Orca
does: Qt sends only the events someone listens to), and dbus-monitor recording everything on
the accessibility bus. A child process (atspi_typist.py) types canaries into the real
dialogs, with the app's own QApplication; the recording must not hold them, neither in the
text-changed events (ui.secret_field) nor in the key events Qt hands to the registry's device
event controller (ui.secret_keys). The control: a plain password QLineEdit typed the same
way, before and after the dialogs, must show its canary in both in the same recording."""

from __future__ import annotations

import contextlib
import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PySide6.QtCore import QMetaType
from PySide6.QtDBus import QDBusArgument, QDBusConnection, QDBusMessage
from PySide6.QtWidgets import QApplication

from charter_desktop.ui.secret_field import MASK
from tests.fixtures.desktop import Desktop, start_display
from tests.helpers import REQUIRE_TOOLS, need_tool

CANARY_PIN = "84627193"
CANARY_PASSPHRASE = "Canary-Passphrase-7391"
CONTROL_BEFORE = "Control-Before-5528"
CONTROL_AFTER = "Control-After-6604"
DONE = "typist-done-3317"
TYPIST = Path(__file__).with_name("atspi_typist.py")
LAUNCHERS = ("/usr/libexec/at-spi-bus-launcher", "/usr/lib/at-spi2-core/at-spi-bus-launcher")
REGISTRY, REGISTRY_PATH = "org.a11y.atspi.Registry", "/org/a11y/atspi/registry"
LISTENER = "charter-screen-reader-stand-in"


def need_launcher() -> str:
    found = next((path for path in LAUNCHERS if os.access(path, os.X_OK)), None)
    if found is None:
        message = "at-spi-bus-launcher is missing (Debian package at-spi2-core)"
        if REQUIRE_TOOLS:
            pytest.fail(message)
        pytest.skip(message)
    return found


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


def start_session_bus(desktop: Desktop) -> str:
    bus = desktop.start(
        "session-bus",
        [need_tool("dbus-daemon"), "--session", "--nofork", "--nopidfile", "--print-address=1"],
        stdout=subprocess.PIPE,
    )
    assert bus.stdout is not None
    address = bus.stdout.readline().decode().strip()
    assert address, "dbus-daemon gave no address"
    return address


def accessibility_bus(env: dict[str, str]) -> str:
    """The AT-SPI bus's address, as a screen reader asks for it on the session bus."""
    deadline = time.monotonic() + 10
    while True:
        reply = subprocess.run(
            [need_tool("dbus-send"), "--session", "--print-reply=literal",
             "--dest=org.a11y.Bus", "/org/a11y/bus", "org.a11y.Bus.GetAddress"],
            env=env, capture_output=True, text=True, timeout=10,
        )  # fmt: skip
        if reply.returncode == 0 and reply.stdout.strip():
            return reply.stdout.strip()
        assert time.monotonic() < deadline, reply.stderr
        time.sleep(0.1)


def wait_for(path: Path, text: str, seconds: float) -> str:
    deadline = time.monotonic() + seconds
    while True:
        content = path.read_text("utf-8", errors="replace") if path.exists() else ""
        if text in content or time.monotonic() > deadline:
            return content
        time.sleep(0.1)


@contextlib.contextmanager
def screen_reader(address: str) -> Iterator[None]:
    """Asks the AT-SPI registry for every object, window and focus event, as a screen reader
    does, and keeps the connection open while the app runs."""
    bus = QDBusConnection.connectToBus(address, LISTENER)
    try:
        assert bus.isConnected(), bus.lastError().message()
        for event in ("object:", "window:", "focus:"):
            call = QDBusMessage.createMethodCall(REGISTRY, REGISTRY_PATH, REGISTRY, "RegisterEvent")
            properties = QDBusArgument()
            properties.beginArray(QMetaType(QMetaType.Type.QString.value))
            properties.endArray()
            call.setArguments([event, properties, ""])
            # The registry is started on the first call to it; on a busy machine that first
            # call can find it still starting ("disconnected without replying"): ask again.
            deadline = time.monotonic() + 20
            while True:
                reply = bus.call(call)
                if reply.type() == QDBusMessage.MessageType.ReplyMessage:
                    break
                assert time.monotonic() < deadline, reply.errorMessage()
                time.sleep(0.2)
        yield
    finally:
        QDBusConnection.disconnectFromBus(LISTENER)


def test_nothing_of_the_pin_or_passphrase_reaches_the_accessibility_bus(
    qapp: QApplication, desktop: Desktop, data_dir: Path
) -> None:
    launcher, monitor = need_launcher(), need_tool("dbus-monitor")
    env = dict(os.environ, XDG_RUNTIME_DIR=str(desktop.folder))
    env.pop("AT_SPI_BUS_ADDRESS", None)
    env["DISPLAY"] = start_display(desktop)
    env["DBUS_SESSION_BUS_ADDRESS"] = start_session_bus(desktop)
    desktop.start("launcher", [launcher], env=env)
    address = accessibility_bus(env)
    recorded = desktop.folder / "a11y-bus.log"
    with recorded.open("wb") as out:
        desktop.start("monitor", [monitor, "--address", address], stdout=out)
    assert "NameAcquired" in wait_for(recorded, "NameAcquired", 10), "dbus-monitor is silent"

    with screen_reader(address):
        typist = subprocess.run(
            [sys.executable, str(TYPIST), str(data_dir), CANARY_PIN, CANARY_PASSPHRASE,
             CONTROL_BEFORE, CONTROL_AFTER, DONE],
            env=dict(env, QT_QPA_PLATFORM="xcb", QT_LINUX_ACCESSIBILITY_ALWAYS_ON="1",
                     QT_ACCESSIBILITY="1"),
            capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        assert typist.returncode == 0, typist.stdout + typist.stderr
        assert "accessible=True" in typist.stdout, typist.stdout + typist.stderr
        log = wait_for(recorded, DONE, 10)
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
