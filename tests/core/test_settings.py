"""The settings file: kept across starts, written only when something changed."""

from __future__ import annotations

from pathlib import Path

from westem_desktop.core.settings import Settings


def test_settings_are_kept_and_written_only_when_they_change(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "settings.json"
    settings = Settings(path)
    settings.set("language", "sv")
    settings.set_last_programme(tmp_path / "westem.sqlite", 3)
    assert Settings(path).text("language") == "sv"
    assert Settings(path).last_programme(tmp_path / "westem.sqlite") == 3

    writes = []
    monkeypatch.setattr(Settings, "save", lambda self: writes.append(dict(self._values)))
    again = Settings(path)
    again.set("language", "sv")
    again.set_last_programme(tmp_path / "westem.sqlite", 3)
    assert writes == []
    again.set("language", "nl")
    assert len(writes) == 1 and writes[0]["language"] == "nl"
