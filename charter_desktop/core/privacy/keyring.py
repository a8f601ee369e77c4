"""The keys this process holds: a sealer per council public key (made on first use, with a
fresh ephemeral key) and, only while staff have unlocked, the council's private key.

Both live in memory only. `lock()` drops the private key and the KEKs derived from it (the
staff area calls it when it closes; the CLI's process ends)."""

from __future__ import annotations

import threading
from collections.abc import Callable

from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from charter_desktop.core.privacy.envelope import Opener, Sealer, key_id

_lock = threading.Lock()
_sealers: dict[bytes, Sealer] = {}
_openers: dict[bytes, Opener] = {}
_on_lock: list[Callable[[], None]] = []


def sealer_for(council_public: bytes) -> Sealer:
    with _lock:
        sealer = _sealers.get(council_public)
        if sealer is None:
            sealer = _sealers[council_public] = Sealer(council_public)
        return sealer


def unlock(private: X25519PrivateKey) -> None:
    opener = Opener(private)
    with _lock:
        _openers[opener.key_id] = opener


def when_locked(forget: Callable[[], None]) -> None:
    """Call `forget` whenever the private key is dropped: whatever was derived from what it
    opened (the search index) goes with it."""
    _on_lock.append(forget)


def lock() -> None:
    with _lock:
        _openers.clear()
    for forget in _on_lock:
        forget()


def any_unlocked() -> bool:
    return bool(_openers)


def opener_for(kid: bytes) -> Opener | None:
    return _openers.get(kid)


def is_unlocked(council_public: bytes) -> bool:
    return key_id(council_public) in _openers
