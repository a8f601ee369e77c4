"""The kiosk's colours meet WCAG 2.1 AA: 4.5:1 for every text pair the stylesheet uses, 3:1
for the focus ring and borders against the page (non-text contrast)."""

from __future__ import annotations

import re

import pytest

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
]


@pytest.mark.parametrize(("what", "fg", "bg"), TEXT_PAIRS, ids=[p[0] for p in TEXT_PAIRS])
def test_text_has_aa_contrast(what: str, fg: str, bg: str) -> None:
    assert contrast(fg, bg) >= 4.5, f"{what}: {contrast(fg, bg):.2f}:1"


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
    checked = {c.lower() for _, fg, bg in TEXT_PAIRS for c in (fg, bg)} | {style.FOCUS.lower()}
    assert used <= named
    assert used <= checked, used - checked
