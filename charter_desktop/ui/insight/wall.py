"""The pledge wall: a second full-screen window for the big screen at an event, showing new
pledges as they arrive (their actions and own words, the name only with consent), the
running count and the progress to the target, and nothing else.

It polls the database every second (core.insight.wall), so pledges saved by another kiosk process
appear too; pledges withdrawn or erased since they were shown drop off at the next poll. On an
enrolled kiosk it can follow the hub instead (ui.insight.hub_wall): the whole event's count and
newest pledges from every kiosk.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication, QKeyEvent, QResizeEvent
from PySide6.QtWidgets import QFrame, QLabel, QSizePolicy, QVBoxLayout, QWidget

from charter_desktop.core.insight.wall import WallCursor, WallPledge, poll_wall
from charter_desktop.core.store import Store
from charter_desktop.core.sync.wall_feed import HubWall, WallFeed
from charter_desktop.ui.dates import show_clock
from charter_desktop.ui.insight.charts import ProgressStrip
from charter_desktop.ui.insight.hub_wall import HUB_POLL_MS, HubWallPoller, wall_pledge
from charter_desktop.ui.kiosk.widgets import label
from charter_desktop.ui.style import BRAND, CARD, INK, MUTED, PAGE

POLL_MS = 1000
SHOWN = 5
ACTIONS_SHOWN = 3


def wall_stylesheet(height: int) -> str:
    """Type sized for a hall: the body text is about 1/34 of the screen's height."""
    unit = max(14, height // 36)
    return f"""
QWidget#wall {{ background: {PAGE}; }}
QLabel {{ color: {INK}; font-size: {unit}px; }}
QLabel#wallTitle {{ color: {BRAND}; font-size: {round(unit * 1.7)}px; font-weight: 800; }}
QLabel#wallCount {{ color: {INK}; font-size: {round(unit * 1.5)}px; font-weight: 800; }}
QLabel#wallWords {{ font-size: {round(unit * 1.15)}px; font-style: italic; }}
QLabel#wallName {{ color: {MUTED}; font-size: {unit}px; font-weight: 700; }}
QLabel#wallNote {{ color: {MUTED}; font-size: {round(unit * 0.7)}px; }}
QFrame#wallCard {{ background: {CARD}; border: 3px solid {BRAND}; border-radius: 14px; }}
"""


class PledgeCard(QFrame):
    """One pledge on the wall: the words "New pledge", its actions, own words and name."""

    def __init__(self, pledge: WallPledge, parent: QWidget | None = None):
        super().__init__(parent)
        self.pledge_id = pledge.id
        self.setObjectName("wallCard")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 14, 24, 14)
        layout.setSpacing(6)
        for action in pledge.actions[:ACTIONS_SHOWN]:
            layout.addWidget(label(f"✔ {action}"))
        more = len(pledge.actions) - ACTIONS_SHOWN
        if more > 0:
            layout.addWidget(label(self.tr("… and {0} more").format(more), "wallName"))
        if pledge.own_words:
            layout.addWidget(label(f"“{pledge.own_words}”", "wallWords"))
        if pledge.name:
            layout.addWidget(label(f"— {pledge.name}", "wallName"))
        self.setAccessibleName(self.text())

    def text(self) -> str:
        return "\n".join(w.text() for w in self.findChildren(QLabel))


class PledgeWall(QWidget):
    """The wall of this kiosk's data folder; given `hub` (the hub's wall for the event), the
    whole event's, read every `hub_poll_ms`."""

    def __init__(
        self,
        store: Store,
        parent: QWidget | None = None,
        *,
        poll_ms: int = POLL_MS,
        hub: WallFeed | None = None,
        hub_poll_ms: int = HUB_POLL_MS,
    ):
        super().__init__(parent, Qt.WindowType.Window)
        self.store = store
        self.setObjectName("wall")
        self.setWindowTitle(self.tr("Pledge wall"))
        self.seen: WallCursor | None = None
        self.cards: list[PledgeCard] = []
        layout = QVBoxLayout(self)
        layout.setContentsMargins(48, 32, 48, 32)
        layout.setSpacing(18)
        self.title = label(store.catalogue.charter_name, "wallTitle")
        layout.addWidget(self.title)
        self.count = label("", "wallCount")
        layout.addWidget(self.count)
        self.progress = ProgressStrip()
        self.progress.setMinimumHeight(64)
        layout.addWidget(self.progress)
        # The cards take the room left and never make the window taller than its screen; the
        # oldest drop off when the newest need the room.
        self.list_area = QWidget()
        self.list_area.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Ignored)
        self.list_layout = QVBoxLayout(self.list_area)
        self.list_layout.setContentsMargins(0, 0, 0, 0)
        self.list_layout.setSpacing(16)
        self.list_layout.addStretch(1)
        layout.addWidget(self.list_area, 1)
        self.note = label("", "wallNote")
        self.note.setVisible(hub is not None)
        layout.addWidget(self.note)
        self.timer = QTimer(self)
        self.timer.setInterval(poll_ms)
        self.timer.timeout.connect(self.poll)
        self.event_id: str | None = None
        self.setStyleSheet(wall_stylesheet(800))
        self.hub: HubWallPoller | None = None
        self._hub_keys: list[str] = []
        if hub is None:
            self.poll()
        else:
            self.hub = HubWallPoller(hub, self, poll_ms=hub_poll_ms)
            self.hub.updated.connect(self.show_hub)
            self.hub.unreached.connect(self.hub_unreached)
            self.note.setText(self.tr("The whole event, from the hub: waiting for its answer…"))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.setStyleSheet(wall_stylesheet(self.height()))
        QTimer.singleShot(0, self._fit)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() == Qt.Key.Key_Escape:
            self.close()
            return
        super().keyPressEvent(event)

    def poll(self) -> None:
        """Add pledges saved since the last poll; drop any withdrawn or erased since. When
        staff switch to another event, the wall starts again with that event's pledges."""
        polled = poll_wall(self.store, self.seen, self.event_id, [c.pledge_id for c in self.cards])
        if polled is None:
            return
        update, keep = polled.update, polled.keep
        if polled.restarted:
            for card in list(self.cards):
                self._remove(card)
        self.event_id = update.event.id
        self.seen = update.cursor
        for card in [c for c in self.cards if c.pledge_id not in keep]:
            self._remove(card)
        for pledge in update.new:
            self._add(pledge)
        self._fit()
        self._show_count(update.count, update.event.target)

    def show_hub(self, wall: HubWall) -> None:
        """The hub's answer: the whole event's count, and its newest pledges (the cards are
        made again only when the newest changed)."""
        newest = [wall_pledge(p) for p in wall.newest[:SHOWN]]
        keys = [p.id for p in newest]
        if keys != self._hub_keys:  # cards that did not fit stay off until the list changes
            self._hub_keys = keys
            for card in list(self.cards):
                self._remove(card)
            for pledge in reversed(newest):  # the newest first, at the top
                self._add(pledge)
            self._fit()
        self._show_count(wall.total, wall.target)
        when = show_clock(wall.as_of) if wall.as_of is not None else ""
        self.note.setText(
            self.tr("The whole event, from the hub, as of {0}").format(when)
            if when
            else self.tr("The whole event, from the hub")
        )

    def hub_unreached(self, reason: str) -> None:
        """The hub did not answer: the wall keeps its last figures and says from when."""
        last = self.hub.last if self.hub is not None else None
        if last is not None and last.as_of is not None:
            self.note.setText(
                self.tr("⚠ The hub has not answered since {0} ({1}): the figures are from then.")
                .format(show_clock(last.as_of), reason)
            )  # fmt: skip
        else:
            self.note.setText(self.tr("⚠ The hub has not answered yet ({0}).").format(reason))

    def _add(self, pledge: WallPledge) -> None:
        card = PledgeCard(pledge)
        self.cards.insert(0, card)
        self.list_layout.insertWidget(0, card)

    def _show_count(self, count: int, target: int) -> None:
        self.count.setText(self.tr("%n pledge(s) so far · target {0}", "", count).format(target))
        share = round(100 * count / target) if target else 0
        self.progress.set_progress(
            count, target, self.tr("{0}% of our target of {1}").format(share, target)
        )

    def _fit(self) -> None:
        """Keep at most SHOWN cards, and only as many as fit the room left on screen."""
        for card in self.cards[SHOWN:]:
            self._remove(card)
        room = self.list_area.height()
        if room <= 0 or not self.isVisible():  # not laid out on screen yet
            return
        spacing = self.list_layout.spacing()
        used = 0
        for index, card in enumerate(self.cards):
            width = self.list_area.width()
            wanted = card.heightForWidth(width) if card.hasHeightForWidth() else -1
            used += (wanted if wanted > 0 else card.sizeHint().height()) + spacing
            if index and used > room:
                for old in self.cards[index:]:
                    self._remove(old)
                break

    def _remove(self, card: PledgeCard) -> None:
        self.cards.remove(card)
        self.list_layout.removeWidget(card)
        card.setParent(None)
        card.deleteLater()

    def shown_text(self) -> str:
        """Everything the wall shows, as text (for tests and screen readers)."""
        return "\n".join([self.title.text(), self.count.text(), *(c.text() for c in self.cards)])

    def closeEvent(self, event: object) -> None:
        self.timer.stop()
        if self.hub is not None:
            self.hub.stop()
        super().closeEvent(event)  # type: ignore[arg-type]

    def showEvent(self, event: object) -> None:
        if self.hub is not None:
            self.hub.start()
        else:
            self.timer.start()
        QTimer.singleShot(0, self._fit)
        super().showEvent(event)  # type: ignore[arg-type]


def open_wall(wall: PledgeWall) -> None:
    """Full screen on a screen other than the main one if there is one, else the main one."""
    screens = QGuiApplication.screens()
    primary = QGuiApplication.primaryScreen()
    others = [s for s in screens if s is not primary]
    screen = others[0] if others else primary
    if screen is not None:
        wall.setScreen(screen)
        wall.setGeometry(screen.geometry())
    wall.showFullScreen()
    wall.raise_()
