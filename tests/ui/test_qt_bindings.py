"""The Qt bindings keep Python's reference counts. PySide6 6.12.0 dropped a reference to None
on every call of a Qt method that returns nothing; on Python 3.11, where None is an ordinary
object, the kiosk's idle watcher alone (a few such calls per touch or key) freed None after some
tens of thousands of inputs and the interpreter aborted ("deallocating None"). pyproject.toml
excludes that release; this test fails on any release that does the same."""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QPushButton
from pytestqt.qtbot import QtBot

CALLS = 1000


@pytest.mark.skipif(
    sys.version_info >= (3, 12),
    reason="None, True and False are immortal from Python 3.12: their counts never change",
)
def test_calls_into_qt_keep_none_true_and_false_alive(qtbot: QtBot, qapp: QApplication) -> None:
    timer, label, button = QTimer(), QLabel(), QPushButton()
    qtbot.addWidget(label)
    qtbot.addWidget(button)
    button.setCheckable(True)
    before = [sys.getrefcount(value) for value in (None, True, False)]
    for _ in range(CALLS):
        timer.start(1000)  # methods that return nothing
        timer.stop()
        label.setText("x")
        button.setChecked(button.isChecked())  # a bool returned, and one passed in
        label.setVisible(label.isVisible())
    after = [sys.getrefcount(value) for value in (None, True, False)]
    lost = {
        name: b - a for name, b, a in zip(("None", "True", "False"), before, after, strict=True)
    }
    assert all(count < CALLS // 10 for count in lost.values()), lost
