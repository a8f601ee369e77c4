"""Trusting a hub with its own certificate: a CA file, or a pin of the certificate itself.

A pinned hub is checked before the token is ever sent: the kiosk fetches the certificate the
hub presents (no request, no token), compares its SHA-256 with the pin, and then trusts
exactly that certificate for the connections that carry the token, so a server that holds
another certificate cannot complete the handshake.
"""

from __future__ import annotations

import hashlib
import re
import socket
import ssl
from urllib.parse import urlsplit

PIN_PATTERN = re.compile(r"^(?:sha256[:/])?([0-9A-Fa-f]{2}(?::?[0-9A-Fa-f]{2}){31})$")


class CertificateNotTrusted(Exception):
    """The hub's certificate is not one this kiosk trusts; the message says what to do."""


def normalise_pin(text: str) -> str | None:
    """A pin as 64 lower-case hex digits, from the forms people paste (`AB:CD:...` as
    `openssl x509 -fingerprint -sha256` prints it, or plain hex); None if it is not one."""
    match = PIN_PATTERN.match(text.strip())
    return match.group(1).replace(":", "").lower() if match else None


def certificate_pin(der: bytes) -> str:
    """The pin of a certificate in DER form, as `hub serve` prints it."""
    digest = hashlib.sha256(der).hexdigest().upper()
    return ":".join(digest[i : i + 2] for i in range(0, 64, 2))


def pinned_context(url: str, pin: str, timeout: float = 10.0) -> ssl.SSLContext:
    """A TLS context that trusts only the certificate the hub at `url` presents, once its
    SHA-256 matched `pin`; CertificateNotTrusted if it does not."""
    expected = normalise_pin(pin)
    if expected is None:
        raise CertificateNotTrusted("the certificate pin is not a SHA-256 fingerprint")
    parts = urlsplit(url)
    host, port = parts.hostname or "", parts.port or 443
    probe = ssl.create_default_context()
    probe.check_hostname = False
    probe.verify_mode = ssl.CERT_NONE  # only to read the certificate; nothing is sent
    with (
        socket.create_connection((host, port), timeout=timeout) as raw,
        probe.wrap_socket(raw, server_hostname=host) as tls,
    ):
        der = tls.getpeercert(binary_form=True)
    if der is None or hashlib.sha256(der).hexdigest() != expected:
        raise CertificateNotTrusted(
            "the hub's certificate does not match the pin in the sync settings: check the "
            "address, or ask the council for the hub's current pin"
        )
    context = ssl.create_default_context(cadata=ssl.DER_cert_to_PEM_cert(der))
    context.check_hostname = False  # the pin names the certificate; the name is not needed
    context.verify_flags |= ssl.VERIFY_X509_PARTIAL_CHAIN
    return context


def ca_context(ca_file: str) -> ssl.SSLContext:
    """A TLS context that trusts the certificates in `ca_file` (the hub's own, or the CA that
    issued it), the address checked as usual."""
    try:
        context = ssl.create_default_context(cafile=ca_file)
    except (OSError, ssl.SSLError) as exc:
        raise CertificateNotTrusted(f"the CA file {ca_file} cannot be read ({exc})") from None
    context.verify_flags |= ssl.VERIFY_X509_PARTIAL_CHAIN
    return context
