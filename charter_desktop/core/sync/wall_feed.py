"""The hub's pledge wall for an event, as a kiosk's desktop wall reads it: one GET of
`/api/v1/wall/{event_id}` (public data only: the count, the target and the newest pledges,
names only with consent), over the kiosk's own trust in the hub (its certificate pin, or CA
file). Safe off the UI thread; the caller polls it."""

from __future__ import annotations

import ssl
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import quote

import httpx

from charter_desktop.core.clock import parse_timestamp
from charter_desktop.core.sync.settings import SyncSettings
from charter_desktop.core.sync.tls import CertificateNotTrusted, ca_context, pinned_context

WALL_PATH = "/api/v1/wall/{event_id}"
TIMEOUT_SECONDS = 5.0
MAX_SHOWN = 24


class WallUnavailable(Exception):
    """The hub's wall could not be read just now; the message says why, in one line."""


@dataclass(frozen=True)
class HubWallPledge:
    """One of the newest pledges the hub shows: `name` only when the pledger agreed."""

    name: str | None
    pledger_type: str
    actions: tuple[str, ...]  # the actions' labels, in the charter's words
    created_at: str

    @property
    def key(self) -> str:
        """What tells two pledges of the wall apart (the hub shows no pledge ids)."""
        return "\x1f".join((self.created_at, self.name or "", self.pledger_type, *self.actions))


@dataclass(frozen=True)
class HubWall:
    """The event's wall as the hub answered: its total of every kiosk's pledges."""

    event_id: str
    name: str
    target: int
    total: int
    as_of: datetime | None
    newest: tuple[HubWallPledge, ...]


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _count(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise WallUnavailable("the hub's wall answer is not what a hub sends: is the URL right?")
    return value


def _as_of(value: Any) -> datetime | None:
    try:
        return parse_timestamp(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _pledge(entry: Any) -> HubWallPledge | None:
    if not isinstance(entry, dict):
        return None
    name = entry.get("name")
    actions = entry.get("actions")
    return HubWallPledge(
        name=name.strip() or None if isinstance(name, str) else None,
        pledger_type=_text(entry.get("pledger_type")),
        actions=tuple(a for a in actions if isinstance(a, str))
        if isinstance(actions, list)
        else (),
        created_at=_text(entry.get("created_at")),
    )


def read_wall(data: Any, event_id: str) -> HubWall:
    """The hub's JSON answer as a HubWall; WallUnavailable if it is not one."""
    if not isinstance(data, dict) or not isinstance(data.get("event"), dict):
        raise WallUnavailable("the hub's wall answer is not what a hub sends: is the URL right?")
    event = data["event"]
    newest = data.get("newest")
    pledges = [_pledge(e) for e in newest[:MAX_SHOWN]] if isinstance(newest, list) else []
    return HubWall(
        event_id=_text(event.get("id")) or event_id,
        name=_text(event.get("name")),
        target=_count(event.get("target", 0)),
        total=_count(data.get("total")),
        as_of=_as_of(data.get("as_of")),
        newest=tuple(p for p in pledges if p is not None),
    )


class WallFeed:
    """Reads the hub's wall for `event_id`, one GET per `fetch()`, reusing one connection
    (the pinned certificate is checked when it is made, again after any failure)."""

    def __init__(self, settings: SyncSettings, event_id: str, *, timeout: float = TIMEOUT_SECONDS):
        self.settings = settings
        self.event_id = event_id
        self.timeout = timeout
        self._client: httpx.Client | None = None

    def _http(self) -> httpx.Client:
        if self._client is None:
            settings = self.settings
            verify: ssl.SSLContext | bool = True
            if settings.pin:
                verify = pinned_context(settings.hub_url, settings.pin, self.timeout)
            elif settings.ca_file:
                verify = ca_context(settings.ca_file)
            self._client = httpx.Client(
                base_url=settings.hub_url.rstrip("/"), timeout=self.timeout, verify=verify
            )
        return self._client

    def fetch(self) -> HubWall:
        """The event's wall now; WallUnavailable (one line) when the hub cannot say."""
        if not self.settings.hub_url:
            raise WallUnavailable("this kiosk has no hub address")
        path = WALL_PATH.format(event_id=quote(self.event_id, safe=""))
        try:
            response = self._http().get(path)
        except CertificateNotTrusted as exc:
            self.close()
            raise WallUnavailable(str(exc)) from None
        except (httpx.HTTPError, OSError) as exc:
            self.close()
            raise WallUnavailable(f"cannot reach the hub ({type(exc).__name__})") from None
        if response.status_code == 404:
            raise WallUnavailable("the hub does not know this kiosk's event")
        if response.status_code != 200:
            raise WallUnavailable(f"the hub answered {response.status_code}")
        try:
            data = response.json()
        except ValueError:
            raise WallUnavailable("the hub's wall answer is not JSON: is the URL right?") from None
        return read_wall(data, self.event_id)

    def close(self) -> None:
        if self._client is not None:
            self._client.close()
            self._client = None
