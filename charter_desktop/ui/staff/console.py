"""The staff console (behind the PIN): Today, Pledges, Events & settings, Paper cards,
Export, Council sync, Email, Backups and Privacy as tabs over one opened store."""

from __future__ import annotations

from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

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
        self.tabs.addTab(self.today, self.tr("Today"))
        self.tabs.addTab(self.pledges, self.tr("Pledges"))
        self.tabs.addTab(self.events, self.tr("Events && settings"))
        self.tabs.addTab(self.paper, self.tr("Paper cards"))
        self.tabs.addTab(self.export, self.tr("Export"))
        self.tabs.addTab(self.council, self.tr("Council sync"))
        self.tabs.addTab(self.mail, self.tr("Email"))
        self.tabs.addTab(self.backups, self.tr("Backups"))
        self.tabs.addTab(self.privacy, self.tr("Privacy"))
        layout.addWidget(self.tabs)
        self.tabs.currentChanged.connect(self._tab_shown)
        self.paper.imported.connect(self.today.refresh)
        self.paper.imported.connect(self.pledges.refresh)

    def _tab_shown(self, index: int) -> None:
        """Each page shows what is stored now (the kiosk or another page may have added)."""
        page = self.tabs.widget(index)
        if page is self.today:
            self.today.refresh()
        elif page is self.pledges:
            self.pledges.reload_events()
            self.pledges.refresh()
        elif page is self.export:
            self.export.reload_events()
        elif page in (self.council, self.mail, self.backups):
            page.refresh()
