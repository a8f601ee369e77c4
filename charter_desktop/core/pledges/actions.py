"""What staff do to one stored pledge, one function per action: each opens its own write
transaction, applies pledge_edit's rules (validation, audit, consent records) and returns the
pledge as stored. An action that removes personal data (an erasure, or withdrawing consent to
contact) then checkpoints the write-ahead log itself (pledge_edit.purge_freed_space), so no
caller can leave an older copy of the removed values in the log file.

pledge_edit keeps the rules, on a session the caller holds (retention and start-up reuse
them); this module is what the staff console calls.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from charter_desktop.core.pledges import edit as pledge_edit
from charter_desktop.core.pledges.records import Pledge
from charter_desktop.core.store import Store


def correct(store: Store, pledge_id: str, changes: Mapping[str, Any], actor: str) -> Pledge:
    """Staff corrected the pledge's fields (ValidationError, and nothing saved, if not valid)."""
    with store.db.write() as session:
        return pledge_edit.correct_pledge(session, store.catalogue, pledge_id, changes, actor)


def withdraw(store: Store, pledge_id: str, actor: str) -> Pledge:
    """Staff withdrew the pledge: it is kept but no longer counts."""
    with store.db.write() as session:
        return pledge_edit.withdraw_pledge(session, pledge_id, actor)


def reinstate(store: Store, pledge_id: str, actor: str) -> Pledge:
    """Staff reinstated a withdrawn pledge."""
    with store.db.write() as session:
        return pledge_edit.reinstate_pledge(session, pledge_id, actor)


def withdraw_consent(store: Store, pledge_id: str, which: str, actor: str) -> Pledge:
    """Staff withdrew one consent (`contact` or `publish_name`) on the attendee's behalf."""
    with store.db.write() as session:
        withdrawn = pledge_edit.withdraw_consent(session, pledge_id, which, actor)
    if which == "contact":  # the email address and phone number went with it
        pledge_edit.purge_freed_space(store.db.engine)
    return withdrawn


def erase(store: Store, pledge_id: str, actor: str) -> Pledge:
    """Staff erased the pledge's personal data for good, at the attendee's request."""
    with store.db.write() as session:
        erased = pledge_edit.erase_pledge(session, pledge_id, actor)
    pledge_edit.purge_freed_space(store.db.engine)
    return erased
