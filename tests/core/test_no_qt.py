"""The core and the documents never import Qt: the command line and the tests run without it."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "westem_desktop"
QT_FREE = ("core", "documents", "i18n")
QT_IMPORT = re.compile(r"^\s*(from|import)\s+(PySide6|shiboken6)\b|import_module\(\s*[\"'](PySide6|shiboken6)", re.M)


def test_no_qt_import_in_core_documents_or_i18n() -> None:
    offenders = [
        str(path.relative_to(PACKAGE.parent))
        for folder in QT_FREE
        if (PACKAGE / folder).is_dir()
        for path in (PACKAGE / folder).rglob("*.py")
        if QT_IMPORT.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_importing_every_core_module_loads_no_qt() -> None:
    code = """
import importlib, pkgutil, sys
import westem_desktop
for folder in ("core", "documents", "i18n"):
    package = importlib.import_module(f"westem_desktop.{folder}")
    for info in pkgutil.walk_packages(package.__path__, f"westem_desktop.{folder}."):
        if not info.name.startswith("westem_desktop.core.migrations."):  # Alembic runs those itself
            importlib.import_module(info.name)
import westem_desktop.paths, westem_desktop.cli
for name in westem_desktop.cli.QT_FREE_WINDOW_MODULES:  # imported before Qt as the window opens
    importlib.import_module(name)
loaded = sorted(name for name in sys.modules if name.startswith(("PySide6", "shiboken6")))
print(loaded)
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
