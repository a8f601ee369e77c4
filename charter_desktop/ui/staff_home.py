"""The staff area behind the PIN: the current event and today's count, back to the kiosk,
quit, About, and room for the staff tools (each added as a section with `add_section`)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from charter_desktop.core.staff.query import todays_counts
from charter_desktop.core.store import Store
from charter_desktop.core.sync.settings import load_sync_settings_of
from charter_desktop.ui.about import AboutDialog
from charter_desktop.ui.dates import show_date
from charter_desktop.ui.kiosk.widgets import label


class LazySection(QWidget):
    """A staff tab whose tool is made by `build` the first time the tab is shown."""

    def __init__(self, build: Callable[[], QWidget], parent: QWidget | None = None):
        super().__init__(parent)
        self._build = build
        self._content: QWidget | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    def content(self) -> QWidget:
        if self._content is None:
            self._content = self._build()
            self._layout.addWidget(self._content)
        return self._content

    def forget(self) -> None:
        """Destroy the tool and everything it shows (tables, dialogs, typed fields): the next
        visit builds it again from what is stored, as locked or unlocked as it is then."""
        if self._content is not None:
            # Deleted by Qt once control returns to the event loop: any work it started is
            # told first (its signals disconnect), and no Python reference frees it early.
            self._content.hide()
            self._content.deleteLater()
            self._content = None

    def showEvent(self, event: QShowEvent) -> None:
        self.content()
        super().showEvent(event)


class StaffHome(QWidget):
    back_to_kiosk = Signal()
    quit_requested = Signal()

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.setVisible(False)  # until the window makes it a page, after the staff PIN
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
        self.count_label = label("", "count")
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

    def add_section(self, title: str, widget: QWidget | Callable[[], QWidget]) -> None:
        """Add a staff tool (the staff console, settings…) as its own tab after Overview;
        given a function instead of a widget, the tool is built when its tab is first shown."""
        self.tabs.addTab(widget if isinstance(widget, QWidget) else LazySection(widget), title)

    def leave(self) -> None:
        """Back to the public: every staff tool built since is destroyed with what it held,
        and this area leaves the window's pages, so nothing of it is on the accessibility bus
        (where a hidden button can still be pressed) until staff return."""
        for dialog in self.findChildren(QDialog):  # a passphrase, pledge or About dialog
            dialog.reject()
        for index in range(self.tabs.count()):
            widget = self.tabs.widget(index)
            if isinstance(widget, LazySection):
                widget.forget()
        holder = self.parentWidget()
        if isinstance(holder, QStackedWidget):
            # Out of the stack's pages, which are all a screen reader can reach through it;
            # still the stack's child, so it goes when the window goes.
            holder.removeWidget(self)

    def section(self, index: int) -> QWidget:
        """The staff tool in tab `index` (built now if it was waiting to be shown)."""
        widget = self.tabs.widget(index)
        if isinstance(widget, LazySection):
            return widget.content()
        assert widget is not None, f"no staff section {index}"
        return widget

    def refresh(self) -> None:
        event = self.store.current_event()
        counts = todays_counts(self.store)
        place = f", {event.place}" if event.place else ""
        self.event_label.setText(
            self.tr("Current event: {0}{1}, {2}").format(
                event.name, place, show_date(event.event_date)
            )
        )
        total, target = counts.event_total, counts.event_target
        if load_sync_settings_of(self.store).configured:  # every kiosk's, as far as known
            from charter_desktop.core.sync.event_total import event_status

            status = event_status(self.store)
            total, target = status.event_total, status.target
        self.count_label.setText(
            self.tr(
                "%n pledge(s) today on this kiosk; {0} of {1} for this event", "", counts.today
            ).format(total, target)
        )
        self.tabs.setCurrentIndex(0)

    def show_about(self) -> None:
        self.about = AboutDialog(self.store.paths, self.store.catalogue.charter_name, self)
        self.about.setWindowModality(Qt.WindowModality.WindowModal)
        self.about.open()
