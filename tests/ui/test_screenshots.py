"""packaging/screenshots.py writes a PNG of each place asked for, at the size the place has on the screen."""

from __future__ import annotations

import json
import struct
from pathlib import Path

from tests.conftest import load_packaging_tool


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", header[16:24])


def test_one_tab_and_one_dialog_in_one_language_at_100_and_200_percent(tmp_path) -> None:
    screenshots = load_packaging_tool("screenshots")
    out = tmp_path / "shots"
    argv = [str(out), "--languages", "sv", "--sizes", "1280x720", "--only", "tab-agreements", "--only", "end-pair"]
    assert screenshots.main(argv) == 0
    for folder, scale in (("1280x720", 1), ("1280x720@2x", 2)):
        index = json.loads((out / folder / "index.json").read_text(encoding="utf-8"))
        assert [(e["place"], e["widget"]) for e in index] == [
            ("tab-agreements", "MainWindow"),
            ("end-pair", "EndPairDialog"),
        ]
        for entry in index:
            path = out / folder / entry["file"]
            assert path.parent.name == "sv"
            width, height = png_size(path)
            assert (width, height) == (entry["width"] * scale, entry["height"] * scale)
            assert entry["screen"] == [1280, 720]  # logical pixels, at 200% too
            assert 300 <= entry["width"] <= 1280 and 100 <= entry["height"] <= 720, entry
