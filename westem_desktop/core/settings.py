"""The user's settings, kept as JSON in the config folder (language, last programme, window geometry).

Writes go to a temporary file that replaces the old one, so a crash never leaves half a file;
an unreadable file is treated as empty rather than stopping the application.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import Any

from westem_desktop import paths


class Settings:
    def __init__(self, path: Path | None = None) -> None:
        self.path = path or paths.settings_file()
        self._values: dict[str, Any] = {}
        # A damaged file (not JSON, or nested beyond the parser's depth) counts as empty.
        with contextlib.suppress(OSError, ValueError, RecursionError):
            loaded = json.loads(self.path.read_text(encoding="utf-8"))
            if isinstance(loaded, dict):
                self._values = loaded

    def get(self, key: str, default: Any = None) -> Any:
        return self._values.get(key, default)

    def text(self, key: str) -> str | None:
        """The value of ``key`` when it is a text (a file edited or damaged by hand may hold anything)."""
        value = self._values.get(key)
        return value if isinstance(value, str) and value else None

    def set(self, key: str, value: Any) -> None:
        """Remember ``value``; the file is written only when it changes (every start sets the database
        and the programme again)."""
        if key in self._values and self._values[key] == value:
            return
        self._values[key] = value
        self.save()

    def save(self) -> None:
        paths.ensure_private_dir(self.path.parent)
        tmp = self.path.with_suffix(".tmp")
        tmp.write_text(json.dumps(self._values, indent=2, ensure_ascii=False), encoding="utf-8")
        paths.make_private(tmp)
        os.replace(tmp, self.path)

    # Per-database values: the programme last shown in each file (or on each server, by its URL).
    def _last_programmes(self) -> dict[str, Any]:
        mapping = self.get("last_programme")
        return dict(mapping) if isinstance(mapping, dict) else {}

    def last_programme(self, database: Path | str) -> int | None:
        value = self._last_programmes().get(str(database))
        return value if isinstance(value, int) and not isinstance(value, bool) else None

    def set_last_programme(self, database: Path | str, programme_id: int | None) -> None:
        mapping = self._last_programmes()
        mapping[str(database)] = programme_id
        self.set("last_programme", mapping)


def interface_language(settings: Settings, requested: str | None) -> str:
    """The language to speak: the command line's --lang, else the remembered choice, else the system's."""
    from westem_desktop.i18n import system_language

    return requested or settings.text("language") or system_language()
