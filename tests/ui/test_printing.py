"""Printing certificates on a real CUPS printer (a CUPS-PDF queue), and the staff's preview.

The kiosk's print goes through the same function the thank-you screen calls; the job's PDF
that CUPS writes must still hold the attendee's name as text and a QR code that zbar decodes
and `verify` accepts.
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtPrintSupport import QPrinter
from pytestqt.qtbot import QtBot

from charter_desktop.core.kiosk.print_spool import cups_spool_policy
from charter_desktop.core.pledges.records import Pledge
from charter_desktop.core.store import Store
from charter_desktop.ui.print_preview import CertificatePreview
from charter_desktop.ui.printing import PrintError, print_pledge_certificate
from charter_desktop.ui.staff.setup_pages import EventsPage
from tests.fixtures.printing import CupsPdfPrinter, scheduler_running
from tests.helpers import pledge, run_cli
from tests.pdftools import decode_qr, flat, page_count, pdf_text, render_png


def _stored(store: Store, **fields: object) -> Pledge:
    (pledge_id,) = store.add_pledges([pledge(**fields)], source="kiosk", actor="kiosk").ids
    stored = store.get_pledge(pledge_id)
    assert stored is not None
    return stored


def test_the_kiosk_prints_to_cups_and_the_printout_verifies(
    qtbot: QtBot, store: Store, cups_pdf_printer: CupsPdfPrinter, tmp_path: Path
) -> None:
    attendee = _stored(store, name="Grace Okafor", pledge_text="I will mentor a neighbour.")
    job = print_pledge_certificate(store, attendee, printer_name=cups_pdf_printer.name)
    assert job.printer == cups_pdf_printer.name and job.job_id

    printed = cups_pdf_printer.wait_for_output(job.job_id)
    assert "Grace Okafor" in pdf_text(printed.read_bytes())[0]
    (qr,) = decode_qr(render_png(printed, tmp_path / "printed", dpi=200))
    verified = run_cli(store.paths.data_dir, "verify", qr)
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert "Grace Okafor" in verified.stdout


def test_a_printer_that_refuses_jobs_gives_a_clear_message_and_the_pdf(
    qtbot: QtBot, store: Store, cups_pdf_printer: CupsPdfPrinter
) -> None:
    attendee = _stored(store, name="Tomasz Nowak")
    subprocess.run(["cupsreject", cups_pdf_printer.name], check=True, capture_output=True)
    with pytest.raises(PrintError, match="refused") as raised:
        print_pledge_certificate(store, attendee, printer_name=cups_pdf_printer.name)
    assert raised.value.pdf is not None and "Tomasz Nowak" in pdf_text(raised.value.pdf)[0]
    assert store.get_pledge(attendee.id) == attendee


def test_a_missing_printer_gives_a_clear_message_and_the_pdf(qtbot: QtBot, store: Store) -> None:
    attendee = _stored(store, name="Mei Zhang")
    with pytest.raises(PrintError, match="'No Such Printer' is not available") as raised:
        print_pledge_certificate(store, attendee, printer_name="No Such Printer")
    assert raised.value.pdf is not None and "Mei Zhang" in pdf_text(raised.value.pdf)[0]
    assert store.get_pledge(attendee.id) == attendee


def test_staff_preview_shows_every_certificate_and_prints_to_a_pdf_file(
    qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    from charter_desktop.core.certificates.service import certificates_pdf

    chosen = [_stored(store, name=n) for n in ("Amelia Patel", "Kofi Mensah", "Chloé Rossi")]
    pdf = certificates_pdf(store, chosen)
    dialog = CertificatePreview(pdf, len(chosen), "A4")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.preview.updatePreview()
    assert dialog.preview.pageCount() == 3
    assert dialog.summary.text() == "3 certificates"

    target = tmp_path / "chosen.pdf"
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(target))
    dialog.print_to(printer)
    written = target.read_bytes()
    assert page_count(written) == 3
    assert "KofiMensah" in flat(pdf_text(written)[1])


SPOOL = Path("/var/spool/cups")


@contextlib.contextmanager
def cups_policy(job_files: str, job_history: str) -> Iterator[None]:
    """CUPS's finished-job settings set as a council's administrator would (cupsctl), then
    put back."""
    before = cups_spool_policy()
    assert before is not None

    def apply(files: str, history: str) -> None:
        subprocess.run(["cupsctl", f"PreserveJobFiles={files}",
                        f"PreserveJobHistory={history}"], check=True, timeout=30)  # fmt: skip
        deadline = time.monotonic() + 20
        while not scheduler_running():  # cupsctl restarts the scheduler
            assert time.monotonic() < deadline, "cupsd did not come back"
            time.sleep(0.2)

    apply(job_files, job_history)
    try:
        yield
    finally:
        apply(before.job_files, before.job_history)


def spooled(job_id: str) -> list[str]:
    """The spool's files for `job_id`: its document (dNNNNN-001) and its record (cNNNNN)."""
    number = int(job_id.rsplit("-", 1)[-1])
    return sorted(p.name for p in SPOOL.glob(f"[cd]{number:05d}*"))


def test_a_kiosk_cups_set_to_keep_nothing_leaves_no_certificate_in_the_spool(
    qtbot: QtBot, store: Store, cups_pdf_printer: CupsPdfPrinter
) -> None:
    if not os.access(SPOOL, os.R_OK):
        pytest.skip("reading CUPS's spool folder needs root")
    attendee = _stored(store, name="Grace Okafor")
    page = EventsPage(store)
    qtbot.addWidget(page)

    with cups_policy("86400", "Yes"):  # CUPS's own defaults: the positive control
        page.show_spool_policy()
        assert page.spool_note.text().startswith("⚠ CUPS keeps printed certificates")
        assert "cupsctl PreserveJobFiles=No PreserveJobHistory=No" in page.spool_note.text()
        kept = print_pledge_certificate(store, attendee, printer_name=cups_pdf_printer.name)
        cups_pdf_printer.wait_for_output(kept.job_id)
        assert any(name.startswith("d") for name in spooled(kept.job_id))

    with cups_policy("No", "No"):
        page.show_spool_policy()
        assert page.spool_note.text().startswith("CUPS keeps no printed certificate")
        job = print_pledge_certificate(store, attendee, printer_name=cups_pdf_printer.name)
        cups_pdf_printer.wait_for_output(job.job_id)
        deadline = time.monotonic() + 20
        while spooled(job.job_id) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert spooled(job.job_id) == []
