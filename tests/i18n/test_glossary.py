"""The glossary is the rule: every catalogue entry that names a concept uses the agreed word, and no entry
uses a word the glossary rules out (``../shared/GLOSSARY.md``, restated here so the rule travels with the
code).

A rule finds the entries by their English text, then asks the translation for the agreed word (a regular
expression, case-insensitive) and refuses the ruled-out ones.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))
import translations  # noqa: E402

TRANSLATED = ("sv", "nb", "nl")
PLACEHOLDER = re.compile(r"\{\w*\}")


@dataclass(frozen=True)
class Concept:
    name: str
    english: str  # which msgids name the concept
    words: dict[str, str]  # the agreed word, per language
    ruled_out: dict[str, str] = field(default_factory=dict)
    unless: str | None = None  # msgids that match ``english`` but name something else
    case_sensitive: bool = False


CONCEPTS = (
    Concept("mentee", r"\bmentees?\b", {"sv": "adept", "nb": "adept", "nl": "mentee"}),
    Concept(
        "participant",
        r"\bparticipants?\b",
        {"sv": "deltagar", "nb": "deltaker", "nl": "deelnemer"},
        {"sv": "deltaker", "nb": "deltager"},
    ),
    Concept("coordinator", r"\bcoordinator", {"sv": "samordnar", "nb": "koordinator", "nl": "coördinator"}),
    Concept(
        "programme",
        r"\bprogrammes?\b",
        {"sv": "program", "nb": "program", "nl": "programma"},
        unless=r"study programme",
    ),
    Concept(
        "pair",
        r"\bpairs?\b",
        {"sv": r"\bpar", "nb": r"\bpar", "nl": "koppel"},
        unless=r"^Pair( →←| the selected)",  # the verb
    ),
    Concept("the Matches tab", r"^Matches$", {"sv": "^Matchningar$", "nb": "^Matching$", "nl": "^Koppelingen$"}),
    Concept(
        "mentoring agreement",
        r"\bagreements?\b",
        {"sv": "avtal", "nb": "avtale", "nl": "overeenkomst"},
    ),
    Concept(
        "mentoring cycle",
        r"mentoring cycle",
        {"sv": "mentorskapscykel", "nb": "mentorsyklus", "nl": "mentoringcyclus"},
    ),
    Concept("phase 1", r"^Preparation$", {"sv": "^Förberedelse$", "nb": "^Forberedelse$", "nl": "^Voorbereiding$"}),
    Concept("phase 2", r"^Negotiation$", {"sv": "^Förhandling$", "nb": "^Forhandling$", "nl": "^Onderhandeling$"}),
    Concept("phase 3", r"^Activation$", {"sv": "^Aktivering$", "nb": "^Aktivering$", "nl": "^Activering$"}),
    Concept("phase 4", r"^Closure$", {"sv": "^Avslut$", "nb": "^Avslutning$", "nl": "^Afsluiting$"}),
    Concept(
        "close a pair (the normal end)",
        r"\bclos(e|ed|ing)\b.*\bpairs?\b|\bpairs?\b.*\bclosed?\b",
        {"sv": "avslut", "nb": "avslutt", "nl": r"afsl|afgeslo|\bsluit\b.*\baf\b"},
    ),
    Concept(
        "end a pair early",
        r"\bend(ed|ing)?\b.*\bpairs?\b|\bpairs?\b.*\bend(ed)?\b|^End the pair|ended early|Reason for ending",
        {"sv": "upplös", "nb": "oppløs", "nl": "beëindig"},
        {"sv": r"avbr[yu]t", "nb": r"avbr[yu]t", "nl": "annuleer"},
        unless=r"cannot end before it began|end of the cycle",
    ),
    Concept("Cancel", r"^Cancel$", {"sv": "^Avbryt$", "nb": "^Avbryt$", "nl": "^Annuleren$"}),
    Concept(
        "style of mentoring",
        r"\bstyle\b|Form of mentoring",
        {"sv": r"\btyp", "nb": r"\btype", "nl": "soort"},
        {"sv": r"form\b", "nb": r"form\b", "nl": r"vorm\b"},
    ),
    Concept(
        "meeting mode",
        r"\bmode\b",
        {"sv": "form", "nb": "form", "nl": "contactvorm"},
        unless=r"view mode",
    ),
    Concept("in person", r"^(Face-to-face|In person)$", {"sv": "på plats", "nb": "fysisk", "nl": "fysiek"}),
    Concept(
        "meeting",
        r"\bmeetings?\b",
        {"sv": "möte", "nb": "møte", "nl": "ontmoeting"},
        {"nl": "bijeenkomst"},
    ),
    Concept(
        "meetings held",
        r"\bmeetings? held\b",
        {"sv": "genomför", "nb": "avholdt", "nl": "gehouden"},
        {"sv": "hållna", "nb": r"\bholdte"},
    ),
    Concept(
        "session evaluation",
        r"Evaluation of the session",
        {"sv": "utvärdering av mötet", "nb": "evaluering av økten", "nl": "evaluatie van de sessie"},
    ),
    Concept(
        "midpoint reflection",
        r"midpoint reflection",
        {"sv": "reflektion halvvägs", "nb": "refleksjon underveis", "nl": "tussentijdse reflectie"},
    ),
    Concept(
        "final evaluation",
        r"final evaluation",
        {"sv": "slututvärdering", "nb": "sluttevaluering", "nl": "eindevaluatie"},
    ),
    Concept(
        "certificate",
        r"\bcertificates?\b",
        {"sv": "intyg", "nb": "deltakerbevis", "nl": "certifica"},
        {"nb": "kursbevis"},
    ),
    Concept(
        "onboarding checklist",
        r"onboarding checklist",
        {"sv": "startchecklist", "nb": "startsjekkliste", "nl": "startchecklist"},
    ),
    Concept(
        "guiding questions",
        r"guiding questions",
        {"sv": "vägledande frågor", "nb": "veiledende spørsmål", "nl": "richtvragen"},
    ),
    Concept("code of conduct", r"code of conduct", {"sv": "uppförandekod", "nb": "atferdsregl", "nl": "gedragscode"}),
    Concept("manual", r"\bmanual\b", {"sv": "manual", "nb": "håndbok", "nl": "handleiding"}),
    Concept("backup", r"\bbackups?\b", {"sv": "säkerhetskopi", "nb": "sikkerhetskopi", "nl": "reservekopie"}),
    Concept(
        "made (a backup)",
        r"^(Taken|Made on \{date\})$",
        {"sv": "skapad", "nb": "opprettet", "nl": "gemaakt"},
        {"sv": r"\btag(en|na)\b", "nb": r"\btatt\b"},
    ),
)

# Words ruled out wherever they stand, Qt's own texts included.
RULED_OUT_EVERYWHERE = {
    "sv": (r"mentorsprogram", r"\bOk\b", r"\bAvbryt paret"),
    "nb": (r"kursbevis", r"\bOk\b", r"\bAvbryt paret"),
    "nl": (r"bijeenkomst", r"\bOk\b", r"\b[Uu]w?\b"),  # je-form: never "u" or "uw"
}


@cache
def _entries(language: str) -> tuple[tuple[str | None, str, tuple[str, ...]], ...]:
    """(context, English text, translations) of every entry; all plural forms of a plural entry."""
    with translations.po_file(language).open("rb") as handle:
        catalogue = read_po(handle, locale=language)
    found = []
    for message in catalogue:
        if not message.id:
            continue
        english = " / ".join(message.id) if isinstance(message.id, tuple) else message.id
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        found.append((message.context, english, tuple(s for s in strings if s)))
    return tuple(found)


def _plain(text: str) -> str:
    """The text as read: without the mnemonic marker."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&")


def concept_problems(concept: Concept, language: str) -> list[str]:
    flags = 0 if concept.case_sensitive else re.IGNORECASE
    problems = []
    for context, english, strings in _entries(language):
        if context and context.startswith("qt:"):
            continue  # Qt's own texts name no concept of ours
        source = PLACEHOLDER.sub("", _plain(english))  # "{mentee}" is a name, not the word
        if not re.search(concept.english, source, flags):
            continue
        if concept.unless and re.search(concept.unless, source, flags):
            continue
        for translated in map(_plain, strings):
            if not re.search(concept.words[language], translated, flags):
                problems.append(f"{english!r}: {translated!r} lacks {concept.words[language]!r}")
            ruled_out = concept.ruled_out.get(language)
            if ruled_out and re.search(ruled_out, translated, flags):
                problems.append(f"{english!r}: {translated!r} uses the ruled-out {ruled_out!r}")
    return problems


@pytest.mark.parametrize("concept", CONCEPTS, ids=lambda c: c.name)
@pytest.mark.parametrize("language", TRANSLATED)
def test_entries_naming_a_concept_use_the_glossary_word(language: str, concept: Concept) -> None:
    assert concept_problems(concept, language) == []


@pytest.mark.parametrize("language", TRANSLATED)
def test_no_entry_uses_a_word_the_glossary_rules_out(language: str) -> None:
    problems = [
        f"{english!r}: {translated!r} uses {word!r}"
        for _context, english, strings in _entries(language)
        for translated in map(_plain, strings)
        for word in RULED_OUT_EVERYWHERE[language]
        if re.search(word, translated)
    ]
    assert problems == []


def test_a_rule_finds_what_it_rules_out() -> None:
    """The rules are not vacuous: each one matches some entries, and a wrong word would be caught."""
    for concept in CONCEPTS:
        named = [e for _c, e, _s in _entries("sv") if re.search(concept.english, _plain(e), re.IGNORECASE)]
        assert named, f"no entry names {concept.name}"
    assert not re.search(CONCEPTS[0].words["sv"], "mentee", re.IGNORECASE)
