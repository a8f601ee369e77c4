"""The kiosk's colours meet WCAG 2.1 AA: 4.5:1 for every text pair the stylesheet uses, 3:1
for the focus ring, borders and check boxes against the page (non-text contrast), measured on
the colours and on the pixels Qt draws; and the type scales with the screen, portrait too."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QRect
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QCheckBox, QLineEdit, QStyle, QStyleOptionButton, QVBoxLayout, QWidget
from pytestqt.qtbot import QtBot

from charter_desktop.ui import style


def luminance(colour: str) -> float:
    """WCAG relative luminance of a #rrggbb colour."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_contrast_formula_matches_wcag_reference_values() -> None:
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#777777", "#ffffff") == pytest.approx(4.48, abs=0.01)  # fails AA


TEXT_PAIRS = [
    ("ink on page", style.INK, style.PAGE),
    ("ink on card", style.INK, style.CARD),
    ("muted on page", style.MUTED, style.PAGE),
    ("muted on card", style.MUTED, style.CARD),
    ("brand text on page", style.BRAND, style.PAGE),
    ("brand text on card (buttons)", style.BRAND, style.CARD),
    ("chosen toggle and primary button", style.ON_BRAND, style.BRAND),
    ("error message", style.ERROR, style.ERROR_BG),
    ("disabled button", style.DISABLED_INK, style.DISABLED_BG),
    ("overlay card", style.INK, style.OVERLAY_CARD),
    ("placeholder in an empty field", style.PLACEHOLDER, style.CARD),
]

# WCAG 1.4.11: what shows a control and its state against what is next to it, 3:1.
NON_TEXT_PAIRS = [
    ("check box border on its white box", style.MUTED, style.CARD),
    ("check box border on the page", style.MUTED, style.PAGE),
    ("ticked box on the page", style.BRAND, style.PAGE),
    ("tick on the ticked box", style.ON_BRAND, style.BRAND),
    ("disabled box border on the page", style.DISABLED_INK, style.PAGE),
    ("disabled box border on its fill", style.DISABLED_INK, style.DISABLED_BG),
    ("disabled tick on its box", style.ON_BRAND, style.DISABLED_INK),
    ("field border on the page", style.MUTED, style.PAGE),
    ("button border on the page", style.BRAND, style.PAGE),
]


@pytest.mark.parametrize(("what", "fg", "bg"), TEXT_PAIRS, ids=[p[0] for p in TEXT_PAIRS])
def test_text_has_aa_contrast(what: str, fg: str, bg: str) -> None:
    assert contrast(fg, bg) >= 4.5, f"{what}: {contrast(fg, bg):.2f}:1"


@pytest.mark.parametrize(("what", "fg", "bg"), NON_TEXT_PAIRS, ids=[p[0] for p in NON_TEXT_PAIRS])
def test_controls_and_their_states_have_3_to_1_contrast(what: str, fg: str, bg: str) -> None:
    assert contrast(fg, bg) >= 3.0, f"{what}: {contrast(fg, bg):.2f}:1"


def test_the_tick_image_is_drawn_in_the_checked_colour() -> None:
    strokes = re.findall(r'stroke="(#[0-9a-fA-F]{6})"', Path(style.TICK).read_text())
    assert strokes and {s.lower() for s in strokes} == {style.ON_BRAND.lower()}


@pytest.mark.parametrize("bg", [style.PAGE, style.CARD])
def test_the_focus_ring_stands_out_from_the_page(bg: str) -> None:
    # The ring is also thicker than a resting border, so focus never shows by colour alone.
    assert contrast(style.FOCUS, bg) >= 3.0
    assert "QPushButton:focus { border: 5px solid" in style.build_stylesheet()


def test_every_colour_in_the_stylesheet_is_a_checked_one() -> None:
    sheet = style.build_stylesheet()
    named = {
        value.lower()
        for name, value in vars(style).items()
        if name.isupper() and isinstance(value, str) and value.startswith("#")
    }
    used = {c.lower() for c in re.findall(r"#[0-9a-fA-F]{6}\b", sheet)}
    pairs = TEXT_PAIRS + NON_TEXT_PAIRS
    checked = {c.lower() for _, fg, bg in pairs for c in (fg, bg)} | {style.FOCUS.lower()}
    assert used <= named
    assert used <= checked, used - checked


def pixel_contrast(a: QColor, b: str) -> float:
    return contrast(a.name(), b)


def pixels(image: QImage, area: QRect) -> list[QColor]:
    return [
        image.pixelColor(x, y)
        for x in range(area.left(), area.right() + 1)
        for y in range(area.top(), area.bottom() + 1)
    ]


@pytest.fixture
def page(qtbot: QtBot) -> QWidget:
    """A kiosk page with the app's style sheet at the design size."""
    widget = QWidget()
    widget.setObjectName("screen")
    widget.setStyleSheet(style.build_stylesheet())
    QVBoxLayout(widget)
    qtbot.addWidget(widget)
    return widget


def add(page: QWidget, widget: QWidget) -> None:
    column = page.layout()
    assert column is not None
    column.addWidget(widget)


def indicator_rect(box: QCheckBox, on: QWidget) -> QRect:
    option = QStyleOptionButton()
    box.initStyleOption(option)
    area = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
    return area.translated(box.mapTo(on, area.topLeft()) - area.topLeft())


@pytest.mark.parametrize("ticked", [False, True], ids=["unticked", "ticked"])
def test_a_check_box_shows_against_the_page_as_drawn(
    qtbot: QtBot, page: QWidget, ticked: bool
) -> None:
    box = QCheckBox("Contact me about my pledge")
    box.setChecked(ticked)
    add(page, box)
    page.resize(600, 120)
    page.show()
    qtbot.waitExposed(page)
    image = page.grab().toImage()
    area = indicator_rect(box, page)
    assert area.width() >= 32 and area.height() >= 32, area
    drawn = pixels(image, area)
    darkest = min(drawn, key=lambda c: c.lightness())
    assert pixel_contrast(darkest, style.PAGE) >= 3.0, darkest.name()
    assert pixel_contrast(darkest, style.CARD) >= 3.0, darkest.name()
    if ticked:  # filled, with a tick of light pixels on it: not told by colour alone
        lightest = max(drawn, key=lambda c: c.lightness())
        assert pixel_contrast(lightest, darkest.name()) >= 3.0, (lightest.name(), darkest.name())
        light = sum(1 for c in drawn if pixel_contrast(c, style.BRAND) >= 3.0)
        assert light >= area.width() * 2, "the tick is drawn"
    else:  # an empty white box
        assert image.pixelColor(area.center()).name() == style.CARD


def test_the_placeholder_text_is_drawn_with_4_5_to_1_contrast(qtbot: QtBot, page: QWidget) -> None:
    field = QLineEdit()
    field.setPlaceholderText("Search name, organisation or email")
    add(page, field)
    page.resize(600, 120)
    page.show()
    qtbot.waitExposed(page)
    image = page.grab().toImage()
    inside = field.contentsRect().adjusted(8, 8, -8, -8)  # within the border
    inside.translate(field.mapTo(page, inside.topLeft()) - inside.topLeft())
    drawn = pixels(image, inside)
    darkest = min(drawn, key=lambda c: c.lightness())
    assert darkest.lightness() < 200, "the placeholder is drawn in the area measured"
    assert pixel_contrast(darkest, style.CARD) >= 4.5, darkest.name()


@pytest.mark.parametrize(
    ("size", "low", "high"),
    [
        ((1280, 800), 1.0, 1.0),
        ((1024, 768), 0.85, 0.9),
        ((1920, 1080), 1.35, 1.35),
        ((3840, 2160), 2.5, 3.0),
        ((1080, 1920), 1.2, 1.4),  # a portrait totem: not 0.84 as a turned landscape would be
        ((2160, 3840), 2.2, 3.0),
    ],
)
def test_the_type_scales_with_the_screen(size: tuple[int, int], low: float, high: float) -> None:
    assert low <= style.window_scale(*size) <= high
