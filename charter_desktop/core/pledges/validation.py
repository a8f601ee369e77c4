"""Checks a pledge from any source (kiosk, CLI, paper card, sync) and normalises its fields."""

from __future__ import annotations

import math
import re
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from charter_desktop.core.catalogue import Catalogue
from charter_desktop.core.clock import parse_timestamp
from charter_desktop.core.errors import FieldError, ValidationError
from charter_desktop.core.terms import PledgeStatus
from charter_desktop.core.text import TextError, clean_line, clean_multiline

NAME_MAX = 100
ORGANISATION_MAX = 200
EMAIL_MAX = 254
PHONE_MAX = 32
POSTCODE_MAX = 10
PLEDGE_STATUSES = tuple(PledgeStatus)

PLEDGE_FIELDS = (
    "id", "created_at", "updated_at", "event_id", "device_id", "pledger_type", "name",
    "organisation", "email", "phone", "postcode", "actions", "pledge_text",
    "consent_contact", "consent_publish_name", "status", "measures",
)  # fmt: skip


def record_of(pledge: Any) -> dict[str, Any]:
    """The record fields of `pledge` (a PledgeInput or a stored Pledge), in PLEDGE_FIELDS
    order, the one list every row, JSON object and export column derives from: actions as
    a list, measures as a dict."""
    values = {name: getattr(pledge, name) for name in PLEDGE_FIELDS}
    values["actions"] = list(values["actions"])
    values["measures"] = dict(values["measures"] or {})
    return values


_EMAIL = re.compile(r"^[^@\s]{1,64}@[^@\s.]+(\.[^@\s.]+)+$")
_PHONE_CHARS = re.compile(r"^\+?[0-9 ()\-]+$")
_POSTCODE = re.compile(r"^([A-Z]{1,2}[0-9][A-Z0-9]?)([0-9][A-Z]{2})$")


@dataclass(frozen=True)
class PledgeInput:
    """A pledge that passed validation, every field normalised. Unset ids and times are None."""

    pledger_type: str
    name: str
    actions: tuple[str, ...] = ()
    pledge_text: str | None = None
    organisation: str | None = None
    email: str | None = None
    phone: str | None = None
    postcode: str | None = None
    consent_contact: bool = False
    consent_publish_name: bool = False
    status: str = PledgeStatus.ACTIVE
    id: str | None = None
    event_id: str | None = None
    device_id: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None
    measures: dict[str, float] = field(default_factory=dict)


@dataclass
class _Checker:
    data: dict[str, Any]
    errors: list[FieldError] = field(default_factory=list)

    def fail(self, name: str, message: str) -> None:
        self.errors.append(FieldError(name, message))

    def text(self, name: str, max_length: int, *, multiline: bool = False) -> str | None:
        value = self.data.get(name)
        if value is None:
            return None
        try:
            text = (clean_multiline if multiline else clean_line)(value, max_length)
        except TextError as exc:
            self.fail(name, str(exc))
            return None
        return text or None

    def boolean(self, name: str) -> bool:
        value = self.data.get(name, False)
        if value is None:
            return False
        if not isinstance(value, bool):
            self.fail(name, "must be true or false")
            return False
        return value

    def uuid(self, name: str) -> str | None:
        value = self.data.get(name)
        if value is None:
            return None
        try:
            if not isinstance(value, str):
                raise ValueError
            return str(uuid.UUID(value))
        except ValueError:
            self.fail(name, "must be a UUID such as 123e4567-e89b-42d3-a456-426614174000")
            return None

    def timestamp(self, name: str) -> datetime | None:
        value = self.data.get(name)
        if value is None:
            return None
        try:
            if not isinstance(value, str):
                raise ValueError("not text")
            return parse_timestamp(value)
        except ValueError:
            self.fail(name, "must be an ISO-8601 time with a zone, e.g. 2026-05-14T10:30:00Z")
            return None


def _email(checker: _Checker) -> str | None:
    email = checker.text("email", EMAIL_MAX)
    if email is not None and not _EMAIL.match(email):
        checker.fail("email", "is not an email address (expected name@example.org)")
        return None
    return email


def _phone(checker: _Checker) -> str | None:
    phone = checker.text("phone", PHONE_MAX)
    if phone is None:
        return None
    digits = sum(c.isdigit() for c in phone)
    if not _PHONE_CHARS.match(phone) or not 7 <= digits <= 15:
        checker.fail("phone", "is not a phone number (digits, spaces, + ( ) - only)")
        return None
    return phone


def _postcode(checker: _Checker) -> str | None:
    postcode = checker.text("postcode", POSTCODE_MAX)
    if postcode is None:
        return None
    compact = postcode.upper().replace(" ", "")
    match = _POSTCODE.match(compact)
    if match is None:
        checker.fail("postcode", "is not a UK postcode (for example SG1 1HN)")
        return None
    return f"{match.group(1)} {match.group(2)}"


def _actions(checker: _Checker, catalogue: Catalogue) -> tuple[str, ...]:
    value = checker.data.get("actions")
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(a, str) for a in value):
        checker.fail("actions", "must be a list of action ids from the charter catalogue")
        return ()
    unknown = [a for a in value if a not in catalogue.actions]
    if unknown:
        checker.fail("actions", f"unknown action id '{unknown[0]}' (see `catalogue --json`)")
        return ()
    if len(set(value)) != len(value):
        checker.fail("actions", "lists the same action more than once")
        return ()
    return tuple(value)


def _number(value: Any) -> float | None:
    """A JSON number (or number text, as a spreadsheet cell gives it), else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        number = float(value)
    elif isinstance(value, str):
        try:
            number = float(value.strip())
        except ValueError:
            return None
    else:
        return None
    return number if math.isfinite(number) else None


def _measures(
    checker: _Checker, catalogue: Catalogue, actions: tuple[str, ...]
) -> dict[str, float]:
    """The optional quantities given for chosen actions, `{action_id: number}`."""
    value = checker.data.get("measures")
    if value is None or any(e.field == "actions" for e in checker.errors):
        return {}  # with the actions refused, which measures belong is unknown
    if not isinstance(value, dict):
        checker.fail("measures", "must be an object of action id to number")
        return {}
    result: dict[str, float] = {}
    for action_id, raw in value.items():
        where = f"measures.{action_id}"
        measure = catalogue.measures.get(action_id)
        if action_id not in catalogue.actions:
            checker.fail(where, "is not an action in the charter catalogue")
        elif measure is None:
            checker.fail(where, "this action has no measure in the charter catalogue")
        elif action_id not in actions:
            checker.fail(where, "is only kept for an action chosen in this pledge")
        elif raw is None:
            continue
        elif (number := _number(raw)) is None:
            checker.fail(where, f"must be a number of {measure.unit}")
        elif number < 0:
            checker.fail(where, "cannot be negative")
        elif number > measure.maximum:
            checker.fail(where, f"must be at most {measure.maximum:g} {measure.unit}")
        else:
            rounded = round(number, 2)
            result[action_id] = int(rounded) if rounded.is_integer() else rounded
    return result


def validate_pledge(data: Any, catalogue: Catalogue, item: int | None = None) -> PledgeInput:
    """The pledge in `data` (decoded JSON), normalised; raises ValidationError naming each bad
    field. Only `name`, `pledger_type` and one of `actions`/`pledge_text` are required."""
    if not isinstance(data, dict):
        raise ValidationError([FieldError("pledge", "must be a JSON object")], item)
    checker = _Checker(data)
    for key in data:
        if key not in PLEDGE_FIELDS:
            checker.fail(str(key), "is not a pledge field")

    name = checker.text("name", NAME_MAX)
    if name is None and not any(e.field == "name" for e in checker.errors):
        checker.fail("name", "is required (a display name for the certificate)")
    pledger_type = data.get("pledger_type")
    if pledger_type not in catalogue.pledger_type_ids:
        choices = ", ".join(catalogue.pledger_type_ids)
        checker.fail("pledger_type", f"must be one of {choices}")
    actions = _actions(checker, catalogue)
    pledge_text = checker.text("pledge_text", catalogue.own_words.max_length, multiline=True)
    if (
        not actions
        and pledge_text is None
        and not any(e.field in ("actions", "pledge_text") for e in checker.errors)
    ):
        checker.fail("actions", "choose at least one action or write a pledge in your own words")

    consent_contact = checker.boolean("consent_contact")
    email, phone = _email(checker), _phone(checker)
    for contact_field, value in (("email", email), ("phone", phone)):
        if value is not None and not consent_contact:
            checker.fail(contact_field, "is only kept with consent to contact (consent_contact)")

    status = data.get("status", PledgeStatus.ACTIVE)
    if status not in PLEDGE_STATUSES:
        checker.fail("status", "must be active or withdrawn")
    created_at, updated_at = checker.timestamp("created_at"), checker.timestamp("updated_at")
    if created_at and updated_at and updated_at < created_at:
        checker.fail("updated_at", "is earlier than created_at")

    result = PledgeInput(
        pledger_type=str(pledger_type),
        name=name or "",
        actions=actions,
        pledge_text=pledge_text,
        organisation=checker.text("organisation", ORGANISATION_MAX),
        email=email,
        phone=phone,
        postcode=_postcode(checker),
        consent_contact=consent_contact,
        consent_publish_name=checker.boolean("consent_publish_name"),
        status=str(status),
        id=checker.uuid("id"),
        event_id=checker.uuid("event_id"),
        device_id=checker.uuid("device_id"),
        created_at=created_at,
        updated_at=updated_at,
        measures=_measures(checker, catalogue, actions),
    )
    if checker.errors:
        raise ValidationError(checker.errors, item)
    return result
