"""The council's key pair: an X25519 public key that kiosks seal pledges to, and its private
key wrapped by a passphrase (scrypt, then AES-256-GCM), kept in a key file and, on a kiosk,
in its settings. The private key is only ever unwrapped into memory."""

from __future__ import annotations

import base64
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
)

from charter_desktop.core.privacy.envelope import key_id, raw_public

FORMAT = "charter-council-key"
PASSPHRASE_MIN = 10


@dataclass(frozen=True)
class ScryptCost:
    """scrypt's cost. Production uses DEFAULT_COST; tests pass a cheaper one explicitly."""

    n: int = 2**17
    r: int = 8
    p: int = 1


# About 0.3 s and 128 MiB on a kiosk laptop per unlock: slow for guessing, fine for staff.
DEFAULT_COST = ScryptCost()


class KeyFileError(ValueError):
    """The key file cannot be read or is not a council key; the message says why."""


class WrongPassphrase(ValueError):
    """The passphrase does not unwrap the private key."""


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _unb64(text: Any, what: str) -> bytes:
    try:
        return base64.b64decode(str(text), validate=True)
    except ValueError as exc:
        raise KeyFileError(f"the key's {what} is not base64") from exc


def _kdf(passphrase: str, salt: bytes, cost: ScryptCost) -> bytes:
    return Scrypt(salt=salt, length=32, n=cost.n, r=cost.r, p=cost.p).derive(
        passphrase.encode("utf-8")
    )


def check_passphrase_rules(passphrase: str) -> None:
    if len(passphrase.strip()) < PASSPHRASE_MIN:
        raise ValueError(f"the passphrase must be at least {PASSPHRASE_MIN} characters")


@dataclass(frozen=True)
class CouncilKey:
    """A council key as kept in a key file or a kiosk's settings (no secret in clear)."""

    public: bytes
    wrapped: dict[str, Any]

    @property
    def key_id(self) -> str:
        return key_id(self.public).hex()

    def to_json(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "version": 1,
            "key_id": self.key_id,
            "public_key": _b64(self.public),
            "private_key": self.wrapped,
        }

    @classmethod
    def from_json(cls, data: Any) -> CouncilKey:
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise KeyFileError(f'not a council key (expected "format": "{FORMAT}")')
        public = _unb64(data.get("public_key"), "public key")
        wrapped = data.get("private_key")
        if len(public) != 32 or not isinstance(wrapped, dict):
            raise KeyFileError("the council key lacks its public or wrapped private key")
        return cls(public, wrapped)

    def unwrap(self, passphrase: str) -> X25519PrivateKey:
        """The private key; WrongPassphrase if the passphrase does not open it."""
        w = self.wrapped
        try:
            cost = ScryptCost(int(w["n"]), int(w["r"]), int(w["p"]))
            salt, nonce = _unb64(w["salt"], "salt"), _unb64(w["nonce"], "nonce")
            sealed = _unb64(w["ciphertext"], "ciphertext")
        except (KeyError, TypeError, ValueError) as exc:
            raise KeyFileError(f"the wrapped private key is incomplete: {exc}") from exc
        try:
            raw = AESGCM(_kdf(passphrase, salt, cost)).decrypt(nonce, sealed, self.public)
        except InvalidTag:
            raise WrongPassphrase("the passphrase does not open the council key") from None
        private = X25519PrivateKey.from_private_bytes(raw)
        if raw_public(private.public_key()) != self.public:
            raise KeyFileError("the private key does not match the public key")
        return private


def wrap_private(
    private: X25519PrivateKey, passphrase: str, cost: ScryptCost = DEFAULT_COST
) -> CouncilKey:
    check_passphrase_rules(passphrase)
    public = raw_public(private.public_key())
    salt, nonce = os.urandom(16), os.urandom(12)
    raw = private.private_bytes(Encoding.Raw, PrivateFormat.Raw, NoEncryption())
    sealed = AESGCM(_kdf(passphrase, salt, cost)).encrypt(nonce, raw, public)
    wrapped = {
        "kdf": "scrypt",
        "n": cost.n,
        "r": cost.r,
        "p": cost.p,
        "salt": _b64(salt),
        "cipher": "aes-256-gcm",
        "nonce": _b64(nonce),
        "ciphertext": _b64(sealed),
    }
    return CouncilKey(public, wrapped)


def new_council_key(passphrase: str, cost: ScryptCost = DEFAULT_COST) -> CouncilKey:
    """A new key pair, its private half wrapped by `passphrase`."""
    return wrap_private(X25519PrivateKey.generate(), passphrase, cost)


def read_key_file(path: Path) -> CouncilKey:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise KeyFileError(f"cannot read the council key {path}: {exc}") from exc
    return CouncilKey.from_json(data)


def write_key_file(key: CouncilKey, path: Path) -> None:
    """Write the key file (owner-only), refusing to overwrite an existing one."""
    try:
        with open(path, "x", encoding="utf-8") as out:
            os.chmod(path, 0o600)
            json.dump(key.to_json(), out, indent=2)
            out.write("\n")
    except FileExistsError:
        raise KeyFileError(f"{path} exists; a council key is never overwritten") from None
    except OSError as exc:
        raise KeyFileError(f"cannot write {path}: {exc.strerror or exc}") from exc
