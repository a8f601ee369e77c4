"""The app as assembled for an event: the thank-you screen prints on the kiosk printer and
queues emails, the staff area holds the console, backups run, a damaged database or a
second copy of the app is stopped before any pledge is taken."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from pypdf.errors import PdfReadError
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot

from charter_desktop.core.catalogue import load_catalogue
from charter_desktop.core.kiosk.settings import KioskSettings, save_kiosk_settings
from charter_desktop.core.mail.queue import email_counts
from charter_desktop.core.staff import auth as staff_auth
from charter_desktop.core.storage import backup
from charter_desktop.core.storage.instance_lock import InstanceLock
from charter_desktop.core.storage.paths import AppPaths, resolve_paths
from charter_desktop.core.store import Store
from charter_desktop.ui.app import KioskRun, attach_kiosk, build_kiosk, run_app
from charter_desktop.ui.kiosk.window import KioskWindow
from charter_desktop.ui.privacy_dialogs import SetupKeyDialog
from charter_desktop.ui.staff.backup_page import BackupPage
from charter_desktop.ui.staff.console import StaffConsole
from charter_desktop.ui.start_checks import open_store
from tests.fixtures.kiosk import PIN, click, fill_to_review
from tests.fixtures.printing import CupsPdfPrinter
from tests.helpers import pledge
from tests.pdftools import pdf_text


def open_kiosk(qtbot: QtBot, store: Store, printer: str) -> KioskWindow:
    with store.db.write() as session:
        staff_auth.set_pin(session, PIN)
        save_kiosk_settings(session, KioskSettings(printer_name=printer))
    window = build_kiosk(store)
    window.tap_guard_seconds = 0
    qtbot.addWidget(window, before_close_func=lambda w: w.release_for_shutdown())
    window.resize(1280, 800)
    window.show()
    return window


def printed_text(path: Path) -> str:
    """The text of a PDF CUPS-PDF is writing ("" until it is complete)."""
    try:
        return " ".join(pdf_text(path.read_bytes()))
    except (OSError, ValueError, PdfReadError):  # not there yet, or half written
        return ""


def test_thank_you_print_goes_to_the_kiosk_printer(
    qtbot: QtBot,
    store: Store,
    cups_pdf_printer: CupsPdfPrinter,
) -> None:
    before = set(cups_pdf_printer.out_dir.glob("*.pdf"))
    kiosk = open_kiosk(qtbot, store, cups_pdf_printer.name)
    fill_to_review(qtbot, kiosk)
    click(qtbot, kiosk.review.next_button)
    click(qtbot, kiosk.thanks.print_button)
    assert "printing" in kiosk.thanks.status.text()
    qtbot.waitUntil(
        lambda: bool(set(cups_pdf_printer.out_dir.glob("*.pdf")) - before), timeout=60_000
    )
    [printed] = set(cups_pdf_printer.out_dir.glob("*.pdf")) - before
    qtbot.waitUntil(lambda: "Priya Shah" in printed_text(printed), timeout=30_000)


def test_a_missing_printer_keeps_the_pledge_and_email_is_still_offered(
    qtbot: QtBot, store: Store
) -> None:
    kiosk = open_kiosk(qtbot, store, "No Such Printer")
    fill_to_review(qtbot, kiosk)
    click(qtbot, kiosk.review.next_button)
    click(qtbot, kiosk.thanks.print_button)
    assert "could not be printed" in kiosk.thanks.status.text()
    assert kiosk.thanks.print_button.isEnabled()  # staff may fix the printer and try again
    assert [p.name for p in store.list_pledges()] == ["Priya Shah"]
    assert kiosk.thanks.email_button.isVisible()  # she consented to contact
    click(qtbot, kiosk.thanks.email_button)
    with store.db.read() as session:
        assert email_counts(session).queued == 1


def test_the_staff_area_holds_the_console(qtbot: QtBot, store: Store) -> None:
    kiosk = open_kiosk(qtbot, store, "")
    staff_tabs = [kiosk.staff.tabs.tabText(i) for i in range(kiosk.staff.tabs.count())]
    assert staff_tabs[:2] == ["Overview", "Console"]
    console = kiosk.staff.section(1)  # built when first shown
    assert isinstance(console, StaffConsole)
    titles = [console.tabs.tabText(i) for i in range(console.tabs.count())]
    assert {"Pledges", "Council sync", "Email", "Backups"} <= set(titles)
    assert not console.pledges.print_button.isHidden()


def test_the_staff_area_fits_a_1280_by_800_screen(qtbot: QtBot, store: Store) -> None:
    kiosk = open_kiosk(qtbot, store, "")
    kiosk.resize(1280, 800)
    kiosk.show_staff()
    kiosk.staff.tabs.setCurrentIndex(1)
    console = kiosk.staff.section(1)
    assert isinstance(console, StaffConsole)
    for index in range(console.tabs.count()):
        console.tabs.setCurrentIndex(index)
        qtbot.wait(10)
        hint = kiosk.minimumSizeHint()
        assert hint.width() <= 1280 and hint.height() <= 800, console.tabs.tabText(index)
        assert (kiosk.width(), kiosk.height()) == (1280, 800)


def test_back_up_now_makes_a_checked_backup(qtbot: QtBot, store: Store) -> None:
    store.add_pledges([pledge(name="Ada")], source="kiosk", actor="kiosk")
    page = BackupPage(store)
    qtbot.addWidget(page)
    assert page.table.rowCount() == 0
    click(qtbot, page.now_button)
    qtbot.waitUntil(lambda: page.table.rowCount() == 1, timeout=10_000)
    [made] = backup.list_backups(store.paths)
    assert backup.integrity_errors(made.path) == []
    assert "integrity check ok" in page.message.text()


def answer_next_box(button_text: str) -> list[str]:
    """Click `button_text` on the next message box that opens; returns the texts it showed."""
    seen: list[str] = []

    def poll() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box.text())
            for button in box.buttons():
                if button.text().replace("&", "") == button_text:
                    button.click()
                    return
        QTimer.singleShot(50, poll)

    QTimer.singleShot(50, poll)
    return seen


def run_with_answer(qtbot: QtBot, data_dir: Path, button: str) -> tuple[int, list[str]]:
    seen = answer_next_box(button)
    code = run_app(resolve_paths(data_dir))
    return code, seen


def damaged_database(paths: AppPaths) -> bytes:
    """Make the folder's database, then damage it: the header survives, the schema page does
    not. Returns the damaged bytes."""
    Store.open(paths).close()
    damaged = bytearray(paths.database.read_bytes())
    damaged[100:4096] = b"\xff" * (4096 - 100)
    paths.database.write_bytes(bytes(damaged))
    return bytes(damaged)


def test_a_damaged_database_stops_capture_and_is_never_written(
    qtbot: QtBot, data_dir: Path
) -> None:
    paths = resolve_paths(data_dir)
    damaged = damaged_database(paths)
    code, seen = run_with_answer(qtbot, data_dir, "Quit")
    assert code == 1 and "is damaged" in seen[0]
    assert paths.database.read_bytes() == damaged


def test_a_second_copy_of_the_app_is_refused(qtbot: QtBot, data_dir: Path) -> None:
    with InstanceLock(resolve_paths(data_dir).ensure().data_dir):
        code, seen = run_with_answer(qtbot, data_dir, "OK")
    assert code == 1 and "already running" in seen[0]


def test_a_second_copy_with_no_stderr_still_says_why_in_its_box(
    qtbot: QtBot, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A windowed start (the kiosk's executable on Windows, or pythonw) has no stderr."""
    monkeypatch.setattr(sys, "stderr", None)
    with InstanceLock(resolve_paths(data_dir).ensure().data_dir):
        code, seen = run_with_answer(qtbot, data_dir, "OK")
    assert code == 1 and "already running" in seen[0]


def test_the_welcome_screen_shown_before_the_store_takes_pledges_once_attached(
    qtbot: QtBot, store: Store
) -> None:
    with store.db.write() as session:
        staff_auth.set_pin(session, PIN)
    window = KioskWindow(catalogue=load_catalogue(store.paths.data_dir), tap_guard_seconds=0)
    qtbot.addWidget(window, before_close_func=lambda w: w.release_for_shutdown())
    window.resize(1280, 800)
    window.show()
    assert window.current() is window.welcome and not window.is_ready()
    click(qtbot, window.welcome.start_button)  # a tap before the store is open is not taken
    assert window.current() is window.welcome
    with qtbot.waitSignal(window.ready):
        attach_kiosk(window, store)
    assert "0 of our target of 100" in window.welcome.count_label.text()
    fill_to_review(qtbot, window)
    click(qtbot, window.review.next_button)
    assert window.current() is window.thanks
    assert [p.name for p in store.list_pledges()] == ["Priya Shah"]


def test_a_damaged_database_found_behind_the_welcome_screen_takes_the_screen(
    qtbot: QtBot, data_dir: Path
) -> None:
    paths = resolve_paths(data_dir)
    damaged = damaged_database(paths)
    window = KioskWindow(catalogue=load_catalogue(paths.data_dir))
    qtbot.addWidget(window, before_close_func=lambda w: w.release_for_shutdown())
    window.show()
    seen = answer_next_box("Quit")
    assert open_store(paths, kiosk=window) == 1
    assert "is damaged" in seen[0]
    assert not window.isVisible() and not window.is_ready()  # it stepped aside, took nothing
    assert paths.database.read_bytes() == damaged


def test_a_set_up_step_found_missing_behind_the_welcome_screen_takes_the_screen_first(
    qtbot: QtBot, qapp: QApplication, store: Store
) -> None:
    with store.db.write() as session:
        staff_auth.set_pin(session, PIN)  # but no council key: its dialog is offered
    window = KioskWindow(catalogue=load_catalogue(store.paths.data_dir))
    qtbot.addWidget(window, before_close_func=lambda w: w.release_for_shutdown())
    window.show()
    seen: list[tuple[str, bool]] = []

    def decline_key() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, SetupKeyDialog):
            seen.append((type(dialog).__name__, window.isVisible()))
            dialog.reject()  # "Not now"
            return
        QTimer.singleShot(20, decline_key)

    QTimer.singleShot(20, decline_key)
    run = KioskRun(store.paths, window)
    run.open_behind(qapp)
    try:
        assert seen == [("SetupKeyDialog", False)]  # the kiosk stepped aside for it
        assert window.isVisible() and window.is_ready()
    finally:
        run.close()
