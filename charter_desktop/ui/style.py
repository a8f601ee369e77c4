"""The app's look: large type that grows with the window and the system font, touch-sized
controls, colours with WCAG AA contrast, and a focus ring that never relies on colour alone."""

from __future__ import annotations

from charter_desktop.core.resources import RESOURCES_DIR

# Named colours. Text pairs are checked for 4.5:1 contrast by tests/ui/test_style.py.
PAGE = "#f7f5f0"
CARD = "#ffffff"
INK = "#1b1b1b"
MUTED = "#4a4a4a"
BRAND = "#00524c"
ON_BRAND = "#ffffff"
ERROR = "#a4161a"
ERROR_BG = "#fdecec"
FOCUS = "#b34700"
DISABLED_INK = "#595959"
DISABLED_BG = "#e4e1da"
OVERLAY_CARD = "#ffffff"
PLACEHOLDER = "#666666"  # the hint in an empty field (Qt's own is #8d8d8d on white: 3.3:1)

# The tick of a ticked check box (white, drawn on BRAND): a style sheet that draws the box
# itself must draw the tick too.
TICK = (RESOURCES_DIR / "icons" / "tick.svg").as_posix()

# The design size: at 1280x800 the scale is 1; larger windows scale up, up to 3x (4K). A
# window taller than wide (a portrait totem) has its own design, 880 wide: the kiosk's widest
# line (the consent to contact, which does not wrap) still fits a 1080x1920 totem at 1.23.
DESIGN_WIDTH, DESIGN_HEIGHT = 1280, 800
PORTRAIT_WIDTH, PORTRAIT_HEIGHT = 880, 1280
MIN_SCALE, MAX_SCALE = 0.85, 3.0
TOUCH_MIN_PX = 48  # at least 44 px at any scale, with a margin


def window_scale(width: int, height: int) -> float:
    """How much larger than the design the window is (0.85 to 3): the 1280x800 design, or
    the 880x1280 one for a window taller than wide."""
    portrait = height > width
    design_width = PORTRAIT_WIDTH if portrait else DESIGN_WIDTH
    design_height = PORTRAIT_HEIGHT if portrait else DESIGN_HEIGHT
    scale = min(width / design_width, height / design_height)
    return round(max(MIN_SCALE, min(MAX_SCALE, scale)), 2)


def build_stylesheet(scale: float = 1.0, base_pt: float = 10.0) -> str:
    """The stylesheet for a window at `scale`, with `base_pt` the system font's point size
    (so a larger system font makes every size larger too)."""
    font = base_pt / 10.0

    def pt(size: float) -> str:
        return f"{size * scale * font:.1f}pt"

    def number(size: float, minimum: int = 0) -> int:
        return max(minimum, round(size * scale * font))

    def px(size: float, minimum: int = 0) -> str:
        return f"{number(size, minimum)}px"

    border, box_border = number(2, 2), number(3, 2)  # resting borders: controls, check boxes
    # The focus ring is thicker than a resting border; a focused control gives up that much
    # padding, so its words keep the same room (a control sized at rest would lose the end
    # of its words to the ring) and nothing moves as the focus arrives.
    ring = number(5, 4)

    def inside(size: float, thicker: int) -> str:
        """Padding of `size` less what a `thicker` border takes beyond the resting one."""
        return f"{max(0, number(size) - (thicker - border))}px"

    def inside_ring(size: float, resting: int) -> str:
        return f"{max(0, number(size) - (ring - resting))}px"

    touch = px(TOUCH_MIN_PX + 8, TOUCH_MIN_PX)
    return f"""
QWidget {{ font-size: {pt(15)}; color: {INK}; }}
QWidget#kiosk, QWidget#screen, QWidget#staffHome, QScrollArea, QScrollArea > QWidget > QWidget
    {{ background: {PAGE}; }}
QDialog {{ background: {PAGE}; }}
QLabel#council {{ font-size: {pt(14)}; color: {BRAND}; font-weight: 600; }}
QLabel#step {{ font-size: {pt(13)}; color: {MUTED}; }}
QLabel#title {{ font-size: {pt(30)}; font-weight: 700; color: {BRAND}; }}
QLabel#heading {{ font-size: {pt(24)}; font-weight: 700; color: {BRAND}; }}
QLabel#subheading {{ font-size: {pt(17)}; font-weight: 700; color: {INK}; }}
QLabel#muted {{ color: {MUTED}; }}
QLabel#count {{ font-size: {pt(18)}; font-weight: 600; }}
QLabel#countdown {{ font-size: {pt(18)}; font-weight: 700; color: {INK}; }}
QLabel#error {{ color: {ERROR}; background: {ERROR_BG}; font-weight: 600;
               padding: {px(4)} {px(8)}; border-left: {px(5, 4)} solid {ERROR}; }}
QLabel#notice {{ color: {INK}; background: {CARD}; padding: {px(8)} {px(12)};
                border: {px(2, 1)} solid {BRAND}; border-radius: {px(6)}; }}
QProgressBar {{ min-height: {px(28)}; border: {px(2, 2)} solid {BRAND};
               border-radius: {px(8)}; background: {CARD}; color: {INK};
               text-align: center; font-weight: 700; }}
QProgressBar::chunk {{ background: {BRAND}; }}
QPushButton {{ min-height: {touch}; min-width: {touch}; padding: {px(6)} {px(20)};
              border-radius: {px(8)}; border: {px(2, 2)} solid {BRAND};
              background: {CARD}; color: {BRAND}; font-weight: 600; }}
QPushButton:focus {{ border: {px(5, 4)} solid {FOCUS};
                    padding: {inside_ring(6, border)} {inside_ring(20, border)}; }}
QPushButton:disabled {{ background: {DISABLED_BG}; color: {DISABLED_INK};
                       border: {px(2, 2)} dashed {DISABLED_INK}; }}
QPushButton#primary {{ background: {BRAND}; color: {ON_BRAND}; font-size: {pt(20)};
                      font-weight: 700; padding: {px(10)} {px(40)}; }}
QPushButton#primary:focus {{ border: {px(5, 4)} solid {FOCUS};
                            padding: {inside_ring(10, border)} {inside_ring(40, border)}; }}
QPushButton#primary:disabled {{ background: {DISABLED_BG}; color: {DISABLED_INK}; }}
QPushButton#toggle {{ padding: 0px; }}
QPushButton#toggle:checked {{ background: {BRAND}; }}
QPushButton#toggle:checked:focus {{ border: {px(5, 4)} solid {FOCUS}; }}
QRadioButton#toggle {{ min-height: {touch}; min-width: {touch}; padding: 0px;
                      border-radius: {px(8)}; border: {px(2, 2)} solid {BRAND};
                      background: {CARD}; }}
QRadioButton#toggle:checked {{ background: {BRAND}; }}
QRadioButton#toggle:focus {{ border: {px(5, 4)} solid {FOCUS}; }}
QRadioButton#toggle::indicator {{ width: 0px; height: 0px; border: none; image: none; }}
QLabel#toggleText {{ color: {BRAND}; background: transparent; font-weight: 500; }}
QLabel#toggleText[checked="true"] {{ color: {ON_BRAND}; font-weight: 700; }}
QScrollBar:vertical {{ width: {px(22, 16)}; background: {DISABLED_BG}; border-radius: {px(6)}; }}
QScrollBar::handle:vertical {{ background: {BRAND}; min-height: {px(60)}; border-radius: {px(6)}; }}
QScrollBar::add-line:vertical, QScrollBar::sub-line:vertical {{ height: 0px; }}
QPushButton#key {{ font-size: {pt(20)}; min-width: {px(88, TOUCH_MIN_PX)}; }}
QWidget#osk {{ background: {DISABLED_BG}; border-top: {px(3, 2)} solid {BRAND}; }}
QPushButton#oskKey, QPushButton#oskAction, QPushButton#oskNext {{ font-size: {pt(18)};
    min-width: {TOUCH_MIN_PX - 8}px; min-height: {px(TOUCH_MIN_PX - 4, TOUCH_MIN_PX - 8)};
    padding: {px(2)}; border: {px(2, 2)} solid {MUTED}; border-radius: {px(6)};
    background: {CARD}; color: {INK}; }}
QPushButton#oskAction, QPushButton#oskNext {{ font-size: {pt(13)}; color: {BRAND}; }}
QPushButton#oskNext, QPushButton#oskKey:checked {{ background: {BRAND}; color: {ON_BRAND}; }}
QPushButton#oskKey:pressed, QPushButton#oskAction:pressed {{ background: {BRAND};
    color: {ON_BRAND}; }}
QLineEdit, QPlainTextEdit {{ background: {CARD}; color: {INK};
    border: {px(2, 2)} solid {MUTED}; border-radius: {px(6)}; padding: {px(6)} {px(10)};
    min-height: {touch}; placeholder-text-color: {PLACEHOLDER}; }}
QLineEdit:focus, QPlainTextEdit:focus {{ border: {px(5, 4)} solid {FOCUS};
    padding: {inside_ring(6, border)} {inside_ring(10, border)}; }}
QLineEdit[invalid="true"], QPlainTextEdit[invalid="true"] {{
    border: {px(4, 3)} dashed {ERROR};
    padding: {inside(6, number(4, 3))} {inside(10, number(4, 3))}; }}
QCheckBox {{ min-height: {touch}; spacing: {px(14)}; padding: {px(4)} {px(8)};
            border: {px(3, 2)} solid transparent; border-radius: {px(6)}; }}
QCheckBox:focus {{ border: {px(5, 4)} solid {FOCUS};
                  padding: {inside_ring(4, box_border)} {inside_ring(8, box_border)}; }}
QCheckBox::indicator {{ width: {px(34, 32)}; height: {px(34, 32)}; border-radius: {px(4)};
    border: {px(3, 2)} solid {MUTED}; background: {CARD}; }}
QCheckBox::indicator:checked {{ background: {BRAND}; border-color: {BRAND}; image: url("{TICK}"); }}
QCheckBox::indicator:disabled {{ background: {DISABLED_BG};
    border: {px(3, 2)} dashed {DISABLED_INK}; }}
QCheckBox::indicator:checked:disabled {{ background: {DISABLED_INK}; }}
QListWidget::item {{ padding: {px(3)} 0px; }}
QListWidget::indicator {{ width: {px(20, 18)}; height: {px(20, 18)};
    border-radius: {px(3)}; border: {px(2, 2)} solid {MUTED}; background: {CARD}; }}
QListWidget::indicator:checked {{ background: {BRAND}; border-color: {BRAND};
    image: url("{TICK}"); }}
QFrame#card {{ background: {CARD}; border: {px(2, 1)} solid {BRAND}; border-radius: {px(10)}; }}
QFrame#overlayCard {{ background: {OVERLAY_CARD}; border: {px(5, 4)} solid {BRAND};
                     border-radius: {px(14)}; }}
QWidget#overlay {{ background: rgba(27, 27, 27, 160); }}
QTabBar::tab {{ min-height: {touch}; padding: {px(6)} {px(20)}; color: {INK}; }}
QTabBar::tab:selected {{ font-weight: 700; border-bottom: {px(5, 4)} solid {BRAND}; }}
"""
