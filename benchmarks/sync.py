"""Benchmark: 10,000 pledges synced from a kiosk to a real hub process on loopback.

Target (shared/DESIGN.md): under 10 s, and a second sync sends nothing.
Usage: python benchmarks/sync.py [--pledges N] [--db URL]   (default: an SQLite hub file)
"""

from __future__ import annotations

import argparse
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from charter_desktop.core.pledges.demo import demo_pledges
from charter_desktop.core.storage.paths import resolve_paths
from charter_desktop.core.store import Store
from charter_desktop.core.sync.service import run_sync
from charter_desktop.core.sync.settings import SyncSettings

TARGET_SECONDS = 10.0


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_hub(db: str, port: int, logs: Path) -> subprocess.Popen[bytes]:
    command = [sys.executable, "-m", "charter_desktop", "--data-dir", str(logs), "hub", "serve",
               "--db", db, "--port", str(port)]  # fmt: skip
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(600):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/api/v1/health", timeout=1).status_code == 200:
                return process
        except httpx.HTTPError:
            time.sleep(0.1)
    process.kill()
    raise SystemExit("the hub did not start")


def sync_to_new_hub(store: Store, root: Path, db: str | None = None) -> tuple[float, bool]:
    """Seconds for `store`'s first sync to a fresh hub process on loopback, and whether it
    sent every pledge and a second sync sent nothing."""
    db = db or str(root / "hub.sqlite3")
    token = subprocess.run(
        [sys.executable, "-m", "charter_desktop", "--data-dir", str(root / "hub-logs"),
         "hub", "token", "--db", db, "--device", "benchmark"],
        check=True, capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip
    port = free_port()
    hub = start_hub(db, port, root / "hub-logs")
    try:
        settings = SyncSettings(f"http://127.0.0.1:{port}", token)
        pending = store.count_pledges()
        started = time.perf_counter()
        first = run_sync(store, settings)
        seconds = time.perf_counter() - started
        second = run_sync(store, settings)
    finally:
        hub.terminate()
        hub.wait(timeout=30)
    ok = first.ok and first.sent == pending and second.sent == 0 and second.batches == 0
    return seconds, ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pledges", type=int, default=10_000)
    parser.add_argument("--db", help="hub database URL (default: an SQLite file in a temp dir)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        store = Store.open(resolve_paths(root / "kiosk"))
        store.add_pledges(demo_pledges(store.catalogue, args.pledges, seed=1), source="demo",
                          actor="benchmark")  # fmt: skip
        try:
            seconds, ok = sync_to_new_hub(store, root, args.db)
        finally:
            store.close()
    print(f"sync {args.pledges} pledges to the hub on loopback: {seconds:.2f} s "
          f"({args.pledges / seconds:,.0f} pledges/s; target < {TARGET_SECONDS:.0f} s; "
          f"re-sync sends nothing: {ok})")  # fmt: skip
    passed = ok and seconds < TARGET_SECONDS
    print("PASS" if passed else "FAIL")
    return 0 if passed else 1


if __name__ == "__main__":
    raise SystemExit(main())
