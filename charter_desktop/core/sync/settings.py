"""Where this kiosk syncs to and how it proves who it is, kept in the kiosk database.

A kiosk set up by hand holds the hub's URL and a device token (`auth` "token"; the token
sealed to the council key when the folder has one: core.privacy.secrets). A kiosk enrolled
from a kiosk pack (core.enrolment) holds no token: it signs each request with its own key
(`auth` "device", core.sync.request_auth), trusts the hub by the pack's certificate pin, and
syncs every `interval_seconds` while something is queued."""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy.orm import Session

from charter_desktop.core.errors import FieldError, ValidationError
from charter_desktop.core.hosts import LOOPBACK_HOSTS
from charter_desktop.core.privacy import secrets
from charter_desktop.core.storage import audit, setting_keys
from charter_desktop.core.storage.settings import get_setting, set_setting
from charter_desktop.core.store import Store
from charter_desktop.core.sync.tls import normalise_pin

SETTING_KEY = setting_keys.SYNC
AUTH_TOKEN = "token"  # noqa: S105 - the name of a way to authenticate, not a secret
AUTH_DEVICE = "device"
AUTH_KINDS = (AUTH_TOKEN, AUTH_DEVICE)
INTERVAL_MAX = 3600
SYNC_WAITS_FOR_UNLOCK = (
    "the hub token is sealed to the council key: unlock with the staff passphrase (in the "
    "staff area, or --passphrase-file / CHARTER_PASSPHRASE), then sync"
)
SYNC_RETYPE_NEEDED = (
    "the stored hub token does not open for this hub address (was the address changed outside "
    "the staff area?): type the token again"
)


@dataclass(frozen=True)
class SyncSettings:
    """`hub_url` is the hub's base address; `token` the device token `hub token` printed
    (none with `auth` "device": requests are signed with the kiosk's key)."""

    hub_url: str = ""
    token: str = ""
    allow_http: bool = False  # plain http to a host other than this machine
    automatic: bool = True  # the running app tries by itself, backing off while offline
    ca_file: str = ""  # trust the hub's certificate through this CA (or the certificate itself)
    pin: str = ""  # trust exactly the hub certificate with this SHA-256 fingerprint
    # A token is stored, sealed, and this process has not had the council key to open it.
    token_locked: bool = False
    auth: str = AUTH_TOKEN  # "token", or "device" for a kiosk enrolled from a pack
    # How often the running app syncs while something is queued, and refreshes the event's
    # totals otherwise (enrolled kiosks); None: the app's own schedule, backing off.
    interval_seconds: int | None = None

    @property
    def device_auth(self) -> bool:
        return self.auth == AUTH_DEVICE

    @property
    def configured(self) -> bool:
        if self.device_auth:
            return bool(self.hub_url)
        return bool(self.hub_url and (self.token or self.token_locked))

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
        if self.auth not in AUTH_KINDS:
            errors.append(FieldError("auth", f"must be one of {', '.join(AUTH_KINDS)}"))
        bad_token = not self.token or len(self.token) > 200 or not self.token.isascii()
        if bad_token and not self.device_auth and not (self.token_locked and not self.token):
            errors.append(FieldError("token", "must be the device token `hub token` printed"))
        interval = self.interval_seconds
        if interval is not None and (
            isinstance(interval, bool) or not isinstance(interval, int)
            or not 1 <= interval <= INTERVAL_MAX
        ):  # fmt: skip
            errors.append(
                FieldError("interval_seconds", f"must be a whole number from 1 to {INTERVAL_MAX}")
            )
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
        return (
            f"SyncSettings(hub_url={self.hub_url!r}, allow_http={self.allow_http}, "
            f"auth={self.auth!r})"
        )


def _stored(session: Session) -> dict[str, Any]:
    stored: Any = get_setting(session, SETTING_KEY) or {}
    return stored if isinstance(stored, dict) else {}


def _interval(value: Any) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= INTERVAL_MAX:
        return None
    return value


def load_sync_settings(session: Session) -> SyncSettings:
    stored = _stored(session)
    auth = str(stored.get("auth") or AUTH_TOKEN)
    token = "" if auth == AUTH_DEVICE else secrets.secret_of(SETTING_KEY, stored)
    return SyncSettings(
        hub_url=str(stored.get("hub_url", "")),
        token=token or "",
        allow_http=bool(stored.get("allow_http", False)),
        automatic=bool(stored.get("automatic", True)),
        ca_file=str(stored.get("ca_file", "")),
        pin=str(stored.get("pin", "")),
        token_locked=token is None,
        auth=auth,
        interval_seconds=_interval(stored.get("interval_seconds")),
    )


def load_sync_settings_of(store: Store) -> SyncSettings:
    """Staff opened the hub settings (the token only while it opens here)."""
    with store.db.read() as session:
        return load_sync_settings(session)


def save_sync_settings(session: Session, settings: SyncSettings, actor: str = "staff") -> None:
    """Store checked settings; an empty token keeps the stored one (staff retype a token
    only to change it). The token is sealed when the folder has a council key; the audit
    log records which settings changed, never the token. Settings with `auth` "device" keep
    no token: one stored before is dropped."""
    before = _stored(session)
    kept = str(before.get("token", "") or "")
    if not settings.token and kept and not settings.device_auth:
        settings = replace(settings, token_locked=True)
    settings.check()
    values = asdict(settings)
    del values["token_locked"]
    if settings.device_auth:
        values["token"] = ""
        set_setting(session, SETTING_KEY, values)
        changed = [name for name, now in values.items() if before.get(name) != now]
    else:
        changed = secrets.store_setting(session, SETTING_KEY, values)
    if changed:
        audit.record(session, actor, "sync.settings", details={"changed": changed})


def update_sync_settings(
    store: Store, *, hub_url: str, token: str, pin: str, automatic: bool, actor: str = "staff"
) -> None:
    """Staff saved the hub settings. Text is trimmed; an empty token keeps the stored one;
    what the form does not show (plain http, the CA file) stays; a token typed on an
    enrolled kiosk makes it use that token instead of its own key. ValidationError names
    each value that is not usable."""
    with store.db.write() as session:
        current = load_sync_settings(session)
        settings = replace(
            current,
            hub_url=hub_url.strip(),
            token=token.strip(),
            pin=pin.strip(),
            automatic=automatic,
            auth=AUTH_TOKEN if token.strip() else current.auth,
        )
        save_sync_settings(session, settings, actor=actor)


def merged(
    settings: SyncSettings,
    url: str | None,
    token: str | None,
    *,
    allow_http: bool | None = None,
    ca_file: str | None = None,
    pin: str | None = None,
) -> SyncSettings:
    """`settings` with each value given here replacing the stored one (a token given makes
    the kiosk use it, instead of its own key if it was enrolled)."""
    return replace(
        settings,
        hub_url=url if url is not None else settings.hub_url,
        token=token if token is not None else settings.token,
        token_locked=settings.token_locked and not token,
        auth=AUTH_TOKEN if token else settings.auth,
        allow_http=allow_http if allow_http is not None else settings.allow_http,
        ca_file=ca_file if ca_file is not None else settings.ca_file,
        pin=pin if pin is not None else settings.pin,
    )


def configure_sync(
    store: Store,
    *,
    url: str | None = None,
    token: str | None = None,
    allow_http: bool | None = None,
    ca_file: str | None = None,
    pin: str | None = None,
    actor: str = "cli",
) -> SyncSettings:
    """Staff set where this kiosk syncs from the command line: each value given replaces the
    stored one, the rest stay. Returns the settings now stored (ValidationError: nothing
    changed)."""
    with store.db.write() as session:
        settings = load_sync_settings(session)
        given = (url, token, allow_http, ca_file, pin)
        if any(v is not None for v in given):
            settings = merged(settings, url, token, allow_http=allow_http, ca_file=ca_file, pin=pin)
            save_sync_settings(session, settings, actor=actor)
        return settings
