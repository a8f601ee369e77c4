"""Starts the Qt application on an opened store and shows the main window."""

from __future__ import annotations

import logging
import sys

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QStackedWidget

from charter_desktop.core.paths import AppPaths
from charter_desktop.core.store import Store, StoreError
from charter_desktop.ui.about import AboutDialog
from charter_desktop.ui.style import STYLESHEET
from charter_desktop.ui.welcome import WelcomeScreen

log = logging.getLogger(__name__)


class MainWindow(QMainWindow):
    def __init__(self, store: Store):
        super().__init__()
        self.store = store
        self.setWindowTitle(store.catalogue.charter_name)
        self.stack = QStackedWidget()
        self.welcome = WelcomeScreen(store.catalogue)
        self.stack.addWidget(self.welcome)
        self.setCentralWidget(self.stack)
        about = QAction(self.tr("About Charter Desktop"), self)
        about.setShortcut(QKeySequence.StandardKey.HelpContents)
        about.triggered.connect(self.show_about)
        self.menuBar().addMenu(self.tr("&Help")).addAction(about)
        self.refresh_count()

    def refresh_count(self) -> None:
        event = self.store.current_event()
        self.welcome.show_count(self.store.count_pledges(event.id), event.target, event.name)

    def show_about(self) -> None:
        AboutDialog(self.store.paths, self.store.catalogue.charter_name, self).exec()


def run_app(paths: AppPaths) -> int:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv)
    app.setApplicationName("Charter Desktop")
    app.setStyleSheet(STYLESHEET)
    try:
        store = Store.open(paths)
    except StoreError as exc:
        QMessageBox.critical(None, "Charter Desktop", str(exc))
        return 1
    window = MainWindow(store)
    window.resize(1280, 800)
    window.show()
    log.info("window shown; data in %s", paths.data_dir)
    try:
        return int(app.exec())
    finally:
        store.close()
