"""Documents are built from plain data: they load no database code, and the core imports no renderer."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "westem_desktop"


def test_the_documents_load_no_database_code() -> None:
    code = """
import importlib, pkgutil, sys
import westem_desktop.documents as documents
for info in pkgutil.walk_packages(documents.__path__, "westem_desktop.documents."):
    importlib.import_module(info.name)
print(sorted(n for n in sys.modules if n.startswith("sqlalchemy") or n in (
    "westem_desktop.core.models", "westem_desktop.core.db", "westem_desktop.core.agreements",
    "westem_desktop.core.evaluations", "westem_desktop.core.reports")))
"""
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"


def test_the_core_imports_no_renderer() -> None:
    renderer = re.compile(r"^\s*(from|import)\s+westem_desktop\.documents\b", re.M)
    offenders = [
        str(path.relative_to(PACKAGE))
        for path in (PACKAGE / "core").rglob("*.py")
        if renderer.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
