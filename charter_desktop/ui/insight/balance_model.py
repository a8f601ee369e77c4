"""The community balance sheet as a table: the whole town first, then each organisation."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from charter_desktop.core.insight.figures import INDIVIDUALS, TOWN_WIDE, BalanceLine
from charter_desktop.ui.kiosk.widgets import translate

Index = QModelIndex | QPersistentModelIndex
COLUMNS = 5


def headers() -> tuple[str, ...]:
    return (
        translate("BalanceSheetModel", "Who"),
        translate("BalanceSheetModel", "Benefit"),
        translate("BalanceSheetModel", "Measure"),
        translate("BalanceSheetModel", "Pledged"),
        translate("BalanceSheetModel", "Pledges"),
    )


def pledged_text(line: BalanceLine) -> str:
    """The added-up figure in words: "5 placements a year", "50 % (average)"."""
    return line.amount_text + (" (average)" if line.total == "mean" else "")


class BalanceSheetModel(QAbstractTableModel):
    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.lines: list[BalanceLine] = []

    def set_lines(self, town: Sequence[BalanceLine], organisations: Sequence[BalanceLine]) -> None:
        self.beginResetModel()
        self.lines = [*town, *organisations]
        self.endResetModel()

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 (Qt's signature)
        return 0 if parent.isValid() else len(self.lines)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else COLUMNS

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            return headers()[section]
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        line = self.lines[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            holder = line.holder
            if line.holder == TOWN_WIDE:
                holder = self.tr("Whole town")
            elif line.holder == INDIVIDUALS:
                holder = self.tr("Individual pledgers")
            values = (holder, line.benefit, line.measure, pledged_text(line), str(line.pledges))
            return values[index.column()]
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() >= 3:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and line.holder == TOWN_WIDE:
            font = QFont()
            font.setBold(True)
            return font
        return None
