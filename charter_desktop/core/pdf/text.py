"""Text on the certificate: right-to-left shaping, wrapping, and shrinking until it fits.

Paragraphs are wrapped in logical order (Arabic letters already joined by arabic-reshaper),
then each line is put in display order by the Unicode bidi algorithm (python-bidi), so a
line of Arabic reads right to left with joined letters and mixed text keeps its order.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import arabic_reshaper
from bidi import get_display
from reportlab.pdfgen.canvas import Canvas

from charter_desktop.core.pdf.fonts import Run, runs

_ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF]")
_RTL = re.compile(r"[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]")
# Break opportunities: spaces, and between CJK characters (which use no spaces).
_TOKENS = re.compile(
    r"\s+|[\u2E80-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\uFF00-\uFFEF]|[^\s\u2E80-\u9FFF\uAC00-\uD7AF\uF900-\uFAFF\uFF00-\uFFEF]+"
)
_reshaper = arabic_reshaper.ArabicReshaper(configuration={"delete_harakat": False})


def clean(text: str) -> str:
    """Text safe to lay out: NFC, tabs as spaces, other control characters dropped."""
    text = unicodedata.normalize("NFC", text).replace("\t", " ").replace("\r\n", "\n")
    return "".join(c for c in text if c == "\n" or unicodedata.category(c) != "Cc")


def is_rtl_paragraph(text: str) -> bool:
    """True when the first strong character is right-to-left (the paragraph's direction)."""
    for char in text:
        kind = unicodedata.bidirectional(char)
        if kind in ("R", "AL"):
            return True
        if kind == "L":
            return False
    return False


@lru_cache(maxsize=4096)
def _shape(paragraph: str) -> str:
    return _reshaper.reshape(paragraph) if _ARABIC.search(paragraph) else paragraph


@dataclass(frozen=True)
class Line:
    """One line ready to draw: runs in display order and its width at 1 point."""

    runs: tuple[Run, ...]
    width: float
    rtl: bool


def _display_line(logical: str, chain: str, rtl: bool) -> Line:
    logical = logical.strip()
    visual = get_display(logical, base_dir="R" if rtl else "L") if _RTL.search(logical) else logical
    parts = runs(visual, chain)
    return Line(parts, sum(r.width for r in parts), rtl)


def _split_long(token: str, chain: str, limit: float) -> list[str]:
    """A word wider than the line, cut between characters (never lost)."""
    pieces, current, width = [], "", 0.0
    for char in token:
        w = sum(r.width for r in runs(char, chain))
        if current and width + w > limit:
            pieces.append(current)
            current, width = "", 0.0
        current += char
        width += w
    if current:
        pieces.append(current)
    return pieces


def wrap(text: str, chain: str, size: float, width: float) -> list[Line]:
    """`text` as lines no wider than `width` points at `size`; line breaks are kept."""
    limit = width / size
    lines: list[Line] = []
    for paragraph in clean(text).split("\n"):
        rtl = is_rtl_paragraph(paragraph)
        shaped = _shape(paragraph)
        current, current_width = "", 0.0
        for token in _TOKENS.findall(shaped):
            w = sum(r.width for r in runs(token, chain))
            if current_width + w <= limit or token.isspace():
                current += token
                current_width += w
                continue
            if current.strip():
                lines.append(_display_line(current, chain, rtl))
            current, current_width = "", 0.0
            pieces = _split_long(token, chain, limit) if w > limit else [token]
            for piece in pieces[:-1]:
                lines.append(_display_line(piece, chain, rtl))
            current = pieces[-1]
            current_width = sum(r.width for r in runs(current, chain))
        lines.append(_display_line(current, chain, rtl))
    return lines


@dataclass(frozen=True)
class Style:
    """A named text style: font chain, size in points, line spacing and colour."""

    chain: str
    size: float
    leading: float = 1.3
    colour: str = "ink"
    align: str = "start"  # start (left, or right for right-to-left), centre, end (right)
    tracking: float = 0.0  # extra space between characters, in points


@dataclass(frozen=True)
class Block:
    """Some text in a style, with space above it (points, scaled with the text)."""

    text: str
    style: Style
    space_before: float = 0.0


@dataclass(frozen=True)
class LaidOut:
    block: Block
    size: float
    lines: list[Line]

    @property
    def height(self) -> float:
        return self.size * self.block.style.leading * len(self.lines)


def lay_out(blocks: Sequence[Block], width: float, scale: float) -> tuple[list[LaidOut], float]:
    """The blocks wrapped to `width` at `scale` times their style's size, and their height."""
    laid: list[LaidOut] = []
    height = 0.0
    for block in blocks:
        if not block.text.strip():
            continue
        size = block.style.size * scale
        item = LaidOut(block, size, wrap(block.text, block.style.chain, size, width))
        height += (block.space_before * scale if laid else 0.0) + item.height
        laid.append(item)
    return laid, height


def fit_scale(
    columns: Sequence[tuple[Sequence[Block], float]],
    height: float,
    max_scale: float = 1.0,
    step: float = 0.94,
    min_scale: float = 0.1,
) -> float:
    """The largest scale (stepping down from `max_scale`) at which every column, wrapped to
    its width, is no taller than `height`. Text is never cut: the scale keeps shrinking."""
    scale = max_scale
    while scale > min_scale:
        if all(lay_out(blocks, width, scale)[1] <= height for blocks, width in columns):
            return scale
        scale *= step
    return min_scale


def draw_lines(
    canvas: Canvas,
    item: LaidOut,
    x: float,
    top: float,
    width: float,
    colours: dict[str, str],
) -> float:
    """Draw `item` with its first line's top at `top`, inside [x, x+width]; returns the y below."""
    style = item.block.style
    canvas.setFillColor(colours.get(style.colour, style.colour))
    leading = item.size * style.leading
    y = top
    for line in item.lines:
        y -= leading
        baseline = y + (leading - item.size) / 2 + item.size * 0.22
        tracking = style.tracking * (sum(len(r.text) for r in line.runs) - 1)
        line_width = line.width * item.size + max(tracking, 0.0)
        if style.align == "centre":
            left = x + (width - line_width) / 2
        elif line.rtl or style.align == "end":
            left = x + width - line_width
        else:
            left = x
        for run in line.runs:
            text = canvas.beginText(left, baseline)
            text.setFont(run.font, item.size)
            text.setCharSpace(style.tracking)  # text state outlives BT/ET: always set it
            text.textOut(run.text)
            canvas.drawText(text)
            left += run.width * item.size + style.tracking * len(run.text)
    return y
