"""``westem-desktop --self-test``: the check that an installation (frozen, wheel or checkout) works."""

from __future__ import annotations

import os
import subprocess
import sys

from westem_desktop import selftest


def test_the_self_test_passes_in_a_process_of_its_own(tmp_path) -> None:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", HOME=str(tmp_path))
    result = subprocess.run(
        [sys.executable, "-m", "westem_desktop", "--self-test", "--lang", "en"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[-1] == "The self-test passed."
    assert [line.split(":")[0] for line in lines[1:-1]] == [
        "passed  database",
        "passed  documents",
        "passed  translations",
        "passed  window",
    ]
    assert "Deltakere" in lines[-2]  # the window was opened in Norwegian Bokmål


def test_a_failing_step_is_named_and_the_exit_code_is_1(monkeypatch, capsys) -> None:
    import westem_desktop.documents.agreement as agreement

    def broken(*args, **kwargs) -> None:
        raise OSError("No space left on device")

    monkeypatch.setattr(agreement, "write_agreement", broken)
    assert selftest.run_self_test() == 1
    out = capsys.readouterr().out
    assert "FAILED  documents: No space left on device" in out
    assert "passed  window" in out  # the other steps still ran
    assert out.splitlines()[-1] == "The self-test failed: 1 of 4 steps."
