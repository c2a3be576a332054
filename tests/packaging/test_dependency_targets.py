"""The dependencies resolve, as binary wheels, for every system the README names as supported, with each
Python's branch of pyproject.toml (3.11: PySide6 6.10-6.11 with PySide6-Addons; 3.12 and newer: PySide6
6.12 with PySide6-Pdf), and do not for one release older: the README's oldest systems are exactly the
wheels' own. uv resolves for the target's environment markers and platform tags, not the running
interpreter's; it asks PyPI (the network is needed, here and on CI).

Windows releases cannot be told apart by a wheel's tag (win_amd64 is every 64-bit Windows): the oldest
Windows in the README is Qt's own statement for these versions, not something a resolution can show.
"""

from __future__ import annotations

import os
import re
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.packaging.tools import tool

ROOT = Path(__file__).resolve().parents[2]
PYTHONS = ("3.11", "3.12", "3.13")


def supported() -> dict[str, dict[str, str]]:
    """The README's table of supported systems: {python: {"Qt": ..., "Windows": ..., "macOS": ..., "Linux": ...}}."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    table = text[text.index("### Supported systems") :]
    header = "| Python | Qt for Python | Windows | macOS | Linux |"
    lines = table[table.index(header) :].split("\n\n", 1)[0].splitlines()
    rows = lines[2:]  # after the header and its rule
    found: dict[str, dict[str, str]] = {}
    for row in rows:
        pythons, qt, windows, macos, linux = (cell.strip() for cell in row.strip("|").split("|"))
        for python in pythons.split(", "):
            found[python] = {"Qt": qt, "Windows": windows, "macOS": macos, "Linux": linux}
    return found


def targets() -> list[tuple[str, str, str, bool]]:
    """(python, --python-platform, MACOSX_DEPLOYMENT_TARGET, should resolve) for each README system and
    one release older."""
    cases = []
    for python, systems in supported().items():
        assert systems["Windows"] == "10, 64-bit"
        cases.append((python, "x86_64-pc-windows-msvc", "", True))
        macos = int(systems["macOS"])
        for mac in ("aarch64-apple-darwin", "x86_64-apple-darwin"):  # Apple silicon and Intel
            cases += [(python, mac, f"{macos}.0", True), (python, mac, f"{macos - 1}.0", False)]
        major, minor = map(int, re.fullmatch(r"glibc (\d+)\.(\d+)", systems["Linux"]).groups())
        cases += [(python, f"x86_64-manylinux_{major}_{minor}", "", True)]
        cases += [(python, f"x86_64-manylinux_{major}_{minor - 1}", "", False)]
    return cases


@pytest.fixture(scope="module")
def resolutions() -> dict[tuple[str, str, str, bool], tuple[int, str]]:
    """Every target resolved once, four at a time, sharing uv's own cache (or UV_CACHE_DIR's) between them
    and from one run to the next."""

    def compile_for(case: tuple[str, str, str, bool]) -> tuple[int, str]:
        python, platform, macos, _ok = case
        # The resolution needs no interpreter of the target's version: uv must not download one.
        env = dict(os.environ, UV_PYTHON_DOWNLOADS="never")
        env.pop("MACOSX_DEPLOYMENT_TARGET", None)
        if macos:
            env["MACOSX_DEPLOYMENT_TARGET"] = macos
        done = subprocess.run(
            [
                *(tool("uv"), "pip", "compile", "pyproject.toml", "--quiet", "--no-header", "--only-binary", ":all:"),
                *("--python-version", python, "--python-platform", platform),
            ],
            capture_output=True,
            text=True,
            env=env,
            cwd=ROOT,
            timeout=600,
        )
        return done.returncode, done.stdout + done.stderr

    cases = targets()
    with ThreadPoolExecutor(max_workers=4) as pool:
        return dict(zip(cases, pool.map(compile_for, cases), strict=True))


def test_the_readme_names_a_system_for_every_python() -> None:
    assert sorted(supported()) == list(PYTHONS)
    requires = re.search(r'^requires-python = "(.+)"$', (ROOT / "pyproject.toml").read_text(), re.MULTILINE)
    assert requires.group(1) == ">=3.11"


@pytest.mark.parametrize("python", PYTHONS)
def test_each_python_resolves_its_branch_on_the_oldest_supported_systems(python, resolutions) -> None:
    qt = supported()[python]["Qt"]
    for (target_python, platform, macos, ok), (code, output) in resolutions.items():
        if target_python != python or not ok:
            continue
        where = f"Python {python} on {platform} {macos}"
        assert code == 0, f"{where}: {output[-3000:]}"
        pinned = dict(re.findall(r"^([a-z0-9_.-]+)==(\S+)", output, re.MULTILINE))
        if python == "3.11":
            assert "6.10-6.11 with PySide6-Addons" in qt
            assert pinned["pyside6-essentials"].startswith(("6.10.", "6.11.")), where
            assert pinned["pyside6-addons"] == pinned["pyside6-essentials"], where
            assert "pyside6-pdf" not in pinned, where
        else:
            assert "6.12 with PySide6-Pdf" in qt
            assert pinned["pyside6-essentials"].startswith("6.12."), where
            assert pinned["pyside6-pdf"].startswith("6.12."), where
            assert "pyside6-addons" not in pinned, where
        assert {"psycopg-binary", "numpy", "reportlab", "sqlalchemy"} <= pinned.keys(), where


@pytest.mark.parametrize("python", PYTHONS)
def test_one_release_older_has_no_wheels(python, resolutions) -> None:
    older = [(case, result) for case, result in resolutions.items() if case[0] == python and not case[3]]
    assert len(older) == 3
    for (_python, platform, macos, _ok), (code, output) in older:
        assert code != 0, f"Python {python} resolves on {platform} {macos}: the README's oldest system is too new"
        assert "pyside6" in output.lower() and "no wheels with a matching platform tag" in output, output[-3000:]
