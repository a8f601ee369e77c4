"""Moving a kiosk that is already in use to a pack: on a kiosk with a council key every
pack needs the staff passphrase; a kiosk set up by hand, an older pack or another kiosk's
pack moves it only with `--re-enrol`; the next pack replaces the kiosk keys packs brought
and keeps the ones staff trusted; a failed apply keeps the key the hub registered."""

from __future__ import annotations

import uuid
from datetime import timedelta
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from charter_desktop.core.clock import utc_now
from charter_desktop.core.signing import load_or_create_signing_key, public_key_pem
from charter_desktop.core.sync.settings import load_sync_settings_of
from tests.fixtures.attack import opened
from tests.fixtures.enrol import (
    COUNCIL_KEY,
    EVENT_ID,
    Scripted,
    closed_port,
    enrol,
    make_pack,
    refused,
    snapshot,
)
from tests.helpers import run_cli


def test_with_a_council_key_every_pack_needs_the_staff_passphrase(
    kiosk: Path, hub_key: Ed25519PrivateKey, tmp_path: Path
) -> None:
    """A pack from the kiosk's own hub, or one signed by any key, changes nothing without the
    staff passphrase once the kiosk holds a council key."""
    url = f"http://127.0.0.1:{closed_port()}"
    # The first set-up needs no passphrase: there is no council key to unlock yet.
    assert enrol(kiosk, make_pack(hub_key, url), tmp_path=tmp_path, passphrase=None).returncode == 0
    before = snapshot(kiosk)
    same_hub = make_pack(hub_key, url, event={"id": str(uuid.uuid4()), "name": "Other",
                                              "date": "2026-06-01", "target": 50})  # fmt: skip
    refused(enrol(kiosk, same_hub, tmp_path=tmp_path, passphrase=None),
            "the staff passphrase is needed")  # fmt: skip
    forged = make_pack(Ed25519PrivateKey.generate(), url)
    refused(enrol(kiosk, forged, "--re-enrol", tmp_path=tmp_path, passphrase=None),
            "the staff passphrase is needed")  # fmt: skip
    assert snapshot(kiosk) == before
    assert enrol(kiosk, same_hub, tmp_path=tmp_path).returncode == 0


def test_a_kiosk_set_up_by_hand_is_moved_to_a_pack_only_by_re_enrolling(
    tmp_path: Path, hub_key: Ed25519PrivateKey
) -> None:
    """A kiosk with a council key or a hub of its own, never enrolled from a pack, takes a
    pack only with --re-enrol (and the passphrase, when it has a key)."""
    from charter_desktop.core.privacy.service import use_key
    from charter_desktop.core.sync.settings import SyncSettings, save_sync_settings

    url = f"http://127.0.0.1:{closed_port()}"
    keyed, hubbed = tmp_path / "keyed", tmp_path / "hubbed"
    for folder in (keyed, hubbed):
        assert run_cli(folder, "event", "list").returncode == 0
    with opened(keyed) as store:
        use_key(store, COUNCIL_KEY, "staff")
    with opened(hubbed) as store, store.db.write() as session:
        save_sync_settings(session, SyncSettings(hub_url="https://hub.example", token="t" * 32))

    before = snapshot(keyed)
    refused(enrol(keyed, make_pack(hub_key, url), tmp_path=tmp_path),
            "never enrolled from a kiosk pack")  # fmt: skip
    refused(enrol(keyed, make_pack(hub_key, url), "--re-enrol", tmp_path=tmp_path,
                  passphrase=None), "the staff passphrase is needed")  # fmt: skip
    assert snapshot(keyed) == before
    moved = enrol(keyed, make_pack(hub_key, url), "--re-enrol", tmp_path=tmp_path)
    assert moved.returncode == 0, moved.stderr

    before = snapshot(hubbed)
    pack = make_pack(hub_key, url, council_key=None)
    refused(enrol(hubbed, pack, tmp_path=tmp_path), "never enrolled from a kiosk pack")
    assert snapshot(hubbed) == before
    # No council key: no staff secret to check, --re-enrol alone moves it.
    assert enrol(hubbed, pack, "--re-enrol", tmp_path=tmp_path).returncode == 0
    with opened(hubbed) as store:
        assert load_sync_settings_of(store).hub_url == url


def test_the_next_pack_replaces_the_kiosk_keys_from_packs_and_keeps_staffs_own(
    kiosk: Path, hub_key: Ed25519PrivateKey, tmp_path: Path
) -> None:
    url = f"http://127.0.0.1:{closed_port()}"
    hand, revoked, kept, twin = (Ed25519PrivateKey.generate() for _ in range(4))
    by_hand = tmp_path / "by-hand.pem"
    by_hand.write_text(public_key_pem(hand))
    assert run_cli(kiosk, "keys", "trust", str(by_hand)).returncode == 0
    prefix = "0b7c1d2e-"  # two kiosks whose ids begin alike, and whose names clean alike
    ids = [prefix + str(uuid.uuid4())[9:] for _ in range(3)]
    listed = [
        {"device_id": ids[0], "public_key": public_key_pem(revoked), "kiosk": "hall a"},
        {"device_id": ids[1], "public_key": public_key_pem(kept), "kiosk": "hall-a"},
        {"device_id": ids[2], "public_key": public_key_pem(twin), "kiosk": "hall/a"},
    ]
    assert enrol(kiosk, make_pack(hub_key, url, trusted_keys=listed),
                 tmp_path=tmp_path).returncode == 0  # fmt: skip

    def trusted() -> set[str]:
        return {p.read_text() for p in (kiosk / "keys" / "trusted").glob("*.pem")}

    assert trusted() == {public_key_pem(k) for k in (hand, revoked, kept, twin)}
    # `hub revoke`: the next pack no longer lists the key, and the kiosk forgets it.
    again = make_pack(hub_key, url, trusted_keys=listed[1:])
    assert enrol(kiosk, again, tmp_path=tmp_path).returncode == 0
    assert trusted() == {public_key_pem(k) for k in (hand, kept, twin)}
    assert enrol(kiosk, make_pack(hub_key, url), tmp_path=tmp_path).returncode == 0
    assert trusted() == {public_key_pem(hand)}


def test_an_older_pack_or_one_for_another_kiosk_needs_re_enrol(
    kiosk: Path, hub_key: Ed25519PrivateKey, tmp_path: Path
) -> None:
    url = f"http://127.0.0.1:{closed_port()}"
    older = make_pack(hub_key, url, issued_at=utc_now() - timedelta(hours=2))
    assert enrol(kiosk, make_pack(hub_key, url), tmp_path=tmp_path).returncode == 0
    other_name = make_pack(hub_key, url, device_name="hall-b")
    before = snapshot(kiosk)
    refused(enrol(kiosk, older, tmp_path=tmp_path), "older than the one this kiosk")
    refused(enrol(kiosk, other_name, tmp_path=tmp_path), "is for kiosk 'hall-b', not 'hall-a'")
    assert snapshot(kiosk) == before
    assert enrol(kiosk, older, "--re-enrol", tmp_path=tmp_path).returncode == 0
    result = enrol(kiosk, other_name, "--re-enrol", tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Enrolled as kiosk 'hall-b'" in result.stdout


def test_the_key_the_hub_registered_is_kept_when_the_apply_fails_so_a_retry_claims(
    kiosk: Path, hub_key: Ed25519PrivateKey, scripted: Scripted, tmp_path: Path
) -> None:
    scripted.answer("/api/v1/enrol/claim", 200, {"device": "hall-a", "event_id": EVENT_ID})
    listed = [
        {
            "device_id": str(uuid.uuid4()),
            "public_key": public_key_pem(Ed25519PrivateKey.generate()),
            "kiosk": "hall-b",
        }
    ]
    pack = make_pack(hub_key, scripted.url, trusted_keys=listed)
    (kiosk / "keys").mkdir()
    (kiosk / "keys" / "trusted").write_text("in the way")  # the apply fails after the claim
    assert enrol(kiosk, pack, tmp_path=tmp_path).returncode != 0
    [(_, _, first)] = scripted.seen
    key = kiosk / "keys" / "certificate-signing.pem"
    assert key.is_file()
    assert public_key_pem(load_or_create_signing_key(kiosk / "keys")) == first["public_key"]

    (kiosk / "keys" / "trusted").unlink()
    result = enrol(kiosk, pack, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "claimed at the hub" in result.stdout
    assert scripted.seen[-1][2]["public_key"] == first["public_key"]
