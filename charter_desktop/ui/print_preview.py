"""The staff's certificate printing: a print preview, then the system's print dialog."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtPrintSupport import QPrintDialog, QPrinter, QPrintPreviewWidget
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from charter_desktop.core.certificates.service import certificates_to_print
from charter_desktop.core.pledges.records import Pledge
from charter_desktop.core.store import Store
from charter_desktop.ui.dialog_fit import fit_to_screen
from charter_desktop.ui.kiosk.widgets import PlainLabel, show_problem
from charter_desktop.ui.printing import (
    PrintError,
    PrintJob,
    paint_pdf,
    save_pdf,
    send_pdf,
    set_paper,
)

PREVIEW_DPI = 110


class CertificatePreview(QDialog):
    """Shows the certificates as they will print; Print… opens the system's print dialog."""

    def __init__(self, pdf: bytes, pages: int, paper: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.pdf = pdf
        self.paper = paper
        self.setWindowTitle(self.tr("Print certificates"))
        self.printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        set_paper(self.printer, paper)
        self.preview = QPrintPreviewWidget(self.printer, self)
        self.preview.paintRequested.connect(self._paint_preview)
        self.preview.setViewMode(QPrintPreviewWidget.ViewMode.SinglePageView)
        self.preview.fitInView()
        self.summary = PlainLabel(self.tr("%n certificate(s)", "", pages))
        self.print_button = QPushButton(self.tr("Print…"))
        self.print_button.setDefault(True)
        self.save_button = QPushButton(self.tr("Save PDF…"))
        self.close_button = QPushButton(self.tr("Close"))
        for button in (self.print_button, self.save_button, self.close_button):
            button.setMinimumHeight(48)
        self.print_button.clicked.connect(self.choose_printer_and_print)
        self.save_button.clicked.connect(self.choose_file_and_save)
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary)
        buttons.addStretch(1)
        for button in (self.save_button, self.close_button, self.print_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.preview, 1)
        layout.addLayout(buttons)
        self.resize(1100, 820)
        fit_to_screen(self)

    def _paint_preview(self, printer: QPrinter) -> None:
        paint_pdf(printer, self.pdf, dpi=PREVIEW_DPI)

    def choose_printer_and_print(self) -> None:
        dialog = QPrintDialog(self.printer, self)
        dialog.setWindowTitle(self.tr("Print certificates"))
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.print_to(self.printer)

    def print_to(self, printer: QPrinter) -> PrintJob | None:
        """Print on the printer chosen in the dialog: to a PDF file as is, or to a printer."""
        try:
            if printer.outputFormat() == QPrinter.OutputFormat.PdfFormat:
                path = save_pdf(self.pdf, Path(printer.outputFileName()))
                job = PrintJob(str(path), "")
            else:
                job = send_pdf(
                    self.pdf, printer.printerName(), title="Pledge certificates",
                    paper=self.paper, copies=printer.copyCount(),
                )  # fmt: skip
        except (PrintError, OSError) as exc:
            self.offer_to_save(str(exc))
            return None
        self.accept()
        return job

    def offer_to_save(self, reason: str) -> None:
        answer = QMessageBox.warning(
            self,
            self.tr("Printing failed"),
            self.tr("%1\n\nSave the certificates as a PDF instead?").replace("%1", reason),
            QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Save:
            self.choose_file_and_save()

    def choose_file_and_save(self) -> Path | None:
        name, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save certificates"), "certificates.pdf", self.tr("PDF (*.pdf)")
        )
        if not name:
            return None
        try:
            return save_pdf(self.pdf, Path(name))
        except OSError as exc:
            show_problem(self, self.tr("Not saved"), str(exc))
            return None


def preview_and_print(store: Store, pledges: Sequence[Pledge], parent: QWidget | None) -> int:
    """The staff's print: preview `pledges`' certificates, then print through the dialog."""
    printable = certificates_to_print(store, pledges)
    dialog = CertificatePreview(printable.pdf, len(pledges), printable.paper_size, parent)
    return dialog.exec()
