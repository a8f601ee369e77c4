"""The staff dashboard: today's and the event's pledges against the target, charts by pledger
type, benefit, action, postcode district and time, and the community balance sheet; with
buttons to open the pledge wall (this kiosk's pledges, or on a kiosk set up from a kiosk pack
the whole event's from the hub) and to make the impact report."""

from __future__ import annotations

import logging
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from charter_desktop.core.exports.balance_export import balance_lines, write_balance_sheet
from charter_desktop.core.insight.figures import NOT_GIVEN, OWN_WORDS_ONLY, Insight
from charter_desktop.core.insight.queries import store_insight
from charter_desktop.core.report.service import ReportWritten, write_store_report
from charter_desktop.core.store import Store
from charter_desktop.core.sync.claim import enrolment_of
from charter_desktop.core.sync.settings import SyncSettings, load_sync_settings_of
from charter_desktop.core.sync.wall_feed import WallFeed
from charter_desktop.ui.dates import show_date, show_time
from charter_desktop.ui.insight.balance_model import BalanceSheetModel
from charter_desktop.ui.insight.charts import BarChart, ColumnChart, ProgressStrip
from charter_desktop.ui.insight.wall import PledgeWall, open_wall
from charter_desktop.ui.kiosk.widgets import label
from charter_desktop.ui.worker import BackgroundCall

log = logging.getLogger(__name__)
REFRESH_MS = 30_000
HOURLY_UP_TO_DAYS = 2


def time_columns(insight: Insight) -> tuple[str, list[tuple[str, int]]]:
    """Per hour for an event of a day or two, else per day: (which, [(label, count)])."""
    if len(insight.per_day) <= HOURLY_UP_TO_DAYS:
        return "hour", [(show_time(h.replace(tzinfo=None)), n) for h, n in insight.per_hour]
    return "day", [(show_date(d), n) for d, n in insight.per_day]


class InsightDashboard(QWidget):
    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__(parent)
        self.store = store
        self.setObjectName("screen")
        self.insight: Insight | None = None
        self.call: BackgroundCall | None = None
        self.report_call: BackgroundCall | None = None
        self.wall: PledgeWall | None = None
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        outer.addWidget(scroll)
        body = QWidget()
        scroll.setWidget(body)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(16, 12, 16, 16)
        layout.setSpacing(12)
        layout.addLayout(self._top_bar())
        self.headline = label("", "subheading")
        layout.addWidget(self.headline)
        self.progress = ProgressStrip()
        layout.addWidget(self.progress)
        self.status = label("", "muted")
        layout.addWidget(self.status)
        layout.addLayout(self._charts())
        self._balance_sheet(layout)
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)

    def _charts(self) -> QGridLayout:
        grid = QGridLayout()
        grid.setSpacing(12)
        self.by_type = BarChart(self.tr("Pledges by who is pledging"))
        self.by_benefit = BarChart(self.tr("Pledges by benefit"))
        self.by_action = BarChart(self.tr("Pledges by charter action"))
        self.by_district = BarChart(self.tr("Pledges by postcode district"))
        self.over_time = ColumnChart(self.tr("Pledges over time"))
        grid.addWidget(self.by_type, 0, 0)
        grid.addWidget(self.by_benefit, 0, 1)
        grid.addWidget(self.by_action, 1, 0, 1, 2)
        grid.addWidget(self.by_district, 2, 0)
        grid.addWidget(self.over_time, 2, 1)
        return grid

    def _balance_sheet(self, layout: QVBoxLayout) -> None:
        heading = QHBoxLayout()
        heading.addWidget(label(self.tr("Community balance sheet"), "heading"), 1)
        self.balance_button = QPushButton(self.tr("Save balance sheet…"))
        self.balance_button.setAccessibleName(self.tr("Save balance sheet"))
        self.balance_button.clicked.connect(self.choose_balance_file)
        heading.addWidget(self.balance_button)
        layout.addLayout(heading)
        layout.addWidget(
            label(
                self.tr(
                    "What pledgers said they will do, added up for the whole town and for "
                    "each organisation (shares of spend are averaged)."
                ),
                "muted",
            )
        )
        self.balance_model = BalanceSheetModel(self)
        self.balance = QTableView()
        self.balance.setModel(self.balance_model)
        self.balance.setAccessibleName(self.tr("Community balance sheet"))
        self.balance.verticalHeader().setVisible(False)
        self.balance.setWordWrap(True)
        self.balance.setMinimumHeight(420)
        header = self.balance.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        # Rows grow to fit a wrapped measure whenever the columns change width.
        header.sectionResized.connect(lambda *_: self.balance.resizeRowsToContents())
        layout.addWidget(self.balance)

    def _top_bar(self) -> QHBoxLayout:
        bar = QHBoxLayout()
        bar.addWidget(label(self.tr("Insight"), "heading"), 1)
        self.scope = QComboBox()
        self.scope.setAccessibleName(self.tr("Which pledges"))
        self.scope.addItem(self.tr("This event"), "event")
        self.scope.addItem(self.tr("All events"), "all")
        self.scope.setMinimumHeight(48)
        self.scope.currentIndexChanged.connect(self.refresh)
        bar.addWidget(self.scope)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.refresh)
        self.wall_source = QComboBox()
        self.wall_source.setAccessibleName(self.tr("What the pledge wall shows"))
        self.wall_source.addItem(self.tr("This kiosk's pledges"), "kiosk")
        self.wall_source.addItem(self.tr("The whole event (from the hub)"), "hub")
        self.wall_source.setMinimumHeight(48)
        self.wall_source.setVisible(self.hub_event() is not None)  # only an enrolled kiosk
        bar.addWidget(self.wall_source)
        self.wall_button = QPushButton(self.tr("Open the pledge wall"))
        self.wall_button.clicked.connect(self.open_wall)
        self.report_button = QPushButton(self.tr("Make impact report…"))
        self.report_button.clicked.connect(self.choose_report_file)
        for button in (self.refresh_button, self.wall_button, self.report_button):
            button.setAccessibleName(button.text().rstrip("…"))
            bar.addWidget(button)
        return bar

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.refresh()
        self.timer.start()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.timer.stop()

    def event_id(self) -> str | None:
        return None if self.scope.currentData() == "all" else self.store.current_event().id

    def refresh(self) -> None:
        """Work the figures out again on a worker thread; they are shown when ready."""
        if self.call is not None and self.call.running:
            return
        store, event_id = self.store, self.event_id()
        self.call = BackgroundCall(lambda: store_insight(store, event_id), self)
        self.call.done.connect(self.show_insight)
        self.call.failed.connect(
            lambda m: self.status.setText(self.tr("Not updated: {0}").format(m))
        )
        self.call.start()

    def show_insight(self, insight: Insight) -> None:
        self.insight = insight
        which = insight.event.name if insight.event else self.tr("all events")
        self.headline.setText(
            self.tr("%n pledge(s) today · {0} of {1} for {2}", "", insight.today).format(
                insight.total, insight.target, which
            )
        )
        percent = round(100 * insight.progress)
        self.progress.set_progress(
            insight.total,
            insight.target,
            self.tr("{0} of %n pledge(s) ({1}%)", "", insight.target).format(
                insight.total, percent
            ),
        )
        none = self.tr("No pledges yet")
        self.by_type.set_bars([(t.label, t.count) for t in insight.by_type], none)
        benefits = [
            (self.tr("Own words only") if t.key == OWN_WORDS_ONLY else t.label, t.count)
            for t in insight.by_benefit
        ]
        self.by_benefit.set_bars(benefits, none)
        self.by_action.set_bars([(t.label, t.count) for t in insight.by_action], none)
        districts = [
            (self.tr("Not given") if t.key == NOT_GIVEN else t.label, t.count)
            for t in insight.by_district
        ]
        self.by_district.set_bars(districts[:8], none)
        which_time, columns = time_columns(insight)
        self.over_time.title = (
            self.tr("Pledges per hour") if which_time == "hour" else self.tr("Pledges per day")
        )
        self.over_time.setAccessibleName(self.over_time.title)
        self.over_time.set_columns(columns, none)
        self.balance_model.set_lines(insight.balance_town, insight.balance_organisations)
        self.balance.resizeRowsToContents()
        self.status.setText(
            self.tr(
                "%n pledge(s) gave a measure; {0} agreed to show their name.",
                "",
                insight.with_measures,
            ).format(insight.named_publicly)
        )

    def hub_event(self) -> tuple[SyncSettings, str] | None:
        """The hub and the event a kiosk set up from a kiosk pack follows; None otherwise."""
        record = enrolment_of(self.store)
        settings = load_sync_settings_of(self.store)
        event_id = record.get("event_id")
        if not record.get("pack_id") or not settings.hub_url or not isinstance(event_id, str):
            return None
        return settings, event_id

    def open_wall(self) -> PledgeWall:
        """Show the pledge wall, full screen on the second screen if there is one: this
        kiosk's pledges, or the whole event's from the hub when staff chose so."""
        hub = self.hub_event() if self.wall_source.currentData() == "hub" else None
        wanted = "hub" if hub is not None else "kiosk"
        if self.wall is not None and self.wall.property("source") != wanted:
            self.wall.close()
            self.wall.deleteLater()
            self.wall = None
        if self.wall is None:
            feed = WallFeed(*hub) if hub is not None else None
            self.wall = PledgeWall(self.store, hub=feed)
            self.wall.setProperty("source", wanted)
        open_wall(self.wall)
        return self.wall

    def choose_balance_file(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Save the balance sheet"),
            "balance-sheet.xlsx",
            self.tr("Spreadsheet (*.xlsx);;CSV (*.csv)"),
        )
        if path:
            self.save_balance_sheet(Path(path))

    def save_balance_sheet(self, path: Path) -> None:
        """Write the balance sheet on screen (CSV or XLSX by the file's ending)."""
        if self.insight is None:
            return
        fmt = "csv" if path.suffix.lower() == ".csv" else "xlsx"
        if path.suffix.lower() not in (".csv", ".xlsx"):
            path = path.with_suffix(".xlsx")
        try:
            count = write_balance_sheet(balance_lines(self.insight), fmt, path)
        except OSError as exc:
            self.status.setText(self.tr("The balance sheet was not saved: {0}").format(exc))
            return
        self.status.setText(
            self.tr("Balance sheet saved: {0} (%n line(s))", "", count).format(path)
        )

    def choose_report_file(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the impact report"), "impact-report.pdf", self.tr("PDF (*.pdf)")
        )
        if path:
            self.make_report(Path(path))

    def make_report(self, path: Path) -> None:
        """Write the impact report on a worker thread; the outcome shows under the figures."""
        if self.report_call is not None and self.report_call.running:
            return
        store, event_id = self.store, self.event_id()
        self.report_button.setEnabled(False)
        self.status.setText(self.tr("Making the impact report…"))
        self.report_call = BackgroundCall(lambda: write_store_report(store, path, event_id), self)
        self.report_call.done.connect(self._report_done)
        self.report_call.failed.connect(self._report_failed)
        self.report_call.start()

    def _report_done(self, written: ReportWritten) -> None:
        self.report_button.setEnabled(True)
        self.status.setText(
            self.tr("Impact report saved: {0} (%n page(s))", "", written.pages).format(written.path)
        )

    def _report_failed(self, message: str) -> None:
        self.report_button.setEnabled(True)
        self.status.setText(self.tr("The impact report was not made: {0}").format(message))
        log.error("impact report failed: %s", message)


def insight_section(store: Store, parent: QWidget | None = None) -> QWidget:
    """The dashboard as a staff section (see StaffHome.add_section)."""
    return InsightDashboard(store, parent)
