"""The catalogues are complete: every text of the source in sv, nb and nl, none fuzzy, placeholders kept."""

from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))
import translations  # noqa: E402

TRANSLATED = ("sv", "nb", "nl")
PLACEHOLDER = re.compile(r"\{[a-z_]*\}|%\d|%\(\w+\)[sd]|%[sd]")


def _catalog(language: str):
    with translations.po_file(language).open("rb") as handle:
        return read_po(handle, locale=language)


def _key(message) -> tuple[str | None, str]:
    msgid = message.id[0] if isinstance(message.id, tuple) else message.id
    return message.context, msgid


def test_template_lists_every_text_of_the_source() -> None:
    with (ROOT / "translations" / "westem_desktop.pot").open("rb") as handle:
        template = {_key(m) for m in read_po(handle) if m.id}
    source = {_key(m) for m in translations.extract_catalog() if m.id}
    assert source - template == set(), "run: python packaging/translations.py extract"
    assert template - source == set(), "run: python packaging/translations.py extract"


@pytest.mark.parametrize("language", ("en", *TRANSLATED))
def test_every_catalogue_has_every_text(language: str) -> None:
    source = {_key(m) for m in translations.extract_catalog() if m.id}
    catalogue = {_key(m) for m in _catalog(language) if m.id}
    assert source - catalogue == set()


@pytest.mark.parametrize("language", TRANSLATED)
def test_nothing_untranslated_or_fuzzy(language: str) -> None:
    problems = []
    for message in _catalog(language):
        if not message.id:
            continue
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy:
            problems.append(f"fuzzy: {_key(message)}")
        if not all(s.strip() for s in strings):
            problems.append(f"untranslated: {_key(message)}")
    assert problems == []


@pytest.mark.parametrize("language", TRANSLATED)
def test_placeholders_match(language: str) -> None:
    problems = []
    for message in _catalog(language):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        expected = sorted(PLACEHOLDER.findall(ids[-1]))
        for translated in strings:
            if sorted(PLACEHOLDER.findall(translated)) != expected:
                problems.append(f"{_key(message)}: {translated!r}")
    assert problems == []


@pytest.mark.parametrize("language", TRANSLATED)
def test_mnemonics_stay_single(language: str) -> None:
    """A menu text keeps at most one keyboard mnemonic (&), as in English."""
    problems = []
    for message in _catalog(language):
        if not message.id or isinstance(message.id, tuple):
            continue
        if message.id.count("&") == 1 and message.string.replace("&&", "").count("&") != 1:
            problems.append(f"{_key(message)}: {message.string!r}")
    assert problems == []
