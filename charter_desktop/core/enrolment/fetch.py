"""Fetching a kiosk pack from the hub with its one-time code, for a kiosk with no USB port.

`fetch_pack(hub_url, code)` posts the code to the hub's POST /api/v1/enrol and returns the
pack file's bytes, which core.enrolment.apply then checks and applies as if read from a USB
stick.

Trust: a kiosk being set up has no pin for the hub yet (the pin comes in the pack), so this
one request accepts whatever certificate the hub at `hub_url` presents. That is safe for
what the kiosk takes from it: the pack is trusted only once its signature checks, and from
then on the kiosk trusts the hub only by the pack's pin. A kiosk already enrolled with a
hub refuses a pack signed by another hub's key (unless staff re-enrol it with the staff
passphrase), so a server posing as the hub cannot move it. What the request cannot protect
is the pack's one-use token: a server in the middle could read it and claim the pack first,
which the kiosk then reports as "already used by another kiosk"; make a new pack and code.
"""

from __future__ import annotations

import json
from urllib.parse import urlsplit

import httpx

from charter_desktop.core.enrolment.checks import EnrolError
from charter_desktop.core.enrolment.pack import MAX_PACK_BYTES

ENROL_PATH = "/api/v1/enrol"
FETCH_TIMEOUT = 15.0
MAX_CODE_CHARS = 40


def _detail(response: httpx.Response) -> str:
    try:
        detail = response.json().get("detail")
    except (ValueError, AttributeError):
        detail = None
    return str(detail) if isinstance(detail, str) and detail else response.reason_phrase


def fetch_pack(hub_url: str, code: str, *, timeout: float = FETCH_TIMEOUT) -> bytes:
    """The kiosk pack the hub at `hub_url` holds for the one-time `code` (as `hub enrol`
    printed it, like ABCD-EFGH-JK), as the pack file's bytes; EnrolError (one line) when the
    hub cannot be reached or does not give one. The code is used up by a successful fetch."""
    url = urlsplit(hub_url.strip())
    if url.scheme.lower() not in ("http", "https") or not url.hostname:
        raise EnrolError("--url must be the hub's address, like https://192.168.1.10:8750")
    clean = code.strip()
    if not clean or len(clean) > MAX_CODE_CHARS or not clean.isascii():
        raise EnrolError("the code must be the one `hub enrol` printed, like ABCD-EFGH-JK")
    try:
        # verify=False: see the module's docstring; the pack's signature is what is trusted.
        with httpx.Client(timeout=timeout, verify=False) as client:  # noqa: S501
            response = client.post(hub_url.strip().rstrip("/") + ENROL_PATH, json={"code": clean})
    except httpx.HTTPError as exc:
        raise EnrolError(
            f"cannot reach the hub at {hub_url.strip()} ({type(exc).__name__}): check the "
            "address and the network"
        ) from None
    if response.status_code == 404:
        raise EnrolError("the hub does not know this code: check it, or make a new one")
    if response.status_code == 429:
        raise EnrolError("the hub refused too many wrong codes from this kiosk: wait, then retry")
    if response.status_code != 200:
        raise EnrolError(f"the hub did not give a kiosk pack ({response.status_code}): "
                         f"{_detail(response)}")  # fmt: skip
    if len(response.content) > MAX_PACK_BYTES:
        raise EnrolError("the hub's answer is too large to be a kiosk pack")
    try:
        pack = response.json()["pack"]
    except (ValueError, KeyError, TypeError):
        raise EnrolError(
            "the hub's answer holds no kiosk pack: is the address the hub's?"
        ) from None
    if not isinstance(pack, dict):
        raise EnrolError("the hub's answer holds no kiosk pack: is the address the hub's?")
    return json.dumps(pack, indent=2).encode("utf-8") + b"\n"
