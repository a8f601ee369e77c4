"""The HTTP client for the council hub: posts one batch, retrying with backoff and jitter."""

from __future__ import annotations

import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx

from charter_desktop.core.sync.settings import SyncSettings

BATCHES_PATH = "/api/v1/batches"
DEVICE_PATH = "/api/v1/device"
log = logging.getLogger(__name__)


class SyncError(Exception):
    """The sync stopped; the message says why, for staff."""


class AuthError(SyncError):
    """The hub refused the device token (HTTP 401): nothing more is sent until it is fixed."""


class BatchTooLarge(SyncError):
    """The hub refused the request body as too large (HTTP 413)."""


class HubUnavailable(SyncError):
    """The hub could not be reached, or kept failing, after every retry."""


@dataclass(frozen=True)
class RetryPolicy:
    """Exponential backoff with full jitter: try n waits up to min(cap, base * 2**n) seconds."""

    attempts: int = 6
    base_seconds: float = 0.5
    cap_seconds: float = 30.0

    def delay(self, attempt: int, rng: random.Random) -> float:
        return rng.uniform(0, min(self.cap_seconds, self.base_seconds * 2**attempt))


@dataclass(frozen=True)
class BatchReply:
    accepted: list[str]
    rejected: dict[str, str]  # pledge id -> the hub's reason
    replayed: bool


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
        rng: random.Random | None = None,
    ) -> None:
        settings.check()
        self.retry = retry or RetryPolicy()
        self._sleep = sleep
        self._rng = rng or random.Random()  # noqa: S311  (jitter, not security)
        self._http = httpx.Client(
            base_url=settings.hub_url.rstrip("/"),
            headers={"Authorization": f"Bearer {settings.token}"},
            timeout=timeout,
        )

    def close(self) -> None:
        self._http.close()

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
        for attempt in range(self.retry.attempts):
            if attempt:
                self._sleep(self.retry.delay(attempt - 1, self._rng))
            try:
                response = self._http.request(method, path, json=body, headers=headers)
            except httpx.HTTPError as exc:
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
            f"{last_problem or 'the hub did not answer'}; tried {self.retry.attempts} times, "
            "the pledges stay queued for the next sync"
        )
