"""The staff area behind the PIN: the current event and today's count, back to the kiosk,
quit, About, and room for the staff tools (each added as a section with `add_section`)."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QTabWidget, QVBoxLayout, QWidget

from charter_desktop.core.kiosk import count_on_day
from charter_desktop.core.store import Store
from charter_desktop.ui.about import AboutDialog
from charter_desktop.ui.kiosk.widgets import label


class StaffHome(QWidget):
    back_to_kiosk = Signal()
    quit_requested = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.setObjectName("staffHome")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 8, 24, 16)
        layout.setSpacing(12)
        top = QHBoxLayout()
        top.addWidget(label(self.tr("Staff area"), "heading"), 1)
        self.back_button = QPushButton(self.tr("Back to the kiosk"))
        self.back_button.setObjectName("primary")
        self.back_button.setAccessibleName(self.tr("Back to the kiosk"))
        self.back_button.clicked.connect(self.back_to_kiosk)
        top.addWidget(self.back_button)
        layout.addLayout(top)
        self.tabs = QTabWidget()
        self.tabs.setDocumentMode(True)
        self.tabs.setAccessibleName(self.tr("Staff sections"))
        layout.addWidget(self.tabs, 1)
        overview = QWidget()
        overview.setObjectName("staffHome")
        column = QVBoxLayout(overview)
        column.setContentsMargins(8, 16, 8, 8)
        column.setSpacing(14)
        self.event_label = label("", "subheading")
        self.event_label.setAccessibleName(self.tr("Current event"))
        self.count_label = label("", "count")
        self.count_label.setAccessibleName(self.tr("Pledges today"))
        column.addWidget(self.event_label)
        column.addWidget(self.count_label)
        column.addWidget(
            label(
                self.tr(
                    "The kiosk locks itself again after the idle timeout. Quitting closes the "
                    "app; pledges are already saved."
                ),
                "muted",
            )
        )
        buttons = QHBoxLayout()
        self.about_button = QPushButton(self.tr("About Charter Desktop"))
        self.about_button.setAccessibleName(self.tr("About Charter Desktop"))
        self.about_button.clicked.connect(self.show_about)
        self.quit_button = QPushButton(self.tr("Quit Charter Desktop"))
        self.quit_button.setAccessibleName(self.tr("Quit Charter Desktop"))
        self.quit_button.clicked.connect(self.quit_requested)
        buttons.addWidget(self.about_button)
        buttons.addWidget(self.quit_button)
        buttons.addStretch(1)
        column.addLayout(buttons)
        column.addStretch(1)
        self.tabs.addTab(overview, self.tr("Overview"))
        self.about: AboutDialog | None = None

    def add_section(self, title: str, widget: QWidget) -> None:
        """Add a staff tool (the staff console, settings…) as its own tab after Overview."""
        self.tabs.addTab(widget, title)

    def refresh(self) -> None:
        event = self.store.current_event()
        total = self.store.count_pledges(event.id)
        today = count_on_day(self.store)
        place = f", {event.place}" if event.place else ""
        self.event_label.setText(
            self.tr("Current event: {0}{1}, {2}").format(
                event.name, place, event.event_date.isoformat()
            )
        )
        self.count_label.setText(
            self.tr("{0} pledges today on this kiosk; {1} of {2} for this event").format(
                today, total, event.target
            )
        )
        self.tabs.setCurrentIndex(0)

    def show_about(self) -> None:
        self.about = AboutDialog(self.store.paths, self.store.catalogue.charter_name, self)
        self.about.setWindowModality(Qt.WindowModality.WindowModal)
        self.about.open()
