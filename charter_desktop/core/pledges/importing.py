"""Reading pledges from JSON: a single pledge, a list, or a whole `charter-pledges` export."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from charter_desktop.core import events as event_store
from charter_desktop.core.errors import FieldError, ValidationError
from charter_desktop.core.exports.json_export import FORMAT_NAME, FORMAT_VERSION
from charter_desktop.core.pledges import records as pledge_store
from charter_desktop.core.pledges.records import AddResult, BatchRejected
from charter_desktop.core.store import Store


class InputError(ValueError):
    """The input is not JSON, or not a shape `pledge add` takes; the message says which."""


@dataclass(frozen=True)
class PledgeBatch:
    items: list[Any]
    events: list[dict[str, Any]]
    source: str


def parse_pledge_json(text: str) -> PledgeBatch:
    """One pledge object, a list of them, or an export document (which brings its events)."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(
            f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        ) from None
    if isinstance(data, list):
        return PledgeBatch(data, [], "cli")
    if isinstance(data, dict) and "format" in data:
        if data.get("format") != FORMAT_NAME or data.get("version") != FORMAT_VERSION:
            raise InputError(
                f"unsupported document: expected format {FORMAT_NAME!r} version {FORMAT_VERSION}"
            )
        pledges, events = data.get("pledges"), data.get("events", [])
        if not isinstance(pledges, list) or not isinstance(events, list):
            raise InputError("an export document needs a 'pledges' list (and 'events' a list)")
        return PledgeBatch(pledges, events, "import")
    if isinstance(data, dict):
        return PledgeBatch([data], [], "cli")
    raise InputError("expected a pledge object, a list of pledges, or a charter-pledges export")


def _event_error(index: int, message: str) -> ValidationError:
    return ValidationError([FieldError("event", message)], index)


def add_batch(store: Store, batch: PledgeBatch, *, actor: str, partial: bool) -> AddResult:
    """Store a parsed batch in one transaction: its events that are new here, then pledges."""
    default_event = store.current_event()
    with store.db.write() as session:
        for index, event in enumerate(batch.events, start=1):
            if not isinstance(event, dict):
                raise BatchRejected([_event_error(index, "must be an object")], len(batch.events))
            try:
                if event_store.get_event(session, str(event.get("id"))) is None:
                    event_store.create_event(
                        session,
                        event.get("name", ""),
                        date.fromisoformat(event["date"]),
                        place=event.get("place", ""),
                        target=event.get("target", 100),
                        event_id=event["id"],
                        actor=actor,
                    )
            except ValidationError as exc:
                raise BatchRejected(
                    [ValidationError(exc.errors, index)], len(batch.events)
                ) from exc
            except (KeyError, TypeError, ValueError) as exc:
                raise BatchRejected(
                    [_event_error(index, "needs an id and a YYYY-MM-DD date")], len(batch.events)
                ) from exc
        result = pledge_store.add_pledges(
            session,
            store.catalogue,
            batch.items,
            event_id=default_event.id,
            device_id=store.device_id,
            source=batch.source,
            actor=actor,
            partial=partial,
        )
    return result
