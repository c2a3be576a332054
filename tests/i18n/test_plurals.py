"""Counts read right: one and five in English and Swedish, and no text counts a noun without ngettext."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from westem_desktop.core.io.participant_import import ImportResult, Refusal, import_summary
from westem_desktop.core.privacy import still_active
from westem_desktop.i18n import ngettext, set_language

ROOT = Path(__file__).resolve().parents[2]
COUNTED = re.compile(
    r"\{(\w+)\}\s+(participants?|pairs?|meetings?|mentees?|mentors?|points?|minutes?|hours?|pages?|"
    r"documents?|certificates?|forms?|characters?|rows?|columns?|steps?|agreements?|answers?|backups?|cells?|"
    r"entered|added|updated|refused)\b"
)
# Limits of the program (thousands of rows, 240 minutes): always many, so one form reads right.
LIMITS = {"most", "max_rows", "max_columns", "high"}


def test_every_counted_noun_goes_through_ngettext() -> None:
    with (ROOT / "translations" / "westem_desktop.pot").open("rb") as handle:
        template = read_po(handle)
    single = [
        (m.id, found.group(0))
        for m in template
        if m.id and not m.pluralizable
        for found in COUNTED.finditer(m.id)
        if found.group(1) not in LIMITS
    ]
    # "it has {n} parts, more than {most}": the count is above a limit of hundreds.
    assert [s for s in single if not s[0].startswith("it has {n} parts")] == []


def refusals(n: int) -> list[Refusal]:
    return [Refusal(row=i, column="", reason="") for i in range(n)]


@pytest.mark.parametrize(
    ("language", "one", "five"),
    [
        (
            "en",
            "1 added, 1 updated, 1 already registered and skipped, 1 refused.",
            "5 added, 5 updated, 5 already registered and skipped, 5 refused.",
        ),
        (
            "sv",
            "1 tillagd, 1 uppdaterad, 1 redan registrerad och överhoppad, 1 avvisad.",
            "5 tillagda, 5 uppdaterade, 5 redan registrerade och överhoppade, 5 avvisade.",
        ),
    ],
)
def test_the_import_summary_agrees_with_its_counts(language: str, one: str, five: str) -> None:
    set_language(language)
    assert import_summary(ImportResult(created=1, updated=1, skipped=1, refused=refusals(1))) == one
    assert import_summary(ImportResult(created=5, updated=5, skipped=5, refused=refusals(5))) == five


def test_active_pairs_one_and_five() -> None:
    assert still_active(1) == "The programme still has 1 active pair. Close or end it before anonymising."
    assert still_active(5) == "The programme still has 5 active pairs. Close or end them before anonymising."
    set_language("sv")
    assert still_active(1).startswith("Programmet har fortfarande 1 aktivt par. Avsluta eller upplös det ")
    assert still_active(5).startswith("Programmet har fortfarande 5 aktiva par. Avsluta eller upplös dem ")


@pytest.mark.parametrize(
    ("language", "one", "five"),
    [
        ("en", "1 form entered", "5 forms entered"),
        ("sv", "1 formulär infört", "5 formulär införda"),
        ("nb", "1 skjema registrert", "5 skjemaer registrert"),
        ("nl", "1 formulier ingevoerd", "5 formulieren ingevoerd"),
    ],
)
def test_forms_entered_one_and_five(language: str, one: str, five: str) -> None:
    set_language(language)
    assert ngettext("{n} form entered", "{n} forms entered", 1).format(n=1) == one
    assert ngettext("{n} form entered", "{n} forms entered", 5).format(n=5) == five
