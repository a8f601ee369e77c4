"""Which public keys `verify` trusts: this kiosk's own, and other kiosks' PEM files in
keys/trusted/ (a council office trusts every kiosk it runs)."""

from __future__ import annotations

import re
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

from charter_desktop.core.signing import (
    SIGNING_KEY_FILE,
    load_or_create_signing_key,
    load_public_key,
    public_key_pem,
)
from charter_desktop.core.storage.atomic import atomic_text

TRUSTED_DIR = "trusted"


class TrustError(Exception):
    """A key file to trust is unreadable or not an Ed25519 public key."""


def keys_dir(data_dir: Path) -> Path:
    return data_dir / "keys"


def trusted_public_keys(data_dir: Path) -> list[tuple[str, Ed25519PublicKey]]:
    """(label, key) for this kiosk's key (if it has made one) and each trusted PEM file."""
    folder = keys_dir(data_dir)
    found: list[tuple[str, Ed25519PublicKey]] = []
    if (folder / SIGNING_KEY_FILE).is_file():
        found.append(("this kiosk", load_or_create_signing_key(folder).public_key()))
    for path in sorted((folder / TRUSTED_DIR).glob("*.pem")):
        try:
            found.append((path.stem, load_public_key(path.read_bytes())))
        except (OSError, ValueError):
            continue  # an unreadable file trusts nothing; `keys trust` refuses such files
    return found


def trust_public_key(data_dir: Path, pem: str, label: str) -> Path:
    """Save another kiosk's public key so `verify` accepts its certificates; returns the file."""
    try:
        key = load_public_key(pem)
    except ValueError as exc:
        raise TrustError(f"not an Ed25519 public key in PEM form ({exc})") from exc
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", label).strip("-.") or "kiosk"
    folder = keys_dir(data_dir) / TRUSTED_DIR
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = folder / f"{name}.pem"
    with atomic_text(path) as handle:
        handle.write(public_key_pem(key))
    return path
