"""The staff console driven as staff would: search, open, correct, withdraw, erase, import
paper cards, set up events and settings, export."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from charter_desktop.core.kiosk.settings import load_kiosk_settings
from charter_desktop.core.pledges.records import Pledge
from charter_desktop.core.staff import auth as staff_auth
from charter_desktop.core.storage import audit
from charter_desktop.core.store import Store
from charter_desktop.ui.staff.console import StaffConsole
from charter_desktop.ui.staff.pledges_page import CertificateActions
from tests.helpers import pledge

PEOPLE = [
    pledge(name="Amelia Patel", organisation="Old Town Bakery", pledger_type="business"),
    pledge(name="Kwame Mensah", pledge_text="I will mentor a neighbour", actions=[]),
    pledge(
        name="Zofia Nowak",
        email="zofia@example.org",
        consent_contact=True,
        postcode="SG1 1HN",
        organisation="Nowak Consulting",
        pledger_type="business",
    ),
]


def _console(
    qtbot: QtBot, store: Store, certificate_actions: CertificateActions | None = None
) -> StaffConsole:
    store.add_pledges(PEOPLE, source="cli", actor="test")
    console = StaffConsole(store, certificate_actions=certificate_actions)
    qtbot.addWidget(console)
    console.resize(1280, 800)
    console.show()
    return console


def _names(console: StaffConsole) -> list[str]:
    model = console.pledges.model
    return sorted(str(model.data(model.index(r, 1))) for r in range(model.rowCount()))


def _row_of(console: StaffConsole, name: str) -> Pledge:
    model = console.pledges.model
    for row in range(model.rowCount()):
        found = model.pledge_at(row)
        if found is not None and found.name == name:
            return found
    raise AssertionError(name)


def test_typing_a_search_narrows_the_table(qtbot: QtBot, store: Store) -> None:
    console = _console(qtbot, store)
    console.show_page(console.pledges)
    assert _names(console) == ["Amelia Patel", "Kwame Mensah", "Zofia Nowak"]
    qtbot.keyClicks(console.pledges.search, "bakery")
    qtbot.waitUntil(lambda: _names(console) == ["Amelia Patel"])
    assert console.pledges.count_label.text() == "1 pledge"
    console.pledges.search.clear()
    qtbot.keyClicks(console.pledges.search, "mentor")
    qtbot.waitUntil(lambda: _names(console) == ["Kwame Mensah"])
    console.pledges.search.clear()
    qtbot.waitUntil(lambda: len(_names(console)) == 3)
    pledger = console.pledges.pledger_type
    pledger.setCurrentIndex(pledger.findData("business"))
    assert _names(console) == ["Amelia Patel", "Zofia Nowak"]
    consent = console.pledges.consent
    consent.setCurrentIndex(consent.findData("contact"))
    assert _names(console) == ["Zofia Nowak"]


def test_a_correction_and_a_withdrawal_persist_and_are_audited(qtbot: QtBot, store: Store) -> None:
    console = _console(qtbot, store)
    target = _row_of(console, "Amelia Patel")
    dialog = console.pledges.open_pledge(target)
    dialog.name.setText("Amelia Patel-Jones")
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert dialog.error.text() == ""
    qtbot.mouseClick(dialog.withdraw_button, Qt.MouseButton.LeftButton)
    dialog.accept()
    qtbot.waitUntil(lambda: "Amelia Patel-Jones" in _names(console))
    stored = store.get_pledge(target.id)
    assert stored is not None
    assert stored.name == "Amelia Patel-Jones" and stored.status == "withdrawn"
    with store.db.read() as session:
        entries = audit.entries(session, target.id)
    assert [(e.actor, e.action, e.details) for e in entries] == [
        ("staff", "pledge.correct", {"fields": ["name"]}),
        ("staff", "pledge.withdraw", {"fields": ["status"]}),
    ]
    assert all(e.at is not None for e in entries)
    model = console.pledges.model
    shown = [model.pledge_at(r) for r in range(model.rowCount())]
    row = next(r for r, p in enumerate(shown) if p is not None and p.id == target.id)
    assert model.data(model.index(row, 6)) == "withdrawn"


def test_a_bad_correction_shows_why_and_changes_nothing(qtbot: QtBot, store: Store) -> None:
    console = _console(qtbot, store)
    target = _row_of(console, "Kwame Mensah")
    dialog = console.pledges.open_pledge(target)
    dialog.email.setText("kwame@example.org")  # no consent to contact
    qtbot.mouseClick(dialog.save_button, Qt.MouseButton.LeftButton)
    assert "consent" in dialog.error.text()
    stored = store.get_pledge(target.id)
    assert stored is not None and stored.email is None


def test_erase_removes_personal_fields_everywhere_including_later_exports(
    qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    console = _console(qtbot, store)
    target = _row_of(console, "Zofia Nowak")
    dialog = console.pledges.open_pledge(target)
    asked: list[str] = []

    def confirm(_parent: QWidget, title: str, _text: str) -> bool:
        asked.append(title)
        return True

    dialog.confirm = confirm
    qtbot.mouseClick(dialog.erase_button, Qt.MouseButton.LeftButton)
    assert asked == ["Erase personal data"]
    assert not dialog.save_button.isEnabled()
    dialog.accept()
    qtbot.waitUntil(lambda: "Zofia Nowak" not in _names(console))
    assert "(erased)" in _names(console)
    console.pledges.search.setText("Nowak")
    console.pledges.apply_filter()
    assert _names(console) == []
    page = console.export
    page.include_contact.setChecked(True)  # even the council's full copy has nothing left
    for fmt in ("csv", "json", "xlsx"):
        page.format.setCurrentIndex(page.format.findData(fmt))
        out = tmp_path / f"after-erase.{fmt}"
        with qtbot.waitSignal(page.finished) as done:
            page.export_to(out)
        result = done.args[0] if done.args else None
        assert result is not None and result.count == 3
        data = out.read_bytes()
        assert b"Nowak" not in data and b"zofia" not in data and b"SG1 1HN" not in data
    for file in store.paths.database.parent.glob(store.paths.database.name + "*"):
        assert b"Nowak" not in file.read_bytes()
    with store.db.read() as session:
        assert audit.entries(session, target.id)[-1].action == "pledge.erase"


def test_export_leaves_out_contact_without_consent_unless_asked(
    qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    console = _console(qtbot, store)
    page = console.export
    assert "only for people who consented" in page.contact_note.text()
    page.include_contact.setChecked(True)
    assert "WILL hold" in page.contact_note.text()
    page.format.setCurrentIndex(page.format.findData("csv"))
    page.on_day.setChecked(True)
    with qtbot.waitSignal(page.finished) as done:
        page.export_to(tmp_path / "today.csv")
        # The file is written on a pool thread: the page says so and takes no second export.
        assert not page.export_button.isEnabled() and "Exporting to" in page.result.text()
    assert page.export_button.isEnabled()
    result = done.args[0] if done.args else None
    assert result is not None and result.count == 3
    assert "zofia@example.org" in (tmp_path / "today.csv").read_text(encoding="utf-8-sig")


def test_certificate_buttons_call_the_printing_hooks(qtbot: QtBot, store: Store) -> None:
    previewed: list[list[str]] = []
    printed: list[str] = []
    hooks = CertificateActions(
        preview_certificates=lambda ps: previewed.append([p.name for p in ps]),
        print_certificate=lambda p: printed.append(p.name),
    )
    console = _console(qtbot, store, certificate_actions=hooks)
    page = console.pledges
    console.show_page(page)
    assert page.print_button.isVisible() and page.preview_button.isVisible()
    page.table.selectRow(0)
    qtbot.mouseClick(page.print_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(page.preview_button, Qt.MouseButton.LeftButton)
    newest = page.model.pledge_at(0)
    assert newest is not None
    assert printed == [newest.name] and previewed == [[newest.name]]


def test_without_hooks_there_are_no_certificate_buttons(qtbot: QtBot, store: Store) -> None:
    console = _console(qtbot, store)
    console.show_page(console.pledges)
    assert console.pledges.open_button.isVisible()
    assert not console.pledges.print_button.isVisible()
    assert not console.pledges.preview_button.isVisible()


def test_paper_cards_import_lists_rejected_rows(qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    console = _console(qtbot, store)
    cards = tmp_path / "cards.csv"
    cards.write_text(
        "name,pledger_type,actions\r\nPaper Pat,resident,buy-from-local-area\r\n"
        "Nobody,resident,not-an-action\r\n",
        encoding="utf-8",
    )
    with qtbot.waitSignal(console.paper.finished):
        console.paper.import_file(cards)
    assert console.paper.summary.text() == "Stored 1 paper pledge; 1 row rejected."
    row, why = console.paper.rejected.item(0, 0), console.paper.rejected.item(0, 1)
    assert row is not None and why is not None, "the rejected row is listed"
    assert row.text() == "3"
    assert "not-an-action" in why.text()
    console.show_page(console.today)
    assert "4 of" in console.today.event_label.text()
    assert "Nobody" not in [p.name for p in store.list_pledges()]


def test_events_settings_and_pin_change(qtbot: QtBot, store: Store) -> None:
    console = _console(qtbot, store)
    page = console.events
    page.event_name.setText("Stevenage Summit")
    page.event_place.setText("Town hall")
    qtbot.mouseClick(page.create_button, Qt.MouseButton.LeftButton)
    assert page.events.count() == 2
    row = next(i for i in range(page.events.count()) if "Stevenage" in page.events.item(i).text())
    page.events.setCurrentRow(row)
    qtbot.mouseClick(page.select_button, Qt.MouseButton.LeftButton)
    assert store.current_event().name == "Stevenage Summit"
    page.idle.setValue(120)
    page.base_url.setText("https://pledges.stevenage.gov.uk/verify")
    page.save_settings()
    with store.db.read() as session:
        settings = load_kiosk_settings(session)
    assert settings.idle_timeout_seconds == 120
    assert settings.certificate_base_url == "https://pledges.stevenage.gov.uk/verify"
    qtbot.keyClicks(page.new_pin, "482915")
    qtbot.keyClicks(page.repeat_pin, "482915")
    page.change_pin()
    assert page.pin_message.text() == "PIN changed."
    with store.db.write() as session:
        assert staff_auth.check_pin(session, "482915").ok


def test_staff_withdraw_a_consent_from_the_pledge_dialog(qtbot: QtBot, store: Store) -> None:
    console = _console(qtbot, store)
    target = _row_of(console, "Zofia Nowak")
    dialog = console.pledges.open_pledge(target)
    assert dialog.withdraw_contact.isEnabled() and not dialog.withdraw_publish.isEnabled()
    assert "given" in dialog.consent_history.text()
    asked: list[str] = []

    def confirm(_parent: QWidget, title: str, _text: str) -> bool:
        asked.append(title)
        return True

    dialog.confirm = confirm
    qtbot.mouseClick(dialog.withdraw_contact, Qt.MouseButton.LeftButton)
    assert asked == ["Withdraw consent"]
    assert not dialog.consent_contact.isChecked() and dialog.email.text() == ""
    assert not dialog.withdraw_contact.isEnabled()
    assert "withdrawn" in dialog.consent_history.text()
    stored = store.get_pledge(target.id)
    assert stored is not None and stored.email is None and not stored.consent_contact
    with store.db.read() as session:
        assert audit.entries(session, target.id)[-1].action == "consent.withdraw"
    for file in store.paths.database.parent.glob(store.paths.database.name + "*"):
        assert b"zofia@example.org" not in file.read_bytes()
