"""The kiosk on real X servers, as it starts on a kiosk machine: Xvfb at the sizes councils'
screens have (portrait totems too), with no window manager (a bare X session) and with
openbox; matchbox (where a modal dialog over a frameless window makes Qt loop) for the staff
PIN. The window's geometry is read from the X server (xwininfo), not from Qt, and the kiosk
is stopped the way a service manager stops it (SIGTERM), which must exit 0."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from benchmarks.startup import BENCH_PIN, prepare_data_folder
from charter_desktop.core.catalogue import load_catalogue
from tests.fixtures.desktop import (
    Desktop,
    Geometry,
    stacked_above,
    start_display,
    start_window_manager,
    visible_window,
    window_geometry,
)
from tests.helpers import need_tool

TITLE = load_catalogue().charter_name
SIZES = ["1024x768", "1366x768", "1920x1080", "1080x1920"]


def start_kiosk(desktop: Desktop, display: str, data_dir: Path) -> subprocess.Popen[bytes]:
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
    for name in ("CHARTER_EXIT_WHEN_SHOWN", "WAYLAND_DISPLAY"):
        env.pop(name, None)
    command = [sys.executable, "-m", "charter_desktop", "--data-dir", str(data_dir)]
    return desktop.start("kiosk", command, env=env)


def wait_for_window(
    display: str, title: str, done: Callable[[Geometry], bool], seconds: float = 30
) -> Geometry | None:
    """The window's geometry once `done` holds for it, or its last one (None if it never
    appeared) after `seconds`."""
    deadline = time.monotonic() + seconds
    while True:
        geometry = window_geometry(display, title)
        if (geometry is not None and done(geometry)) or time.monotonic() > deadline:
            return geometry
        time.sleep(0.2)


def stop(kiosk: subprocess.Popen[bytes]) -> int:
    """SIGTERM, as systemd or a logout sends it; the exit status."""
    kiosk.send_signal(signal.SIGTERM)
    return kiosk.wait(timeout=30)


@pytest.mark.parametrize("manager", [None, "openbox"], ids=["no-wm", "openbox"])
@pytest.mark.parametrize("size", SIZES)
def test_the_kiosk_covers_the_whole_screen(
    desktop: Desktop, data_dir: Path, size: str, manager: str | None
) -> None:
    display = start_display(desktop, size)
    if manager is not None:
        start_window_manager(desktop, display, manager)
    kiosk = start_kiosk(desktop, display, prepare_data_folder(data_dir))
    width, height = (int(n) for n in size.split("x"))
    screen = Geometry(0, 0, width, height, viewable=True)
    shown = wait_for_window(display, TITLE, lambda g: g == screen)
    assert shown == screen, (desktop.folder / "kiosk.err").read_text()
    assert stop(kiosk) == 0, (desktop.folder / "kiosk.err").read_text()


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def test_the_staff_pin_dialog_opens_under_matchbox(desktop: Desktop, data_dir: Path) -> None:
    xdotool = need_tool("xdotool")
    display = start_display(desktop, "1280x800")
    start_window_manager(desktop, display, "matchbox")
    kiosk = start_kiosk(desktop, display, prepare_data_folder(data_dir))
    screen = Geometry(0, 0, 1280, 800, viewable=True)
    assert wait_for_window(display, TITLE, lambda g: g == screen) == screen
    time.sleep(1)  # the store opens behind the painted welcome screen
    env = {**os.environ, "DISPLAY": display}
    subprocess.run([xdotool, "key", "ctrl+alt+s"], env=env, check=True, timeout=10)
    dialog = wait_for_window(display, "Staff PIN", lambda g: g.viewable, seconds=15)
    assert dialog is not None and dialog.viewable, (desktop.folder / "kiosk.err").read_text()
    before = cpu_seconds(kiosk.pid)
    time.sleep(2)
    assert cpu_seconds(kiosk.pid) - before < 0.5, "the app is busy with nothing to do"
    subprocess.run([xdotool, "type", "--delay", "50", BENCH_PIN], env=env, check=True, timeout=10)
    subprocess.run([xdotool, "key", "Return"], env=env, check=True, timeout=10)
    gone = wait_for_window(display, "Staff PIN", lambda g: not g.viewable, seconds=15)
    assert gone is None or not gone.viewable, "the right PIN closes the dialog"
    assert stop(kiosk) == 0, (desktop.folder / "kiosk.err").read_text()


@pytest.mark.parametrize("manager", [None, "openbox"], ids=["no-wm", "openbox"])
def test_a_second_start_explains_itself_on_top_of_the_kiosk(
    desktop: Desktop, data_dir: Path, manager: str | None
) -> None:
    display = start_display(desktop, "1280x800")
    if manager is not None:
        start_window_manager(desktop, display, manager)
    folder = prepare_data_folder(data_dir)
    kiosk = start_kiosk(desktop, display, folder)
    screen = Geometry(0, 0, 1280, 800, viewable=True)
    assert wait_for_window(display, TITLE, lambda g: g == screen) == screen
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
    second = subprocess.Popen(
        [sys.executable, "-m", "charter_desktop", "--data-dir", str(folder)],
        env=env, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        box = wait_for_window(display, "Charter Desktop", lambda g: g.viewable, seconds=30)
        assert box is not None and box.viewable
        box_id, kiosk_id = (
            visible_window(display, "Charter Desktop"),
            visible_window(display, TITLE),
        )
        assert box_id is not None and kiosk_id is not None
        assert stacked_above(display, box_id, kiosk_id), "the box is above the kiosk"
        xdotool = need_tool("xdotool")
        subprocess.run([xdotool, "key", "Return"], env=env, check=True, timeout=10)
        # Return closes it: well before the box would close itself (after 20 s).
        _, err = second.communicate(timeout=8)
    finally:
        if second.poll() is None:
            second.kill()
    assert second.returncode == 1
    assert "already running" in err
    assert stop(kiosk) == 0


CYCLES = 50


def ready_count(data_dir: Path) -> int:
    log = data_dir / "logs" / "charter-desktop.log"
    return log.read_text(errors="replace").count("kiosk ready") if log.exists() else 0


def test_fifty_stops_by_sigterm_and_fifty_staff_quits_are_clean(
    desktop: Desktop, data_dir: Path
) -> None:
    display = start_display(desktop, "1280x800")
    folder = prepare_data_folder(data_dir)
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
    command = [sys.executable, "-m", "charter_desktop", "--data-dir", str(folder)]
    for cycle in range(CYCLES):
        before = ready_count(folder)
        kiosk = subprocess.Popen(command, env=env, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 30
        while ready_count(folder) == before and kiosk.poll() is None:
            assert time.monotonic() < deadline, f"cycle {cycle}: the kiosk never became ready"
            time.sleep(0.05)
        kiosk.send_signal(signal.SIGTERM)
        _, err = kiosk.communicate(timeout=30)
        assert (kiosk.returncode, b"Fatal" in err) == (0, False), (cycle, err.decode()[-2000:])
    quitting = {**env, "CHARTER_EXIT_WHEN_SHOWN": "1"}  # staff quit once the kiosk is ready
    for cycle in range(CYCLES):
        done = subprocess.run(command, env=quitting, capture_output=True, timeout=60)
        assert "kiosk ready" in done.stdout.decode(), (cycle, done.stderr.decode()[-2000:])
        assert (done.returncode, b"Fatal" in done.stderr) == (0, False), (
            cycle, done.stderr.decode()[-2000:]
        )  # fmt: skip


@pytest.mark.parametrize("stop_signal", [signal.SIGHUP, signal.SIGINT], ids=["hangup", "ctrl-c"])
def test_a_hangup_or_ctrl_c_stops_the_kiosk_cleanly(
    desktop: Desktop, data_dir: Path, stop_signal: signal.Signals
) -> None:
    """The session the kiosk was started from ends (SIGHUP), or Ctrl+C in its terminal."""
    display = start_display(desktop, "1280x800")
    folder = prepare_data_folder(data_dir)
    env = {**os.environ, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
    before = ready_count(folder)
    kiosk = subprocess.Popen(
        [sys.executable, "-m", "charter_desktop", "--data-dir", str(folder)],
        env=env, stderr=subprocess.PIPE,
    )  # fmt: skip
    deadline = time.monotonic() + 30
    while ready_count(folder) == before and kiosk.poll() is None:
        assert time.monotonic() < deadline, "the kiosk never became ready"
        time.sleep(0.05)
    kiosk.send_signal(stop_signal)
    _, err = kiosk.communicate(timeout=30)
    assert (kiosk.returncode, err.decode()) == (0, "")


def test_no_pin_on_the_first_run_is_explained_not_a_silent_exit(
    desktop: Desktop, data_dir: Path
) -> None:
    """Staff close the first-run "Choose the staff PIN" dialog: a box says why the kiosk did
    not open, and the app exits 0 once it is read."""
    xdotool = need_tool("xdotool")
    display = start_display(desktop, "1280x800")
    start_window_manager(desktop, display, "openbox")
    kiosk = start_kiosk(desktop, display, data_dir)
    env = {**os.environ, "DISPLAY": display}
    asked = wait_for_window(display, "Choose the staff PIN", lambda g: g.viewable)
    assert asked is not None, (desktop.folder / "kiosk.err").read_text()
    subprocess.run([xdotool, "key", "Escape"], env=env, check=True, timeout=10)
    told = wait_for_window(display, "Charter Desktop", lambda g: g.viewable, seconds=15)
    assert told is not None, "a box says why nothing opened"
    assert kiosk.poll() is None, "the app waits until the box is read"
    subprocess.run([xdotool, "key", "Return"], env=env, check=True, timeout=10)
    assert kiosk.wait(timeout=30) == 0, (desktop.folder / "kiosk.err").read_text()


def test_with_no_display_the_kiosk_says_so_in_one_line(data_dir: Path) -> None:
    env = {k: v for k, v in os.environ.items()
           if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}  # fmt: skip
    done = subprocess.run(
        [sys.executable, "-m", "charter_desktop", "--data-dir", str(data_dir)],
        env=env, capture_output=True, text=True, timeout=60,
    )  # fmt: skip
    assert done.returncode == 1
    assert done.stderr.splitlines() == [
        "charter-desktop: no display found: open the kiosk from a desktop session, or set "
        "DISPLAY (X11) or WAYLAND_DISPLAY (Wayland)"
    ]
