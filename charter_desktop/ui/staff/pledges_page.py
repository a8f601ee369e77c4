"""The staff pledge table: live search (lightly debounced), filters, sort by column, and
opening a pledge to correct, withdraw or erase it; certificate buttons when wired in."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import QModelIndex, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from charter_desktop.core import events as event_store
from charter_desktop.core.pledges.records import Pledge
from charter_desktop.core.staff.query import StaffFilter
from charter_desktop.core.store import Store
from charter_desktop.core.terms import PledgeStatus
from charter_desktop.ui.dates import date_edit, show_date
from charter_desktop.ui.kiosk.widgets import PlainLabel
from charter_desktop.ui.staff.pledge_dialog import PledgeDialog
from charter_desktop.ui.staff.pledge_model import PledgeTableModel

SEARCH_DEBOUNCE_MS = 150


@dataclass(frozen=True)
class CertificateActions:
    """What the printing module offers; a button appears only for what is given."""

    preview_certificates: Callable[[list[Pledge]], None] | None = None
    print_certificate: Callable[[Pledge], None] | None = None


class PledgesPage(QWidget):
    def __init__(  # noqa: PLR0915  (builds the page's widgets in reading order)
        self,
        store: Store,
        certificates: CertificateActions | None = None,
        parent: QWidget | None = None,
    ):
        super().__init__(parent)
        self.store = store
        self.certificates = certificates or CertificateActions()
        self.model = PledgeTableModel(store, self)
        layout = QVBoxLayout(self)
        self.search = QLineEdit()
        self.search.setPlaceholderText(self.tr("Search names, organisations and own words"))
        self.search.setClearButtonEnabled(True)
        layout.addWidget(self.search)
        grid = QGridLayout()
        self.event_choice = QComboBox()
        self.pledger_type = QComboBox()
        self.benefit = QComboBox()
        self.action = QComboBox()
        self.consent = QComboBox()
        self.status = QComboBox()
        self.synced = QComboBox()
        self.on_day = QCheckBox(self.tr("On day"))
        self.day = date_edit()
        self._fill_choices()
        for column, (label, widget) in enumerate(
            (
                (self.tr("Event"), self.event_choice),
                (self.tr("Pledger"), self.pledger_type),
                (self.tr("Benefit"), self.benefit),
                (self.tr("Action"), self.action),
            )
        ):
            grid.addWidget(PlainLabel(label), 0, column * 2)
            grid.addWidget(widget, 0, column * 2 + 1)
        for column, (label, widget) in enumerate(
            (
                (self.tr("Consent"), self.consent),
                (self.tr("Status"), self.status),
                (self.tr("Council"), self.synced),
            )
        ):
            grid.addWidget(PlainLabel(label), 1, column * 2)
            grid.addWidget(widget, 1, column * 2 + 1)
        grid.addWidget(self.on_day, 1, 6)
        grid.addWidget(self.day, 1, 7)
        layout.addLayout(grid)
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.setSortingEnabled(True)
        self.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(44)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        for column, width in enumerate((200, 240, 240, 170, 150, 100, 120)):
            self.table.setColumnWidth(column, width)
        header.setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        row = QHBoxLayout()
        self.count_label = PlainLabel()
        row.addWidget(self.count_label)
        row.addStretch(1)
        self.open_button = QPushButton(self.tr("Open pledge…"))
        row.addWidget(self.open_button)
        self.preview_button = QPushButton(self.tr("Preview certificates"))
        self.print_button = QPushButton(self.tr("Reprint certificate"))
        self.preview_button.setVisible(self.certificates.preview_certificates is not None)
        self.print_button.setVisible(self.certificates.print_certificate is not None)
        row.addWidget(self.preview_button)
        row.addWidget(self.print_button)
        layout.addLayout(row)

        self._debounce = QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.apply_filter)
        self.search.textChanged.connect(self._debounce.start)
        for combo in (
            self.event_choice,
            self.pledger_type,
            self.action,
            self.consent,
            self.status,
            self.synced,
        ):
            combo.currentIndexChanged.connect(self.apply_filter)
        self.benefit.currentIndexChanged.connect(self._benefit_changed)
        for combo in (*self.findChildren(QComboBox),):
            # Long action names would otherwise make the page wider than a 1280 px screen;
            # the open list still shows them in full.
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.setMinimumContentsLength(14)
        self.on_day.toggled.connect(self.apply_filter)
        self.day.dateChanged.connect(self.apply_filter)
        self.table.doubleClicked.connect(self._open_index)
        self.open_button.clicked.connect(self.open_selected)
        self.preview_button.clicked.connect(self._preview)
        self.print_button.clicked.connect(self._print)
        self._update_count()

    def _fill_choices(self) -> None:
        catalogue = self.store.catalogue
        self.reload_events()
        self.pledger_type.addItem(self.tr("Any"), None)
        for t in catalogue.pledger_types:
            self.pledger_type.addItem(t.label, t.id)
        self.benefit.addItem(self.tr("Any"), None)
        for b in catalogue.benefits:
            self.benefit.addItem(b.title, b.id)
        self._fill_actions(None)
        for label, value in (
            (self.tr("Any"), None),
            (self.tr("May be contacted"), "contact"),
            (self.tr("Not to be contacted"), "no_contact"),
            (self.tr("Name may be published"), "publish_name"),
            (self.tr("Name not published"), "no_publish_name"),
        ):
            self.consent.addItem(label, value)
        for label, value in (
            (self.tr("Any"), None),
            (self.tr("Active"), PledgeStatus.ACTIVE),
            (self.tr("Withdrawn"), PledgeStatus.WITHDRAWN),
        ):
            self.status.addItem(label, value)
        for label, synced in (
            (self.tr("Any"), None),
            (self.tr("At the council"), True),
            (self.tr("Not yet sent"), False),
        ):
            self.synced.addItem(label, synced)

    def reload_events(self) -> None:
        chosen = self.event_choice.currentData()
        self.event_choice.blockSignals(True)
        self.event_choice.clear()
        self.event_choice.addItem(self.tr("All events"), None)
        for e in event_store.list_events_of(self.store):
            self.event_choice.addItem(f"{e.name} ({show_date(e.event_date)})", e.id)
        self.event_choice.setCurrentIndex(max(0, self.event_choice.findData(chosen)))
        self.event_choice.blockSignals(False)

    def _fill_actions(self, benefit_id: str | None) -> None:
        self.action.blockSignals(True)
        self.action.clear()
        self.action.addItem(self.tr("Any"), None)
        for a in self.store.catalogue.actions.values():
            if benefit_id in (None, a.benefit_id):
                self.action.addItem(a.label, a.id)
        self.action.blockSignals(False)

    def _benefit_changed(self) -> None:
        self._fill_actions(self.benefit.currentData())
        self.apply_filter()

    def current_filter(self) -> StaffFilter:
        day: date | None = self.day.date().toPython() if self.on_day.isChecked() else None  # type: ignore[assignment]
        return StaffFilter(
            search=self.search.text().strip(),
            event_id=self.event_choice.currentData(),
            on_date=day,
            pledger_type=self.pledger_type.currentData(),
            benefit_id=self.benefit.currentData(),
            action_id=self.action.currentData(),
            consent=self.consent.currentData(),
            status=self.status.currentData(),
            synced=self.synced.currentData(),
        )

    def apply_filter(self) -> None:
        self._debounce.stop()
        self.model.set_filter(self.current_filter())
        self._update_count()

    def refresh(self) -> None:
        self.model.refresh()
        self._update_count()
        self._show_search_scope()

    def _show_search_scope(self) -> None:
        """The search box says what a search can find: with the council key locked, sealed
        names and emails cannot be searched (only names shown on the wall with consent)."""
        from charter_desktop.core.privacy.service import details_locked

        if not details_locked(self.store):
            self.search.setPlaceholderText(self.tr("Search names, organisations and own words"))
        else:
            self.search.setPlaceholderText(
                self.tr(
                    "Locked: search covers organisations, own words and published names; "
                    "unlock to search every name"
                )
            )

    def _update_count(self) -> None:
        self.count_label.setText(self.tr("%Ln pledge(s)", "", self.model.rowCount()))

    def selected_pledges(self) -> list[Pledge]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [p for p in (self.model.pledge_at(r) for r in rows) if p is not None]

    def _open_index(self, index: QModelIndex) -> None:
        pledge = self.model.pledge_at(index.row())
        if pledge is not None:
            self.open_pledge(pledge)

    def open_selected(self) -> None:
        chosen = self.selected_pledges()
        if chosen:
            self.open_pledge(chosen[0])

    def open_pledge(self, pledge: Pledge) -> PledgeDialog:
        dialog = PledgeDialog(self.store, pledge, self)
        dialog.finished.connect(lambda _result: self._after_dialog(dialog))
        dialog.open()
        return dialog

    def _after_dialog(self, dialog: PledgeDialog) -> None:
        if dialog.changed:
            self.refresh()

    def _preview(self) -> None:
        if self.certificates.preview_certificates is not None:
            self.certificates.preview_certificates(self.selected_pledges())

    def _print(self) -> None:
        chosen = self.selected_pledges()
        if self.certificates.print_certificate is not None and chosen:
            self.certificates.print_certificate(chosen[0])
