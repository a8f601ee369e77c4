"""Saving one pledge: the kiosk's service (validation, current event, duplicate check, the
pledge, its audit line and outbox entry, one durable commit) against a raw sqlite3 insert of
the same fields with its own commit, both on WAL databases with synchronous=FULL.

Each save is timed on its own, the app's and the raw ones taken in turns so both see the same
machine load; the harness reports the 99th percentile (and the JSON keeps the median).
"""

from __future__ import annotations

import json
import sqlite3
import time
import uuid
from pathlib import Path
from typing import Any

from charter_desktop.core.kiosk.capture import submit_pledge
from charter_desktop.core.pledges.demo import demo_pledges
from charter_desktop.core.storage.paths import resolve_paths
from charter_desktop.core.store import Store

WARMUP = 20
RAW_TABLE = """CREATE TABLE IF NOT EXISTS pledges (
    id TEXT PRIMARY KEY, created_at TEXT NOT NULL, updated_at TEXT NOT NULL,
    event_id TEXT NOT NULL, device_id TEXT NOT NULL, pledger_type TEXT NOT NULL,
    name TEXT NOT NULL, organisation TEXT, email TEXT, phone TEXT, postcode TEXT,
    actions TEXT NOT NULL, pledge_text TEXT, consent_contact INTEGER NOT NULL,
    consent_publish_name INTEGER NOT NULL, status TEXT NOT NULL)"""
RAW_INSERT = "INSERT INTO pledges VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"


def percentile(times: list[float], fraction: float) -> float:
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def _raw_row(index: int, data: dict[str, Any]) -> tuple[Any, ...]:
    now = f"2026-05-14T10:{index // 600 % 60:02d}:{index // 10 % 60:02d}Z"
    contact = (data.get("email"), data.get("phone"), data.get("postcode"))
    return (
        *(str(uuid.uuid4()), now, now, "event", "device", data["pledger_type"]),
        *(data["name"], data.get("organisation"), *contact, json.dumps(data["actions"])),
        *(data.get("pledge_text"), int(data["consent_contact"])),
        *(int(data["consent_publish_name"]), "active"),
    )


def _raw_connection(path: Path) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(path, isolation_level=None)
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = FULL")
    connection.execute(RAW_TABLE)
    return connection


def measure(folder: Path, count: int) -> tuple[list[float], list[float]]:
    """Per-save seconds: (the app's service, raw sqlite3), `count` of each after warm-ups."""
    store = Store.open(resolve_paths(folder / "app"))
    raw = _raw_connection(folder / "raw" / "raw.sqlite3")
    try:
        samples = demo_pledges(store.catalogue, count + WARMUP, seed=7)
        app_times, raw_times = [], []
        for index, data in enumerate(samples):
            data.pop("created_at", None)  # the kiosk sends its own id; the service stamps times
            data.pop("updated_at", None)
            row = _raw_row(index, data)
            start = time.perf_counter()
            submit_pledge(store, data)
            app_seconds = time.perf_counter() - start
            start = time.perf_counter()
            raw.execute("BEGIN")
            raw.execute(RAW_INSERT, row)
            raw.execute("COMMIT")
            raw_seconds = time.perf_counter() - start
            if index >= WARMUP:
                app_times.append(app_seconds)
                raw_times.append(raw_seconds)
        return app_times, raw_times
    finally:
        raw.close()
        store.close()
