"""A QR code drawn crisply at any size: whole-pixel modules painted with QPainter."""

from __future__ import annotations

from PySide6.QtCore import QRect, QSize
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QSizePolicy, QWidget

BORDER_MODULES = 4  # the quiet zone QR readers need


def qr_matrix(text: str) -> list[list[bool]]:
    """The QR modules for `text` (medium error correction), quiet zone included."""
    import qrcode  # only when a QR is drawn, not while the kiosk starts

    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=BORDER_MODULES)
    code.add_data(text)
    code.make(fit=True)
    return [list(row) for row in code.get_matrix()]


class QrWidget(QWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self._text = ""
        self._matrix: list[list[bool]] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumSize(240, 240)

    @property
    def text(self) -> str:
        return self._text

    def set_text(self, text: str) -> None:
        self._text = text
        self._matrix = qr_matrix(text) if text else []
        self.update()

    def sizeHint(self) -> QSize:
        return QSize(320, 320)

    def hasHeightForWidth(self) -> bool:
        return True

    def heightForWidth(self, width: int) -> int:
        return width

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self._matrix:
            return
        count = len(self._matrix)
        module = max(1, min(self.width(), self.height()) // count)
        size = module * count
        left = (self.width() - size) // 2
        top = (self.height() - size) // 2
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.fillRect(QRect(left, top, size, size), QColor("#ffffff"))
        black = QColor("#000000")
        for y, row in enumerate(self._matrix):
            x = 0
            while x < count:
                if row[x]:
                    start = x
                    while x < count and row[x]:
                        x += 1
                    run = QRect(left + start * module, top + y * module, 0, module)
                    run.setWidth((x - start) * module)
                    painter.fillRect(run, black)
                else:
                    x += 1
        painter.end()
