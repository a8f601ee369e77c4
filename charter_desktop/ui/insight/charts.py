"""Charts drawn with QPainter, made to be read on a projector: large type, dark ink on white,
every bar labelled with its value, so nothing is told by colour alone."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from charter_desktop.ui.style import BRAND, CARD, INK, MUTED

GRID = "#c9c5bb"


def chart_font(size_px: float, bold: bool = False) -> QFont:
    font = QFont()
    font.setPixelSize(max(12, round(size_px)))
    font.setBold(bold)
    return font


class _Chart(QWidget):
    """A titled white card; subclasses draw into `plot_area`."""

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.title = title
        self.setAccessibleName(title)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(360, 260)

    def sizeHint(self) -> QSize:
        return QSize(600, 380)

    def unit(self) -> float:
        """The type size: grows with the chart, at least 15 px (readable from the back)."""
        return max(15.0, min(self.width() / 34, self.height() / 14, 30.0))

    def _frame(self, painter: QPainter) -> QRectF:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), QColor(CARD))
        painter.setPen(QPen(QColor(BRAND), 2))
        painter.drawRect(QRectF(self.rect()).adjusted(1, 1, -1, -1))
        u = self.unit()
        painter.setFont(chart_font(u * 1.15, bold=True))
        painter.setPen(QColor(INK))
        title_rect = QRectF(u, u * 0.5, self.width() - 2 * u, u * 1.8)
        painter.drawText(
            title_rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, self.title
        )
        return QRectF(u, u * 2.6, self.width() - 2 * u, self.height() - u * 3.2)


class BarChart(_Chart):
    """Horizontal bars, one per row: its label, the bar, and its count at the bar's end."""

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(title, parent)
        self.bars: list[tuple[str, int]] = []
        self.empty_text = ""

    def set_bars(self, bars: Sequence[tuple[str, int]], empty_text: str = "") -> None:
        self.bars = list(bars)
        self.empty_text = empty_text
        described = "; ".join(f"{label}: {value}" for label, value in self.bars)
        self.setAccessibleDescription(described or empty_text)
        self.setMinimumHeight(max(260, 90 + 40 * len(self.bars)))
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        area = self._frame(painter)
        if not self.bars or not any(v for _, v in self.bars):
            painter.setFont(chart_font(self.unit()))
            painter.setPen(QColor(MUTED))
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, self.empty_text)
            painter.end()
            return
        u = self.unit()
        row = area.height() / len(self.bars)
        size = min(u, row * 0.62)
        font = chart_font(size)
        bold = chart_font(size, bold=True)
        metrics, bold_metrics = QFontMetrics(font), QFontMetrics(bold)
        widest = max(metrics.horizontalAdvance(b[0]) for b in self.bars) + u
        label_width = min(area.width() * 0.5, widest)
        if widest > label_width:  # two lines of label must fit in a row
            font, bold = chart_font(min(size, row * 0.4)), chart_font(min(size, row * 0.4), True)
            bold_metrics = QFontMetrics(bold)
        top = max(v for _, v in self.bars)
        value_width = bold_metrics.horizontalAdvance(str(top)) + u * 0.6
        bar_space = max(10.0, area.width() - label_width - value_width)
        for index, (text, value) in enumerate(self.bars):
            y = area.top() + index * row
            painter.setFont(font)
            painter.setPen(QColor(INK))
            # Long labels (the charter's actions) wrap onto a second line rather than vanish.
            flags = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            box = QRectF(area.left(), y, label_width - u * 0.5, row)
            painter.drawText(box, int(flags | Qt.TextFlag.TextWordWrap), text)
            length = bar_space * value / top if top else 0
            bar = QRectF(area.left() + label_width, y + row * 0.18, max(length, 2), row * 0.64)
            painter.fillRect(bar, QColor(BRAND))
            painter.setFont(bold)
            painter.drawText(
                QRectF(bar.right() + u * 0.3, y, value_width, row),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter,
                str(value),
            )
        painter.end()


class ColumnChart(_Chart):
    """Pledges over time: one column per hour or day, the count above each busy column, and
    every few columns labelled below so the labels never overlap."""

    def __init__(self, title: str, parent: QWidget | None = None):
        super().__init__(title, parent)
        self.columns: list[tuple[str, int]] = []
        self.empty_text = ""

    def set_columns(self, columns: Sequence[tuple[str, int]], empty_text: str = "") -> None:
        self.columns = list(columns)
        self.empty_text = empty_text
        busy = [f"{label}: {value}" for label, value in self.columns if value]
        self.setAccessibleDescription("; ".join(busy) or empty_text)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        area = self._frame(painter)
        u = self.unit()
        if not self.columns or not any(v for _, v in self.columns):
            painter.setFont(chart_font(u))
            painter.setPen(QColor(MUTED))
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, self.empty_text)
            painter.end()
            return
        font, bold = chart_font(u * 0.9), chart_font(u * 0.9, bold=True)
        metrics = QFontMetrics(font)
        axis_h = metrics.height() * 1.4
        value_h = metrics.height() * 1.2
        plot = QRectF(
            area.left(), area.top() + value_h, area.width(), area.height() - axis_h - value_h
        )
        n = len(self.columns)
        slot = plot.width() / n
        top = max(v for _, v in self.columns)
        widest = max(metrics.horizontalAdvance(label) for label, _ in self.columns) + u
        every = max(1, int(widest // slot) + 1)
        value_every = max(1, int((metrics.horizontalAdvance(str(top)) + u * 0.3) // slot) + 1)
        painter.setPen(QPen(QColor(GRID), 1))
        painter.drawLine(plot.bottomLeft(), plot.bottomRight())
        for index, (text, value) in enumerate(self.columns):
            x = plot.left() + index * slot
            height = plot.height() * value / top
            column = QRectF(x + slot * 0.12, plot.bottom() - height, slot * 0.76, height)
            painter.fillRect(column, QColor(BRAND))
            painter.setPen(QColor(INK))
            if value and (index % value_every == 0 or value == top):
                painter.setFont(bold)
                painter.drawText(
                    QRectF(x - slot, column.top() - value_h, slot * 3, value_h),
                    Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom,
                    str(value),
                )
            if index % every == 0:
                painter.setFont(font)
                painter.drawText(
                    QRectF(x - widest / 2 + slot / 2, plot.bottom() + 4, widest, axis_h),
                    Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop,
                    text,
                )
        painter.end()


class ProgressStrip(QWidget):
    """Progress to the target as a thick bar with the figures written on it in words."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.value, self.target, self.text = 0, 100, ""
        self.setMinimumHeight(48)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_progress(self, value: int, target: int, text: str) -> None:
        self.value, self.target, self.text = value, target, text
        self.setAccessibleName(text)
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        box = QRectF(self.rect()).adjusted(2, 2, -2, -2)
        painter.fillRect(box, QColor(CARD))
        share = min(1.0, self.value / self.target) if self.target else 0.0
        painter.fillRect(
            QRectF(box.left(), box.top(), box.width() * share, box.height()), QColor(BRAND)
        )
        painter.setPen(QPen(QColor(BRAND), 3))
        painter.drawRect(box)
        font = chart_font(box.height() * 0.45, bold=True)
        painter.setFont(font)
        # The words sit on a white pill so they read over the filled and the empty part alike.
        width = QFontMetrics(font).horizontalAdvance(self.text) + box.height() * 0.6
        pill = QRectF(
            box.center().x() - width / 2,
            box.top() + box.height() * 0.12,
            width,
            box.height() * 0.76,
        )
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(CARD))
        painter.drawRoundedRect(pill, pill.height() / 2, pill.height() / 2)
        painter.setPen(QColor(INK))
        painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, self.text)
        painter.end()
