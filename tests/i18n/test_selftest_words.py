"""The self-test's reasons for a failure are in the interface language."""

from __future__ import annotations

from pathlib import Path

import pytest

from westem_desktop import selftest
from westem_desktop.i18n import set_language


def test_a_failure_reason_is_swedish(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import westem_desktop.i18n.qt_messages as qt_messages

    set_language("sv")
    monkeypatch.setattr(qt_messages, "qm_file", lambda language: None)
    with pytest.raises(AssertionError) as failure:
        selftest._translations(tmp_path)
    assert str(failure.value) == "ingen Qt-meddelandefil för sv"
