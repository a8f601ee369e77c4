"""The fixed words of the pledge record and the kiosk's queues, as enums. Each is a StrEnum,
so a member is its own text in the database, the interchange JSON and every export
("active" == PledgeStatus.ACTIVE), and the code names a state instead of spelling it.

Pledger types are not here: they come from the council's charter catalogue."""

from __future__ import annotations

from enum import StrEnum


class PledgeStatus(StrEnum):
    ACTIVE = "active"
    WITHDRAWN = "withdrawn"  # by the attendee's request; kept, shown as withdrawn, not counted


class Source(StrEnum):
    """How a pledge reached this kiosk's database."""

    KIOSK = "kiosk"  # an attendee at the kiosk
    CLI = "cli"  # `pledge add`
    PAPER = "paper"  # a paper card typed into the template and imported
    DEMO = "demo"  # `demo`: synthetic pledges
    IMPORT = "import"  # a JSON file from another kiosk


class OutboxState(StrEnum):
    """Where a pledge's latest version is on its way to the hub."""

    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"  # the hub refused it; staff can send it again


class EmailState(StrEnum):
    """Where a certificate email is."""

    PENDING = "pending"
    SENT = "sent"
    FAILED = "failed"
    CANCELLED = "cancelled"  # consent withdrawn, or the pledge erased, before it went


class SmtpSecurity(StrEnum):
    STARTTLS = "starttls"  # port 587
    SSL = "ssl"  # port 465
    NONE = "none"  # only to a server on this machine
