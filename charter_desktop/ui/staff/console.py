"""The staff console (behind the PIN): Today, Pledges, Events & settings, Paper cards,
Export, Council sync, Email, Backups and Privacy as tabs over one opened store."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QScrollArea, QTabWidget, QVBoxLayout, QWidget

from charter_desktop.core.store import Store
from charter_desktop.ui.staff.backup_page import BackupPage
from charter_desktop.ui.staff.file_pages import ExportPage, PaperPage
from charter_desktop.ui.staff.mail_page import MailPage
from charter_desktop.ui.staff.pledges_page import CertificateActions, PledgesPage
from charter_desktop.ui.staff.privacy_page import PrivacyPage
from charter_desktop.ui.staff.setup_pages import EventsPage, TodayPage
from charter_desktop.ui.staff.sync_page import SyncPage

STAFF_STYLE = """
QTabBar::tab { min-height: 44px; padding: 6px 20px; }
QWidget { font-size: 16px; }
QPushButton { min-height: 44px; padding: 4px 16px; }
QComboBox, QLineEdit, QDateEdit, QSpinBox { min-height: 40px; }
QLabel#count { font-size: 22px; font-weight: 600; }
"""


class StaffConsole(QWidget):
    def __init__(
        self,
        store: Store,
        parent: QWidget | None = None,
        certificate_actions: CertificateActions | None = None,
    ):
        super().__init__(parent)
        self.store = store
        self.setObjectName("staffConsole")
        self.setStyleSheet(STAFF_STYLE)
        layout = QVBoxLayout(self)
        self.tabs = QTabWidget()
        self.today = TodayPage(store)
        self.pledges = PledgesPage(store, certificate_actions)
        self.events = EventsPage(store)
        self.paper = PaperPage(store)
        self.export = ExportPage(store)
        self.council = SyncPage(store)
        self.mail = MailPage(store)
        self.backups = BackupPage(store)
        self.privacy = PrivacyPage(store)
        self._holders: dict[QWidget, QScrollArea] = {}
        for page, title in (
            (self.today, self.tr("Today")),
            (self.pledges, self.tr("Pledges")),
            (self.events, self.tr("Events && settings")),
            (self.paper, self.tr("Paper cards")),
            (self.export, self.tr("Export")),
            (self.council, self.tr("Council sync")),
            (self.mail, self.tr("Email")),
            (self.backups, self.tr("Backups")),
            (self.privacy, self.tr("Privacy")),
        ):
            self.tabs.addTab(self._scrolling(page, title), title)
        layout.addWidget(self.tabs)
        self.tabs.currentChanged.connect(self._tab_shown)
        self.paper.imported.connect(self.today.refresh)
        self.paper.imported.connect(self.pledges.refresh)

    def _scrolling(self, page: QWidget, title: str) -> QScrollArea:
        """`page` in a scroll area, so the console fits a 1280x800 screen with a large system
        font: a page taller or wider than the space scrolls instead of pushing the window
        off the screen."""
        holder = QScrollArea()
        holder.setWidgetResizable(True)
        holder.setFrameShape(QFrame.Shape.NoFrame)
        holder.setAccessibleName(title.replace("&&", "&"))
        holder.setWidget(page)
        self._holders[page] = holder
        return holder

    def page_at(self, index: int) -> QWidget | None:
        holder = self.tabs.widget(index)
        return holder.widget() if isinstance(holder, QScrollArea) else holder

    def show_page(self, page: QWidget) -> None:
        """Bring one of the console's pages (self.today, self.pledges ...) to the front."""
        self.tabs.setCurrentWidget(self._holders[page])

    def _tab_shown(self, index: int) -> None:
        """Each page shows what is stored now (the kiosk or another page may have added)."""
        page = self.page_at(index)
        if page is self.today:
            self.today.refresh()
        elif page is self.pledges:
            self.pledges.reload_events()
            self.pledges.refresh()
        elif page is self.export:
            self.export.reload_events()
        elif page in (self.council, self.mail, self.backups):
            page.refresh()
