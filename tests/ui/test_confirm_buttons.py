"""A dialog that does something says what on its confirm button ("End the pair", "Apply the plan"): no
dialog of the application confirms with a bare OK, in any language.

The dialogs are opened by the walk of ``packaging/screenshots.py``, in a subprocess of their own (the
walk switches the application's language and replaces ``exec()``; the rest of the suite keeps its own)."""

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
QUESTIONS = ("reenrol", "first-contact")
"""Date prompts whose question must wrap over two lines at most, not a narrow column of words."""


def confirms(languages: list[str]) -> dict[str, dict]:
    """In this process: per language, each dialog's confirm buttons as shown, and the lines of the date
    prompts' questions."""
    from PySide6.QtWidgets import QApplication, QDialog, QDialogButtonBox, QLabel

    sys.path.insert(0, str(ROOT / "packaging"))
    import tempfile

    import screenshots

    QApplication.instance() or QApplication(sys.argv[:1])
    screenshots.quiet_qt()
    found: dict[str, dict] = {}
    accepting = (QDialogButtonBox.ButtonRole.AcceptRole, QDialogButtonBox.ButtonRole.YesRole)
    with tempfile.TemporaryDirectory() as folder:
        for language in languages:
            buttons: dict[str, list[str]] = {}
            lines: dict[str, int] = {}

            def visit(place: str, widget, buttons=buttons, lines=lines) -> None:
                if not isinstance(widget, QDialog):
                    return
                if place in QUESTIONS:
                    question = next(label for label in widget.findChildren(QLabel) if label.wordWrap())
                    lines[place] = question.height() // question.fontMetrics().lineSpacing()
                for box in widget.findChildren(QDialogButtonBox):
                    for button in box.buttons():
                        if box.buttonRole(button) in accepting:
                            buttons.setdefault(place, []).append(re.sub(r"&(.)", r"\1", button.text()))

            screenshots.walk(Path(folder), language, visit)
            found[language] = {"buttons": buttons, "lines": lines}
    return found


@pytest.fixture(scope="module")
def shown(tmp_path_factory) -> dict[str, dict]:
    from tests.conftest import load_packaging_tool

    folder = tmp_path_factory.mktemp("confirm")
    env = load_packaging_tool("screenshots").environment(folder, 1280, 720)
    done = subprocess.run(
        [sys.executable, __file__, ",".join(LANGUAGES)],
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_dialog_confirms_with_a_bare_ok(shown, language) -> None:
    buttons = shown[language]["buttons"]
    assert not [place for place, texts in buttons.items() if "OK" in texts], buttons  # Qt's OK in every language
    for place, verbs in VERBS.items():
        assert buttons[place] == [verbs[language]], place


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_date_prompts_question_takes_two_lines_at_most(shown, language) -> None:
    lines = shown[language]["lines"]
    assert set(lines) == set(QUESTIONS)
    assert max(lines.values()) <= 2, lines


if __name__ == "__main__":  # the subprocess of shown(): every language
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    print(json.dumps(confirms(sys.argv[1].split(","))))
