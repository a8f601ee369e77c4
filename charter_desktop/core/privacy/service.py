"""The privacy operations staff and the command line use on a store: set up or adopt the
council key, unlock and lock it, its status, and encrypting pledges stored in clear before
the folder had a key."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from sqlalchemy import func, select, text, update

from charter_desktop.core.privacy import keyring, sealing, secrets
from charter_desktop.core.privacy.keys import (
    DEFAULT_COST,
    CouncilKey,
    ScryptCost,
    new_council_key,
)
from charter_desktop.core.storage import audit
from charter_desktop.core.storage.models import OutboxRow, PledgeRow
from charter_desktop.core.store import Store
from charter_desktop.core.terms import OutboxState
from charter_desktop.core.text import counted

log = logging.getLogger(__name__)


class NoCouncilKey(LookupError):
    """The data folder has no council key: personal data is stored in clear."""

    def __init__(self) -> None:
        super().__init__(
            "this data folder has no council key, so personal data is stored in clear; set one "
            "up with `privacy key use FILE` (or the app's first run)"
        )


@dataclass(frozen=True)
class PrivacyStatus:
    key_id: str | None
    unlocked: bool
    sealed: int  # pledges whose personal data is encrypted
    clear: int  # pledges that still hold personal data in clear
    secrets_in_clear: tuple[str, ...] = ()  # the hub token or mail password, unsealed

    @property
    def summary(self) -> str:
        if self.key_id is None:
            return (
                "NOT ENCRYPTED: this data folder has no council key; names, emails, phones and "
                "postcodes are stored in clear"
                + "".join(f", and {said}" for said in self.secrets_in_clear)
            )
        state = "unlocked" if self.unlocked else "locked"
        sealed = counted(self.sealed, "pledge")
        line = f"encrypted to council key {self.key_id} ({state}); {sealed} sealed"
        if self.clear:
            line += f", {self.clear} still in clear (run `privacy encrypt-existing`)"
        if self.secrets_in_clear:
            line += (
                f"; {' and '.join(self.secrets_in_clear)} still in clear "
                "(run `privacy encrypt-existing`)"
            )
        return line


def _clear_condition() -> object:
    return (PledgeRow.sealed.is_(None)) & (
        (PledgeRow.email.is_not(None))
        | (PledgeRow.phone.is_not(None))
        | (PledgeRow.postcode.is_not(None))
        | ((PledgeRow.name != "") & PledgeRow.erased_at.is_(None) & PledgeRow.retained_at.is_(None))
    )


def details_locked(store: Store) -> bool:
    """True when the folder has a council key that staff have not unlocked: sealed names
    and contact details cannot be read or searched (one settings read, no pledge scan)."""
    key = store_key(store)
    return key is not None and not keyring.is_unlocked(key.public)


def privacy_status(store: Store) -> PrivacyStatus:
    with store.db.read() as session:
        key = sealing.council_key(session)
        sealed = session.scalar(
            select(func.count()).select_from(PledgeRow).where(PledgeRow.sealed.is_not(None))
        )
        clear = session.scalar(
            select(func.count()).select_from(PledgeRow).where(_clear_condition())  # type: ignore[arg-type]
        )
        unsealed = tuple(secrets.in_clear(session))
    return PrivacyStatus(
        None if key is None else key.key_id,
        key is not None and keyring.is_unlocked(key.public),
        int(sealed or 0),
        int(clear or 0),
        unsealed,
    )


def store_key(store: Store) -> CouncilKey | None:
    with store.db.read() as session:
        return sealing.council_key(session)


def use_key(store: Store, key: CouncilKey, actor: str) -> None:
    """Seal this folder's new pledges to `key` from now on, and the hub token and mail
    password stored before it now (their clear copies purged from the file)."""
    with store.db.write() as session:
        session.execute(text("PRAGMA secure_delete = ON"))
        sealing.set_council_key(session, key, actor)
        sealed = secrets.seal_stored(session, actor)
    if sealed:
        purge_plaintext(store)


def create_key(
    store: Store, passphrase: str, actor: str, cost: ScryptCost = DEFAULT_COST
) -> CouncilKey:
    """A new council key for this folder (first run of a kiosk without one), unlocked."""
    key = new_council_key(passphrase, cost)
    use_key(store, key, actor)
    keyring.unlock(key.unwrap(passphrase))
    return key


def unlock(store: Store, passphrase: str, actor: str = "staff") -> None:
    """Unwrap the council's private key into memory (WrongPassphrase if it does not fit);
    every attempt is audited."""
    key = store_key(store)
    if key is None:
        raise NoCouncilKey
    try:
        private = key.unwrap(passphrase)
    except ValueError:
        with store.db.write() as session:
            audit.record(session, actor, "privacy.unlock_failed")
        raise
    keyring.unlock(private)
    with store.db.write() as session:
        audit.record(session, actor, "privacy.unlock")


def lock() -> None:
    keyring.lock()


def encrypt_existing(store: Store, actor: str = "staff", batch: int = 2000) -> int:
    """Seal every pledge still holding personal data in clear, then overwrite the freed
    space, checkpoint the log and VACUUM, so no copy in clear stays in the file. Needs only
    the public key. Pledges the hub already had stay marked as sent."""
    key = store_key(store)
    if key is None:
        raise NoCouncilKey
    with store.db.write() as session:
        session.execute(text("PRAGMA secure_delete = ON"))
        secrets_sealed = bool(secrets.seal_stored(session, actor))
    total = 0
    while True:
        with store.db.write() as session:
            session.execute(text("PRAGMA secure_delete = ON"))
            rows = session.scalars(select(PledgeRow).where(_clear_condition()).limit(batch)).all()  # type: ignore[arg-type]
            if not rows:
                break
            ids = [r.id for r in rows]
            synced = set(
                session.scalars(
                    select(OutboxRow.pledge_id).where(
                        OutboxRow.pledge_id.in_(ids),
                        OutboxRow.state == OutboxState.SENT,
                        OutboxRow.sent_version == OutboxRow.version,
                    )
                )
            )
            for row in rows:
                personal = {f: getattr(row, f) for f in sealing.PERSONAL}
                sealing.store_personal(key, row, personal)
            session.flush()
            # Same content for the hub: what it already had stays settled.
            if synced:
                session.execute(
                    update(OutboxRow)
                    .where(OutboxRow.pledge_id.in_(synced))
                    .values(state=OutboxState.SENT, sent_version=OutboxRow.version)
                )
            audit.record(session, actor, "privacy.encrypt_existing", details={"pledges": len(rows)})
            total += len(rows)
    if total or secrets_sealed:
        purge_plaintext(store)
    log.info("encrypted the personal data of %d pledges stored in clear", total)
    return total


def purge_plaintext(store: Store) -> None:
    """Checkpoint the write-ahead log and rebuild the file (VACUUM), so freed pages that
    held values in clear are gone from the database and its log."""
    raw = store.db.engine.raw_connection()
    try:
        cursor = raw.cursor()
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        cursor.execute("VACUUM")
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        cursor.close()
    finally:
        raw.close()
