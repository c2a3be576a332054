"""``westem-desktop --self-test``: does this installation work? For a frozen build, a wheel, a checkout.

In a temporary folder (the coordinator's own data is never touched) it creates a database through the
Alembic migrations, the demo programme, prints an agreement and a certificate in each language, reads
them back with QtPdf, finds the four languages' catalogues and Qt's standard texts, and opens the main
window offscreen. Each step prints one line; the exit code is 0 when every step passed, else 1.
"""

from __future__ import annotations

import os
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path

from westem_desktop import APP_NAME, __version__
from westem_desktop.i18n import N_, _, ngettext

Step = Callable[[Path], str]


def _database(folder: Path) -> str:
    from westem_desktop.core import migrations
    from westem_desktop.core.db import open_database, read_revision
    from westem_desktop.core.demo import create_demo

    path = folder / "self-test.sqlite"
    with open_database(path) as db, db.session() as session:
        programme = create_demo(session, participants=40, seed=7)
        people = len(programme.participants)
    revision = read_revision(path)
    if revision != migrations.HEAD:
        raise AssertionError(
            _("schema revision {revision}, expected {head}").format(revision=revision, head=migrations.HEAD)
        )
    return ngettext(
        "database at revision {revision}, demo programme with {n} participant",
        "database at revision {revision}, demo programme with {n} participants",
        people,
    ).format(revision=revision, n=people)


def _pdf_pages(data: bytes) -> int:
    """Pages of a PDF as QtPdf (the preview) reads it."""
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice
    from PySide6.QtPdf import QPdfDocument

    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    document = QPdfDocument()
    document.load(buffer)
    if document.status() != QPdfDocument.Status.Ready:
        raise AssertionError(_("QtPdf could not read the document: {error}").format(error=document.error().name))
    return document.pageCount()


def _documents(folder: Path) -> str:
    from sqlalchemy import select

    from westem_desktop.core import agreements
    from westem_desktop.core.db import open_database
    from westem_desktop.core.models import Agreement, Match
    from westem_desktop.documents.agreement import write_agreement
    from westem_desktop.documents.certificate import write_certificates
    from westem_desktop.i18n import LANGUAGES

    written = []
    with open_database(folder / "self-test.sqlite") as db, db.session() as session:
        with_agreement = session.scalar(select(Agreement.match_id).limit(1))
        closed = agreements.closed_pairs(session, session.scalar(select(Match.programme_id).limit(1)))
        if with_agreement is None or not closed:
            raise AssertionError(_("the demo programme has no agreement or no closed pair"))
        for language in LANGUAGES:
            agreement = folder / f"agreement-{language}.pdf"
            write_agreement(agreements.agreement_document(session, with_agreement), language, agreement)
            certificate = folder / f"certificate-{language}.pdf"
            write_certificates(agreements.certificate_documents(session, closed[:1], language), language, certificate)
            written += [agreement, certificate]
    pages = 0
    for path in written:
        data = path.read_bytes()
        if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-64:]:
            raise AssertionError(_("{file} is not a whole PDF file").format(file=path.name))
        if b"DejaVuSans" not in data:
            raise AssertionError(_("{file} does not embed the DejaVu Sans font").format(file=path.name))
        pages += _pdf_pages(data)
    return _("{documents} (agreement and certificate in four languages), {pages} read back").format(
        documents=ngettext("{n} document", "{n} documents", len(written)).format(n=len(written)),
        pages=ngettext("{n} page", "{n} pages", pages).format(n=pages),
    )


def _translations(folder: Path) -> str:
    from westem_desktop.i18n import LANGUAGES, translate_in
    from westem_desktop.i18n.qt_messages import qm_file

    for language in LANGUAGES:
        if language != "en" and translate_in(language, "Participants") == "Participants":
            raise AssertionError(_("no catalogue for {language}").format(language=language))
        if language != "en" and qm_file(language) is None:
            raise AssertionError(_("no Qt message file for {language}").format(language=language))
    return _("catalogues and Qt's standard texts for {languages}").format(languages=", ".join(LANGUAGES))


def _window(folder: Path) -> str:
    from PySide6.QtCore import qInstallMessageHandler

    from westem_desktop.core.db import open_database
    from westem_desktop.core.settings import Settings
    from westem_desktop.ui.app import create_application
    from westem_desktop.ui.language import LanguageSwitcher
    from westem_desktop.ui.main_window import MainWindow

    # The offscreen platform says it cannot resize windows to their size hints: true, and harmless here.
    previous = qInstallMessageHandler(
        lambda kind, context, text: None if "propagateSizeHints" in text else print(text, file=sys.stderr)
    )
    app = create_application()
    switcher = LanguageSwitcher(app)
    switcher.apply("nb")
    database = open_database(folder / "self-test.sqlite")
    window = MainWindow(database, Settings(folder / "settings.json"))
    try:
        window.show()
        app.processEvents()
        titles = [window.tabs.tabText(i) for i in range(window.tabs.count())]
        if titles[0] != "Deltakere" or len(titles) != 5:
            raise AssertionError(_("the window’s tabs are {titles}").format(titles=", ".join(titles)))
        for index in range(window.tabs.count()):  # each tab is built when first shown
            window.tabs.setCurrentIndex(index)
            app.processEvents()
    finally:
        window.close()
        database.close()
        switcher.apply("en")
        qInstallMessageHandler(previous)
    return _("the main window with its five tabs ({titles})").format(titles=", ".join(titles))


STEPS: tuple[tuple[str, Step], ...] = (
    (N_("database"), _database),
    (N_("documents"), _documents),
    (N_("translations"), _translations),
    (N_("window"), _window),
)


def run_self_test() -> int:
    print(_("{name} {version}: self-test").format(name=APP_NAME, version=__version__))
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    failed = 0
    with tempfile.TemporaryDirectory(prefix="westem-self-test-") as tmp:
        folder = Path(tmp)
        for kind in ("DATA", "CONFIG", "CACHE"):  # never the coordinator's own folders
            os.environ[f"WESTEM_DESKTOP_{kind}_DIR"] = str(folder / kind.lower())
        for name, step in STEPS:
            try:
                print(_("passed  {step}: {result}").format(step=_(name), result=step(folder)), flush=True)
            except Exception as exc:  # every failure is reported, and the next steps still run
                failed += 1
                print(_("FAILED  {step}: {reason}").format(step=_(name), reason=exc), flush=True)
                traceback.print_exc(file=sys.stderr)
    if failed:
        print(
            ngettext(
                "The self-test failed: {n} of {total} step.", "The self-test failed: {n} of {total} steps.", len(STEPS)
            ).format(n=failed, total=len(STEPS))
        )
    else:
        print(_("The self-test passed."))
    return 0 if not failed else 1
