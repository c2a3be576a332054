"""Render the application icon (resources/icons/westem-desktop.svg) for every platform; run after the SVG
changes:

    .venv/bin/python packaging/make_icons.py

Linux: the PNG sizes desktops look for, in packaging/linux/icons/hicolor/<N>x<N>/apps/, and the SVG.
Windows: packaging/windows/westem-desktop.ico. macOS: packaging/macos/westem-desktop.icns (with Pillow).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from westem_desktop import DESKTOP_ID  # noqa: E402

SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
SOURCE = ROOT / "resources" / "icons" / "westem-desktop.svg"
TARGET = ROOT / "packaging" / "linux" / "icons" / "hicolor"


def main() -> None:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    app = QGuiApplication([])  # noqa: F841 - painting needs an application
    renderer = QSvgRenderer(str(SOURCE))
    for size in SIZES:
        image = QImage(size, size, QImage.Format.Format_ARGB32_Premultiplied)
        image.fill(Qt.GlobalColor.transparent)
        painter = QPainter(image)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        renderer.render(painter)
        painter.end()
        out = TARGET / f"{size}x{size}" / "apps" / f"{DESKTOP_ID}.png"
        out.parent.mkdir(parents=True, exist_ok=True)
        image.save(str(out))
        print(out.relative_to(ROOT))
    scalable = TARGET / "scalable" / "apps" / f"{DESKTOP_ID}.svg"
    scalable.parent.mkdir(parents=True, exist_ok=True)
    scalable.write_bytes(SOURCE.read_bytes())
    print(scalable.relative_to(ROOT))
    from PIL import Image

    largest = Image.open(TARGET / "512x512" / "apps" / f"{DESKTOP_ID}.png")
    ico = ROOT / "packaging" / "windows" / "westem-desktop.ico"
    largest.save(ico, sizes=[(n, n) for n in (16, 24, 32, 48, 64, 128, 256)])
    icns = ROOT / "packaging" / "macos" / "westem-desktop.icns"
    largest.save(icns)
    print(ico.relative_to(ROOT), icns.relative_to(ROOT), sep="\n")


if __name__ == "__main__":
    main()
