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
