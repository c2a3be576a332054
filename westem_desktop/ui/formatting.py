"""Numbers and dates on screen in the interface language.

Numbers go through QLocale: it carries the same CLDR data as Babel and is already loaded with Qt,
whereas importing Babel would add a noticeable share to the start-up time; ``ui/language.py`` keeps
QLocale's default in step. Dates in lists and tables are written as every screen and document writes
them, in CLDR's medium form through ``westem_desktop.i18n.format_date`` ("7 mars 2026", "7. mars 2026",
"7 mrt 2026", "7 Mar 2026"): a short date would be ISO in Swedish and numeric elsewhere. Babel is
imported at the first date shown, never on the start path.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QDateTime, QLocale

if TYPE_CHECKING:
    import datetime as dt


def integer(value: int) -> str:
    """``10 000`` in sv and nb (with a no-break space), ``10.000`` in nl, ``10,000`` in en."""
    return QLocale().toString(value)


def decimal(value: float, places: int = 1) -> str:
    """``1,5`` in sv, nb and nl, ``1.5`` in en."""
    return QLocale().toString(float(value), "f", places)


def list_date(value: dt.date | str | None) -> str:
    """A date (or ``YYYY-MM-DD``) as a list shows it: ``7 mars 2026`` (sv), ``7. mars 2026`` (nb),
    ``7 mrt 2026`` (nl), ``7 Mar 2026`` (en); empty for none, an unreadable text as it is."""
    import datetime as dt

    from westem_desktop.i18n import format_date

    if not value:
        return ""
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value[:10])
        except ValueError:
            return value
    return format_date(value, "medium")


def short_date(iso: str | None) -> str:
    """The same as ``list_date`` (kept for the callers that give ISO text)."""
    return list_date(iso)


def short_datetime(value: dt.datetime) -> str:
    """A moment (a backup's) as ``7 mars 2026 14:05`` in sv, ``7 mrt 2026 14:05`` in nl."""
    from westem_desktop.i18n import format_date

    return f"{format_date(value.date(), 'medium')} {QLocale().toString(QDateTime(value).time(), 'HH:mm')}"
