"""Searching sealed names and emails while the council key is unlocked: an in-memory index
of each sealed pledge's personal fields (lower case), kept only while the key is unlocked.

The staff table asks `matching_rowids` for each search word and gets the rowids of pledges
whose sealed name, email, phone or postcode holds it (None when locked or the folder has no
key); the SQL search then also accepts those rows. The index is filled once after unlocking
(about 1 s for 100,000 pledges) and then brought up to date with the pledges changed since,
before each search."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import literal_column, select
from sqlalchemy.orm import Session

from charter_desktop.core.models import PledgeRow
from charter_desktop.core.privacy import envelope, keyring

_lock = threading.Lock()


@dataclass
class _Index:
    texts: dict[int, str] = field(default_factory=dict)  # rowid -> "name\nemail\n..."
    seen_up_to: datetime | None = None


_indexes: dict[str, _Index] = {}


def _database(session: Session) -> str:
    return str(session.get_bind().engine.url.database)


def _refresh(session: Session, index: _Index) -> None:
    rowid: Any = literal_column("pledges.rowid")
    query = select(rowid, PledgeRow.id, PledgeRow.sealed, PledgeRow.updated_at)
    if index.seen_up_to is not None:
        query = query.where(PledgeRow.updated_at >= index.seen_up_to)
    for number, pledge_id, sealed, updated in session.execute(query):
        if index.seen_up_to is None or updated > index.seen_up_to:
            index.seen_up_to = updated
        opener = None if sealed is None else keyring.opener_for(envelope.header(sealed)[0])
        if opener is None:
            index.texts.pop(number, None)
            continue
        values = opener.open(pledge_id, sealed)
        index.texts[number] = "\n".join(values.values()).casefold()


def matching_rowids(session: Session, words: list[str]) -> list[list[int]] | None:
    """For each word, the rowids of sealed pledges whose personal fields hold it; None when
    nothing is unlocked (then only the columns in clear are searched)."""
    if not keyring.any_unlocked():
        return None
    with _lock:
        index = _indexes.setdefault(_database(session), _Index())
        _refresh(session, index)
        items = list(index.texts.items())
    return [[n for n, text in items if word.casefold() in text] for word in words]


def forget() -> None:
    """Drop every index (the key was locked)."""
    with _lock:
        _indexes.clear()
