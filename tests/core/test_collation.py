"""Names sort as the language sorts them (CLDR's collation for sv, nb, nl and en)."""

from __future__ import annotations

import random

import pytest

from westem_desktop.core.collation import sort_key, sorted_by_name, sorted_texts
from westem_desktop.i18n import set_language

NAMES = ["Örjan", "Zoë", "Åsa Öberg", "Ärla", "Łucja", "Adam", "Øyvind", "Æsa", "Lars", "Mia", "Olle", "Ylva"]


def test_swedish_puts_a_ring_a_umlaut_o_umlaut_after_z_and_l_stroke_beside_l() -> None:
    assert sorted_texts(NAMES, "sv") == [
        "Adam",
        "Lars",
        "Łucja",
        "Mia",
        "Olle",
        "Ylva",
        "Zoë",
        "Åsa Öberg",
        "Ärla",
        "Æsa",
        "Örjan",
        "Øyvind",
    ]


def test_norwegian_puts_ae_o_slash_a_ring_after_z_and_reads_aa_as_a_ring() -> None:
    assert sorted_texts([*NAMES, "Aasen"], "nb") == [
        "Adam",
        "Lars",
        "Łucja",
        "Mia",
        "Olle",
        "Ylva",
        "Zoë",
        "Ärla",
        "Æsa",
        "Örjan",
        "Øyvind",
        "Åsa Öberg",
        "Aasen",
    ]


@pytest.mark.parametrize("language", ["nl", "en"])
def test_dutch_and_english_keep_accented_letters_beside_their_base_letter(language: str) -> None:
    assert sorted_texts(NAMES, language) == [
        "Adam",
        "Æsa",  # "ae"
        "Ärla",
        "Åsa Öberg",
        "Lars",
        "Łucja",
        "Mia",
        "Olle",
        "Örjan",
        "Øyvind",
        "Ylva",
        "Zoë",
    ]


@pytest.mark.parametrize("language", ["sv", "nb", "nl", "en"])
def test_accents_and_case_only_decide_between_otherwise_equal_names(language: str) -> None:
    assert sorted_texts(["Eva", "ebba", "Èva", "Éva", "eva", "Evb", "Éve"], language) == [
        "ebba",
        "eva",
        "Eva",
        "Éva",
        "Èva",
        "Evb",
        "Éve",
    ]
    # A decomposed "é" is the same letter as a composed one.
    assert sort_key("Ren\u00e9", language) == sort_key("Rene\u0301", language)


def test_swedish_and_norwegian_sort_u_umlaut_as_y_dutch_as_u() -> None:
    names = ["Ulla", "Üzer", "Ylva", "Yusuf"]
    assert sorted_texts(names, "sv") == ["Ulla", "Ylva", "Yusuf", "Üzer"]
    assert sorted_texts(names, "nb") == ["Ulla", "Ylva", "Yusuf", "Üzer"]
    assert sorted_texts(names, "nl") == ["Ulla", "Üzer", "Ylva", "Yusuf"]


def test_a_space_comes_before_a_letter_and_the_sort_is_stable() -> None:
    assert sorted_texts(["Anna", "Ann Berg"], "sv") == ["Ann Berg", "Anna"]
    people = [("Åsa", 1), ("Adam", 2), ("Åsa", 3), ("adam", 4), ("Adam", 5)]
    expected = [("adam", 4), ("Adam", 2), ("Adam", 5), ("Åsa", 1), ("Åsa", 3)]
    assert sorted_by_name(people, lambda p: p[0], "sv") == expected


def test_the_interface_language_is_the_default() -> None:
    try:
        set_language("sv")
        assert sorted_texts(["Åsa", "Zoë"]) == ["Zoë", "Åsa"]
        set_language("nl")
        assert sorted_texts(["Åsa", "Zoë"]) == ["Åsa", "Zoë"]
    finally:
        set_language("en")


def test_each_name_gets_its_key_once_however_many_comparisons(monkeypatch) -> None:
    from westem_desktop.core import collation

    calls: list[str] = []
    real = collation.sort_key

    def counted(text: str, language: str | None = None) -> tuple[str, str, str]:
        calls.append(text)
        return real(text, language)

    monkeypatch.setattr(collation, "sort_key", counted)
    rng = random.Random(18)
    letters = "abcdefghijklmnopqrstuvwxyzåäöéüłø"
    names = ["".join(rng.choice(letters) for _ in range(12)).title() for _ in range(2_000)]
    ordered = sorted_by_name(names, str, "sv")
    assert len(calls) == len(names)  # not once per comparison (about 20,000 here)
    assert ordered == sorted(names, key=lambda name: real(name, "sv"))


TRICKY = [
    "Åsa Berg", "Aaron Lind", "Aase Holm", "Ödegaard", "Ørjan", "Æsa", "Ärla", "Łukasz", "Lars", "Zoë",
    "zara", "Ångström", "A\u030asa", "O\u0308stlund", "\u0301Acute first", "Émile", "Eva", "eva", "Eva",
    "de Vries", "van Dijk", "[bracket]", "_under", "1st", "Ðorđe", "Đuro", "Þór", "Thor", "ß", "Ss",
    "Ülla", "Yusuf", "Ỳves", "", "Ijsbrand", "IJsbrand", "œuvre", "Oeuvre",
]  # fmt: skip


@pytest.mark.parametrize("language", ["sv", "nb", "nl", "en"])
@pytest.mark.parametrize("count", [1, 3, 10, 25, 60])
def test_the_first_in_order_are_those_a_whole_sort_puts_first(language: str, count: int) -> None:
    from westem_desktop.core.collation import first_in_order

    rng = random.Random(count)
    texts = [rng.choice(TRICKY) + rng.choice(["", " Berg", " Åberg", "a", "A"]) for _ in range(300)]
    whole = sorted(range(len(texts)), key=lambda i: (sort_key(texts[i], language), i))
    assert first_in_order(texts, count, language) == whole[:count]
    assert first_in_order(TRICKY, len(TRICKY) + 5, language) == sorted(
        range(len(TRICKY)), key=lambda i: (sort_key(TRICKY[i], language), i)
    )
