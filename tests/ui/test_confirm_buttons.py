"""A dialog that does something says what on its confirm button ("End the pair", "Apply the plan"): no
dialog of the application confirms with a bare OK, in any language."""

from __future__ import annotations

import re

import pytest
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel

from tests.conftest import load_packaging_tool

# The confirm button of each dialog, as shown in each language (the glossary's verbs).
VERBS = {
    "end-pair": {"en": "End the pair", "sv": "Upplös paret", "nb": "Oppløs paret", "nl": "Koppel beëindigen"},
    "plan": {"en": "Apply the plan", "sv": "Tillämpa planen", "nb": "Bruk planen", "nl": "Plan toepassen"},
    "restore-backup": {
        "en": "Restore the backup",
        "sv": "Återställ säkerhetskopian",
        "nb": "Gjenopprett sikkerhetskopien",
        "nl": "Reservekopie terugzetten",
    },
    "reenrol": {"en": "Re-enrol", "sv": "Skriv in på nytt", "nb": "Meld på igjen", "nl": "Opnieuw inschrijven"},
    "first-contact": {"en": "Save", "sv": "Spara", "nb": "Lagre", "nl": "Opslaan"},
}


def shown(text: str) -> str:
    return re.sub(r"&(.)", r"\1", text)


@pytest.mark.parametrize("language", ["en", "sv", "nb", "nl"])
def test_no_dialog_confirms_with_a_bare_ok(qapp, tmp_path, language) -> None:
    screenshots = load_packaging_tool("screenshots")
    confirms: dict[str, list[str]] = {}

    lines: dict[str, int] = {}

    def visit(place: str, widget) -> None:
        if not isinstance(widget, QDialog):
            return
        if place in ("reenrol", "first-contact"):  # the question over two lines at most, not a column of words
            question = next(label for label in widget.findChildren(QLabel) if label.wordWrap())
            lines[place] = question.height() // question.fontMetrics().lineSpacing()
        for box in widget.findChildren(QDialogButtonBox):
            for button in box.buttons():
                if box.buttonRole(button) in (
                    QDialogButtonBox.ButtonRole.AcceptRole,
                    QDialogButtonBox.ButtonRole.YesRole,
                ):
                    confirms.setdefault(place, []).append(shown(button.text()))

    try:
        screenshots.walk(tmp_path, language, visit)
    finally:
        from westem_desktop.ui.language import LanguageSwitcher

        LanguageSwitcher(qapp).apply("en")
    assert not [place for place, texts in confirms.items() if "OK" in texts], confirms  # Qt's OK in every language
    for place, verbs in VERBS.items():
        assert confirms[place] == [verbs[language]], place
    assert set(lines) == {"reenrol", "first-contact"}
    assert max(lines.values()) <= 2, lines
