"""What a certificate shows, as plain data: the renderer needs nothing else."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

PAPER_SIZES = ("A4", "A5", "Letter")


@dataclass(frozen=True)
class ActionGroup:
    """The chosen actions under one of the charter's benefits, in the charter's order."""

    benefit: str
    actions: tuple[str, ...]


@dataclass(frozen=True)
class CertificateData:
    charter_name: str
    council: str
    name: str
    action_groups: tuple[ActionGroup, ...]
    own_words: str
    event_name: str
    date: date
    reference: str
    qr_url: str
    paper_size: str = "A4"
    organisation: str = ""


def short_reference(pledge_id: str) -> str:
    """A pledge's short reference for people to read out: its id's first 8 hex digits."""
    digits = "".join(c for c in pledge_id if c.isalnum()).upper()[:8]
    return f"{digits[:4]}-{digits[4:]}" if len(digits) > 4 else digits


def long_date(day: date) -> str:
    """14 May 2026, in English as the charter is."""
    return f"{day.day} {day:%B %Y}"
