"""certificate, verify and keys as a user runs them: real subprocesses on a real data folder."""

from __future__ import annotations

import json
from pathlib import Path

from tests.helpers import pledge, run_cli
from tests.pdftools import decode_qr, page_count, pdf_text, render_png


def _add(data_dir: Path, *items: dict[str, object]) -> list[str]:
    result = run_cli(data_dir, "pledge", "add", "--json", "-", stdin=json.dumps(list(items)))
    assert result.returncode == 0, result.stderr
    ids: list[str] = json.loads(result.stdout)
    return ids


def _qr_text(pdf: Path, tmp_path: Path) -> str:
    (text,) = decode_qr(render_png(pdf, tmp_path / pdf.stem))
    return text


def test_certificate_then_verify_the_decoded_qr(data_dir: Path, tmp_path: Path) -> None:
    (pledge_id,) = _add(data_dir, pledge(name="Łucja Wiśniewska", pledge_text="Shop local."))
    out = tmp_path / "one.pdf"
    result = run_cli(data_dir, "certificate", pledge_id, "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "Łucja Wiśniewska" in pdf_text(out.read_bytes())[0]
    qr = _qr_text(out, tmp_path)

    valid = run_cli(data_dir, "verify", qr)
    assert valid.returncode == 0, valid.stderr
    assert "VALID" in valid.stdout and "Łucja Wiśniewska" in valid.stdout
    assert pledge_id in valid.stdout

    forged = run_cli(data_dir, "verify", qr.replace("&t=", "&t=1"))
    assert forged.returncode == 1 and "INVALID" in forged.stdout

    nonsense = run_cli(data_dir, "verify", "hello there")
    assert nonsense.returncode == 2 and "not a certificate code" in nonsense.stderr
    assert "Traceback" not in nonsense.stderr


def test_a_batch_is_one_pdf_with_a_page_per_active_pledge(data_dir: Path, tmp_path: Path) -> None:
    names = ["Amelia Patel", "李娜", "محمد الأحمد", "Chloé Rossi"]
    _add(data_dir, *(pledge(name=n) for n in names))
    out = tmp_path / "all.pdf"
    result = run_cli(data_dir, "certificate", "--all", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "4 certificates" in result.stdout
    pdf = out.read_bytes()
    assert page_count(pdf) == 4
    pages = pdf_text(pdf)
    for latin in ("Amelia Patel", "Chloé Rossi", "李娜"):
        assert sum(latin in page for page in pages) == 1, latin

    event = json.loads(run_cli(data_dir, "event", "list", "--json").stdout)[0]["id"]
    by_event = run_cli(data_dir, "certificate", "--event", event, "--out", str(tmp_path / "e.pdf"))
    assert by_event.returncode == 0 and page_count((tmp_path / "e.pdf").read_bytes()) == 4
    none = run_cli(data_dir, "certificate", "--date", "2001-01-01", "--out", str(tmp_path / "n"))
    assert none.returncode == 2 and "no pledges match" in none.stderr


def test_unknown_pledge_and_bad_output_are_one_line_errors(data_dir: Path, tmp_path: Path) -> None:
    unknown = run_cli(data_dir, "certificate", "nope", "--out", str(tmp_path / "x.pdf"))
    assert unknown.returncode == 2 and "no pledge with id nope" in unknown.stderr
    assert not (tmp_path / "x.pdf").exists()
    (pledge_id,) = _add(data_dir, pledge())
    missing = run_cli(data_dir, "certificate", pledge_id, "--out", str(tmp_path / "no/x.pdf"))
    assert missing.returncode == 2 and "cannot write" in missing.stderr
    neither = run_cli(data_dir, "certificate", "--out", str(tmp_path / "x.pdf"))
    assert neither.returncode == 2 and "Traceback" not in neither.stderr


def test_an_office_verifies_another_kiosks_certificates_once_it_trusts_its_key(
    data_dir: Path, tmp_path: Path
) -> None:
    (pledge_id,) = _add(data_dir, pledge(name="Kwame Mensah"))
    out = tmp_path / "k.pdf"
    assert run_cli(data_dir, "certificate", pledge_id, "--out", str(out)).returncode == 0
    qr = _qr_text(out, tmp_path)

    office = tmp_path / "office"
    assert run_cli(office, "verify", qr).returncode == 1

    pem = run_cli(data_dir, "keys", "public").stdout
    assert pem.startswith("-----BEGIN PUBLIC KEY-----")
    (tmp_path / "kiosk-1.pem").write_text(pem)
    trusted = run_cli(office, "keys", "trust", str(tmp_path / "kiosk-1.pem"))
    assert trusted.returncode == 0, trusted.stderr
    valid = run_cli(office, "verify", qr)
    assert valid.returncode == 0 and "Kwame Mensah" in valid.stdout

    (tmp_path / "junk.pem").write_text("not a key")
    junk = run_cli(office, "keys", "trust", str(tmp_path / "junk.pem"))
    assert junk.returncode == 2 and "not an Ed25519 public key" in junk.stderr
