"""The HTTP client for the council hub: posts one batch, retrying with backoff and jitter."""

from __future__ import annotations

import logging
import random
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

import httpx

from charter_desktop.core.clock import parse_timestamp
from charter_desktop.core.sync.settings import SyncSettings
from charter_desktop.core.sync.tls import CertificateNotTrusted, ca_context, pinned_context

BATCHES_PATH = "/api/v1/batches"
DEVICE_PATH = "/api/v1/device"
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


def _hub_time(value: Any) -> datetime | None:
    try:
        return parse_timestamp(value) if isinstance(value, str) else None
    except ValueError:
        return None


def _reason(entry: dict[str, Any]) -> str:
    errors = entry.get("errors") or []
    return "; ".join(f"{e.get('field', '?')}: {e.get('message', '')}" for e in errors) or "refused"


def _hub_message(response: httpx.Response) -> str:
    try:
        detail = response.json().get("detail")
    except (ValueError, AttributeError):
        detail = None
    return str(detail) if detail else response.reason_phrase


class HubClient:
    """One connection to the hub for a sync; close it when done."""

    def __init__(
        self,
        settings: SyncSettings,
        *,
        retry: RetryPolicy | None = None,
        timeout: float = 30.0,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        rng: random.Random | None = None,
    ) -> None:
        settings.check()
        self.retry = retry or RetryPolicy()
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
                headers={"Authorization": f"Bearer {settings.token}"},
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
        )

    def _request(
        self,
        method: str,
        path: str,
        body: dict[str, Any] | None,
        headers: dict[str, str] | None,
    ) -> dict[str, Any]:
        """One request's decoded JSON answer, retried with backoff while the hub is away."""
        last_problem = ""
        started, tries = self._clock(), 0
        while tries == 0 or self.retry.another_try(tries, self._clock() - started):
            if tries:
                self._sleep(self.retry.delay(tries - 1, self._rng))
            tries += 1
            attempt = tries - 1
            try:
                response = self._http().request(method, path, json=body, headers=headers)
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
            if response.status_code == 401:
                raise AuthError(
                    "the hub refused this kiosk's device token (401): ask the council for a "
                    "new token (`hub token`) and enter it in the sync settings"
                )
            if response.status_code == 413:
                raise BatchTooLarge("the hub refused the batch as too large (413)")
            if response.status_code >= 500 or response.status_code == 429:
                last_problem = f"the hub answered {response.status_code}"
                log.info("sync attempt %d: %s", attempt + 1, last_problem)
                continue
            if response.status_code != 200:
                raise SyncError(
                    f"the hub refused it ({response.status_code}): {_hub_message(response)}"
                )
            try:
                data = response.json()
            except ValueError:
                raise SyncError("the hub's answer is not JSON: is the URL the hub's?") from None
            if not isinstance(data, dict):
                raise SyncError("the hub's answer is not what a hub sends: is the URL right?")
            return data
        raise HubUnavailable(
            f"{last_problem or 'the hub did not answer'}; tried {tries} times over "
            f"{self._clock() - started:.0f} s, the pledges stay queued for the next sync"
        )
