"""The pledge an attendee is making, gathered screen by screen until it is confirmed."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class PledgeDraft:
    """What the attendee has entered so far. `id` is given when they reach the review, so
    confirming twice submits the same pledge."""

    pledger_type: str = ""
    organisation: str = ""
    actions: list[str] = field(default_factory=list)
    pledge_text: str = ""
    name: str = ""
    email: str = ""
    phone: str = ""
    postcode: str = ""
    consent_contact: bool = False
    consent_publish_name: bool = False
    measures: dict[str, str] = field(default_factory=dict)  # typed numbers, by action id
    id: str | None = None
    notice_version: str | None = None  # the privacy notice shown with the consent boxes

    def to_json(self) -> dict[str, Any]:
        """The draft as pledge JSON for core validation: empty text is left out."""
        data: dict[str, Any] = {
            "pledger_type": self.pledger_type or None,
            "name": self.name,
            "actions": list(self.actions),
            "consent_contact": self.consent_contact,
            "consent_publish_name": self.consent_publish_name,
        }
        for key in ("organisation", "pledge_text", "email", "phone", "postcode"):
            value: str = getattr(self, key)
            if value.strip():
                data[key] = value
        if self.measures:
            data["measures"] = dict(self.measures)
        if self.id is not None:
            data["id"] = self.id
        return data
