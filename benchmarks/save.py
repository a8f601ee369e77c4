"""Saving one pledge: the kiosk's service (validation, current event, duplicate check, the
pledge, its audit line and outbox entry, one durable commit) against a raw sqlite3 insert of
the same fields with its own commit, both on WAL databases with synchronous=FULL.

Each save is timed on its own; the harness reports the median and the 99th percentile.
"""

from __future__ import annotations

import json
import sqlite3
import time
import uuid
from pathlib import Path
from typing import Any

from charter_desktop.core.demo import demo_pledges
from charter_desktop.core.kiosk import submit_pledge
from charter_desktop.core.paths import resolve_paths
from charter_desktop.core.store import Store

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


def _samples(store: Store, count: int) -> list[dict[str, Any]]:
    pledges = demo_pledges(store.catalogue, count, seed=7)
    for pledge in pledges:  # the kiosk sends its own id, and the service stamps the times
        pledge.pop("created_at", None)
        pledge.pop("updated_at", None)
    return pledges


def app_save_times(folder: Path, count: int) -> list[float]:
    store = Store.open(resolve_paths(folder))
    try:
        samples = _samples(store, count + 20)
        for warm in samples[:20]:
            submit_pledge(store, warm)
        times = []
        for data in samples[20:]:
            start = time.perf_counter()
            submit_pledge(store, data)
            times.append(time.perf_counter() - start)
        return times
    finally:
        store.close()


def raw_save_times(folder: Path, samples: list[dict[str, Any]]) -> list[float]:
    folder.mkdir(parents=True, exist_ok=True)
    connection = sqlite3.connect(folder / "raw.sqlite3", isolation_level=None)
    try:
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("PRAGMA synchronous = FULL")
        connection.execute(RAW_TABLE)
        times = []
        for index, data in enumerate(samples):
            now = f"2026-05-14T10:{index // 600 % 60:02d}:{index // 10 % 60:02d}Z"
            contact = (data.get("email"), data.get("phone"), data.get("postcode"))
            row = (
                *(str(uuid.uuid4()), now, now, "event", "device", data["pledger_type"]),
                *(data["name"], data.get("organisation"), *contact, json.dumps(data["actions"])),
                *(data.get("pledge_text"), int(data["consent_contact"])),
                *(int(data["consent_publish_name"]), "active"),
            )
            start = time.perf_counter()
            connection.execute("BEGIN")
            connection.execute(RAW_INSERT, row)
            connection.execute("COMMIT")
            times.append(time.perf_counter() - start)
        return times[20:]
    finally:
        connection.close()


def measure(folder: Path, count: int) -> tuple[list[float], list[float]]:
    """Per-save times: (the app's service, raw sqlite3), `count` of each after 20 warm-ups."""
    app = app_save_times(folder / "app", count)
    store = Store.open(resolve_paths(folder / "samples"))
    try:
        samples = _samples(store, count + 20)
    finally:
        store.close()
    raw = raw_save_times(folder / "raw", samples)
    return app, raw
