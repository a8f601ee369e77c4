"""The impact report's named paragraph styles, and a flowable and a one-line drawing for text
people typed."""

from __future__ import annotations

from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable

from charter_desktop.core.pdf.fonts import Run, runs, text_width
from charter_desktop.core.pdf.text import wrap

ELLIPSIS = "…"


def styles_for(colours: dict[str, str]) -> dict[str, ParagraphStyle]:
    ink, primary, muted = (
        HexColor(colours["ink"]),
        HexColor(colours["primary"]),
        HexColor(colours["muted"]),
    )
    return {
        "title": ParagraphStyle(
            "title", fontName="CD-Serif-Bold", fontSize=30, leading=36, textColor=primary
        ),
        "h1": ParagraphStyle(
            "h1",
            fontName="CD-Serif-Bold",
            fontSize=19,
            leading=24,
            textColor=primary,
            spaceBefore=4,
            spaceAfter=6,
        ),
        "h2": ParagraphStyle(
            "h2",
            fontName="CD-Sans-Bold",
            fontSize=12.5,
            leading=16,
            textColor=ink,
            spaceBefore=8,
            spaceAfter=4,
        ),
        "body": ParagraphStyle(
            "body", fontName="CD-Sans", fontSize=10.5, leading=14.5, textColor=ink
        ),
        "muted": ParagraphStyle(
            "muted", fontName="CD-Sans", fontSize=9.5, leading=13, textColor=muted
        ),
        "figure": ParagraphStyle(
            "figure", fontName="CD-Sans-Bold", fontSize=30, leading=34, textColor=primary
        ),
        "figure_label": ParagraphStyle(
            "figure_label", fontName="CD-Sans", fontSize=10, leading=13, textColor=ink
        ),
        "cell": ParagraphStyle("cell", fontName="CD-Sans", fontSize=9, leading=11.5, textColor=ink),
        "cell_bold": ParagraphStyle(
            "cell_bold", fontName="CD-Sans-Bold", fontSize=9, leading=11.5, textColor=ink
        ),
    }


class UserText(Flowable):  # type: ignore[misc]
    """Text people typed (quotes, names, organisations), in any script: each character is
    drawn in a shipped font that has it, right-to-left paragraphs right-aligned."""

    def __init__(self, text: str, chain: str, size: float, colour: str, leading: float = 1.3):
        super().__init__()
        self.text, self.chain, self.size, self.colour, self.leading = (
            text,
            chain,
            size,
            colour,
            leading,
        )
        self.lines: list[Any] = []

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        self.lines = wrap(self.text, self.chain, self.size, available_width)
        self.height = len(self.lines) * self.size * self.leading
        return self.width, self.height

    def draw(self) -> None:
        canvas = self.canv
        canvas.setFillColor(HexColor(self.colour))
        y = self.height
        for line in self.lines:
            y -= self.size * self.leading
            x = self.width - line.width * self.size if line.rtl else 0.0
            _draw_runs(canvas, line.runs, x, y + self.size * 0.28, self.size)


def _draw_runs(canvas: Canvas, parts: tuple[Run, ...], x: float, y: float, size: float) -> None:
    for run in parts:
        canvas.setFont(run.font, size)
        canvas.drawString(x, y, run.text)
        x += run.width * size


def draw_line(
    canvas: Canvas, text: str, chain: str, size: float, x: float, y: float, width: float
) -> None:
    """Text people typed, in any script, on one line from (x, y) no wider than `width`: cut
    at a word and ended with an ellipsis when it does not fit."""
    lines = wrap(text, chain, size, width)
    if len(lines) > 1:
        lines = wrap(text, chain, size, width - text_width(ELLIPSIS, chain, size))
        mark = runs(ELLIPSIS, chain)
        first = lines[0]
        parts = (*mark, *first.runs) if first.rtl else (*first.runs, *mark)
    else:
        parts = lines[0].runs
    _draw_runs(canvas, parts, x, y, size)
