"""Certificates for stored pledges: builds CertificateData from the store and renders it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from charter_desktop.core import events
from charter_desktop.core.catalogue import Catalogue
from charter_desktop.core.certificates.links import claim_from
from charter_desktop.core.certificates.model import ActionGroup, CertificateData, short_reference
from charter_desktop.core.certificates.render import render_batch
from charter_desktop.core.kiosk.settings import load_kiosk_settings
from charter_desktop.core.pdf.branding import load_branding
from charter_desktop.core.pledges.records import Pledge
from charter_desktop.core.signing import certificate_url, load_or_create_signing_key
from charter_desktop.core.store import Store


def action_groups(catalogue: Catalogue, action_ids: Sequence[str]) -> tuple[ActionGroup, ...]:
    """The chosen actions' labels under their benefits, in the charter's order."""
    chosen = set(action_ids)
    groups = []
    for benefit in catalogue.benefits:
        labels = tuple(a.label for a in benefit.actions if a.id in chosen)
        if labels:
            groups.append(ActionGroup(benefit.title, labels))
    return tuple(groups)


def certificate_data(store: Store, pledges: Sequence[Pledge]) -> list[CertificateData]:
    """What each pledge's certificate shows, its QR signed with this kiosk's key."""
    key = load_or_create_signing_key(store.paths.data_dir / "keys")
    with store.db.read() as session:
        settings = load_kiosk_settings(session)
        found = (events.get_event(session, i) for i in {p.event_id for p in pledges})
        event_names = {e.id: e.name for e in found if e is not None}
    catalogue = store.catalogue
    items = []
    for pledge in pledges:
        claim = claim_from(pledge, event_names.get(pledge.event_id, ""))
        items.append(
            CertificateData(
                charter_name=catalogue.charter_name,
                council=catalogue.council,
                name=pledge.name,
                organisation=pledge.organisation or "",
                action_groups=action_groups(catalogue, pledge.actions),
                own_words=pledge.pledge_text or "",
                event_name=claim.event,
                date=date.fromisoformat(claim.date),
                reference=short_reference(pledge.id),
                qr_url=certificate_url(settings.certificate_base_url, claim, key),
                paper_size=settings.paper_size,
            )
        )
    return items


def certificates_pdf(store: Store, pledges: Sequence[Pledge]) -> bytes:
    """One PDF holding a certificate page for each pledge, in the council's branding."""
    branding = load_branding(store.paths.data_dir)
    return render_batch(certificate_data(store, pledges), branding)


@dataclass(frozen=True)
class PrintableCertificates:
    """Certificates ready for a printer: the PDF, and the printer and paper the kiosk settings
    name ("" for the system's default printer)."""

    pdf: bytes
    printer_name: str
    paper_size: str


def certificates_to_print(store: Store, pledges: Sequence[Pledge]) -> PrintableCertificates:
    """Someone asked to print `pledges`' certificates: the PDF and where it is to print."""
    with store.db.read() as session:
        settings = load_kiosk_settings(session)
    pdf = certificates_pdf(store, pledges)
    return PrintableCertificates(pdf, settings.printer_name, settings.paper_size)
