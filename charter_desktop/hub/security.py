"""What the hub does for every request, whoever sends it: security headers on every answer
(a Content-Security-Policy that lets each page run only its own inline style and script, by
their hashes), and a limit on failed token checks per client address, each failure logged
without the token.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import math
import threading
import time
from collections import deque
from collections.abc import Callable

from fastapi import HTTPException
from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from charter_desktop.hub import staff_page, verify_page, wall_page

log = logging.getLogger("charter_desktop.hub")
MAX_ADDRESSES = 10_000
MAX_BODY_BYTES = 8 * 1024 * 1024


def source_hash(text: str) -> str:
    """A CSP source for one inline style or script: 'sha256-...' of its exact text."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


# Nothing loads but the verification and staff pages' own style; no page may frame the hub's.
DEFAULT_POLICY = (
    f"default-src 'none'; style-src {source_hash(verify_page.STYLE)} "
    f"{source_hash(staff_page.STYLE)}; base-uri 'none'; form-action 'none'; "
    "frame-ancestors 'none'"
)
# The wall runs its own script, which may ask the hub (and only the hub) for the figures.
WALL_POLICY = (
    f"default-src 'none'; script-src {source_hash(wall_page.SCRIPT)}; "
    f"style-src {source_hash(wall_page.STYLE)}; connect-src 'self'; img-src 'self' data:; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
PAGE_POLICIES = (("/wall/", WALL_POLICY),)  # path prefix, policy
HEADERS = {
    "content-security-policy": DEFAULT_POLICY,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cache-control": "no-store",
}


class BodyLimit:
    """Refuses request bodies over `max_bytes` with 413, by Content-Length or as they stream."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        length = headers.get(b"content-length")
        if length is not None and (not length.isdigit() or int(length) > self.max_bytes):
            response = JSONResponse(
                {"detail": f"request body over {self.max_bytes} bytes"}, status_code=413
            )
            await response(scope, receive, send)
            return
        seen = 0

        async def limited() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise HTTPException(413, f"request body over {self.max_bytes} bytes")
            return message

        await self.app(scope, limited, send)


class SecurityHeaders:
    """Adds HEADERS to every HTTP answer (pages, API answers and errors alike)."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self._headers = [(k.encode("ascii"), v.encode("ascii")) for k, v in HEADERS.items()]
        self._names = {k for k, _ in self._headers}
        self._pages = [
            (prefix, [(k, policy.encode("ascii") if k == b"content-security-policy" else v)
                      for k, v in self._headers])
            for prefix, policy in PAGE_POLICIES
        ]  # fmt: skip

    def headers_for(self, path: str) -> list[tuple[bytes, bytes]]:
        return next((h for prefix, h in self._pages if path.startswith(prefix)), self._headers)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        started = False
        headers = self.headers_for(str(scope.get("path", "")))

        async def with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                kept = [(k, v) for k, v in message.get("headers", []) if k not in self._names]
                message["headers"] = kept + headers
            await send(message)

        try:
            await self.app(scope, receive, with_headers)
        except Exception as exc:
            # A fault of the hub's own: the type is logged, never the request's values.
            log.error("internal error on %s: %s", scope.get("path", "?"), type(exc).__name__)
            if started:
                raise
            answer = JSONResponse({"detail": "internal error; the batch was not taken"}, 500)
            await answer(scope, receive, with_headers)


class AuthThrottle:
    """Counts failed token checks per client address over a sliding window; past `limit`
    failures, further failures from that address wait until the window frees a place.

    A valid token is never throttled: a kiosk behind the same venue router as a misbehaving
    one keeps syncing.
    """

    def __init__(
        self,
        limit: int = 20,
        window_seconds: float = 60.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.limit = limit
        self.window = window_seconds
        self._clock = clock
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, address: str, now: float) -> deque[float]:
        if address not in self._failures and len(self._failures) >= MAX_ADDRESSES:
            self._forget_quiet(now)
        times = self._failures.setdefault(address, deque())
        while times and times[0] <= now - self.window:
            times.popleft()
        return times

    def _forget_quiet(self, now: float) -> None:
        """Drop addresses with no failure in the window; if all are recent, the oldest half
        (the map stays bounded whatever addresses a caller sends from)."""
        quiet = [a for a, t in self._failures.items() if not t or t[-1] <= now - self.window]
        for address in quiet:
            del self._failures[address]
        if len(self._failures) >= MAX_ADDRESSES:
            for address in list(self._failures)[: MAX_ADDRESSES // 2]:
                del self._failures[address]

    def retry_after(self, address: str) -> int | None:
        """Seconds this address must wait before its next failed try counts, or None."""
        with self._lock:
            now = self._clock()
            times = self._recent(address, now)
            if len(times) < self.limit:
                if not times:
                    self._failures.pop(address, None)
                return None
            return max(1, math.ceil(times[0] + self.window - now))

    def failed(self, address: str, what: str = "a device token") -> None:
        """Record one refused token (or `what`) from `address`, and log it (address and count
        only)."""
        with self._lock:
            now = self._clock()
            times = self._recent(address, now)
            times.append(now)
            count = len(times)
        if count <= self.limit:
            log.warning(
                "refused %s from %s (%d in the last %d s)",
                what, address, count, int(self.window),
            )  # fmt: skip
        if count == self.limit:
            log.warning(
                "throttling failed token checks from %s: answering 429 for %d s",
                address, int(self.window),
            )  # fmt: skip
