"""Benchmark: personal data sealed to a council key, at N pledges. Storing the pledges
(sealed against in clear), unlocking (production scrypt cost), reading every pledge with its
sealed fields opened, a CSV export, and the staff table's filter keystroke while unlocked
(sealed names and emails searched in memory).

Usage: python benchmarks/privacy.py [--pledges 100000] [--rounds 5]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.exports import fill, timed
from benchmarks.staff_filter import filter_times
from charter_desktop.core.exports.service import export_pledges
from charter_desktop.core.pledges.records import PledgeFilter
from charter_desktop.core.privacy import service
from charter_desktop.core.storage.paths import resolve_paths
from charter_desktop.core.store import Store

PASSPHRASE = "benchmark passphrase for the council key"


def bench_typing(store: Store, texts: tuple[str, ...]) -> list[tuple[str, float]]:
    """Each keystroke of a search typed letter by letter, as staff type it."""
    from PySide6.QtWidgets import QApplication

    from charter_desktop.core.staff.query import StaffFilter
    from charter_desktop.ui.staff.console import StaffConsole

    app = QApplication.instance() or QApplication([])
    console = StaffConsole(store)
    console.resize(1280, 800)
    console.show()
    page = console.pledges
    app.processEvents()
    results = []
    for text in texts:
        start = time.perf_counter()
        page.model.set_filter(StaffFilter(search=text))
        page.table.viewport().repaint()
        results.append((text, time.perf_counter() - start))
    console.close()
    return results


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pledges", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    plain = Store.open(resolve_paths(Path(tempfile.mkdtemp(prefix="charter-bench-plain-"))))
    start = time.perf_counter()
    fill(plain, args.pledges)
    plain_fill = time.perf_counter() - start
    plain.close()
    keyed = Store.open(resolve_paths(Path(tempfile.mkdtemp(prefix="charter-bench-keyed-"))))
    start = time.perf_counter()
    service.create_key(keyed, PASSPHRASE, actor="benchmark")  # production scrypt cost
    create = time.perf_counter() - start
    service.lock()
    start = time.perf_counter()
    fill(keyed, args.pledges)
    keyed_fill = time.perf_counter() - start
    start = time.perf_counter()
    service.unlock(keyed, PASSPHRASE)
    unlock = time.perf_counter() - start
    read_all = timed(keyed.list_pledges, args.rounds)
    out = Path(tempfile.mkdtemp(prefix="charter-bench-out-"))
    csv_time = timed(lambda: export_pledges(keyed, "csv", out / "a.csv", PledgeFilter()), 3)
    n = keyed.count_pledges()
    print(f"{n} pledges")
    print(f"{'store all, in clear':40} {plain_fill:8.2f}s")
    print(f"{'store all, sealed':40} {keyed_fill:8.2f}s  ratio {keyed_fill / plain_fill:.2f}")
    print(f"{'make a council key (scrypt 2^17)':40} {create:8.2f}s")
    print(f"{'unlock (scrypt 2^17)':40} {unlock:8.2f}s")
    print(f"{'read every pledge, sealed fields opened':40} {read_all:8.2f}s")
    print(f"{'CSV export, unlocked':40} {csv_time:8.2f}s")
    start = time.perf_counter()
    from charter_desktop.core.privacy import search_index

    with keyed.db.read() as session:
        search_index.matching_rowids(session, ["x"])
    print(f"{'search index built (first search)':40} {time.perf_counter() - start:8.2f}s")
    for label, seconds in filter_times(keyed, args.rounds).items():
        print(f"{'filter (unlocked): ' + label:40} {seconds * 1000:7.1f}ms  under 100 ms")
    for text, seconds in bench_typing(keyed, ("p", "pa", "pat", "pate", "patel")):
        print(f"{'typing (unlocked): ' + text:40} {seconds * 1000:7.1f}ms  under 100 ms")
    keyed.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
