"""Walking a window's Tab chain the way a keyboard user does (shared by the focus tests).

``tab_cycle`` presses the real Tab key on the focused widget, again and again, until the focus comes back
to where it started; ``reading_order_jumps`` tells where that order goes against the order a reader's eye
takes (top to bottom in a column, left to right in a row).
"""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDateTimeEdit, QMenu, QWidget


def tab_stops(root: QWidget) -> list[QWidget]:
    """The widgets of ``root``'s window that Tab can reach as it stands: visible, enabled, taking focus
    by Tab, and not handing their focus to another widget (a focus proxy)."""
    found = []
    for widget in [root, *root.findChildren(QWidget)]:
        if (
            widget.window() is root.window()
            and not isinstance(widget, QMenu)
            and widget.isVisibleTo(root)
            and widget.isEnabled()
            and widget.focusPolicy() & Qt.FocusPolicy.TabFocus == Qt.FocusPolicy.TabFocus
            and widget.focusProxy() is None
        ):
            found.append(widget)
    return found


def settle(dialog: QWidget, seconds: float = 20) -> None:
    """Wait until ``dialog`` has done what it works out in the background (the suggestions), so that
    its controls stand still while Tab walks them."""
    import time

    computing = getattr(dialog, "computing", None)
    deadline = time.monotonic() + seconds
    while callable(computing) and computing() and time.monotonic() < deadline:
        QApplication.processEvents()
        time.sleep(0.01)
    QApplication.processEvents()


def first_stop(root: QWidget) -> QWidget | None:
    """Where Tab starts in ``root``: the first tab stop in its focus chain (where Qt puts the first focus)."""
    stops = set(tab_stops(root))
    widget = root.nextInFocusChain()
    while widget is not root:
        if widget in stops:
            return widget
        widget = widget.nextInFocusChain()
    return None


def focus(widget: QWidget) -> None:
    """Give ``widget`` the keyboard focus as Tab would (its window activated first)."""
    window = widget.window()
    window.activateWindow()
    QApplication.processEvents()
    widget.setFocus(Qt.FocusReason.TabFocusReason)
    QApplication.processEvents()


def press(key: Qt.Key) -> QWidget | None:
    """Press ``key`` (Tab or Backtab) on the focused widget; the widget that has the focus afterwards."""
    current = QApplication.focusWidget()
    modifier = Qt.KeyboardModifier.ShiftModifier if key == Qt.Key.Key_Backtab else Qt.KeyboardModifier.NoModifier
    QTest.keyClick(current, key, modifier)
    if modifier != Qt.KeyboardModifier.NoModifier:  # else Qt goes on believing Shift is held
        QTest.keyRelease(QApplication.focusWidget() or current, Qt.Key.Key_Shift)
    QApplication.processEvents()
    return QApplication.focusWidget()


def tab_cycle(start: QWidget, limit: int, key: Qt.Key = Qt.Key.Key_Tab) -> tuple[list[QWidget], str]:
    """Press ``key`` from ``start`` until the focus is back on it. Returns the widgets focused in turn
    (``start`` first) and, when the walk is not a cycle, what went wrong."""
    focus(start)
    if QApplication.focusWidget() is not start:
        return [start], f"{name(start)} cannot take the focus"
    order = [start]
    stays = 0  # a date's Tab goes from day to month to year before it leaves the field (Qt's way)
    for _ in range(limit):
        before = QApplication.focusWidget()
        after = press(key)
        stays = stays + 1 if after is before else 0
        if after is before and isinstance(before, QDateTimeEdit) and stays < before.sectionCount():
            continue
        if after is None:
            return order, f"{'Tab' if key == Qt.Key.Key_Tab else 'Shift+Tab'} on {name(before)} leaves no focus"
        if after is before:
            return order, f"{'Tab' if key == Qt.Key.Key_Tab else 'Shift+Tab'} does not leave {name(before)}"
        if after is start:
            return order, ""
        if after in order:
            return order, f"the chain comes back to {name(after)} without passing {name(start)}"
        order.append(after)
    return order, f"no cycle within {limit} presses"


def rect_in(widget: QWidget, root: QWidget) -> QRect:
    return QRect(widget.mapTo(root, QPoint(0, 0)), widget.size())


def reading_order_jumps(order: list[QWidget], root: QWidget) -> list[str]:
    """Pairs of ``order`` against reading order: a widget wholly above an earlier one whose column it
    shares, or wholly left of an earlier one in the same row."""
    rects = [rect_in(widget, root) for widget in order]
    found = []
    for i, (early, a) in enumerate(zip(order, rects, strict=True)):
        for late, b in zip(order[i + 1 :], rects[i + 1 :], strict=True):
            columns = b.left() < a.right() and a.left() < b.right()
            rows = b.top() < a.bottom() and a.top() < b.bottom()
            if columns and b.bottom() < a.top():
                found.append(f"{name(late)} comes after {name(early)} but stands above it")
            elif rows and b.right() < a.left():
                found.append(f"{name(late)} comes after {name(early)} but stands left of it")
    return found


def name(widget: QWidget | None) -> str:
    if widget is None:
        return "nothing"
    text = ""
    for attribute in ("text", "accessibleName", "placeholderText", "toolTip"):
        value = getattr(widget, attribute, None)
        text = value() if callable(value) else ""
        if isinstance(text, str) and text.strip():
            break
    label = f" “{text.strip()[:40]}”" if isinstance(text, str) and text.strip() else ""
    return f"{type(widget).__name__} {widget.objectName() or ''}{label}".replace("  ", " ")
