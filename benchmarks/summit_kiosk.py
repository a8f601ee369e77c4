"""One kiosk of the summit benchmark (benchmarks/summit.py starts ten): a data folder enrolled
from a kiosk pack, saving one pledge a second as the kiosk's confirm does
(core.kiosk.capture.submit_pledge), and syncing as the app does (ui.schedules.SyncSchedule):
AutoSync.maybe_sync then event_status, on a worker thread, run at once when a pledge is saved
and every interval_seconds otherwise, a run asked for while one is running dropped.

Usage: python benchmarks/summit_kiosk.py DATA_DIR PACK OUT. It enrols, prints "ready", then
reads "START SECONDS OFFSET DRAIN" on stdin: it saves a pledge at START + OFFSET + k
(epoch seconds) for k < SECONDS, keeps its schedule running DRAIN seconds longer, and writes
OUT (JSON): when each pledge was saved, and after every run of the schedule, the event total
it shows and the hub total that rests on.
"""

from __future__ import annotations

import json
import sys
import threading
import time
import uuid
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from charter_desktop.core.enrolment.apply import enrol_from_pack
from charter_desktop.core.kiosk.capture import submit_pledge
from charter_desktop.core.storage.paths import resolve_paths
from charter_desktop.core.storage.settings import get_setting
from charter_desktop.core.store import Store
from charter_desktop.core.sync.auto import AutoSync
from charter_desktop.core.sync.event_total import TOTALS_KEY, event_status
from charter_desktop.core.sync.settings import load_sync_settings_of

DEFAULT_INTERVAL = 30.0  # the app's timer when the kiosk is not enrolled (not the case here)


class Schedule:
    """The app's sync schedule on a thread: `poke` runs it now unless a run is under way."""

    def __init__(self, store: Store, event_id: str) -> None:
        self.store = store
        self.event_id = event_id
        self.auto = AutoSync()
        self.seen: list[tuple[float, int, int | None]] = []
        self.errors: list[str] = []
        self._wake = threading.Event()
        self._busy = False
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        self._thread.join(timeout=60)

    def poke(self) -> None:
        if not self._busy:
            self._wake.set()

    def _interval(self) -> float:
        interval = load_sync_settings_of(self.store).interval_seconds
        return DEFAULT_INTERVAL if interval is None else float(interval)

    def _loop(self) -> None:
        next_tick = time.monotonic() + self._interval()
        while not self._stop.is_set():
            self._wake.wait(timeout=max(0.0, next_tick - time.monotonic()))
            if self._stop.is_set():
                return
            self._wake.clear()
            if time.monotonic() >= next_tick:  # the repeating timer: its next tick
                next_tick += self._interval()
            self._busy = True
            try:
                self._run()
            except Exception as exc:  # noqa: BLE001  the app logs a failed run and goes on
                self.errors.append(f"{type(exc).__name__}: {exc}")
            finally:
                self._busy = False

    def _run(self) -> None:
        self.auto.maybe_sync(self.store)
        status = event_status(self.store)
        with self.store.db.read() as session:
            totals: Any = get_setting(session, TOTALS_KEY)
        entry = totals.get(self.event_id) if isinstance(totals, dict) else None
        hub_total = entry.get("total") if isinstance(entry, dict) else None
        self.seen.append((time.time(), status.event_total, hub_total))


def pledge(index: int) -> dict[str, Any]:
    return {
        "id": str(uuid.uuid4()),
        "name": f"Benchmark Attendee {index}",
        "pledger_type": "resident",
        "actions": ["buy-from-local-area"],
        "consent_publish_name": index % 2 == 0,
    }


def main(argv: list[str]) -> int:
    data_dir, pack, out = (Path(a) for a in argv[1:4])
    store = Store.open(resolve_paths(data_dir))
    try:
        enrolled = enrol_from_pack(store, pack.read_bytes())
        if not enrolled.claimed:
            raise SystemExit(f"{data_dir}: the hub did not take the pack")
        print("ready", flush=True)
        start, seconds, offset, drain = (float(x) for x in sys.stdin.readline().split())
        schedule = Schedule(store, enrolled.event_id)
        schedule.start()
        saved: list[tuple[str, float]] = []
        for k in range(int(seconds)):
            time.sleep(max(0.0, start + offset + k - time.time()))
            data = pledge(k)
            submit_pledge(store, data)
            saved.append((str(data["id"]), time.time()))
            schedule.poke()
        time.sleep(max(0.0, start + seconds + drain - time.time()))
        schedule.stop()
        out.write_text(json.dumps({
            "device_id": store.device_id, "event_id": enrolled.event_id, "saved": saved,
            "seen": schedule.seen, "errors": schedule.errors,
        }), encoding="utf-8")  # fmt: skip
    finally:
        store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
