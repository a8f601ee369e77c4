"""What a second start says when the kiosk already runs on the same data folder.

The running kiosk covers the whole screen and stays on top, so a plain message box would open
under it and wait for a Return nobody can aim. This box stays on top of it, says how to reach
the kiosk that is open, closes by itself after a while, and the process exits 1. The same words
go to stderr for a start from a terminal or a service manager's log. A data folder that cannot
be made or locked at all is told as that, not as a running kiosk."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QMessageBox

from charter_desktop.ui.kiosk.widgets import translate

TITLE = "Charter Desktop"
CLOSES_AFTER_MS = 20_000


def to_stderr(reason: str) -> None:
    """`reason` on stderr, where there is one: a windowed start on Windows (the kiosk's
    executable, or pythonw) has none, and the box alone tells it."""
    if sys.stderr is not None:
        sys.stderr.write(f"charter-desktop: {reason}\n")


def explain_and_exit(reason: str) -> int:
    """Show `reason` on top of everything until OK or CLOSES_AFTER_MS; the exit status (1)."""
    to_stderr(reason)
    box = QMessageBox(QMessageBox.Icon.Information, TITLE, reason)
    box.setInformativeText(
        translate(
            "AlreadyRunning",
            "The kiosk that is open keeps taking pledges. Staff reach it with the staff PIN "
            "(the corner mark, or Ctrl+Alt+S). This message closes by itself.",
        )
    )
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setWindowFlag(Qt.WindowType.WindowStaysOnTopHint, True)  # above the kiosk, which is too
    QTimer.singleShot(CLOSES_AFTER_MS, box, box.accept)
    box.show()
    box.raise_()
    box.activateWindow()
    box.exec()
    return 1


def explain_folder_problem(data_dir: Path, error: OSError) -> int:
    """The data folder cannot be made or locked (no kiosk runs on it): say so, on stderr
    too; the exit status (1)."""
    reason = translate("AlreadyRunning", "The data folder {0} cannot be used: {1}").format(
        data_dir, error.strerror or error
    )
    to_stderr(reason)
    box = QMessageBox(QMessageBox.Icon.Critical, TITLE, reason, QMessageBox.StandardButton.Ok)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.exec()
    return 1
