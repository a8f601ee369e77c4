"""The council key in the app: first-run set-up, the passphrase prompt as the staff area
opens, locking again on the way back to the kiosk, and a keyed kiosk taking a pledge."""

from __future__ import annotations

import json
from pathlib import Path

from pytestqt.qtbot import QtBot

from charter_desktop.core.privacy import service
from charter_desktop.core.privacy.keys import ScryptCost, new_council_key, write_key_file
from charter_desktop.core.staff import auth as staff_auth
from charter_desktop.core.store import Store
from charter_desktop.ui.kiosk.window import KioskWindow
from charter_desktop.ui.privacy_dialogs import SetupKeyDialog
from charter_desktop.ui.staff.console import StaffConsole
from tests.fixtures.kiosk import PIN, click, fill_to_review
from tests.fixtures.store import TEST_PASSPHRASE
from tests.helpers import pledge

CHEAP = ScryptCost(n=2**10)


def test_first_run_creates_a_key_and_encrypts_what_was_in_clear(qtbot: QtBot, store: Store) -> None:
    store.add_pledges([pledge(name="Amelia Patel")], source="cli", actor="t")
    dialog = SetupKeyDialog(store, cost=CHEAP)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.passphrase, TEST_PASSPHRASE)
    qtbot.keyClicks(dialog.repeat, "something else entirely")
    click(qtbot, dialog.ok_button)
    assert "different" in dialog.message.text() and service.store_key(store) is None
    dialog.repeat.clear()
    qtbot.keyClicks(dialog.repeat, TEST_PASSPHRASE)
    click(qtbot, dialog.ok_button)
    assert dialog.result() == SetupKeyDialog.DialogCode.Accepted
    status = service.privacy_status(store)
    assert status.key_id is not None and not status.unlocked  # locked for the public
    assert (status.sealed, status.clear) == (1, 0)
    assert b"Amelia Patel" not in store.paths.database.read_bytes()


def test_a_council_key_file_can_be_used_instead(qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    key = new_council_key(TEST_PASSPHRASE, CHEAP)
    write_key_file(key, tmp_path / "council-key.json")
    (tmp_path / "bad.json").write_text(json.dumps({"format": "nope"}))
    dialog = SetupKeyDialog(store, cost=CHEAP)
    qtbot.addWidget(dialog)
    dialog.use_file(tmp_path / "bad.json")
    assert "not a council key" in dialog.message.text()
    dialog.use_file(tmp_path / "council-key.json")
    assert service.privacy_status(store).key_id == key.key_id


def test_the_staff_area_asks_to_unlock_and_the_kiosk_locks_again(
    qtbot: QtBot, keyed_store: Store
) -> None:
    with keyed_store.db.write() as session:
        staff_auth.set_pin(session, PIN)
    window = KioskWindow(keyed_store, print_certificate=lambda p: None, tap_guard_seconds=0)
    qtbot.addWidget(window, before_close_func=lambda w: w.release_for_shutdown())
    window.resize(1280, 800)
    window.show()
    fill_to_review(qtbot, window)
    click(qtbot, window.review.next_button)
    assert window.current() is window.thanks
    assert window.last_pledge is not None and window.last_pledge.name == "Priya Shah"
    assert not service.privacy_status(keyed_store).unlocked  # the kiosk never needed the key
    window.show_staff()
    dialog = window.unlock_dialog
    assert dialog is not None and dialog.isVisible()
    qtbot.keyClicks(dialog.passphrase, "not the passphrase")
    click(qtbot, dialog.ok_button)
    assert "does not unlock" in dialog.message.text() and dialog.passphrase.secret() == ""
    qtbot.keyClicks(dialog.passphrase, TEST_PASSPHRASE)
    click(qtbot, dialog.ok_button)
    assert service.privacy_status(keyed_store).unlocked
    [stored] = keyed_store.list_pledges()
    assert stored.email == "priya@example.org"
    click(qtbot, window.staff.back_button)
    assert not service.privacy_status(keyed_store).unlocked
    [stored] = keyed_store.list_pledges()
    assert stored.locked and stored.email is None


def test_the_console_shows_locked_names_and_the_privacy_page_says_so(
    qtbot: QtBot, keyed_store: Store
) -> None:
    keyed_store.add_pledges([pledge(name="Kwame Mensah")], source="cli", actor="t")
    console = StaffConsole(keyed_store)
    qtbot.addWidget(console)
    console.show()
    model = console.pledges.model
    console.pledges.refresh()
    assert model.data(model.index(0, 1)) == "(locked)"
    assert console.pledges.search.placeholderText().startswith("Locked: search covers")
    page = console.privacy
    assert "(locked)" in page.encryption.text()
    assert page.unlock_button.isVisibleTo(page) and not page.setup_button.isVisibleTo(page)
    service.unlock(keyed_store, TEST_PASSPHRASE)
    page.refresh()
    assert "unlocked" in page.encryption.text() and page.lock_button.isVisibleTo(page)
    console.pledges.refresh()
    assert console.pledges.search.placeholderText().startswith("Search names")
    click(qtbot, page.lock_button)
    assert not service.privacy_status(keyed_store).unlocked


def test_a_folder_without_a_key_says_it_is_not_encrypted(qtbot: QtBot, store: Store) -> None:
    plain = StaffConsole(store)
    qtbot.addWidget(plain)
    assert "NOT ENCRYPTED" in plain.privacy.encryption.text()
    assert plain.privacy.setup_button.isVisibleTo(plain.privacy)


def test_locked_details_are_explained_not_crashed_on(
    qtbot: QtBot, keyed_store: Store, tmp_path: Path
) -> None:
    keyed_store.add_pledges(
        [pledge(name="Kwame Mensah", email="kwame@example.org", consent_contact=True)],
        source="cli",
        actor="t",
    )
    console = StaffConsole(keyed_store)
    qtbot.addWidget(console)
    console.show()
    [locked] = keyed_store.list_pledges()
    dialog = console.pledges.open_pledge(locked)
    click(qtbot, dialog.save_button)
    assert "locked" in dialog.error.text()
    dialog.confirm = lambda *_: True
    click(qtbot, dialog.withdraw_contact)  # needs no key
    assert dialog.error.text() == "" and not dialog.consent_contact.isChecked()
    dialog.accept()
    with qtbot.waitSignal(console.export.finished) as done:
        console.export.export_to(tmp_path / "out.csv")
    assert done.args == [None] and "locked" in console.export.result.text()
    assert not (tmp_path / "out.csv").exists()
    service.unlock(keyed_store, TEST_PASSPHRASE)
    with qtbot.waitSignal(console.export.finished) as done:
        console.export.export_to(tmp_path / "out.csv")
    assert done.args != [None] and "Kwame Mensah" in (tmp_path / "out.csv").read_text("utf-8-sig")


def test_going_back_to_the_kiosk_destroys_every_decrypted_name_shown(
    qtbot: QtBot, keyed_store: Store
) -> None:
    from PySide6.QtWidgets import QApplication

    from charter_desktop.ui.app import build_kiosk

    keyed_store.add_pledges([pledge(name="Zofia Nowak")], source="cli", actor="t")
    with keyed_store.db.write() as session:
        staff_auth.set_pin(session, PIN)
    window = build_kiosk(keyed_store)
    qtbot.addWidget(window, before_close_func=lambda w: w.release_for_shutdown())
    window.show()

    def console_names() -> list[str]:
        console = window.staff.section(1)
        assert isinstance(console, StaffConsole)
        console.show_page(console.pledges)
        model = console.pledges.model
        return [model.data(model.index(row, 1)) for row in range(model.rowCount())]

    window.show_staff()
    assert window.unlock_dialog is not None
    qtbot.keyClicks(window.unlock_dialog.passphrase, TEST_PASSPHRASE)
    click(qtbot, window.unlock_dialog.ok_button)
    assert console_names() == ["Zofia Nowak"]

    click(qtbot, window.staff.back_button)
    QApplication.sendPostedEvents(None, 0)  # the deferred deletes
    qtbot.waitUntil(lambda: not window.findChildren(StaffConsole), timeout=5_000)

    window.show_staff()  # staff again, with the PIN only: "keep the details locked"
    assert window.unlock_dialog is not None
    click(qtbot, window.unlock_dialog.cancel_button)
    assert console_names() == ["(locked)"]
