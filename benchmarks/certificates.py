"""Certificate speed against raw reportlab: one certificate vs a minimal reportlab page carrying
the same QR code (target within 1.5x), and 1,000 certificates in one batch PDF (under 30 s).

Usage: python benchmarks/certificates.py [--repeats N] [--batch N]. Exits 1 if a target fails.
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
import time
from dataclasses import replace
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from benchmarks.harness import Result, median_seconds
from charter_desktop.core.certificates import (
    ActionGroup,
    CertificateData,
    load_branding,
    render_batch,
    render_certificate,
)
from charter_desktop.core.certificates.qr import qr_matrix
from charter_desktop.core.signing import (
    CertificateClaim,
    certificate_url,
    load_or_create_signing_key,
)


def sample(index: int, url: str) -> CertificateData:
    return CertificateData(
        charter_name="Cooperative Inclusive Economy Charter",
        council="Stevenage Borough Council",
        name=("Amelia Patel", "Łucja Wiśniewska", "محمد الأحمد", "李娜")[index % 4],
        action_groups=(
            ActionGroup("A fairer society", ("Providing careers advice in schools",)),
            ActionGroup(
                "A more resilient economy",
                (
                    "Purchasing goods or services from others in the local area",
                    "Supporting cooperatives to start up and grow",
                ),
            ),
        ),
        own_words="We will offer two paid work placements a year to young people leaving care.",
        event_name="Launch summit",
        date=date(2026, 5, 14),
        reference=f"{index:04X}-1B7E",
        qr_url=url,
    )


def sample_url() -> str:
    """A signed verification URL like the ones certificates carry."""
    with tempfile.TemporaryDirectory() as keys:
        key = load_or_create_signing_key(Path(keys))
    claim = CertificateClaim(
        "6f1c1b7e-1b7e-4c1e-9a4e-1c1b7e1b7e00", "0e8c5d1a-2f3b-4c5d-8e9f-0a1b2c3d4e5f",
        "2026-05-14", "Launch summit", "Amelia Patel",
    )  # fmt: skip
    return certificate_url("https://charter.example.org/verify", claim, key)


def batch_items(url: str, count: int) -> list[CertificateData]:
    return [replace(sample(i, url), qr_url=f"{url}&i={i}") for i in range(count)]


def baseline_page(url: str) -> bytes:
    """The raw library's minimal page: one A4 landscape page with reportlab's QR widget."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=landscape(A4))
    widget = QrCodeWidget(url, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    size = 31 * mm
    drawing = Drawing(size, size, transform=[size / (x1 - x0), 0, 0, size / (y1 - y0), 0, 0])
    drawing.add(widget)
    renderPDF.draw(drawing, canvas, 240 * mm, 20 * mm)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def baseline_same_modules(url: str) -> bytes:
    """The strictest baseline: a minimal page drawing exactly our QR's modules (same encoder,
    same mask) with reportlab's plain canvas.rect, one per dark module."""
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=landscape(A4))
    matrix = qr_matrix(url)
    module = 31 * mm / len(matrix)
    for r, row in enumerate(matrix):
        for c, dark in enumerate(row):
            if dark:
                canvas.rect(240 * mm + c * module, 50 * mm - r * module, module, module,
                            stroke=0, fill=1)  # fmt: skip
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=30)
    parser.add_argument("--batch", type=int, default=1000)
    args = parser.parse_args()

    url = sample_url()
    branding = load_branding()
    data = sample(0, url)

    start = time.perf_counter()
    render_certificate(data, branding)
    first = time.perf_counter() - start
    app = median_seconds(lambda: render_certificate(data, branding), args.repeats)
    base = median_seconds(lambda: baseline_page(url), args.repeats)
    strict = median_seconds(lambda: baseline_same_modules(url), args.repeats)
    one = Result("one certificate PDF with QR", app, base, "within 1.5x", app <= 1.5 * base)
    same = Result("one certificate vs a page of the very same modules", app, strict,
                  "within 1.5x", app <= 1.5 * strict)  # fmt: skip

    items = batch_items(url, args.batch)
    start = time.perf_counter()
    pdf = render_batch(items, branding)
    batch = time.perf_counter() - start
    many = Result(f"{args.batch} certificates in one batch PDF", batch, None, "under 30 s",
                  batch < 30.0)  # fmt: skip

    print(f"first certificate in this process (fonts loaded): {first * 1000:.1f} ms")
    print(one.line() + "  [baseline: reportlab's QrCodeWidget on a minimal page]")
    print(same.line() + "  [baseline: our encoder's modules drawn with canvas.rect]")
    print(many.line() + f", {len(pdf) / 1e6:.1f} MB")
    return 0 if one.passed and same.passed and many.passed else 1


if __name__ == "__main__":
    raise SystemExit(main())
