"""Loads the kiosk's translation for the system language (English ships; a council adds a
language as charter_desktop_<lang>.ts/.qm in resources/translations)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

from charter_desktop.core.resources import RESOURCES_DIR

TRANSLATIONS_DIR = RESOURCES_DIR / "translations"
log = logging.getLogger(__name__)


def install_translator(app: QCoreApplication, locale: QLocale | None = None) -> QTranslator | None:
    """Install the translation that best matches `locale` (the system's by default), falling
    back to English; returns it, or None when no file matches."""
    translator = QTranslator(app)
    for wanted in (locale or QLocale(), QLocale(QLocale.Language.English)):
        if translator.load(wanted, "charter_desktop", "_", str(TRANSLATIONS_DIR), ".qm"):
            app.installTranslator(translator)
            log.info("translation loaded: %s", translator.language() or wanted.name())
            return translator
    log.warning("no translation found in %s", TRANSLATIONS_DIR)
    return None
