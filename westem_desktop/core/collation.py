"""Sorting texts as the language sorts them (CLDR's collation for sv, nb, nl and en), without Qt or ICU.

``sort_key(text, language)`` gives a key that orders names the way a Swedish, Norwegian, Dutch or
English reader expects: Swedish puts Å, Ä, Ö after Z; Norwegian Æ, Ø, Å (and "aa" as å); Dutch and
English keep every accented letter beside its base letter; Ł, Ø (outside Norwegian), Đ sit beside L,
O, D in all four. Accents count only between otherwise equal texts ("e" before "é" before "f"), and
case only after that (lower case first, CLDR's default for the four languages).

It is a three-level key in the manner of the Unicode Collation Algorithm, made of plain strings so
that the comparisons run in C: the base letters (primary), the letters with their accents (secondary),
the case (tertiary). The tailorings follow CLDR's ``sv`` (standard) and ``no`` rules for the Latin
letters; other scripts sort by code point after Latin, which is close enough for names.
Computing a key costs a few microseconds: compute it once per row, never per comparison.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable
from typing import TypeVar

T = TypeVar("T")

# Primaries after "z" for the letters a language adds to the end of its alphabet. C1 control
# characters: above "z" and every other ASCII letter, below any letter of another script, never in a name.
_AFTER_Z = ("\x80", "\x81", "\x82")
# A variant of a tailored letter (æ beside ä in Swedish) carries a mark of its own at the secondary level.
_VARIANT = ("", "\u0338", "\u0337", "\u0336")

_TAILORINGS: dict[str, dict[str, str]] = {
    # CLDR sv: &D<<đ<<ð &t<<<þ/h &Y<<ü<<ű &[before 1]ǀ<å<ä<<æ<<ę<ö<<ø<<ő<<œ<<ô
    "sv": {
        "å": _AFTER_Z[0],
        "ä": _AFTER_Z[1],
        "æ": _AFTER_Z[1] + _VARIANT[1],
        "ę": _AFTER_Z[1] + _VARIANT[2],
        "ö": _AFTER_Z[2],
        "ø": _AFTER_Z[2] + _VARIANT[1],
        "ő": _AFTER_Z[2] + _VARIANT[2],
        "œ": _AFTER_Z[2] + _VARIANT[3],
        "ü": "y\u0308",
        "ű": "y\u030b",
    },
    # CLDR no (nb): &D<<đ<<ð &t<<<þ/h &Y<<ü<<ű &[before 1]ǀ<æ<<ä<<ę<ø<<ö<<ő<<œ<å<<<aa
    "nb": {
        "æ": _AFTER_Z[0],
        "ä": _AFTER_Z[0] + _VARIANT[1],
        "ę": _AFTER_Z[0] + _VARIANT[2],
        "ø": _AFTER_Z[1],
        "ö": _AFTER_Z[1] + _VARIANT[1],
        "ő": _AFTER_Z[1] + _VARIANT[2],
        "œ": _AFTER_Z[1] + _VARIANT[3],
        "å": _AFTER_Z[2],
        "ü": "y\u0308",
        "ű": "y\u030b",
    },
}

# Letters that Unicode does not decompose: beside their base letter (the stroke an accent), or spelt
# out (æ as "ae" in the root collation that English and Dutch use), for every language.
_ROOT = {
    "ł": "l\u0335",
    "ø": "o\u0338",
    "đ": "d\u0335",
    "ð": "d\u0336",
    "ħ": "h\u0335",
    "ŧ": "t\u0335",
    "ı": "i\u0335",
    "æ": "ae\u0336",
    "œ": "oe\u0336",
    "þ": "th\u0336",
}

# ASCII punctuation that sits among or after the letters in code point order goes before the digits,
# as in CLDR (spaces, then punctuation, then digits, then letters).
_PUNCTUATION = {ord(c): "/" for c in "[\\]^_`{|}~"}

# CLDR weighs the acute accent before the grave one, Unicode numbers them the other way round.
_ACCENT_ORDER = {0x0300: "\u0301", 0x0301: "\u0300"}

# Every combining mark: dropped from the primary key (a regular expression: str.translate with a
# dict looks up every character, four times slower for a name).
_MARKS = re.compile("[\u0300-\u036f\u1ab0-\u1aff]")


class _Tailoring:
    """The letters ``language`` (or the root) replaces, found by one regular expression."""

    def __init__(self, language: str) -> None:
        table = {ord(k): v for k, v in _ROOT.items()} | _PUNCTUATION
        table |= {ord(k): v for k, v in _TAILORINGS.get(language, {}).items()}
        self.aa_is_a_ring = language == "nb"
        if self.aa_is_a_ring:  # "aa" is "å" (tertiary in CLDR, a secondary mark here)
            table_with_aa = {chr(k): v for k, v in table.items()} | {"aa": _AFTER_Z[2] + "\u0335"}
        else:
            table_with_aa = {chr(k): v for k, v in table.items()}
        self._table = table_with_aa
        self._pattern = re.compile("|".join(re.escape(k) for k in sorted(table_with_aa, key=len, reverse=True)))

    def apply(self, folded: str) -> str:
        """``folded`` (lower case) with the replaced letters in their place."""
        return self._pattern.sub(lambda m: self._table[m.group()], folded)


@functools.cache
def _tailoring(language: str) -> _Tailoring:
    return _Tailoring(language)


def sort_key(text: str, language: str | None = None) -> tuple[str, str, str]:
    """The key that sorts ``text`` in ``language`` ("sv", "nb", "nl", "en"; None: the interface
    language's): base letters, then accents, then case."""
    if language is None:
        from westem_desktop.i18n import current_language

        language = current_language()
    tailoring = _tailoring(language)
    if text.isascii():
        folded = tailoring.apply(text.lower())
        if folded.isascii():
            return folded, folded, text.swapcase()
        return _MARKS.sub("", folded), folded, text.swapcase()  # Norwegian "aa"
    composed = unicodedata.normalize("NFC", text)
    secondary = unicodedata.normalize("NFD", tailoring.apply(composed.casefold()))
    if "\u0300" in secondary or "\u0301" in secondary:
        secondary = secondary.translate(_ACCENT_ORDER)
    return _MARKS.sub("", secondary), secondary, composed.swapcase()


def collator(language: str | None = None) -> Callable[[str], tuple[str, str, str]]:
    """``sort_key`` bound to ``language`` (None: the interface language's, now)."""
    if language is None:
        from westem_desktop.i18n import current_language

        language = current_language()
    return functools.partial(sort_key, language=language)


def sorted_by_name(items: Iterable[T], name: Callable[[T], str], language: str | None = None) -> list[T]:
    """``items`` in the order of their ``name`` in ``language``, each key computed once; stable."""
    key = collator(language)
    decorated = [(key(name(item)), index, item) for index, item in enumerate(items)]
    decorated.sort(key=lambda entry: (entry[0], entry[1]))
    return [item for _key, _index, item in decorated]


def sorted_texts(texts: Iterable[str], language: str | None = None) -> list[str]:
    """``texts`` sorted as ``language`` sorts them."""
    return sorted(texts, key=collator(language))


def first_in_order(texts: list[str], count: int, language: str | None = None) -> list[int]:
    """The positions of the ``count`` texts that sort first (equal texts by position), in order: the
    first ``count`` of ``sorted(range(len(texts)), key=lambda i: (sort_key(texts[i]), i))``, computing
    the keys of the texts that can be among them only.

    The base letter a text's key starts with is never before the one its first character alone gives
    (a following mark composes it into a letter sorted with or after its base; Norwegian "aa" is å, after
    z), so texts go in groups of that first key letter: once ``count`` keys are known, a group whose
    letter is after the ``count``-th key's first letter holds none of the first ``count``.
    """
    key = collator(language)
    groups: dict[str, list[int]] = {}
    letter_of: dict[str, str] = {}
    for position, text in enumerate(texts):
        first = text[:1]
        letter = letter_of.get(first)
        if letter is None:
            letter = letter_of[first] = key(first)[0][:1]
        groups.setdefault(letter, []).append(position)
    keyed: list[tuple[tuple[str, str, str], int]] = []
    for letter in sorted(groups):
        if len(keyed) >= count and letter > keyed[count - 1][0][0][:1]:
            break
        keyed.extend((key(texts[position]), position) for position in groups[letter])
        keyed.sort()
    return [position for _key, position in keyed[:count]]
