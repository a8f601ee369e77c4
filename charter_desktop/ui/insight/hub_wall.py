"""The pledge wall following the hub: the whole event's count and newest pledges, from every
kiosk, read from the hub's wall (core.sync.wall_feed) every 2 s on a worker thread, so the
wall never waits for the network."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QObject, QTimer, Signal

from charter_desktop.core.clock import parse_timestamp, utc_now
from charter_desktop.core.insight.wall import WallPledge
from charter_desktop.core.sync.wall_feed import HubWall, HubWallPledge, WallFeed, WallUnavailable
from charter_desktop.ui.worker import BackgroundCall

log = logging.getLogger(__name__)
HUB_POLL_MS = 2000


def wall_pledge(pledge: HubWallPledge) -> WallPledge:
    """A hub pledge as the wall's cards show one: the hub sends no own words, so a pledge made
    of them alone says so."""
    try:
        created = parse_timestamp(pledge.created_at)
    except ValueError:
        created = utc_now()
    actions = pledge.actions or (
        QCoreApplication.translate("HubWall", "A pledge in their own words"),
    )
    return WallPledge(
        id=pledge.key, created_at=created, actions=actions, own_words=None, name=pledge.name
    )


def read_hub(feed: WallFeed) -> HubWall | str:
    """The hub's wall, or why it could not be read (a hub away is no failure to log)."""
    try:
        return feed.fetch()
    except WallUnavailable as exc:
        return str(exc)


class HubWallPoller(QObject):
    """Asks the hub for the wall every `poll_ms`, one request at a time: `updated(HubWall)`
    with each answer, `unreached(message)` when the hub cannot say."""

    updated = Signal(object)
    unreached = Signal(str)

    def __init__(
        self, feed: WallFeed, parent: QObject | None = None, *, poll_ms: int = HUB_POLL_MS
    ):
        super().__init__(parent)
        self.feed = feed
        self.call: BackgroundCall | None = None
        self.last: HubWall | None = None
        self._closing = False
        self.timer = QTimer(self)
        self.timer.setInterval(poll_ms)
        self.timer.timeout.connect(self.poll)

    def start(self) -> None:
        self._closing = False
        self.timer.start()
        self.poll()

    def stop(self) -> None:
        """No more requests; the connection closes (after the one running, if any)."""
        self.timer.stop()
        self._closing = True
        if self.call is None or not self.call.running:
            self.feed.close()

    def poll(self) -> None:
        if self.call is not None and self.call.running:
            return
        feed = self.feed
        self.call = BackgroundCall(lambda: read_hub(feed), self)
        self.call.done.connect(self._done)
        self.call.failed.connect(self._failed)
        self.call.start()

    def _done(self, answer: HubWall | str) -> None:
        if self._closing:
            self.feed.close()
        elif isinstance(answer, str):
            log.info("hub wall not read: %s", answer)
            self.unreached.emit(answer)
        else:
            self.last = answer
            self.updated.emit(answer)

    def _failed(self, message: str) -> None:
        self._done(message)
