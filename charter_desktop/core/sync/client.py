"""The HTTP client for the council hub: posts one batch, retrying with backoff and jitter.

A kiosk set up with a token sends it as `Bearer`; an enrolled kiosk signs every request with
its own key (core.sync.request_auth). Every request says which app version the kiosk runs
and, when known, how many pledges it still holds queued, so the hub's fleet page can show
them.
"""

from __future__ import annotations

import logging
import random
import ssl
import time
from collections.abc import Callable, Generator, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from urllib.parse import quote

import httpx
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

import charter_desktop
from charter_desktop.core.clock import parse_timestamp
from charter_desktop.core.signing import binding_proof, public_key_pem
from charter_desktop.core.sync.request_auth import KioskAuth
from charter_desktop.core.sync.settings import SyncSettings
from charter_desktop.core.sync.tls import CertificateNotTrusted, ca_context, pinned_context

BATCHES_PATH = "/api/v1/batches"
DEVICE_PATH = "/api/v1/device"
CLAIM_PATH = "/api/v1/enrol/claim"
TOTALS_PATH = "/api/v1/events/{event_id}/totals"
QUEUED_HEADER = "X-Charter-Queued"
VERSION_HEADER = "X-Charter-Version"
PACK_USED_ELSEWHERE = "this kiosk pack was already used by another kiosk"
log = logging.getLogger(__name__)


class SyncError(Exception):
    """The sync stopped; the message says why, for staff."""


class AuthError(SyncError):
    """The hub refused the device token (HTTP 401): nothing more is sent until it is fixed."""


class BatchTooLarge(SyncError):
    """The hub refused the request body as too large (HTTP 413)."""


class UntrustedHub(SyncError):
    """The hub's TLS certificate is not one this kiosk trusts: retrying cannot help."""


def _certificate_refused(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, ssl.SSLCertVerificationError):
            return True
        seen = seen.__cause__ or seen.__context__
    return "CERTIFICATE_VERIFY_FAILED" in str(exc)


class HubUnavailable(SyncError):
    """The hub could not be reached, or kept failing, after every retry."""


class NotFound(SyncError):
    """The hub does not know what was asked for (HTTP 404)."""


class ClaimRefused(SyncError):
    """The hub refused a kiosk pack's claim: its token is another kiosk's now, or it is
    unknown, revoked or expired. Retrying cannot help."""


class _Bearer(httpx.Auth):
    def __init__(self, token: str) -> None:
        self._value = f"Bearer {token}"

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = self._value
        yield request


@dataclass(frozen=True)
class RetryPolicy:
    """Exponential backoff with full jitter: wait n is uniform in [0, min(cap, base * 2**n)]
    seconds. Tries go on until `budget_seconds` have passed since the first (a hub restarting,
    or a venue router rebooting, takes a minute or two), or `attempts` tries if that is set.

    With the defaults a request keeps trying for 180 s, about 20 tries once the waits reach
    their 15 s cap (7.5 s on average)."""

    attempts: int | None = None
    base_seconds: float = 0.5
    cap_seconds: float = 15.0
    budget_seconds: float = 180.0

    def delay(self, attempt: int, rng: random.Random) -> float:
        return rng.uniform(0, min(self.cap_seconds, self.base_seconds * 2 ** min(attempt, 30)))

    def another_try(self, tries: int, elapsed: float) -> bool:
        """Whether to try again after `tries` failed tries, `elapsed` seconds since the first."""
        if self.attempts is not None:
            return tries < self.attempts
        return elapsed < self.budget_seconds


@dataclass(frozen=True)
class BatchReply:
    accepted: list[str]
    rejected: dict[str, str]  # pledge id -> the hub's reason
    replayed: bool
    hub_time: datetime | None = None  # the hub's clock when it answered
    # The running totals of the kiosk's event (and of each event in the batch), as the hub
    # counts every kiosk's active pledges: [{"event_id", "name", "target", "total", "as_of"}].
    event_totals: tuple[dict[str, Any], ...] = ()


@dataclass(frozen=True)
class ClaimReply:
    device: str  # the name the hub gave this kiosk
    event_id: str | None


def _hub_time(value: Any) -> datetime | None:
    try:
        return parse_timestamp(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _reason(entry: dict[str, Any]) -> str:
    errors = entry.get("errors") or []
    return "; ".join(f"{e.get('field', '?')}: {e.get('message', '')}" for e in errors) or "refused"


def _totals(value: Any) -> tuple[dict[str, Any], ...]:
    if not isinstance(value, list):
        return ()
    return tuple(e for e in value if isinstance(e, dict))


def _hub_message(response: httpx.Response) -> str:
    try:
        detail = response.json().get("detail")
    except (ValueError, AttributeError):
        detail = None
    return str(detail) if detail else response.reason_phrase


def _answer(response: httpx.Response) -> dict[str, Any]:
    try:
        data = response.json()
    except ValueError:
        raise SyncError("the hub's answer is not JSON: is the URL the hub's?") from None
    if not isinstance(data, dict):
        raise SyncError("the hub's answer is not what a hub sends: is the URL right?")
    return data


class HubClient:
    """One connection to the hub for a sync; close it when done.

    With `settings.auth` "device", `signer` (the kiosk's certificate key) and `device_id`
    sign every request; otherwise the settings' token goes as `Bearer`. Set `queued` to the
    number of pledges the kiosk still holds queued: each request reports it."""

    def __init__(
        self,
        settings: SyncSettings,
        *,
        signer: Ed25519PrivateKey | None = None,
        device_id: str = "",
        retry: RetryPolicy | None = None,
        timeout: float = 30.0,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        rng: random.Random | None = None,
    ) -> None:
        settings.check()
        if settings.device_auth and (signer is None or not device_id):
            raise ValueError("a kiosk that signs its requests needs its key and device id")
        self.retry = retry or RetryPolicy()
        self.queued: int | None = None
        self._auth: httpx.Auth = (
            KioskAuth(signer, device_id)
            if settings.device_auth and signer is not None
            else _Bearer(settings.token)
        )
        self._sleep = sleep
        self._clock = clock
        self._rng = rng or random.Random()  # noqa: S311  (jitter, not security)
        self._settings = settings
        self._timeout = timeout
        self._opened: httpx.Client | None = None

    def _http(self) -> httpx.Client:
        """The connection, made on first use: a pinned hub's certificate is checked first
        (CertificateNotTrusted, or OSError while the hub is unreachable)."""
        if self._opened is None:
            settings = self._settings
            verify: ssl.SSLContext | bool = True
            if settings.pin:  # settings.check() allows a pin or CA file only with https
                verify = pinned_context(settings.hub_url, settings.pin, self._timeout)
            elif settings.ca_file:
                verify = ca_context(settings.ca_file)
            self._opened = httpx.Client(
                base_url=settings.hub_url.rstrip("/"),
                auth=self._auth,
                headers={VERSION_HEADER: charter_desktop.__version__},
                timeout=self._timeout,
                verify=verify,
            )
        return self._opened

    def close(self) -> None:
        if self._opened is not None:
            self._opened.close()

    def __enter__(self) -> HubClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def check_token(self) -> str:
        """The device name the hub knows this token by; AuthError if it refuses the token."""
        return str(self._request("GET", DEVICE_PATH, None, None).get("name", ""))

    def post_batch(self, key: str, body: dict[str, Any]) -> BatchReply:
        """Send one batch under its idempotency key; retried until the hub answers."""
        data = self._request("POST", BATCHES_PATH, body, {"Idempotency-Key": key})
        return BatchReply(
            accepted=[str(i) for i in data.get("accepted", [])],
            rejected={str(e.get("id")): _reason(e) for e in data.get("rejected", [])},
            replayed=bool(data.get("replayed", False)),
            hub_time=_hub_time(data.get("hub_time")),
            event_totals=_totals(data.get("event_totals")),
        )

    def event_totals(self, event_id: str) -> dict[str, Any]:
        """The hub's running totals of one event: {"event_id", "name", "target", "total",
        "as_of"}; SyncError (404) when the hub does not know the event."""
        path = TOTALS_PATH.format(event_id=quote(event_id, safe=""))
        return self._request("GET", path, None, None)

    def claim(self, token: str, device_id: str, key: Ed25519PrivateKey) -> ClaimReply:
        """Claim a kiosk pack at the hub with its one-use `token`: the hub binds the pack's
        device to this installation (`device_id`) and registers `key`, which signs every
        request from then on. ClaimRefused when the pack is another kiosk's already (409),
        or its token is unknown, revoked or expired (401); claiming again from the same
        installation is answered as the first claim was."""
        body = {
            "device_id": device_id,
            "public_key": public_key_pem(key),
            "proof": binding_proof(key, device_id, token),
        }
        refusals = {
            409: PACK_USED_ELSEWHERE,
            401: "the hub refused this kiosk pack's token: it was revoked, has expired, or is "
            "not this hub's; make a new pack at the hub",
            410: "the hub says this kiosk pack has expired; make a new pack at the hub",
        }
        data = self._request("POST", CLAIM_PATH, body, None, auth=_Bearer(token),
                             refusals=refusals)  # fmt: skip
        event_id = data.get("event_id")
        return ClaimReply(str(data.get("device") or ""), str(event_id) if event_id else None)

    def _answer_problem(self, response: httpx.Response, refusals: Mapping[int, str] | None) -> str:
        """Why the hub's answer is worth another try ("" when it is not): raises for an
        answer that retrying cannot change."""
        status = response.status_code
        if refusals and status in refusals:
            raise ClaimRefused(refusals[status])
        if status == 401:
            if self._settings.device_auth:
                raise AuthError(
                    f"the hub refused this kiosk's signature (401: {_hub_message(response)}): "
                    "check the kiosk's date and time; if it was revoked at the hub, ask the "
                    "council for a new kiosk pack"
                )
            raise AuthError(
                "the hub refused this kiosk's device token (401): ask the council for a "
                "new token (`hub token`) and enter it in the sync settings"
            )
        if status == 413:
            raise BatchTooLarge("the hub refused the batch as too large (413)")
        if status >= 500 or status == 429:
            return f"the hub answered {status}"
        if status == 404:
            raise NotFound(f"the hub does not know it (404): {_hub_message(response)}")
        if status != 200:
            raise SyncError(f"the hub refused it ({status}): {_hub_message(response)}")
        return ""

    def _request(
        self,
        method: str,
        path: str,
        body: dict[str, Any] | None,
        headers: dict[str, str] | None,
        *,
        auth: httpx.Auth | None = None,
        refusals: Mapping[int, str] | None = None,
    ) -> dict[str, Any]:
        """One request's decoded JSON answer, retried with backoff while the hub is away.
        `auth` replaces the client's own for this request; `refusals` maps a status to the
        ClaimRefused it means."""
        headers = dict(headers or {})
        if self.queued is not None:
            headers[QUEUED_HEADER] = str(max(0, self.queued))
        last_problem = ""
        started, tries = self._clock(), 0
        while tries == 0 or self.retry.another_try(tries, self._clock() - started):
            if tries:
                self._sleep(self.retry.delay(tries - 1, self._rng))
            tries += 1
            attempt = tries - 1
            try:
                client = self._http()
                if auth is None:
                    response = client.request(method, path, json=body, headers=headers)
                else:
                    response = client.request(method, path, json=body, headers=headers, auth=auth)
            except CertificateNotTrusted as exc:
                raise UntrustedHub(str(exc)) from None
            except (httpx.HTTPError, OSError) as exc:
                if _certificate_refused(exc):
                    raise UntrustedHub(
                        "the hub's certificate is not trusted: give the hub's CA file or its "
                        "certificate pin in the sync settings (`sync --ca-file` or `--pin`)"
                    ) from None
                last_problem = f"cannot reach the hub ({type(exc).__name__})"
                log.info("sync attempt %d: %s", attempt + 1, last_problem)
                continue
            last_problem = self._answer_problem(response, refusals)
            if last_problem:
                log.info("sync attempt %d: %s", attempt + 1, last_problem)
                continue
            return _answer(response)
        raise HubUnavailable(
            f"{last_problem or 'the hub did not answer'}; tried {tries} times over "
            f"{self._clock() - started:.0f} s, the pledges stay queued for the next sync"
        )
