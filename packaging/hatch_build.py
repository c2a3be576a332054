"""Hatch build hook: compile the .po catalogues into the wheel as westem_desktop/locale/*/LC_MESSAGES/*.mo.

An editable install needs nothing: a source checkout compiles the catalogues on first use
(``westem_desktop/i18n/catalogues.py``).
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CompileTranslations(BuildHookInterface):
    PLUGIN_NAME = "compile-translations"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name != "wheel" or version == "editable":
            return
        sys.path.insert(0, str(Path(self.root) / "packaging"))
        from translations import compile_all

        self._out = tempfile.TemporaryDirectory(prefix="westem-locale-")
        compile_all(Path(self._out.name))
        build_data["force_include"][self._out.name] = "westem_desktop/locale"

    def finalize(self, version: str, build_data: dict[str, Any], artifact_path: str) -> None:
        out = getattr(self, "_out", None)
        if out is not None:
            out.cleanup()
