"""The programs an installation gives: ``westem-desktop`` (a console program) and ``westem-desktopw`` (the same
without a console window on Windows), both the command line's main(). A windowed program starts without
standard output and error (None): the application only print()s, which then prints nowhere, and a
refusal still ends with its exit code, never with an exception about a missing stream."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_console_and_the_windowed_program_are_the_same_main() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["scripts"] == {"westem-desktop": "westem_desktop.cli:main"}
    assert project["gui-scripts"] == {"westem-desktopw": "westem_desktop.cli:main"}


def test_without_standard_output_and_error_a_command_still_ends_with_its_exit_code(tmp_path: Path) -> None:
    script = textwrap.dedent(
        f"""
        import sys
        out = sys.stdout
        sys.stdout = sys.stderr = None  # as pythonw.exe and a windowed frozen program start
        from westem_desktop.cli import main
        code = main(["check", "--db", {str(tmp_path / "missing.sqlite")!r}])
        out.write(f"exit {{code}}")
        """
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert result.stdout == "exit 1", result.stdout + result.stderr
    assert result.stderr == ""
