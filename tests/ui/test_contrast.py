"""The window follows the platform's palette: in a light, a dark and a high-contrast palette (set on the
application, as the platform sets it) every visible label of every tab and dialog, the error line under
a form, the Cycle tab's message and the read-only notice are painted with text that has WCAG AA contrast
(4.5:1) with what they are painted on, and no widget keeps a colour of its own that ignores the palette."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage, QPalette
from PySide6.QtWidgets import QApplication, QLabel, QWidget

from tests.conftest import load_packaging_tool
from westem_desktop.ui.palette import AA, contrast, readable

ROOT = Path(__file__).resolve().parents[2]
Role = QPalette.ColorRole


def dark() -> QPalette:
    palette = QPalette()
    for role, colour in (
        (Role.Window, "#2d2d30"),
        (Role.WindowText, "#e8e8e8"),
        (Role.Base, "#1e1e1e"),
        (Role.AlternateBase, "#262626"),
        (Role.Text, "#e8e8e8"),
        (Role.Button, "#3a3a3d"),
        (Role.ButtonText, "#e8e8e8"),
        (Role.Highlight, "#3d7ad6"),
        (Role.HighlightedText, "#ffffff"),
        (Role.ToolTipBase, "#2d2d30"),
        (Role.ToolTipText, "#e8e8e8"),
        (Role.PlaceholderText, "#a0a0a0"),
    ):
        palette.setColor(role, QColor(colour))
    return palette


def high_contrast() -> QPalette:
    """Black on white turned round, as Windows' and GNOME's high-contrast themes: white text on black,
    yellow selection."""
    palette = QPalette()
    for role in (Role.Window, Role.Base, Role.AlternateBase, Role.Button, Role.ToolTipBase):
        palette.setColor(role, QColor("#000000"))
    for role in (Role.WindowText, Role.Text, Role.ButtonText, Role.ToolTipText, Role.BrightText):
        palette.setColor(role, QColor("#ffffff"))
    palette.setColor(Role.PlaceholderText, QColor("#c0c0c0"))
    palette.setColor(Role.Highlight, QColor("#ffff00"))
    palette.setColor(Role.HighlightedText, QColor("#000000"))
    palette.setColor(Role.Link, QColor("#ffff00"))
    return palette


PALETTES = {"light": QPalette, "dark": dark, "high-contrast": high_contrast}


@pytest.fixture(params=list(PALETTES))
def palette(request, qapp) -> Iterator[QPalette]:
    """The application's palette set to light (the style's own), dark or high contrast."""
    before = qapp.palette()
    chosen = qapp.style().standardPalette() if request.param == "light" else PALETTES[request.param]()
    qapp.setPalette(chosen)
    qapp.processEvents()  # the widgets hear of it through posted events
    yield chosen
    qapp.setPalette(before)
    qapp.processEvents()


def background(widget: QWidget) -> QColor:
    """The colour ``widget`` is painted on: its own when it fills its background, else its parent's."""
    while widget is not None:
        if widget.autoFillBackground() or widget.isWindow():
            return widget.palette().color(widget.backgroundRole())
        widget = widget.parentWidget()
    return QApplication.palette().color(Role.Window)


def text_colour(label: QLabel) -> QColor:
    return label.palette().color(label.foregroundRole())


def unreadable(root: QWidget) -> list[str]:
    """The visible, enabled labels of ``root`` whose text has less than AA contrast with their background."""
    found = []
    for label in root.findChildren(QLabel):
        if not label.isVisible() or not label.isEnabled() or not label.text() or label.window() is not root:
            continue
        ratio = contrast(text_colour(label), background(label))
        if ratio < AA:
            found.append(f"{label.objectName() or label.text()[:40]!r}: {ratio:.2f}")
    return found


COLOUR_RULE = re.compile(r"(^|[;{\s])(color|background|background-color|border[-a-z]*)\s*:", re.IGNORECASE)


def own_colours(root: QWidget) -> list[str]:
    """Widgets under ``root`` whose style sheet sets a colour (which no palette change reaches)."""
    widgets = [root, *root.findChildren(QWidget)]
    coloured = [w for w in widgets if COLOUR_RULE.search(w.styleSheet())]
    return [f"{type(w).__name__} {w.objectName()!r}: {w.styleSheet()}" for w in coloured]


def test_every_tab_and_dialog_reads_in_the_palette(palette, qapp, tmp_path) -> None:
    screenshots = load_packaging_tool("screenshots")
    problems: list[str] = []
    places: list[str] = []

    def visit(place: str, widget) -> None:
        places.append(place)
        problems.extend(f"{place}: {p}" for p in unreadable(widget) + own_colours(widget))

    screenshots.walk(tmp_path, "en", visit)
    assert "tab-cycle" in places and "participant-new" in places
    assert not qapp.styleSheet()
    assert not problems, "\n".join(problems)


def test_the_error_line_reads_and_follows_a_change_of_palette(palette, qapp, qtbot) -> None:
    from westem_desktop.ui.widgets.forms import error_label

    form = QWidget()
    qtbot.addWidget(form)
    line = error_label(form)
    line.setText("The programme needs a name.")
    line.show()
    form.show()
    window = palette.color(Role.Window)
    assert contrast(text_colour(line), window) >= AA
    # Red where red reads (not the plain text colour), so the line still looks like an error.
    assert text_colour(line) != palette.color(Role.WindowText)
    assert text_colour(line).hue() in range(330, 360) or text_colour(line).hue() in range(0, 15)
    painted = drawn_colours(line)
    assert any(contrast(colour, window) >= AA and colour.hue() >= 330 for colour in painted), painted
    # The palette changes while the form is open: the line follows.
    qapp.setPalette(high_contrast() if palette.color(Role.Window).lightness() > 128 else qapp.style().standardPalette())
    qapp.processEvents()
    assert contrast(text_colour(line), qapp.palette().color(Role.Window)) >= AA


def drawn_colours(widget: QWidget) -> list[QColor]:
    """The colours of the pixels of ``widget`` as painted."""
    image = widget.grab().toImage().convertToFormat(QImage.Format.Format_RGB32)
    seen = {image.pixel(x, y) for x in range(image.width()) for y in range(image.height())}
    return [QColor.fromRgb(pixel) for pixel in seen]


def test_the_cycle_message_and_the_read_only_notice_read(palette, window, qapp) -> None:
    window.db.read_only = True
    window._show_read_only()  # as when a read-only file is opened from the File menu
    qapp.processEvents()
    notice = window.read_only_label
    assert notice.isVisible() and "read-only" in notice.text()
    assert contrast(text_colour(notice), background(notice)) >= AA
    assert background(notice) != palette.color(Role.Window)  # it stands out from the window
    window.tabs.setCurrentIndex(2)
    cycle = window.pages[2]
    cycle.came_to_front()
    message = cycle.detail.message
    message.setText("The pair is no longer active.")
    assert contrast(text_colour(message), background(message)) >= AA
    assert not unreadable(window)
    assert not own_colours(window)


@pytest.mark.parametrize("background_colour", ["#ffffff", "#efefef", "#2d2d30", "#000000", "#0000ff"])
def test_readable_finds_a_colour_with_aa_contrast(background_colour) -> None:
    red = QColor("#b00020")
    found = readable(red, QColor(background_colour))
    assert contrast(found, QColor(background_colour)) >= AA
    if contrast(red, QColor(background_colour)) >= AA:
        assert found == red  # a colour that reads is kept as it is


def test_contrast_is_wcags() -> None:
    assert contrast(QColor("#000000"), QColor("#ffffff")) == pytest.approx(21)
    assert contrast(QColor("#777777"), QColor("#ffffff")) == pytest.approx(4.48, abs=0.01)
    assert contrast(QColor("#b00020"), QColor("#ffffff")) > AA


HARD_CODED = re.compile(
    r"#[0-9a-fA-F]{3,8}\b|QColor\(|Qt\.(red|green|blue|yellow|black|white|gray)\b|setPointSize|setPixelSize|font-size"
)


def test_no_colour_or_font_size_is_written_into_the_interface() -> None:
    """Colours come from the palette (through ui/palette.py) and sizes from the application's font."""
    found = []
    for path in sorted((ROOT / "westem_desktop" / "ui").rglob("*.py")):
        if path.name in ("palette.py", "heading.py"):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            code = line.split("  # ")[0]
            if HARD_CODED.search(code):
                found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not found, "\n".join(found)
