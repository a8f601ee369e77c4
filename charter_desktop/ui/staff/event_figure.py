"""The Council sync page's line on the event-wide count: the figure the welcome screen shows,
this kiosk's share of it, and how fresh the hub's part is ("from the hub as of 14:02:31, 3 s
ago"; or "hub not reached since 13:55:02", the kiosk's new pledges counted on top)."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QHideEvent, QShowEvent
from PySide6.QtWidgets import QWidget

from charter_desktop.core.store import Store
from charter_desktop.core.sync.event_total import EventStatus, event_status
from charter_desktop.core.sync.settings import load_sync_settings_of
from charter_desktop.ui.dates import show_clock
from charter_desktop.ui.kiosk.widgets import PlainLabel

STALE_AFTER_SECONDS = 30  # and at least three of the kiosk's sync intervals
REFRESH_MS = 2000  # while staff look at it (a local read: no network)


def stale_after(interval_seconds: int | None) -> float:
    """How old the hub's figure may be before staff are told the hub is not being reached."""
    return max(STALE_AFTER_SECONDS, 3 * (interval_seconds or 0))


class EventFigure(PlainLabel):
    """The event's count and its freshness, read again every REFRESH_MS while shown. Empty
    when this kiosk has no hub set up (its count is then its own)."""

    def __init__(self, store: Store, parent: QWidget | None = None):
        super().__init__("", parent)
        self.store = store
        self.setWordWrap(True)
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_MS)
        self.timer.timeout.connect(self.refresh)

    def refresh(self) -> None:
        settings = load_sync_settings_of(self.store)
        if not settings.configured:
            self.setText("")
            self.setVisible(False)
            return
        self.setText(
            self.describe(event_status(self.store), stale_after(settings.interval_seconds))
        )
        self.setVisible(True)

    def describe(self, status: EventStatus, stale_seconds: float) -> str:
        figures = self.tr("Event total {0} (this kiosk {1})").format(
            status.event_total, status.this_kiosk
        )
        if status.hub_as_of is None or status.fresh_seconds is None:
            return self.tr(
                "{0}: the hub has not been reached yet, so this counts this kiosk's pledges only."
            ).format(figures)
        when = show_clock(status.hub_as_of)
        if status.fresh_seconds > stale_seconds:
            return self.tr(
                "{0}: hub not reached since {1}; counting this kiosk's new pledges on top."
            ).format(figures, when)
        seconds = round(status.fresh_seconds)
        return self.tr("{0}, from the hub as of {1}, %n second(s) ago.", "", seconds).format(
            figures, when
        )

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.timer.start()

    def hideEvent(self, event: QHideEvent) -> None:
        super().hideEvent(event)
        self.timer.stop()
