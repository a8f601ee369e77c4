"""Renders the impact report: ReportData in, PDF bytes out (A4, fonts embedded).

Page 1 is the cover with the headline figures against the target; then the charts, the
community balance sheet, the pledgers' own words and the events covered. Layout constants
are in millimetres; named styles are in STYLES; page decorations are in the page hooks.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Paragraph,
    Spacer,
    Table,
    TableStyle,
)

from charter_desktop.core.insight.figures import TOWN_WIDE, BalanceLine
from charter_desktop.core.pdf.branding import Branding
from charter_desktop.core.pdf.fonts import register_fonts
from charter_desktop.core.pdf.images import flat_image
from charter_desktop.core.report.charts import bar_chart, column_chart, progress_bar
from charter_desktop.core.report.data import ReportData
from charter_desktop.core.report.styles import UserText, draw_line, styles_for

MARGIN = 18 * mm
BAND = 38 * mm  # the cover's coloured band
WIDTH = A4[0] - 2 * MARGIN
DISTRICTS_SHOWN = 10


def _para(text: str, style: ParagraphStyle) -> Paragraph:
    """`text` shown literally: reportlab reads a Paragraph's text as markup, so `&`, `<` and
    `>` are escaped here, where every paragraph of the report is made."""
    return Paragraph(escape(text), style)


def _figure(value: str, words: str, styles: dict[str, ParagraphStyle]) -> list[Flowable]:
    return [_para(value, styles["figure"]), _para(words, styles["figure_label"])]


def _cover(
    data: ReportData, styles: dict[str, ParagraphStyle], colours: dict[str, str]
) -> list[Flowable]:
    insight = data.insight
    made = data.made_at.strftime("%d %B %Y").lstrip("0")
    story: list[Flowable] = [
        _para("Impact report", styles["title"]),
        UserText(f"{data.charter_name}: {data.scope}", "serif", 15, colours["ink"], 20 / 15),
        _para(f"{data.council} · {data.programme} · made {made}", styles["muted"]),
        Spacer(1, 10 * mm),
        _para("Pledges against the target", styles["h2"]),
        progress_bar(insight.total, insight.target, WIDTH, colours),
        Spacer(1, 8 * mm),
    ]
    tiles = [
        _figure(str(insight.total), f"pledges made (target {insight.target})", styles),
        _figure(str(data.organisations), "organisations pledging", styles),
        _figure(str(data.districts), "postcode districts reached", styles),
        _figure(str(insight.with_measures), "pledges with a measure", styles),
    ]
    table = Table([tiles[:2], tiles[2:]], colWidths=[WIDTH / 2] * 2)
    table.setStyle(
        TableStyle(
            [
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("FONTNAME", (0, 0), (-1, -1), "CD-Sans"),
                ("LINEABOVE", (0, 0), (-1, -1), 2, HexColor(colours["accent"])),
                ("TOPPADDING", (0, 0), (-1, -1), 6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 12),
            ]
        )
    )
    story += [table, Spacer(1, 6 * mm)]
    headlines = data.measure_headlines
    if headlines:
        story.append(_para("The community balance sheet in brief", styles["h2"]))
        story += [_para(f"• {line}", styles["body"]) for line in headlines]
    types = ", ".join(f"{t.count} {t.label.lower()}" for t in insight.by_type if t.count)
    if types:
        story += [Spacer(1, 4 * mm), _para(f"Who pledged: {types}.", styles["body"])]
    return story


def _chart_block(title: str, drawing: Flowable, styles: dict[str, ParagraphStyle]) -> Flowable:
    return KeepTogether([_para(title, styles["h2"]), drawing, Spacer(1, 4 * mm)])


def _charts(
    data: ReportData, styles: dict[str, ParagraphStyle], colours: dict[str, str]
) -> list[Flowable]:
    insight = data.insight
    benefits = [
        ("Own words only" if t.key == "own-words-only" else t.label, t.count)
        for t in insight.by_benefit
    ]
    districts = [(t.label, t.count) for t in insight.by_district][:DISTRICTS_SHOWN]
    if len(insight.per_day) <= 2:
        over_time = [(h.strftime("%H:00"), n) for h, n in insight.per_hour]
        time_title = "Pledges per hour (local time)"
    else:
        over_time = [(d.strftime("%d %b"), n) for d, n in insight.per_day]
        time_title = "Pledges per day"
    return [
        _para("What was pledged", styles["h1"]),
        _chart_block("Pledges by benefit", bar_chart(benefits, WIDTH, colours, row=26), styles),
        _chart_block(
            "Pledges by charter action",
            bar_chart(
                [(t.label, t.count) for t in insight.by_action],
                WIDTH,
                colours,
                row=25,
                label_share=0.5,
            ),
            styles,
        ),
        _chart_block(
            "Pledges by who is pledging",
            bar_chart([(t.label, t.count) for t in insight.by_type], WIDTH, colours),
            styles,
        ),
        _chart_block(
            "Pledges by postcode district", bar_chart(districts, WIDTH, colours, row=20), styles
        ),
        _chart_block(time_title, column_chart(over_time, WIDTH, 60 * mm, colours), styles),
    ]


def _value(line: BalanceLine) -> str:
    return line.amount_text + (" (average)" if line.total == "mean" else "")


def _balance_table(
    lines: Sequence[BalanceLine],
    styles: dict[str, ParagraphStyle],
    colours: dict[str, str],
    *,
    town: bool,
) -> Table:
    head = (
        ["Benefit", "Measure", "Pledged", "Pledges"]
        if town
        else ["Who", "Measure", "Pledged", "Pledges"]
    )
    rows: list[list[Any]] = [[_para(h, styles["cell_bold"]) for h in head]]
    group_starts: list[int] = []
    previous = None
    for line in lines:
        # Each organisation is named once, above its own lines.
        key = line.benefit if town else line.holder
        if key != previous:
            group_starts.append(len(rows))
        if town:
            first: Flowable | str = (
                _para(line.benefit, styles["cell_bold"]) if key != previous else ""
            )
        else:
            first = UserText(line.holder, "sans-bold", 9, colours["ink"]) if key != previous else ""
        previous = key
        rows.append(
            [
                first,
                _para(line.measure, styles["cell"]),
                _para(_value(line), styles["cell_bold"]),
                _para(str(line.pledges), styles["cell"]),
            ]
        )
    widths = [0.3 * WIDTH, 0.36 * WIDTH, 0.22 * WIDTH, 0.12 * WIDTH]
    table = Table(rows, colWidths=widths, repeatRows=1)
    table.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (0, 0), (-1, 0), 1.2, HexColor(colours["primary"])),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("FONTNAME", (0, 0), (-1, -1), "CD-Sans"),
                ("TOPPADDING", (0, 0), (-1, -1), 2),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                *(
                    ("LINEABOVE", (0, row), (-1, row), 0.5, HexColor(colours["muted"]))
                    for row in group_starts[1:]
                ),
            ]
        )
    )
    return table


def _balance(
    data: ReportData, styles: dict[str, ParagraphStyle], colours: dict[str, str]
) -> list[Flowable]:
    insight = data.insight
    story: list[Flowable] = [
        _para("Community balance sheet", styles["h1"]),
        _para(
            "What pledgers said they will do, added up. Shares of spend with local suppliers "
            "are averaged over the pledges that gave one; everything else is a total.",
            styles["muted"],
        ),
        Spacer(1, 3 * mm),
    ]
    if not insight.balance_town:
        return [*story, _para("No pledge gave a measure yet.", styles["body"])]
    story += [
        _para(f"{TOWN_WIDE}", styles["h2"]),
        _balance_table(insight.balance_town, styles, colours, town=True),
        _para("By organisation", styles["h2"]),
        _balance_table(insight.balance_organisations, styles, colours, town=False),
    ]
    return story


def _voices(
    data: ReportData, styles: dict[str, ParagraphStyle], colours: dict[str, str]
) -> list[Flowable]:
    story: list[Flowable] = [CondPageBreak(80 * mm), _para("In their own words", styles["h1"])]
    if not data.quotes:
        story.append(_para("No pledge was written in the pledger's own words yet.", styles["body"]))
    for quote in data.quotes:
        who = (
            f"— {quote.name}, {quote.pledger.lower()}"
            if quote.name
            else f"— a {quote.pledger.lower()}"
        )
        story.append(
            KeepTogether(
                [
                    UserText(f"“{quote.text}”", "serif-italic", 12, colours["ink"]),
                    UserText(who, "sans", 9.5, colours["muted"]),
                    Spacer(1, 4 * mm),
                ]
            )
        )
    story += [CondPageBreak(50 * mm), _para("Events covered", styles["h1"])]
    rows: list[list[Any]] = [
        [_para(h, styles["cell_bold"]) for h in ("Event", "Place", "Date", "Pledges", "Target")]
    ]
    for e in data.events:
        rows.append(
            [
                UserText(e.name, "sans", 9, colours["ink"]),
                UserText(e.place or "–", "sans", 9, colours["ink"]),
                _para(e.date, styles["cell"]),
                _para(str(e.pledges), styles["cell_bold"]),
                _para(str(e.target), styles["cell"]),
            ]
        )
    table = Table(
        rows,
        colWidths=[0.36 * WIDTH, 0.26 * WIDTH, 0.16 * WIDTH, 0.11 * WIDTH, 0.11 * WIDTH],
        repeatRows=1,
    )
    table.setStyle(
        TableStyle(
            [
                ("LINEBELOW", (0, 0), (-1, 0), 1.2, HexColor(colours["primary"])),
                ("LINEBELOW", (0, 1), (-1, -1), 0.3, HexColor(colours["muted"])),
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("FONTNAME", (0, 0), (-1, -1), "CD-Sans"),
            ]
        )
    )
    story.append(table)
    return story


def render_report(data: ReportData, branding: Branding) -> tuple[bytes, int]:
    """The report as PDF bytes, and its number of pages."""
    register_fonts()
    colours = branding.colours
    styles = styles_for(colours)
    out = io.BytesIO()
    doc = BaseDocTemplate(
        out,
        pagesize=A4,
        title=f"Impact report: {data.charter_name}",
        author=data.council,
        subject=data.scope,
    )
    width, height = A4

    def cover_page(canvas: Canvas, _doc: Any) -> None:
        canvas.saveState()
        canvas.setFillColor(HexColor(colours["primary"]))
        canvas.rect(0, height - BAND, width, BAND, stroke=0, fill=1)
        canvas.setFillColor(HexColor(colours["accent"]))
        canvas.rect(0, height - BAND - 2.2 * mm, width, 2.2 * mm, stroke=0, fill=1)
        if branding.logo is not None:
            logo = flat_image(branding.logo, colours["paper"])
            canvas.drawImage(
                logo, MARGIN, height - BAND + 7 * mm, 24 * mm, 24 * mm, preserveAspectRatio=True
            )
        canvas.setFillColor(HexColor("#FFFFFF"))
        canvas.setFont("CD-Sans-Bold", 15)
        canvas.drawString(MARGIN + 30 * mm, height - BAND / 2, data.council)
        canvas.setFont("CD-Sans", 11)
        canvas.drawString(MARGIN + 30 * mm, height - BAND / 2 - 15, data.programme)
        _footer(canvas)
        canvas.restoreState()

    def _footer(canvas: Canvas) -> None:
        canvas.setFillColor(HexColor(colours["muted"]))
        canvas.setFont("CD-Sans", 8.5)
        page = f"Page {canvas.getPageNumber()}"
        canvas.drawRightString(width - MARGIN, 10 * mm, page)
        room = WIDTH - canvas.stringWidth(page, "CD-Sans", 8.5) - 6 * mm
        footer = f"{data.charter_name} · Impact report · {data.scope}"
        draw_line(canvas, footer, "sans", 8.5, MARGIN, 10 * mm, room)
        canvas.setStrokeColor(HexColor(colours["accent"]))
        canvas.setLineWidth(1)
        canvas.line(MARGIN, 14 * mm, width - MARGIN, 14 * mm)

    def later_page(canvas: Canvas, _doc: Any) -> None:
        canvas.saveState()
        _footer(canvas)
        canvas.restoreState()

    body = Frame(MARGIN, 18 * mm, WIDTH, height - 36 * mm, id="body")
    cover = Frame(MARGIN, 18 * mm, WIDTH, height - BAND - 30 * mm, id="cover")
    doc.addPageTemplates(
        [
            PageTemplate("cover", [cover], onPage=cover_page),
            PageTemplate("body", [body], onPage=later_page),
        ]
    )
    story = [
        *_cover(data, styles, colours),
        NextPageTemplate("body"),
        PageBreak(),
        *_charts(data, styles, colours),
        PageBreak(),
        *_balance(data, styles, colours),
        *_voices(data, styles, colours),
    ]

    def canvas_maker(*args: Any, **kwargs: Any) -> Canvas:
        # Every font in the file is embedded, even the canvas's starting one.
        return Canvas(*args, **{**kwargs, "initialFontName": "CD-Sans", "pageCompression": 1})

    doc.build(story, canvasmaker=canvas_maker)
    return out.getvalue(), doc.page
