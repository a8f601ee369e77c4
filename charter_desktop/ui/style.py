"""The app's look: large type and touch-sized controls, colours with AA contrast."""

from __future__ import annotations

STYLESHEET = """
QWidget { font-size: 20px; color: #1b1b1b; }
QMainWindow, QWidget#welcome { background: #f7f5f0; }
QLabel#council { font-size: 22px; color: #00524c; font-weight: 600; }
QLabel#title { font-size: 44px; font-weight: 700; color: #00524c; }
QLabel#count { font-size: 24px; font-weight: 600; }
QProgressBar { min-height: 18px; border: 2px solid #00524c; border-radius: 9px;
               background: #ffffff; }
QProgressBar::chunk { background: #00524c; border-radius: 7px; }
QPushButton { min-height: 48px; padding: 8px 24px; border-radius: 8px;
              border: 2px solid #00524c; background: #ffffff; color: #00524c; }
QPushButton:focus { outline: none; border: 4px solid #c75000; }
QPushButton#primary { background: #00524c; color: #ffffff; font-size: 28px;
                      font-weight: 700; padding: 12px 48px; }
"""
