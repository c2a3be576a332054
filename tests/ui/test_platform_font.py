"""The window follows the platform's font size: with the application's font at 1.5 times its default on a
1366×768 screen, in English, the window opens as much larger (within the screen) and the tabs and dialogs
show every text whole (the misfit rule of ``test_fit.py``); headings are a step larger than the
application's font, and stay so when it changes."""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

from tests.conftest import load_packaging_tool
from tests.ui.test_fit import misfits

ROOT = Path(__file__).resolve().parents[2]
SCALE = 1.5


def check() -> dict:
    """In this process (a 1366×768 screen): the misfits of every place, and the sizes of the headings."""
    from PySide6.QtCore import QPoint, QRect
    from PySide6.QtWidgets import QApplication

    sys.path.insert(0, str(ROOT / "packaging"))
    import screenshots

    app = QApplication.instance() or QApplication(sys.argv[:1])
    screenshots.quiet_qt()
    font = app.font()
    base = font.pointSizeF()
    font.setPointSizeF(base * SCALE)
    app.setFont(font)
    screen = app.primaryScreen().availableGeometry()
    found: dict = {"misfits": [], "headings": {}, "font": app.font().pointSizeF(), "window": None, "programme": []}

    def visit(place: str, widget) -> None:
        found["misfits"] += [[place, problem] for problem in misfits(widget, screen)]
        if place == "tab-participants":
            found["window"] = [widget.width(), widget.height()]
        if place == "tab-cycle":
            found["headings"]["pairHeading"] = widget.pages[2].detail.heading.font().pointSizeF()
        if place.startswith("programme-"):  # taller than the screen: the settings scroll, the buttons stay
            save = widget.buttons.button(widget.buttons.StandardButton.Save)
            shown = save.isVisible() and widget.rect().contains(QRect(save.mapTo(widget, QPoint(0, 0)), save.size()))
            found["programme"].append([place, widget.body.verticalScrollBar().maximum() > 0, shown])
        if place == "tab-agreements":
            found["headings"]["agreements"] = widget.pages[3].heading.font().pointSizeF()

    with tempfile.TemporaryDirectory() as folder:
        screenshots.walk(Path(folder), "en", visit)
    return found


def test_a_font_half_as_large_again_fits_the_screen(tmp_path) -> None:
    screenshots = load_packaging_tool("screenshots")
    env = screenshots.environment(tmp_path, 1366, 768)
    done = subprocess.run([sys.executable, __file__], env=env, capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert found["font"] > 12  # the offscreen platform's 9 points, half as large again
    assert found["window"][0] > 1100 * 1.2  # the window opens larger, as far as the screen allows
    for size in found["headings"].values():
        assert abs(size - found["font"] * 1.2) < 0.01
    assert found["programme"] == [["programme-new", True, True], ["programme-edit", True, True]]
    problems = [f"{place}: {what}" for place, what in found["misfits"]]
    assert not problems, "\n".join(problems)


def test_headings_follow_a_change_of_the_applications_font(qapp, qtbot) -> None:
    from PySide6.QtWidgets import QWidget

    from westem_desktop.ui.widgets.empty_state import HEADING_SCALE, EmptyState
    from westem_desktop.ui.widgets.heading import Heading

    parent = QWidget()
    qtbot.addWidget(parent)
    heading = Heading(1.2, parent)
    empty = EmptyState(parent)
    before = qapp.font()
    try:
        for size in (9.0, 16.0):
            font = qapp.font()
            font.setPointSizeF(size)
            qapp.setFont(font)
            qapp.processEvents()
            assert heading.font().pointSizeF() == 1.2 * size and heading.font().bold()
            assert empty.heading.font().pointSizeF() == HEADING_SCALE * size and empty.heading.font().bold()
    finally:
        qapp.setFont(before)


if __name__ == "__main__":  # the subprocess of the first test: its screen is 1366×768
    sys.path.insert(0, str(ROOT))
    print(json.dumps(check()))
