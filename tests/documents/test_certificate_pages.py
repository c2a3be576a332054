"""Certificates measured on the page, in all four languages, with hard data (200-character names, a
120-character programme and institution, a 1400x100 logo, a pair without meetings): a balanced A4 page
inside a 10 mm margin, the signature line at the same height on every certificate, nothing smaller than
11 pt, no "0 meetings", no English left in a translated certificate; reprinting into a folder replaces the
files and is recorded as a reprint."""

from __future__ import annotations

import datetime as dt
import errno
import io
import re
import sqlite3
from pathlib import Path

import pdfplumber
import pytest
from babel.messages.pofile import read_po
from PIL import Image

from tests.documents.geometry import Page, read_pages
from westem_desktop.cli import main
from westem_desktop.core.printables import CertificateDocument
from westem_desktop.documents.certificate import write_certificates

LANGUAGES = ("en", "sv", "nb", "nl")
LONG_NAME = ("Łucja Wróblewska-Nguyễn Thị Hương " * 8)[:200]
PROGRAMME = ("Peer mentoring for women in STEM at the faculty " * 3)[:120]
INSTITUTION = ("Uppsala universitet, Institutionen för informationsteknologi " * 2)[:120]
POT = Path(__file__).resolve().parents[2] / "translations" / "westem_desktop.pot"
SIGNATURE_WIDTH = 85  # mm, the coordinator's line


def wide_logo() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (1400, 100), "#3b2a6b").save(buffer, "PNG")
    return buffer.getvalue()


def certificate(name: str, role: str, meetings: int = 7, minutes: int = 630, logo: bytes | None = None):
    return CertificateDocument(
        name=name,
        role=role,
        programme=PROGRAMME,
        institution=INSTITUTION,
        logo=logo,
        start=dt.date(2026, 9, 1),
        end=dt.date(2027, 1, 20),
        meetings=meetings,
        minutes=minutes,
        coordinator_name=("Karin Lindqvist-Åberg " * 10)[:200],
        coordinator_title="Coordinator",
        issued_on=dt.date(2027, 1, 25),
    )


HARD = (
    certificate(LONG_NAME, "mentor", logo=wide_logo()),
    certificate(LONG_NAME, "mentee", meetings=0, minutes=0, logo=wide_logo()),
    certificate("Ana Li", "mentor", meetings=1, minutes=60),
    certificate("Ana Li", "mentee", meetings=0, minutes=0),
)


def render(language: str, docs=HARD) -> bytes:
    buffer = io.BytesIO()
    write_certificates(list(docs), language, buffer)
    return buffer.getvalue()


def signature_line(page: Page) -> float:
    """The top (mm) of the coordinator's signature line."""
    (line,) = [rule for rule in page.rules if abs(rule.width - SIGNATURE_WIDTH) < 1]
    return line.top


@pytest.fixture(scope="module", params=LANGUAGES)
def printed(request) -> tuple[str, bytes, list[Page]]:
    pdf = render(request.param)
    return request.param, pdf, read_pages(pdf)


def test_one_page_each_nothing_within_10_mm_of_the_edge(printed) -> None:
    _language, _pdf, pages = printed
    assert len(pages) == len(HARD)
    for page in pages:
        assert page.outside(10) == [], f"page {page.number}"


PAGE_ONE_OF_ONE = {"en": "Page 1 of 1", "sv": "Sida 1 av 1", "nb": "Side 1 av 1", "nl": "Pagina 1 van 1"}


def test_every_certificate_is_numbered_as_a_document_of_one_page(printed) -> None:
    language, _pdf, pages = printed
    for page in pages:
        assert page.text.count(PAGE_ONE_OF_ONE[language]) == 1, f"page {page.number}"


def test_the_signature_line_is_at_the_same_height_on_every_certificate(printed) -> None:
    _language, _pdf, pages = printed
    heights = [signature_line(page) for page in pages]  # long and short names, mentor and mentee
    assert max(heights) - min(heights) <= 0.5
    for page in pages:
        # At least 12 mm free above the line to sign on, over its whole length.
        line = next(rule for rule in page.rules if abs(rule.width - SIGNATURE_WIDTH) < 1)
        above = [
            box.bottom
            for box in (*page.words, *page.drawings)
            if box.bottom < line.top - 0.1 and box.x1 > line.x0 and box.x0 < line.x1 and box.width < 150
        ]
        assert line.top - max(above) >= 12


def test_the_page_is_balanced(printed) -> None:
    """The content starts in the upper quarter and reaches below 60 % of the page, with the signature."""
    _language, _pdf, pages = printed
    for page in pages:
        texts = page.words
        assert min(word.top for word in texts) < page.height * 0.25
        assert max(word.bottom for word in texts) > page.height * 0.75
        assert signature_line(page) > page.height * 0.6
        # The name and the body sit between title and signature, not crowded at the top.
        assert any(page.height * 0.45 < word.top < signature_line(page) - 10 for word in texts)


def test_no_text_smaller_than_11_pt(printed) -> None:
    _language, pdf, _pages = printed
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        for page in document.pages:
            sizes = {round(char["size"], 1) for char in page.chars if char["text"].strip()}
            assert min(sizes) >= 11, sizes


def test_the_wide_logo_is_scaled_into_the_page(printed) -> None:
    _language, pdf, pages = printed
    with pdfplumber.open(io.BytesIO(pdf)) as document:
        (image,) = document.pages[0].images
    width_mm = (image["x1"] - image["x0"]) * 25.4 / 72
    height_mm = (image["bottom"] - image["top"]) * 25.4 / 72
    assert 150 <= width_mm <= 166 and abs(width_mm / height_mm - 14) < 0.2  # the logo's shape kept
    assert pages[0].outside(10) == []


def test_what_the_person_did_without_zeros(printed) -> None:
    language, _pdf, pages = printed
    mentor, mentee_without_meetings, one_meeting, _mentee = (page.text for page in pages)
    for text in (page.text for page in pages):
        assert not re.search(r"(?<![\d,.])0 ", text), text  # no "0 meetings", "0 hours"
        assert "0,0" not in text and "0.0" not in text
    expected = {
        "en": ("7 meetings held, 10.5 hours in all.", "1 meeting held, 1 hour in all.", "leadership"),
        "sv": ("7 genomförda möten, 10,5 timmar sammanlagt.", "1 genomfört möte, 1 timme sammanlagt.", "ledarskap"),
        "nb": ("7 avholdte møter, 10,5 timer i alt.", "1 avholdt møte, 1 time i alt.", "lederskap"),
        "nl": (
            "7 gehouden ontmoetingen, 10,5 uur in totaal.",
            "1 gehouden ontmoeting, 1 uur in totaal.",
            "leiderschap",
        ),
    }[language]
    flat = [" ".join(text.split()) for text in (mentor, one_meeting, mentee_without_meetings)]
    assert expected[0] in flat[0] and expected[2] in flat[0]
    assert expected[1] in flat[1]
    assert expected[2] not in flat[2]  # a mentee's certificate names no mentor skills


def english_sentences() -> list[str]:
    """The catalogue's English texts of three words or more, cut at their placeholders."""
    with POT.open("rb") as handle:
        catalog = read_po(handle)
    pieces = set()
    for message in catalog:
        for text in message.id if isinstance(message.id, tuple) else (message.id,):
            for piece in re.split(r"\{[^}]*\}|%\([^)]*\)\w|\n", text or ""):
                piece = " ".join(piece.split()).strip(" .,:;")
                if len(piece.split()) >= 3:
                    pieces.add(piece)
    return sorted(pieces)


@pytest.mark.parametrize("language", ["sv", "nb", "nl"])
def test_a_translated_certificate_has_no_english_sentence(language: str) -> None:
    docs = [certificate("Ana Li", "mentor"), certificate("Ana Li", "mentee")]
    text = " ".join(" ".join(page.text.split()) for page in read_pages(render(language, docs)))
    left = [sentence for sentence in english_sentences() if sentence in text and sentence not in PROGRAMME]
    assert left == []


# Reprints, through the command line on the demo programme.


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    path = tmp_path / "westem.sqlite"
    assert main(["demo", "--db", str(path), "--participants", "40"]) == 0
    return path


def recorded(db: Path) -> list[tuple]:
    with sqlite3.connect(db) as conn:
        return conn.execute(
            "SELECT match_id, participant_id, role, issued_on, reprints FROM certificate ORDER BY id"
        ).fetchall()


def test_reprinting_into_the_same_folder_replaces_the_files_and_records_a_reprint(
    demo: Path, tmp_path: Path, capsys
) -> None:
    folder = tmp_path / "certificates"
    with sqlite3.connect(demo) as conn:  # the demo has issued some already: start from none
        conn.execute("DELETE FROM certificate")
    assert main(["print", "certificates", "--db", str(demo), "--all-closed", "-o", str(folder)]) == 0
    first = {path.name: path.stat().st_ino for path in folder.iterdir()}
    once = recorded(demo)
    people = len(first)
    assert people >= 2 and len(once) == people and all(row[4] == 0 for row in once)  # one each, new
    capsys.readouterr()

    assert main(["print", "certificates", "--db", str(demo), "--all-closed", "-o", str(folder)]) == 0
    out = capsys.readouterr().out
    second = {path.name: path.stat().st_ino for path in folder.iterdir()}
    assert set(second) == set(first) and not any("~" in name for name in second)  # no copies
    assert all(second[name] != first[name] for name in first)  # each file replaced by a new one
    assert not [p for p in folder.iterdir() if p.suffix != ".pdf"]  # no temporary file left
    twice = recorded(demo)
    assert [row[:4] for row in twice] == [row[:4] for row in once]  # no new certificate, the same dates
    reprinted = [row for row in twice if row[4] >= 1]
    assert len(reprinted) == people
    assert f"{people} of them were printed before and are recorded as reprints." in out


def test_a_reprint_that_fails_leaves_the_earlier_files_and_records(demo: Path, tmp_path: Path, monkeypatch) -> None:
    from westem_desktop.documents import certificate as module

    folder = tmp_path / "certificates"
    assert main(["print", "certificates", "--db", str(demo), "--all-closed", "-o", str(folder)]) == 0
    files = {path.name: path.read_bytes() for path in folder.iterdir()}
    rows = recorded(demo)
    real, calls = module.write_certificates, []

    def filling_up(docs, language, target, progress=None) -> None:
        calls.append(target)
        if len(calls) == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(docs, language, target, progress)

    monkeypatch.setattr(module, "write_certificates", filling_up)
    assert main(["print", "certificates", "--db", str(demo), "--all-closed", "-o", str(folder)]) == 1
    assert {path.name: path.read_bytes() for path in folder.iterdir()} == files
    assert recorded(demo) == rows
