"""The envelope each pledge's personal fields are stored in.

A random 256-bit data key per pledge encrypts each field with AES-256-GCM (its own nonce;
the associated data binds it to the pledge id and the field name, so a value cannot be moved
to another pledge or field). The data key is wrapped with AES-256-GCM under a key-encryption
key (KEK) that one X25519 exchange between a per-process ephemeral key and the council's
public key gives (HKDF-SHA256): sealing costs no public-key operation per pledge, and opening
100,000 pledges costs one exchange per process that wrote them, not one per pledge. Only the
holder of the council's private key can derive a KEK again; the ephemeral private key is
never stored.

Layout (bytes): version 1 | key id 8 | ephemeral public key 32 | wrap nonce 12 | wrapped
data key 48 | then per field: field code 1 | nonce 12 | length 2 (big endian) | ciphertext.
A field is removed (erasure, withdrawn consent) by dropping its entry, which needs no key.
"""

from __future__ import annotations

import hashlib
import os
import struct
from collections.abc import Iterable, Mapping

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey, X25519PublicKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

VERSION = 1
FIELDS = ("name", "email", "phone", "postcode")
SETTING_FIELD = "secret"  # the one field of a sealed setting (core.privacy.secrets)
_CODES = {name: i + 1 for i, name in enumerate((*FIELDS, SETTING_FIELD))}
_NAMES = {code: name for name, code in _CODES.items()}
_HEADER = struct.Struct(">B8s32s12s48s")
_ENTRY = struct.Struct(">B12sH")
_KEK_INFO = b"charter-desktop envelope kek v1"


class EnvelopeError(ValueError):
    """The envelope is damaged, was made for another key, or was tampered with."""


def raw_public(key: X25519PublicKey) -> bytes:
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)


def key_id(public: bytes) -> bytes:
    """The 8-byte id of a council public key (its SHA-256, shortened)."""
    return hashlib.sha256(b"charter-council-key" + public).digest()[:8]


def _kek(shared: bytes, ephemeral: bytes, council: bytes) -> AESGCM:
    derived = HKDF(
        algorithm=hashes.SHA256(), length=32, salt=ephemeral + council, info=_KEK_INFO
    ).derive(shared)
    return AESGCM(derived)


def _aad(pledge_id: str, what: str) -> bytes:
    return f"charter-pledge/{pledge_id}/{what}".encode()


class Sealer:
    """Seals pledges to one council public key with this process's ephemeral key."""

    def __init__(self, council_public: bytes) -> None:
        self.council_public = council_public
        self.key_id = key_id(council_public)
        ephemeral = X25519PrivateKey.generate()
        self.ephemeral_public = raw_public(ephemeral.public_key())
        shared = ephemeral.exchange(X25519PublicKey.from_public_bytes(council_public))
        self._kek = _kek(shared, self.ephemeral_public, council_public)

    def seal(self, pledge_id: str, values: Mapping[str, str | None]) -> bytes:
        """The envelope of the fields in `values` that are not None (FIELDS, or SETTING_FIELD)."""
        data_key = AESGCM.generate_key(bit_length=256)
        wrap_nonce = os.urandom(12)
        wrapped = self._kek.encrypt(wrap_nonce, data_key, _aad(pledge_id, "key"))
        parts = [_HEADER.pack(VERSION, self.key_id, self.ephemeral_public, wrap_nonce, wrapped)]
        cipher = AESGCM(data_key)
        for name, code in _CODES.items():
            value = values.get(name)
            if value is None:
                continue
            nonce = os.urandom(12)
            sealed = cipher.encrypt(nonce, value.encode("utf-8"), _aad(pledge_id, name))
            parts.append(_ENTRY.pack(code, nonce, len(sealed)) + sealed)
        return b"".join(parts)


def _entries(blob: bytes) -> Iterable[tuple[int, bytes, bytes, bytes]]:
    """(code, nonce, ciphertext, raw entry) of each field entry."""
    offset = _HEADER.size
    while offset < len(blob):
        if offset + _ENTRY.size > len(blob):
            raise EnvelopeError("the envelope is cut short")
        code, nonce, length = _ENTRY.unpack_from(blob, offset)
        end = offset + _ENTRY.size + length
        if code not in _NAMES or end > len(blob):
            raise EnvelopeError("the envelope is damaged")
        yield code, nonce, blob[offset + _ENTRY.size : end], blob[offset:end]
        offset = end


def header(blob: bytes) -> tuple[bytes, bytes, bytes, bytes]:
    """(key id, ephemeral public key, wrap nonce, wrapped data key)."""
    if len(blob) < _HEADER.size or blob[0] != VERSION:
        raise EnvelopeError("not an envelope this version can read")
    _, kid, ephemeral, nonce, wrapped = _HEADER.unpack_from(blob)
    return kid, ephemeral, nonce, wrapped


def field_names(blob: bytes) -> list[str]:
    """Which fields the envelope holds (readable without the key)."""
    header(blob)
    return [_NAMES[code] for code, *_ in _entries(blob)]


def drop_fields(blob: bytes, names: Iterable[str]) -> bytes | None:
    """The envelope without the entries of `names` (None when no field is left); no key is
    needed, so erasure and a withdrawn consent work while the staff key is locked."""
    header(blob)
    gone = {_CODES[n] for n in names}
    kept = [raw for code, _, _, raw in _entries(blob) if code not in gone]
    return blob[: _HEADER.size] + b"".join(kept) if kept else None


class Opener:
    """Opens envelopes with the council's private key. Each KEK is derived once per
    ephemeral public key and cached, so opening many pledges costs AES only."""

    def __init__(self, private: X25519PrivateKey) -> None:
        self._private = private
        self.council_public = raw_public(private.public_key())
        self.key_id = key_id(self.council_public)
        self._keks: dict[bytes, AESGCM] = {}

    def _kek_for(self, ephemeral: bytes) -> AESGCM:
        kek = self._keks.get(ephemeral)
        if kek is None:
            shared = self._private.exchange(X25519PublicKey.from_public_bytes(ephemeral))
            kek = self._keks[ephemeral] = _kek(shared, ephemeral, self.council_public)
        return kek

    def open(self, pledge_id: str, blob: bytes) -> dict[str, str]:
        """The fields sealed in `blob` for the pledge `pledge_id`."""
        kid, ephemeral, wrap_nonce, wrapped = header(blob)
        if kid != self.key_id:
            raise EnvelopeError("the envelope was sealed to another council key")
        try:
            data_key = self._kek_for(ephemeral).decrypt(wrap_nonce, wrapped, _aad(pledge_id, "key"))
            cipher = AESGCM(data_key)
            return {
                _NAMES[code]: cipher.decrypt(nonce, sealed, _aad(pledge_id, _NAMES[code])).decode()
                for code, nonce, sealed, _ in _entries(blob)
            }
        except InvalidTag as exc:
            raise EnvelopeError(f"the envelope of pledge {pledge_id} fails its check") from exc
