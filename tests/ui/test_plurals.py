"""Every count on screen reads as English does ("0 pledges", "1 pledge", "2 pledges"), on
the real widgets with the shipped English translation installed (tests/conftest.py): Qt's %n
plural forms come from it. Two checks keep it so: no message of the translation file puts a
number before a plural noun without being a plural (numerus) message, and no string literal
of the UI's source does either (an f"{n} pledges" never reaches the translation)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from charter_desktop.core import events as event_store
from charter_desktop.core.exports.service import ExportResult
from charter_desktop.core.insight.queries import store_insight
from charter_desktop.core.pledges.retention import RetentionRun
from charter_desktop.core.report.service import ReportWritten
from charter_desktop.core.store import Store
from charter_desktop.core.text import counted
from charter_desktop.ui.insight.dashboard import InsightDashboard
from charter_desktop.ui.insight.wall import PledgeWall
from charter_desktop.ui.kiosk.idle import IdleOverlay
from charter_desktop.ui.kiosk.welcome import WelcomeScreen
from charter_desktop.ui.staff.console import StaffConsole
from charter_desktop.ui.staff.privacy_page import PrivacyPage
from charter_desktop.ui.staff.setup_pages import TodayPage
from charter_desktop.ui.staff_home import StaffHome
from charter_desktop.ui.translations import TRANSLATIONS_DIR
from tests.helpers import pledge

ROOT = Path(__file__).resolve().parents[2]
UI = ROOT / "charter_desktop" / "ui"
ENGLISH_TS = TRANSLATIONS_DIR / "charter_desktop_en.ts"
# Nouns the UI counts; a placeholder for a number right before one of them, as in
# "{0} pledges", "{n} paper pledges" or "%1 rows", must be a tr() plural instead (a number
# written out, "every 10 minutes", is English already).
COUNTED = (
    r"pledges|rows|lines|pages|seconds|minutes|hours|days|characters|digits|erasures|items|"
    r"kiosks|files|measures|certificates|emails|keys|batches|paths|people|actions|events|"
    r"backups|sessions|tries|times"
)
NUMBER_BEFORE_NOUN = re.compile(
    r"(\{[^{}]*\}|%L?\d)\s+(?:[a-z]+\s+)?(?:" + COUNTED + r")\b", re.IGNORECASE
)

PLEDGES = {0: "0 pledges", 1: "1 pledge", 2: "2 pledges"}


def _add(store: Store, count: int, **fields: object) -> None:
    if count:
        store.add_pledges([pledge(**fields) for _ in range(count)], source="cli", actor="test")


def _event(store: Store, target: int) -> event_store.Event:
    return event_store.add_event(
        store, f"Target {target}", date(2026, 6, 3), target=target, actor="test", use=True
    )


# The translation file ------------------------------------------------------------------


def _messages() -> list[tuple[str, str, bool, list[str]]]:
    """(context, source, numerus, English forms) of every message of the shipped file."""
    root = ET.parse(ENGLISH_TS).getroot()
    found = []
    for context in root.iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            forms = [f.text or "" for f in message.iter("numerusform")]
            numerus = message.get("numerus") == "yes"
            found.append((name, message.findtext("source") or "", numerus, forms))
    return found


def test_no_message_puts_a_number_before_a_plural_noun_without_plural_forms() -> None:
    wrong = [
        f"[{context}] {source!r}"
        for context, source, numerus, _ in _messages()
        if not numerus and (NUMBER_BEFORE_NOUN.search(source) or "(s)" in source)
    ]
    assert wrong == [], "use self.tr('%n pledge(s)', '', n) for:\n" + "\n".join(wrong)


def test_every_plural_message_has_an_english_singular_and_plural() -> None:
    plurals = [(c, s, forms) for c, s, numerus, forms in _messages() if numerus]
    assert len(plurals) >= 20
    for context, source, forms in plurals:
        assert len(forms) == 2, (context, source, forms)
        one, many = forms
        assert one != many and "(s)" not in one + many, (context, source, forms)
        assert ("%n" in source or "%Ln" in source) or source.startswith(" "), source


def test_no_ui_string_writes_a_number_before_a_plural_noun() -> None:
    """No string of the UI's source, in tr() or not, writes a number before a plural noun:
    an f-string such as f"{n} pledges" or a format() never goes through the plural forms."""
    wrong = []
    for path in sorted(UI.rglob("*.py")):
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1):
            for literal in re.findall(r"f?\"[^\"]*\"|f?'[^']*'", line):
                if NUMBER_BEFORE_NOUN.search(literal):
                    wrong.append(f"{path.relative_to(ROOT)}:{number}: {literal}")
    assert wrong == [], "\n".join(wrong)


def test_qt_puts_the_number_in_even_without_a_translation() -> None:
    """Were no translation found, the attendee would read "1 pledge(s)", never "%n"."""
    text = QCoreApplication.translate("NoSuchContext", "%n pledge(s)", "", 1)
    assert text == "1 pledge(s)"


# The kiosk -------------------------------------------------------------------------------


def test_the_welcome_screen_counts_the_target(qtbot: QtBot, store: Store) -> None:
    welcome = WelcomeScreen(store.catalogue)
    qtbot.addWidget(welcome)
    for target, words in ((1, "1 pledge"), (2, "2 pledges")):
        welcome.show_count(0, target, "Launch")
        assert welcome.count_label.text() == f"0 of our target of {words} so far"


def test_the_idle_warning_counts_seconds(qtbot: QtBot) -> None:
    window = QWidget()
    qtbot.addWidget(window)
    overlay = IdleOverlay(window)
    for seconds, words in ((0, "0 seconds"), (1, "1 second"), (2, "2 seconds")):
        overlay.show_seconds(seconds)
        assert overlay.countdown.text().endswith(f"start again in {words}.")


# The staff area ------------------------------------------------------------------------


def test_the_overview_and_the_today_page_count_pledges(qtbot: QtBot, store: Store) -> None:
    _event(store, 1)
    home = StaffHome(store)
    qtbot.addWidget(home)
    today = TodayPage(store)
    qtbot.addWidget(today)
    for added, n in ((0, 0), (1, 1), (1, 2)):
        _add(store, added)
        home.refresh()
        today.refresh()
        assert home.count_label.text().startswith(f"{PLEDGES[n]} today on this kiosk;")
        assert today.today_label.text() == f"Today: {PLEDGES[n]} (0 withdrawn)"
        assert today.event_label.text() == f"Target 1: {n} of 1 pledge"
    _event(store, 2)
    today.refresh()
    assert today.event_label.text() == "Target 2: 0 of 2 pledges"


def test_the_pledges_page_counts_what_the_filter_finds(qtbot: QtBot, store: Store) -> None:
    console = StaffConsole(store)
    qtbot.addWidget(console)
    page = console.pledges
    for added, n in ((0, 0), (1, 1), (1, 2)):
        _add(store, added)
        page.refresh()
        assert page.count_label.text() == PLEDGES[n]


def test_paper_cards_and_exports_count_pledges_and_rows(
    qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    console = StaffConsole(store)
    qtbot.addWidget(console)
    good = "Paper Pat,resident,buy-from-local-area\r\n"
    bad = "Nobody,resident,not-an-action\r\n"
    for count, words in ((1, "1 paper pledge; 1 row"), (2, "2 paper pledges; 2 rows")):
        cards = tmp_path / f"cards-{count}.csv"
        cards.write_text("name,pledger_type,actions\r\n" + good * count + bad * count, "utf-8")
        with qtbot.waitSignal(console.paper.finished):
            console.paper.import_file(cards)
        assert console.paper.summary.text() == f"Stored {words} rejected."
    out = tmp_path / "out.csv"
    for count, words in ((1, "1 pledge"), (2, "2 pledges")):
        console.export._path = out
        console.export._exported(ExportResult(out, count))  # what the worker hands back
        assert console.export.result.text() == f"Exported {words} to {out}"


def test_the_sync_page_counts_what_the_bundle_holds(
    qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    console = StaffConsole(store)
    qtbot.addWidget(console)
    _add(store, 1)
    written = console.council.write_bundle_to(tmp_path / "one.zip")
    assert written is not None and written.pledges == 1
    assert console.council.message.text().startswith("Wrote 1 pledge and 0 erasures to ")
    _add(store, 1)
    console.council.write_bundle_to(tmp_path / "two.zip")
    assert console.council.message.text().startswith("Wrote 2 pledges and 0 erasures to ")
    console.council.retry_failed()
    assert console.council.message.text() == "0 refused pledges will be sent again."


def test_the_privacy_page_counts_days_and_pledges(qtbot: QtBot, keyed_store: Store) -> None:
    _add(keyed_store, 1)
    page = PrivacyPage(keyed_store)
    qtbot.addWidget(page)
    assert "; 1 pledge sealed." in page.encryption.text()
    for days, words in ((1, "1 day"), (2, "2 days"), (90, "90 days")):
        page.days.setValue(days)
        assert page.days.text() == words
    for removed in (0, 1, 2):
        page._done(RetentionRun(90, removed))  # what the worker hands back
        assert page.message.text() == f"Removed the personal data of {PLEDGES[removed]}."


def test_the_dashboard_and_the_wall_count_pledges(
    qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    event = _event(store, 1)
    dashboard = InsightDashboard(store)
    qtbot.addWidget(dashboard)
    wall = PledgeWall(store, poll_ms=100)
    qtbot.addWidget(wall)
    wall.show()
    today = datetime.now(UTC).date()
    for added, n in ((0, 0), (1, 1), (1, 2)):
        _add(store, added, actions=["careers-advice-in-schools"],
             measures={"careers-advice-in-schools": 3})  # fmt: skip
        dashboard.show_insight(store_insight(store, event.id, today=today, zone=UTC))
        assert dashboard.headline.text().startswith(f"{PLEDGES[n]} today · {n} of 1 for ")
        assert dashboard.progress.text == f"{n} of 1 pledge ({100 * n}%)"
        assert dashboard.status.text().startswith(f"{PLEDGES[n]} gave a measure;")
        wall_says = f"{PLEDGES[n]} so far · target 1"
        qtbot.waitUntil(lambda: wall.count.text() == wall_says)  # noqa: B023 (waited on here)
    for pages, words in ((1, "1 page"), (2, "2 pages")):
        dashboard._report_done(ReportWritten(tmp_path / "r.pdf", pages, 2))
        assert dashboard.status.text() == f"Impact report saved: {tmp_path / 'r.pdf'} ({words})"
    wall.close()


# The command line and the core (plain Python, no Qt) -----------------------------------


@pytest.mark.parametrize(
    ("n", "noun", "plural", "said"),
    [
        (0, "pledge", None, "0 pledges"),
        (1, "pledge", None, "1 pledge"),
        (2, "paper pledge", None, "2 paper pledges"),
        (1, "batch", "batches", "1 batch"),
        (3, "batch", "batches", "3 batches"),
    ],
)
def test_counted_puts_the_noun_in_its_number(
    n: int, noun: str, plural: str | None, said: str
) -> None:
    assert counted(n, noun, plural) == said
