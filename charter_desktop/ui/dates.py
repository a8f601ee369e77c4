"""Every date and time the UI shows, in one format: the short date and time format of the
system's locale (03/06/2026 and 03/06/2026 14:05 in the UK). The "C" locale of a bare system
has no real format ("3 06 2026"), so there the kiosk speaks British English, like its
postcodes. Files keep ISO 8601; only what is on screen goes through here."""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QDateTime, QLocale, QTime
from PySide6.QtWidgets import QDateEdit

SHORT = QLocale.FormatType.ShortFormat


def display_locale() -> QLocale:
    """The locale dates and times are shown in: the system's, or British English for "C"."""
    locale = QLocale()
    if locale.language() == QLocale.Language.C:
        return QLocale("en_GB")
    return locale


def _local(moment: datetime) -> QDateTime:
    """`moment` in this computer's time zone (a naive datetime is taken as local already)."""
    local = moment.astimezone() if moment.tzinfo is not None else moment
    return QDateTime(
        QDate(local.year, local.month, local.day), QTime(local.hour, local.minute, local.second)
    )


def show_date(day: date | datetime) -> str:
    """A day as the locale writes it ("03/06/2026"); a datetime shows its local day."""
    if isinstance(day, datetime):
        return display_locale().toString(_local(day).date(), SHORT)
    return display_locale().toString(QDate(day.year, day.month, day.day), SHORT)


def show_time(moment: datetime) -> str:
    """The local time of day as the locale writes it ("14:05")."""
    return display_locale().toString(_local(moment).time(), SHORT)


def show_clock(moment: datetime) -> str:
    """The local time of day to the second, in the locale's short time format with the
    seconds added ("14:05:09"; "2:05:09 PM" where the locale writes "2:05 PM"), for a figure
    that changes every few seconds."""
    locale = display_locale()
    short = locale.timeFormat(SHORT)
    pattern = short if "ss" in short else short.replace("mm", "mm:ss", 1)
    return locale.toString(_local(moment).time(), pattern)


def show_datetime(moment: datetime) -> str:
    """A moment in local time as the locale writes it ("03/06/2026 14:05")."""
    return display_locale().toString(_local(moment), SHORT)


def show_iso(text: str) -> str:
    """An ISO 8601 moment kept as text (a setting's "2026-06-03T13:05:00+00:00") shown like
    every other; text that is not one is shown as it is."""
    try:
        return show_datetime(datetime.fromisoformat(text))
    except ValueError:
        return text


def date_edit(day: QDate | None = None) -> QDateEdit:
    """A date field (with its calendar) that shows its date as `show_date` does."""
    edit = QDateEdit(day if day is not None else QDate.currentDate())
    edit.setCalendarPopup(True)
    locale = display_locale()
    edit.setLocale(locale)
    edit.setDisplayFormat(locale.dateFormat(SHORT))
    return edit
