"""The staff Privacy page and the app's retention schedule, with real SQLite and widgets."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from charter_desktop.core.clock import utc_now
from charter_desktop.core.pledges import retention
from charter_desktop.core.store import Store
from charter_desktop.core.sync.outbox import mark_sent, pending_items
from charter_desktop.ui.schedules import RetentionSchedule
from charter_desktop.ui.staff.privacy_page import PrivacyPage
from tests.helpers import pledge


def _sent_long_ago(store: Store, *names: str) -> list[str]:
    ids = store.add_pledges([pledge(name=n) for n in names], source="cli", actor="test").ids
    with store.db.write() as session:
        mark_sent(session, pending_items(session, 100), utc_now() - timedelta(days=400))
    return ids


def test_the_page_shows_the_setting_due_count_and_runs_retention(
    qtbot: QtBot, store: Store
) -> None:
    ids = _sent_long_ago(store, "Amelia Patel", "Kwame Mensah")
    page = PrivacyPage(store)
    qtbot.addWidget(page)
    page.show()
    assert page.days.value() == retention.DEFAULT_RETENTION_DAYS
    assert page.due.text() == "2" and page.last_run.text() == "never"
    page.days.setValue(0)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.due.text() == "0" and not page.apply_button.isEnabled()
    assert page.days.text() == "keep (off)"
    page.days.setValue(30)
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert page.due.text() == "2" and page.apply_button.isEnabled()
    qtbot.mouseClick(page.apply_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Removed the personal data of 2" in page.message.text())
    assert page.due.text() == "0" and "removed 2" in page.last_run.text()
    for pledge_id in ids:
        stored = store.get_pledge(pledge_id)
        assert stored is not None and stored.name == retention.RETAINED_NAME


def test_the_app_applies_retention_at_start(qtbot: QtBot, store: Store) -> None:
    (pledge_id,) = _sent_long_ago(store, "Amelia Patel")
    schedule = RetentionSchedule(store)
    qtbot.waitUntil(lambda: schedule.call is not None and not schedule.call.running)
    assert schedule.timer.isActive() and schedule.timer.interval() == 24 * 3600_000
    stored = store.get_pledge(pledge_id)
    assert stored is not None and stored.retained_at is not None
    schedule.timer.stop()
