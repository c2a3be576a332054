"""The CI workflows (.github/workflows): valid for GitHub (actionlint), without a high-severity finding of
zizmor's security audits, every action pinned to a full commit and no job given more than it needs."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from tests.packaging.tools import tool

ROOT = Path(__file__).resolve().parents[2]
WORKFLOWS = ROOT / ".github" / "workflows"


def workflow_files() -> list[Path]:
    files = sorted(WORKFLOWS.glob("*.yml"))
    assert [p.name for p in files] == ["release.yml", "tests.yml"]
    return files


def test_actionlint_finds_nothing() -> None:
    result = subprocess.run(
        [tool("actionlint"), "-no-color", *map(str, workflow_files())], capture_output=True, text=True, cwd=ROOT
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_zizmor_finds_nothing_of_high_severity() -> None:
    # Offline: the audits that ask GitHub's API (impostor commits, known vulnerable actions) need a token.
    result = subprocess.run(
        [tool("zizmor"), "--offline", "--no-progress", "--min-severity", "high", "--format", "plain", str(WORKFLOWS)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings" in result.stdout + result.stderr


def test_every_action_is_pinned_to_a_full_commit() -> None:
    for path in workflow_files():
        uses = re.findall(r"^\s*(?:-\s*)?uses:\s*(\S+)(.*)$", path.read_text(encoding="utf-8"), flags=re.MULTILINE)
        assert uses, f"{path.name} uses no action"
        for action, comment in uses:
            ref = action.partition("@")[2]
            assert re.fullmatch(r"[0-9a-f]{40}", ref), f"{path.name}: {action} is not pinned to a commit"
            assert re.fullmatch(r"\s*# v\d+(\.\d+)*", comment), f"{path.name}: {action} does not say its version"


def test_no_workflow_grants_more_than_reading_the_repository() -> None:
    for path in workflow_files():
        text = path.read_text(encoding="utf-8")
        assert re.search(r"^permissions: \{\}$", text, flags=re.MULTILINE), f"{path.name}: no empty default"
        granted = re.findall(r"^\s+permissions:\n((?:\s{6,}\S.*\n)+)", text, flags=re.MULTILINE)
        assert granted, f"{path.name}: no job names its permissions"
        for block in granted:
            assert block.split() == ["contents:", "read"], f"{path.name}: {block!r}"
