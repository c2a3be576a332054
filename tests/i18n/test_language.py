"""Choosing the language, and dates and numbers in each language's own form."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from westem_desktop import i18n
from westem_desktop.core.checklists import PHASE_NAMES
from westem_desktop.core.enums import Phase
from westem_desktop.core.errors import DatabaseNewerError


@pytest.mark.parametrize(
    ("tag", "expected"),
    [
        ("nb_NO.UTF-8", "nb"),
        ("no_NO", "nb"),
        ("no", "nb"),
        ("nb-NO", "nb"),
        ("sv_SE.UTF-8", "sv"),
        ("sv_FI", "sv"),
        ("nl_BE.UTF-8", "nl"),
        ("en_US", "en"),
        ("de_DE.UTF-8", None),
        ("", None),
    ],
)
def test_locale_names_map_to_the_four_languages(tag: str, expected: str | None) -> None:
    assert i18n.normalise_language(tag) == expected


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"LANG": "nb_NO.UTF-8"}, "nb"),
        ({"LANG": "no_NO.UTF-8"}, "nb"),
        ({"LANG": "nl_NL.UTF-8"}, "nl"),
        ({"LANG": "de_DE.UTF-8"}, "en"),
        ({"LANG": "C"}, "en"),
        ({"LANGUAGE": "de:sv", "LANG": "de_DE.UTF-8"}, "sv"),
        ({"LC_ALL": "sv_SE.UTF-8", "LANG": "nl_NL.UTF-8"}, "sv"),
    ],
)
def test_first_start_follows_the_system_language(monkeypatch, env: dict[str, str], expected: str) -> None:
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    for var, value in env.items():
        monkeypatch.setenv(var, value)
    monkeypatch.setattr(i18n.locale, "getlocale", lambda: (None, None))
    assert i18n.system_language() == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [("sv", "7 mars 2025"), ("nb", "7. mars 2025"), ("nl", "7 maart 2025"), ("en", "7 March 2025")],
)
def test_dates_in_each_language(language: str, expected: str) -> None:
    assert i18n.format_date(dt.date(2025, 3, 7), language=language) == expected


def test_numbers_use_each_language_separators() -> None:
    # Babel uses no-break spaces (U+00A0 or U+202F) in sv and nb: never assume a plain space.
    assert re.fullmatch("10[\u00a0\u202f]000", i18n.format_number(10000, language="sv"))
    assert re.fullmatch("10[\u00a0\u202f]000", i18n.format_number(10000, language="nb"))
    assert i18n.format_number(10000, language="nl") == "10.000"
    assert i18n.format_number(1.5, language="sv", decimals=1) == "1,5"
    assert i18n.format_number(10000, language="en") == "10,000"


@pytest.mark.parametrize(
    ("language", "preparation"),
    [("sv", "Förberedelse"), ("nb", "Forberedelse"), ("nl", "Voorbereiding"), ("en", "Preparation")],
)
def test_switching_language_changes_every_later_text(language: str, preparation: str) -> None:
    i18n.set_language(language)
    assert i18n._(PHASE_NAMES[Phase.PREPARATION]) == preparation


def test_error_messages_follow_the_language(tmp_path) -> None:
    i18n.set_language("sv")
    message = str(DatabaseNewerError(tmp_path / "x.sqlite", "9999"))
    assert "nyare version" in message
    assert "newer version" not in message


def test_documents_can_use_another_language_than_the_interface() -> None:
    i18n.set_language("sv")
    assert i18n.translate_in("nl", PHASE_NAMES[Phase.CLOSURE]) == "Afsluiting"
    assert i18n._(PHASE_NAMES[Phase.CLOSURE]) == "Avslut"
