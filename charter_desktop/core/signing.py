"""Certificate signatures: the kiosk signs each certificate's claim with its Ed25519 key, and
anyone with the public key checks the QR's URL offline."""

from __future__ import annotations

import base64
import binascii
import hashlib
import os
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlsplit

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

from charter_desktop.core.storage.atomic import atomic_bytes

SIGNING_KEY_FILE = "certificate-signing.pem"
PAYLOAD_VERSION = "1"
_DOMAIN = b"charter-desktop certificate v1\n"
_BINDING_DOMAIN = b"charter-desktop hub binding v1\n"


class PayloadError(ValueError):
    """The text is not a certificate verification URL; the message says what is missing."""


@dataclass(frozen=True)
class CertificateClaim:
    """What a certificate asserts, all of it printed on the certificate itself."""

    pledge_id: str
    device_id: str
    date: str  # YYYY-MM-DD, the local day the pledge was made
    event: str
    name: str

    def message(self) -> bytes:
        fields = (self.pledge_id, self.device_id, self.date, self.event, self.name)
        return _DOMAIN + "\n".join(fields).encode("utf-8")


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def load_or_create_signing_key(keys_dir: Path) -> Ed25519PrivateKey:
    """This installation's signing key, made (owner-only) the first time it is needed."""
    path = keys_dir / SIGNING_KEY_FILE
    if path.is_file():
        key = serialization.load_pem_private_key(path.read_bytes(), password=None)
        if not isinstance(key, Ed25519PrivateKey):
            raise ValueError(f"{path} does not hold an Ed25519 key")
        return key
    keys_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    with atomic_bytes(path) as handle:
        handle.write(pem)
    os.chmod(path, 0o600)
    return key


def public_key_pem(key: Ed25519PrivateKey | Ed25519PublicKey) -> str:
    public = key.public_key() if isinstance(key, Ed25519PrivateKey) else key
    return public.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode("ascii")


def load_public_key(pem: str | bytes) -> Ed25519PublicKey:
    key = serialization.load_pem_public_key(pem.encode() if isinstance(pem, str) else pem)
    if not isinstance(key, Ed25519PublicKey):
        raise ValueError("not an Ed25519 public key")
    return key


def binding_message(device_id: str, token_sha256: str) -> bytes:
    """What a kiosk signs to bind its hub token to its device id: the token's SHA-256 (hex),
    so the signature is worthless with any other token and never shows the token itself."""
    return _BINDING_DOMAIN + f"{device_id}\n{token_sha256}".encode("ascii")


def binding_proof(key: Ed25519PrivateKey, device_id: str, token: str) -> str:
    """The kiosk's signature of `binding_message`, base64, sent with its batches."""
    digest = hashlib.sha256(token.encode("utf-8")).hexdigest()
    return base64.b64encode(key.sign(binding_message(device_id, digest))).decode("ascii")


def certificate_url(base_url: str, claim: CertificateClaim, key: Ed25519PrivateKey) -> str:
    """The verification URL the certificate's QR code carries, signature included."""
    query = urlencode(
        {
            "v": PAYLOAD_VERSION,
            "p": claim.pledge_id,
            "d": claim.device_id,
            "t": claim.date,
            "e": claim.event,
            "n": claim.name,
            "s": _b64(key.sign(claim.message())),
        }
    )
    return f"{base_url.rstrip('?')}?{query}"


def parse_certificate_url(text: str) -> tuple[CertificateClaim, bytes]:
    """The claim and signature in a decoded QR text; raises PayloadError if it is not one."""
    query = parse_qs(urlsplit(text.strip()).query, keep_blank_values=True)
    try:
        values = {k: query[k][0] for k in ("v", "p", "d", "t", "e", "n", "s")}
    except KeyError as exc:
        raise PayloadError(f"not a certificate code: '{exc.args[0]}' is missing") from None
    if values["v"] != PAYLOAD_VERSION:
        raise PayloadError(f"unsupported certificate code version {values['v']!r}")
    try:
        signature = _unb64(values["s"])
    except (binascii.Error, ValueError):
        raise PayloadError("not a certificate code: the signature is not base64") from None
    claim = CertificateClaim(values["p"], values["d"], values["t"], values["e"], values["n"])
    return claim, signature


def verify_certificate_url(
    text: str, public_keys: Iterable[Ed25519PublicKey]
) -> CertificateClaim | None:
    """The claim if one of `public_keys` signed it; None if no key did (forged or altered).

    Raises PayloadError when the text is not a certificate code at all.
    """
    claim, signature = parse_certificate_url(text)
    for public in public_keys:
        try:
            public.verify(signature, claim.message())
        except InvalidSignature:
            continue
        return claim
    return None
