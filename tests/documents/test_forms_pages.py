"""Paper evaluation forms on the page (issue 17): loose sheets get mixed up, so every page of a form names
the pair, the form and the respondent, and the pages are numbered per form; nothing near the edge; the
text is in the form's language only. Hard data: 200-character names, a 120-character programme name."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader

from tests.documents.geometry import english_sentences, flat, read_fonts, read_metadata, read_pages
from westem_desktop.core.enums import Instrument, Role
from westem_desktop.core.instruments import FORM_TITLES
from westem_desktop.core.labels import LABELS
from westem_desktop.core.printables import BlankForm
from westem_desktop.documents.base import Translator
from westem_desktop.documents.forms import write_forms

LANGUAGES = ("en", "sv", "nb", "nl")
PROGRAMME = ("Mentorprogram för förstaårsstudenter i informationsteknik och matematik " * 3)[:120]
MENTOR = ("Åsa-Kristina Sigríður Fernández-Wróblewska " * 6)[:200]
MENTEE = ("Nguyễn Thị Hương Αικατερίνη Παπαδοπούλου " * 6)[:200]


def forms(language: str, instrument: str = "final") -> list[BlankForm]:
    return [
        BlankForm(PROGRAMME, pair, MENTOR, MENTEE, role, instrument, language)
        for pair in (7, 1234)
        for role in (Role.MENTOR.value, Role.MENTEE.value)
    ]


def pdf_of(batch: list[BlankForm]) -> bytes:
    out = io.BytesIO()
    write_forms(batch, out)
    return out.getvalue()


def page_numbers(text: str, t: Translator) -> list[tuple[int, int]]:
    pattern = re.escape(t("Page {page} of {pages}")).replace(r"\{page\}", r"(\d+)").replace(r"\{pages\}", r"(\d+)")
    return [(int(a), int(b)) for a, b in re.findall(pattern, text)]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_of_a_form_names_the_pair_the_form_and_the_respondent(language: str) -> None:
    t = Translator(language)
    batch = forms(language)
    pages = read_pages(pdf_of(batch))
    assert len(pages) > len(batch), "the final evaluation takes more than one page: the test needs a page 2"
    title = t(FORM_TITLES[Instrument.FINAL])
    numbers = []
    form = -1
    for page in pages:
        text = flat(page.text)
        found = page_numbers(text, t)
        assert len(found) == 1, (page.number, text[-80:])
        numbers.append(found[0])
        if found[0][0] == 1:
            form += 1
        expected = batch[form]
        respondent = t("Filled in by the {role}").format(role=t(LABELS[Role(expected.role)]).lower())
        assert title in text, page.number
        assert t("Pair {id}").format(id=expected.match_id) in text, page.number
        assert respondent in text, page.number
        assert f"{t('Mentor')}:" in text and f"{t('Mentee')}:" in text, page.number
        assert page.find("Åsa-Kristina") and page.find("Αικατερίνη"), page.number  # the names
    per_form = len(pages) // len(batch)
    assert numbers == [(page, per_form) for _form in batch for page in range(1, per_form + 1)]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("instrument", [i.value for i in Instrument])
def test_nothing_comes_near_the_edge_of_the_paper(language: str, instrument: str) -> None:
    for page in read_pages(pdf_of(forms(language, instrument))):
        assert page.outside(10.0) == [], (language, instrument, page.number)


@pytest.mark.parametrize("language", ["sv", "nb", "nl"])
def test_a_form_has_no_english_sentence(language: str) -> None:
    for instrument in Instrument:
        text = flat(" ".join(page.text for page in read_pages(pdf_of(forms(language, instrument.value)))))
        assert english_sentences(text, language) == []


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_metadata_say_what_is_printed(language: str) -> None:
    t = Translator(language)
    info = PdfReader(io.BytesIO(pdf_of(forms(language, "midpoint")))).metadata
    assert info.title.startswith(t(FORM_TITLES[Instrument.MIDPOINT]))
    assert t("Pair {id}").format(id=1234) in info.subject and t("Pair {id}").format(id=7) in info.subject
    assert info.author == PROGRAMME
    meta = read_metadata(pdf_of(forms(language, "midpoint")))
    assert meta.language.split("-")[0] == language and meta.shows_title


def test_only_embedded_fonts() -> None:
    fonts = read_fonts(pdf_of(forms("nb", "final")))
    assert fonts and all(font.embedded for font in fonts) and not [f for f in fonts if "Helvetica" in f.name]


def test_a_batch_in_several_languages_numbers_each_form_in_its_own() -> None:
    batch = forms("sv", "session") + forms("nl", "session")[:1]
    pages = read_pages(pdf_of(batch))
    assert len(pages) == 5
    assert page_numbers(flat(pages[0].text), Translator("sv")) == [(1, 1)]
    assert page_numbers(flat(pages[4].text), Translator("nl")) == [(1, 1)]
    assert "Ingevuld door de mentor" in pages[4].text


def test_the_subject_of_a_large_batch_names_the_first_pairs() -> None:
    batch = [BlankForm(PROGRAMME, pair, "A", "B", "mentee", "session", "sv") for pair in range(1, 31)]
    subject = PdfReader(io.BytesIO(pdf_of(batch))).metadata.subject
    assert (
        subject
        == "Tomma utvärderingsformulär att fylla i för hand: "
        + ", ".join(f"Par {pair}" for pair in range(1, 11))
        + ", …"
    )
