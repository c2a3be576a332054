"""Translations for the interface, the command line and the documents (gettext catalogues via Babel).

Use ``_()`` for a text shown now, ``N_()`` to mark a module-level constant that is translated when
shown, ``ngettext()`` for counts and ``pgettext()`` where one English word needs two translations
("Active" of a pair is *aktivt*, of a participant *aktiv*; ``NP_(context, text)`` marks such a constant).
``translate_in(language, text, context)`` translates into a document's own language.
``set_language()`` swaps the catalogue for the whole process; the Qt layer then re-translates the
open windows (``westem_desktop.ui.language``). Dates and numbers go through Babel's CLDR data.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import gettext
import locale
import os

from westem_desktop.i18n.catalogues import load_catalogue

# The languages of the interface and the documents, English first.
LANGUAGES: tuple[str, ...] = ("en", "sv", "nb", "nl")

_translations: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"

# The CLDR locale used for dates and numbers of each interface language.
BABEL_LOCALES = {"en": "en_GB", "sv": "sv_SE", "nb": "nb_NO", "nl": "nl_NL"}

_ALIASES = {"no": "nb", "nb": "nb", "nn": "nb", "sv": "sv", "nl": "nl", "en": "en"}


def _(message: str) -> str:
    return _translations.gettext(message)


def N_(message: str) -> str:
    """Mark ``message`` for extraction; it is translated later, where it is shown."""
    return message


def NP_(context: str, message: str) -> str:
    """Mark ``message`` with ``context`` for extraction; it is translated later with that context."""
    return message


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translations.ngettext(singular, plural, n)


def pgettext(context: str, message: str) -> str:
    return _translations.pgettext(context, message)


def npgettext(context: str, singular: str, plural: str, n: int) -> str:
    return _translations.npgettext(context, singular, plural, n)


def translate_in(language: str | None, message: str, context: str | None = None) -> str:
    """``message`` (with ``context``, as ``pgettext``) in ``language`` (default: the interface language),
    without changing the interface language: for documents and exports in a language of their own."""
    translations = catalogue(language or _language)
    return translations.pgettext(context, message) if context else translations.gettext(message)


def catalogue(language: str) -> gettext.NullTranslations:
    if language == _language:
        return _translations
    return load_catalogue(language)


def normalise_language(tag: str | None) -> str | None:
    """Map a locale name (``nb_NO.UTF-8``, ``no``, ``sv-SE``, ``nl_BE``) to one of the four codes."""
    if not tag:
        return None
    base = tag.replace("-", "_").split(".")[0].split("@")[0].split("_")[0].lower()
    return _ALIASES.get(base)


def system_language() -> str:
    """The first of the user's preferred languages that the application speaks, else English."""
    candidates: list[str] = []
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(var)
        if value:
            candidates.extend(value.split(":"))
            if var != "LANGUAGE":
                break
    with contextlib.suppress(ValueError):
        candidates.append(locale.getlocale()[0] or "")
    for tag in candidates:
        if tag in ("C", "POSIX"):
            continue
        code = normalise_language(tag)
        if code:
            return code
    return "en"


def set_language(language: str) -> str:
    """Make ``language`` the language of every ``_()`` call from now on; returns the code used."""
    global _translations, _language
    code = normalise_language(language) or "en"
    if code not in LANGUAGES:
        code = "en"
    _translations = load_catalogue(code)
    _language = code
    return code


def current_language() -> str:
    return _language


def babel_locale(language: str | None = None) -> str:
    return BABEL_LOCALES[language or _language]


def format_date(value: dt.date | None, length: str = "long", language: str | None = None) -> str:
    """``7 mars 2025`` (sv), ``7. mars 2025`` (nb), ``7 maart 2025`` (nl), ``7 March 2025`` (en)."""
    if value is None:
        return ""
    return _format_date(value, length, babel_locale(language))


@functools.lru_cache(maxsize=4096)
def _format_date(value: dt.date, length: str, locale: str) -> str:
    """Babel's date in ``locale``, kept: a list shows the same few hundred dates many times over."""
    from babel.dates import format_date as babel_format_date

    return babel_format_date(value, format=length, locale=locale)


def format_number(value: float, language: str | None = None, decimals: int | None = None) -> str:
    from babel.numbers import format_decimal

    pattern = None if decimals is None else "#,##0." + "0" * decimals if decimals else "#,##0"
    return format_decimal(value, format=pattern, locale=babel_locale(language))
