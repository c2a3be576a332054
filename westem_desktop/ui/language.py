"""Switching the interface language of the running application.

``LanguageSwitcher.apply`` installs the gettext catalogue, then swaps two QTranslators: our own Qt
message file (``westem_desktop/i18n/qt_messages.py``: Qt's standard texts from our catalogues; the only
source of Norwegian Bokmål, for which Qt ships nothing and ``nn`` would be Nynorsk), and Qt's
``qtbase_xx.qm`` as a fallback for the standard texts we do not list. Installing or removing a
translator makes Qt send ``QEvent.LanguageChange`` to every widget; each widget re-sets its texts in
``retranslate()``.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QTranslator

from westem_desktop import i18n
from westem_desktop.i18n.qt_messages import qm_file

QTBASE_LANGUAGES = {"sv": "sv", "nl": "nl"}
QT_LOCALES = {"en": "en_GB", "sv": "sv_SE", "nb": "nb_NO", "nl": "nl_NL"}


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
        if not changed and not self._translators:
            # English to English: Qt sent no LanguageChange, but the gettext catalogue may be new.
            QCoreApplication.sendEvent(self._app, QEvent(QEvent.Type.LanguageChange))
        # Qt posts the event to each window; deliver now so that every window is retranslated on return.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
        return code
