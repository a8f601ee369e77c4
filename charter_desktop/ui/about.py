"""The About box: version, and where this installation keeps its data and logs."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

import charter_desktop
from charter_desktop.core.storage.paths import AppPaths
from charter_desktop.ui.dialog_fit import fit_to_screen
from charter_desktop.ui.kiosk.widgets import PlainLabel


class AboutDialog(QDialog):
    def __init__(self, paths: AppPaths, charter_name: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("About Charter Desktop"))
        layout = QVBoxLayout(self)
        title = QLabel(f"<h2>Charter Desktop {charter_desktop.__version__}</h2>")
        title.setAccessibleName(f"Charter Desktop {charter_desktop.__version__}")
        layout.addWidget(title)
        layout.addWidget(PlainLabel(self.tr("Pledges to the {0}.").format(charter_name)))
        self.details = PlainLabel(
            self.tr("Data folder: {0}\nDatabase: {1}\nLog folder: {2}").format(
                paths.data_dir, paths.database, paths.log_dir
            )
        )
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(self.details)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        fit_to_screen(self)
