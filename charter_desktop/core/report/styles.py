"""The impact report's named paragraph styles, and a flowable for text people typed."""

from __future__ import annotations

from typing import Any

from reportlab.lib.colors import HexColor
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable

from charter_desktop.core.certificates.text import wrap


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
        "subtitle": ParagraphStyle(
            "subtitle", fontName="CD-Serif", fontSize=15, leading=20, textColor=ink
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
            for run in line.runs:
                canvas.setFont(run.font, self.size)
                canvas.drawString(x, y + self.size * 0.28, run.text)
                x += run.width * self.size
