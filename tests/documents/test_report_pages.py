"""The programme report read off the page in four languages, with a 120-character programme name: it
stays inside the paper (charts and their labels too), numbers every page, writes numbers, shares and
dates in the document language's form with the number of answers beside each average and share, and
uses only embedded fonts."""

from __future__ import annotations

import datetime as dt
import io
import re

import pytest
from babel.dates import format_date
from babel.numbers import format_decimal, format_percent

from tests.documents.geometry import english_sentences, flat, read_fonts, read_metadata, read_pages
from tests.documents.test_base_pages import LANGUAGES, PROGRAMME, page_of, plain
from westem_desktop.core.db import open_database
from westem_desktop.core.demo import create_demo
from westem_desktop.core.reports import programme_report
from westem_desktop.documents.base import Translator
from westem_desktop.documents.report import write_report_pdf
from westem_desktop.i18n import babel_locale

TODAY = dt.date(2026, 3, 2)


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> dict:
    with open_database(tmp_path_factory.mktemp("report") / "demo.sqlite") as db, db.session() as session:
        programme = create_demo(session, participants=160, seed=3, name=PROGRAMME, today=TODAY, language="nl")
        return programme_report(session, programme.id)


def _pdf(report: dict, language: str) -> bytes:
    buffer = io.BytesIO()
    write_report_pdf(report, language, buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("language", LANGUAGES)
def test_everything_stays_on_the_paper_and_every_page_is_numbered(report: dict, language: str) -> None:
    pages = read_pages(_pdf(report, language))

    assert len(pages) > 1
    for page in pages:
        assert page.outside(10) == [], (page.number, page.outside(10)[:3])
        assert page_of(language, page.number, len(pages)) in plain(page.text)


@pytest.mark.parametrize("language", LANGUAGES)
def test_chart_labels_start_inside_the_frame(report: dict, language: str) -> None:
    """A chart's labels are right-aligned to its bars; none may begin left of the text above it."""
    pages = read_pages(_pdf(report, language))
    left = min(word.x0 for page in pages for word in page.words)
    assert left >= 20 - 0.5  # the 20 mm margin the text keeps


@pytest.mark.parametrize("language", LANGUAGES)
def test_numbers_shares_and_dates_in_the_document_language(report: dict, language: str) -> None:
    locale = babel_locale(language)
    text = plain(" ".join(page.text for page in read_pages(_pdf(report, language))))

    hours = format_decimal(report["meetings"]["hours"], format="#,##0.0", locale=locale)
    assert hours in text
    for key, values in report["ratings"].items():
        answers = report["rating_answers"][key]["all"]
        average = format_decimal(values["all"], format="#,##0.0", locale=locale)
        assert plain(f"{average} (n = {answers})") in text, (average, answers)
    for role, share in report["recommend_share"].items():
        shown = plain(format_percent(share, locale=locale))
        assert f"{shown} (n = {report['recommend_answers'][role]})" in text
    if language != "en":
        assert not re.search(r"\d\.\d (\(n|$)", text)  # no "3.9 (n = …": the English form
        assert "," in format_decimal(0.5, locale=locale) and re.search(r"\d,\d \(n = \d+\)", text)


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_date_is_never_broken_over_two_lines(report: dict, language: str) -> None:
    assert " " not in Translator(language).date(TODAY)  # its spaces do not break
    first = read_pages(_pdf(report, language))[0]
    today = plain(format_date(dt.date.today(), "long", locale=babel_locale(language)))
    assert any(today in plain(line) for line in first.text.splitlines())


@pytest.mark.parametrize("language", LANGUAGES)
def test_only_embedded_fonts_and_metadata(report: dict, language: str) -> None:
    pdf = _pdf(report, language)
    fonts = read_fonts(pdf)
    assert fonts and all(font.embedded for font in fonts) and not [f for f in fonts if "Helvetica" in f.name]
    meta = read_metadata(pdf)
    assert meta.language == babel_locale(language).replace("_", "-")
    assert PROGRAMME[:60] in meta.title and meta.shows_title and meta.subject and meta.author


@pytest.mark.parametrize("language", ["sv", "nb", "nl"])
def test_a_translated_report_has_no_english_sentence(report: dict, language: str) -> None:
    text = flat(" ".join(page.text for page in read_pages(_pdf(report, language))))
    assert english_sentences(text, language) == []
    english = flat(" ".join(page.text for page in read_pages(_pdf(report, "en"))))
    assert len(english_sentences(english, "sv")) >= 5  # the check finds the report's English texts
