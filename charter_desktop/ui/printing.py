"""Printing certificates on the system's printers (CUPS, Windows, macOS) through Qt's printer
list: straight to the kiosk's printer with no dialog, or to the printer a staff member picks.

On CUPS systems (Linux, macOS) the certificate's own PDF goes to the chosen queue with `lp`,
so the printout keeps real text and the vector QR code. Elsewhere each page is rendered at the
printer's resolution (by PDFium) and painted with QPainter on a QPrinter.
"""

from __future__ import annotations

import logging
import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QMarginsF, QRect, Qt
from PySide6.QtGui import QImage, QPageLayout, QPageSize, QPainter
from PySide6.QtPrintSupport import QPrinter, QPrinterInfo

from charter_desktop.core.certificates.model import short_reference
from charter_desktop.core.certificates.service import certificates_to_print
from charter_desktop.core.pledges.records import Pledge
from charter_desktop.core.storage.atomic import atomic_bytes
from charter_desktop.core.store import Store

log = logging.getLogger(__name__)
LP_TIMEOUT = 30.0
MAX_RENDER_DPI = 300
PAGE_SIZES = {
    "A4": QPageSize.PageSizeId.A4,
    "A5": QPageSize.PageSizeId.A5,
    "Letter": QPageSize.PageSizeId.Letter,
}


class PrintError(Exception):
    """Printing failed. The message says why, for the person at the kiosk; `pdf` holds the
    certificate so it can still be saved (the pledge itself is already stored)."""

    def __init__(self, message: str, pdf: bytes | None = None):
        super().__init__(message)
        self.pdf = pdf


@dataclass(frozen=True)
class PrintJob:
    printer: str
    job_id: str  # the spooler's id, or "" when Qt printed it directly


def find_printer(name: str = "") -> QPrinterInfo:
    """The printer called `name`, or the system default for ""; PrintError if none is usable."""
    if not name:
        name = QPrinterInfo.defaultPrinterName()
        if not name:
            raise PrintError("No printer is set up on this computer.")
    info = QPrinterInfo.printerInfo(name)
    if info.isNull():
        raise PrintError(f"The printer '{name}' is not available. Check it is switched on.")
    if info.state() in (QPrinter.PrinterState.Error, QPrinter.PrinterState.Aborted):
        raise PrintError(f"The printer '{name}' reports an error. Check its paper and ink.")
    return info


def submit_to_cups(pdf: bytes, printer: str, title: str, paper: str, copies: int = 1) -> str:
    """Queue `pdf` on CUPS printer `printer` with lp; returns the job id."""
    lp = shutil.which("lp")
    if lp is None:
        raise PrintError("This computer has no CUPS print command (lp).")
    command = [lp, "-d", printer, "-t", title, "-n", str(max(copies, 1)), "-o", f"media={paper}"]
    try:
        result = subprocess.run(  # noqa: S603  (fixed program, arguments from the printer list)
            command, input=pdf, capture_output=True, timeout=LP_TIMEOUT, check=False
        )
    except subprocess.TimeoutExpired:
        raise PrintError(f"The printer '{printer}' did not answer in time.") from None
    except OSError as exc:
        raise PrintError(f"Could not start printing: {exc.strerror or exc}") from exc
    if result.returncode != 0:
        reason = result.stderr.decode("utf-8", "replace").strip().splitlines()
        detail = reason[-1].removeprefix("lp: ") if reason else f"lp exit {result.returncode}"
        raise PrintError(f"The printer '{printer}' refused the certificate: {detail}")
    match = re.search(rb"request id is (\S+)", result.stdout)
    return match.group(1).decode() if match else ""


def set_paper(printer: QPrinter, paper: str) -> None:
    layout = QPageLayout(
        QPageSize(PAGE_SIZES.get(paper, QPageSize.PageSizeId.A4)),
        QPageLayout.Orientation.Landscape,
        QMarginsF(0, 0, 0, 0),
    )
    printer.setPageLayout(layout)
    printer.setFullPage(True)


def paint_pdf(printer: QPrinter, pdf: bytes, dpi: int = MAX_RENDER_DPI) -> None:
    """Paint every page of `pdf` on `printer` (rendered by PDFium at up to `dpi`)."""
    import pypdfium2

    document = pypdfium2.PdfDocument(pdf)
    painter = QPainter()
    if not painter.begin(printer):
        raise PrintError("The printer could not be opened.")
    try:
        target: QRect = printer.pageLayout().fullRectPixels(printer.resolution())
        scale = min(dpi, printer.resolution()) / 72
        for index in range(len(document)):
            if index:
                printer.newPage()
            bitmap = document[index].render(scale=scale, rev_byteorder=True)
            image = QImage(
                bitmap.buffer, bitmap.width, bitmap.height, bitmap.stride,
                QImage.Format.Format_RGB888,
            ).copy()  # fmt: skip
            fitted = image.size().scaled(target.size(), Qt.AspectRatioMode.KeepAspectRatio)
            painter.drawImage(QRect(target.topLeft(), fitted), image)
    finally:
        painter.end()
        document.close()


def send_pdf(
    pdf: bytes, printer_name: str, *, title: str, paper: str = "A4", copies: int = 1
) -> PrintJob:
    """Print `pdf` on the named printer (or the default for ""), with no dialog."""
    info = find_printer(printer_name)
    name = info.printerName()
    if shutil.which("lp") is not None:
        job = submit_to_cups(pdf, name, title, paper, copies)
        log.info("certificate sent to printer %s as job %s", name, job)
        return PrintJob(name, job)
    printer = QPrinter(info, QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    printer.setCopyCount(copies)
    set_paper(printer, paper)
    paint_pdf(printer, pdf)
    log.info("certificate painted on printer %s", name)
    return PrintJob(name, "")


def print_pledge_certificate(
    store: Store, pledge: Pledge, printer_name: str | None = None
) -> PrintJob:
    """The kiosk's print: `pledge`'s certificate straight to the kiosk's printer (the setting,
    or `printer_name`). Raises PrintError carrying the PDF, so it can be saved instead."""
    printable = certificates_to_print(store, [pledge])
    name = printable.printer_name if printer_name is None else printer_name
    title = f"Pledge certificate {short_reference(pledge.id)}"
    try:
        return send_pdf(printable.pdf, name, title=title, paper=printable.paper_size)
    except PrintError as exc:
        log.warning("printing pledge %s failed: %s", pledge.id, exc)
        raise PrintError(str(exc), printable.pdf) from exc


def save_pdf(pdf: bytes, path: Path) -> Path:
    """Write the certificate PDF where the person chose (complete or not at all)."""
    with atomic_bytes(path) as handle:
        handle.write(pdf)
    return path
