"""The onboarding handouts on the page (issue 17): they address the reader in the imperative, as the manual
does, and describe each phase (aim, how long, tips); nothing near the edge, pages numbered "X of Y",
the text in the chosen language only, a title that says what is in them. A 120-character programme name."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from tests.documents.geometry import english_sentences, flat, read_pages
from westem_desktop.core.checklists import PHASE_NAMES
from westem_desktop.core.enums import Phase
from westem_desktop.documents.base import Translator
from westem_desktop.documents.handouts import write_handouts

LANGUAGES = ("en", "sv", "nb", "nl")
PROGRAMME = ("Mentorprogram för förstaårsstudenter i informationsteknik och matematik " * 3)[:120]

# What the reader is told to do (the manual's words), and the tracking notes she must not read instead.
IMPERATIVE = {
    "en": (("Read and accept the code of conduct", "Choose your mentor"), ("Read and accepted", "Chose a mentor")),
    "sv": (("Läs och acceptera uppförandekoden", "Välj din mentor", "Lyssna aktivt"), ("Har läst", "Har valt")),
    "nb": (
        ("Les og godta atferdsreglene", "Velg mentoren din", "Bygg tillit", "Lytt aktivt"),
        ("Har lest", "Har valgt", "Bygge tillit", "Sette grenser", "Lytte aktivt", "Diskutere"),
    ),
    "nl": (
        ("Lees en accepteer de gedragscode", "Kies je mentor", "Luister actief"),
        ("Heeft de gedragscode", "Heeft een mentor", "Actief luisteren"),
    ),
}


def handouts(language: str) -> bytes:
    out = io.BytesIO()
    write_handouts(language, PROGRAMME, out)
    return out.getvalue()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_handouts_address_the_reader_in_the_imperative(language: str) -> None:
    text = flat(" ".join(page.text for page in read_pages(handouts(language))))
    told, tracked = IMPERATIVE[language]
    for words in told:
        assert words in text, words
    for words in tracked:
        assert words not in text, words


@pytest.mark.parametrize("language", LANGUAGES)
def test_each_phase_is_described_with_its_aim_length_and_tips(language: str) -> None:
    t = Translator(language)
    pages = read_pages(handouts(language))
    text = flat(" ".join(page.text for page in pages))
    for label in (t("Aim"), t("How long"), t("Tips")):
        assert text.count(f"{label}:") == len(Phase), label
    for phase in Phase:
        assert f"{int(phase)}. {t(PHASE_NAMES[phase])}" in text
    assert t("Agree a timeline: from a few weeks up to at most four months. Set at most three goals.") in text


@pytest.mark.parametrize("language", LANGUAGES)
def test_nothing_near_the_edge_and_every_page_numbered(language: str) -> None:
    t = Translator(language)
    pages = read_pages(handouts(language))
    assert len(pages) >= 2
    numbering = t("{programme} · Page {page} of {pages}").split("· ", 1)[1]
    pattern = re.escape(numbering).replace(r"\{page\}", r"(\d+)").replace(r"\{pages\}", r"(\d+)")
    for page in pages:
        assert page.outside(10.0) == [], (language, page.number)
        assert re.findall(pattern, flat(page.text)) == [(str(page.number), str(len(pages)))], page.number


@pytest.mark.parametrize("language", ["sv", "nb", "nl"])
def test_the_handouts_have_no_english_sentence(language: str) -> None:
    text = flat(" ".join(page.text for page in read_pages(handouts(language))))
    assert english_sentences(text, language) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_title_says_what_is_in_the_handouts(language: str) -> None:
    t = Translator(language)
    info = PdfReader(io.BytesIO(handouts(language))).metadata
    assert info.title == t("Handouts: onboarding checklists and the mentoring cycle")
    assert t("The mentoring cycle").lower() in info.title.lower()
    assert PROGRAMME in info.subject
