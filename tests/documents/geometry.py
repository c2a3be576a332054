"""Read what a PDF puts where (pdfplumber), for the tests that look at the page.

Coordinates are in millimetres from the top-left corner of the page (``top`` grows downwards), as a
person measures a printed sheet with a ruler.
"""

from __future__ import annotations

import functools
import io
from dataclasses import dataclass
from pathlib import Path

import pdfplumber
from babel.messages.pofile import read_po

POINT = 25.4 / 72  # millimetres per PDF point


@dataclass(frozen=True)
class Box:
    x0: float
    top: float
    x1: float
    bottom: float

    @property
    def width(self) -> float:
        return self.x1 - self.x0


@dataclass(frozen=True)
class Word(Box):
    text: str


@dataclass(frozen=True)
class Rule(Box):
    """A drawn line (or a rectangle no taller than 1 mm: reportlab draws some rules as thin rectangles)."""


@dataclass(frozen=True)
class Page:
    number: int
    width: float
    height: float
    words: tuple[Word, ...]
    rules: tuple[Rule, ...]
    drawings: tuple[Box, ...]  # every line, rectangle, curve and image
    text: str

    def find(self, text: str) -> list[Word]:
        """The words equal to ``text`` (one word) on the page."""
        return [word for word in self.words if word.text == text]

    def phrase(self, text: str) -> list[Box]:
        """Where ``text`` (several words) stands on one line of the page, as the box around its words."""
        wanted = text.split()
        found = []
        for start, first in enumerate(self.words):
            run = self.words[start : start + len(wanted)]
            if [word.text for word in run] == wanted and all(abs(word.top - first.top) < 1.0 for word in run):
                found.append(Box(run[0].x0, min(w.top for w in run), run[-1].x1, max(w.bottom for w in run)))
        return found

    def outside(self, margin: float = 10.0) -> list[Box]:
        """Every word and drawing that reaches into the ``margin`` (mm) at the page's edges."""
        inside = Box(margin, margin, self.width - margin, self.height - margin)
        return [
            box
            for box in (*self.words, *self.drawings)
            if box.x0 < inside.x0 - 0.1
            or box.top < inside.top - 0.1
            or box.x1 > inside.x1 + 0.1
            or box.bottom > inside.bottom + 0.1
        ]

    def filled_to(self) -> float:
        """How far down the page (mm) the content reaches, the footer (the lowest line) left out."""
        footer_top = max((word.top for word in self.words), default=0.0)
        bottoms = [box.bottom for box in (*self.words, *self.drawings) if box.top < footer_top - 1]
        return max(bottoms, default=0.0)


def _mm(value: float) -> float:
    return value * POINT


def _box(obj: dict) -> tuple[float, float, float, float]:
    return _mm(obj["x0"]), _mm(obj["top"]), _mm(obj["x1"]), _mm(obj["bottom"])


def read_pages(pdf: bytes | Path) -> list[Page]:
    """Every page of ``pdf`` with its words, ruled lines and drawings in millimetres."""
    source = io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf
    pages = []
    with pdfplumber.open(source) as document:
        for number, page in enumerate(document.pages, start=1):
            height = float(page.height)
            words = tuple(Word(*_box(w), text=w["text"]) for w in page.extract_words(keep_blank_chars=False))
            lines = [Rule(*_box(line)) for line in page.lines]
            thin = [Rule(*_box(rect)) for rect in page.rects if _mm(rect["bottom"] - rect["top"]) <= 1.0]
            drawings = tuple(Box(*_box(obj)) for obj in (*page.lines, *page.rects, *page.curves, *page.images))
            pages.append(
                Page(
                    number=number,
                    width=_mm(float(page.width)),
                    height=_mm(height),
                    words=words,
                    rules=tuple(lines + thin),
                    drawings=drawings,
                    text=page.extract_text() or "",
                )
            )
    return pages


@dataclass(frozen=True)
class Font:
    page: int
    name: str  # the /BaseFont, e.g. "AAAAAA+DejaVuSans"
    embedded: bool  # a font program (/FontFile, /FontFile2 or /FontFile3) is in the file


def read_fonts(pdf: bytes | Path) -> list[Font]:
    """Every font the pages' resources refer to (forms and their nested resources included)."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf)
    found: list[Font] = []

    def embedded(font) -> bool:
        descriptors = [font.get("/FontDescriptor")]
        descriptors += [d.get_object().get("/FontDescriptor") for d in font.get("/DescendantFonts") or []]
        return any(
            d is not None and any(k in d.get_object() for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            for d in descriptors
        )

    def visit(resources, number: int, seen: set[int]) -> None:
        resources = resources.get_object() if resources is not None else {}
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            found.append(Font(number, str(font.get("/BaseFont")), embedded(font)))
        for xobject in (resources.get("/XObject") or {}).values():
            if id(xobject.get_object()) in seen:
                continue
            seen.add(id(xobject.get_object()))
            if xobject.get_object().get("/Resources") is not None:
                visit(xobject.get_object()["/Resources"], number, seen)

    for number, page in enumerate(reader.pages, start=1):
        visit(page.get("/Resources"), number, set())
    return found


@dataclass(frozen=True)
class Metadata:
    title: str
    author: str
    subject: str
    language: str  # the catalogue's /Lang, "" when missing
    shows_title: bool  # /ViewerPreferences /DisplayDocTitle true: the viewer's title bar shows the title


def read_metadata(pdf: bytes | Path) -> Metadata:
    """The document information and the catalogue entries a viewer and a screen reader use."""
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf)
    info = reader.metadata or {}
    root = reader.trailer["/Root"].get_object()
    preferences = root.get("/ViewerPreferences")
    shows = bool(preferences.get_object().get("/DisplayDocTitle")) if preferences is not None else False
    return Metadata(
        title=str(info.get("/Title") or ""),
        author=str(info.get("/Author") or ""),
        subject=str(info.get("/Subject") or ""),
        language=str(root.get("/Lang") or ""),
        shows_title=shows,
    )


def read_images(pdf: bytes | Path) -> list[list[Box]]:
    """The boxes of the images (a logo) on every page, in millimetres from the top-left."""
    source = io.BytesIO(pdf) if isinstance(pdf, bytes) else pdf
    with pdfplumber.open(source) as document:
        return [[Box(*_box(image)) for image in page.images] for page in document.pages]


def flat(text: str) -> str:
    """``text`` with every run of white space (line breaks too) as one space."""
    return " ".join(text.split())


def english_sentences(text: str, language: str) -> list[str]:
    """The English texts of the catalogue (three words or more, translated differently) found in ``text`` (a
    document's text run through ``flat``): a Swedish, Norwegian or Dutch document should show none."""
    if language == "en":
        return []
    from westem_desktop.i18n import catalogue

    own = catalogue(language)
    return [message for message in english_msgids() if own.gettext(message) != message and message in text]


@functools.cache
def english_msgids() -> tuple[str, ...]:
    """Every English text of the catalogue of three words or more, without placeholders."""
    with (Path(__file__).parents[2] / "translations" / "westem_desktop.pot").open("rb") as handle:
        messages = read_po(handle)
    return tuple(flat(m.id) for m in messages if isinstance(m.id, str) and len(m.id.split()) >= 3 and "{" not in m.id)
