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
from typing import Any

from sqlalchemy import String, literal_column, or_, select, type_coerce
from sqlalchemy.orm import Session

from charter_desktop.core.privacy import envelope, keyring
from charter_desktop.core.storage.models import PledgeRow

_lock = threading.Lock()


@dataclass
class _Index:
    texts: dict[int, str] = field(default_factory=dict)  # rowid -> "name\nemail\n..."
    seen_up_to: str | None = None  # the newest updated_at taken in, as SQLite stores it
    max_rowid: int = 0  # and the newest row (an import may carry an older updated_at)
    # The last search's answer, reused while nothing changed (one keystroke asks several times).
    last_words: list[str] | None = None
    last_answer: list[list[int]] = field(default_factory=list)


_indexes: dict[str, _Index] = {}


def _database(session: Session) -> str:
    return str(session.get_bind().engine.url.database)


def _refresh(session: Session, index: _Index) -> bool:
    """Take in the pledges changed since the last refresh (an index range scan on
    updated_at, so nearly free when nothing changed); True if anything did."""
    rowid: Any = literal_column("pledges.rowid")
    updated: Any = type_coerce(PledgeRow.updated_at, String)
    query = select(rowid, PledgeRow.id, PledgeRow.sealed, updated)
    if index.seen_up_to is not None:
        query = query.where(or_(updated >= index.seen_up_to, rowid > index.max_rowid))
    changed = False
    for number, pledge_id, sealed, stamp in session.execute(query):
        if index.seen_up_to is None or stamp > index.seen_up_to:
            index.seen_up_to = stamp
        index.max_rowid = max(index.max_rowid, number)
        opener = None if sealed is None else keyring.opener_for(envelope.header(sealed)[0])
        if opener is None:
            changed = index.texts.pop(number, None) is not None or changed
            continue
        text = "\n".join(opener.open(pledge_id, sealed).values()).casefold()
        if index.texts.get(number) != text:
            index.texts[number] = text
            changed = True
    return changed


def matching_rowids(session: Session, words: list[str]) -> list[list[int]] | None:
    """For each word, the rowids of sealed pledges whose personal fields hold it; None when
    nothing is unlocked (then only the columns in clear are searched)."""
    if not keyring.any_unlocked():
        return None
    with _lock:
        index = _indexes.setdefault(_database(session), _Index())
        changed = _refresh(session, index)
        if changed or index.last_words != words:
            index.last_answer = [
                _matches(index, word.casefold(), None if changed else _narrower(index, i, word))
                for i, word in enumerate(words)
            ]
            index.last_words = list(words)
        return index.last_answer


def _narrower(index: _Index, position: int, word: str) -> list[int] | None:
    """While typing, a word grows: only the rows the shorter word matched can match."""
    last = index.last_words
    if last is None or len(last) <= position or last[position].casefold() not in word.casefold():
        return None
    return index.last_answer[position]


def _matches(index: _Index, word: str, among: list[int] | None) -> list[int]:
    texts = index.texts
    if among is not None:
        return [n for n in among if word in texts[n]]
    return [n for n, text in texts.items() if word in text]


def texts_held() -> int:
    """How many pledges' decrypted search text this process holds (none once locked)."""
    with _lock:
        return sum(len(index.texts) for index in _indexes.values())


def forget() -> None:
    """Drop every index (the key was locked)."""
    with _lock:
        _indexes.clear()


keyring.when_locked(forget)
