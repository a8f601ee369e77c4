"""Crash safety: a process saving pledges is killed with SIGKILL at random moments; every
pledge it reported saved is there afterwards, whole, and the database passes integrity_check."""

from __future__ import annotations

import os
import random
import selectors
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from charter_desktop.core.catalogue import load_catalogue
from charter_desktop.core.pledges.validation import validate_pledge
from charter_desktop.core.storage.paths import resolve_paths
from charter_desktop.core.store import Store

SAVER = """
import json, sys
from charter_desktop.core.storage.paths import resolve_paths
from charter_desktop.core.store import Store
store = Store.open(resolve_paths(sys.argv[1]))
n = 0
while True:
    n += 1
    item = {"name": f"Saver {n} Łucja 李娜", "pledger_type": "business",
            "organisation": "Old Town Bakery", "actions": ["buy-from-local-area"],
            "pledge_text": "We will buy locally. " * 20}
    (pledge_id,) = store.add_pledges([item], source="kiosk", actor="kiosk").ids
    sys.stdout.write(pledge_id + "\\n")
    sys.stdout.flush()
"""


def run_round(data_dir: Path, rng: random.Random) -> list[str]:
    """Start a saver, let it report at least one save, kill it at a random moment, and
    return every id it reported."""
    child = subprocess.Popen(
        [sys.executable, "-c", SAVER, str(data_dir)], stdout=subprocess.PIPE, text=True
    )
    assert child.stdout is not None
    reported: list[str] = [child.stdout.readline().strip()]
    deadline = time.monotonic() + rng.uniform(0.0, 0.25)
    selector = selectors.DefaultSelector()
    selector.register(child.stdout, selectors.EVENT_READ)
    while time.monotonic() < deadline:
        if selector.select(timeout=0.005):
            reported.append(child.stdout.readline().strip())
    os.kill(child.pid, signal.SIGKILL)
    rest, _ = child.communicate(timeout=30)
    reported += [line for line in rest.splitlines() if line.strip()]
    assert child.returncode == -signal.SIGKILL
    return [r for r in reported if r]


def check_after_crash(data_dir: Path, reported: set[str], whole: set[str]) -> None:
    """Every reported pledge is stored; each stored pledge not yet in `whole` is whole (every
    field present and valid), and joins it; the database passes integrity_check."""
    paths = resolve_paths(data_dir)
    store = Store.open(paths)  # also runs quick_check
    connection = sqlite3.connect(paths.database)
    try:
        stored = {pledge_id for (pledge_id,) in connection.execute("SELECT id FROM pledges")}
        assert reported <= stored, f"lost {len(reported - stored)} saved pledges"
        assert whole <= stored, f"lost {len(whole - stored)} pledges seen before"
        catalogue = load_catalogue()
        for pledge_id in stored - whole:
            pledge = store.get_pledge(pledge_id)
            assert pledge is not None
            validate_pledge(pledge.to_json(), catalogue)
            assert pledge.pledge_text == ("We will buy locally. " * 20).strip()
            whole.add(pledge_id)
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    finally:
        connection.close()
        store.close()


def crash_rounds(data_dir: Path, rounds: int, seed: int) -> int:
    """Crash a saver `rounds` times, checking after each; then check every pledge once more.
    (Each round validates only the pledges new since the one before: a later crash that damaged
    an older row would fail integrity_check, a lost one the set checks, and the last pass reads
    them all again.)"""
    rng = random.Random(seed)
    reported: set[str] = set()
    whole: set[str] = set()
    for _ in range(rounds):
        reported.update(run_round(data_dir, rng))
        check_after_crash(data_dir, reported, whole)
    check_after_crash(data_dir, reported, set())
    return len(reported)


def test_sigkill_while_saving_never_loses_a_reported_pledge(data_dir: Path) -> None:
    saved = crash_rounds(data_dir, rounds=50, seed=20260514)
    assert saved >= 50


@pytest.mark.slow
def test_sigkill_while_saving_many_more_rounds(data_dir: Path) -> None:
    saved = crash_rounds(data_dir, rounds=200, seed=7)
    assert saved >= 200
