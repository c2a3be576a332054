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


FILE_MODES = "Windows has no POSIX file modes (the per-user data folder's protection applies there)"
FULL_DISK = "a full disk is a limit on a file's size (RLIMIT_FSIZE with SIGXFSZ ignored), which Windows has not"
READ_ONLY_FOLDERS = "Windows ignores a folder's read-only attribute, so chmod cannot make a folder unwritable"


def assert_private(path) -> None:
    """The file is readable and writable by the user alone: mode 0600 on POSIX. Windows has no such modes
    (the folder's protection applies, see the README): there the user must at least be able to read and
    write it, that is, the application did not leave it read-only."""
    mode = path.stat().st_mode & 0o777
    if WINDOWS:
        assert mode & 0o600 == 0o600, oct(mode)
    else:
        assert mode == 0o600, oct(mode)
