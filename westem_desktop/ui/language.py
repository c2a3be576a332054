"""Switching the interface language of the running application.

``LanguageSwitcher.apply`` installs the gettext catalogue, then swaps two QTranslators: our own Qt
message file (``westem_desktop/i18n/qt_messages.py``: Qt's standard texts from our catalogues; the only
source of Norwegian Bokmål, for which Qt ships nothing and ``nn`` would be Nynorsk), and Qt's
``qtbase_xx.qm`` as a fallback for the standard texts we do not list. Installing or removing a
translator makes Qt post a LanguageChange event to every widget, which Qt's own widgets follow. Ours
are then told directly (``retranslate_widgets``): a ``changeEvent`` written in Python would be called
for every change event of every widget, and the first call loads PySide's event classes, some 5 ms of
start-up.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtWidgets import QApplication, QWidget

from westem_desktop import i18n
from westem_desktop.i18n.qt_messages import qm_file

QTBASE_LANGUAGES = {"sv": "sv", "nl": "nl"}
QT_LOCALES = {"en": "en_GB", "sv": "sv_SE", "nb": "nb_NO", "nl": "nl_NL"}
LANGUAGE_CHANGE = 89
"""``QEvent.Type.LanguageChange``, written out: the enum would load PySide's event classes at start-up."""


class LanguageSwitcher:
    """Owns the installed translators of the application."""

    def __init__(self, app: QCoreApplication) -> None:
        self._app = app
        self._translators: list[QTranslator] = []

    def apply(self, language: str) -> str:
        code = i18n.set_language(language)
        QLocale.setDefault(QLocale(QT_LOCALES[code]))
        changed = bool(self._translators)
        for translator in self._translators:
            self._app.removeTranslator(translator)
        self._translators = []
        qtbase = QTBASE_LANGUAGES.get(code)
        if qtbase:
            from PySide6.QtCore import QLibraryInfo  # not for en and nb: start-up time

            base = QTranslator(self._app)
            path = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            if base.load(f"qtbase_{qtbase}", path):
                self._translators.append(base)
        ours = qm_file(code)
        if ours is not None:
            translator = QTranslator(self._app)
            if translator.load(str(ours)):
                self._translators.append(translator)
        # The translator installed last is asked first: ours before qtbase.
        for translator in self._translators:
            self._app.installTranslator(translator)
        if changed or self._translators:
            # Qt posts the event to each widget; deliver it now, so that all is retranslated on return.
            QCoreApplication.sendPostedEvents(None, LANGUAGE_CHANGE)
        retranslate_widgets()
        return code


def retranslate_widgets() -> None:
    """Ask each of our widgets to re-set its texts: every widget with a ``language_changed()`` method,
    window by window, each parent before its children (a dialog with a parent comes with its parent)."""
    for window in QApplication.topLevelWidgets():
        # isValid: a widget may replace its children as it follows (the Agreements tab rebuilds its editor).
        if not shiboken6.isValid(window) or window.parentWidget() is not None:
            continue
        for widget in (window, *window.findChildren(QWidget)):
            if shiboken6.isValid(widget) and hasattr(widget, "language_changed"):
                widget.language_changed()
