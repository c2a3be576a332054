"""The main window as the coordinator sees it: tabs, menus, programmes, language, remembered size."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QAbstractButton, QDialogButtonBox, QLabel, QLineEdit, QMenu

from westem_desktop.core import programmes
from westem_desktop.core.programmes import ProgrammeSettings
from westem_desktop.ui.dialogs.programme_dialog import ProgrammeDialog

ENGLISH_TABS = ["Participants", "Matches", "Cycle", "Agreements", "Evaluations"]
EXPECTED_TABS = {
    "sv": ["Deltagare", "Matchningar", "Cykel", "Avtal", "Utvärderingar"],
    "nb": ["Deltakere", "Matching", "Syklus", "Avtaler", "Evalueringer"],
    "nl": ["Deelnemers", "Koppelingen", "Cyclus", "Overeenkomsten", "Evaluaties"],
}
# Words that are the same in English and the other language (checked by hand, not English leftovers).
SAME_IN_BOTH = {"Mentor", "English", "Svenska", "Norsk bokmål", "Nederlands", "WESTEM Desktop"}
SAME_IN = {"sv": set(), "nb": {"Database: test.sqlite"}, "nl": {"&Help", "Database: test.sqlite"}}


def visible_texts(window) -> dict[str, str]:
    """Every text of the window a coordinator can read, keyed by where it stands."""
    texts = {f"tab{i}": window.tabs.tabText(i) for i in range(window.tabs.count())}
    texts["title"] = window.windowTitle()
    for menu in window.menuBar().findChildren(QMenu):
        if menu.title():
            texts[f"menu:{menu.objectName()}"] = menu.title()
        for action in menu.actions():
            if action.text() and not action.isSeparator() and action.menu() is None:
                texts[f"action:{action.objectName() or action.text()}"] = action.text()
    for label in window.findChildren(QLabel):
        if label.text() and label.isVisibleTo(window):
            texts[f"label:{label.objectName()}:{id(label)}"] = label.text()
    for button in window.findChildren(QAbstractButton):
        if button.text() and button.isVisibleTo(window):
            texts[f"button:{button.objectName()}:{id(button)}"] = button.text()
    return texts


def test_window_opens_with_five_tabs(make_window) -> None:
    window = make_window()
    window.show()
    assert [window.tabs.tabText(i) for i in range(window.tabs.count())] == ENGLISH_TABS
    assert [m.title() for m in (window.menu_file, window.menu_programme, window.menu_language, window.menu_help)] == [
        "&File",
        "&Programme",
        "&Language",
        "&Help",
    ]


def test_empty_database_tells_the_coordinator_to_create_a_programme(make_window) -> None:
    window = make_window()
    window.show()
    for page in window.pages:
        assert page.stack.currentWidget() is page.empty
        assert page.empty.heading.text() == "No programme yet"
        assert page.empty.button.isVisibleTo(page) and page.empty.button.text() == "New programme…"


def test_each_tab_says_what_to_do_first_in_a_new_programme(make_window) -> None:
    window = make_window()
    with window.db.session() as session:
        pid = programmes.create_programme(session, ProgrammeSettings(name="ICT first-years 2026/27")).id
    window.load_programmes(pid)
    headings = [page.empty.heading.text() for page in window.pages]
    assert headings == [
        "No mentors or mentees yet",
        "Register mentors and mentees first",
        "No pairs to follow yet",
        "No pairs to write agreements for",
        "Nothing to evaluate yet",
    ]
    window.pages[1].empty.button.click()
    assert window.tabs.currentIndex() == 0
    assert window.programme_combo.currentText() == "ICT first-years 2026/27"
    assert "ICT first-years 2026/27" in window.windowTitle()


@pytest.mark.parametrize("language", ["sv", "nb", "nl"])
def test_switching_language_retitles_everything_without_english_left(make_window, switcher, qtbot, language) -> None:
    window = make_window()
    window.show()
    english = visible_texts(window)
    switcher.apply(language)
    translated = visible_texts(window)
    assert [window.tabs.tabText(i) for i in range(5)] == EXPECTED_TABS[language]
    assert translated.keys() == english.keys()
    allowed = SAME_IN_BOTH | SAME_IN[language]
    leftovers = {key: text for key, text in translated.items() if text == english[key] and text not in allowed}
    assert leftovers == {}
    assert window.language_actions[language].isChecked()
    switcher.apply("en")
    assert visible_texts(window) == english


def test_language_menu_switches_and_remembers(make_window, switcher, settings, qtbot) -> None:
    from westem_desktop.ui.app import connect_language_menu

    window = make_window()
    connect_language_menu(window, switcher, settings)
    window.language_actions["nl"].trigger()
    assert window.tabs.tabText(0) == "Deelnemers"
    assert settings.get("language") == "nl"
    assert type(settings)(settings.path).get("language") == "nl"


@pytest.mark.parametrize(
    ("language", "cancel", "copy", "undo"),
    [
        ("nb", "Avbryt", "&Kopier", "&Angre"),
        ("sv", "Avbryt", "&Kopiera", "&Ångra"),
        ("nl", "Annuleren", "&Kopiëren", "&Ongedaan maken"),
    ],
)
def test_qt_standard_texts_follow_the_language(qtbot, switcher, language, cancel, copy, undo) -> None:
    """Qt ships no Norwegian Bokmål: ours must show neither English nor Nynorsk."""
    switcher.apply(language)
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
    qtbot.addWidget(box)
    assert box.button(QDialogButtonBox.StandardButton.Cancel).text() == cancel
    edit = QLineEdit()
    qtbot.addWidget(edit)
    menu = edit.createStandardContextMenu()
    texts = [a.text().split("\t")[0] for a in menu.actions() if a.text()]
    assert copy in texts and undo in texts
    assert "&Copy" not in texts and "&Undo" not in texts
    if language == "nb":
        assert box.button(QDialogButtonBox.StandardButton.Save).text() == "Lagre"  # Nynorsk would say "Lagra"
    menu.deleteLater()


@pytest.mark.parametrize("language", ["sv", "nb", "nl"])
def test_qt_standard_texts_survive_a_long_session(switcher, language, monkeypatch) -> None:
    """Qt asks for its standard texts on every repaint. A Python QTranslator.translate override lost a
    reference to None on each such call in PySide6 6.12, and the application aborted after a while."""
    import subprocess
    import sys

    from PySide6.QtCore import QCoreApplication

    switcher.apply(language)
    before = sys.getrefcount(None)
    for _ in range(20_000):
        QCoreApplication.translate("QPlatformTheme", "Cancel")
        QCoreApplication.translate("QLineEdit", "&Copy")
    assert sys.getrefcount(None) >= before
    # The message file is made once and then read from the cache.
    monkeypatch.setattr(subprocess, "run", lambda *a, **k: pytest.fail("lrelease ran again"))
    switcher.apply("en")
    switcher.apply(language)
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") in ("Avbryt", "Annuleren")


def test_new_programme_through_the_dialog(make_window, qtbot, monkeypatch) -> None:
    window = make_window()

    def fill_and_save(dialog: ProgrammeDialog) -> int:
        dialog.name.setText("")
        dialog.accept()
        assert dialog.error.isVisibleTo(dialog)
        assert dialog.error.text() == "The programme needs a name."
        dialog.name.setText("Women in Engineering 2027")
        dialog.institution.setText("Uppsala universitet")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(ProgrammeDialog, "exec", fill_and_save)
    window.new_programme()
    assert window.programme_combo.currentText() == "Women in Engineering 2027"
    with window.db.session() as session:
        saved = programmes.find_programme(session, "Women in Engineering 2027")
        assert saved.institution == "Uppsala universitet"


def test_duplicate_programme_name_is_refused_at_the_field(make_window, monkeypatch) -> None:
    window = make_window()
    with window.db.session() as session:
        programmes.create_programme(session, ProgrammeSettings(name="Cohort A"))
    window.load_programmes()
    seen = {}

    def try_duplicate(dialog: ProgrammeDialog) -> int:
        dialog.name.setText("cohort a")
        dialog.accept()
        seen["error"] = dialog.error.text()
        seen["open"] = dialog.result() == 0
        dialog.reject()
        return dialog.result()

    monkeypatch.setattr(ProgrammeDialog, "exec", try_duplicate)
    window.new_programme()
    assert seen == {"error": "There is already a programme called “cohort a”.", "open": True}
    assert window.programme_combo.count() == 1


def test_programme_selector_switches_between_programmes(make_window) -> None:
    window = make_window()
    with window.db.session() as session:
        first = programmes.create_programme(session, ProgrammeSettings(name="Cohort A")).id
        second = programmes.create_programme(session, ProgrammeSettings(name="Cohort B")).id
    window.load_programmes(first)
    window.programme_combo.setCurrentIndex(window.programme_combo.findData(second))
    window.programme_combo.activated.emit(window.programme_combo.currentIndex())
    assert window.programme_id == second
    assert [a.text() for a in window.menu_switch.actions()] == ["Cohort A", "Cohort B"]
    window.menu_switch.actions()[0].trigger()
    assert window.programme_id == first
    assert window.settings.last_programme(window.db.path) == first


def test_window_size_and_position_are_remembered(make_window, qtbot) -> None:
    window = make_window()
    window.show()
    window.setGeometry(QRect(10, 20, 760, 540))  # the offscreen screen is 800x600
    qtbot.waitUntil(lambda: window.width() == 760)
    window.close()
    again = make_window(window.db.path.with_name("other.sqlite"))
    again.show()
    assert (again.width(), again.height()) == (760, 540)


@pytest.mark.parametrize("damaged", ["AAAA", "not base64 at all", "Fönster", ""])
def test_a_damaged_remembered_size_opens_the_window_at_its_usual_size(make_window, settings, damaged) -> None:
    settings.set("window_geometry", damaged)
    window = make_window()
    # The whole available screen when it is a laptop's or smaller (the offscreen one is 800×600), at most
    # 1440×900 on a larger one: the frame stays on it.
    available = window.screen().availableGeometry()
    assert (window.width(), window.height()) == (min(1440, available.width() - 16), min(900, available.height() - 40))
    assert available.contains(window.geometry())


def test_status_bar_counts_the_programme(make_window) -> None:
    from westem_desktop.core.demo import create_demo

    window = make_window()
    with window.db.session() as session:
        pid = create_demo(session, participants=40, seed=2).id
    window.load_programmes(pid)
    o = window.overview
    assert o.mentors > 0 and o.mentees > 0 and o.active_pairs > 0
    text = window.status_label.text()
    assert f"{o.mentors} mentors" in text and f"{o.mentees} mentees" in text
    assert f"{o.active_pairs} active pairs" in text
    assert all(page.stack.currentWidget() is page.content for page in window.pages)
    assert window.tabs.tabText(0) == "Participants"
    assert window.centralWidget() is window.tabs
    assert window.programme_combo.currentData(Qt.ItemDataRole.UserRole) == pid


def test_programme_logo_is_kept_for_the_documents(make_window, monkeypatch, tmp_path) -> None:
    from PySide6.QtGui import QColor, QImage
    from PySide6.QtWidgets import QFileDialog

    logo = tmp_path / "logo.png"
    image = QImage(120, 40, QImage.Format.Format_RGB32)
    image.fill(QColor("#3b2a6b"))
    image.save(str(logo))
    not_an_image = tmp_path / "logo.jpg"
    not_an_image.write_text("no image")
    window = make_window()

    def steps(dialog: ProgrammeDialog) -> int:
        dialog.name.setText("With logo")
        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(not_an_image), ""))
        dialog.choose_logo()
        assert dialog.error.text() == "The file is not a PNG or JPEG image."
        monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(logo), ""))
        dialog.choose_logo()
        assert dialog.logo_label.pixmap().height() == 44
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(ProgrammeDialog, "exec", steps)
    window.new_programme()
    with window.db.session() as session:
        assert programmes.find_programme(session, "With logo").logo == logo.read_bytes()


def test_the_language_change_event_number_is_qts() -> None:
    from PySide6.QtCore import QEvent

    from westem_desktop.ui.language import LANGUAGE_CHANGE

    assert QEvent.Type.LanguageChange.value == LANGUAGE_CHANGE


def test_date_fields_follow_a_language_switch(qtbot, switcher) -> None:
    from PySide6.QtCore import QDate

    from westem_desktop.ui.widgets.forms import date_edit

    switcher.apply("sv")
    edit = date_edit(None)
    qtbot.addWidget(edit)
    edit.setDate(QDate(2026, 3, 7))
    assert edit.text() == "2026-03-07"
    switcher.apply("nl")
    assert edit.text() == "07-03-2026"
    switcher.apply("nb")
    assert edit.text() == "07.03.2026"
    assert edit.calendarWidget().locale().name() == "nb_NO"  # month names in the popup


def test_a_long_session_does_not_wear_out_none(make_window, qapp) -> None:
    """PySide6 6.12.0 on Python 3.11 lost a reference to None on every call that returns nothing; the
    interpreter aborted after minutes of use. Whatever Qt binding is installed must not do that."""
    import sys

    window = make_window()
    window.show()
    qapp.processEvents()
    before = sys.getrefcount(None)
    for _ in range(300):
        window.repaint()
        window.setWindowTitle("WESTEM Desktop")
        qapp.processEvents()
    assert sys.getrefcount(None) >= before - 50  # a few references may come and go; not 900 lost


def test_the_window_opens_without_loading_what_it_does_not_need_yet(tmp_path) -> None:
    """Start-up time: the libraries of documents, storage, spreadsheets and matching, the standard
    library's network and e-mail modules, PySide's ``Qt`` namespace (16-28 ms for its 110 enums) and its
    event classes (some 5 ms) load when first used, not while the window opens."""
    import json
    import os
    import subprocess
    import sys

    from westem_desktop.core.demo import create_demo_database

    db = tmp_path / "demo.sqlite"
    create_demo_database(db, participants=60, seed=2)
    code = """
import gc, json, sys
from westem_desktop.cli import main
def ready(window):
    import PySide6.QtCore
    from PySide6.QtWidgets import QApplication
    report = {
        "modules": sorted(sys.modules),
        "qt_namespace": "Qt" in vars(PySide6.QtCore),
        "event_classes": "QEvent" in vars(PySide6.QtCore),
        "gc": gc.isenabled(),
    }
    print(json.dumps(report))
    QApplication.quit()
main(["--db", sys.argv[1], "--lang", "sv"], ready=ready)
"""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    # The first start in a checkout compiles the catalogues into the cache; the second is a usual one.
    for _start in range(2):
        out = subprocess.run(
            [sys.executable, "-c", code, str(db)], capture_output=True, text=True, env=env, timeout=120
        )
    report = json.loads(out.stdout.strip().splitlines()[-1])
    loaded = set(report["modules"])
    # (Babel is loaded: the Participants table names languages in all four languages, for the search.)
    heavy = {"sqlalchemy", "alembic", "reportlab", "openpyxl", "numpy", "lap", "icalendar"}
    heavy |= {"urllib.request", "http.client", "email.parser", "logging.handlers", "subprocess"}
    assert loaded & heavy == set()
    assert "westem_desktop.ui.tabs.participants" in loaded  # the tab in front is there
    assert "westem_desktop.ui.tabs.agreements" not in loaded  # the others come when first shown
    assert report["qt_namespace"] is False
    assert report["event_classes"] is False  # no event handler written in Python runs while it opens
    assert report["gc"] is True  # off while the window is built, on again once it is shown


def test_the_source_lines_read_by_pysides_import_hook_are_let_go(window, tmp_path, monkeypatch) -> None:
    """PySide reads the source of every module imported after it into ``linecache`` (28 MB once every tab
    has opened at 10,000 participants); the window lets them go when a tab has been built."""
    import linecache

    (tmp_path / "a_module_never_imported.py").write_text("WORDS = 'some source'\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    __import__("a_module_never_imported")  # as an import statement does (PySide's hook is there)
    assert str(tmp_path / "a_module_never_imported.py") in linecache.cache  # the hook read it
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
    assert linecache.cache == {}
