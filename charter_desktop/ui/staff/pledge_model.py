"""The staff pledge table's Qt model: asks core for the row count and fetches only the pages
of rows the view shows, keeping a few pages cached, so 100,000 pledges stay light."""

from __future__ import annotations

from collections import OrderedDict
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from charter_desktop.core.pledges.records import Pledge
from charter_desktop.core.staff import query as staff_query
from charter_desktop.core.staff.query import Sort, StaffFilter
from charter_desktop.core.store import Store
from charter_desktop.core.terms import PledgeStatus
from charter_desktop.ui.dates import show_datetime

PAGE_SIZE = 200
CACHED_PAGES = 8
# (sort key or None, column title); the sort keys are staff_query.SORT_KEYS.
COLUMNS: tuple[tuple[str | None, str], ...] = (
    ("created_at", "Time"),
    ("name", "Name"),
    ("organisation", "Organisation"),
    ("pledger_type", "Pledger"),
    (None, "Actions"),
    (None, "Contact"),
    ("status", "Status"),
)
AnyIndex = QModelIndex | QPersistentModelIndex


class PledgeTableModel(QAbstractTableModel):
    def __init__(self, store: Store, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self._filter = StaffFilter()
        self._sort = Sort()
        self._total = 0
        self._pages: OrderedDict[int, list[Pledge]] = OrderedDict()
        self._type_labels = {t.id: t.label for t in store.catalogue.pledger_types}
        self.refresh()

    # What the view shows -----------------------------------------------------------------

    @property
    def filter(self) -> StaffFilter:
        return self._filter

    def set_filter(self, flt: StaffFilter) -> None:
        self._filter = flt
        self.refresh()

    def refresh(self) -> None:
        """Re-read the count and first page (after a filter change or an edit)."""
        self.beginResetModel()
        rows, total = staff_query.filter_table(self.store, self._filter, self._sort, PAGE_SIZE)
        self._total = total
        self._pages = OrderedDict({0: rows})
        self.endResetModel()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        key = COLUMNS[column][0]
        if key is None:
            return
        self._sort = Sort(key, order == Qt.SortOrder.DescendingOrder)
        self.refresh()

    def pledge_at(self, row: int) -> Pledge | None:
        if not 0 <= row < self._total:
            return None
        page = row // PAGE_SIZE
        rows = self._pages.get(page)
        if rows is None:
            rows = staff_query.scroll_table(
                self.store, self._filter, self._sort, page * PAGE_SIZE, PAGE_SIZE, self._total
            )
            self._pages[page] = rows
            while len(self._pages) > CACHED_PAGES:
                self._pages.popitem(last=False)
        else:
            self._pages.move_to_end(page)
        offset = row - page * PAGE_SIZE
        return rows[offset] if offset < len(rows) else None

    # QAbstractTableModel -----------------------------------------------------------------

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self._total

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(COLUMNS[section][1])
        return None

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or role not in (
            Qt.ItemDataRole.DisplayRole,
            Qt.ItemDataRole.ToolTipRole,
        ):
            return None
        pledge = self.pledge_at(index.row())
        if pledge is None:
            return None
        column = index.column()
        if column == 0:
            return show_datetime(pledge.created_at)
        if column == 1:
            return pledge.name
        if column == 2:
            return pledge.organisation or ""
        if column == 3:
            return self._type_labels.get(pledge.pledger_type, pledge.pledger_type)
        if column == 4:
            words = self.tr(" + own words") if pledge.pledge_text else ""
            return f"{len(pledge.actions)}{words}"
        if column == 5:
            return self.tr("yes") if pledge.consent_contact else self.tr("no")
        if pledge.erased_at is not None:
            return self.tr("erased")
        return (
            self.tr("withdrawn") if pledge.status == PledgeStatus.WITHDRAWN else self.tr("active")
        )
