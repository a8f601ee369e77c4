"""The certificate's embedded fonts and per-character fallback between them.

Each style names a chain of fonts; a run of text takes the first font in the chain that has a
glyph for its characters, so Latin, Arabic, Hebrew, CJK and emoji mix on one line.
"""

from __future__ import annotations

import threading
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from charter_desktop.core.resources import RESOURCES_DIR

FONTS_DIR = RESOURCES_DIR / "fonts"
FONT_FILES = {
    "CD-Serif": "NotoSerif-Regular.ttf",
    "CD-Serif-Bold": "NotoSerif-Bold.ttf",
    "CD-Serif-Italic": "NotoSerif-Italic.ttf",
    "CD-Sans": "NotoSans-Regular.ttf",
    "CD-Sans-Bold": "NotoSans-Bold.ttf",
    "CD-Arabic": "NotoNaskhArabic-Regular.ttf",
    "CD-Arabic-Bold": "NotoNaskhArabic-Bold.ttf",
    "CD-Hebrew": "NotoSansHebrew-Regular.ttf",
    "CD-CJK": "DroidSansFallbackFull.ttf",
    "CD-Symbols": "Symbola.ttf",
}
_FALLBACK = ("CD-Hebrew", "CD-CJK", "CD-Symbols")
CHAINS: dict[str, tuple[str, ...]] = {
    "serif": ("CD-Serif", "CD-Sans", "CD-Arabic", *_FALLBACK),
    "serif-bold": ("CD-Serif-Bold", "CD-Sans-Bold", "CD-Arabic-Bold", *_FALLBACK),
    "serif-italic": ("CD-Serif-Italic", "CD-Serif", "CD-Sans", "CD-Arabic", *_FALLBACK),
    "sans": ("CD-Sans", "CD-Serif", "CD-Arabic", *_FALLBACK),
    "sans-bold": ("CD-Sans-Bold", "CD-Serif-Bold", "CD-Arabic-Bold", *_FALLBACK),
}
_lock = threading.Lock()
_registered = False


def register_fonts() -> None:
    """Register the shipped fonts with reportlab (once per process)."""
    global _registered  # noqa: PLW0603  (one registration per process)
    with _lock:
        if _registered:
            return
        for name, file in FONT_FILES.items():
            pdfmetrics.registerFont(TTFont(name, str(FONTS_DIR / file)))
        _registered = True


@lru_cache(maxsize=16)
def _cmap(font_name: str) -> frozenset[int]:
    font = pdfmetrics.getFont(font_name)
    return frozenset(font.face.charToGlyph)


def is_invisible(char: str) -> bool:
    """Joiners, direction marks, variation selectors and tags: they draw nothing themselves."""
    code = ord(char)
    return (
        unicodedata.category(char) == "Cf"
        or 0xFE00 <= code <= 0xFE0F
        or 0xE0100 <= code <= 0xE01EF
        or 0x1F3FB <= code <= 0x1F3FF  # skin-tone modifiers: shown by colour fonts only
    )


@lru_cache(maxsize=65536)
def font_for(char: str, chain: str) -> str:
    """The first font in `chain` with a glyph for `char` (the first font if none has one)."""
    code = ord(char)
    fonts = CHAINS[chain]
    for name in fonts:
        if code in _cmap(name):
            return name
    return fonts[0]


@dataclass(frozen=True)
class Run:
    """Text drawn in one font; `width` is its advance at a size of 1 point."""

    text: str
    font: str
    width: float


def runs(text: str, chain: str) -> tuple[Run, ...]:
    """`text` split into runs by which font of `chain` draws each character."""
    return _runs(text, chain)


@lru_cache(maxsize=32768)
def _runs(text: str, chain: str) -> tuple[Run, ...]:
    pieces: list[list[str]] = []  # [font, chars]
    for char in text:
        if is_invisible(char):
            continue
        if unicodedata.combining(char) and pieces and ord(char) in _cmap(pieces[-1][0]):
            pieces[-1][1] += char
            continue
        font = font_for(char, chain)
        if pieces and pieces[-1][0] == font:
            pieces[-1][1] += char
        else:
            pieces.append([font, char])
    return tuple(
        Run(chars, font, pdfmetrics.stringWidth(chars, font, 1.0)) for font, chars in pieces
    )


def text_width(text: str, chain: str, size: float) -> float:
    return sum(r.width for r in runs(text, chain)) * size
