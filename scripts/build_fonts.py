"""Rebuilds charter_desktop/resources/fonts from Debian's font packages, unhinted to keep it small.

Usage: python scripts/build_fonts.py (needs fonttools and the Debian packages fonts-noto-core,
fonts-droid-fallback and fonts-symbola). The certificate renderer embeds these TrueType files;
reportlab does its own layout, so hinting and OpenType layout tables are left out.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from fontTools import subset

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "charter_desktop/resources/fonts"
SYSTEM = Path("/usr/share/fonts/truetype")
EMOJI_AND_SYMBOLS = "U+2000-2BFF,U+2E00-2E7F,U+3000-303F,U+1F000-1FAFF,U+FE00-FE0F,U+200D"

FONTS = {
    # file in resources/fonts: (source under /usr/share/fonts/truetype, unicode ranges)
    "NotoSerif-Regular.ttf": ("noto/NotoSerif-Regular.ttf", "*"),
    "NotoSerif-Bold.ttf": ("noto/NotoSerif-Bold.ttf", "*"),
    "NotoSerif-Italic.ttf": ("noto/NotoSerif-Italic.ttf", "*"),
    "NotoSans-Regular.ttf": ("noto/NotoSans-Regular.ttf", "*"),
    "NotoSans-Bold.ttf": ("noto/NotoSans-Bold.ttf", "*"),
    "NotoNaskhArabic-Regular.ttf": ("noto/NotoNaskhArabic-Regular.ttf", "*"),
    "NotoNaskhArabic-Bold.ttf": ("noto/NotoNaskhArabic-Bold.ttf", "*"),
    "NotoSansHebrew-Regular.ttf": ("noto/NotoSansHebrew-Regular.ttf", "*"),
    "DroidSansFallbackFull.ttf": ("droid/DroidSansFallbackFull.ttf", "*"),
    "Symbola.ttf": ("ancient-scripts/Symbola_hint.ttf", EMOJI_AND_SYMBOLS),
}
LICENCES = {
    "OFL.txt": "/usr/share/doc/fonts-noto-core/copyright",
    "DroidSansFallback-LICENSE.txt": "/usr/share/doc/fonts-droid-fallback/copyright",
    "Symbola-LICENSE.txt": "/usr/share/doc/fonts-symbola/copyright",
}


def build(target: Path, source: Path, unicodes: str) -> None:
    options = subset.Options()
    options.hinting = False
    options.layout_features = []
    options.drop_tables += ["GSUB", "GPOS", "GDEF", "DSIG"]
    options.name_IDs = ["*"]
    options.notdef_outline = True
    font = subset.load_font(str(source), options)
    subsetter = subset.Subsetter(options)
    if unicodes == "*":
        subsetter.populate(unicodes=font.getBestCmap().keys())
    else:
        subsetter.populate(unicodes=subset.parse_unicodes(unicodes))
    subsetter.subset(font)
    subset.save_font(font, str(target), options)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, (source, unicodes) in FONTS.items():
        build(OUT / name, SYSTEM / source, unicodes)
        print(f"{name}: {(OUT / name).stat().st_size // 1024} KiB")
    for name, source in LICENCES.items():
        shutil.copyfile(source, OUT / name)


if __name__ == "__main__":
    main()
