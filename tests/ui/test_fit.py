"""Every tab and every dialog fits a laptop screen, 1366×768 and 1280×720, in en, sv, nb and nl, and
1280×720 at 200% scaling (a 2560×1440 laptop screen).

Each size runs in a subprocess whose offscreen screen has exactly that size (the walk of
``packaging/screenshots.py``): the window opens at its own size, each tab comes to the front, and each
dialog opens the way the application opens it, so Qt bounds it by that screen as it would on a laptop.
A place fails when the window or the dialog is larger than the screen, or its smallest size is; when the
window opens narrower than 90% of a laptop's screen; when a visit makes the window grow; when a visible
label, button, check box, tab title, table header section or table cell shows a text that does not fit
its room (``fontMetrics().horizontalAdvance``) and is neither word-wrapped nor elided with the full text
in a tooltip; or when a table must scroll sideways.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LANGUAGES = ("en", "sv", "nb", "nl")
SIZES = ((1366, 768), (1280, 720))
TABS = ("participants", "matches", "cycle", "agreements", "evaluations")


def plain(text: str) -> str:
    """A button's or tab's text as shown: '&&' is '&', a single '&' marks the mnemonic."""
    return re.sub(r"&(.)", r"\1", text)


def misfits(root, screen) -> list[str]:
    """What does not fit in the shown window or dialog ``root`` on a screen of ``screen`` (a QRect)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QTextDocument
    from PySide6.QtWidgets import (
        QAbstractButton,
        QAbstractItemView,
        QCheckBox,
        QLabel,
        QPushButton,
        QRadioButton,
        QScrollArea,
        QStyle,
        QStyleOptionButton,
        QTabBar,
        QToolButton,
    )

    found: list[str] = []
    frame = root.frameGeometry()
    if frame.width() > screen.width() or frame.height() > screen.height():
        found.append(f"the window is {frame.width()}×{frame.height()}, larger than the screen")
    smallest = root.minimumSizeHint().expandedTo(root.minimumSize())
    if smallest.width() > screen.width() or smallest.height() > screen.height():
        found.append(f"its smallest size is {smallest.width()}×{smallest.height()}, larger than the screen")

    def where(widget) -> str:
        name = widget.objectName() or widget.accessibleName()
        return f"{type(widget).__name__}{f' “{name}”' if name else ''}"

    def cut(widget, kind: str, text: str, need: int, room: int) -> None:
        found.append(f"{kind} {where(widget)} “{text}” needs {need} px, has {room}")

    for widget in root.findChildren(QAbstractButton) + root.findChildren(QLabel):
        if not widget.isVisible() or not widget.text() or widget.window() is not root:
            continue
        metrics = widget.fontMetrics()
        if isinstance(widget, QLabel):
            if widget.wordWrap() or widget.toolTip():
                continue
            text = plain(widget.text()) if widget.buddy() is not None else widget.text()
            if widget.textFormat() != Qt.TextFormat.PlainText and re.search(r"<[a-zA-Z/]", text):
                document = QTextDocument()
                document.setHtml(text)
                text = document.toPlainText()
            room = widget.contentsRect().width() - 2 * widget.margin() - max(widget.indent(), 0)
            for line in text.splitlines():
                if metrics.horizontalAdvance(line) > room:
                    cut(widget, "label", line, metrics.horizontalAdvance(line), room)
            continue
        text = plain(widget.text())
        need = metrics.horizontalAdvance(text)
        if not widget.icon().isNull():
            need += widget.iconSize().width() + 4
        if isinstance(widget, (QPushButton, QCheckBox, QRadioButton)):
            option = QStyleOptionButton()
            widget.initStyleOption(option)
            element = {
                QPushButton: QStyle.SubElement.SE_PushButtonContents,
                QCheckBox: QStyle.SubElement.SE_CheckBoxContents,
                QRadioButton: QStyle.SubElement.SE_RadioButtonContents,
            }[next(c for c in (QPushButton, QCheckBox, QRadioButton) if isinstance(widget, c))]
            room = widget.style().subElementRect(element, option, widget).width()
            if isinstance(widget, QPushButton) and widget.menu() is not None:
                room -= widget.style().pixelMetric(QStyle.PixelMetric.PM_MenuButtonIndicator, option, widget)
        elif isinstance(widget, QToolButton):
            if widget.toolButtonStyle() == Qt.ToolButtonStyle.ToolButtonIconOnly:
                continue
            need, room = widget.sizeHint().width(), widget.width()
        else:
            continue
        if need > room and not widget.toolTip():
            cut(widget, "button", text, need, room)

    for bar in root.findChildren(QTabBar):
        if not bar.isVisible() or bar.window() is not root:
            continue
        for index in range(bar.count()):
            if not bar.isTabVisible(index):
                continue
            rect, hint = bar.tabRect(index), bar.tabSizeHint(index)
            text = plain(bar.tabText(index))
            if not bar.rect().contains(rect):
                found.append(f"tab title “{text}” lies outside the tab bar (scrolled away)")
            elif rect.width() < hint.width() and not bar.tabToolTip(index):
                cut(bar, "tab title", text, hint.width(), rect.width())

    for area in root.findChildren(QScrollArea):
        if area.isVisible() and area.window() is root and area.horizontalScrollBar().maximum() > 0:
            found.append(f"{where(area)} scrolls sideways")

    for view in root.findChildren(QAbstractItemView):
        model = view.model()
        if not view.isVisible() or view.window() is not root or model is None:
            continue
        header = getattr(view, "horizontalHeader", lambda: None)()
        if header is None:
            continue
        if view.horizontalScrollBar().maximum() > 0:
            found.append(f"the table {where(view)} scrolls sideways")
        margin = header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, header)
        metrics = header.fontMetrics()
        for column in range(model.columnCount()):
            if view.isColumnHidden(column) or header.sectionSize(column) == 0:
                continue
            room = header.sectionSize(column) - 2 * margin
            if header.isSortIndicatorShown() and header.sortIndicatorSection() == column:
                room -= header.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMarkSize, None, header) + margin
            title = str(model.headerData(column, Qt.Orientation.Horizontal) or "")
            tip = model.headerData(column, Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole)
            for line in title.splitlines():
                if metrics.horizontalAdvance(line) > room and not tip:
                    cut(view, "header", line, metrics.horizontalAdvance(line), room)
            if view.isColumnHidden(column) or getattr(view, "wordWrap", lambda: False)():
                continue
            cell_metrics = view.fontMetrics()
            focus_margin = view.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin)
            cell_room = view.columnWidth(column) - 2 * (focus_margin + 1)
            for row in range(min(model.rowCount(), 30)):
                index = model.index(row, column)
                text = model.data(index)
                if not isinstance(text, str) or not text:
                    continue
                need = cell_metrics.horizontalAdvance(text.splitlines()[0])
                icon = model.data(index, Qt.ItemDataRole.DecorationRole)
                if icon is not None:
                    need += view.iconSize().width() or 16
                if need > cell_room and not model.data(index, Qt.ItemDataRole.ToolTipRole):
                    found.append(
                        f"cell of column “{title}” in {where(view)} “{text}” needs {need} px, has {cell_room} "
                        "(elided, without a tooltip)"
                    )
                    break
    return found


def check(width: int, height: int, languages: list[str]) -> dict[str, list]:
    """In this process, whose screen has the size asked for: the places visited ([language, place]) and
    the misfits of every place."""
    from PySide6.QtWidgets import QApplication, QMainWindow

    sys.path.insert(0, str(ROOT / "packaging"))
    import screenshots

    app = QApplication.instance() or QApplication(sys.argv[:1])
    screenshots.quiet_qt()
    screen = app.primaryScreen().availableGeometry()
    assert (screen.width(), screen.height()) == (width, height), "the fake screen did not take"
    found: list[dict] = []
    visited: list[list[str]] = []
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        for language in languages:
            start: list[object] = []

            def visit(place: str, widget, language=language, start=start) -> None:
                visited.append([language, place])
                problems = misfits(widget, screen)
                if isinstance(widget, QMainWindow):
                    if not start and widget.width() < 0.9 * screen.width():
                        problems.append(f"the window opens {widget.width()} px wide on a {screen.width()} px screen")
                    start.append(start[0] if start else widget.size())
                    if widget.size() != start[0]:
                        problems.append(
                            f"the window grew from {start[0].width()}×{start[0].height()} "
                            f"to {widget.width()}×{widget.height()}"
                        )
                        widget.resize(start[0])
                for problem in problems:
                    found.append(
                        {"language": language, "place": place, "widget": type(widget).__name__, "what": problem}
                    )

            screenshots.walk(Path(folder), language, visit)
    return {"visited": visited, "found": found}


def run_check(width: int, height: int, tmp_path: Path, scale: int = 1) -> dict[str, list]:
    screenshots = _screenshots_module()
    env = screenshots.environment(tmp_path, width, height, scale)
    done = subprocess.run(
        [sys.executable, __file__, str(width), str(height), ",".join(LANGUAGES)],
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def _screenshots_module():
    from tests.conftest import load_packaging_tool

    return load_packaging_tool("screenshots")


def describe(problem: dict, width: int, height: int, scale: int) -> str:
    size = f"{width}×{height}" + (f" at {scale * 100}%" if scale != 1 else "")
    return f"[{problem['language']}] {size}, {problem['place']} ({problem['widget']}): {problem['what']}"


# Every place the walk must reach in every language: a place not reached is a place not checked.
PLACES = {f"tab-{name}" for name in TABS} | {"suggestions", "end-pair", "plan", "meeting-new", "programme-new"}


@pytest.mark.parametrize(
    ("width", "height", "scale"),
    [(w, h, 1) for w, h in SIZES] + [(*SIZES[1], 2)],
    ids=[f"{w}x{h}" for w, h in SIZES] + [f"{SIZES[1][0]}x{SIZES[1][1]}@200%"],
)
def test_every_tab_and_dialog_fits_the_screen(width, height, scale, tmp_path) -> None:
    """At 100% on both laptop screens, and at 200% scaling (twice the pixels, the same room in points)."""
    result = run_check(width, height, tmp_path, scale)
    visited = {tuple(place) for place in result["visited"]}
    assert {(language, place) for language in LANGUAGES for place in PLACES} <= visited
    found = [describe(p, width, height, scale) for p in result["found"]]
    assert not found, f"{len(found)} places do not fit:\n" + "\n".join(found)


def test_the_rule_sees_a_cut_label_and_a_window_too_large(qtbot) -> None:
    from PySide6.QtCore import QRect
    from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    label = QLabel("Structured: goals are recorded and evaluated")
    label.setObjectName("cut")
    layout.addWidget(label)
    window.show()
    label.setFixedWidth(60)
    window.resize(100, 50)
    found = misfits(window, QRect(0, 0, 1366, 768))
    assert any("“Structured: goals are recorded and evaluated”" in f and "cut" in f for f in found)
    label.setWordWrap(True)
    assert not misfits(window, QRect(0, 0, 1366, 768))
    window.setMinimumSize(1400, 50)
    assert any("larger than the screen" in f for f in misfits(window, QRect(0, 0, 1366, 768)))


if __name__ == "__main__":  # the subprocess of run_check(): one screen size, every language
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    print(json.dumps(check(int(sys.argv[1]), int(sys.argv[2]), sys.argv[3].split(","))))
