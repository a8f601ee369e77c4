"""Dialogs that fit the screen they open on: at most the screen's available area less a margin
(so a kiosk at 1024x768 or 1280x800 shows every button), centred over the window they belong
to, and a scroll area for a dialog's long form that asks for all the room its form needs (Qt's
own asks for about 24 lines at most)."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QMargins, QObject, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

MARGIN = 16  # between the dialog's frame and the edge of the screen's available area
# A window manager's frame around a dialog not yet shown (its real size is known only once
# the dialog is mapped): a title bar and thin borders, generously.
FRAME_GUESS = QMargins(4, 36, 4, 4)


def available_area(widget: QWidget) -> QRect:
    """The available geometry (without panels and docks) of the screen `widget` opens on: its
    own once shown, else that of the window it belongs to."""
    parent = widget.parentWidget()
    anchor = widget if widget.isVisible() or parent is None else parent.window()
    screen = anchor.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def frame_margins(widget: QWidget) -> QMargins:
    """How far the window manager's frame reaches beyond the window's client area."""
    frame, inner = widget.frameGeometry(), widget.geometry()
    margins = QMargins(
        inner.left() - frame.left(),
        inner.top() - frame.top(),
        frame.right() - inner.right(),
        frame.bottom() - inner.bottom(),
    )
    sides = (margins.left(), margins.top(), margins.right(), margins.bottom())
    # Not shown yet, or read while the window manager was still framing it: a guess.
    if not widget.isVisible() or frame == inner or not all(0 <= s <= 200 for s in sides):
        return FRAME_GUESS
    return margins


def fit_to_screen(dialog: QWidget) -> None:
    """Keep `dialog` inside its screen each time it is shown: its size (the one its content
    asks for, or the one set on it) capped to the available area less a margin and its
    frame, and the dialog centred over its parent window (or the screen), all inside the
    area. It can shrink no further than its minimum size: a form that may be long belongs in
    a `FittingScrollArea`."""
    _ScreenFit(dialog)
    if dialog.isVisible():
        place(dialog, dialog.size())


def place(dialog: QWidget, wanted: QSize) -> None:
    """Size `dialog` to `wanted` capped to its screen, and centre it there (see
    fit_to_screen)."""
    screen = available_area(dialog)
    area = screen.marginsRemoved(QMargins(MARGIN, MARGIN, MARGIN, MARGIN))
    frame = frame_margins(dialog)
    room = area.marginsRemoved(frame)
    # Never below what its layout needs: squeezed further, buttons lose their words.
    smallest = dialog.minimumSize().expandedTo(dialog.minimumSizeHint())
    size = wanted.boundedTo(room.size()).expandedTo(smallest)
    dialog.resize(size)
    outer = QRect(QPoint(0, 0), size.grownBy(frame))
    parent = dialog.parentWidget()
    over = parent.window().frameGeometry() if parent is not None else area
    outer.moveCenter(over.center())
    # Inside the area with its margin, else (a dialog that cannot shrink so far) inside the
    # screen, else from the screen's top-left corner, so the title bar stays in view.
    x = _within(
        outer.left(), outer.width(), (area.left(), area.right()), (screen.left(), screen.right())
    )
    y = _within(
        outer.top(), outer.height(), (area.top(), area.bottom()), (screen.top(), screen.bottom())
    )
    outer.moveTo(x, y)
    dialog.move(outer.topLeft())  # move() places the frame's top-left corner


def _within(start: int, length: int, *spans: tuple[int, int]) -> int:
    """`start` moved as little as may be for `length` to fit in the first of `spans` (first,
    last) it fits in, else to the last span's first."""
    for first, last in spans:
        if length <= last - first + 1:
            return max(first, min(start, last - length + 1))
    return spans[-1][0]


class _ScreenFit(QObject):
    """Places the dialog it filters as it is shown, before Qt's own placement (which then
    keeps it). It keeps no Python attribute: Qt owns it as the dialog's child, and its Python
    side may be a fresh wrapper when Qt calls it."""

    def __init__(self, dialog: QWidget):
        super().__init__(dialog)
        dialog.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if isinstance(watched, QWidget) and event.type() == QEvent.Type.Show:
            dialog = watched
            # Qt sets the size it chose itself (the size hint capped at 2/3 of the screen)
            # without marking the dialog resized; a size set by the caller is kept.
            resized = dialog.testAttribute(Qt.WidgetAttribute.WA_Resized)
            place(dialog, dialog.size() if resized else dialog.sizeHint())
        return False


class FittingScrollArea(QScrollArea):
    """A vertical scroll area for a long form: it asks for the whole form (QScrollArea's own
    size hint stops at about 24 lines), and scrolls only when the dialog holding it had to be
    made smaller than that."""

    def __init__(self, content: QWidget, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setWidget(content)

    def sizeHint(self) -> QSize:
        content = self.widget()
        if content is None:
            return super().sizeHint()
        bar = self.verticalScrollBar().sizeHint().width()
        frame = 2 * self.frameWidth()
        hint = content.sizeHint()
        return QSize(hint.width() + bar + frame, hint.height() + frame)

    def minimumSizeHint(self) -> QSize:
        content = self.widget()
        if content is None:
            return super().minimumSizeHint()
        bar = self.verticalScrollBar().sizeHint().width()
        return QSize(content.minimumSizeHint().width() + bar, super().minimumSizeHint().height())
