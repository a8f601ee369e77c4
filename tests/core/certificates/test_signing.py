"""Certificate signatures: a signed URL verifies offline; any change to it does not."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import pytest

from charter_desktop.core.certificates.links import pledge_certificate_url
from charter_desktop.core.signing import (
    CertificateClaim,
    PayloadError,
    certificate_url,
    load_or_create_signing_key,
    load_public_key,
    public_key_pem,
    verify_certificate_url,
)
from charter_desktop.core.store import Store
from tests.helpers import pledge

CLAIM = CertificateClaim(
    pledge_id="6f1c1b7e-1b7e-4c1e-9a4e-1c1b7e1b7e00",
    device_id="0e8c5d1a-2f3b-4c5d-8e9f-0a1b2c3d4e5f",
    date="2026-05-14",
    event="Launch summit",
    name="محمد الأحمد",
)


def test_a_signed_url_verifies_with_the_public_key_alone(tmp_path: Path) -> None:
    key = load_or_create_signing_key(tmp_path)
    url = certificate_url("https://council.example/verify", CLAIM, key)
    public = load_public_key(public_key_pem(key))
    assert url.startswith("https://council.example/verify?v=1&")
    assert verify_certificate_url(url, [public]) == CLAIM


@pytest.mark.parametrize(
    ("field", "new"), [("n", "Someone Else"), ("t", "2026-05-15"), ("e", "Other"), ("p", "x")]
)
def test_an_altered_claim_fails(tmp_path: Path, field: str, new: str) -> None:
    key = load_or_create_signing_key(tmp_path)
    url = certificate_url("https://council.example/verify", CLAIM, key)
    head, _, rest = url.partition(f"&{field}=")
    tampered = head + f"&{field}={quote(new)}&" + rest.partition("&")[2]
    assert verify_certificate_url(tampered, [key.public_key()]) is None


def test_another_kiosks_key_does_not_verify(tmp_path: Path) -> None:
    ours = load_or_create_signing_key(tmp_path / "a")
    theirs = load_or_create_signing_key(tmp_path / "b")
    url = certificate_url("https://council.example/verify", CLAIM, theirs)
    assert verify_certificate_url(url, [ours.public_key()]) is None


@pytest.mark.parametrize(
    "text", ["", "hello", "https://x/verify?v=1&p=1", "https://x?v=9&p=&d=&t=&e=&n=&s="]
)
def test_text_that_is_not_a_certificate_code_is_named(text: str) -> None:
    with pytest.raises(PayloadError):
        verify_certificate_url(text, [])


def test_the_key_is_made_once_and_private(tmp_path: Path) -> None:
    first = load_or_create_signing_key(tmp_path)
    again = load_or_create_signing_key(tmp_path)
    assert public_key_pem(first) == public_key_pem(again)
    assert (tmp_path / "certificate-signing.pem").stat().st_mode & 0o077 == 0


def test_a_stored_pledge_gets_a_url_naming_it(store: Store) -> None:
    (pledge_id,) = store.add_pledges([pledge(name="Zoë 👩🏽‍🚀")], source="kiosk", actor="kiosk").ids
    stored = store.get_pledge(pledge_id)
    assert stored is not None
    url = pledge_certificate_url(store, stored)
    key = load_or_create_signing_key(store.paths.data_dir / "keys")
    claim = verify_certificate_url(url, [key.public_key()])
    assert claim is not None
    assert (claim.pledge_id, claim.name) == (pledge_id, "Zoë 👩🏽‍🚀")
    assert claim.event == store.current_event().name
