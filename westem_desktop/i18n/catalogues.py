"""Find and load the compiled gettext catalogue of a language.

An installed application (wheel, frozen build) carries ``westem_desktop/locale/<lang>/LC_MESSAGES/
westem_desktop.mo``, compiled by ``packaging/hatch_build.py``. A source checkout has only the ``.po``
files in ``translations/``; they are compiled with Babel on first use and the result is kept in the
cache folder until the ``.po`` file changes. ``.mo`` files are never committed.
"""

from __future__ import annotations

import functools
import gettext
import io
import zlib
from pathlib import Path

DOMAIN = "westem_desktop"
_PACKAGE_DIR = Path(__file__).resolve().parent.parent


def packaged_locale_dir() -> Path:
    return _PACKAGE_DIR / "locale"


def source_translations_dir() -> Path:
    return _PACKAGE_DIR.parent / "translations"


def po_path(language: str) -> Path:
    return source_translations_dir() / language / "LC_MESSAGES" / f"{DOMAIN}.po"


def compile_po(po_file: Path) -> bytes:
    """The ``.mo`` bytes for a ``.po`` file; fuzzy entries are left out, as msgfmt does."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po

    with po_file.open("rb") as handle:
        catalog = read_po(handle, abort_invalid=True)
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    return buffer.getvalue()


def _cached_mo(po_file: Path) -> bytes:
    from westem_desktop import paths

    stat = po_file.stat()
    # The name changes with the .po file (and its place), so a stale compilation is never read.
    key = f"{zlib.crc32(str(po_file.resolve()).encode()):08x}-{stat.st_mtime_ns:x}-{stat.st_size:x}"
    cached = paths.cache_dir() / "locale" / f"{po_file.parent.parent.name}-{key}.mo"
    try:
        return cached.read_bytes()
    except OSError:
        pass
    data = compile_po(po_file)
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        tmp = cached.with_suffix(".tmp")
        tmp.write_bytes(data)
        tmp.replace(cached)
    except OSError:
        pass  # a read-only cache only costs the compilation next time
    return data


@functools.lru_cache(maxsize=8)
def load_catalogue(language: str) -> gettext.NullTranslations:
    """The translations of ``language``; English falls back to the msgids themselves."""
    packaged = packaged_locale_dir() / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
    if packaged.is_file():
        with packaged.open("rb") as handle:
            return gettext.GNUTranslations(handle)
    source = po_path(language)
    if source.is_file():
        return gettext.GNUTranslations(io.BytesIO(_cached_mo(source)))
    return gettext.NullTranslations()


def clear_cache() -> None:
    load_catalogue.cache_clear()
