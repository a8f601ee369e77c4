"""Pledge certificates: plain data in, PDF bytes out (see render.render_certificate)."""

from __future__ import annotations

from charter_desktop.core.certificates.model import ActionGroup, CertificateData, short_reference
from charter_desktop.core.certificates.render import render_batch, render_certificate
from charter_desktop.core.pdf.branding import Branding, BrandingError, load_branding

__all__ = [
    "ActionGroup",
    "Branding",
    "BrandingError",
    "CertificateData",
    "load_branding",
    "render_batch",
    "render_certificate",
    "short_reference",
]
