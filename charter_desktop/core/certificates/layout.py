"""Where everything sits on a certificate: page sizes, measurements in mm, named styles.

The layout is drawn on a design page 297 mm wide (A4 landscape); other papers scale it to
their width, and a taller page (US Letter) gives the pledge more room.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from reportlab.lib.pagesizes import A4, A5, LETTER, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from charter_desktop.core.certificates.model import CertificateData, long_date
from charter_desktop.core.certificates.qr import draw_qr
from charter_desktop.core.pdf.branding import Branding
from charter_desktop.core.pdf.images import flat_image
from charter_desktop.core.pdf.text import (
    Block,
    LaidOut,
    Style,
    draw_lines,
    fit_scale,
    is_rtl_paragraph,
    lay_out,
)

PAGES = {"A4": landscape(A4), "A5": landscape(A5), "Letter": landscape(LETTER)}
DESIGN_WIDTH = 297 * mm

# Measurements on the design page, in mm.
BORDER_OUTER = 7.0
BORDER_INNER = 10.0
SIDE = 28.0  # text column's distance from the page edge
LOGO_TOP = 15.0
LOGO_SIZE = 17.0
NAME_BOX = 22.0  # height kept for the name (one or two lines)
FOOTER_TOP = 52.0  # the pledge's frame ends this far above the page's bottom edge
QR_SIZE = 31.0
QR_BOTTOM = 15.5
MAX_PLEDGE_SCALE = 1.15  # a short pledge's text may grow this much

# Named styles (sizes in points).
STYLES = {
    "council": Style("sans-bold", 8.0, colour="muted", align="centre", tracking=1.6),
    "heading": Style("sans-bold", 10.5, colour="accent", align="centre", tracking=2.4),
    "charter": Style("serif", 21.0, leading=1.2, colour="primary", align="centre"),
    "certifies": Style("serif-italic", 10.5, colour="muted", align="centre"),
    "name": Style("serif-bold", 30.0, leading=1.15, colour="ink", align="centre"),
    "organisation": Style("sans", 10.0, colour="muted", align="centre"),
    "intro": Style("serif-italic", 10.5, colour="muted", align="centre"),
    "benefit": Style("sans-bold", 8.5, colour="secondary", tracking=1.2),
    "action": Style("serif", 11.0, leading=1.35, colour="ink"),
    "words_label": Style("sans-bold", 8.5, colour="secondary", tracking=1.2),
    "words": Style("serif-italic", 12.0, leading=1.4, colour="ink"),
    "foot_strong": Style("sans-bold", 9.5, colour="ink", align="centre"),
    "foot": Style("sans", 8.5, colour="muted", align="centre"),
    "foot_left": Style("sans", 8.5, colour="muted"),
    "foot_left_strong": Style("sans-bold", 9.0, colour="ink"),
    "qr_caption": Style("sans", 7.0, leading=1.25, colour="muted", align="centre"),
}


@dataclass(frozen=True)
class Frame:
    """A box on the design page, in points: left, bottom, width, height."""

    x: float
    y: float
    width: float
    height: float

    @property
    def top(self) -> float:
        return self.y + self.height


def page_size(paper: str) -> tuple[float, float]:
    try:
        width, height = PAGES[paper]
    except KeyError:
        raise ValueError(f"unknown paper size {paper!r}; use one of {', '.join(PAGES)}") from None
    return float(width), float(height)


def _text(
    canvas: Canvas, blocks: list[Block], frame: Frame, colours: dict[str, str], *, centre: bool
) -> None:
    """Draw blocks shrunk to fit `frame`, vertically centred in it if `centre`."""
    scale = fit_scale([(blocks, frame.width)], frame.height)
    laid, height = lay_out(blocks, frame.width, scale)
    top = frame.top - ((frame.height - height) / 2 if centre else 0.0)
    for index, item in enumerate(laid):
        if index:
            top -= item.block.space_before * scale
        top = draw_lines(canvas, item, frame.x, top, frame.width, colours)


def _decorations(canvas: Canvas, width: float, height: float, colours: dict[str, str]) -> None:
    canvas.setFillColor(colours["paper"])
    canvas.rect(0, 0, width, height, stroke=0, fill=1)
    canvas.setStrokeColor(colours["primary"])
    canvas.setLineWidth(2.4)
    o = BORDER_OUTER * mm
    canvas.rect(o, o, width - 2 * o, height - 2 * o, stroke=1, fill=0)
    canvas.setStrokeColor(colours["accent"])
    canvas.setLineWidth(0.6)
    i = BORDER_INNER * mm
    canvas.rect(i, i, width - 2 * i, height - 2 * i, stroke=1, fill=0)
    # Corner marks on the inner border.
    canvas.setFillColor(colours["accent"])
    for cx, cy in ((i, i), (width - i, i), (i, height - i), (width - i, height - i)):
        canvas.circle(cx, cy, 1.3 * mm, stroke=0, fill=1)


def _rule(canvas: Canvas, centre_x: float, y: float, colours: dict[str, str]) -> None:
    """A short ornamental rule with a diamond in the middle."""
    canvas.setStrokeColor(colours["accent"])
    canvas.setLineWidth(0.7)
    half, gap = 30 * mm, 3.2 * mm
    canvas.line(centre_x - half, y, centre_x - gap, y)
    canvas.line(centre_x + gap, y, centre_x + half, y)
    canvas.setFillColor(colours["accent"])
    d = 1.6 * mm
    path = canvas.beginPath()
    path.moveTo(centre_x, y + d)
    path.lineTo(centre_x + d, y)
    path.lineTo(centre_x, y - d)
    path.lineTo(centre_x - d, y)
    path.close()
    canvas.drawPath(path, stroke=0, fill=1)


def _column(
    blocks: list[Block], width: float, bullet: float, scale: float
) -> tuple[list[LaidOut], float]:
    """A benefit's column: its heading full width, its actions indented past their bullets."""
    laid: list[LaidOut] = []
    height = 0.0
    for block in blocks:
        indent = bullet * scale if block.style is STYLES["action"] else 0.0
        items, h = lay_out([block], width - indent, scale)
        if items:  # blank text takes no room
            height += (block.space_before * scale if laid else 0.0) + h
            laid.extend(items)
    return laid, height


def _pledge(canvas: Canvas, data: CertificateData, frame: Frame, colours: dict[str, str]) -> None:
    """The chosen actions (a column per benefit) and the own words, sized together to fit:
    grown a little when short, shrunk as far as needed when long."""
    columns: list[list[Block]] = []
    for group in data.action_groups:
        blocks = [Block(group.benefit.upper(), STYLES["benefit"])]
        blocks += [Block(label, STYLES["action"], 3.0) for label in group.actions]
        columns.append(blocks)
    words: list[Block] = []
    own = data.own_words.strip()
    if own:
        rtl = is_rtl_paragraph(own)
        if columns:
            label = STYLES["words_label"]
            words.append(Block("IN MY OWN WORDS", replace(label, align="end") if rtl else label))
        # Curly quotes are not mirrored by the bidi algorithm: right-to-left words go unquoted.
        words.append(Block(own if rtl else f"“{own}”", STYLES["words"], 3.0))
    if len(columns) <= 1:  # one column reads better narrower and centred
        inset = frame.width * 0.12
        frame = Frame(frame.x + inset, frame.y, frame.width - 2 * inset, frame.height)
    gap, bullet = 10 * mm, 4.5 * mm
    col_width = (frame.width - gap * (len(columns) - 1)) / len(columns) if columns else 0.0
    between = 7 * mm if columns and words else 0.0

    def height(scale: float) -> tuple[float, float]:
        cols = max((_column(c, col_width, bullet, scale)[1] for c in columns), default=0.0)
        return cols, cols + lay_out(words, frame.width, scale)[1] + between * scale

    scale = MAX_PLEDGE_SCALE
    while scale > 0.1 and height(scale)[1] > frame.height:
        scale *= 0.94
    cols_height, total = height(scale)
    top = frame.top - max(frame.height - total, 0.0) / 2
    for index, blocks in enumerate(columns):
        x, y = frame.x + index * (col_width + gap), top
        for n, item in enumerate(_column(blocks, col_width, bullet, scale)[0]):
            y -= item.block.space_before * scale if n else 0.0
            if item.block.style is STYLES["action"]:  # a hanging bullet, then the label
                indent = bullet * scale
                (mark,), _ = lay_out([replace(item.block, text="•")], indent, scale)
                draw_lines(canvas, mark, x, y, indent, colours)
                y = draw_lines(canvas, item, x + indent, y, col_width - indent, colours)
            else:
                y = draw_lines(canvas, item, x, y, col_width, colours)
    y = top - cols_height - between * scale
    for n, item in enumerate(lay_out(words, frame.width, scale)[0]):
        y -= item.block.space_before * scale if n else 0.0
        y = draw_lines(canvas, item, frame.x, y, frame.width, colours)


def _footer(
    canvas: Canvas, data: CertificateData, branding: Branding, width: float, colours: dict[str, str]
) -> None:
    # Signature, left.
    left = SIDE * mm
    line_y = 31 * mm
    if branding.signature_image is not None:
        canvas.drawImage(
            flat_image(branding.signature_image, colours["paper"]), left, line_y + 1 * mm,
            60 * mm, 14 * mm, preserveAspectRatio=True, anchor="sw",
        )  # fmt: skip
    canvas.setStrokeColor(colours["ink"])
    canvas.setLineWidth(0.5)
    canvas.line(left, line_y, left + 66 * mm, line_y)
    _text(
        canvas,
        [
            Block(branding.signatory_name, STYLES["foot_left_strong"]),
            Block(branding.signatory_title, STYLES["foot_left"], 1.0),
        ],
        Frame(left, 14 * mm, 70 * mm, line_y - 16 * mm),
        colours,
        centre=False,
    )
    # Event, date and reference, centre.
    _text(
        canvas,
        [
            Block(data.event_name, STYLES["foot_strong"]),
            Block(long_date(data.date), STYLES["foot"], 2.0),
            Block(f"Pledge reference {data.reference}", STYLES["foot"], 2.0),
        ],
        Frame(width / 2 - 50 * mm, 15 * mm, 100 * mm, 24 * mm),
        colours,
        centre=True,
    )
    # QR, right.
    qr_x = width - SIDE * mm - QR_SIZE * mm + 2 * mm
    draw_qr(canvas, data.qr_url, qr_x, (QR_BOTTOM + 4.5) * mm, QR_SIZE * mm, colours["ink"])
    _text(
        canvas,
        [Block("Scan to check this certificate", STYLES["qr_caption"])],
        Frame(qr_x - 6 * mm, QR_BOTTOM * mm - 1 * mm, (QR_SIZE + 12) * mm, 5 * mm),
        colours,
        centre=True,
    )


def draw_certificate(canvas: Canvas, data: CertificateData, branding: Branding) -> None:
    """Draw one certificate on the canvas's current page (sized for `data.paper_size`)."""
    page_width, page_height = page_size(data.paper_size)
    scale = page_width / DESIGN_WIDTH
    width, height = DESIGN_WIDTH, page_height / scale
    colours = branding.colours
    canvas.saveState()
    canvas.scale(scale, scale)
    _decorations(canvas, width, height, colours)
    if branding.logo is not None:
        canvas.drawImage(
            flat_image(branding.logo, colours["paper"]), (width - LOGO_SIZE * mm) / 2,
            height - (LOGO_TOP + LOGO_SIZE) * mm, LOGO_SIZE * mm, LOGO_SIZE * mm,
            preserveAspectRatio=True,
        )  # fmt: skip
    column = Frame(SIDE * mm, 0, width - 2 * SIDE * mm, height)
    top = height - (LOGO_TOP + LOGO_SIZE + 3) * mm

    def header(blocks: list[Block], box: float, centre: bool = True) -> None:
        nonlocal top
        _text(canvas, blocks, Frame(column.x, top - box * mm, column.width, box * mm), colours,
              centre=centre)  # fmt: skip
        top -= box * mm

    header([Block(f"{data.council.upper()}", STYLES["council"])], 6)
    header([Block(branding.heading.upper(), STYLES["heading"])], 7)
    header([Block(data.charter_name, STYLES["charter"])], 11)
    _rule(canvas, width / 2, top - 2.5 * mm, colours)
    top -= 5 * mm
    header([Block("This certifies that", STYLES["certifies"])], 7)
    name = [Block(data.name, STYLES["name"])]
    if data.organisation:
        name.append(Block(data.organisation, STYLES["organisation"], 2.0))
    header(name, NAME_BOX + (5 if data.organisation else 0))
    header([Block("has pledged to help build a cooperative, inclusive economy", STYLES["intro"])],
           7)  # fmt: skip
    top -= 3 * mm
    _pledge(canvas, data, Frame(column.x, FOOTER_TOP * mm, column.width, top - FOOTER_TOP * mm),
            colours)  # fmt: skip
    _footer(canvas, data, branding, width, colours)
    canvas.restoreState()
