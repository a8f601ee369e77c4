"""The insight dashboard and the pledge wall as real widgets, on a real database."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from charter_desktop.core.insight.queries import store_insight
from charter_desktop.core.pledges import edit as pledge_edit
from charter_desktop.core.store import Store
from charter_desktop.ui.app import build_kiosk
from charter_desktop.ui.insight.dashboard import InsightDashboard, insight_section
from charter_desktop.ui.insight.wall import PledgeWall
from charter_desktop.ui.kiosk.window import KioskWindow
from tests.fixtures.insight import (
    ERASED_NAME,
    QUOTE_HIDDEN_NAME,
    QUOTE_SHOWN,
    SECRET_NAME,
    TODAY,
    WITHDRAWN_WORDS,
    fill,
)
from tests.fixtures.kiosk import click
from tests.helpers import pledge, run_cli


@pytest.fixture
def dashboard(qtbot: QtBot, store: Store) -> InsightDashboard:
    fill(store)
    widget = insight_section(store)
    assert isinstance(widget, InsightDashboard)
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    return widget


@pytest.fixture
def wall(qtbot: QtBot, store: Store) -> Iterator[PledgeWall]:
    fill(store)
    widget = PledgeWall(store, poll_ms=200)
    qtbot.addWidget(widget)
    widget.resize(1920, 1800)  # room for every card of the fixture
    widget.show()
    yield widget
    widget.close()


def test_the_dashboard_shows_the_hand_counted_figures(
    qtbot: QtBot, dashboard: InsightDashboard, store: Store
) -> None:
    current = store.current_event().id
    dashboard.show_insight(store_insight(store, current, today=TODAY, zone=UTC))
    assert "4 pledges today · 5 of 100" in dashboard.headline.text()
    assert dashboard.progress.text == "5 of 100 pledges (5%)"
    assert dashboard.by_district.accessibleDescription() == "SG1: 2; EC1: 1; SG2: 1; Not given: 1"
    assert "Business: 2" in dashboard.by_type.accessibleDescription()
    assert "A fairer society: 3" in dashboard.by_benefit.accessibleDescription()
    model = dashboard.balance_model
    rows = [
        [model.data(model.index(r, c)) for c in range(model.columnCount())]
        for r in range(model.rowCount())
    ]
    assert rows[0] == ["Whole town", "A fairer society", "Work placements offered a year",
                       "5 placements a year", "2"]  # fmt: skip
    assert ["Whole town", "A more resilient economy", "Share of spend with local suppliers",
            "50% (average)", "2"] in rows  # fmt: skip
    assert ["Old Town Bakery", "A fairer society", "Work placements offered a year",
            "5 placements a year", "2"] in rows  # fmt: skip
    assert not any("Gone Ltd" in str(r) for r in rows)  # erased
    assert len(rows) == 3 + 4
    dashboard.show()
    dashboard.grab()  # every chart paints without error


def test_refresh_reads_the_store_off_the_ui_thread(
    qtbot: QtBot, dashboard: InsightDashboard
) -> None:
    dashboard.show()
    qtbot.waitUntil(lambda: dashboard.insight is not None, timeout=5000)
    assert dashboard.insight is not None and dashboard.insight.total == 5
    dashboard.insight = None
    dashboard.scope.setCurrentIndex(1)  # all events
    qtbot.waitUntil(lambda: dashboard.insight is not None, timeout=5000)
    assert dashboard.insight is not None and dashboard.insight.total == 6


def test_the_report_button_writes_a_pdf_on_a_worker(
    qtbot: QtBot, dashboard: InsightDashboard, tmp_path: Path
) -> None:
    out = tmp_path / "report.pdf"
    dashboard.make_report(out)
    assert not dashboard.report_button.isEnabled()
    qtbot.waitUntil(dashboard.report_button.isEnabled, timeout=20000)
    assert out.read_bytes().startswith(b"%PDF")
    assert "Impact report saved" in dashboard.status.text()


def test_the_wall_shows_pledges_without_names_nobody_agreed_to(wall: PledgeWall) -> None:
    text = wall.shown_text()
    assert "5 pledges so far · target 100" in text
    assert QUOTE_SHOWN in text and QUOTE_HIDDEN_NAME in text
    assert "Baker Bob" in text  # consented
    assert SECRET_NAME not in text
    assert WITHDRAWN_WORDS not in text and ERASED_NAME not in text
    assert "@" not in text and "SG1" not in text  # no contact details or postcodes
    assert wall.progress.text == "5% of our target of 100"


def test_a_pledge_saved_by_the_kiosk_window_appears_within_2_seconds(
    qtbot: QtBot, wall: PledgeWall, store: Store
) -> None:
    kiosk = KioskWindow(store, print_certificate=lambda _p: None, tap_guard_seconds=0)
    qtbot.addWidget(kiosk, before_close_func=lambda w: w.release_for_shutdown())
    kiosk.resize(1280, 800)
    kiosk.show()
    click(qtbot, kiosk.welcome.start_button)
    click(qtbot, kiosk.who.type_buttons["resident"])
    click(qtbot, kiosk.who.next_button)
    click(qtbot, kiosk.choose.action_buttons["support-cooperatives"])
    qtbot.keyClicks(kiosk.choose.own_words, "Start a food co-op on my estate.")
    click(qtbot, kiosk.choose.next_button)
    qtbot.keyClicks(kiosk.about_you.name, "Wall Shown Name")
    qtbot.keyClicks(kiosk.about_you.email, "shown@example.org")
    click(qtbot, kiosk.about_you.consent_contact)
    kiosk.about_you.consent_publish.setChecked(True)
    click(qtbot, kiosk.about_you.next_button)
    click(qtbot, kiosk.review.next_button)
    assert kiosk.current() is kiosk.thanks
    qtbot.waitUntil(lambda: "Wall Shown Name" in wall.shown_text(), timeout=2000)
    text = wall.shown_text()
    assert "Start a food co-op on my estate." in text and "shown@example.org" not in text
    assert "6 pledges so far" in text


def test_a_pledge_from_another_process_appears_and_a_private_name_never_does(
    qtbot: QtBot, wall: PledgeWall, store: Store, tmp_path: Path
) -> None:
    source = tmp_path / "p.json"
    source.write_text(
        json.dumps(pledge(name="Private Person", pledge_text="From the other process.")),
        encoding="utf-8",
    )
    result = run_cli(store.paths.data_dir, "pledge", "add", "--json", str(source))
    assert result.returncode == 0, result.stderr
    qtbot.waitUntil(lambda: "From the other process." in wall.shown_text(), timeout=2000)
    assert "Private Person" not in wall.shown_text()


def test_withdrawn_and_erased_pledges_vanish_from_the_wall(
    qtbot: QtBot, wall: PledgeWall, store: Store
) -> None:
    assert QUOTE_SHOWN in wall.shown_text()
    with store.db.write() as session:
        pledge_edit.erase_pledge(session, "00000000-0000-4000-8000-000000000002")
    qtbot.waitUntil(lambda: QUOTE_SHOWN not in wall.shown_text(), timeout=2000)
    assert "Baker Bob" not in wall.shown_text()
    qtbot.waitUntil(lambda: "4 pledges so far" in wall.shown_text(), timeout=2000)


def test_escape_closes_the_wall(qtbot: QtBot, wall: PledgeWall) -> None:
    qtbot.keyClick(wall, Qt.Key.Key_Escape)
    assert not wall.isVisible() and not wall.timer.isActive()


def test_the_staff_area_has_the_insight_section(qtbot: QtBot, store: Store) -> None:
    window = build_kiosk(store)
    qtbot.addWidget(window, before_close_func=lambda w: w.release_for_shutdown())
    titles = [window.staff.tabs.tabText(i) for i in range(window.staff.tabs.count())]
    assert "Insight" in titles
    section = window.staff.section(titles.index("Insight"))  # built when first shown
    assert isinstance(section, InsightDashboard)
    opened = section.open_wall()
    qtbot.addWidget(opened)
    assert opened.isVisible() and opened.isFullScreen()
    opened.close()


def test_the_balance_sheet_is_saved_from_the_dashboard(
    dashboard: InsightDashboard, store: Store, tmp_path: Path
) -> None:
    dashboard.show_insight(store_insight(store, store.current_event().id, today=TODAY, zone=UTC))
    dashboard.save_balance_sheet(tmp_path / "sheet.csv")
    text = (tmp_path / "sheet.csv").read_text("utf-8-sig")
    assert len(text.strip().splitlines()) == 1 + 7 and "Old Town Bakery" in text
    assert "Balance sheet saved" in dashboard.status.text()


def test_switching_the_event_starts_the_wall_again(
    qtbot: QtBot, wall: PledgeWall, store: Store
) -> None:
    from charter_desktop.core import events as event_store

    with store.db.read() as session:
        second = next(e.id for e in event_store.list_events(session) if e.target == 50)
    with store.db.write() as session:
        event_store.set_current_event(session, second)
    qtbot.waitUntil(lambda: "1 pledge so far · target 50" in wall.shown_text(), timeout=2000)
    assert QUOTE_SHOWN not in wall.shown_text() and len(wall.cards) == 1
