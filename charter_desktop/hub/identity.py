"""The hub's own identity: the Ed25519 key it signs kiosk packs with, and the certificate it
serves HTTPS with on a venue network that has no certificate authority (`hub serve --tls
auto`). Both are made once and kept in the hub's settings, so they survive restarts and every
pack the hub makes carries the same key and certificate pin.

The certificate is self-signed; a kiosk trusts it by its SHA-256 pin, which each pack carries,
never by its name. Its names (the addresses given, plus localhost and 127.0.0.1) only help a
browser showing the hub's pages.
"""

from __future__ import annotations

import ipaddress
import os
import shutil
import socket
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    load_pem_private_key,
)
from cryptography.x509.oid import NameOID
from sqlalchemy.orm import Session

from charter_desktop.core.clock import utc_now
from charter_desktop.core.signing import public_key_pem
from charter_desktop.core.sync.tls import certificate_pin
from charter_desktop.hub.settings import HUB_SIGNING_KEY, TLS_AUTO, get_setting, setting_once

CERTIFICATE_DAYS = 5 * 365
ALWAYS_NAMES = ("localhost", "127.0.0.1")
_SERVER_KEY_USAGE = x509.KeyUsage(
    digital_signature=True, content_commitment=False, key_encipherment=False,
    data_encipherment=False, key_agreement=False, key_cert_sign=False, crl_sign=False,
    encipher_only=False, decipher_only=False,
)  # fmt: skip


def _new_signing_key() -> str:
    key = Ed25519PrivateKey.generate()
    return key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption()).decode("ascii")


def hub_signing_key(session: Session) -> Ed25519PrivateKey:
    """The hub's pack-signing key, made on first use and kept in the settings."""
    pem = setting_once(session, HUB_SIGNING_KEY, _new_signing_key)
    key = load_pem_private_key(str(pem).encode("ascii"), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError("the hub's stored signing key is not an Ed25519 key")
    return key


def hub_public_key_pem(session: Session) -> str:
    """The public half of the hub's signing key (PEM), as each pack carries it."""
    return public_key_pem(hub_signing_key(session))


@dataclass(frozen=True)
class AutoCertificate:
    """The hub's self-signed certificate and its private key, both PEM."""

    cert_pem: str
    key_pem: str

    @property
    def der(self) -> bytes:
        return x509.load_pem_x509_certificate(self.cert_pem.encode("ascii")).public_bytes(
            Encoding.DER
        )

    @property
    def pin(self) -> str:
        """The SHA-256 pin (`AB:CD:...`) kiosks trust the hub by."""
        return certificate_pin(self.der)

    @property
    def names(self) -> list[str]:
        """The names and addresses the certificate is made out to."""
        cert = x509.load_pem_x509_certificate(self.cert_pem.encode("ascii"))
        alt = cert.extensions.get_extension_for_class(x509.SubjectAlternativeName).value
        return [str(n) for n in alt.get_values_for_type(x509.DNSName)] + [
            str(a) for a in alt.get_values_for_type(x509.IPAddress)
        ]


def certificate_pin_of(pem: bytes) -> str:
    """The pin of a PEM certificate (a hub's own --tls-cert); ValueError if it is not one."""
    return certificate_pin(x509.load_pem_x509_certificate(pem).public_bytes(Encoding.DER))


def _alt_name(name: str) -> x509.GeneralName | None:
    name = name.strip().strip("[]")
    if not name or name in ("0.0.0.0", "::"):  # noqa: S104 - "every address" names none
        return None
    try:
        return x509.IPAddress(ipaddress.ip_address(name))
    except ValueError:
        pass
    try:
        return x509.DNSName(name.encode("idna").decode("ascii").lower())
    except UnicodeError:
        return None


def make_certificate(names: Iterable[str]) -> AutoCertificate:
    """A new self-signed ECDSA P-256 certificate for `names` (host names or IP addresses)
    plus localhost and 127.0.0.1, valid for five years from a day ago (for kiosk clocks a
    little behind)."""
    alt: list[x509.GeneralName] = []
    for name in [*names, *ALWAYS_NAMES]:
        general = _alt_name(name)
        if general is not None and general not in alt:
            alt.append(general)
    key = ec.generate_private_key(ec.SECP256R1())
    subject = x509.Name([
        x509.NameAttribute(NameOID.COMMON_NAME, "Charter Desktop hub"),
        x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Charter Desktop"),
    ])  # fmt: skip
    now = utc_now()
    cert = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(days=1))
        .not_valid_after(now + timedelta(days=CERTIFICATE_DAYS))
        .add_extension(x509.SubjectAlternativeName(alt), critical=False)
        # A server's certificate, not an authority's (browsers refuse an authority's
        # certificate presented by a server), with the key identifiers strict checks want.
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_SERVER_KEY_USAGE, critical=True)
        .add_extension(
            x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]), critical=False
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(key.public_key()), False)
        .sign(key, hashes.SHA256())
    )
    return AutoCertificate(
        cert.public_bytes(Encoding.PEM).decode("ascii"),
        key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption()).decode("ascii"),
    )


def machine_names() -> list[str]:
    """This machine's host name, as a venue network's DNS (or mDNS) may know it."""
    host = socket.gethostname()
    return [host, f"{host}.local"] if host and "." not in host else [host] if host else []


def auto_certificate(session: Session, names: Iterable[str] = ()) -> AutoCertificate:
    """The hub's own certificate, made on first use for `names` (and this machine's name)
    and kept in the settings; later calls return the same one, whatever names they give."""
    listed = [*names, *machine_names()]
    value = setting_once(session, TLS_AUTO, lambda: _as_setting(make_certificate(listed)))
    return AutoCertificate(str(value["cert_pem"]), str(value["key_pem"]))


def stored_certificate(session: Session) -> AutoCertificate | None:
    """The hub's own certificate if one was made, without making one."""
    value = get_setting(session, TLS_AUTO)
    if not isinstance(value, dict):
        return None
    return AutoCertificate(str(value["cert_pem"]), str(value["key_pem"]))


def _as_setting(cert: AutoCertificate) -> dict[str, str]:
    return {"cert_pem": cert.cert_pem, "key_pem": cert.key_pem}


@contextmanager
def tls_files(cert: AutoCertificate) -> Iterator[tuple[Path, Path]]:
    """The certificate and its key as files (cert.pem, key.pem) in a new folder only this
    user can open, for uvicorn; the folder is removed afterwards."""
    folder = Path(tempfile.mkdtemp(prefix="charter-hub-tls-"))
    try:
        os.chmod(folder, 0o700)
        cert_path, key_path = folder / "cert.pem", folder / "key.pem"
        for path, text in ((cert_path, cert.cert_pem), (key_path, cert.key_pem)):
            descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(descriptor, "w", encoding="ascii") as out:
                out.write(text)
        yield cert_path, key_path
    finally:
        shutil.rmtree(folder, ignore_errors=True)
