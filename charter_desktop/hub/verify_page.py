"""The certificate verification page: genuine or not, and only the certificate's public details.

Contact fields are never shown; the name only if the pledger agreed to publish it.
"""

from __future__ import annotations

from html import escape

from sqlalchemy import select

from charter_desktop.core.signing import (
    PayloadError,
    load_public_key,
    parse_certificate_url,
    verify_certificate_url,
)
from charter_desktop.core.storage.db import Database
from charter_desktop.core.terms import PledgeStatus
from charter_desktop.hub.devices import trusted_key
from charter_desktop.hub.ingest import LEGACY_ERASURE
from charter_desktop.hub.models import ErasureRow, HubPledgeRow

_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>{title}</title>
<style>{style}</style></head>
<body><main>
<h1>Charter pledge certificate</h1>
<p class="verdict {kind}">{verdict}</p>
{details}
<p>{note}</p>
</main></body></html>
"""
# The page's only style, allowed by its hash in the Content-Security-Policy (hub.security).
STYLE = """
body { font-family: system-ui, sans-serif; max-width: 36rem; margin: 2rem auto;
       padding: 0 1rem; line-height: 1.5; color: #1d1d1b; }
.verdict { font-size: 1.6rem; font-weight: 700; padding: 1rem; border-radius: .5rem; }
.genuine { background: #e3f4e8; color: #14532d; }
.invalid { background: #fde8e8; color: #7f1d1d; }
dt { font-weight: 600; margin-top: .75rem; } dd { margin: 0; }
"""


def _page(kind: str, verdict: str, details: list[tuple[str, str]], note: str) -> str:
    items = "".join(f"<dt>{escape(k)}</dt><dd>{escape(v)}</dd>" for k, v in details)
    return _PAGE.format(
        title=escape(verdict),
        style=STYLE,
        kind=kind,
        verdict=escape(verdict),
        details=f"<dl>{items}</dl>" if items else "",
        note=escape(note),
    )


def verify_page(db: Database, url: str) -> tuple[int, str]:
    """(HTTP status, HTML) for the certificate URL `url`."""
    try:
        claim, _signature = parse_certificate_url(url)
    except PayloadError as exc:
        note = f"This address is not a certificate code: {exc}."
        return 400, _page("invalid", "Not a certificate code", [], note)
    with db.read() as session:
        key = trusted_key(session, claim.device_id)
        row = session.get(HubPledgeRow, (claim.pledge_id, claim.device_id))
        erasure = select(ErasureRow.pledge_id).where(
            ErasureRow.pledge_id == claim.pledge_id,
            ErasureRow.device_id.in_((claim.device_id, LEGACY_ERASURE)),
        )
        erased = session.scalar(erasure) is not None
        pledge = None
        if row is not None:
            pledge = (row.status, row.consent_publish_name)
    if key is None or verify_certificate_url(url, [load_public_key(key.public_key)]) is None:
        note = (
            "The council cannot confirm this certificate: it was altered, or it was not made "
            "by one of the council's kiosks in service."
        )
        return 200, _page("invalid", "Not a genuine certificate", [], note)
    signer = f"kiosk “{key.kiosk}”" if key.kiosk else f"kiosk {claim.device_id[:8]} (by USB bundle)"
    details = [("Date", claim.date), ("Event", claim.event), ("Signed by", signer)]
    if pledge is not None and pledge[1]:
        details.insert(0, ("Name", claim.name))
    if erased:
        note = "Signed by one of the council's kiosks; this pledge has since been erased."
    elif pledge is None:
        note = "Signed by one of the council's kiosks; the pledge has not reached the council yet."
    elif pledge[0] == PledgeStatus.WITHDRAWN:
        note = "Signed by one of the council's kiosks; this pledge has since been withdrawn."
    else:
        note = "Signed by one of the council's kiosks and held in the council's pledge record."
    return 200, _page("genuine", "Genuine certificate", details, note)
