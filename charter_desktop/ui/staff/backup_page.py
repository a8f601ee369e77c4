"""The console's Backups page: back up now (to the rolling folder or a USB stick), and the
rolling backups the app keeps by itself."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from charter_desktop.core.storage import backup
from charter_desktop.core.store import Store
from charter_desktop.ui.dates import show_datetime
from charter_desktop.ui.kiosk.widgets import PlainLabel
from charter_desktop.ui.staff.staff_secret import guard
from charter_desktop.ui.worker import BackgroundCall


class BackupPage(QWidget):
    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.call: BackgroundCall | None = None
        layout = QVBoxLayout(self)
        intro = PlainLabel(
            self.tr(
                "While it runs, the app backs the database up whenever the newest backup is "
                "an hour old (it looks shortly after it starts, then every 10 minutes), "
                "keeping the newest {0}; each backup is checked before it is kept. To restore "
                "one, close the app and follow the README's Backups section."
            ).format(backup.DEFAULT_KEEP)
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        row = QHBoxLayout()
        self.now_button = QPushButton(self.tr("Back up now"))
        self.now_button.clicked.connect(lambda: self.back_up(None))
        self.usb_button = QPushButton(self.tr("Back up to a file…"))
        guard(self.usb_button, self.store, self.tr("A backup to a USB stick"), self.choose_file)
        row.addWidget(self.now_button)
        row.addWidget(self.usb_button)
        row.addStretch(1)
        layout.addLayout(row)
        self.message = PlainLabel()
        self.message.setWordWrap(True)
        layout.addWidget(self.message)
        self.table = QTableWidget(0, 3)
        self.table.setHorizontalHeaderLabels([self.tr("Made"), self.tr("Size"), self.tr("File")])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setVisible(False)
        self.table.setAccessibleName(self.tr("Rolling backups"))
        layout.addWidget(self.table, 1)
        self.refresh()

    def refresh(self) -> None:
        made = backup.list_backups(self.store.paths)
        self.table.setRowCount(len(made))
        for row, info in enumerate(made):
            when = show_datetime(info.made_at)
            for column, text in enumerate((when, f"{info.size / 1e6:.1f} MB", str(info.path))):
                self.table.setItem(row, column, QTableWidgetItem(text))

    def choose_file(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Back up to a file"),
            "charter-backup.sqlite3",
            self.tr("Backups (*.sqlite3)"),
        )
        if path:
            self.back_up(Path(path))

    def back_up(self, destination: Path | None) -> None:
        """A backup on a worker thread: to `destination`, or a rolling one when None."""
        if self.call is not None and self.call.running:
            return
        paths = self.store.paths

        def work() -> backup.BackupInfo:
            if destination is None:
                return backup.make_rolling_backup(paths)
            return backup.backup_database(paths.database, destination)

        self.now_button.setEnabled(False)
        self.usb_button.setEnabled(False)
        self.message.setText(self.tr("Backing up…"))
        self.call = BackgroundCall(work, self)
        self.call.done.connect(self._finished)
        self.call.failed.connect(self._failed)
        self.call.start()

    def _finished(self, info: backup.BackupInfo) -> None:
        self.now_button.setEnabled(True)
        self.usb_button.setEnabled(True)
        self.message.setText(
            self.tr("Backed up to {0} ({1:.1f} MB, integrity check ok).").format(
                info.path, info.size / 1e6
            )
        )
        self.refresh()

    def _failed(self, message: str) -> None:
        self.now_button.setEnabled(True)
        self.usb_button.setEnabled(True)
        self.message.setText(self.tr("⚠ The backup failed: {0}").format(message))
