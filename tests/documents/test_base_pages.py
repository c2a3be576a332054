"""What every document shares, read off the page: the footer fits the paper whatever the programme is
called and numbers every page "X of Y"; a wide logo is scaled to the frame; only embedded fonts; the
metadata a viewer shows (title, /Lang); the demo programme speaks the language asked for."""

from __future__ import annotations

import datetime as dt
import io
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from PIL import Image

from tests.documents.geometry import read_fonts, read_images, read_metadata, read_pages
from westem_desktop.cli import main
from westem_desktop.core.printables import AgreementDocument, CertificateDocument, Goal
from westem_desktop.documents.agreement import write_agreement
from westem_desktop.documents.base import FOOTER_SIZE, FRAME_WIDTH, Translator, footer_lines
from westem_desktop.documents.certificate import write_certificates
from westem_desktop.documents.fonts import REGULAR
from westem_desktop.documents.handouts import write_handouts

LANGUAGES = ("en", "sv", "nb", "nl")
ROOT = Path(__file__).resolve().parents[2]
PROGRAMME = (
    "Mentorskapsprogrammet för kvinnliga studenter inom naturvetenskap, teknik, ingenjörsvetenskap och "
    "matematik vid Demo KTH"
)
assert len(PROGRAMME) == 120
MENTOR = ("Łucja Wróblewska-Kowalczyk " * 8)[:200]
MENTEE = ("Δήμητρα Οικονόμου-Παπαδοπούλου " * 7)[:200]
LONG_TEXT = ("We meet every second week and prepare a question for every meeting. " * 30)[:2000]
MM = 25.4 / 72


def _logo(width: int = 1400, height: int = 100) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (width, height), (59, 42, 107)).save(buffer, format="PNG")
    return buffer.getvalue()


def agreement_pdf(language: str, logo: bytes | None = None) -> bytes:
    doc = AgreementDocument(
        programme=PROGRAMME,
        mentor=MENTOR,
        mentee=MENTEE,
        institution="Demo University of Technology",
        logo=logo,
        goals=[Goal(LONG_TEXT, LONG_TEXT[:300], LONG_TEXT[:200])],
        expectations=LONG_TEXT,
        timeline_start=dt.date(2026, 2, 2),
        timeline_end=dt.date(2026, 5, 29),
        mentor_boundaries=LONG_TEXT,
        coordinator_name="Karin Lindqvist",
        coordinator_signs=True,
        version=12,
    )
    buffer = io.BytesIO()
    write_agreement(doc, language, buffer)
    return buffer.getvalue()


def handouts_pdf(language: str) -> bytes:
    buffer = io.BytesIO()
    write_handouts(language, PROGRAMME, buffer)
    return buffer.getvalue()


def certificate_pdf(language: str, logo: bytes | None = None) -> bytes:
    doc = CertificateDocument(
        name=MENTEE,
        role="mentee",
        programme=PROGRAMME,
        institution="Demo University of Technology",
        logo=logo,
        start=dt.date(2026, 2, 2),
        end=dt.date(2026, 5, 29),
        meetings=7,
        minutes=315,
        coordinator_name="Karin Lindqvist",
    )
    buffer = io.BytesIO()
    write_certificates([doc], language, buffer)
    return buffer.getvalue()


DOCUMENTS = {"agreement": agreement_pdf, "handouts": handouts_pdf, "certificate": certificate_pdf}


def plain(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("\u00a0", " "))


def page_of(language: str, page: int, pages: int) -> str:
    """ "Page 2 of 3" in ``language``: the last part of the footer."""
    footer = Translator(language)("{programme} · Page {page} of {pages}")
    return plain(footer.format(programme="", page=page, pages=pages).split(" · ")[-1])


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", ["agreement", "handouts"])
def test_the_footer_fits_a_long_programme_name_and_numbers_every_page(kind: str, language: str) -> None:
    pages = read_pages(DOCUMENTS[kind](language))

    assert len(pages) > 1
    for page in pages:
        assert page.outside(10) == [], (page.number, page.outside(10)[:3])
        assert page_of(language, page.number, len(pages)) in plain(page.text), page.text[-200:]


def test_footer_lines_wrap_at_a_separator_and_shorten_the_name_when_two_lines_are_not_enough() -> None:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    def width(line: str) -> float:
        return stringWidth(line, REGULAR, FOOTER_SIZE)

    short = "Programme · Page 1 of 2"
    assert footer_lines(short) == [short]
    two = footer_lines(f"{PROGRAMME} · Mentoring agreement, version 3 · Page 2 of 7")
    assert len(two) == 2 and two[1] == "Mentoring agreement, version 3 · Page 2 of 7"
    assert two[0].endswith("…") and PROGRAMME.startswith(two[0][:-1]) and len(two[0]) > 90  # fills the line
    three = footer_lines(f"{PROGRAMME * 3} · Mentoring agreement, version 3 · Page 2 of 7")
    assert len(three) <= 2 and "…" in three[0] and three[-1].endswith("Page 2 of 7")
    single = footer_lines(PROGRAMME * 4)
    assert len(single) == 2 and single[1].endswith("…")
    assert all(width(line) <= FRAME_WIDTH for line in [*two, *three, *single])


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", ["agreement", "certificate"])
def test_a_wide_logo_is_scaled_to_the_frame_keeping_its_proportions(kind: str, language: str) -> None:
    pdf = DOCUMENTS[kind](language, logo=_logo())

    assert read_pages(pdf)[0].outside(10) == []
    (logo,) = read_images(pdf)[0]
    assert FRAME_WIDTH * MM - 0.5 <= logo.width <= FRAME_WIDTH * MM + 0.1  # as wide as the frame, no wider
    assert abs((logo.bottom - logo.top) - logo.width / 14) < 0.2  # 1400x100 kept


def test_a_tall_logo_keeps_its_height() -> None:
    (logo,) = read_images(agreement_pdf("sv", logo=_logo(100, 400)))[0]
    assert abs((logo.bottom - logo.top) - 16) < 0.1 and abs(logo.width - 4) < 0.1


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", ["agreement", "handouts", "certificate"])
def test_only_embedded_fonts_and_the_metadata_a_viewer_shows(kind: str, language: str) -> None:
    pdf = DOCUMENTS[kind](language)

    fonts = read_fonts(pdf)
    assert fonts and all(font.embedded for font in fonts), fonts
    assert not [font for font in fonts if "Helvetica" in font.name]
    meta = read_metadata(pdf)
    assert meta.language.split("-")[0] == language
    assert meta.title and meta.shows_title and meta.subject


def _english_sentences(language: str) -> set[str]:
    """The catalogue's English sentences that ``language`` says otherwise."""
    with (ROOT / "translations" / language / "LC_MESSAGES" / "westem_desktop.po").open("rb") as handle:
        catalog = read_po(handle)
    return {
        message.id
        for message in catalog
        if isinstance(message.id, str)
        and message.string
        and message.string != message.id
        and len(message.id.split()) >= 3
        and "{" not in message.id
    }


@pytest.mark.parametrize("language", ["sv", "nb", "nl"])
def test_the_demo_programme_speaks_the_language_asked_for(tmp_path: Path, language: str) -> None:
    db = tmp_path / "demo.sqlite"
    assert main(["demo", "--db", str(db), "--participants", "40", "--seed", "4", "--lang", language]) == 0
    from sqlalchemy import select

    from westem_desktop.core.db import open_database
    from westem_desktop.core.models import Agreement, AgreementGoal, Match, Programme

    with open_database(db) as database, database.session() as session:
        programme = session.scalars(select(Programme)).one()
        match_id = session.scalar(
            select(Match.id).join(Agreement).join(AgreementGoal).where(Agreement.expectations != "").limit(1)
        )
        texts = [programme.name, programme.institution, programme.coordinator_title]
    assert programme.document_language == language
    pdf = tmp_path / "agreement.pdf"
    assert main(["print", "agreement", "--db", str(db), "--match", str(match_id), "-o", str(pdf)]) == 0
    text = plain(" ".join(page.text for page in read_pages(pdf)))

    english = [sentence for sentence in _english_sentences(language) if plain(sentence) in text]
    assert english == []
    assert all(part in text for part in texts[:2])
    assert Translator(language)("Meet regularly, prepare each meeting and be honest with each other.") in text


def test_the_demo_programme_is_english_unless_asked(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("LANGUAGE", "sv")
    db = tmp_path / "demo.sqlite"
    assert main(["demo", "--db", str(db), "--participants", "20"]) == 0
    from sqlalchemy import select

    from westem_desktop.core.db import open_database
    from westem_desktop.core.models import Programme

    with open_database(db) as database, database.session() as session:
        programme = session.scalars(select(Programme)).one()
        assert (programme.institution, programme.document_language) == ("Demo University of Technology", "en")
