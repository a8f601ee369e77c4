"""The verification QR code, drawn as vector squares so it is sharp at any print size."""

from __future__ import annotations

import qrcode
from qrcode.constants import ERROR_CORRECT_L, ERROR_CORRECT_M
from qrcode.exceptions import DataOverflowError
from reportlab.pdfgen.canvas import Canvas

QUIET_ZONE = 4  # modules of blank margin on every side, as the QR standard asks
# Every one of the 8 QR masks gives a valid, decodable code; qrcode's search for the "best"
# one (a penalty score per mask) costs about 25 ms per code in pure Python, most of a
# certificate's time, so the checkerboard mask is used for all of them.
MASK_PATTERN = 0


def qr_matrix(text: str) -> list[list[bool]]:
    """The QR modules for `text` (error correction M; L only if M cannot hold it)."""
    for level in (ERROR_CORRECT_M, ERROR_CORRECT_L):
        code = qrcode.QRCode(error_correction=level, border=0, mask_pattern=MASK_PATTERN)
        code.add_data(text.encode("utf-8"), optimize=0)
        try:
            code.make(fit=True)
        except (DataOverflowError, ValueError):
            # Too long for this level: qrcode raises ValueError ("Invalid version (was 41 ...)")
            # rather than DataOverflowError when the text needs more than version 40.
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
    # One module per unit, rows counted downwards from the code's top-left corner, so each
    # dark run is a rectangle with whole-number corners: a short path, quick to write.
    canvas.transform(module, 0, 0, -module, x + QUIET_ZONE * module, y + size - QUIET_ZONE * module)
    operators = []
    for row_index, row in enumerate(matrix):
        start = None
        for col, dark in enumerate([*row, False]):
            if dark and start is None:
                start = col
            elif not dark and start is not None:
                operators.append(f"{start} {row_index} {col - start} 1 re")
                start = None
    operators.append("f")
    canvas.addLiteral("\n".join(operators))
    canvas.restoreState()
