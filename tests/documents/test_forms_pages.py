"""Paper evaluation forms on the page (issue 17): loose sheets get mixed up, so every page of a form names
the pair, the form and the respondent, and the pages are numbered per form; nothing near the edge; the
text is in the form's language only. Hard data: 200-character names, a 120-character programme name."""

from __future__ import annotations

import io
import re

import pytest
from pypdf import PdfReader
from reportlab.lib.pagesizes import A4
from reportlab.platypus import SimpleDocTemplate

from tests.documents.geometry import Page, Word, english_sentences, flat, read_fonts, read_metadata, read_pages
from westem_desktop.core.enums import Instrument, Role
from westem_desktop.core.instruments import FORM_TITLES, INSTRUMENTS, RATING_SCALE
from westem_desktop.core.labels import LABELS
from westem_desktop.core.printables import BlankForm
from westem_desktop.documents.base import Translator
from westem_desktop.documents.forms import RatingScale, write_forms

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


def scale_rows(page: Page) -> list[list[Word]]:
    """The rows of numbers of the rating scales on ``page``: the words 1 to 5 side by side on one line."""
    low, high = RATING_SCALE
    rows: dict[float, list[Word]] = {}
    for word in page.words:
        if word.text.isdigit() and low <= int(word.text) <= high:
            rows.setdefault(round(word.top, 1), []).append(word)
    return [
        sorted(row, key=lambda w: w.x0)
        for _top, row in sorted(rows.items())
        if [w.text for w in sorted(row, key=lambda w: w.x0)] == [str(n) for n in range(low, high + 1)]
    ]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("instrument", [Instrument.SESSION, Instrument.FINAL])
def test_every_rating_prints_its_scale_with_the_words_for_its_ends_under_them(
    language: str, instrument: Instrument
) -> None:
    """Under the first square the word for 1 starts, under the last the word for 5 ends, each in its half of
    the row, in the form's language; a square to tick under every number."""
    t = Translator(language)
    pages = read_pages(pdf_of(forms(language, instrument.value)[:1]))
    ratings = [(n, q) for n, q in enumerate(INSTRUMENTS[instrument], start=1) if q.kind == "rating"]
    rows = [(page, row) for page in pages for row in scale_rows(page)]
    assert len(rows) == len(ratings), (language, [flat(p.text) for p in pages])
    for (number, question), (page, row) in zip(ratings, rows, strict=True):
        first, last = row[0], row[-1]
        middle = (first.x0 + last.x1) / 2
        heading = page.phrase(f"{number}. {t(question.label).split()[0]}")  # the scale follows its question
        assert len(heading) == 1 and 0 < first.top - heading[0].bottom < 5, (question.key, heading)
        squares = [
            box
            for box in page.drawings
            if 3 < box.width < 6 and first.bottom < box.top < first.bottom + 4 and 3 < box.bottom - box.top < 6
        ]
        assert len(squares) == len(row), (question.key, squares)
        for digit, square in zip(row, sorted(squares, key=lambda b: b.x0), strict=True):
            assert square.x0 - 0.5 < (digit.x0 + digit.x1) / 2 < square.x1 + 0.5  # each number over its square
        below = max(square.bottom for square in squares)
        for text, end in ((t(question.low), "low"), (t(question.high), "high")):
            assert text != question.low or language == "en", (language, text)
            found = [box for box in page.phrase(text) if below < box.top < below + 6]
            assert len(found) == 1, (language, question.key, text)
            box = found[0]
            if end == "low":
                assert abs(box.x0 - min(s.x0 for s in squares)) < 1.0 and box.x1 < middle, (question.key, box)
            else:
                assert abs(box.x1 - max(s.x1 for s in squares)) < 1.0 and box.x0 > middle, (question.key, box)


def test_long_words_for_the_ends_wrap_within_their_half_of_the_row() -> None:
    """A long anchor (a Dutch compound, several words) wraps under its own end and never reaches the other."""
    low = "helemaal en volstrekt niet tevredenheidsonderzoek ontoereikend"
    high = "uitzonderlijk buitengewoon doeltreffend verantwoordelijkheidsgevoel"
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4).build([RatingScale(low, high)])
    page = read_pages(out.getvalue())[0]
    (row,) = scale_rows(page)
    middle = (row[0].x0 + row[-1].x1) / 2
    words = {word.text: word for word in page.words}
    assert all(words[w].x1 < middle for w in low.split()) and all(words[w].x0 > middle for w in high.split())
    assert len({round(words[w].top) for w in high.split()}) > 1  # wrapped, not cut
    assert all(words[w].top > row[0].bottom for w in (*low.split(), *high.split()))
    assert page.outside(10.0) == []
