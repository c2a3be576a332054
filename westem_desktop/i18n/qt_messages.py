"""Qt's own standard texts (dialog buttons, context menus, the file dialog) in our catalogues, as a
Qt message file that a plain QTranslator loads.

The catalogues hold them under the context ``qt:<Qt context>`` (``westem_desktop/ui/qt_strings.py``
lists them; for Norwegian Bokmål they are the only source, since Qt ships no ``qtbase_nb``). Qt asks
for them on every repaint, so they are served by Qt's own C++ lookup from a ``.qm`` file, made by
PySide6's ``lrelease`` from a generated ``.ts``: a Python ``QTranslator.translate`` override would
cost a Python call per text and, in PySide6 6.12, lose a reference to ``None`` on each call without a
disambiguation, until the interpreter aborts.

An installed frozen application carries ``westem_desktop/locale/<lang>/westem_qt.qm``; elsewhere the
file is made on first use and kept in the cache folder until the catalogue changes.
"""

from __future__ import annotations

import logging
import os
import zlib
from collections.abc import Iterable
from pathlib import Path

from westem_desktop.i18n.catalogues import DOMAIN, load_catalogue, packaged_locale_dir, po_path

CONTEXT_PREFIX = "qt:"
QM_NAME = "westem_qt.qm"
log = logging.getLogger(__name__)


def qt_texts(language: str) -> list[tuple[str, str, str]]:
    """(Qt context, source text, translation) of every translated Qt text of ``language``.

    A translation equal to its source is kept: it overrides Qt's own file where that says otherwise
    (``qtbase_sv`` writes "Ok" where Swedish writes "OK")."""
    catalogue = load_catalogue(language)
    entries = getattr(catalogue, "_catalog", {})  # GNUTranslations keeps "context\x04msgid" → text
    found = []
    for key, translation in entries.items():
        if isinstance(key, str) and key.startswith(CONTEXT_PREFIX) and "\x04" in key and translation:
            context, source = key[len(CONTEXT_PREFIX) :].split("\x04", 1)
            found.append((context, source, translation))
    return sorted(found)


def escape(text: str) -> str:
    """Text for XML (xml.sax.saxutils would load urllib and http.client at start-up)."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def ts_document(language: str, texts: Iterable[tuple[str, str, str]]) -> str:
    """The texts as a Qt Linguist ``.ts`` file."""
    by_context: dict[str, list[tuple[str, str]]] = {}
    for context, source, translation in texts:
        by_context.setdefault(context, []).append((source, translation))
    parts = ['<?xml version="1.0" encoding="utf-8"?>', "<!DOCTYPE TS>", f'<TS version="2.1" language="{language}">']
    for context, messages in sorted(by_context.items()):
        parts.append(f"<context><name>{escape(context)}</name>")
        for source, translation in messages:
            parts.append(
                f"<message><source>{escape(source)}</source><translation>{escape(translation)}</translation></message>"
            )
        parts.append("</context>")
    parts.append("</TS>")
    return "\n".join(parts) + "\n"


def lrelease_program() -> Path | None:
    """PySide6's own ``lrelease`` (PySide6-Essentials carries it on every platform)."""
    import importlib.util

    spec = importlib.util.find_spec("PySide6")
    if spec is None or spec.origin is None:
        return None
    folder = Path(spec.origin).parent
    for name in ("lrelease.exe", "lrelease", "Qt/libexec/lrelease", "Qt/bin/lrelease"):
        if (folder / name).is_file():
            return folder / name
    return None


def compile_qm(language: str, target: Path) -> bool:
    """Write the ``.qm`` file of ``language`` to ``target``; False when lrelease is missing or fails."""
    import subprocess
    import tempfile

    program = lrelease_program()
    if program is None:
        log.warning("lrelease not found: Qt's standard texts stay untranslated")
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="westem-qt-") as tmp:
        source = Path(tmp) / f"westem_qt_{language}.ts"
        source.write_text(ts_document(language, qt_texts(language)), encoding="utf-8")
        made = Path(tmp) / QM_NAME
        result = subprocess.run(
            [str(program), "-silent", str(source), "-qm", str(made)],
            capture_output=True,
            timeout=60,
            check=False,
        )
        if result.returncode != 0 or not made.is_file():
            log.warning("lrelease failed (exit %s): Qt's standard texts stay untranslated", result.returncode)
            return False
        os.replace(made, target)
    return True


def qm_file(language: str) -> Path | None:
    """The ``.qm`` file with Qt's standard texts in ``language``, made now if needed; None for English or
    when it cannot be made."""
    if language == "en":
        return None
    packaged = packaged_locale_dir() / language / QM_NAME
    if packaged.is_file():
        return packaged
    from westem_desktop import paths

    catalogue = po_path(language)  # a source checkout; an installed wheel has the compiled catalogue
    if not catalogue.is_file():
        catalogue = packaged_locale_dir() / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
    if not catalogue.is_file():
        return None
    stat = catalogue.stat()
    key = f"{zlib.crc32(str(catalogue.resolve()).encode()):08x}-{stat.st_mtime_ns:x}-{stat.st_size:x}"
    cached = paths.cache_dir() / "locale" / f"{language}-{key}.qm"
    if cached.is_file() or compile_qm(language, cached):
        return cached
    return None
