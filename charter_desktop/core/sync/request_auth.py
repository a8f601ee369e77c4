"""An enrolled kiosk proves who it is by signing each request with its own Ed25519 key, the
one whose public half the hub registered when the kiosk's pack was claimed. No token is kept
on the kiosk: the pack's token works once, to claim the pack.

The header is `Authorization: CharterKiosk device_id=UUID, time=RFC3339, signature=BASE64`,
the signature over `request_message(method, path, time, body)`. The hub accepts it within
MAX_SKEW of its own clock; a replayed request within that window can only repeat what the
kiosk already asked (batches are idempotent, reads change nothing).
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import re
from collections.abc import Generator
from dataclasses import dataclass
from datetime import datetime, timedelta

import httpx
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from charter_desktop.core.clock import format_timestamp, parse_timestamp, utc_now

SCHEME = "CharterKiosk"
MAX_SKEW = timedelta(minutes=5)
_DOMAIN = b"charter-desktop kiosk request v1\n"
_HEADER = re.compile(
    r"^CharterKiosk\s+device_id=([0-9a-f-]{36}),\s*time=([0-9T:.+\-Z]{1,40}),\s*"
    r"signature=([A-Za-z0-9+/=]{1,200})$"
)


class RequestAuthError(ValueError):
    """The signed header is malformed, too old or too new, or does not verify."""


def request_message(method: str, path: str, time: str, body: bytes) -> bytes:
    digest = hashlib.sha256(body).hexdigest()
    return _DOMAIN + f"{method.upper()}\n{path}\n{time}\n{digest}".encode("ascii")


def signed_header(
    key: Ed25519PrivateKey, device_id: str, method: str, path: str, body: bytes,
    now: datetime | None = None,
) -> str:  # fmt: skip
    """The Authorization header value for one request."""
    time = format_timestamp(now or utc_now())
    signature = key.sign(request_message(method, path, time, body))
    encoded = base64.b64encode(signature).decode("ascii")
    return f"{SCHEME} device_id={device_id}, time={time}, signature={encoded}"


@dataclass(frozen=True)
class SignedClaim:
    device_id: str
    time: datetime
    signature: bytes
    time_text: str


def parse_header(value: str) -> SignedClaim | None:
    """The parts of a CharterKiosk header, or None when the header is not one."""
    match = _HEADER.match(value.strip())
    if match is None:
        return None
    try:
        time = parse_timestamp(match.group(2))
        signature = base64.b64decode(match.group(3), validate=True)
    except (ValueError, binascii.Error):
        return None
    return SignedClaim(match.group(1), time, signature, match.group(2))


def verify_claim(
    claim: SignedClaim, key: Ed25519PublicKey, method: str, path: str, body: bytes,
    now: datetime | None = None,
) -> None:  # fmt: skip
    """RequestAuthError unless `claim` signs this request, within MAX_SKEW of `now`."""
    if abs((now or utc_now()) - claim.time) > MAX_SKEW:
        raise RequestAuthError(
            "the request's time is more than 5 minutes from the hub's clock: check the "
            "kiosk's date and time"
        )
    try:
        key.verify(claim.signature, request_message(method, path, claim.time_text, body))
    except InvalidSignature:
        raise RequestAuthError("the request's signature does not check") from None


class KioskAuth(httpx.Auth):
    """httpx authentication that signs every request with the kiosk's key."""

    requires_request_body = True

    def __init__(self, key: Ed25519PrivateKey, device_id: str) -> None:
        self._key = key
        self._device_id = device_id

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        request.headers["Authorization"] = signed_header(
            self._key, self._device_id, request.method, request.url.raw_path.decode("ascii"),
            request.content,
        )  # fmt: skip
        yield request
