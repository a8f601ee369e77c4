"""Benchmark: CSV and JSON export of N pledges against a sqlite3 cursor written straight into
csv.writer over the same database, and the staff table's filter (setting a filter until the
model holds the new visible rows and the view has repainted) at N rows.

Usage: python benchmarks/exports.py [--pledges 100000] [--data-dir DIR] [--rounds 5]
Prints app median, baseline median, ratio and target for each measure.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sqlite3
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.staff_filter import filter_times
from charter_desktop.core.exports.service import export_pledges
from charter_desktop.core.pledges.demo import demo_pledges
from charter_desktop.core.pledges.records import PledgeFilter
from charter_desktop.core.storage.paths import resolve_paths
from charter_desktop.core.store import Store


def fill(store: Store, count: int) -> None:
    have = store.count_pledges()
    for start in range(have, count, 20_000):
        batch = demo_pledges(store.catalogue, min(20_000, count - start), seed=start)
        store.add_pledges(batch, source="demo", actor="benchmark")


def raw_csv(database: Path, out: Path) -> None:
    connection = sqlite3.connect(database)
    try:
        with out.open("w", encoding="utf-8", newline="") as handle:
            writer = csv.writer(handle)
            cursor = connection.execute("SELECT * FROM pledges ORDER BY created_at, id")
            writer.writerow([d[0] for d in cursor.description])
            writer.writerows(cursor)
    finally:
        connection.close()


def raw_json(database: Path, out: Path) -> None:
    """The raw library's JSON: every row as an object (actions decoded), streamed to a file."""
    connection = sqlite3.connect(database)
    try:
        with out.open("w", encoding="utf-8") as handle:
            cursor = connection.execute("SELECT * FROM pledges ORDER BY created_at, id")
            names = [d[0] for d in cursor.description]
            handle.write('{"pledges": [')
            for index, row in enumerate(cursor):
                item = dict(zip(names, row, strict=True))
                item["actions"] = json.loads(item["actions"])
                handle.write(",\n" if index else "\n")
                handle.write(json.dumps(item, ensure_ascii=False))
            handle.write("\n]}\n")
    finally:
        connection.close()


def timed(fn: Callable[[], object], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pledges", type=int, default=100_000)
    parser.add_argument("--data-dir", type=Path)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    folder = args.data_dir or Path(tempfile.mkdtemp(prefix="charter-bench-"))
    store = Store.open(resolve_paths(folder))
    fill(store, args.pledges)
    n = store.count_pledges()
    out = Path(tempfile.mkdtemp(prefix="charter-bench-out-"))
    print(f"{n} pledges in {folder}")
    base = timed(lambda: raw_csv(store.paths.database, out / "raw.csv"), args.rounds)
    app_csv = timed(
        lambda: export_pledges(store, "csv", out / "app.csv", PledgeFilter()), args.rounds
    )
    app_json = timed(
        lambda: export_pledges(store, "json", out / "app.json", PledgeFilter()), args.rounds
    )
    print(f"{'measure':34} {'app':>9} {'baseline':>9} {'ratio':>6}  target")
    print(f"{'CSV export':34} {app_csv:8.2f}s {base:8.2f}s {app_csv / base:6.2f}  within 3x")
    print(f"{'JSON export':34} {app_json:8.2f}s {base:8.2f}s {app_json / base:6.2f}  (reported)")
    base_json = timed(lambda: raw_json(store.paths.database, out / "raw.json"), args.rounds)
    print(f"{'JSON export vs raw json':34} {app_json:8.2f}s {base_json:8.2f}s "
          f"{app_json / base_json:6.2f}  within 3x")  # fmt: skip
    for label, seconds in filter_times(store, args.rounds).items():
        print(f"{'filter: ' + label:34} {seconds * 1000:7.1f}ms {'':>9} {'':>6}  under 100 ms")
    try:
        import resource

        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{'peak RSS':34} {rss:7.0f}MB {'':>9} {'':>6}  under 300 MB")
    except ImportError:
        pass
    store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
