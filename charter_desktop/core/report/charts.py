"""The report's charts as vector drawings (reportlab.graphics): every bar labelled with its
value, dark text on white, so they read in print and in greyscale."""

from __future__ import annotations

from collections.abc import Sequence

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib.colors import HexColor
from reportlab.pdfbase.pdfmetrics import stringWidth

SANS, BOLD = "CD-Sans", "CD-Sans-Bold"


def _drawing(width: float, height: float) -> Drawing:
    drawing = Drawing(width, height)
    # The renderer starts from this font; without it the page would name Helvetica unembedded.
    drawing.initialFontName = SANS
    return drawing


def _wrap(text: str, font: str, size: float, width: float, lines: int = 2) -> list[str]:
    words, out, current = text.split(), [], ""
    for word in words:
        trial = f"{current} {word}".strip()
        if stringWidth(trial, font, size) <= width or not current:
            current = trial
        else:
            out.append(current)
            current = word
    out.append(current)
    if len(out) > lines:
        out = [*out[: lines - 1], " ".join(out[lines - 1 :])]
        while stringWidth(out[-1] + "…", font, size) > width and len(out[-1]) > 1:
            out[-1] = out[-1][:-1]
        out[-1] = out[-1].rstrip() + "…"
    return out


def bar_chart(
    bars: Sequence[tuple[str, int]],
    width: float,
    colours: dict[str, str],
    *,
    row: float = 22.0,
    size: float = 9.5,
    label_share: float = 0.42,
) -> Drawing:
    """Horizontal bars: the label (up to two lines) on the left, the count after the bar."""
    bars = list(bars)
    height = max(row * len(bars), row)
    drawing = _drawing(width, height)
    ink, bar_colour = HexColor(colours["ink"]), HexColor(colours["primary"])
    label_width = width * label_share
    top = max((v for _, v in bars), default=0)
    value_space = stringWidth(str(top), BOLD, size) + 8
    bar_space = width - label_width - value_space - 6
    for index, (text, value) in enumerate(bars):
        y = height - (index + 1) * row
        lines = _wrap(text, SANS, size, label_width - 8)
        leading = size * 1.15
        first = y + row / 2 + (len(lines) - 1) * leading / 2 - size * 0.35
        for n, line in enumerate(lines):
            drawing.add(
                String(
                    label_width - 8,
                    first - n * leading,
                    line,
                    fontName=SANS,
                    fontSize=size,
                    fillColor=ink,
                    textAnchor="end",
                )
            )
        length = bar_space * value / top if top else 0
        drawing.add(
            Rect(
                label_width,
                y + row * 0.18,
                max(length, 1),
                row * 0.64,
                fillColor=bar_colour,
                strokeColor=None,
            )
        )
        drawing.add(
            String(
                label_width + length + 5,
                y + row / 2 - size * 0.35,
                str(value),
                fontName=BOLD,
                fontSize=size,
                fillColor=ink,
            )
        )
    return drawing


def column_chart(
    columns: Sequence[tuple[str, int]],
    width: float,
    height: float,
    colours: dict[str, str],
    *,
    size: float = 8.5,
) -> Drawing:
    """Columns over time, counts above the busy ones, and spaced-out labels below."""
    columns = list(columns)
    drawing = _drawing(width, height)
    if not columns:
        return drawing
    ink, colour = HexColor(colours["ink"]), HexColor(colours["primary"])
    axis, value_h = size * 2.2, size * 1.6
    plot_h = height - axis - value_h
    slot = width / len(columns)
    top = max(v for _, v in columns) or 1
    widest = max(stringWidth(label, SANS, size) for label, _ in columns) + 6
    every = max(1, int(widest // slot) + 1)
    value_every = max(1, int((stringWidth(str(top), BOLD, size) + 4) // slot) + 1)
    drawing.add(Line(0, axis, width, axis, strokeColor=HexColor(colours["muted"]), strokeWidth=0.6))
    for index, (text, value) in enumerate(columns):
        x = index * slot
        h = plot_h * value / top
        drawing.add(Rect(x + slot * 0.12, axis, slot * 0.76, h, fillColor=colour, strokeColor=None))
        if value and (index % value_every == 0 or value == top):
            drawing.add(
                String(
                    x + slot / 2,
                    axis + h + 3,
                    str(value),
                    fontName=BOLD,
                    fontSize=size,
                    fillColor=ink,
                    textAnchor="middle",
                )
            )
        if index % every == 0:
            drawing.add(
                String(
                    x + slot / 2,
                    axis - size * 1.4,
                    text,
                    fontName=SANS,
                    fontSize=size,
                    fillColor=ink,
                    textAnchor="middle",
                )
            )
    return drawing


def progress_bar(value: int, target: int, width: float, colours: dict[str, str]) -> Drawing:
    """Progress to the target: a filled bar with the figures in words beside it."""
    height = 34.0
    drawing = _drawing(width, height)
    share = min(1.0, value / target) if target else 0.0
    bar_w = width * 0.62
    primary = HexColor(colours["primary"])
    drawing.add(
        Rect(0, 6, bar_w, 22, fillColor=HexColor("#FFFFFF"), strokeColor=primary, strokeWidth=1.5)
    )
    drawing.add(Rect(0, 6, bar_w * share, 22, fillColor=primary, strokeColor=None))
    percent = round(100 * value / target) if target else 0
    drawing.add(
        String(
            bar_w + 10,
            11,
            f"{value} of {target} pledges ({percent}%)",
            fontName=BOLD,
            fontSize=13,
            fillColor=HexColor(colours["ink"]),
        )
    )
    return drawing
