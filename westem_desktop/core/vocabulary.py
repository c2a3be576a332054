"""The lists participants are described with: fields of expertise, support wanted, languages, countries.

Fields and support are keys with labels marked for translation; languages (ISO 639-1) and countries
(ISO 3166) are named in the interface language from Babel's CLDR data.
"""

from __future__ import annotations

import functools

from westem_desktop.i18n import LANGUAGES, N_, _, babel_locale, translate_in

FIELDS: dict[str, str] = {
    "natural_science": N_("Natural science"),
    "technology": N_("Technology"),
    "engineering": N_("Engineering"),
    "mathematics": N_("Mathematics"),
    "ict": N_("ICT"),
}

SUPPORT: dict[str, str] = {
    "career": N_("Career"),
    "studies": N_("Studies"),
    "confidence": N_("Confidence"),
    "practical_help": N_("Practical help"),
    "network": N_("Network"),
}

# Interests are free words; these keys (the demo's) are shown by name in the interface language, and a
# name typed or imported in any of the four languages is stored as its key again.
INTERESTS: dict[str, str] = {
    "programming": N_("Programming"),
    "robotics": N_("Robotics"),
    "sustainability": N_("Sustainability"),
    "research": N_("Research"),
    "entrepreneurship": N_("Entrepreneurship"),
    "data_science": N_("Data science"),
    "design": N_("Design"),
    "teaching": N_("Teaching"),
    "music": N_("Music"),
    "sports": N_("Sports"),
}

# ISO 639-1: the languages a participant can list (all two-letter codes CLDR names).
LANGUAGE_CODES: frozenset[str] = frozenset(
    (
        "aa",
        "ab",
        "af",
        "ak",
        "am",
        "ar",
        "as",
        "az",
        "be",
        "bg",
        "bn",
        "bo",
        "br",
        "bs",
        "ca",
        "cs",
        "cy",
        "da",
        "de",
        "dz",
        "el",
        "en",
        "eo",
        "es",
        "et",
        "eu",
        "fa",
        "ff",
        "fi",
        "fo",
        "fr",
        "fy",
        "ga",
        "gd",
        "gl",
        "gu",
        "ha",
        "he",
        "hi",
        "hr",
        "hu",
        "hy",
        "id",
        "ig",
        "is",
        "it",
        "ja",
        "jv",
        "ka",
        "kk",
        "km",
        "kn",
        "ko",
        "ks",
        "ku",
        "ky",
        "la",
        "lb",
        "lg",
        "ln",
        "lo",
        "lt",
        "lu",
        "lv",
        "mg",
        "mi",
        "mk",
        "ml",
        "mn",
        "mr",
        "ms",
        "mt",
        "my",
        "nb",
        "ne",
        "nl",
        "nn",
        "no",
        "om",
        "or",
        "pa",
        "pl",
        "ps",
        "pt",
        "qu",
        "rm",
        "rn",
        "ro",
        "ru",
        "rw",
        "sa",
        "sd",
        "se",
        "sg",
        "si",
        "sk",
        "sl",
        "sn",
        "so",
        "sq",
        "sr",
        "su",
        "sv",
        "sw",
        "ta",
        "te",
        "tg",
        "th",
        "ti",
        "tk",
        "tl",
        "to",
        "tr",
        "ts",
        "tt",
        "ug",
        "uk",
        "ur",
        "uz",
        "vi",
        "wo",
        "xh",
        "yi",
        "yo",
        "zh",
        "zu",
    )
)


def field_label(key: str) -> str:
    return _(FIELDS[key]) if key in FIELDS else key


def support_label(key: str) -> str:
    return _(SUPPORT[key]) if key in SUPPORT else key


def interest_label(key: str, language: str | None = None) -> str:
    """The name of a known interest in ``language`` (default: the interface language); else the word as typed."""
    return translate_in(language, INTERESTS[key]) if key in INTERESTS else key


def interest_labels(keys: list[str] | tuple[str, ...], language: str | None = None) -> str:
    """The interests as they are shown and exported: their names, joined with ", "."""
    return ", ".join(interest_label(key, language) for key in keys)


def interest_key(word: str) -> str:
    """The stored key of an interest named in any of the four languages (or given by key); else the word."""
    folded = word.strip().casefold()
    return _interest_keys().get(folded, word.strip())


@functools.lru_cache(maxsize=1)
def _interest_keys() -> dict[str, str]:
    keys = {key.casefold(): key for key in INTERESTS}
    for language in LANGUAGES:
        for key, text in INTERESTS.items():
            keys.setdefault(translate_in(language, text).casefold(), key)
    return keys


@functools.lru_cache(maxsize=8)
def _language_names(locale: str) -> dict[str, str]:
    return _babel_names(locale)["languages"]


def language_name(code: str, language: str | None = None) -> str:
    """``sv`` → "svenska" in Swedish, "Swedish" in English."""
    return _language_names(babel_locale(language)).get(code, code)


def language_names(language: str | None = None) -> dict[str, str]:
    return dict(_language_names(babel_locale(language)))


@functools.lru_cache(maxsize=8)
def _country_names(locale: str) -> dict[str, str]:
    return _babel_names(locale)["countries"]


@functools.lru_cache(maxsize=8)
def _babel_names(locale: str) -> dict[str, dict[str, str]]:
    """The names of languages and countries in ``locale``, from Babel's data or the cache folder's copy
    of them (Babel loads a locale's data in about 20 ms, the copy in under one: the Participants table
    shows these names in its first screen of rows)."""
    import json

    from westem_desktop import paths

    cached = paths.cache_dir() / "names" / f"{locale}.json"
    version = _babel_version(locale)
    try:
        saved = json.loads(cached.read_text(encoding="utf-8"))
        if saved["babel"] == version:
            return {"languages": saved["languages"], "countries": saved["countries"]}
    except (OSError, ValueError, KeyError, TypeError):
        pass  # none yet, another Babel's, or unreadable: made again
    from babel import Locale

    data = Locale.parse(locale)
    languages = {code: data.languages.get(code, code) for code in LANGUAGE_CODES}
    countries = {code: name for code, name in data.territories.items() if code.isalpha() and len(code) == 2}
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(".tmp")
        tmp.write_text(
            json.dumps({"babel": version, "languages": languages, "countries": countries}, ensure_ascii=False),
            encoding="utf-8",
        )
        tmp.replace(cached)
    except OSError:
        pass  # a read-only cache only costs Babel's loading next time
    return {"languages": languages, "countries": countries}


def _babel_version(locale: str) -> str:
    """What tells one installed Babel's data of ``locale`` from another's, without importing Babel: the
    size and time of its data files (the locale's and the root's every locale inherits from)."""
    import importlib.util
    from pathlib import Path

    spec = importlib.util.find_spec("babel")
    if spec is None or spec.origin is None:
        return ""
    data = Path(spec.origin).parent / "locale-data"
    stamps = []
    for name in (f"{locale}.dat", f"{locale.split('_')[0]}.dat", "root.dat"):
        try:
            stat = (data / name).stat()
        except OSError:
            continue
        stamps.append(f"{name}:{stat.st_size}:{stat.st_mtime_ns}")
    return ";".join(stamps)


def country_name(code: str, language: str | None = None) -> str:
    return _country_names(babel_locale(language)).get(code, code)


def country_names(language: str | None = None) -> dict[str, str]:
    return dict(_country_names(babel_locale(language)))
