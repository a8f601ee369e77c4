"""The welcome screen: the charter's name, what a pledge is, and the count against the target."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from charter_desktop.core.catalogue import Catalogue


class WelcomeScreen(QWidget):
    start_requested = Signal()

    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("welcome")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(64, 48, 64, 48)
        layout.setSpacing(24)
        layout.addStretch(1)
        council = QLabel(catalogue.council)
        council.setObjectName("council")
        title = QLabel(catalogue.charter_name)
        title.setObjectName("title")
        title.setWordWrap(True)
        summary = QLabel(catalogue.summary)
        summary.setWordWrap(True)
        invitation = QLabel(catalogue.pledge_invitation)
        invitation.setWordWrap(True)
        self.count_label = QLabel()
        self.count_label.setObjectName("count")
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Pledges so far against the target"))
        self.progress.setTextVisible(False)
        self.start_button = QPushButton(self.tr("Make your pledge"))
        self.start_button.setObjectName("primary")
        self.start_button.setAccessibleName(self.tr("Make your pledge"))
        self.start_button.setMinimumHeight(72)
        self.start_button.clicked.connect(self.start_requested)
        for widget in (
            council,
            title,
            summary,
            invitation,
            self.count_label,
            self.progress,
            self.start_button,
        ):
            layout.addWidget(
                widget,
                alignment=Qt.AlignmentFlag.AlignHCenter
                if widget is self.start_button
                else Qt.AlignmentFlag(0),
            )
        layout.addStretch(2)

    def show_count(self, count: int, target: int, event_name: str) -> None:
        self.count_label.setText(
            self.tr("{0} of {1} pledges so far at {2}").format(count, target, event_name)
        )
        self.progress.setRange(0, target)
        self.progress.setValue(min(count, target))
