"""The sdist and the wheel carry what an installation needs; an installation from the wheel, in a fresh
virtual environment, makes a demo programme, prints, and passes its self-test."""

from __future__ import annotations

import os
import subprocess
import sys
import tarfile
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, Path]:
    """``python -m build``: the sdist, then the wheel built from that sdist."""
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, "-m", "build", "--outdir", str(out), str(ROOT)], check=True, capture_output=True)
    [sdist] = out.glob("*.tar.gz")
    [wheel] = out.glob("*.whl")
    return sdist, wheel


def test_the_sdist_carries_the_sources_of_everything(built) -> None:
    sdist, _wheel = built
    with tarfile.open(sdist) as archive:
        names = {name.split("/", 1)[1] for name in archive.getnames() if "/" in name}
    for language in ("en", "sv", "nb", "nl"):
        assert f"translations/{language}/LC_MESSAGES/westem_desktop.po" in names
    assert {"resources/fonts/DejaVuSans.ttf", "LICENSE", "README.md", "packaging/westem-desktop.spec"} <= names
    assert not [n for n in names if n.endswith((".mo", ".pyc")) or "/.venv/" in f"/{n}"]


def test_the_wheel_carries_compiled_translations_resources_and_migrations(built) -> None:
    _sdist, wheel = built
    names = set(zipfile.ZipFile(wheel).namelist())
    for language in ("sv", "nb", "nl"):
        assert f"westem_desktop/locale/{language}/LC_MESSAGES/westem_desktop.mo" in names
    assert {
        "westem_desktop/resources/fonts/DejaVuSans.ttf",
        "westem_desktop/resources/fonts/LICENSE-DejaVu.txt",
        "westem_desktop/resources/icons/westem-desktop.svg",
        "westem_desktop/resources/licenses/THIRD-PARTY-NOTICES.txt",
        "westem_desktop/core/migrations/env.py",
        "westem_desktop/core/migrations/script.py.mako",
        "westem_desktop/core/migrations/versions/0001_participants_matching_cycle.py",
    } <= names
    assert not [n for n in names if n.startswith(("tests/", "packaging/"))]


def test_an_installation_from_the_wheel_works(built, tmp_path: Path) -> None:
    _sdist, wheel = built
    environment = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(environment)
    bin_dir = environment / ("Scripts" if os.name == "nt" else "bin")
    subprocess.run(
        [str(bin_dir / "python"), "-m", "pip", "install", "-q", "--disable-pip-version-check", str(wheel)],
        check=True,
        capture_output=True,
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", WESTEM_DESKTOP_DATA_DIR=str(tmp_path / "data"))
    env.pop("PYTHONPATH", None)
    program = str(bin_dir / "westem-desktop")
    db = tmp_path / "demo.sqlite"

    def run(*args: str) -> subprocess.CompletedProcess:
        # From another folder, so that nothing is read from the source tree.
        return subprocess.run([program, *args], capture_output=True, text=True, env=env, cwd=tmp_path)

    made = run("demo", "--db", str(db), "--lang", "sv")
    assert made.returncode == 0, made.stderr
    assert "demoprogram" in made.stdout.lower() and "Created" not in made.stdout  # in Swedish, from the wheel's .mo
    pdf = tmp_path / "avtal.pdf"
    printed = run("print", "agreement", "--db", str(db), "--match", "1", "--lang", "sv", "-o", str(pdf))
    assert printed.returncode == 0, printed.stderr
    assert b"DejaVuSans" in pdf.read_bytes()
    checked = run("--self-test", "--lang", "en")
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert checked.stdout.splitlines()[-1] == "The self-test passed."
    location = subprocess.run(
        [str(bin_dir / "python"), "-c", "import westem_desktop; print(westem_desktop.__file__)"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
    ).stdout
    assert str(environment) in location  # the installed copy, not the checkout
