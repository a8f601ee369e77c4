"""The impact report: the hand-counted figures of tests/fixtures/insight.py appear in the PDF's
text, names appear only with consent, withdrawn and erased pledges never; bad command-line
input is one line and exit 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from charter_desktop.core.report.service import ReportError, write_store_report
from charter_desktop.core.store import Store
from tests.fixtures.insight import (
    ERASED_NAME,
    QUOTE_HIDDEN_NAME,
    QUOTE_SHOWN,
    SECRET_NAME,
    WITHDRAWN_WORDS,
    fill,
)
from tests.helpers import run_cli
from tests.pdftools import embedded_fonts, flat, pdf_text


def report_text(path: Path) -> str:
    return "\n".join(pdf_text(path.read_bytes()))


def test_the_event_report_has_the_hand_counted_figures(store: Store, tmp_path: Path) -> None:
    current, _ = fill(store)
    out = tmp_path / "event.pdf"
    written = write_store_report(store, out, current)
    assert written.pledges == 5 and written.pages >= 4
    text = report_text(out)
    pages = pdf_text(out.read_bytes())
    assert "Impact report" in pages[0]
    assert "5 of 100 pledges (5%)" in pages[0]
    assert "pledges made (target 100)" in pages[0]
    assert "2\norganisations pledging" in pages[0]  # the bakery (two spellings) and the café
    assert "3\npostcode districts reached" in pages[0]  # SG1, SG2, EC1
    assert "4\npledges with a measure" in pages[0]
    assert "Work placements offered a year: 5 placements a year" in pages[0]
    assert "Share of spend with local suppliers: average 50%" in pages[0]
    assert "5 placements a year" in text and "50% (average)" in text
    assert "12.5 hours a month" in text
    assert "Old Town Bakery" in text and "Repair Café" in text
    assert flat(QUOTE_SHOWN) in flat(text) and "Baker Bob" in text
    assert flat(QUOTE_HIDDEN_NAME) in flat(text)
    for never in (SECRET_NAME, WITHDRAWN_WORDS, ERASED_NAME, "Gone Ltd", "Pledger 8"):
        assert flat(never) not in flat(text), never
    assert "Community Wealth Building pledges" in text  # the event covered
    assert "Town centre stall" not in text  # another event's report
    fonts = embedded_fonts(out.read_bytes())
    assert fonts and all(fonts.values()), fonts


def test_the_report_of_all_events(store: Store, tmp_path: Path) -> None:
    fill(store)
    out = tmp_path / "all.pdf"
    write_store_report(store, out)
    text = report_text(out)
    assert "6 of 150 pledges (4%)" in text
    assert "Town centre stall" in text and "4 sessions a year" in text


def test_an_unknown_event_is_refused(store: Store, tmp_path: Path) -> None:
    with pytest.raises(ReportError, match="no event with id"):
        write_store_report(store, tmp_path / "x.pdf", "00000000-0000-4000-8000-00000000dead")
    assert not (tmp_path / "x.pdf").exists()


def test_an_empty_kiosk_still_makes_a_report(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "empty.pdf"
    write_store_report(store, out)
    text = report_text(out)
    assert "0 of 100 pledges (0%)" in text and "No pledge gave a measure yet." in text


def test_the_report_command(store: Store, tmp_path: Path) -> None:
    current, _ = fill(store)
    data_dir = store.paths.data_dir
    store.close()
    out = tmp_path / "cli.pdf"
    result = run_cli(data_dir, "report", "--out", str(out), "--event", current)
    assert result.returncode == 0, result.stderr
    assert "Impact report of 5 pledges written" in result.stdout
    assert "5 of 100 pledges" in report_text(out)


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--out", "{tmp}/report.txt"], "ending in .pdf"),
        (["--out", "{tmp}/no/such/folder/report.pdf"], "does not exist"),
        (["--out", "{tmp}/r.pdf", "--event", "nope"], "no event with id nope"),
        ([], "the following arguments are required: --out"),
    ],
)
def test_bad_report_input_is_one_line_and_exit_2(
    data_dir: Path, tmp_path: Path, args: list[str], words: str
) -> None:
    result = run_cli(data_dir, "report", *(a.format(tmp=tmp_path) for a in args))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert words in lines[-1] and "Traceback" not in result.stderr
    assert len(lines) == 1 and lines[0].startswith("charter-desktop")
