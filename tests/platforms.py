"""Skip markers for what one operating system cannot do. Every reason names the platform; nothing else in the
suite is skipped."""

from __future__ import annotations

import sys

import pytest

WINDOWS = sys.platform == "win32"
MACOS = sys.platform == "darwin"
LINUX = sys.platform.startswith("linux")
NAME = "Windows" if WINDOWS else "macOS" if MACOS else "Linux" if LINUX else sys.platform


def not_on_windows(why: str) -> pytest.MarkDecorator:
    """For a test of what Windows does not have (POSIX file modes, fcntl, signals, named pipes)."""
    return pytest.mark.skipif(WINDOWS, reason=f"not on Windows: {why}")


def linux_only(why: str) -> pytest.MarkDecorator:
    """For a test of Linux's own files and tools (the desktop entry, AppStream, install.sh, ICU trimming)."""
    return pytest.mark.skipif(not LINUX, reason=f"Linux only, not on {NAME}: {why}")


def windows_only(why: str) -> pytest.MarkDecorator:
    return pytest.mark.skipif(not WINDOWS, reason=f"Windows only, not on {NAME}: {why}")


def executable(folder, name: str):
    """The program ``name`` in ``folder``: ``name.exe`` on Windows."""
    return folder / (f"{name}.exe" if WINDOWS else name)
