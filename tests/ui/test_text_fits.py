"""Every button's words fit inside it, focused or not, at every screen size: the focus ring
is thicker than a resting border, and a button sized for its resting state once lost the end
of "Make your pledge" to it at 1920x1080 and on portrait totems."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton, QStyle, QStyleOptionButton
from pytestqt.qtbot import QtBot

from charter_desktop.core.store import Store
from charter_desktop.ui.kiosk.window import KioskWindow
from tests.fixtures.kiosk import click, fill_to_review

SIZES = [(1024, 768), (1280, 800), (1920, 1080), (1080, 1920), (3840, 2160)]


def room_for_text(button: QPushButton) -> int:
    """The width the style leaves for the button's words: its contents rectangle, inside the
    border and padding of its present state."""
    option = QStyleOptionButton()
    button.initStyleOption(option)
    style = button.style()
    return style.subElementRect(QStyle.SubElement.SE_PushButtonContents, option, button).width()


def clipped(button: QPushButton) -> str:
    needed = button.fontMetrics().horizontalAdvance(button.text())
    room = room_for_text(button)
    return f"{button.text()!r}: {needed} px of words in {room} px" if needed > room else ""


@pytest.mark.parametrize("size", SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_button_words_fit_focused_or_not(qtbot: QtBot, store: Store, size: tuple[int, int]) -> None:
    kiosk = KioskWindow(store, print_certificate=lambda pledge: None, tap_guard_seconds=0)
    qtbot.addWidget(kiosk, before_close_func=lambda w: w.release_for_shutdown())
    kiosk.resize(*size)
    kiosk.show()
    kiosk.activateWindow()
    qtbot.waitUntil(kiosk.isActiveWindow)  # the focus ring is drawn in an active window
    problems: list[str] = []

    def check_page() -> None:
        page = kiosk.current()
        assert page is not None
        for button in page.findChildren(QPushButton):
            if not button.isVisibleTo(page) or not button.text():
                continue
            for focused in (False, True):
                if focused:
                    button.setFocus(Qt.FocusReason.TabFocusReason)
                    assert button.hasFocus()
                else:
                    button.clearFocus()
                problem = clipped(button)
                if problem:
                    problems.append(f"{'focused' if focused else 'resting'} {problem}")

    check_page()
    fill_to_review(qtbot, kiosk)
    check_page()
    click(qtbot, kiosk.review.next_button)
    check_page()
    assert problems == []
