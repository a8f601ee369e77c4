"""Importing USB bundles into the hub: every bundle checked first, then each merged once.

A bundle's pledges are checked as a sync batch's are (hub.batch_check), sealed ones
included, and stored as a sync stores them: a sealed pledge keeps its envelope, its district
and its published name, with email, phone and postcode NULL. A sealed pledge the hub cannot
take (an envelope it cannot read, or a contact value beside it in clear) is not something a
kiosk writes: the whole bundle is refused, and nothing is imported from any bundle given."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from charter_desktop.core.catalogue import Catalogue
from charter_desktop.core.clock import utc_now
from charter_desktop.core.storage.db import Database
from charter_desktop.core.sync.bundle import Bundle, BundleError, read_bundle
from charter_desktop.hub.batch_check import (
    IN_THE_ENVELOPE,
    SEALED_FIELDS,
    BadBatch,
    CheckedBatch,
    check_event,
    check_records,
    rejection,
)
from charter_desktop.hub.devices import DeviceError, register_bundle_key
from charter_desktop.hub.ingest import merge_checked, merge_events
from charter_desktop.hub.models import BundleImportRow

# The fields the sealed-pledge check speaks for: a problem with one of these on a sealed
# pledge refuses the whole bundle.
_SEALED_CHECK = frozenset((*SEALED_FIELDS, *IN_THE_ENVELOPE))


@dataclass
class BundleImport:
    path: Path
    device_id: str
    already_imported: bool = False
    new_device: bool = False
    accepted: int = 0
    changed: int = 0
    erased: int = 0
    rejected: list[dict[str, Any]] = field(default_factory=list)


def check_bundles(paths: Sequence[Path]) -> list[tuple[Path, Bundle]]:
    """Every bundle read and verified; BundleError naming the file if any one fails."""
    checked = []
    for path in paths:
        try:
            checked.append((path, read_bundle(path)))
        except BundleError as exc:
            raise BundleError(f"{path}: {exc}; nothing was imported") from None
    return checked


def _checked(bundle: Bundle, catalogue: Catalogue, path: Path) -> CheckedBatch:
    """The bundle's records checked as a sync batch is; a pledge another kiosk took, refused."""
    checked = CheckedBatch(device_id=bundle.device_id)
    try:
        checked.events = [check_event(e, f"events[{n}]") for n, e in
                          enumerate(bundle.events, start=1)]  # fmt: skip
    except BadBatch as exc:
        raise BundleError(f"{path}: {exc}; nothing was imported") from None
    check_records(checked, catalogue, bundle.pledges, bundle.erased, utc_now())
    _refuse_bad_sealed(bundle, checked, path)
    for index, pledge_id in checked.foreign:
        problem = [("device_id", "is another kiosk's; a bundle carries its own kiosk's pledges")]
        checked.rejected.append(rejection(pledge_id, index, problem))
    return checked


def _refuse_bad_sealed(bundle: Bundle, checked: CheckedBatch, path: Path) -> None:
    """BundleError when a sealed pledge failed the sealed-pledge check (its problems by field
    name and rule, never a value sent)."""
    for refused in checked.rejected:
        bad = [e for e in refused["errors"] if e["field"] in _SEALED_CHECK]
        item = refused["item"]
        record = bundle.pledges[item - 1] if 0 < item <= len(bundle.pledges) else None
        if not bad or not isinstance(record, dict) or record.get("sealed") is None:
            continue
        problems = "; ".join(f"{e['field']}: {e['message']}" for e in bad)
        raise BundleError(
            f"{path}: sealed pledge {item} of pledges.json: {problems}; nothing was imported"
        )


def import_bundles(db: Database, catalogue: Catalogue, paths: Sequence[Path]) -> list[BundleImport]:
    """Check all bundles, then merge each in its own transaction; a bundle imported before
    is recognised by its manifest's hash and changes nothing."""
    results = []
    prepared = [(p, b, _checked(b, catalogue, p)) for p, b in check_bundles(paths)]
    for path, bundle, checked in prepared:
        outcome = BundleImport(path, bundle.device_id)
        with db.write() as session:
            if session.get(BundleImportRow, bundle.manifest_sha256) is not None:
                outcome.already_imported = True
                results.append(outcome)
                continue
            try:
                outcome.new_device = register_bundle_key(
                    session, bundle.device_id, bundle.public_key, f"bundle:{path.name}"[:140]
                )
            except DeviceError as exc:
                raise BundleError(f"{path}: {exc}; nothing was imported from it") from None
            merge_events(session, checked.events, bundle.device_id)
            merged = merge_checked(
                session, checked, source="bundle", received_from=f"bundle:{bundle.device_id}"
            )
            session.add(
                BundleImportRow(
                    manifest_sha256=bundle.manifest_sha256,
                    device_id=bundle.device_id,
                    imported_at=utc_now(),
                    pledges=len(merged.accepted),
                )
            )
        outcome.accepted, outcome.changed = len(merged.accepted), merged.changed
        outcome.erased, outcome.rejected = merged.erased, merged.rejected
        results.append(outcome)
    return results
