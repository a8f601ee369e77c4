"""Dates and times on screen come in one format, the locale's short one (charter_desktop/ui/
dates.py): a pledge's time, an event's date, a backup's time and the last retention run read
alike on every staff screen; the events list joins only the parts an event has."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, datetime

import pytest
from PySide6.QtCore import QDate, QLocale
from pytestqt.qtbot import QtBot

from charter_desktop.core import events as event_store
from charter_desktop.core.clock import utc_now
from charter_desktop.core.pledges import retention
from charter_desktop.core.storage import backup
from charter_desktop.core.store import Store
from charter_desktop.ui.dates import date_edit, show_date, show_datetime
from charter_desktop.ui.staff.console import StaffConsole
from charter_desktop.ui.staff_home import StaffHome
from tests.helpers import pledge

DAY = date(2026, 6, 3)
# The tests run in the "C" locale, which has no real date format: British English stands in.
SHORT_DATE = r"\d\d/\d\d/\d{4}"
SHORT_DATETIME = SHORT_DATE + r" \d\d:\d\d"


@pytest.fixture
def console(qtbot: QtBot, store: Store) -> StaffConsole:
    widget = StaffConsole(store)
    qtbot.addWidget(widget)
    return widget


@pytest.fixture
def german() -> Iterator[None]:
    before = QLocale()
    QLocale.setDefault(QLocale("de_DE"))
    yield
    QLocale.setDefault(before)


def test_the_c_locale_shows_british_dates() -> None:
    assert QLocale().language() == QLocale.Language.C
    assert show_date(DAY) == "03/06/2026"
    assert show_datetime(datetime(2026, 6, 3, 14, 5)) == "03/06/2026 14:05"


@pytest.mark.usefixtures("german")
def test_dates_follow_the_systems_locale(qtbot: QtBot) -> None:
    assert show_date(DAY) == "03.06.26"
    assert show_datetime(datetime(2026, 6, 3, 14, 5)) == "03.06.26 14:05"
    edit = date_edit(QDate(2026, 6, 3))
    qtbot.addWidget(edit)
    assert edit.text() == "03.06.26"


def test_a_pledges_time_reads_the_same_in_the_table_and_its_dialog(
    console: StaffConsole, store: Store
) -> None:
    store.add_pledges([pledge(name="Amelia Patel")], source="cli", actor="test")
    console.pledges.refresh()
    model = console.pledges.model
    shown = model.data(model.index(0, 0))
    made = model.pledge_at(0)
    assert made is not None
    assert re.fullmatch(SHORT_DATETIME, shown) and shown == show_datetime(made.created_at)
    dialog = console.pledges.open_pledge(made)
    assert dialog.state.text() == f"Made {shown} · active"
    assert dialog.consent_history.text().startswith(f"{shown} ")
    dialog.close()


def test_an_events_date_reads_the_same_on_every_screen(
    qtbot: QtBot, console: StaffConsole, store: Store
) -> None:
    event_store.add_event(store, "Launch summit", DAY, place="Town hall", actor="test", use=True)
    for page in (console.events, console.pledges, console.export):
        page.reload_events()
    home = StaffHome(store)
    qtbot.addWidget(home)
    home.refresh()
    day = show_date(DAY)
    assert day == "03/06/2026"
    assert home.event_label.text() == f"Current event: Launch summit, Town hall, {day}"
    listed = [console.events.events.item(i).text() for i in range(console.events.events.count())]
    assert f"Launch summit · Town hall · {day}  ← current" in listed
    for combo in (console.pledges.event_choice, console.export.event_choice):
        items = [combo.itemText(i) for i in range(combo.count())]
        assert f"Launch summit ({day})" in items
    for edit in (console.pledges.day, console.export.day, console.events.event_date):
        edit.setDate(QDate(2026, 6, 3))
        assert edit.text() == day


def test_a_backups_time_and_the_last_retention_run_read_like_a_pledges(
    console: StaffConsole, store: Store
) -> None:
    made = backup.make_rolling_backup(store.paths)
    now = utc_now()
    retention.apply_retention(store, now)
    console.backups.refresh()
    console.privacy.refresh()
    item = console.backups.table.item(0, 0)
    assert item is not None
    assert re.fullmatch(SHORT_DATETIME, item.text()) and item.text() == show_datetime(made.made_at)
    assert console.privacy.last_run.text() == f"{show_datetime(now)}, removed 0"


def test_the_events_list_joins_only_the_parts_an_event_has(
    console: StaffConsole, store: Store
) -> None:
    event_store.add_event(store, "No place given", DAY, actor="test")
    event_store.add_event(store, "Market stall", DAY, place="Market square", actor="test")
    console.events.reload_events()
    listed = [console.events.events.item(i).text() for i in range(console.events.events.count())]
    assert "No place given · 03/06/2026" in listed
    assert "Market stall · Market square · 03/06/2026" in listed
    assert not [text for text in listed if re.search(r"·\s*·|^\s*·|·\s*$", text)]
