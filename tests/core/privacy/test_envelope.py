"""The envelope and the council key file: round trips, tampering, wrong keys and passphrases."""

from __future__ import annotations

import json
import time
import uuid
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.x25519 import X25519PrivateKey

from charter_desktop.core.privacy.envelope import (
    EnvelopeError,
    Opener,
    Sealer,
    drop_fields,
    field_names,
    raw_public,
)
from charter_desktop.core.privacy.keys import (
    DEFAULT_COST,
    KeyFileError,
    ScryptCost,
    WrongPassphrase,
    new_council_key,
    read_key_file,
    write_key_file,
)

CHEAP = ScryptCost(n=2**10)
PLEDGE = "aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee"
OTHER = "11111111-2222-4333-8444-555555555555"
VALUES = {"name": "Amelia Patel", "email": "amelia@example.org", "postcode": "SG1 1HN"}


def test_sealed_fields_open_only_for_their_pledge_with_the_council_key() -> None:
    council = X25519PrivateKey.generate()
    blob = Sealer(raw_public(council.public_key())).seal(PLEDGE, VALUES | {"phone": None})
    assert b"Amelia" not in blob and b"example" not in blob
    assert field_names(blob) == ["name", "email", "postcode"]
    assert Opener(council).open(PLEDGE, blob) == VALUES
    with pytest.raises(EnvelopeError, match="fails its check"):
        Opener(council).open(OTHER, blob)  # moved to another pledge
    with pytest.raises(EnvelopeError, match="another council key"):
        Opener(X25519PrivateKey.generate()).open(PLEDGE, blob)
    tampered = bytearray(blob)
    tampered[-1] ^= 1
    with pytest.raises(EnvelopeError):
        Opener(council).open(PLEDGE, bytes(tampered))
    with pytest.raises(EnvelopeError):
        Opener(council).open(PLEDGE, blob[:-3])


def test_a_field_is_dropped_without_the_key_and_the_rest_still_opens() -> None:
    council = X25519PrivateKey.generate()
    blob = Sealer(raw_public(council.public_key())).seal(PLEDGE, VALUES)
    smaller = drop_fields(blob, ["email"])
    assert smaller is not None and b"amelia@" not in smaller
    assert Opener(council).open(PLEDGE, smaller) == {"name": "Amelia Patel", "postcode": "SG1 1HN"}
    assert drop_fields(blob, ["name", "email", "postcode"]) is None


def test_opening_100k_pledges_costs_one_exchange_per_process_not_per_pledge() -> None:
    council = X25519PrivateKey.generate()
    sealer = Sealer(raw_public(council.public_key()))
    ids = [str(uuid.uuid4()) for _ in range(100_000)]
    blobs = [sealer.seal(i, VALUES) for i in ids]
    opener = Opener(council)
    started = time.perf_counter()
    opened = [opener.open(i, b) for i, b in zip(ids, blobs, strict=True)]
    elapsed = time.perf_counter() - started
    assert opened[-1] == VALUES
    assert len(opener._keks) == 1
    assert elapsed < 5, f"opening 100k pledges took {elapsed:.2f} s"


def test_key_file_round_trip_wrong_passphrase_and_no_overwrite(tmp_path: Path) -> None:
    key = new_council_key("a long staff passphrase", CHEAP)
    path = tmp_path / "council-key.json"
    write_key_file(key, path)
    assert path.stat().st_mode & 0o777 == 0o600
    text = path.read_text()
    assert json.loads(text)["private_key"]["kdf"] == "scrypt"
    again = read_key_file(path)
    assert again.public == key.public and again.key_id == key.key_id
    private = again.unwrap("a long staff passphrase")
    assert raw_public(private.public_key()) == key.public
    with pytest.raises(WrongPassphrase):
        again.unwrap("a wrong staff passphrase")
    with pytest.raises(KeyFileError, match="never overwritten"):
        write_key_file(key, path)
    (tmp_path / "bad.json").write_text('{"format": "something else"}')
    with pytest.raises(KeyFileError, match="not a council key"):
        read_key_file(tmp_path / "bad.json")
    with pytest.raises(ValueError, match="at least 10"):
        new_council_key("short", CHEAP)


def test_production_scrypt_cost_is_not_weakened() -> None:
    assert (DEFAULT_COST.n, DEFAULT_COST.r, DEFAULT_COST.p) == (2**17, 8, 1)
    key = new_council_key("a long staff passphrase", CHEAP)
    assert key.wrapped["n"] == 2**10  # only because the test asked for it
