"""The kiosk driven by clicks and typing with pytest-qt, checked against the database."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot

from charter_desktop.core.certificates.trust import trusted_public_keys
from charter_desktop.core.pledges.records import Pledge
from charter_desktop.core.signing import verify_certificate_url
from charter_desktop.core.staff import auth as staff_auth
from charter_desktop.core.store import Store
from charter_desktop.ui.kiosk.window import KioskWindow
from tests.fixtures.kiosk import PIN, click, fill_to_review, store_of
from tests.helpers import pledges_in_database_file
from tests.pdftools import decode_qr


@pytest.fixture
def printed() -> list[Pledge]:
    """The pledges the `kiosk` fixture's kiosk sent to print, in order."""
    return []


@pytest.fixture
def kiosk(qtbot: QtBot, store: Store, printed: list[Pledge]) -> Iterator[KioskWindow]:
    with store.db.write() as session:
        staff_auth.set_pin(session, PIN)
    window = KioskWindow(store, print_certificate=printed.append, tap_guard_seconds=0)
    qtbot.addWidget(window, before_close_func=lambda w: w.release_for_shutdown())
    window.resize(1280, 800)
    window.show()
    yield window


def test_a_complete_pledge_lands_in_the_database(
    qtbot: QtBot, kiosk: KioskWindow, printed: list[Pledge]
) -> None:
    fill_to_review(qtbot, kiosk)
    click(qtbot, kiosk.review.next_button)
    assert kiosk.current() is kiosk.thanks
    [stored] = store_of(kiosk).list_pledges()
    assert stored.name == "Priya Shah" and stored.organisation == "Bedwell Bakery"
    assert stored.actions == ("buy-from-local-area",)
    assert stored.pledge_text == "Train two apprentices"
    assert stored.consent_contact and not stored.consent_publish_name
    assert stored.postcode == "SG1 1HN" and stored.source == "kiosk"
    assert kiosk.thanks.qr.text.startswith("https://")
    click(qtbot, kiosk.thanks.print_button)
    assert printed == [stored]


def test_the_saved_pledge_reaches_the_database_file_behind_the_thanks(
    qtbot: QtBot, kiosk: KioskWindow, tmp_path: Path
) -> None:
    # The save commits to the WAL; the WAL is folded into the database file while the
    # attendee reads the thank-you screen, not during their confirm.
    fill_to_review(qtbot, kiosk)
    click(qtbot, kiosk.review.next_button)
    assert kiosk.current() is kiosk.thanks
    database = store_of(kiosk).paths.database
    assert pledges_in_database_file(database, tmp_path) == 0
    qtbot.waitUntil(lambda: pledges_in_database_file(database, tmp_path) == 1, timeout=3000)
    assert kiosk.current() is kiosk.thanks


def test_a_double_tap_on_confirm_stores_one_pledge(qtbot: QtBot, kiosk: KioskWindow) -> None:
    fill_to_review(qtbot, kiosk)
    kiosk.review.next_button.click()
    kiosk.confirm()
    assert store_of(kiosk).count_pledges() == 1


def test_validation_errors_show_next_to_the_field(qtbot: QtBot, kiosk: KioskWindow) -> None:
    click(qtbot, kiosk.welcome.start_button)
    click(qtbot, kiosk.who.next_button)
    assert kiosk.current() is kiosk.who and kiosk.who.type_error.isVisibleTo(kiosk)
    click(qtbot, kiosk.who.type_buttons["resident"])
    click(qtbot, kiosk.who.next_button)
    click(qtbot, kiosk.choose.action_buttons["support-cooperatives"])
    click(qtbot, kiosk.choose.next_button)
    qtbot.keyClicks(kiosk.about_you.email, "not an address")
    click(qtbot, kiosk.about_you.next_button)
    assert kiosk.current() is kiosk.about_you
    assert "name" in kiosk.about_you.rows["name"].error.text()
    assert "email address" in kiosk.about_you.rows["email"].error.text()
    assert store_of(kiosk).count_pledges() == 0
    # Changing a field answers its error at once; the others stay until they are changed.
    qtbot.keyClicks(kiosk.about_you.email, "@example.org")
    assert not kiosk.about_you.rows["email"].error.isVisibleTo(kiosk)
    assert kiosk.about_you.rows["name"].error.isVisibleTo(kiosk)
    qtbot.keyClicks(kiosk.about_you.name, "Ada")
    assert not kiosk.about_you.rows["name"].error.isVisibleTo(kiosk)


def test_the_idle_reset_wipes_every_field(qtbot: QtBot, store: Store) -> None:
    window = KioskWindow(store, idle_timeout_seconds=0.6, warning_seconds=0.3, tap_guard_seconds=0)
    qtbot.addWidget(window, before_close_func=lambda w: w.release_for_shutdown())
    window.show()
    click(qtbot, window.welcome.start_button)
    click(qtbot, window.who.type_buttons["business"])
    qtbot.keyClicks(window.who.organisation, "Secret Org")
    qtbot.waitUntil(lambda: window.current() is window.welcome, timeout=5000)
    assert window.who.organisation.text() == ""
    window.who.organisation.undo()
    assert window.who.organisation.text() == ""
    assert window.who.chosen_type() == ""


def test_the_kiosk_cannot_be_closed_without_the_pin(qtbot: QtBot, kiosk: KioskWindow) -> None:
    assert not kiosk.close()
    qtbot.keyClick(kiosk, Qt.Key.Key_Escape)
    assert kiosk.isVisible()
    # Staff open the PIN dialog with the key combination, sent to the focused kiosk window.
    kiosk.activateWindow()
    qtbot.waitUntil(kiosk.isActiveWindow)
    qtbot.keyClick(
        kiosk, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    )
    qtbot.waitUntil(lambda: kiosk.pin_dialog is not None)
    dialog = kiosk.pin_dialog
    assert dialog is not None
    qtbot.keyClicks(dialog.pin, "999999")
    click(qtbot, dialog.ok_button)
    assert kiosk.current() is not kiosk.staff and dialog.message.isVisibleTo(dialog)
    for digit in PIN:
        click(qtbot, dialog.keypad.buttons[digit])
    click(qtbot, dialog.ok_button)
    assert kiosk.current() is kiosk.staff
    click(qtbot, kiosk.staff.quit_button)
    assert not kiosk.isVisible()


def test_a_save_that_fails_in_any_way_never_leaves_the_kiosk_stuck(
    qtbot: QtBot, kiosk: KioskWindow
) -> None:
    """Not only the database: a council key damaged in the settings makes the save fail with
    another kind of error. The attendee is still told, the button works again, and the
    pledge is stored once the key is put back."""
    fill_to_review(qtbot, kiosk)
    store = store_of(kiosk)
    damaged = '{"format": "charter-council-key", "public_key": "not base64!"}'
    with closing(sqlite3.connect(store.paths.database)) as other:
        other.execute("INSERT INTO settings (key, value) VALUES ('council_key', ?)", (damaged,))
        other.commit()
    click(qtbot, kiosk.review.next_button)
    assert kiosk.current() is kiosk.review and kiosk.review.save_error.isVisibleTo(kiosk)
    assert kiosk.review.next_button.isEnabled() and store.count_pledges() == 0
    with closing(sqlite3.connect(store.paths.database)) as other:
        other.execute("DELETE FROM settings WHERE key = 'council_key'")
        other.commit()
    click(qtbot, kiosk.review.next_button)
    assert kiosk.current() is kiosk.thanks and store.count_pledges() == 1


def test_a_failed_save_says_so_and_keeps_what_was_typed(
    qtbot: QtBot, kiosk: KioskWindow, data_dir: Path
) -> None:
    """The database refuses the write (a real SQLite error, raised by a trigger another
    connection installed): the attendee is told, nothing is stored, nothing typed is lost,
    and a second tap once the database is back stores the pledge once."""
    fill_to_review(qtbot, kiosk)
    database = store_of(kiosk).paths.database
    with closing(sqlite3.connect(database)) as other:
        other.execute(
            "CREATE TRIGGER refuse BEFORE INSERT ON pledges "
            "BEGIN SELECT RAISE(ABORT, 'disk I/O error'); END"
        )
        other.commit()
    click(qtbot, kiosk.review.next_button)
    assert kiosk.current() is kiosk.review
    assert kiosk.review.save_error.isVisibleTo(kiosk)
    assert "could not be saved" in kiosk.review.save_error.text()
    assert store_of(kiosk).count_pledges() == 0
    assert kiosk.about_you.name.text() == "Priya Shah"
    assert kiosk.who.organisation.text() == "Bedwell Bakery"
    assert kiosk.choose.own_words.toPlainText() == "Train two apprentices"
    with closing(sqlite3.connect(database)) as other:
        other.execute("DROP TRIGGER refuse")
        other.commit()
    click(qtbot, kiosk.review.next_button)
    assert kiosk.current() is kiosk.thanks
    [stored] = store_of(kiosk).list_pledges()
    assert stored.name == "Priya Shah"


def test_the_qr_on_screen_scans_and_verifies(
    qtbot: QtBot, kiosk: KioskWindow, tmp_path: Path
) -> None:
    fill_to_review(qtbot, kiosk)
    click(qtbot, kiosk.review.next_button)
    png = tmp_path / "thanks-qr.png"
    assert kiosk.thanks.qr.grab().save(str(png))
    [decoded] = decode_qr(png)
    assert decoded == kiosk.thanks.qr.text
    keys = trusted_public_keys(store_of(kiosk).paths.data_dir)
    claim = verify_certificate_url(decoded, [key for _, key in keys])
    assert claim is not None and kiosk.last_pledge is not None
    assert claim.name == "Priya Shah" and claim.pledge_id == kiosk.last_pledge.id
