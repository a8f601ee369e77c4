"""Reading PDFs in tests with real decoders: pypdf for text and fonts, poppler and zbar for QR."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

from pypdf import PdfReader
from pypdf.generic import DictionaryObject

from tests.helpers import need_tool


def pdf_text(pdf: bytes) -> list[str]:
    """Each page's extracted text."""
    return [page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages]


def flat(text: str) -> str:
    """Text without any whitespace, to compare wrapped text with the original."""
    return "".join(text.split())


def embedded_fonts(pdf: bytes) -> dict[str, bool]:
    """BaseFont name -> whether its font program is embedded in the file, for every page."""
    fonts: dict[str, bool] = {}
    for page in PdfReader(io.BytesIO(pdf)).pages:
        resources = page["/Resources"].get_object()
        assert isinstance(resources, DictionaryObject), "a page's /Resources is a dictionary"
        font_refs = resources.get("/Font")
        for ref in (font_refs.get_object() if font_refs is not None else {}).values():
            font = ref.get_object()
            descendants = font.get("/DescendantFonts")
            target = descendants[0].get_object() if descendants else font
            descriptor = target.get("/FontDescriptor")
            descriptor = descriptor.get_object() if descriptor else {}
            embedded = any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            fonts[str(font["/BaseFont"])] = embedded
    return fonts


def page_count(pdf: bytes) -> int:
    return len(PdfReader(io.BytesIO(pdf)).pages)


def render_png(pdf_path: Path, out_stem: Path, dpi: int = 200, page: int = 1) -> Path:
    """One page rendered by poppler's pdftoppm."""
    pdftoppm = need_tool("pdftoppm")
    subprocess.run(
        [pdftoppm, "-png", "-r", str(dpi), "-f", str(page), "-l", str(page), "-singlefile",
         str(pdf_path), str(out_stem)],
        check=True, timeout=60,
    )  # fmt: skip
    return out_stem.with_suffix(".png")


def decode_qr(png: Path) -> list[str]:
    """Every QR code zbar finds in the image, as text."""
    zbarimg = need_tool("zbarimg")
    result = subprocess.run(
        [zbarimg, "-q", "--raw", "-Sdisable", "-Sqrcode.enable", str(png)],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    return [line for line in result.stdout.splitlines() if line.strip()]


def word_boxes(pdf_path: Path) -> list[tuple[str, float, float, float, float]]:
    """(word, xMin, yMin, xMax, yMax) for each word poppler finds on page 1, and the page size
    as the first entry ('', 0, 0, width, height)."""
    import re

    pdftotext = need_tool("pdftotext")
    html = subprocess.run(
        [pdftotext, "-bbox", "-f", "1", "-l", "1", str(pdf_path), "-"],
        capture_output=True, text=True, timeout=60, check=True,
    ).stdout  # fmt: skip
    page = re.search(r'<page width="([\d.]+)" height="([\d.]+)"', html)
    assert page is not None
    boxes = [("", 0.0, 0.0, float(page.group(1)), float(page.group(2)))]
    for m in re.finditer(
        r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">(.*?)</word>',
        html,
    ):
        x_min, y_min, x_max, y_max = (float(m.group(i)) for i in range(1, 5))
        boxes.append((m.group(5), x_min, y_min, x_max, y_max))
    return boxes
