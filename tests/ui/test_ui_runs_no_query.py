"""The screens read through the read models of ``core/views/``: no module of ``ui/`` imports SQLAlchemy or
the ORM models, not even inside a function (the way this code base imports lazily)."""

from __future__ import annotations

import ast
from pathlib import Path

UI = Path(__file__).resolve().parents[2] / "westem_desktop" / "ui"
FORBIDDEN = ("sqlalchemy", "westem_desktop.core.models")


def imported_modules(source: str) -> set[str]:
    """Every module an ``import`` or ``from … import`` statement names, at any depth of the file."""
    names: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
            names.update(
                f"{node.module}.{alias.name}" for alias in node.names
            )  # from westem_desktop.core import models
    return names


def forbidden(name: str) -> bool:
    return any(name == f or name.startswith(f + ".") for f in FORBIDDEN)


def test_the_scan_sees_imports_at_any_depth() -> None:
    source = "def f():\n    from sqlalchemy import select\n    from westem_desktop.core import models\n"
    found = {n for n in imported_modules(source) if forbidden(n)}
    assert {"sqlalchemy", "westem_desktop.core.models"} <= found
    assert not any(forbidden(n) for n in imported_modules("from westem_desktop.core.views import cycle\n"))


def test_no_ui_module_imports_sqlalchemy_or_the_orm_models() -> None:
    offenders = {
        f"{path.relative_to(UI).as_posix()}: {name}"
        for path in UI.rglob("*.py")
        for name in imported_modules(path.read_text(encoding="utf-8"))
        if forbidden(name)
    }
    assert offenders == set()
