"""UTC time: the only clock the app reads, and parsing of ISO-8601 timestamps."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

# How far a kiosk's clock may run ahead of the hub's before the hub refuses the times it
# stamps on pledges (and the kiosk warns staff): wider than any drift between clock syncs.
CLOCK_TOLERANCE = timedelta(minutes=10)


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
    try:
        return value.astimezone(UTC)
    except OverflowError:  # 0001-01-01 with a positive offset, 9999-12-31 with a negative one
        raise ValueError("timestamp is outside the years 1 to 9999 in UTC") from None


def format_timestamp(value: datetime) -> str:
    """An aware datetime as ISO-8601 UTC with a `Z` suffix, microseconds kept."""
    return value.astimezone(UTC).isoformat().replace("+00:00", "Z")


def describe_offset(offset: timedelta) -> str:
    """`offset` (another clock minus this one) in words: "3 h 12 min behind", "40 min ahead
    of", to the nearest minute."""
    minutes = round(abs(offset).total_seconds() / 60)
    hours, minutes = divmod(minutes, 60)
    days, hours = divmod(hours, 24)
    parts = [f"{n} {unit}" for n, unit in ((days, "d"), (hours, "h"), (minutes, "min")) if n]
    return (
        f"{' '.join(parts) or 'under a minute'} {'behind' if offset > timedelta(0) else 'ahead of'}"
    )
