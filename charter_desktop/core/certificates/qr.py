"""The verification QR code, drawn as vector squares so it is sharp at any print size."""

from __future__ import annotations

import qrcode
from qrcode.constants import ERROR_CORRECT_L, ERROR_CORRECT_M
from qrcode.exceptions import DataOverflowError
from reportlab.pdfgen.canvas import Canvas

QUIET_ZONE = 4  # modules of blank margin on every side, as the QR standard asks


def qr_matrix(text: str) -> list[list[bool]]:
    """The QR modules for `text` (error correction M; L only if M cannot hold it)."""
    for level in (ERROR_CORRECT_M, ERROR_CORRECT_L):
        code = qrcode.QRCode(error_correction=level, border=0, box_size=1)
        code.add_data(text.encode("utf-8"), optimize=0)
        try:
            code.make(fit=True)
        except DataOverflowError:
            continue
        return [[bool(m) for m in row] for row in code.get_matrix()]
    raise ValueError("the verification URL is too long for a QR code")


def draw_qr(
    canvas: Canvas, text: str, x: float, y: float, size: float, colour: str = "#000000"
) -> None:
    """Draw the code for `text` in a `size` square at (x, y), quiet zone included, on white."""
    matrix = qr_matrix(text)
    count = len(matrix) + 2 * QUIET_ZONE
    module = size / count
    canvas.saveState()
    canvas.setFillColor("#FFFFFF")
    canvas.rect(x, y, size, size, stroke=0, fill=1)
    canvas.setFillColor(colour)
    path = canvas.beginPath()
    for row_index, row in enumerate(matrix):
        top = y + size - (row_index + QUIET_ZONE) * module
        start = None
        for col, dark in enumerate([*row, False]):
            if dark and start is None:
                start = col
            elif not dark and start is not None:
                left = x + (start + QUIET_ZONE) * module
                path.rect(left, top - module, (col - start) * module, module)
                start = None
    canvas.drawPath(path, stroke=0, fill=1)
    canvas.restoreState()
