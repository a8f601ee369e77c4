"""The main window and About box, driven with pytest-qt."""

from __future__ import annotations

from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from charter_desktop import __version__
from charter_desktop.core.store import Store
from charter_desktop.ui.about import AboutDialog
from charter_desktop.ui.app import MainWindow
from tests.helpers import pledge


def test_window_shows_the_charter_and_the_live_count(qtbot: QtBot, store: Store) -> None:
    store.add_pledges([pledge(), pledge(), pledge(status="withdrawn")], source="cli", actor="test")
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.show()
    assert window.windowTitle() == "Cooperative Inclusive Economy Charter"
    assert window.welcome.count_label.text().startswith("2 of 100 pledges")
    assert window.welcome.progress.value() == 2


def test_about_box_shows_version_and_folders(qtbot: QtBot, store: Store) -> None:
    dialog = AboutDialog(store.paths, store.catalogue.charter_name)
    qtbot.addWidget(dialog)
    assert QApplication.instance() is not None
    text = dialog.details.text()
    assert str(store.paths.data_dir) in text and str(store.paths.log_dir) in text
    assert __version__ in dialog.findChildren(type(dialog.details))[0].text()
