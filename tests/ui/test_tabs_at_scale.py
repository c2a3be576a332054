"""Tabs at scale: a list formats the rows it shows, not every row it holds."""

from __future__ import annotations

import datetime as dt

from westem_desktop.core.demo import create_demo
from westem_desktop.ui.tabs import evaluations

EVALUATIONS_TAB = 4


def test_the_evaluations_tab_formats_the_dates_of_the_rows_it_shows(make_window, monkeypatch) -> None:
    calls: list[dt.date] = []
    real = evaluations.format_date

    def counted(value, *args, **kwargs):
        calls.append(value)
        return real(value, *args, **kwargs)

    monkeypatch.setattr(evaluations, "format_date", counted)
    window = make_window()
    with window.db.session() as session:
        pid = create_demo(session, participants=1400, seed=3, today=dt.date(2026, 11, 22)).id
    window.resize(1366, 768)
    window.show()
    window.load_programmes(pid)
    window.tabs.setCurrentIndex(EVALUATIONS_TAB)
    tab = window.pages[EVALUATIONS_TAB]
    tab.state_filter.setCurrentIndex(2)  # entered or outstanding: every form listed
    tab.view.viewport().repaint()
    view = tab.view
    assert tab.model.rowCount() >= 5000
    shown = view.rowAt(view.viewport().height() - 1) - view.rowAt(0) + 1
    assert 5 <= shown < 100
    assert len(calls) <= shown + 1  # each row on screen once, and the selected form's title
    # A search looks through every form's words, the dates too; a form's date is found.
    day = next(form.meeting_date for _index, form in tab._rows if form.meeting_date)
    tab.search.setText(real(day).split()[0])
    assert 0 < tab.model.rowCount() < 5000


def test_a_first_visit_to_each_tab_loads_no_storage_matching_or_document_library(tmp_path) -> None:
    """A tab's first visit reads plain rows: SQLAlchemy (some 0.3 s to import), NumPy and ReportLab load
    when the coordinator first changes something, suggests pairs or prints, not when she looks."""
    import json
    import os
    import subprocess
    import sys

    from westem_desktop.core.demo import create_demo_database

    db = tmp_path / "demo.sqlite"
    create_demo_database(db, participants=120, seed=2)
    code = """
import json, sys
from westem_desktop.cli import main
def ready(window):
    from PySide6.QtWidgets import QApplication
    report = {}
    for index in range(1, len(window.places)):
        window.tabs.setCurrentIndex(index)
        QApplication.processEvents()
        page = window.places[index].page()
        heavy = ("sqlalchemy", "numpy", "reportlab", "openpyxl")
        report[type(page).__name__] = [page.programme_id is not None, sorted(set(heavy) & set(sys.modules))]
    print(json.dumps(report))
    QApplication.quit()
main(["--db", sys.argv[1], "--lang", "nb"], ready=ready)
"""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", code, str(db)], capture_output=True, text=True, env=env, timeout=120)
    report = json.loads(out.stdout.strip().splitlines()[-1])
    assert set(report) == {"MatchesTab", "CycleTab", "AgreementsTab", "EvaluationsTab"}
    assert report == {tab: [True, []] for tab in report}  # each showed the programme, with none of them loaded
