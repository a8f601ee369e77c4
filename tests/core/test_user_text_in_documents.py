"""Text people typed, a sample of the Big List of Naughty Strings among it, as event names and
places, organisations, names and pledges in their own words, through the real command line
into the impact report, the certificates, the balance sheet and the exports: every command
succeeds, and the text is shown literally, never read as reportlab markup or a formula.

pypdf gives printable ASCII back exactly, so those strings (every markup, script and SQL one
of the sample) are looked for in the PDFs' text; right-to-left, emoji and zero-width strings
must go through without an error."""

from __future__ import annotations

import csv
import json
import unicodedata
from collections.abc import Callable
from pathlib import Path

import openpyxl

from charter_desktop.core.certificates.model import short_reference
from charter_desktop.core.exports.csv_export import neutralise, unneutralise
from charter_desktop.core.exports.json_export import FORMAT_NAME, FORMAT_VERSION
from charter_desktop.core.report.service import write_store_report
from charter_desktop.core.resources import resource_path
from charter_desktop.core.signing import parse_certificate_url
from charter_desktop.core.storage.paths import resolve_paths
from charter_desktop.core.store import Store
from charter_desktop.core.text import TextError, clean_line
from tests.helpers import run_cli
from tests.pdftools import decode_qr, flat, pdf_text, render_png, word_boxes

ISSUE_NAME = 'Youth <b>day & "friends" <font size=40>'
# Markup that a parser would take in or undo, and text too long for one line anywhere.
OWN = [
    ISSUE_NAME,
    "&amp; &lt;b&gt; &#60;i&#62; &nbsp;",
    "</para><para>",
    "a<br/>b <b>c</b>",
    ("<b>x & y</b> " * 12)[:120],
]
MEASURED = "supported-work-placements"


def sample(strings: list[str]) -> list[str]:
    """OWN and about 45 of `strings`, chosen the same way every run: markup and script first,
    quotes and backslashes, formula starts, right-to-left, zero-width, combining marks, emoji,
    CJK, long ones, and every 40th string for the rest."""

    def first(test: Callable[[str], bool], count: int) -> list[str]:
        return [s for s in strings if test(s)][:count]

    def category(*names: str) -> Callable[[str], bool]:
        return lambda s: any(unicodedata.category(c) in names for c in s)

    groups = [
        first(lambda s: "<" in s or "&" in s, 14),
        first(lambda s: "'" in s or '"' in s or "\\" in s, 5),
        first(lambda s: s[:1] in ("=", "+", "-", "@"), 4),
        first(lambda s: any(unicodedata.bidirectional(c) in ("R", "AL") for c in s), 4),
        first(category("Cf"), 4),
        first(category("Mn"), 2),
        first(lambda s: any(ord(c) >= 0x1F300 for c in s), 4),
        first(lambda s: any("\u3040" <= c <= "\u9fff" for c in s), 2),
        first(lambda s: len(s) > 100, 3),
        strings[::40],
    ]
    chosen = list(OWN)
    for group in groups:
        for text in group:
            try:
                usable = clean_line(text[:100], 100)
            except TextError:  # refused as a name: tests/cli/test_naughty_strings.py
                continue
            if usable and text not in chosen:
                chosen.append(text)
    return chosen


def stored(text: str, limit: int) -> str:
    """What the kiosk keeps of `text` typed into a field of `limit` characters."""
    return unicodedata.normalize("NFC", text[:limit]).strip()


def literal(text: str) -> bool:
    """True for text that pdf_text gives back exactly: printable ASCII."""
    return all(" " <= c <= "~" for c in text)


def load(data_dir: Path, tmp_path: Path, strings: list[str]) -> list[dict[str, str]]:
    """An event for each string and a pledge at it, through `pledge add --json` with an export
    document (which brings its events). Event n is named strings[n]; its place, the pledge's
    organisation, name and own words are the next strings in turn, so each string is tried in
    every field. Returns what each event and pledge holds."""
    events, pledges, held = [], [], []
    count = len(strings)
    for n, name in enumerate(strings):
        fields = {
            "event_id": f"e{n:07x}-0000-4000-8000-{n:012d}",
            "pledge_id": f"a{n:07x}-0000-4000-8000-{n:012d}",
            "event": stored(name, 120),
            "place": stored(strings[(n + 1) % count], 120),
            "organisation": stored(strings[(n + 2) % count], 200),
            "name": stored(strings[(n + 3) % count], 100),
            "text": stored(strings[(n + 4) % count], 1000),
        }
        events.append({"id": fields["event_id"], "name": fields["event"], "date": "2025-06-01",
                       "place": fields["place"], "target": 100})  # fmt: skip
        pledges.append({"id": fields["pledge_id"], "event_id": fields["event_id"],
                        "pledger_type": "business", "organisation": fields["organisation"],
                        "name": fields["name"], "pledge_text": fields["text"],
                        "consent_publish_name": True, "actions": [MEASURED],
                        "measures": {MEASURED: n + 1}})  # fmt: skip
        held.append(fields)
    document = {"format": FORMAT_NAME, "version": FORMAT_VERSION, "events": events,
                "pledges": pledges}  # fmt: skip
    source = tmp_path / "typed.json"
    source.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    result = run_cli(data_dir, "pledge", "add", "--json", str(source))
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)) == count
    return held


def shown(text: str, pages: str) -> bool:
    return not literal(text) or flat(text) in flat(pages)


def pdf(path: Path) -> list[str]:
    return pdf_text(path.read_bytes())


def test_the_issues_event_name_is_reported_literally(data_dir: Path, tmp_path: Path) -> None:
    added = run_cli(data_dir, "event", "add", f"--name={ISSUE_NAME}", "--date", "2025-06-01",
                    f"--place={ISSUE_NAME}")  # fmt: skip
    assert added.returncode == 0, added.stderr
    out = tmp_path / "youth-day.pdf"
    result = run_cli(data_dir, "report", "--event", added.stdout.strip(), "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert "unexpected error" not in result.stderr
    pages = pdf(out)
    cover = " ".join(pages[0].split())
    assert f"Cooperative Inclusive Economy Charter: {ISSUE_NAME}" in cover
    assert f"Impact report · {ISSUE_NAME}" in cover  # the footer
    assert flat(pages[-1]).count(flat(ISSUE_NAME)) == 3  # the event, its place, the footer


def test_naughty_strings_in_the_report_and_on_certificates(
    naughty_strings: list[str], data_dir: Path, tmp_path: Path
) -> None:
    strings = sample(naughty_strings)
    assert 40 <= len(strings) <= 60 and sum(map(literal, strings)) >= 30
    held = load(data_dir, tmp_path, strings)

    everything = tmp_path / "all.pdf"
    result = run_cli(data_dir, "report", "--out", str(everything))
    assert result.returncode == 0, result.stderr
    text = "\n".join(pdf(everything))
    for item in held:  # every event, its place, and every organisation's balance sheet lines
        for field in ("event", "place", "organisation"):
            assert shown(item[field], text), (field, item[field])
    for item in held[:3]:  # the command line's report of one event
        out = tmp_path / "one.pdf"
        result = run_cli(data_dir, "report", "--event", item["event_id"], "--out", str(out))
        assert result.returncode == 0, result.stderr

    # Each event's own report, in this process (quicker): its name on the cover, and its
    # one pledge's name and own words quoted.
    store = Store.open(resolve_paths(data_dir))
    try:
        for item in held:
            out = tmp_path / "event.pdf"
            write_store_report(store, out, item["event_id"])
            pages = pdf(out)
            assert shown(item["event"], pages[0]), item["event"]
            words = "\n".join(pages)
            for field in ("place", "organisation", "name", "text"):
                assert shown(item[field], words), (field, item[field])
    finally:
        store.close()

    certificates = tmp_path / "certificates.pdf"
    result = run_cli(data_dir, "certificate", "--all", "--out", str(certificates))
    assert result.returncode == 0, result.stderr
    by_reference: dict[str, str] = {}  # a page for each pledge, found by its reference
    for page in pdf(certificates):
        [reference] = [r for r in (short_reference(i["pledge_id"]) for i in held) if r in page]
        by_reference[reference] = page
    assert len(by_reference) == len(held)
    for item in held:
        page = by_reference[short_reference(item["pledge_id"])]
        for field in ("event", "organisation", "name", "text"):
            assert shown(item[field], page), (field, item[field])


def test_naughty_strings_in_the_balance_sheet_and_exports(
    naughty_strings: list[str], data_dir: Path, tmp_path: Path
) -> None:
    held = load(data_dir, tmp_path, sample(naughty_strings))
    organisations: dict[str, str] = {}  # one holder per spelling, whatever its case
    for item in held:
        name = " ".join(item["organisation"].split())
        organisations.setdefault(name.casefold(), name)

    sheet_csv, sheet_xlsx = tmp_path / "balance.csv", tmp_path / "balance.xlsx"
    for out in (sheet_csv, sheet_xlsx):
        result = run_cli(data_dir, "balance-sheet", "--out", str(out))
        assert result.returncode == 0, result.stderr
    with sheet_csv.open(encoding="utf-8-sig", newline="") as handle:
        raw = [row["who"] for row in csv.DictReader(handle)]
    book = openpyxl.load_workbook(sheet_xlsx, read_only=True)
    cells = [row[0] for row in book.active.iter_rows(min_row=2, values_only=True)]
    book.close()
    expected = {neutralise(name) for name in organisations.values()}
    assert expected <= set(raw)  # formulas neutralised, everything else exactly as typed
    assert [unneutralise(cell) for cell in raw] == cells
    assert set(organisations.values()) <= set(cells)

    exported_json, exported_csv = tmp_path / "pledges.json", tmp_path / "pledges.csv"
    for fmt, out in (("json", exported_json), ("csv", exported_csv)):
        result = run_cli(data_dir, "export", "--format", fmt, "--out", str(out))
        assert result.returncode == 0, result.stderr
    document = json.loads(exported_json.read_text(encoding="utf-8"))
    events = {e["id"]: e for e in document["events"]}
    with exported_csv.open(encoding="utf-8-sig", newline="") as handle:
        rows = {row["id"]: row for row in csv.DictReader(handle)}
    for item in held:
        assert events[item["event_id"]]["name"] == item["event"]
        assert events[item["event_id"]]["place"] == item["place"]
        assert rows[item["pledge_id"]]["organisation"] == neutralise(item["organisation"])


def test_a_councils_own_catalogue_text_is_shown_literally(data_dir: Path, tmp_path: Path) -> None:
    """The council's charter.json is typed too: its names and the measures' words go into
    the report's paragraphs, where reportlab reads markup."""
    charter = json.loads(resource_path("charter.json").read_text(encoding="utf-8"))
    council, programme = "Smith & Jones <Borough> Council", "Wealth & <i>Health</i>"
    benefit, label = "A fairer <b>society</b> & more", "Placements <b>a year</b> & more"
    charter.update(council=council, programme=programme)
    first = charter["benefits"][0]
    first["title"] = benefit
    [measured] = [a for a in first["actions"] if a["id"] == MEASURED]
    measured["measure"].update(label=label, unit="places & <em>spots</em>")
    (data_dir / "charter.json").write_text(json.dumps(charter), encoding="utf-8")
    typed = [{"name": "Amelia Patel", "pledger_type": "resident", "actions": [MEASURED],
              "measures": {MEASURED: 3}}]  # fmt: skip
    source = tmp_path / "pledge.json"
    source.write_text(json.dumps(typed), encoding="utf-8")
    assert run_cli(data_dir, "pledge", "add", "--json", str(source)).returncode == 0
    out = tmp_path / "report.pdf"
    result = run_cli(data_dir, "report", "--out", str(out))
    assert result.returncode == 0, result.stderr
    pages = [" ".join(page.split()) for page in pdf(out)]
    assert f"{council} · {programme} · made" in pages[0]
    assert f"• {label}: 3 places & <em>spots</em>" in pages[0]
    balance = " ".join(pages)
    amount = "3 places & <em>spots</em> 1"
    assert f"Whole town Benefit Measure Pledged Pledges {benefit} {label} {amount}" in balance
    assert f"Who Measure Pledged Pledges Individual pledgers {label} {amount}" in balance


def test_an_event_name_in_any_script_is_on_the_cover_and_cut_short_in_the_footer(
    data_dir: Path, tmp_path: Path
) -> None:
    """The cover and every page's footer draw the event's name in a font that has its
    characters; a name too long for the footer ends with an ellipsis before the page number."""
    japanese = "田中さんにあげて下さい"
    long_name = ("The annual community wealth building summit, fair and market for local "
                 "businesses, cooperatives, charities and residents")  # fmt: skip
    assert len(long_name) == 120
    for name in (japanese, long_name):
        event = run_cli(data_dir, "event", "add", f"--name={name}", "--date", "2025-06-01")
        assert event.returncode == 0, event.stderr
        out = tmp_path / "event.pdf"
        result = run_cli(data_dir, "report", "--event", event.stdout.strip(), "--out", str(out))
        assert result.returncode == 0, result.stderr
        cover = " ".join(pdf(out)[0].split())
        assert f"Charter: {name}" in cover
        assert f"Impact report · {name[:30]}" in cover  # the footer
    _page, *words = word_boxes(out)
    [number] = [w for w in words if w[0] == "Page"]
    footer = [w for w in words if abs(w[4] - number[4]) < 1 and w[1] < number[1]]
    assert footer[0][0] == "Cooperative" and footer[-1][0].endswith("…")
    assert footer[-1][3] < number[1] - 10  # clear of the page number


def test_the_longest_name_and_event_still_give_a_certificate_with_a_readable_qr(
    data_dir: Path, tmp_path: Path
) -> None:
    """A name and an event in four-byte characters, as long as allowed, make the QR's address
    longer than error correction M can hold: the QR falls back to L and still verifies."""
    longest_event, longest_name = "\U0002070e" * 120, "\U0002070e" * 100
    event = run_cli(data_dir, "event", "add", f"--name={longest_event}", "--date",
                    "2025-06-01", "--use")  # fmt: skip
    assert event.returncode == 0, event.stderr
    source = tmp_path / "pledge.json"
    source.write_text(json.dumps({"name": longest_name, "pledger_type": "resident",
                                  "actions": [MEASURED]}), encoding="utf-8")  # fmt: skip
    added = run_cli(data_dir, "pledge", "add", "--json", str(source))
    assert added.returncode == 0, added.stderr
    out = tmp_path / "certificate.pdf"
    [pledge_id] = json.loads(added.stdout)
    result = run_cli(data_dir, "certificate", pledge_id, "--out", str(out))
    assert result.returncode == 0, result.stderr
    [text] = decode_qr(render_png(out, tmp_path / "page", dpi=400))
    claim, _signature = parse_certificate_url(text)
    assert (claim.event, claim.name) == (longest_event, longest_name)
    verified = run_cli(data_dir, "verify", text)
    assert verified.returncode == 0, verified.stderr
