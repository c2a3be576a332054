"""Maintain the gettext catalogues: ``extract`` (source → .pot → merge into every .po) and ``compile``.

    python packaging/translations.py extract      # after adding or changing texts
    python packaging/translations.py compile DIR  # writes DIR/<lang>/LC_MESSAGES/westem_desktop.mo
    python packaging/translations.py fill FILE.json  # fills empty entries from {msgid: {"sv": …, …}}
    python packaging/translations.py set FILE.json   # replaces entries (a corrected word) likewise

In FILE.json a ``pgettext`` entry is keyed ``"context\u0004msgid"`` (gettext's own separator); a key
without a context also serves every context that has no key of its own.

New texts arrive in the .po files empty; the test suite fails until sv, nb and nl are filled in.
"""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "westem_desktop"
TRANSLATIONS = ROOT / "translations"
DOMAIN = "westem_desktop"
LANGUAGES = ("en", "sv", "nb", "nl")
KEYWORDS = {
    "_": None,
    "N_": None,
    "NP_": ((1, "c"), 2),
    "ngettext": (1, 2),
    "pgettext": ((1, "c"), 2),
    "npgettext": ((1, "c"), 2, 3),
    "QT_": ((1, "c"), 2),
    # documents: t("...") and t.n("...", "...", n) translate into the language chosen at print time
    "t": None,
    "n": (1, 2),
}
HEADER = "Translations of WESTEM Desktop."


def extract_catalog() -> Catalog:
    """Every marked text of the package, with where it stands."""
    catalog = Catalog(project="WESTEM Desktop", domain=DOMAIN, header_comment=f"# {HEADER}", fuzzy=False)
    method_map = [("**.py", "python")]
    for filename, lineno, message, comments, context in extract_from_dir(
        str(SOURCE), method_map, keywords=KEYWORDS, comment_tags=("TRANSLATORS:",), strip_comment_tags=True
    ):
        location = (f"westem_desktop/{filename}", lineno)
        catalog.add(message, None, [location], auto_comments=comments, context=context)
    return catalog


def po_file(language: str) -> Path:
    return TRANSLATIONS / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def _write(catalog: Catalog, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=100, sort_output=False, omit_header=False, include_previous=False)
    path.write_bytes(buffer.getvalue())


def extract() -> None:
    template = extract_catalog()
    _write(template, TRANSLATIONS / f"{DOMAIN}.pot")
    for language in LANGUAGES:
        path = po_file(language)
        if path.exists():
            with path.open("rb") as handle:
                catalog = read_po(handle, locale=language)
        else:
            catalog = Catalog(locale=language, domain=DOMAIN, project="WESTEM Desktop", fuzzy=False)
        # No fuzzy matching: a changed English text must be translated again, not guessed.
        catalog.update(template, no_fuzzy_matching=True, update_header_comment=False)
        catalog.obsolete.clear()
        if language == "en":  # English holds no translations, so nothing in it can be a guess
            for message in catalog:
                message.flags.discard("fuzzy")
        _write(catalog, path)
    print(f"{len(template)} texts extracted into {TRANSLATIONS.relative_to(ROOT)}/")


def compile_all(target: Path) -> None:
    for language in LANGUAGES:
        with po_file(language).open("rb") as handle:
            catalog = read_po(handle, locale=language, abort_invalid=True)
        out = target / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
        out.parent.mkdir(parents=True, exist_ok=True)
        with out.open("wb") as handle:
            write_mo(handle, catalog, use_fuzzy=False)


def _given(texts: dict[str, dict[str, str | list[str]]], context: str | None, key: str, language: str):
    if context is not None and f"{context}\x04{key}" in texts:
        return texts[f"{context}\x04{key}"].get(language)
    return texts.get(key, {}).get(language)


def fill(texts: dict[str, dict[str, str | list[str]]], replace: bool = False) -> None:
    """Fill the still empty translations from ``texts``: msgid (the singular for plurals) → language →
    the text, or a list of texts for a plural entry. Translations already written are left as they are,
    unless ``replace`` (the ``set`` command, for corrections)."""
    for language in LANGUAGES:
        if language == "en":
            continue
        path = po_file(language)
        with path.open("rb") as handle:
            catalog = read_po(handle, locale=language)
        for message in catalog:
            key = message.id[0] if isinstance(message.id, tuple) else message.id
            given = _given(texts, message.context, key, language) if key else None
            if given is None:
                continue
            empty = not all(message.string) if isinstance(message.string, tuple) else not message.string
            # A text that became a plural keeps its old translation marked fuzzy: the JSON's forms replace it.
            if empty or replace or message.fuzzy:
                message.string = tuple(given) if isinstance(message.id, tuple) else given
                message.flags.discard("fuzzy")
        _write(catalog, path)


if __name__ == "__main__":
    if len(sys.argv) >= 2 and sys.argv[1] == "extract":
        extract()
    elif len(sys.argv) == 3 and sys.argv[1] in ("fill", "set"):
        fill(json.loads(Path(sys.argv[2]).read_text(encoding="utf-8")), replace=sys.argv[1] == "set")
    elif len(sys.argv) == 3 and sys.argv[1] == "compile":
        compile_all(Path(sys.argv[2]))
    else:
        print(__doc__)
        sys.exit(2)
