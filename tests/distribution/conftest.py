"""The frozen one-folder application, built once per run by packaging/freeze.py for every test of it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def frozen(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """(the folder dist/westem-desktop, the build's output). The build itself runs the self-test on the result."""
    out = tmp_path_factory.mktemp("frozen")
    result = subprocess.run(
        [sys.executable, str(ROOT / "packaging" / "freeze.py"), "--dist", str(out / "dist"), "--work", str(out / "w")],
        capture_output=True,
        text=True,
        env=dict(os.environ, QT_QPA_PLATFORM="offscreen"),
        timeout=1800,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-4000:]
    return out / "dist" / "westem-desktop", result.stdout
