"""The one table writer: every export is formula-safe, private, and written whole or not at all."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from tests.platforms import FILE_MODES, not_on_windows
from westem_desktop import i18n
from westem_desktop.core import participants as people
from westem_desktop.core.errors import WestemError
from westem_desktop.core.io import files
from westem_desktop.core.io import participant_import as pi
from westem_desktop.core.io.participant_export import export_participants
from westem_desktop.core.io.table_writer import Sheet, write_sheets, write_table
from westem_desktop.core.io.tables import read_table
from westem_desktop.core.meetings import export_ics, export_meetings, log_meeting
from westem_desktop.core.models import Participant
from westem_desktop.core.pairs import create_pair, export_matches
from westem_desktop.core.privacy import export_participant
from westem_desktop.core.programmes import ProgrammeSettings, create_programme
from westem_desktop.core.reports import programme_report
from westem_desktop.documents.report import write_report_xlsx

START = dt.date(2026, 9, 1)
PROGRAMME = '=HYPERLINK("http://evil.example","Click")'
MENTOR = "=1+1"
MENTEE = "@SUM(A1)"
TOPICS = "+cmd|' /C calc'!A0"
NOTES = "-2+3"
HOSTILE = {PROGRAMME, MENTOR, MENTEE, TOPICS, NOTES}
STARTS = ("=", "+", "-", "@", "\t", "\r")


@pytest.fixture
def hostile(database) -> int:
    """A programme whose name, people, notes and meeting topics all look like formulas."""
    with database.session() as session:
        pid = create_programme(session, ProgrammeSettings(name=PROGRAMME)).id
        mentor = people.create_participant(
            session, pid, people.ParticipantData(role="mentor", name=MENTOR, email="m@uu.se", notes=NOTES)
        ).id
        mentee = people.create_participant(
            session, pid, people.ParticipantData(role="mentee", name=MENTEE, email="e@uu.se")
        ).id
        match = create_pair(session, mentee, mentor, today=START).id
        log_meeting(session, match, START + dt.timedelta(days=7), 45, topics=TOPICS, today=START + dt.timedelta(days=8))
    return pid


def _refusals(path: Path) -> None:
    refused = [pi.Refusal(row=2, column="=Name", reason="@bad", cells=(MENTOR, "m@uu.se"))]
    pi.write_refusals(path, ["=Name", "E-mail"], refused)


EXPORTS: dict[str, Callable] = {
    "participants": lambda db, pid, path: _in_session(db, export_participants, pid, path),
    "pairs": lambda db, pid, path: _in_session(db, export_matches, pid, path),
    "meetings": lambda db, pid, path: _in_session(db, export_meetings, pid, path),
    "rejects": lambda db, pid, path: _refusals(path),
}


def _in_session(database, export, pid: int, path: Path):
    with database.session() as session:
        return export(session, pid, path)


def _report(database, pid: int, path: Path) -> None:
    with database.session() as session:
        figures = programme_report(session, pid)
    write_report_xlsx(figures, "en", path)


def csv_cells(path: Path) -> list[str]:
    return [c for row in csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"), newline="")) for c in row]


def xlsx_cells(path: Path) -> list:
    workbook = load_workbook(path)
    return [cell for sheet in workbook.worksheets for row in sheet.iter_rows() for cell in row]


@pytest.mark.parametrize("kind", sorted(EXPORTS))
def test_csv_export_neutralises_every_formula(database, hostile, tmp_path: Path, kind: str) -> None:
    path = tmp_path / "out" / f"{kind}.csv"
    path.parent.mkdir()
    EXPORTS[kind](database, hostile, path)
    cells = csv_cells(path)
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    assert not [c for c in cells if c.startswith(STARTS)], "a cell a spreadsheet would run as a formula"
    expected = {"participants": {MENTOR, MENTEE, NOTES}, "pairs": {MENTOR, MENTEE, PROGRAMME}}
    expected |= {"meetings": {MENTOR, MENTEE, TOPICS}, "rejects": {"=Name", "@bad", MENTOR}}
    assert {"'" + value for value in expected[kind]} <= set(cells)


@pytest.mark.parametrize("kind", sorted(EXPORTS))
def test_csv_export_ends_every_record_with_crlf_on_every_system(database, hostile, tmp_path: Path, kind: str) -> None:
    """RFC 4180's line ending, which Excel on Windows expects, also when written on Linux or macOS; a line
    break inside a quoted cell stays as it was typed."""
    path = tmp_path / "out" / f"{kind}.csv"
    path.parent.mkdir()
    EXPORTS[kind](database, hostile, path)
    text = path.read_bytes().decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    again = io.StringIO(newline="")
    csv.writer(again, lineterminator="\r\n").writerows(rows)
    assert len(rows) > 1 and text.endswith("\r\n") and text == again.getvalue()


@pytest.mark.parametrize("kind", [*sorted(EXPORTS), "report"])
def test_xlsx_export_writes_formulas_as_literal_text(database, hostile, tmp_path: Path, kind: str) -> None:
    path = tmp_path / "out" / f"{kind}.xlsx"
    path.parent.mkdir()
    (EXPORTS.get(kind) or _report)(database, hostile, path)
    cells = xlsx_cells(path)
    assert [c.coordinate for c in cells if c.data_type == "f"] == []
    literal = {c.value for c in cells if isinstance(c.value, str) and c.value.startswith(STARTS)}
    expected = {
        "participants": {MENTOR, MENTEE, NOTES},
        "pairs": {MENTOR, MENTEE, PROGRAMME},
        "meetings": {MENTOR, MENTEE, TOPICS},
        "rejects": {"=Name", "@bad", MENTOR},
        "report": {PROGRAMME},
    }[kind]
    assert expected <= literal  # the text itself
    assert not [c.value for c in cells if isinstance(c.value, str) and c.value.startswith("'")]  # no apostrophe
    # marked as text typed after an apostrophe, so that editing the cell does not make it a formula
    assert all(c.quotePrefix for c in cells if c.value in expected)


def test_report_programme_name_is_text_not_formula(database, tmp_path: Path) -> None:
    """Defect 10: a programme called "=1+1" came out of the report XLSX as a live formula."""
    with database.session() as session:
        pid = create_programme(session, ProgrammeSettings(name="=1+1")).id
    _report(database, pid, tmp_path / "report.xlsx")
    name = load_workbook(tmp_path / "report.xlsx").active["B1"]
    assert (name.value, name.data_type) == ("=1+1", "s")
    values = load_workbook(tmp_path / "report.xlsx", data_only=True).active["B1"].value
    assert values == "=1+1"  # nothing was computed: 2 would mean a formula


def test_numbers_stay_numbers_and_dates_are_iso_text(tmp_path: Path) -> None:
    rows = [[3, 2.5, "-3", "+46", dt.date(2026, 9, 1), None, True]]
    write_table(tmp_path / "n.xlsx", ["a", "b", "c", "d", "e", "f", "g"], rows, "N")
    cells = [c for c in next(load_workbook(tmp_path / "n.xlsx").active.iter_rows(min_row=2))]
    assert [c.value for c in cells[:5]] == [3, 2.5, "-3", "+46", "2026-09-01"]
    assert [c.data_type for c in cells[:2]] == ["n", "n"]
    assert cells[5].value is None and cells[6].value is True
    write_table(tmp_path / "n.csv", ["a", "b", "c", "d", "e", "f", "g"], rows, "N")
    assert csv_cells(tmp_path / "n.csv")[7:] == ["3", "2.5", "-3", "+46", "2026-09-01", "", "True"]


def test_characters_xml_cannot_hold_are_shown_not_fatal(tmp_path: Path) -> None:
    write_table(tmp_path / "c.xlsx", ["Notes"], [["bell\x07 and tab\there\uffff"]], "C")
    assert load_workbook(tmp_path / "c.xlsx").active["A2"].value == "bell\\x07 and tab\there\\uffff"


@not_on_windows(FILE_MODES)
@pytest.mark.parametrize("name", ["out.csv", "out.xlsx", "meetings.ics", "her.txt"])
def test_every_export_is_private_and_leaves_no_temporary_file(database, hostile, tmp_path: Path, name: str) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    path = folder / name
    path.write_text("old")
    path.chmod(0o644)  # an existing file keeps its mode when overwritten in place; this one must not
    with database.session() as session:
        if name == "meetings.ics":
            log_meeting(session, 1, START + dt.timedelta(days=30), 30, status="planned", today=START)
            assert export_ics(session, hostile, path) == 1
        elif name == "her.txt":
            export_participant(session, 1, path)
        else:
            assert export_participants(session, hostile, path) == 2
    assert path.read_bytes() != b"old"
    assert path.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in folder.iterdir()] == [name]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_failed_rename_keeps_the_old_file(tmp_path: Path, monkeypatch, suffix: str) -> None:
    path = tmp_path / f"out{suffix}"
    write_table(path, ["Name"], [["Astrid"]], "S")
    before = path.read_bytes()

    def full_disk(*args) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(files.os, "replace", full_disk)
    with pytest.raises(OSError, match="No space left"):
        write_table(path, ["Name"], [["Saga"]], "S")
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == [path.name]


class Unwritable:
    def __str__(self) -> str:
        raise ValueError("cannot be written")


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_row_that_cannot_be_written_keeps_the_old_file(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"out{suffix}"
    write_table(path, ["Name"], [["Astrid"]], "S")
    before = path.read_bytes()
    rows = [["Saga"]] * 500 + [[Unwritable()]]  # fails after much has been written
    with pytest.raises(ValueError, match="cannot be written"):
        write_table(path, ["Name"], rows, "S")
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == [path.name]
    assert read_table(path).rows == [(2, ["Astrid"])]


def test_a_failed_first_write_leaves_no_file(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        write_table(tmp_path / "new.xlsx", ["Name"], [[Unwritable()]], "S")
    assert list(tmp_path.iterdir()) == []


def test_an_unknown_suffix_is_refused_in_the_interface_language(database, hostile, tmp_path: Path) -> None:
    with database.session() as session:
        with pytest.raises(WestemError, match=r"Choose a file name ending in \.csv or \.xlsx\."):
            export_participants(session, hostile, tmp_path / "people.ods")
        i18n.set_language("sv")
        with pytest.raises(WestemError) as refused:
            export_matches(session, hostile, tmp_path / "pairs.txt")
    assert ".csv" in str(refused.value) and "Choose" not in str(refused.value)
    assert not (tmp_path / "people.ods").exists() and not (tmp_path / "pairs.txt").exists()


def test_several_sheets_in_a_workbook_only(tmp_path: Path) -> None:
    sheets = [Sheet("First: [a/b]", ["x"], [[1]]), Sheet("Second", ["=y"], [[2], [3]], frozenset({0}))]
    assert write_sheets(tmp_path / "two.xlsx", sheets) == 3
    workbook = load_workbook(tmp_path / "two.xlsx")
    assert workbook.sheetnames == ["First- -a-b-", "Second"]
    second = workbook["Second"]
    assert (second["A1"].value, second["A1"].data_type, second["A1"].font.b) == ("=y", "s", True)
    assert second["A2"].font.b and not second["A3"].font.b
    with pytest.raises(WestemError, match="several sheets"):
        write_sheets(tmp_path / "two.csv", sheets)
    assert not (tmp_path / "two.csv").exists()


def test_hostile_names_survive_an_export_and_import_through_xlsx(database, hostile, tmp_path: Path) -> None:
    path = tmp_path / "people.xlsx"
    with database.session() as session:
        export_participants(session, hostile, path)
        other = create_programme(session, ProgrammeSettings(name="Copy")).id
    table = read_table(path)
    with database.session() as session:
        checked = pi.check_rows(session, other, table, pi.guess_mapping(table.headers))
        result = pi.apply_import(session, other, checked)
    assert (result.created, result.refused) == (2, [])
    with database.session() as session:
        names = session.scalars(select(Participant.name).where(Participant.programme_id == other))
        assert sorted(names) == sorted([MENTOR, MENTEE])


def test_private_file_replaces_atomically_and_syncs(tmp_path: Path, monkeypatch) -> None:
    synced: list[int] = []
    real = os.fsync
    monkeypatch.setattr(files.os, "fsync", lambda fd: (synced.append(fd), real(fd)))
    files.write_private(tmp_path / "a.bin", b"data")
    assert (tmp_path / "a.bin").read_bytes() == b"data" and synced
