"""Markup typed as a name or a pledge shows on the pledge wall as the characters typed: Qt
labels would otherwise take text that looks like HTML as rich text (bold, images)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from charter_desktop.core.store import Store
from charter_desktop.ui.insight.wall import PledgeWall
from tests.helpers import pledge

NAME = "<b>Bold</b><img src=x>"
WORDS = '<h1>Big</h1> & <a href="https://example.org">a link</a>'


def test_markup_on_the_wall_is_shown_as_typed(qtbot: QtBot, store: Store) -> None:
    store.add_pledges(
        [pledge(name=NAME, pledge_text=WORDS, consent_publish_name=True)],
        source="kiosk", actor="kiosk",
    )  # fmt: skip
    wall = PledgeWall(store, poll_ms=60_000)
    qtbot.addWidget(wall)
    wall.resize(1600, 1000)
    wall.show()
    qtbot.waitExposed(wall)
    [card] = wall.cards
    assert f"“{WORDS}”" in wall.shown_text() and f"— {NAME}" in wall.shown_text()
    labels = {label.text(): label for label in card.findChildren(QLabel)}
    for text in (f"“{WORDS}”", f"— {NAME}"):
        shown = labels[text]
        assert shown.textFormat() == Qt.TextFormat.PlainText
        # Drawn exactly as a plain-text label of the same style draws the same characters.
        plain = QLabel(text, card)
        plain.setObjectName(shown.objectName())
        plain.setTextFormat(Qt.TextFormat.PlainText)
        plain.setWordWrap(shown.wordWrap())
        plain.setGeometry(shown.geometry())
        plain.show()
        assert shown.grab().toImage() == plain.grab().toImage(), text
    wall.close()
