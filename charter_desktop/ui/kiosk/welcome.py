"""The welcome screen: the charter's name, what a pledge is, the live count against the
event's target, and one big start button."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QProgressBar, QPushButton, QVBoxLayout, QWidget

from charter_desktop.core.catalogue import Catalogue
from charter_desktop.ui.kiosk.widgets import label


class WelcomeScreen(QWidget):
    start_requested = Signal()

    def __init__(self, catalogue: Catalogue, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("screen")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(96, 16, 96, 40)
        layout.setSpacing(20)
        layout.addStretch(1)
        self.title = label(catalogue.charter_name, "title")
        self.title.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.title)
        what = label(
            self.tr(
                "A pledge is your promise to do something, big or small, that helps build "
                "a fairer society and a more resilient economy in our town."
            ),
            "subheading",
        )
        what.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(what)
        for text in (catalogue.summary, catalogue.pledge_invitation):
            paragraph = label(text)
            paragraph.setAlignment(Qt.AlignmentFlag.AlignHCenter)
            layout.addWidget(paragraph)
        layout.addSpacing(8)
        self.count_label: QLabel = label("", "count")
        self.count_label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.count_label)
        self.progress = QProgressBar()
        self.progress.setAccessibleName(self.tr("Pledges so far against the target"))
        self.progress.setTextVisible(False)
        layout.addWidget(self.progress)
        self.event_label = label("", "muted")
        self.event_label.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(self.event_label)
        layout.addSpacing(8)
        self.start_button = QPushButton(self.tr("Make your pledge"))
        self.start_button.setObjectName("primary")
        self.start_button.setAccessibleName(self.tr("Make your pledge"))
        self.start_button.setMinimumHeight(96)
        self.start_button.clicked.connect(self.start_requested)
        layout.addWidget(self.start_button, alignment=Qt.AlignmentFlag.AlignHCenter)
        hint = label(self.tr("It takes about two minutes. Tap the button to begin."), "muted")
        hint.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        layout.addWidget(hint)
        layout.addStretch(1)

    def show_count(self, count: int, target: int, event_name: str) -> None:
        text = self.tr("{0} of our target of %n pledge(s) so far", "", target).format(count)
        self.count_label.setText(text)
        self.event_label.setText(event_name)
        self.progress.setRange(0, target)
        self.progress.setValue(min(count, target))
        self.progress.setAccessibleDescription(text)

    def first_focus(self) -> QWidget:
        return self.start_button
