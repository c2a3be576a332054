"""Numbers on screen in the interface language, through QLocale.

QLocale carries the same CLDR data as Babel and is already loaded with Qt, whereas importing Babel
would add a noticeable share to the start-up time. Documents and the command line use Babel
(``westem_desktop.i18n.format_number``); ``ui/language.py`` keeps QLocale's default in step.
"""

from __future__ import annotations

from PySide6.QtCore import QLocale


def integer(value: int) -> str:
    """``10 000`` in sv and nb (with a no-break space), ``10.000`` in nl, ``10,000`` in en."""
    return QLocale().toString(value)
