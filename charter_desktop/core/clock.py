"""UTC time: the only clock the app reads, and parsing of ISO-8601 timestamps."""

from __future__ import annotations

from datetime import UTC, datetime


def utc_now() -> datetime:
    """The current time, timezone-aware, in UTC."""
    return datetime.now(UTC)


def parse_timestamp(text: str) -> datetime:
    """An ISO-8601 timestamp with an offset (or `Z`) as an aware UTC datetime.

    Raises ValueError for text that is not a timestamp or carries no offset: a time
    without a zone cannot be placed on a kiosk's timeline unambiguously.
    """
    value = datetime.fromisoformat(text.strip())
    if value.tzinfo is None:
        raise ValueError("timestamp has no time zone offset")
    return value.astimezone(UTC)


def format_timestamp(value: datetime) -> str:
    """An aware datetime as ISO-8601 UTC with a `Z` suffix, microseconds kept."""
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")
