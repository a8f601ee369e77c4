"""Certificates as a person receives them: the PDF's text, fonts, page and QR, read back with
real decoders (pypdf, poppler, zbar)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from charter_desktop.core.certificates import (
    ActionGroup,
    Branding,
    CertificateData,
    load_branding,
    render_batch,
    render_certificate,
    short_reference,
)
from charter_desktop.core.certificates.service import certificates_pdf, certificates_to_print
from charter_desktop.core.certificates.trust import trusted_public_keys
from charter_desktop.core.kiosk.settings import KioskSettings, save_kiosk_settings
from charter_desktop.core.signing import verify_certificate_url
from charter_desktop.core.store import Store
from tests.helpers import pledge
from tests.pdftools import (
    decode_qr,
    embedded_fonts,
    flat,
    page_count,
    pdf_text,
    render_png,
    word_boxes,
)

MM = 72 / 25.4
SAMPLE = CertificateData(
    charter_name="Cooperative Inclusive Economy Charter",
    council="Stevenage Borough Council",
    name="Amelia Patel",
    action_groups=(
        ActionGroup("A fairer society", ("Providing careers advice in schools",)),
        ActionGroup("A more resilient economy", ("Supporting cooperatives to start up and grow",)),
    ),
    own_words="I will buy my weekly veg from the market in the Old Town.",
    event_name="Launch summit",
    date=date(2026, 5, 14),
    reference="6F1C-1B7E",
    qr_url="https://charter.example.org/verify?v=1&p=x",
)
LONG_PLEDGE = (
    "We will open our meeting room free of charge to residents' groups, pay the real Living "
    "Wage, advertise every job locally first and buy from Stevenage suppliers wherever we can. "
) * 6
LONG_PLEDGE = LONG_PLEDGE[:1000]
LONG_NAME = ("Bartholomew Fitzgerald-Wiśniewska Okonkwo-Lewandowski " * 3)[:100]


@pytest.fixture(scope="module")
def branding() -> Branding:
    return load_branding()


def test_the_pdf_holds_name_pledge_actions_event_and_reference(branding: Branding) -> None:
    (text,) = pdf_text(render_certificate(SAMPLE, branding))
    for expected in (
        "Amelia Patel", SAMPLE.own_words, "Providing careers advice in schools",
        "Supporting cooperatives to start up and grow", "Cooperative Inclusive Economy Charter",
        "Launch summit", "14 May 2026", "6F1C-1B7E", "Community Wealth Building Team",
    ):  # fmt: skip
        assert flat(expected) in flat(text), expected


def test_a_1000_character_pledge_and_100_character_name_fit_on_one_page(
    branding: Branding, tmp_path: Path
) -> None:
    assert len(LONG_PLEDGE) == 1000 and len(LONG_NAME) == 100
    data = replace(SAMPLE, name=LONG_NAME, own_words=LONG_PLEDGE)
    pdf = render_certificate(data, branding)
    assert page_count(pdf) == 1
    (text,) = pdf_text(pdf)
    # Nothing is cut: every character of the pledge and the name is on the page.
    assert flat(LONG_PLEDGE) in flat(text)
    assert flat(LONG_NAME) in flat(text)
    # Nothing overflows: every word lies inside the inner border.
    path = tmp_path / "long.pdf"
    path.write_bytes(pdf)
    (_, _, _, width, height), *words = word_boxes(path)
    inset = 10 * MM
    assert len(words) > 150
    for word, x0, y0, x1, y1 in words:
        assert inset < x0 < x1 < width - inset and inset < y0 < y1 < height - inset, word


def test_text_shrinks_only_as_far_as_it_must(branding: Branding, tmp_path: Path) -> None:
    sizes = {}
    for label, words in (("short", SAMPLE.own_words), ("long", LONG_PLEDGE)):
        path = tmp_path / f"{label}.pdf"
        path.write_bytes(render_certificate(replace(SAMPLE, own_words=words), branding))
        boxes = [b for b in word_boxes(path)[1:] if b[0].startswith("weekly") or b[0] == "meeting"]
        sizes[label] = boxes[0][4] - boxes[0][2]
    assert sizes["long"] < sizes["short"] * 0.95


def test_every_font_is_embedded_and_scripts_get_their_own_fonts(branding: Branding) -> None:
    data = replace(SAMPLE, name="محمد الأحمد", own_words="李娜 Zoë Łucja 👩🏽‍🚀 🌱 שלום")
    fonts = embedded_fonts(render_certificate(data, branding))
    assert fonts and all(fonts.values()), fonts
    names = " ".join(fonts)
    for family in ("NotoSerif", "NotoNaskhArabic", "DroidSansFallback", "Symbola", "NotoSans"):
        assert family in names, (family, names)


def test_the_qr_decodes_with_zbar_and_verifies(store: Store, tmp_path: Path) -> None:
    (pledge_id,) = store.add_pledges(
        [pledge(name="Zofia Nowak", pledge_text="I will shop at the market.")],
        source="kiosk", actor="kiosk",
    ).ids  # fmt: skip
    stored = store.get_pledge(pledge_id)
    assert stored is not None
    path = tmp_path / "cert.pdf"
    path.write_bytes(certificates_pdf(store, [stored]))
    (text,) = pdf_text(path.read_bytes())
    assert "Zofia Nowak" in text and short_reference(pledge_id) in text
    (decoded,) = decode_qr(render_png(path, tmp_path / "cert"))
    keys = [key for _, key in trusted_public_keys(store.paths.data_dir)]
    claim = verify_certificate_url(decoded, keys)
    assert claim is not None
    assert (claim.pledge_id, claim.name, claim.event) == (
        pledge_id, "Zofia Nowak", store.current_event().name,
    )  # fmt: skip
    tampered = decoded.replace("n=Zofia", "n=Sofia")
    assert tampered != decoded
    assert verify_certificate_url(tampered, keys) is None


def test_a_right_to_left_name_still_gives_a_readable_qr(branding: Branding, tmp_path: Path) -> None:
    url = "https://charter.example.org/verify?v=1&n=%D9%85%D8%AD%D9%85%D8%AF" + "&x=1" * 60
    path = tmp_path / "rtl.pdf"
    path.write_bytes(render_certificate(replace(SAMPLE, name="محمد الأحمد", qr_url=url), branding))
    assert decode_qr(render_png(path, tmp_path / "rtl")) == [url]


@pytest.mark.parametrize(("paper", "size_mm"), [("A4", (297, 210)), ("A5", (210, 148)),
                                                ("Letter", (279.4, 215.9))])  # fmt: skip
def test_paper_sizes_are_landscape(
    branding: Branding, paper: str, size_mm: tuple[float, float]
) -> None:
    import io

    from pypdf import PdfReader

    pdf = render_certificate(replace(SAMPLE, paper_size=paper), branding)
    box = PdfReader(io.BytesIO(pdf)).pages[0].mediabox
    assert (round(float(box.width) / MM), round(float(box.height) / MM)) == (
        round(size_mm[0]), round(size_mm[1]),
    )  # fmt: skip
    assert "Amelia Patel" in pdf_text(pdf)[0]


def test_naughty_strings_render_without_crashing(
    branding: Branding, naughty_strings: list[str]
) -> None:
    items = [replace(SAMPLE, name=s, own_words=s, event_name=s[:120]) for s in naughty_strings]
    pdf = render_batch(items, branding)
    assert page_count(pdf) == len(naughty_strings)


def test_a_council_replaces_branding_without_touching_code(store: Store) -> None:
    folder = store.paths.data_dir / "branding"
    folder.mkdir()
    shipped_logo = load_branding().logo
    assert shipped_logo is not None, "the shipped branding has a logo, beside its branding.json"
    shipped = json.loads(shipped_logo.parent.joinpath("branding.json").read_text())
    shipped["signatory_name"] = "Cllr Rosa Mensah"
    shipped["colours"]["primary"] = "#6A1B4D"
    (folder / "branding.json").write_text(json.dumps(shipped))
    assert load_branding(store.paths.data_dir).colours["primary"] == "#6A1B4D"
    (pledge_id,) = store.add_pledges([pledge()], source="kiosk", actor="kiosk").ids
    stored = store.get_pledge(pledge_id)
    assert stored is not None
    assert "Cllr Rosa Mensah" in pdf_text(certificates_pdf(store, [stored]))[0]


def test_printing_takes_the_printer_and_paper_from_the_kiosk_settings(store: Store) -> None:
    ids = store.add_pledges(
        [pledge(name="Amelia Patel"), pledge(name="Kwame Mensah")], source="cli", actor="t"
    ).ids
    chosen = [p for p in store.list_pledges() if p.id in ids]
    default = certificates_to_print(store, chosen)
    assert (default.printer_name, default.paper_size) == ("", "A4")
    with store.db.write() as session:
        save_kiosk_settings(session, KioskSettings(printer_name="Hall_Laser", paper_size="A5"))
    printable = certificates_to_print(store, chosen)
    assert (printable.printer_name, printable.paper_size) == ("Hall_Laser", "A5")
    assert page_count(printable.pdf) == 2
    assert "Kwame Mensah" in " ".join(pdf_text(printable.pdf))
    import io

    from pypdf import PdfReader

    box = PdfReader(io.BytesIO(printable.pdf)).pages[0].mediabox
    assert (round(float(box.width) / MM), round(float(box.height) / MM)) == (210, 148)  # A5
