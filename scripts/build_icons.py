"""Renders the app icon, resources/icons/org.charterdesktop.CharterDesktop.svg, into the PNG
sizes desktops look up: resources/icons/hicolor/NxN/apps/org.charterdesktop.CharterDesktop.png.

Usage: python scripts/build_icons.py [--out DIR] (DIR defaults to resources/icons/hicolor).
Qt's own SVG renderer draws them, antialiased, on a transparent background, so the PNGs are the
same wherever the app's Qt runs.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APP_ID = "org.charterdesktop.CharterDesktop"
SVG = ROOT / "resources/icons" / f"{APP_ID}.svg"
HICOLOR = ROOT / "resources/icons/hicolor"
SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)


def png_path(hicolor: Path, size: int) -> Path:
    return hicolor / f"{size}x{size}" / "apps" / f"{APP_ID}.png"


def main() -> None:
    parser = argparse.ArgumentParser(description="Renders the app icon into its PNG sizes.")
    parser.add_argument("--out", type=Path, default=HICOLOR, help="the hicolor folder to fill")
    args = parser.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication([])  # QPainter and the SVG renderer want an application
    renderer = QSvgRenderer(str(SVG))
    if not renderer.isValid():
        raise SystemExit(f"{SVG} is not an SVG Qt can draw")
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        renderer.render(painter)
        painter.end()
        target = png_path(args.out, size)
        target.parent.mkdir(parents=True, exist_ok=True)
        if not image.save(str(target)):
            raise SystemExit(f"could not write {target}")
        print(f"{target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}")


if __name__ == "__main__":
    main()
