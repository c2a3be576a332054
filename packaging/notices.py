"""Write resources/licenses/THIRD-PARTY-NOTICES.txt: every piece of software the application ships with,
its licence and the licence texts, for Help ▸ About and for the installers.

    .venv/bin/python packaging/notices.py

Run it after a dependency changes (a test fails until the notices name every runtime dependency). The
list is read from the installed packages' metadata: the dependencies of westem-desktop, and theirs.
"""

from __future__ import annotations

import importlib.metadata as metadata
import re
import sys
import sysconfig
from pathlib import Path

from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent
LICENSES = ROOT / "resources" / "licenses"
TARGET = LICENSES / "THIRD-PARTY-NOTICES.txt"
LICENSE_FILE = re.compile(r"(LICEN[CS]E|COPYING|NOTICE)", re.IGNORECASE)
QT_FOR_PYTHON = re.compile(r"^(pyside6|shiboken6)")
RULE = "=" * 78


def key(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def runtime_distributions(root: str = "westem-desktop") -> dict[str, metadata.Distribution]:
    """The installed distributions ``root`` needs at run time (its extras left out), by normalised name."""
    found: dict[str, metadata.Distribution] = {}

    def walk(name: str) -> None:
        if key(name) in found:
            return
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            return
        found[key(name)] = dist
        for text in dist.requires or []:
            requirement = Requirement(text)
            if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
                walk(requirement.name)

    for text in metadata.distribution(root).requires or []:
        requirement = Requirement(text)
        if requirement.marker is None or requirement.marker.evaluate({"extra": ""}):
            walk(requirement.name)
    return found


def licence_of(dist: metadata.Distribution) -> str:
    expression = dist.metadata.get("License-Expression")
    if expression:
        return expression
    classifiers = [c.split(" :: ")[-1] for c in dist.metadata.get_all("Classifier") or [] if c.startswith("License ::")]
    text = (dist.metadata.get("License") or "").strip()
    return ", ".join(classifiers) or (text.splitlines()[0] if text else "see the licence text")


def licence_texts(dist: metadata.Distribution) -> list[tuple[str, str]]:
    texts = []
    for file in dist.files or []:
        if ".dist-info" in str(file) and LICENSE_FILE.search(file.name):
            content = Path(file.locate()).read_text(encoding="utf-8", errors="replace").strip()
            if content:
                texts.append((file.name, content))
    return texts


def homepage(dist: metadata.Distribution) -> str:
    urls = dist.metadata.get_all("Project-URL") or []
    for entry in urls:
        label, _, url = entry.partition(",")
        if label.strip().lower() in ("homepage", "home", "source", "source code", "repository"):
            return url.strip()
    return dist.metadata.get("Home-page") or (urls[0].partition(",")[2].strip() if urls else "")


def section(title: str, lines: list[str], texts: list[tuple[str, str]]) -> str:
    parts = [RULE, title, RULE, *lines]
    for name, text in texts:
        parts += ["", f"--- {name} ---", "", text]
    return "\n".join(parts) + "\n\n"


def python_licence() -> str:
    for folder in (sysconfig.get_paths()["stdlib"], sys.base_prefix):
        path = Path(folder) / "LICENSE.txt"
        if path.is_file():
            return path.read_text(encoding="utf-8", errors="replace").strip()
    return "Python Software Foundation License Version 2: https://docs.python.org/3/license.html"


def notices() -> str:
    dists = runtime_distributions()
    qt = sorted((d for k, d in dists.items() if QT_FOR_PYTHON.match(k)), key=lambda d: key(d.metadata["Name"]))
    others = sorted((d for k, d in dists.items() if not QT_FOR_PYTHON.match(k)), key=lambda d: key(d.metadata["Name"]))
    out = [
        "WESTEM Desktop includes the software below. Each keeps its own licence; the texts follow.\n"
        "WESTEM Desktop itself is free software under the GNU General Public License, version 3 or later.\n\n"
    ]
    out.append(
        section(
            "Qt and Qt for Python (PySide6, shiboken6)",
            [
                "Parts: " + ", ".join(f"{d.metadata['Name']} {d.version}" for d in qt),
                "Licence: GNU Lesser General Public License, version 3 (LGPL-3.0-only)",
                "Copyright (C) The Qt Company Ltd. and other contributors.",
                "Source code: https://code.qt.io/ and https://download.qt.io/official_releases/QtForPython/",
                "The Qt libraries are shipped as separate shared libraries that you may replace with your own",
                "build of the same version (LGPL-3.0, section 4).",
            ],
            [("LGPL-3.0", (LICENSES / "LGPL-3.0.txt").read_text(encoding="utf-8").strip())],
        )
    )
    out.append(
        section(
            "DejaVu fonts (embedded in the printed documents)",
            ["Licence: Bitstream Vera Fonts licence and public-domain changes (see below)"],
            [("LICENSE-DejaVu.txt", (ROOT / "resources" / "fonts" / "LICENSE-DejaVu.txt").read_text().strip())],
        )
    )
    out.append(
        section(
            f"Python {sys.version_info.major}.{sys.version_info.minor} (in the packaged application)",
            ["Licence: Python Software Foundation License Version 2"],
            [("LICENSE", python_licence())],
        )
    )
    for dist in others:
        lines = [f"Version: {dist.version}", f"Licence: {licence_of(dist)}"]
        if homepage(dist):
            lines.append(f"Home: {homepage(dist)}")
        out.append(section(dist.metadata["Name"], lines, licence_texts(dist)))
    return "".join(out).rstrip() + "\n"


if __name__ == "__main__":
    TARGET.write_text(notices(), encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)} ({TARGET.stat().st_size // 1000} kB)")
