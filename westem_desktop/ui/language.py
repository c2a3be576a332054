"""Switching the interface language of the running application.

``apply_language`` installs the gettext catalogue, then swaps two QTranslators: one that answers Qt's
own ``tr()`` calls from our catalogues (context ``qt:<Qt context>``; the only source of Norwegian
Bokmål, for which Qt ships nothing and ``nn`` would be Nynorsk), and Qt's ``qtbase_xx.qm`` as a
fallback for the standard texts we do not list. Installing or removing a translator makes Qt send
``QEvent.LanguageChange`` to every widget; each widget re-sets its texts in ``retranslate()``.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QLibraryInfo, QLocale, QTranslator

from westem_desktop import i18n

QT_CONTEXT_PREFIX = "qt:"
QTBASE_LANGUAGES = {"sv": "sv", "nl": "nl"}
QT_LOCALES = {"en": "en_GB", "sv": "sv_SE", "nb": "nb_NO", "nl": "nl_NL"}


class CatalogueTranslator(QTranslator):
    """Answers Qt's ``tr()`` from the gettext catalogue of the current language."""

    def __init__(self, language: str) -> None:
        super().__init__()
        self._catalogue = i18n.catalogue(language)

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:
        translated = self._catalogue.pgettext(QT_CONTEXT_PREFIX + context, source)
        # gettext answers the source itself when it has nothing; "" lets Qt ask the next translator.
        return "" if translated == source else translated

    def isEmpty(self) -> bool:
        return False


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
        if code != "en":
            self._translators.append(CatalogueTranslator(code))
        # The translator installed last is asked first: ours before qtbase.
        for translator in self._translators:
            self._app.installTranslator(translator)
        if not changed and not self._translators:
            # English to English: Qt sent no LanguageChange, but the gettext catalogue may be new.
            QCoreApplication.sendEvent(self._app, QEvent(QEvent.Type.LanguageChange))
        # Qt posts the event to each window; deliver now so that every window is retranslated on return.
        QCoreApplication.sendPostedEvents(None, QEvent.Type.LanguageChange)
        return code
