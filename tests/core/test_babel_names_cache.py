"""The names of languages and countries come from Babel once, then from a copy in the cache folder (the
Participants table's first rows show them), and from Babel again when Babel's data changes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from babel import Locale

from westem_desktop.core import vocabulary


@pytest.fixture
def cache(tmp_path: Path, monkeypatch) -> Path:
    monkeypatch.setenv("WESTEM_DESKTOP_CACHE_DIR", str(tmp_path))
    forget()
    yield tmp_path / "names"
    forget()


def forget() -> None:
    for cached in (vocabulary._babel_names, vocabulary._language_names, vocabulary._country_names):
        cached.cache_clear()


@pytest.mark.parametrize("language", ["sv", "nb", "nl", "en"])
def test_the_names_are_babels_and_are_kept_in_the_cache_folder(cache: Path, language: str) -> None:
    locale = Locale.parse(vocabulary.babel_locale(language))
    languages = vocabulary.language_names(language)
    assert languages["sv"] == locale.languages["sv"] and languages["nb"] == locale.languages["nb"]
    assert vocabulary.country_names(language)["NO"] == locale.territories["NO"]
    assert vocabulary.country_name("SE", language) == locale.territories["SE"]
    assert len(list(cache.glob("*.json"))) == 1
    forget()
    assert vocabulary.language_names(language) == languages  # read back from the copy


def test_the_copy_is_used_while_babel_is_the_same_and_made_again_when_it_changes(cache: Path) -> None:
    vocabulary.language_names("sv")
    (saved,) = cache.glob("*.json")
    data = json.loads(saved.read_text(encoding="utf-8"))
    data["languages"]["sv"] = "from the copy"
    saved.write_text(json.dumps(data), encoding="utf-8")
    forget()
    assert vocabulary.language_name("sv", "sv") == "from the copy"
    data["babel"] = "another Babel"
    saved.write_text(json.dumps(data), encoding="utf-8")
    forget()
    assert vocabulary.language_name("sv", "sv") == "svenska"
    saved.write_text("not json", encoding="utf-8")
    forget()
    assert vocabulary.language_name("sv", "sv") == "svenska"
    assert json.loads(saved.read_text(encoding="utf-8"))["languages"]["sv"] == "svenska"  # made again
