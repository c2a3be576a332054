"""Switching the interface language of the running application.

``LanguageSwitcher.apply`` installs the gettext catalogue, then swaps two QTranslators: our own Qt
message file (``westem_desktop/i18n/qt_messages.py``: Qt's standard texts from our catalogues; the only
source of Norwegian Bokmål, for which Qt ships nothing and ``nn`` would be Nynorsk), and Qt's
``qtbase_xx.qm`` as a fallback for the standard texts we do not list. Installing or removing a
translator makes Qt post a LanguageChange event to every widget, which Qt's own widgets follow.

Our widgets follow by registration, as Frescobaldi's ``translateUI`` does: a widget that shows our
texts calls ``register(self)`` once, which calls its ``translate_ui()`` at once and again after every
switch (one ``languageChanged`` signal; a destroyed widget is disconnected by Qt). A widget may pass
its own slot for the switch instead: the main window's tabs (``ui/tabs/base.py``) retranslate at once
only when in front and put it off until they come to the front otherwise, so that a switch costs one
tab's texts, not every tab's, and reads nothing from the database.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QCoreApplication, QLocale, QObject, QTranslator, Signal

from westem_desktop import i18n
from westem_desktop.i18n.qt_messages import qm_file

QTBASE_LANGUAGES = {"sv": "sv", "nl": "nl"}
QT_LOCALES = {"en": "en_GB", "sv": "sv_SE", "nb": "nb_NO", "nl": "nl_NL"}
LANGUAGE_CHANGE = 89
"""``QEvent.Type.LanguageChange`` (start path: see the README)."""


class Translatable(Protocol):
    def translate_ui(self) -> None: ...


class _Notifier(QObject):
    languageChanged = Signal()


_notifier: _Notifier | None = None


def notifier() -> _Notifier:
    """The one object whose ``languageChanged`` follows every switch."""
    global _notifier
    if _notifier is None:
        _notifier = _Notifier()
    return _notifier


def register(widget: Translatable, on_switch: Callable[[], None] | None = None) -> None:
    """Set ``widget``'s texts now (``translate_ui()``) and call ``on_switch`` (by default
    ``translate_ui``) after every language switch."""
    notifier().languageChanged.connect(on_switch or widget.translate_ui)
    widget.translate_ui()


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
            from PySide6.QtCore import QLibraryInfo  # not for en and nb (start path)

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
        notifier().languageChanged.emit()
        return code
