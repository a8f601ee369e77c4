"""The kiosk's settings that staff change: idle timeout, printer, paper, certificate URL, and
when the on-screen keyboard shows."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy.orm import Session

from charter_desktop.core.errors import FieldError, ValidationError
from charter_desktop.core.storage import audit
from charter_desktop.core.storage.settings import get_setting, set_setting
from charter_desktop.core.store import Store

SETTING_KEY = "kiosk"
PAPER_SIZES = ("A4", "A5", "Letter")
IDLE_MIN, IDLE_MAX = 20, 600
# "auto": until someone types on a physical keyboard (then not for the rest of that attendee)
KEYBOARD_MODES = ("auto", "on", "off")


@dataclass(frozen=True)
class KioskSettings:
    idle_timeout_seconds: int = 90
    printer_name: str = ""  # empty: the system's default printer
    paper_size: str = "A4"
    certificate_base_url: str = "https://charter.example.org/verify"
    on_screen_keyboard: str = "auto"  # one of KEYBOARD_MODES

    def check(self) -> KioskSettings:
        """Self if every value is in range; raises ValidationError naming each one that is not."""
        errors = []
        if not IDLE_MIN <= self.idle_timeout_seconds <= IDLE_MAX:
            errors.append(
                FieldError("idle_timeout_seconds", f"must be {IDLE_MIN} to {IDLE_MAX} seconds")
            )
        if self.paper_size not in PAPER_SIZES:
            errors.append(FieldError("paper_size", f"must be one of {', '.join(PAPER_SIZES)}"))
        url = urlsplit(self.certificate_base_url)
        if url.scheme not in ("https", "http") or not url.netloc or url.query:
            errors.append(
                FieldError("certificate_base_url", "must be a web address like https://x/verify")
            )
        if len(self.printer_name) > 200 or any(ord(c) < 32 for c in self.printer_name):
            errors.append(FieldError("printer_name", "is not a printer name"))
        if self.on_screen_keyboard not in KEYBOARD_MODES:
            errors.append(
                FieldError("on_screen_keyboard", f"must be one of {', '.join(KEYBOARD_MODES)}")
            )
        if errors:
            raise ValidationError(errors)
        return self


def load_kiosk_settings(session: Session) -> KioskSettings:
    """The stored settings; defaults for anything never set or no longer valid."""
    stored: Any = get_setting(session, SETTING_KEY) or {}
    known = {f.name for f in fields(KioskSettings)}
    values = {k: v for k, v in stored.items() if k in known} if isinstance(stored, dict) else {}
    try:
        return KioskSettings(**values).check()
    except (TypeError, ValidationError):
        return KioskSettings()


def save_kiosk_settings(session: Session, settings: KioskSettings, actor: str = "staff") -> None:
    """Store `settings` (checked first) and audit which values changed."""
    settings.check()
    before = load_kiosk_settings(session)
    changed = {
        name: {"from": old, "to": new}
        for (name, old), new in zip(asdict(before).items(), asdict(settings).values(), strict=True)
        if old != new
    }
    set_setting(session, SETTING_KEY, asdict(settings))
    if changed:
        audit.record(session, actor, "settings.change", details=changed)


def update_kiosk_settings(store: Store, settings: KioskSettings, actor: str = "staff") -> None:
    """Staff saved the kiosk's settings (ValidationError names each value out of range)."""
    with store.db.write() as session:
        save_kiosk_settings(session, settings, actor=actor)
