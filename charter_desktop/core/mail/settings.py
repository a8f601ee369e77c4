"""The council's mail server for certificate emails, kept in the kiosk database (the
password sealed to the council key when the folder has one: core.privacy.secrets)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields, replace
from typing import Any

from sqlalchemy.orm import Session

from charter_desktop.core.errors import FieldError, ValidationError
from charter_desktop.core.hosts import LOOPBACK_HOSTS
from charter_desktop.core.privacy import secrets
from charter_desktop.core.storage import audit, setting_keys
from charter_desktop.core.storage.settings import get_setting
from charter_desktop.core.store import Store
from charter_desktop.core.terms import SmtpSecurity

SETTING_KEY = setting_keys.SMTP
MAIL_WAITS_FOR_UNLOCK = (
    "the mail server's password is sealed to the council key: unlock with the staff "
    "passphrase; if it still does not open (the server was changed outside the staff area), "
    "type it again"
)
SECURITY = tuple(SmtpSecurity)


@dataclass(frozen=True)
class SmtpSettings:
    """`security`: starttls (port 587), ssl (port 465) or none (only to this machine)."""

    host: str = ""
    port: int = 587
    security: str = SmtpSecurity.STARTTLS
    username: str = ""
    password: str = ""
    from_address: str = ""
    from_name: str = "Charter pledges"
    ca_file: str = ""  # a CA certificate file, for a mail server with a council-issued cert
    # A password is stored, sealed, and this process has not had the council key to open it.
    password_locked: bool = False

    @property
    def configured(self) -> bool:
        return bool(self.host and self.from_address)

    def check(self) -> SmtpSettings:
        errors = []
        if not self.host or any(c.isspace() for c in self.host):
            errors.append(FieldError("host", "must be the mail server's name"))
        if not 1 <= self.port <= 65535:
            errors.append(FieldError("port", "must be 1 to 65535"))
        if self.security not in SECURITY:
            errors.append(FieldError("security", f"must be one of {', '.join(SECURITY)}"))
        elif self.security == SmtpSecurity.NONE and self.host not in LOOPBACK_HOSTS:
            errors.append(FieldError("security", "must be starttls or ssl for another machine"))
        if "@" not in self.from_address or any(c.isspace() for c in self.from_address):
            errors.append(FieldError("from_address", "must be an email address"))
        if errors:
            raise ValidationError(errors)
        return self

    def __repr__(self) -> str:  # never show the password in logs or tracebacks
        return f"SmtpSettings(host={self.host!r}, port={self.port}, security={self.security!r})"


def _stored(session: Session) -> dict[str, Any]:
    stored: Any = get_setting(session, SETTING_KEY) or {}
    return stored if isinstance(stored, dict) else {}


def load_smtp_settings(session: Session) -> SmtpSettings:
    stored = _stored(session)
    known = {f.name for f in fields(SmtpSettings)} - {"password_locked"}
    values = {k: v for k, v in stored.items() if k in known}
    password = secrets.secret_of(SETTING_KEY, stored)
    values["password"] = password or ""
    try:
        return SmtpSettings(**values, password_locked=password is None)
    except TypeError:
        return SmtpSettings()


def load_smtp_settings_of(store: Store) -> SmtpSettings:
    """Staff opened the mail server's settings (the password only while it opens here)."""
    with store.db.read() as session:
        return load_smtp_settings(session)


def save_smtp_settings(session: Session, settings: SmtpSettings, actor: str = "staff") -> None:
    """Store checked settings; an empty password keeps the stored one (staff retype it only
    to change it). The password is sealed when the folder has a council key; the audit log
    names the fields changed, never their values."""
    settings.check()
    values = asdict(settings)
    del values["password_locked"]
    changed = secrets.store_setting(session, SETTING_KEY, values)
    if changed:
        audit.record(session, actor, "smtp.settings", details={"changed": changed})


def update_smtp_settings(
    store: Store,
    *,
    host: str,
    port: int,
    security: str,
    username: str,
    password: str,
    from_address: str,
    from_name: str,
    actor: str = "staff",
) -> None:
    """Staff saved the mail server's settings. Text is trimmed; an empty password keeps the
    stored one and an empty sender name the stored name; what the form does not show (the CA
    file) stays. ValidationError names each value that is not usable."""
    with store.db.write() as session:
        stored = load_smtp_settings(session)
        settings = replace(
            stored,
            host=host.strip(),
            port=port,
            security=security,
            username=username.strip(),
            password=password,
            from_address=from_address.strip(),
            from_name=from_name.strip() or stored.from_name,
        )
        save_smtp_settings(session, settings, actor=actor)


def configure_mail(store: Store, changes: dict[str, Any], actor: str = "cli") -> SmtpSettings:
    """Staff set the mail server from the command line: each field in `changes` replaces the
    stored one, the rest stay. Returns the settings now stored (ValidationError: nothing
    changed)."""
    with store.db.write() as session:
        settings = replace(load_smtp_settings(session), **changes)
        save_smtp_settings(session, settings, actor=actor)
        return settings
