"""Numbers on screen in the interface language, through QLocale.

QLocale carries the same CLDR data as Babel and is already loaded with Qt, whereas importing Babel
would add a noticeable share to the start-up time. Documents and the command line use Babel
(``westem_desktop.i18n.format_number``); ``ui/language.py`` keeps QLocale's default in step.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QDateTime, QLocale

if TYPE_CHECKING:
    import datetime as dt


def integer(value: int) -> str:
    """``10 000`` in sv and nb (with a no-break space), ``10.000`` in nl, ``10,000`` in en."""
    return QLocale().toString(value)


def decimal(value: float, places: int = 1) -> str:
    """``1,5`` in sv, nb and nl, ``1.5`` in en."""
    return QLocale().toString(float(value), "f", places)


def short_date(iso: str | None) -> str:
    """A date given as ``YYYY-MM-DD`` in the interface language's short form (``2026-03-07`` in sv,
    ``07.03.2026`` in nb, ``07-03-2026`` in nl); empty for none."""
    if not iso:
        return ""
    date = QDate.fromString(iso[:10], "yyyy-MM-dd")
    return QLocale().toString(date, QLocale.FormatType.ShortFormat) if date.isValid() else iso


def short_datetime(value: dt.datetime) -> str:
    """``2026-03-07 14:05`` in sv, ``07-03-2026 14:05`` in nl."""
    return QLocale().toString(QDateTime(value), QLocale.FormatType.ShortFormat)
