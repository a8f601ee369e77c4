"""Checking a batch of pledges completely before any of it is stored.

A batch body is hostile until checked: it is decoded strictly (no NaN, no lone surrogates, a
bounded depth), its shape checked, each event range-checked to what both databases hold, and
each pledge validated by core's rules and the hub's clock. Only then does a transaction start,
so a bad batch never commits half of itself. What comes back names items by position and
fields by name, and never repeats a value sent: no name, email or pledge text in an answer.

A pledge from a kiosk with a council key comes sealed: its personal fields in an envelope
the hub checks the shape of (base64, bounded, a readable header) but never opens, its name
only when published, and no email, phone or postcode in clear.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
import uuid
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from typing import Any

from charter_desktop.core.catalogue import Catalogue
from charter_desktop.core.clock import CLOCK_TOLERANCE
from charter_desktop.core.errors import FieldError, ValidationError
from charter_desktop.core.events import EVENT_NAME_MAX, TARGET_MAX
from charter_desktop.core.pledges.validation import PledgeInput, validate_pledge
from charter_desktop.core.privacy import envelope
from charter_desktop.core.text import TextError, clean_line

MAX_RECORDS = 2000
MAX_DEPTH = 12
MAX_KEY_TEXT = 4000
MAX_MESSAGE = 200
# The council passed its Community Wealth Building motion, the charter's start, in 2020.
EARLIEST = datetime(2020, 1, 1, tzinfo=UTC)
REQUIRED_FOR_SYNC = ("id", "created_at", "updated_at", "event_id", "device_id")
BATCH_FIELDS = ("device_id", "public_key", "proof", "events", "pledges", "erased")
_SURROGATE = re.compile("[\ud800-\udfff]")
_SAFE_FIELD = re.compile(r"^[A-Za-z0-9_.\-]{1,64}$")
_QUOTED = re.compile(r"'[^']*'")
SEALED_MAX_BYTES = 16 * 1024
SEALED_FIELDS = ("sealed", "postcode_district")
IN_THE_ENVELOPE = ("email", "phone", "postcode")
_DISTRICT = re.compile(r"^[A-Z]{1,2}[0-9][0-9A-Z]?$")
_PLACEHOLDER_NAME = "(sealed)"  # stands in for an unpublished name while core's rules run


class BadBatch(Exception):
    """The batch as a whole cannot be taken (HTTP 422); nothing of it is stored."""

    def __init__(self, where: str, message: str, status: int = 422) -> None:
        super().__init__(f"{where}: {message}")
        self.where = where
        self.status = status


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a JSON number")


def _check_tree(data: Any) -> None:
    """Walk the decoded JSON without recursion: bounded depth, and valid Unicode throughout."""
    stack: list[tuple[Any, str, int]] = [(data, "body", 0)]
    while stack:
        value, where, depth = stack.pop()
        if depth > MAX_DEPTH:
            raise BadBatch(where, f"is nested deeper than {MAX_DEPTH} levels")
        if isinstance(value, str):
            if _SURROGATE.search(value):
                raise BadBatch(where, "text is not valid Unicode (a lone surrogate)")
        elif isinstance(value, dict):
            for key, item in value.items():
                if _SURROGATE.search(key):
                    raise BadBatch(where, "a field name is not valid Unicode (a lone surrogate)")
                stack.append((item, f"{where}.{safe_field(key)}", depth + 1))
        elif isinstance(value, list):
            stack.extend((item, f"{where}[{n}]", depth + 1) for n, item in enumerate(value))


def decode_body(raw: bytes) -> dict[str, Any]:
    """The batch body as JSON, checked as a tree; BadBatch saying what is wrong if it is not."""
    try:
        data = json.loads(raw.decode("utf-8"), parse_constant=_no_constant)
    except UnicodeDecodeError:
        raise BadBatch("body", "is not UTF-8 text") from None
    except RecursionError:
        raise BadBatch("body", f"is nested deeper than {MAX_DEPTH} levels") from None
    except ValueError as exc:
        message = str(exc) if "not a JSON number" in str(exc) else "is not valid JSON"
        raise BadBatch("body", message) from None
    if not isinstance(data, dict):
        raise BadBatch("body", "must be a JSON object")
    _check_tree(data)
    return data


def safe_field(name: object) -> str:
    """A field name fit to repeat in an answer: as sent if it is a plain name, else a marker."""
    text = str(name)
    return text if _SAFE_FIELD.match(text) else "(unnamed field)"


def plain_message(message: str) -> str:
    """A validation message without the values it quotes (core's messages name an unknown
    action id as sent, which at the hub may be anything, personal data included)."""
    return _QUOTED.sub("(the value sent)", message)[:MAX_MESSAGE]


def _is_uuid(value: Any) -> bool:
    try:
        return isinstance(value, str) and str(uuid.UUID(value)) == value
    except ValueError:
        return False


def rejection(record_id: Any, item: int, errors: Sequence[tuple[str, str]]) -> dict[str, Any]:
    """One refused record: its id only if it is a UUID, the field names, the rules broken."""
    return {
        "id": record_id if _is_uuid(record_id) else None,
        "item": item,
        "errors": [{"field": f, "message": m} for f, m in errors],
    }


@dataclass(frozen=True)
class Sealed:
    """A pledge's personal fields as its kiosk sealed them to the council key, which the hub
    stores as they came and never opens; and the postcode's district, kept in clear."""

    envelope: bytes
    postcode_district: str | None


def _sealed_parts(record: dict[str, Any]) -> tuple[Sealed | None, list[tuple[str, str]]]:
    """The sealed envelope and district a pledge record carries (None for a pledge sent in
    clear), and what is wrong with them."""
    sealed, district = record.get("sealed"), record.get("postcode_district")
    if sealed is None:
        return None, []
    problems = []
    try:
        if not isinstance(sealed, str) or len(sealed) > SEALED_MAX_BYTES * 4 // 3 + 4:
            raise ValueError
        blob = base64.b64decode(sealed, validate=True)
        if len(blob) > SEALED_MAX_BYTES:
            raise ValueError
        envelope.header(blob)
    except (ValueError, binascii.Error):
        problems.append(("sealed", f"must be a sealed envelope (base64, at most "
                                   f"{SEALED_MAX_BYTES // 1024} KiB)"))  # fmt: skip
        blob = b""
    if district is not None and not (isinstance(district, str) and _DISTRICT.match(district)):
        problems.append(("postcode_district", "must be a postcode district such as SG1"))
    for name in IN_THE_ENVELOPE:
        if record.get(name) is not None:
            problems.append((name, "is sealed in the envelope; a sealed pledge never sends it "
                                   "in clear"))  # fmt: skip
    return Sealed(blob, district if isinstance(district, str) else None), problems


def _validate(
    record: Any, catalogue: Catalogue, index: int
) -> tuple[PledgeInput, Sealed | None, list[tuple[str, str]]]:
    """validate_pledge for a record sent in clear or sealed, and the sealed parts' problems.

    A sealed pledge's name is its published name: "" when the attendee did not agree to
    publish it (a name sent without that consent is not kept; the envelope holds it)."""
    if not isinstance(record, dict) or not any(k in record for k in SEALED_FIELDS):
        return validate_pledge(record, catalogue, item=index), None, []
    plain = {k: v for k, v in record.items() if k not in SEALED_FIELDS}
    sealed, problems = _sealed_parts(record)
    named = plain.get("name") not in ("", None)
    if sealed is not None and not named:
        plain["name"] = _PLACEHOLDER_NAME
    try:
        p = validate_pledge(plain, catalogue, item=index)
    except ValidationError as exc:
        more = [FieldError(f, m) for f, m in problems]
        raise ValidationError([*exc.errors, *more], index) from None
    if sealed is not None:
        p = replace(p, name=p.name if named and p.consent_publish_name else "")
    return p, sealed, problems


@dataclass(frozen=True)
class KioskPolicy:
    """What the sending kiosk may send, from its device row: a kiosk enrolled from a pack
    (`sealed_only`) never sends email, phone or postcode in clear; pledges for an event the
    hub made (`hub_events`) come only from a kiosk enrolled for it (`enrolled`)."""

    sealed_only: bool = False
    hub_events: frozenset[str] = frozenset()
    enrolled: frozenset[str] = frozenset()


NOT_ENROLLED_FOR_EVENT = "this kiosk is not enrolled for that event"


def _policy_problems(record: Any, p: PledgeInput, policy: KioskPolicy) -> list[tuple[str, str]]:
    problems = []
    if policy.sealed_only and isinstance(record, dict):
        problems += [(name, "a kiosk enrolled from a pack seals it; it is never sent in clear")
                     for name in IN_THE_ENVELOPE if record.get(name) not in (None, "")]  # fmt: skip
    if p.event_id in policy.hub_events and p.event_id not in policy.enrolled:
        problems.append(("event_id", NOT_ENROLLED_FOR_EVENT))
    return problems


@dataclass
class CheckedBatch:
    """A batch every part of which was checked: what to store, and what was refused."""

    device_id: str
    public_key: str | None = None
    proof: str | None = None
    events: list[dict[str, Any]] = field(default_factory=list)
    pledges: dict[str, PledgeInput] = field(default_factory=dict)  # newest copy of each id
    accepted: list[str] = field(default_factory=list)
    rejected: list[dict[str, Any]] = field(default_factory=list)
    erased: list[str] = field(default_factory=list)
    foreign: list[tuple[int, str]] = field(default_factory=list)  # another device's pledges
    sealed: dict[str, Sealed] = field(default_factory=dict)  # of the stored copy, by pledge id


def _list(data: dict[str, Any], name: str) -> list[Any]:
    value = data.get(name)
    if value is None:
        return []
    if not isinstance(value, list):
        raise BadBatch(name, "must be a list")
    if len(value) > MAX_RECORDS:
        raise BadBatch(name, f"holds {len(value)} items; a batch holds at most {MAX_RECORDS}")
    return value


def _optional_text(data: dict[str, Any], name: str) -> str | None:
    value = data.get(name)
    if value is None or value == "":
        return None
    if not isinstance(value, str) or len(value) > MAX_KEY_TEXT:
        raise BadBatch(name, "must be text")
    return value


def check_event(item: Any, where: str) -> dict[str, Any]:
    """An event description as the hub stores it; BadBatch naming the field otherwise."""
    if not isinstance(item, dict):
        raise BadBatch(where, "must be an object")
    if not _is_uuid(item.get("id")):
        raise BadBatch(f"{where}.id", "must be a UUID")
    texts = {}
    for name in ("name", "place"):
        try:
            texts[name] = clean_line(item.get(name) or "", EVENT_NAME_MAX)
        except TextError as exc:
            raise BadBatch(f"{where}.{name}", str(exc)) from None
    try:
        event_date = date.fromisoformat(item.get("date"))  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise BadBatch(f"{where}.date", "must be a date such as 2026-05-14") from None
    target = item.get("target", 100)
    if isinstance(target, bool) or not isinstance(target, int) or not 1 <= target <= TARGET_MAX:
        raise BadBatch(f"{where}.target", f"must be a whole number from 1 to {TARGET_MAX}")
    return {"id": item["id"], "name": texts["name"] or "(unnamed)", "place": texts["place"],
            "event_date": event_date, "target": target}  # fmt: skip


def _time_problems(p: PledgeInput, now: datetime) -> list[tuple[str, str]]:
    latest = now + CLOCK_TOLERANCE
    problems = []
    for name in ("created_at", "updated_at"):
        value: datetime | None = getattr(p, name)
        if value is None:
            continue
        if value > latest:
            minutes = int(CLOCK_TOLERANCE.total_seconds() // 60)
            problems.append((name, f"is more than {minutes} minutes ahead of the hub's clock "
                                   "(check the kiosk's clock)"))  # fmt: skip
        elif value < EARLIEST:
            problems.append((name, f"is before the charter began ({EARLIEST.year})"))
    return problems


def check_records(
    checked: CheckedBatch,
    catalogue: Catalogue,
    records: Sequence[Any],
    erased_ids: Sequence[Any],
    now: datetime,
    policy: KioskPolicy | None = None,
) -> None:
    """Validate pledges and erasures into `checked`: each refused alone, with its reasons."""
    for index, record in enumerate(records, start=1):
        record_id = record.get("id") if isinstance(record, dict) else None
        try:
            p, sealed, problems = _validate(record, catalogue, index)
        except ValidationError as exc:
            errors = [(safe_field(e.field), plain_message(e.message)) for e in exc.errors]
            checked.rejected.append(rejection(record_id, index, errors))
            continue
        problems += [(n, "is required for a synced pledge") for n in REQUIRED_FOR_SYNC
                     if getattr(p, n) is None]  # fmt: skip
        problems += _time_problems(p, now)
        if policy is not None:
            problems += _policy_problems(record, p, policy)
        if problems:
            checked.rejected.append(rejection(record_id, index, problems))
            continue
        assert p.id is not None and p.updated_at is not None
        if p.device_id != checked.device_id:
            checked.foreign.append((index, p.id))  # kept out of what is stored
            continue
        earlier = checked.pledges.get(p.id)
        if earlier is None or p.updated_at >= (earlier.updated_at or p.updated_at):
            checked.pledges[p.id] = p
            if sealed is None:
                checked.sealed.pop(p.id, None)
            else:
                checked.sealed[p.id] = sealed
        checked.accepted.append(p.id)
    for index, pledge_id in enumerate(erased_ids, start=1):
        if _is_uuid(pledge_id):
            checked.erased.append(pledge_id)
        else:
            checked.rejected.append(rejection(pledge_id, index, [("erased", "must be a UUID")]))


def check_batch(
    data: dict[str, Any], catalogue: Catalogue, now: datetime, policy: KioskPolicy | None = None
) -> CheckedBatch:
    """A decoded sync batch checked whole; BadBatch for anything that refuses all of it.
    Items the sending kiosk may not send (`policy`) are refused one by one."""
    for name in data:
        if name not in BATCH_FIELDS:
            raise BadBatch(safe_field(name), "is not a batch field")
    device_id = data.get("device_id")
    if not _is_uuid(device_id):
        raise BadBatch("device_id", "must be the kiosk's device id (a UUID)")
    checked = CheckedBatch(
        device_id=str(device_id),
        public_key=_optional_text(data, "public_key"),
        proof=_optional_text(data, "proof"),
    )
    events = _list(data, "events")
    checked.events = [check_event(e, f"events[{n}]") for n, e in enumerate(events, start=1)]
    check_records(checked, catalogue, _list(data, "pledges"), _list(data, "erased"), now, policy)
    if checked.foreign:
        items = ", ".join(str(n) for n, _ in checked.foreign[:10])
        raise BadBatch(
            "pledges",
            f"item(s) {items} name another kiosk's device_id; a kiosk sends only its own pledges",
            status=403,
        )
    return checked
