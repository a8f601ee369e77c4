"""Certificates as PDF bytes: one, or many in one document (a page each). Pure functions."""

from __future__ import annotations

import io
from collections.abc import Iterable

from reportlab import rl_config
from reportlab.pdfgen.canvas import Canvas

from charter_desktop.core.certificates.layout import draw_certificate, page_size
from charter_desktop.core.certificates.model import CertificateData
from charter_desktop.core.pdf.branding import Branding
from charter_desktop.core.pdf.fonts import register_fonts


def render_batch(items: Iterable[CertificateData], branding: Branding, title: str = "") -> bytes:
    """A PDF with one page per certificate, fonts embedded (subset) once for the document."""
    register_fonts()
    rl_config.useA85 = 0  # binary image streams: ASCII85 only makes files bigger and slower
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pageCompression=1, invariant=True, initialFontName="CD-Sans")
    canvas.setTitle(title or "Pledge certificates")
    canvas.setCreator("Charter Desktop")
    count = 0
    for data in items:
        canvas.setPageSize(page_size(data.paper_size))
        draw_certificate(canvas, data, branding)
        canvas.showPage()
        count += 1
    if count == 0:
        raise ValueError("no certificates to render")
    canvas.save()
    return buffer.getvalue()


def render_certificate(data: CertificateData, branding: Branding) -> bytes:
    """One certificate as a one-page PDF."""
    return render_batch([data], branding, title=f"Pledge certificate {data.reference}")
