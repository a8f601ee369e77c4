"""Where this kiosk syncs to: the hub's URL and the device token, kept in the kiosk database."""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy.orm import Session

from charter_desktop.core import audit
from charter_desktop.core.settings import get_setting, set_setting
from charter_desktop.core.sync.tls import normalise_pin
from charter_desktop.core.validation import FieldError, ValidationError

SETTING_KEY = "sync"
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")


@dataclass(frozen=True)
class SyncSettings:
    """`hub_url` is the hub's base address; `token` the device token `hub token` printed."""

    hub_url: str = ""
    token: str = ""
    allow_http: bool = False  # plain http to a host other than this machine
    automatic: bool = True  # the running app tries by itself, backing off while offline
    ca_file: str = ""  # trust the hub's certificate through this CA (or the certificate itself)
    pin: str = ""  # trust exactly the hub certificate with this SHA-256 fingerprint

    @property
    def configured(self) -> bool:
        return bool(self.hub_url and self.token)

    def check(self) -> SyncSettings:
        url = urlsplit(self.hub_url)
        errors = []
        if url.scheme.lower() not in ("https", "http") or not url.hostname:
            errors.append(FieldError("url", "must be the hub's address, like https://hub.example"))
        elif url.scheme == "http" and url.hostname not in LOOPBACK_HOSTS and not self.allow_http:
            errors.append(
                FieldError(
                    "url",
                    "must use https (plain http is only for this machine, or with --allow-http)",
                )
            )
        if not self.token or len(self.token) > 200 or not self.token.isascii():
            errors.append(FieldError("token", "must be the device token `hub token` printed"))
        if self.pin and normalise_pin(self.pin) is None:
            errors.append(
                FieldError("pin", "must be the hub certificate's SHA-256 fingerprint (AB:CD:...)")
            )
        if self.ca_file and not Path(self.ca_file).is_file():
            errors.append(FieldError("ca_file", f"{self.ca_file} is not a file"))
        if (self.pin or self.ca_file) and url.scheme.lower() != "https":
            errors.append(
                FieldError("url", "must use https when a certificate pin or CA file is given")
            )
        if errors:
            raise ValidationError(errors)
        return self

    def __repr__(self) -> str:  # never show the token in logs or tracebacks
        return f"SyncSettings(hub_url={self.hub_url!r}, allow_http={self.allow_http})"


def load_sync_settings(session: Session) -> SyncSettings:
    stored: Any = get_setting(session, SETTING_KEY) or {}
    if not isinstance(stored, dict):
        return SyncSettings()
    return SyncSettings(
        hub_url=str(stored.get("hub_url", "")),
        token=str(stored.get("token", "")),
        allow_http=bool(stored.get("allow_http", False)),
        automatic=bool(stored.get("automatic", True)),
        ca_file=str(stored.get("ca_file", "")),
        pin=str(stored.get("pin", "")),
    )


def save_sync_settings(session: Session, settings: SyncSettings, actor: str = "staff") -> None:
    """Store checked settings; the audit log records which changed, never the token."""
    settings.check()
    before = load_sync_settings(session)
    changed = [k for k, v in asdict(settings).items() if asdict(before)[k] != v]
    set_setting(session, SETTING_KEY, asdict(settings))
    if changed:
        audit.record(session, actor, "sync.settings", details={"changed": changed})


def merged(
    settings: SyncSettings,
    url: str | None,
    token: str | None,
    *,
    allow_http: bool | None = None,
    ca_file: str | None = None,
    pin: str | None = None,
) -> SyncSettings:
    """`settings` with each value given here replacing the stored one."""
    return replace(
        settings,
        hub_url=url if url is not None else settings.hub_url,
        token=token if token is not None else settings.token,
        allow_http=allow_http if allow_http is not None else settings.allow_http,
        ca_file=ca_file if ca_file is not None else settings.ca_file,
        pin=pin if pin is not None else settings.pin,
    )
