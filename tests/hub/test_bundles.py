"""USB bundles: written atomically by the kiosk, signed; the hub imports a genuine one once and
refuses a tampered or truncated one without writing anything."""

from __future__ import annotations

import io
import json
import resource
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.fixtures.hub import HubProcess
from tests.helpers import run_cli


def hub_count(db_url: str) -> int:
    return HubProcess(db_url, Path()).count()


def make_bundle(kiosk: Path, out: Path) -> Path:
    result = run_cli(kiosk, "bundle", "--out", str(out))
    assert result.returncode == 0, result.stderr
    return out


def rewrite(bundle: Path, out: Path, name: str, change: bytes | None) -> Path:
    """A copy of `bundle` with member `name` replaced by `change` (or left out)."""
    with zipfile.ZipFile(bundle) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            if info.filename != name:
                dst.writestr(info, src.read(info))
            elif change is not None:
                dst.writestr(info, change)
    return out


def test_a_bundle_holds_signed_json_and_csv_of_what_is_unsent(
    kiosks: list[Path], tmp_path: Path
) -> None:
    bundle = make_bundle(kiosks[0], tmp_path / "usb.zip")
    with zipfile.ZipFile(bundle) as zf:
        assert sorted(zf.namelist()) == ["manifest.json", "manifest.sig", "pledges.csv",
                                         "pledges.json"]  # fmt: skip
        manifest = json.loads(zf.read("manifest.json"))
        document = json.loads(zf.read("pledges.json"))
        csv_rows = zf.read("pledges.csv").decode("utf-8-sig").splitlines()
    assert manifest["counts"] == {"pledges": 1000, "erased": 0, "events": 1}
    assert manifest["device_id"] == document["device_id"]
    assert manifest["public_key"].startswith("-----BEGIN PUBLIC KEY-----")
    assert len(document["pledges"]) == 1000 and len(csv_rows) == 1001
    import hashlib

    with zipfile.ZipFile(bundle) as zf:
        for name, entry in manifest["files"].items():
            assert hashlib.sha256(zf.read(name)).hexdigest() == entry["sha256"]


def test_the_hub_imports_a_bundle_once(kiosks: list[Path], hub_db_url: str, tmp_path: Path) -> None:
    bundles = [make_bundle(k, tmp_path / f"{k.name}.zip") for k in kiosks]
    first = run_cli(None, "hub", "import", "--db", hub_db_url, *map(str, bundles))
    assert first.returncode == 0, first.stderr
    assert "1000 pledges accepted, 1000 new or updated" in first.stdout
    assert "new device key registered" in first.stdout
    assert hub_count(hub_db_url) == 2000

    again = run_cli(None, "hub", "import", "--db", hub_db_url, str(bundles[0]))
    assert again.returncode == 0 and "already imported; nothing changed" in again.stdout
    assert hub_count(hub_db_url) == 2000

    # A later bundle from the same kiosk (nothing synced meanwhile) holds the same pledges.
    later = make_bundle(kiosks[0], tmp_path / "later.zip")
    result = run_cli(None, "hub", "import", "--db", hub_db_url, str(later))
    assert "1000 pledges accepted, 0 new or updated" in result.stdout
    assert hub_count(hub_db_url) == 2000


@pytest.mark.parametrize("hub_db_url", ["sqlite"], indirect=True)
def test_tampered_or_truncated_bundles_are_refused_and_nothing_is_written(
    kiosks: list[Path], hub_db_url: str, tmp_path: Path
) -> None:
    good = make_bundle(kiosks[0], tmp_path / "good.zip")
    with zipfile.ZipFile(good) as zf:
        document = json.loads(zf.read("pledges.json"))
        manifest = json.loads(zf.read("manifest.json"))
    document["pledges"][0]["name"] = "Someone Else"
    manifest["counts"]["pledges"] = 999
    data = good.read_bytes()
    (tmp_path / "truncated.zip").write_bytes(data[: len(data) // 2])
    cases = {
        "truncated.zip": "the zip is damaged or truncated",
        rewrite(good, tmp_path / "edited.zip", "pledges.json",
                json.dumps(document).encode()).name: "pledges.json does not match",
        rewrite(good, tmp_path / "recounted.zip", "manifest.json",
                json.dumps(manifest).encode()).name: "signature does not match",
        rewrite(good, tmp_path / "unsigned.zip", "manifest.sig", None).name:
            "manifest.sig is missing",
    }  # fmt: skip
    for name, message in cases.items():
        # The good bundle first: one bad file in the list means nothing is imported.
        result = run_cli(None, "hub", "import", "--db", hub_db_url, str(good),
                         str(tmp_path / name))  # fmt: skip
        assert result.returncode == 2, name
        assert message in result.stderr and "nothing was imported" in result.stderr
        assert "Traceback" not in result.stderr
        assert hub_count(hub_db_url) == 0


def test_a_bundle_is_complete_or_absent_even_when_the_disk_fills(
    kiosks: list[Path], tmp_path: Path
) -> None:
    out = tmp_path / "usb" / "bundle.zip"
    out.parent.mkdir()
    out.write_bytes(b"yesterday's bundle")

    def small_disk() -> None:  # the bundle needs far more than 64 KiB
        resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))

    result = subprocess.run(
        [sys.executable, "-m", "charter_desktop", "--data-dir", str(kiosks[0]), "bundle",
         "--out", str(out)],
        preexec_fn=small_disk, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode != 0
    assert out.read_bytes() == b"yesterday's bundle"  # the old file untouched
    assert [p.name for p in out.parent.iterdir()] == ["bundle.zip"]  # no half-written file


def test_after_a_sync_the_bundle_is_empty(
    hub: HubProcess, kiosks: list[Path], tmp_path: Path
) -> None:
    token = hub.token("hall-a")
    assert run_cli(kiosks[0], "sync", "--url", hub.url, "--token", token).returncode == 0
    bundle = make_bundle(kiosks[0], tmp_path / "after.zip")
    with zipfile.ZipFile(bundle) as zf:
        assert json.loads(zf.read("manifest.json"))["counts"]["pledges"] == 0
        assert io.BytesIO(zf.read("pledges.csv")).read().count(b"\r\n") == 1  # header only
