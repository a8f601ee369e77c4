"""Every string the attendee sees comes from the translation files: the shipped English file
is up to date with the source, and a pseudo-translation built from it with Qt's own lrelease
reaches every label, button, placeholder and accessible name of every kiosk step. Only the
council's own content (the charter catalogue), the event and what the attendee typed are
left as they are."""

from __future__ import annotations

import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot

from charter_desktop.core.store import Store
from charter_desktop.ui.kiosk.window import KioskWindow
from charter_desktop.ui.translations import TRANSLATIONS_DIR
from tests.fixtures.kiosk import click

ROOT = Path(__file__).resolve().parents[2]
OPEN, CLOSE = "⟪", "⟫"


def test_the_english_file_holds_every_string_of_the_source() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "update_translations.py"), "--check"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (TRANSLATIONS_DIR / "charter_desktop_en.qm").stat().st_size > 1000


@pytest.fixture
def pseudo_translation(tmp_path: Path) -> Iterator[QTranslator]:
    """Every English string wrapped in ⟪ ⟫, compiled by lrelease and installed."""
    tree = ET.parse(TRANSLATIONS_DIR / "charter_desktop_en.ts")
    for message in tree.getroot().iter("message"):
        source = message.findtext("source") or ""
        translation = message.find("translation")
        assert translation is not None
        forms = translation.findall("numerusform")
        for form in forms:
            form.text = OPEN + (form.text or "") + CLOSE
        if not forms:
            translation.text = OPEN + source + CLOSE
    ts_file = tmp_path / "charter_desktop_xx.ts"
    tree.write(ts_file, encoding="utf-8", xml_declaration=True)
    lrelease = Path(sys.executable).with_name("pyside6-lrelease")
    qm_file = tmp_path / "charter_desktop_xx.qm"
    subprocess.run([str(lrelease), "-silent", str(ts_file), "-qm", str(qm_file)], check=True)
    app = QApplication.instance()
    assert app is not None
    translator = QTranslator()
    assert translator.load(str(qm_file))
    app.installTranslator(translator)
    yield translator
    app.removeTranslator(translator)


def content_strings(store: Store) -> list[str]:
    """What the council's catalogue, the event and the test attendee supply: never translated
    by the app's files (a council ships its catalogue in its own language)."""
    c = store.catalogue
    event = store.current_event()
    texts = [c.council, c.charter_name, c.programme, c.summary, c.pledge_invitation]
    texts += [c.who_may_sign, c.own_words.label, c.own_words.prompt, event.name, event.place]
    texts += [t.label for t in c.pledger_types]
    texts += [c.privacy_notice.for_council(c.council)]  # versioned with the catalogue
    for benefit in c.benefits:
        texts += [benefit.title, benefit.summary, *(a.label for a in benefit.actions)]
    texts += ["Bedwell Bakery", "Train two apprentices", "Priya Shah", "priya@example.org"]
    texts += ["SG1 1HN", event.event_date.isoformat()]
    return sorted((t for t in texts if t), key=len, reverse=True)


def untranslated_texts(page: QWidget, content: list[str]) -> list[str]:
    """Visible texts of `page` that hold words neither translated nor content."""
    found: list[str] = []
    for widget in page.findChildren(QWidget):
        if not widget.isVisibleTo(page):
            continue
        texts = [widget.accessibleName(), widget.accessibleDescription(), widget.toolTip()]
        if isinstance(widget, QLabel | QAbstractButton):
            texts.append(widget.text())
        if isinstance(widget, QLineEdit | QPlainTextEdit):
            texts.append(widget.placeholderText())
        for text in texts:
            rest = re.sub(f"{OPEN}.*?{CLOSE}", "", text, flags=re.DOTALL)
            for known in content:
                rest = rest.replace(known, "")
            if re.search(r"[^\W\d_]{2,}", rest):
                found.append(f"{type(widget).__name__}: {text!r}")
    return found


def test_every_kiosk_step_is_translated(
    qtbot: QtBot, store: Store, pseudo_translation: QTranslator
) -> None:
    window = KioskWindow(store, print_certificate=lambda pledge: None, tap_guard_seconds=0)
    qtbot.addWidget(window, before_close_func=lambda w: w.release_for_shutdown())
    window.resize(1280, 800)
    window.show()
    content = content_strings(store)
    seen: list[tuple[str, list[str]]] = []

    def look() -> None:
        page = window.current()
        assert page is not None
        seen.append((type(page).__name__, untranslated_texts(page, content)))

    look()
    assert OPEN in window.welcome.start_button.text()
    click(qtbot, window.welcome.start_button)
    look()
    click(qtbot, window.who.next_button)  # shows the "choose who you are" error, translated
    look()
    click(qtbot, window.who.type_buttons["business"])
    qtbot.keyClicks(window.who.organisation, "Bedwell Bakery")
    look()
    click(qtbot, window.who.next_button)
    click(qtbot, window.choose.action_buttons["buy-from-local-area"])
    qtbot.keyClicks(window.choose.own_words, "Train two apprentices")
    look()
    click(qtbot, window.choose.next_button)
    click(qtbot, window.about_you.next_button)  # no name yet: the error, translated
    look()
    qtbot.keyClicks(window.about_you.name, "Priya Shah")
    qtbot.keyClicks(window.about_you.email, "priya@example.org")
    qtbot.keyClicks(window.about_you.postcode, "sg1 1hn")
    click(qtbot, window.about_you.consent_contact)
    click(qtbot, window.about_you.next_button)
    assert window.current() is window.review
    look()
    click(qtbot, window.review.next_button)
    assert window.current() is window.thanks
    look()
    assert len({page for page, _ in seen}) == 6, seen
    assert [(page, texts) for page, texts in seen if texts] == []
