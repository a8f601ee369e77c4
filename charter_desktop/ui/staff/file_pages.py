"""The console's Paper cards page (import a CSV of paper pledges, list rejected rows) and
Export page (format, filters, the include-contact choice, a save dialog). Both run their
file work on a pool thread (ui.worker), so the console keeps painting through a long export
or import; each page's `finished` signal carries the result, or None when nothing was done."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from charter_desktop.core import events as event_store
from charter_desktop.core.exports.service import FORMATS, ExportResult, export_pledges
from charter_desktop.core.pledges.paper_cards import (
    TEMPLATE,
    PaperFileError,
    PaperImportResult,
    import_paper_csv,
)
from charter_desktop.core.pledges.records import PledgeFilter
from charter_desktop.core.privacy.sealing import PersonalDataLocked
from charter_desktop.core.resources import resource_path
from charter_desktop.core.store import Store
from charter_desktop.ui.dates import date_edit, show_date
from charter_desktop.ui.kiosk.widgets import PlainLabel
from charter_desktop.ui.privacy_dialogs import locked_message
from charter_desktop.ui.staff.staff_secret import guard
from charter_desktop.ui.worker import BackgroundCall


class PaperPage(QWidget):
    imported = Signal()  # pledges were stored, so counts and the table changed
    finished = Signal(object)  # the PaperImportResult, or None when the file was refused

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.call: BackgroundCall | None = None
        layout = QVBoxLayout(self)
        intro = PlainLabel(
            self.tr(
                "Type paper pledge cards into a copy of the template (one row per card, "
                "actions as ids separated by ;), save it as CSV UTF-8, then import it. Valid "
                "rows count toward the current event; rejected rows are listed and not stored."
            )
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        row = QHBoxLayout()
        template = QPushButton(self.tr("Save the template…"))
        self.choose_button = QPushButton(self.tr("Import a CSV…"))
        template.clicked.connect(self._save_template)
        self.choose_button.clicked.connect(self._choose)
        row.addWidget(template)
        row.addWidget(self.choose_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.summary = PlainLabel()
        self.summary.setObjectName("count")
        layout.addWidget(self.summary)
        self.rejected = QTableWidget(0, 2)
        self.rejected.setHorizontalHeaderLabels([self.tr("Row"), self.tr("Why it was rejected")])
        self.rejected.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.rejected.verticalHeader().setVisible(False)
        layout.addWidget(self.rejected, 1)

    def _save_template(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the template"), TEMPLATE, self.tr("CSV files (*.csv)")
        )
        if path:
            shutil.copyfile(resource_path(TEMPLATE), path)

    def _choose(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, self.tr("Import paper pledges"), "", self.tr("CSV files (*.csv)")
        )
        if path:
            self.import_file(Path(path))

    def import_file(self, path: Path) -> None:
        """Import `path` on a pool thread; `finished` reports the result."""
        store = self.store

        def work() -> PaperImportResult | PaperFileError:
            try:
                return import_paper_csv(store, path, actor="staff")
            except PaperFileError as exc:  # the file as a whole was refused: say why
                return exc

        self.choose_button.setEnabled(False)
        self.summary.setText(self.tr("Importing {name}…").format(name=path.name))
        self.call = BackgroundCall(work, self)
        self.call.done.connect(self._imported)
        self.call.failed.connect(self._failed)
        self.call.start()

    def _imported(self, result: PaperImportResult | PaperFileError) -> None:
        self.choose_button.setEnabled(True)
        if isinstance(result, PaperFileError):
            self.summary.setText(str(result))
            self.rejected.setRowCount(0)
            self.finished.emit(None)
            return
        self.summary.setText(
            self.tr("Stored {0}; {1} rejected.").format(
                self.tr("%n paper pledge(s)", "", len(result.ids)),
                self.tr("%n row(s)", "", len(result.rejected)),
            )
        )
        self.rejected.setRowCount(len(result.rejected))
        for i, rejected in enumerate(result.rejected):
            self.rejected.setItem(i, 0, QTableWidgetItem(str(rejected.row)))
            self.rejected.setItem(i, 1, QTableWidgetItem(rejected.reason))
        if result.ids:
            self.imported.emit()
        self.finished.emit(result)

    def _failed(self, message: str) -> None:
        self.choose_button.setEnabled(True)
        self.summary.setText(self.tr("Nothing was imported: {why}").format(why=message))
        self.rejected.setRowCount(0)
        self.finished.emit(None)


class ExportPage(QWidget):
    finished = Signal(object)  # the ExportResult, or None when nothing was written

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.call: BackgroundCall | None = None
        self._path = Path()
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.format = QComboBox()
        for label, fmt in (("CSV (Excel, LibreOffice)", "csv"), ("Excel workbook (XLSX)", "xlsx"),
                           ("JSON (council hub)", "json")):  # fmt: skip
            self.format.addItem(self.tr(label), fmt)
        self.event_choice = QComboBox()
        self.on_day = QCheckBox(self.tr("Only pledges made on"))
        self.day = date_edit()
        self.include_contact = QCheckBox(
            self.tr("Include contact details of people who did not consent to contact")
        )
        self.contact_note = PlainLabel()
        self.contact_note.setWordWrap(True)
        self.include_contact.toggled.connect(self._explain)
        form.addRow(self.tr("Format"), self.format)
        form.addRow(self.tr("Event"), self.event_choice)
        day_row = QHBoxLayout()
        day_row.addWidget(self.on_day)
        day_row.addWidget(self.day)
        day_row.addStretch(1)
        form.addRow(self.tr("Day"), day_row)
        form.addRow("", self.include_contact)
        form.addRow("", self.contact_note)
        layout.addLayout(form)
        self.export_button = QPushButton(self.tr("Export…"))
        guard(self.export_button, self.store, self.tr("Exporting pledges"), self._choose)
        layout.addWidget(self.export_button)
        self.result = PlainLabel()
        self.result.setWordWrap(True)
        layout.addWidget(self.result)
        layout.addStretch(1)
        self.reload_events()
        self._explain()

    def reload_events(self) -> None:
        self.event_choice.clear()
        self.event_choice.addItem(self.tr("All events"), None)
        for e in event_store.list_events_of(self.store):
            self.event_choice.addItem(f"{e.name} ({show_date(e.event_date)})", e.id)

    def _explain(self) -> None:
        if self.include_contact.isChecked():
            text = self.tr(
                "This file WILL hold email and phone of people who did not consent to be "
                "contacted: keep it for the council's own records only."
            )
        else:
            text = self.tr("Email and phone appear only for people who consented to contact.")
        self.contact_note.setText(text)

    def current_filter(self) -> PledgeFilter:
        day = self.day.date().toPython() if self.on_day.isChecked() else None
        return PledgeFilter(event_id=self.event_choice.currentData(), on_date=day)  # type: ignore[arg-type]

    def _choose(self) -> None:
        fmt = str(self.format.currentData())
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Export pledges"), f"pledges.{fmt}", f"{fmt.upper()} (*.{fmt})"
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, path: Path) -> None:
        """Export to `path` on a pool thread with the page's choices as they are now;
        `finished` reports the result."""
        fmt = str(self.format.currentData())
        assert fmt in FORMATS
        store, chosen = self.store, self.current_filter()
        include_contact = self.include_contact.isChecked()

        def work() -> ExportResult | OSError | PersonalDataLocked:
            try:
                return export_pledges(store, fmt, path, chosen, include_contact=include_contact)
            except (OSError, PersonalDataLocked) as exc:  # said to staff on the page
                return exc

        self.export_button.setEnabled(False)
        self.result.setText(self.tr("Exporting to {path}…").format(path=path))
        self._path = path
        self.call = BackgroundCall(work, self)
        self.call.done.connect(self._exported)
        self.call.failed.connect(self._failed)
        self.call.start()

    def _exported(self, result: ExportResult | OSError | PersonalDataLocked) -> None:
        self.export_button.setEnabled(True)
        path = self._path
        if isinstance(result, PersonalDataLocked):
            self.result.setText(locked_message())
        elif isinstance(result, OSError):
            self.result.setText(self.tr("Could not write {path}: {why}").format(
                path=path, why=result.strerror or result))  # fmt: skip
        else:
            self.result.setText(
                self.tr("Exported %n pledge(s) to {path}", "", result.count).format(
                    path=result.path
                )
            )
            self.finished.emit(result)
            return
        self.finished.emit(None)

    def _failed(self, message: str) -> None:
        self.export_button.setEnabled(True)
        self.result.setText(self.tr("Nothing was exported: {why}").format(why=message))
        self.finished.emit(None)
