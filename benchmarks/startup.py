"""Start-up: a fresh process to the kiosk window's first paint, against a fresh process
showing a bare PySide6 QMainWindow, both under QT_QPA_PLATFORM=offscreen.

The app runs `python -m charter_desktop --data-dir DIR` with CHARTER_EXIT_WHEN_SHOWN=1 on a
prepared data folder (database migrated, staff PIN and council key set), so no dialog comes
first. Each run is timed from just before the process is spawned to the line it prints on
first paint (the welcome screen on screen), and to the line it prints once the store is open
behind it and the kiosk takes pledges (reported alongside, not a target).

Usage: python benchmarks/startup.py [--repeats N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from charter_desktop.core.staff import auth as staff_auth
from charter_desktop.core.storage.paths import resolve_paths
from charter_desktop.core.store import Store

BENCH_PIN = "482913"
BENCH_PASSPHRASE = "correct horse battery staple benchmark"
BARE_WINDOW = """
import sys
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

class Probe(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint and not getattr(self, "fired", False):
            self.fired = True
            sys.stdout.write("bare window shown\\n")
            sys.stdout.flush()
            QTimer.singleShot(0, QApplication.quit)
        return False

app = QApplication(sys.argv)
window = QMainWindow()
window.setWindowTitle("bare")
probe = Probe(window)
window.installEventFilter(probe)
window.showFullScreen()
app.exec()
"""


def prepare_data_folder(folder: Path) -> Path:
    """A data folder the kiosk opens straight into: schema current, staff PIN and council key
    set (so neither first-run dialog comes first), pledges sealed as on an event day."""
    from charter_desktop.core.privacy import service as privacy
    from charter_desktop.core.privacy.keys import ScryptCost

    store = Store.open(resolve_paths(folder))
    try:
        with store.db.write() as session:
            if not staff_auth.has_pin(session):
                staff_auth.set_pin(session, BENCH_PIN, actor="benchmark")
        if privacy.store_key(store) is None:
            privacy.create_key(store, BENCH_PASSPHRASE, actor="benchmark", cost=ScryptCost(n=2**10))
            privacy.lock()
        store.current_event()
    finally:
        store.close()
    return folder


def _env() -> dict[str, str]:
    root = str(Path(__file__).resolve().parents[1])
    path = os.environ.get("PYTHONPATH")
    return dict(
        os.environ,
        QT_QPA_PLATFORM="offscreen",
        CHARTER_EXIT_WHEN_SHOWN="1",
        PYTHONPATH=f"{root}{os.pathsep}{path}" if path else root,
    )


def time_to_lines(
    command: list[str], *markers: str, timeout: float = 60.0, env: dict[str, str] | None = None
) -> list[float]:
    """Seconds from spawning `command` to each of its stdout lines containing `markers`
    (in that order); `env` defaults to the offscreen probe's, with this checkout importable."""
    env = _env() if env is None else env
    start = time.perf_counter()
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env
    )
    assert process.stdout is not None
    elapsed: list[float] = []
    try:
        for line in process.stdout:
            if markers[len(elapsed)] in line:
                elapsed.append(time.perf_counter() - start)
                if len(elapsed) == len(markers):
                    break
        else:
            raise RuntimeError(f"{command[:3]} exited without {markers[len(elapsed)]!r}")
        process.wait(timeout=timeout)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    return elapsed


def app_command(folder: Path) -> list[str]:
    return [sys.executable, "-m", "charter_desktop", "--data-dir", str(folder)]


def bare_command() -> list[str]:
    return [sys.executable, "-c", BARE_WINDOW]


APP_LINES = ("kiosk shown", "kiosk ready")


def measure(repeats: int, folder: Path) -> tuple[list[float], list[float], list[float]]:
    """Seconds to (the kiosk shown, the kiosk ready, the bare window shown), interleaved
    runs (app, bare, app, bare, ...) after one untimed warm-up of each, so both see the same
    disk cache and machine load."""
    time_to_lines(app_command(folder), *APP_LINES)
    time_to_lines(bare_command(), "bare window shown")
    shown: list[float] = []
    ready: list[float] = []
    bare: list[float] = []
    for _ in range(repeats):
        app_shown, app_ready = time_to_lines(app_command(folder), *APP_LINES)
        shown.append(app_shown)
        ready.append(app_ready)
        bare.extend(time_to_lines(bare_command(), "bare window shown"))
    return shown, ready, bare


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="charter-start-") as tmp:
        folder = prepare_data_folder(Path(tmp))
        app, ready, bare = measure(args.repeats, folder)
    a, b = statistics.median(app), statistics.median(bare)
    print(f"kiosk shown: median {a * 1000:.0f} ms; bare window: median {b * 1000:.0f} ms; "
          f"ratio {a / b:.2f}x (target within 1.5x and under 1 s); kiosk ready: median "
          f"{statistics.median(ready) * 1000:.0f} ms")  # fmt: skip
    return 0 if a <= 1.5 * b and a < 1.0 else 1


if __name__ == "__main__":
    raise SystemExit(main())
