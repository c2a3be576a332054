"""packaging/translations.py: ``fill`` completes, ``set`` corrects, and a context key reaches only its context."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))
import translations  # noqa: E402


@pytest.fixture
def catalogues(tmp_path, monkeypatch) -> Path:
    shutil.copytree(ROOT / "translations", tmp_path / "translations")
    monkeypatch.setattr(translations, "TRANSLATIONS", tmp_path / "translations")
    return tmp_path / "translations"


def _entry(language: str, msgid: str, context: str | None = None) -> str:
    with translations.po_file(language).open("rb") as handle:
        message = read_po(handle, locale=language).get(msgid, context=context)
    return message.string


def test_fill_keeps_a_written_translation_and_set_replaces_it(catalogues) -> None:
    before = _entry("sv", "Accepted", "request")
    translations.fill({"request\x04Accepted": {"sv": "Något annat"}})
    assert _entry("sv", "Accepted", "request") == before
    translations.fill({"request\x04Accepted": {"sv": "Godtagen"}}, replace=True)
    assert _entry("sv", "Accepted", "request") == "Godtagen"
    assert _entry("nb", "Accepted", "request") != "Godtagen"


def test_a_context_key_does_not_reach_the_same_text_without_context(catalogues) -> None:
    plain = _entry("sv", "Cancel")
    translations.fill({"request\x04Cancel": {"sv": "Fel ord"}}, replace=True)
    assert _entry("sv", "Cancel") == plain
