"""The JSON export: `{"format": "charter-pledges", "version": 1, ...}` as in shared/DESIGN.md."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import datetime
from typing import IO, Any

from charter_desktop.core.clock import format_timestamp
from charter_desktop.core.events import Event

FORMAT_NAME = "charter-pledges"
FORMAT_VERSION = 1


def event_json(event: Event) -> dict[str, object]:
    return {
        "id": event.id,
        "name": event.name,
        "place": event.place,
        "date": event.event_date.isoformat(),
        "target": event.target,
    }


def write_json(
    out: IO[str],
    pledges: Iterable[dict[str, Any]],
    *,
    device_id: str,
    exported_at: datetime,
    events: Iterable[Event] = (),
) -> int:
    """Write the export document to `out`, one pledge (its JSON) at a time; returns how many."""
    header = {
        "format": FORMAT_NAME,
        "version": FORMAT_VERSION,
        "exported_at": format_timestamp(exported_at),
        "device_id": device_id,
        "events": [event_json(e) for e in events],
    }
    head = json.dumps(header, ensure_ascii=False, indent=1)
    out.write(head[: head.rindex("}")].rstrip() + ',\n "pledges": [')
    count = 0
    for pledge in pledges:
        out.write(",\n  " if count else "\n  ")
        out.write(json.dumps(pledge, ensure_ascii=False))
        count += 1
    out.write("\n ]\n}\n")
    return count
