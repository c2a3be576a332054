"""The frozen one-folder application built by packaging/freeze.py: its size, its contents, its self-test."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from tests.conftest import load_packaging_tool
from tests.platforms import WINDOWS, executable

ROOT = Path(__file__).resolve().parents[2]


def test_the_build_passes_its_self_test_and_the_size_target(frozen) -> None:
    app, output = frozen
    assert "The self-test passed." in output
    freeze = load_packaging_tool("freeze")
    size, driver = freeze.size_mb(app), freeze.server_driver_mb(app)
    print(f"frozen application: {size:.1f} MB unpacked, of which the server driver {driver:.1f} MB")
    assert driver > 5  # the driver is in the build: a faculty's server can be reached
    assert size - driver <= freeze.SIZE_TARGET_MB == 150
    assert driver <= freeze.SERVER_DRIVER_MB


def test_the_build_carries_translations_fonts_migrations_and_only_what_it_uses(frozen) -> None:
    app, _output = frozen
    inside = app / "_internal"
    package = inside / "westem_desktop"
    for language in ("sv", "nb", "nl"):
        assert (package / "locale" / language / "LC_MESSAGES" / "westem_desktop.mo").is_file()
        assert (package / "locale" / language / "westem_qt.qm").is_file()
    assert (package / "resources" / "fonts" / "DejaVuSans.ttf").is_file()
    assert (package / "resources" / "licenses" / "THIRD-PARTY-NOTICES.txt").is_file()
    assert sorted(p.name for p in (package / "core" / "migrations" / "versions").glob("*.py"))
    names = {p.name for p in inside.rglob("*")}
    assert not {n for n in names if "WebEngine" in n or "Quick" in n or "Qml" in n}
    babel = {p.stem for p in (inside / "babel" / "locale-data").glob("*.dat")}
    assert {"sv", "nb", "nl", "en_GB", "root"} <= babel and "de" not in babel and len(babel) < 15
    # Qt's own folders are PySide6/Qt/ on Linux and macOS, PySide6/ itself on Windows.
    qt = inside / "PySide6" / ("" if WINDOWS else "Qt")
    assert sorted(p.name for p in (qt / "translations").glob("*.qm")) == [
        "qtbase_nl.qm",
        "qtbase_sv.qm",
    ]


def test_the_built_program_works_from_the_command_line(frozen, tmp_path) -> None:
    app, _output = frozen
    program = executable(app, "westem-desktop")
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", WESTEM_DESKTOP_DATA_DIR=str(tmp_path / "data"))
    db = tmp_path / "demo.sqlite"
    run = lambda *args: subprocess.run([str(program), *args], capture_output=True, text=True, env=env)  # noqa: E731
    assert run("demo", "--db", str(db)).returncode == 0
    pdf = tmp_path / "agreement.pdf"
    printed = run("print", "agreement", "--db", str(db), "--match", "1", "--lang", "nl", "-o", str(pdf))
    assert printed.returncode == 0, printed.stderr
    assert pdf.read_bytes().startswith(b"%PDF-") and b"DejaVuSans" in pdf.read_bytes()
    assert run("check", "--db", str(db)).returncode == 0
