"""The mentoring agreement measured on the page, in all four languages, with hard data: nothing near the
paper's edge or outside the frame, a line to sign on above every signer's name with room above it, no
half-empty pages, writing space where nothing was filled in, and no English in a translated agreement."""

from __future__ import annotations

import datetime as dt
import io
import re
from functools import cache
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from tests.documents.geometry import Page, Rule, Word, read_pages
from westem_desktop.core.agreement_texts import MENTEE_SUCCESS_EXAMPLES, MENTOR_SUCCESS_EXAMPLES
from westem_desktop.core.printables import AgreementDocument, Goal
from westem_desktop.documents.agreement import write_agreement
from westem_desktop.documents.base import Translator
from westem_desktop.i18n import format_number

LANGUAGES = ("en", "sv", "nb", "nl")
POT = Path(__file__).parents[2] / "translations" / "westem_desktop.pot"
FRAME = (20 + 6 * 25.4 / 72, 210 - 20 - 6 * 25.4 / 72)  # the frame's left and right edge (mm): 165.8 mm wide
WORDS = "Lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore "


def text(length: int) -> str:
    return (WORDS * (length // len(WORDS) + 1))[:length].strip()


def name(first: str) -> str:
    """A 200-character name of long parts, as some people's full names are."""
    return (first + " " + "Wróblewska-Papadopoulou Nguyễn-Thị-Hương " * 6)[:200].strip()


def wide_logo() -> bytes:
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (1400, 100), "navy").save(buffer, "PNG")
    return buffer.getvalue()


PROGRAMME = ("Mentorprogrammet för förstaårsstudenter i informationsteknik vid Uppsala universitet " * 2)[:120]
HARD = AgreementDocument(
    programme=PROGRAMME,
    institution="Uppsala universitet",
    logo=wide_logo(),
    mentor=name("Łucja"),
    mentee=name("Şebnem"),
    goals=[Goal(text(2000), text(2000), text(2000)) for _ in range(3)],
    expectations=text(2000),
    timeline_start=dt.date(2026, 9, 1),
    timeline_end=dt.date(2026, 12, 20),
    meeting_frequency="Varannan vecka",
    meeting_duration=45,
    meeting_mode="hybrid",
    mentor_boundaries=text(2000),
    mentee_boundaries=text(2000),
    off_limits=text(400),
    mentor_success=text(2000),
    mentee_success=text(2000),
    coordinator_name=name("Karin"),
    coordinator_title="Programme coordinator",
    coordinator_signs=True,
    expected_hours=1.5,
)
# A flash pair with nothing filled in, and an agreement to complete by hand with one goal written.
FLASH = AgreementDocument(programme=PROGRAMME, mentor="Anna Berg", mentee="Karl Ek", style="flash", expected_hours=0)
BY_HAND = AgreementDocument(
    programme="ICT first-years",
    mentor="Anna Berg",
    mentee=name("Şebnem"),
    goals=[Goal("Pass the mathematics exam")],
    coordinator_name="Karin Lindqvist",
    coordinator_signs=True,
    by_hand=True,
)
CASES = {"hard": HARD, "flash": FLASH, "by_hand": BY_HAND}


@cache
def pages(case: str, language: str) -> tuple[Page, ...]:
    buffer = io.BytesIO()
    write_agreement(CASES[case], language, buffer)
    return tuple(read_pages(buffer.getvalue()))


def body(page: Page) -> list:
    """Every word and drawing above the footer (the lowest line, helper D's in documents/base.py)."""
    footer_top = max(word.top for word in page.words)
    return [box for box in (*page.words, *page.drawings) if box.top < footer_top - 1]


def flat(all_pages: tuple[Page, ...]) -> str:
    return re.sub(r"\s+", " ", " ".join(page.text for page in all_pages))


every = pytest.mark.parametrize(("case", "language"), [(c, lang) for c in CASES for lang in LANGUAGES])


@every
def test_nothing_within_10_mm_of_the_edge_and_the_body_inside_the_frame(case: str, language: str) -> None:
    for page in pages(case, language):
        assert page.outside(10) == [], f"page {page.number}"
        outside_frame = [box for box in body(page) if box.x0 < FRAME[0] - 0.2 or box.x1 > FRAME[1] + 0.2]
        assert outside_frame == [], f"page {page.number}"


def signers(case: str, t: Translator) -> list[str]:
    """The first word of each signer's printed label."""
    doc = CASES[case]
    roles = [t("Mentor"), t("Mentee")] + ([doc.coordinator_title or t("Coordinator")] if doc.coordinator_signs else [])
    return [f"{role}:".split()[0] for role in roles]


def line_above(page: Page, label: Word) -> Rule:
    """The one ruled line directly above ``label`` (at most 4 mm above it, over its start)."""
    rules = [
        rule
        for rule in page.rules
        if rule.x0 <= label.x0 + 0.5 and rule.x1 >= label.x0 + 30 and 0 <= label.top - rule.bottom <= 4
    ]
    assert len(rules) == 1, f"{label.text} on page {page.number}: {rules}"
    return rules[0]


def free_above(page: Page, rule: Rule) -> float:
    """How much free space (mm) there is above ``rule``, over its length, up to the next text or drawing."""
    over = [
        box
        for box in (*page.words, *page.drawings)
        if box.top < rule.top - 0.05 and box.x1 > rule.x0 and box.x0 < rule.x1  # starts above it
    ]
    return rule.top - max((box.bottom for box in over), default=0.0)


@every
def test_each_signer_has_a_line_to_sign_on_and_one_for_place_and_date(case: str, language: str) -> None:
    t = Translator(language)
    last = pages(case, language)[-1]
    heading = last.find(t("Signatures"))
    assert heading, "the signature block is on the last page"
    block = [word for word in last.words if word.top > heading[0].bottom]
    labels = [next(w for w in block if w.text == first and w.x0 < 40) for first in signers(case, t)]
    place = [w for w in block if w.text == t("Place and date").split()[0]]
    assert len(place) == len(labels)  # one line for place and date per signer
    signing = [line_above(last, label) for label in labels]
    dating = [line_above(last, label) for label in place]
    for rule in signing + dating:
        assert free_above(last, rule) >= 12, f"{language}: {rule}"
        assert rule.width >= 45
    below = [rule for rule in last.rules if rule.top > heading[0].bottom]
    assert len(below) == 2 * len(labels)  # nothing else ruled in the block: one line each to sign and to date
    for sign, date in zip(signing, dating, strict=True):
        assert abs(sign.top - date.top) < 0.5 and sign.x1 < date.x0  # side by side, apart


@every
def test_no_page_but_the_last_is_less_than_half_filled(case: str, language: str) -> None:
    document = pages(case, language)
    if case == "hard":
        assert len(document) > 3
    for page in document[:-1]:
        assert page.filled_to() >= page.height / 2, f"page {page.number} of {len(document)}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_names_sit_side_by_side_top_aligned_and_wrap_between_words(language: str) -> None:
    first = pages("by_hand", language)[0]
    mentor, mentee = first.find("Anna")[0], first.find("Şebnem")[0]
    assert abs(mentor.top - mentee.top) < 0.3  # a short name beside a long one starts on the same line
    long_parts = set(BY_HAND.mentee.split()) | {"…", BY_HAND.mentee[:119].split()[-1] + "…"}
    header = [w for w in first.words if w.x0 >= mentee.x0 - 0.5 and mentee.top - 0.5 <= w.top < mentee.top + 20]
    assert len({round(w.top) for w in header}) >= 3  # the name wraps over several lines …
    assert all(w.text in long_parts for w in header)  # … at its spaces: every word comes through whole


@pytest.mark.parametrize("language", LANGUAGES)
def test_empty_fields_leave_room_to_write_and_the_examples_are_tick_boxes(language: str) -> None:
    t = Translator(language)
    document = pages("flash", language)
    words = flat(document)
    assert "–" not in words
    assert "agreed at the first meeting" not in words.lower()
    for example in (*MENTOR_SUCCESS_EXAMPLES, *MENTEE_SUCCESS_EXAMPLES):
        assert t(example) in words
    boxes = [d for page in document for d in page.drawings if 3 <= d.width <= 4 and 3 <= d.bottom - d.top <= 4]
    assert len(boxes) == len(MENTOR_SUCCESS_EXAMPLES) + len(MENTEE_SUCCESS_EXAMPLES)
    long_rules = [rule for page in document for rule in page.rules if rule.width >= 100]
    # three goals (2 + 2 + 1 lines), expectations 3, boundaries 3 + 3, off-limits 2, success 2 + 2, and the
    # frequency, duration and mode fields
    assert len(long_rules) >= 3 * 5 + 3 + 6 + 2 + 4 + 3
    for number in (1, 2, 3):
        assert t("Goal {n}").format(n=number) in words


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_agreement_to_complete_by_hand_has_three_goals_with_steps_and_measure(language: str) -> None:
    t = Translator(language)
    document = pages("by_hand", language)
    words = flat(document)
    assert t("Goal {n}: {goal}").format(n=1, goal="Pass the mathematics exam") in words
    assert t("Goal {n}").format(n=2) in words and t("Goal {n}").format(n=3) in words
    assert words.count(t("Steps")) >= 3 and words.count(t("We will see it succeed when")) >= 3
    assert t("How often:") in words and t("Where:") in words


@pytest.mark.parametrize("language", LANGUAGES)
def test_confidentiality_says_listed_below_only_when_topics_are_listed(language: str) -> None:
    words = flat(pages("flash", language))
    assert Translator(language)("Every sensitive matter we discuss is kept strictly confidential.") in words
    for said in ("listed below", "anges nedan", "står nedenfor", "staan hieronder"):
        assert said not in words


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_programmes_expected_hours_a_month_are_stated(language: str) -> None:
    t = Translator(language)
    words = flat(pages("hard", language))
    expected = t.n(
        "The programme expects about {hours} hour of mentoring a month.",
        "The programme expects about {hours} hours of mentoring a month.",
        2,
    ).format(hours=format_number(1.5, language))
    assert expected in words
    assert "expects" not in flat(pages("flash", language))  # a programme without hours states none


@cache
def english_fragments() -> list[str]:
    """The English texts the agreement prints, cut at their placeholders, of at least two words."""
    with POT.open("rb") as handle:
        catalog = read_po(handle)
    sources = ("westem_desktop/documents/agreement.py", "westem_desktop/core/agreement_texts.py")
    fragments = []
    for message in catalog:
        if not message.id or not any(place.startswith(sources) for place, _line in message.locations):
            continue
        for msgid in message.id if isinstance(message.id, tuple) else (message.id,):
            for part in re.split(r"\{[^}]*\}", msgid):
                part = re.sub(r"\s+", " ", part).strip(" ·:.,…")
                if len(part.split()) >= 2:
                    fragments.append(part)
    return fragments


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("language", ("sv", "nb", "nl"))
def test_a_translated_agreement_contains_no_english_sentence(case: str, language: str) -> None:
    fragments = english_fragments()
    english = flat(pages(case, "en"))
    assert sum(fragment in english for fragment in fragments) >= 20  # the check finds English where it is
    words = flat(pages(case, language))
    assert [fragment for fragment in fragments if fragment in words] == []
