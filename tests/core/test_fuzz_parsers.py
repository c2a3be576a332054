"""Property tests (hypothesis) for every parser that reads a file the coordinator did not write herself.

Fuzzed: the table reader (``read_table``, ``read_csv``, ``read_xlsx``, ``decode``) on arbitrary bytes, on
CSV in every encoding and delimiter Excel writes, on real XLSX workbooks holding cells of every type, and
on XLSX files damaged inside the zip; the participant import (``guess_mapping``, ``check_rows``,
``apply_import``, with the role, year, capacity, language, country, mode, status and consent parsing inside)
on recognised columns holding realistic and hostile values; the settings file as a crash may leave it; and
``check_file_kind`` / ``open_database`` on files that are not, or no longer, WESTEM databases.

Why: registration sheets come from web forms and colleagues' spreadsheets, and files get damaged. What the
coordinator must see is always the same: the file is read, or it is refused with a sentence that says why;
never a traceback, never half an import, never a changed file. Each test asserts exactly that:

- success, or the project's own error (``TableReadError``, ``DatabaseError``, ``ImportCancelled``) whose
  text is a sentence, and refused rows that name their row, column and reason;
- no other exception escapes (anything else is a bug in the parser, not in the input);
- a refusal leaves the database and the file as they were, and a success stores what was read.

The CSV fuzz test of ``test_participant_import.py`` (random bytes under a fixed header) is not repeated.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import itertools
import json
import sqlite3
import tempfile
import warnings
import zipfile
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from sqlalchemy import select

from westem_desktop.core import migrations
from westem_desktop.core.db import SQLITE_HEADER, check_file_kind, open_database
from westem_desktop.core.errors import DatabaseError, NotADatabaseError, WestemError
from westem_desktop.core.io import participant_import as pi
from westem_desktop.core.io.tables import DELIMITERS, MAX_CELL, Table, TableReadError, read_table
from westem_desktop.core.models import Participant
from westem_desktop.core.participants import ParticipantData, create_participant
from westem_desktop.core.programmes import ProgrammeSettings, create_programme
from westem_desktop.core.settings import Settings

FIXTURES = [HealthCheck.function_scoped_fixture]

# -- values a registration sheet really holds, and values it should never hold -------------------------

HOSTILE = [
    "",
    " ",
    " \t  ",
    "\u00a0",
    "\u200b",
    "a\x00b",
    "\x07\x1b[31mred",
    "\u202eevil\u202c",
    "שלום",
    "e\u0301\u0301\u0301",
    "👩\u200d🔬",
    "Łucja",
    "Şebnem",
    "Nguyễn Thị Hương",
    "Ingrid Ødegård",
    "=1+1",
    '=HYPERLINK("http://x")',
    "+46 70 123",
    "-3",
    "@SUM(A1)",
    "{name}",
    "{0}",
    "%s",
    "'; DROP TABLE participant; --",
    "x" * 3000,
]
NAMES = ["Astrid Lindqvist", "Łucja Wróblewska", "Şebnem Yılmaz", "Nguyễn Thị Hương", "Synnøve Løvås", "Ana"]
EMAILS = [
    "saga@uu.se",
    "SAGA@UU.SE",
    " elin@uu.se ",
    "astrid@uu.se",  # the participant already registered in every programme of these tests
    "Astrid@UU.se",
    "lucja@example.edu",
    "łucja@przykład.pl",
    "no-at-sign",
    "a@b",
    "@uu.se",
    "two@@uu.se",
    "sp ace@uu.se",
    "=1+1@uu.se",
    "",
]


def texts(max_size: int = 40) -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(HOSTILE), st.text(max_size=max_size))


def mostly(valid: list | st.SearchStrategy, hostile: st.SearchStrategy) -> st.SearchStrategy:
    """Seven in eight cells as a registration form fills them in, the rest hostile: many rows should be
    imported, so that what is stored can be compared with what was read."""
    realistic = st.sampled_from(valid) if isinstance(valid, list) else valid
    # One value in the middle: hypothesis favours the ends of a range, and shrinks towards the realistic.
    return st.integers(0, 7).flatmap(lambda n: hostile if n == 3 else realistic)


LETTERS = st.text(st.characters(categories=["L", "N"]), min_size=1, max_size=8)
GOOD_EMAILS = st.one_of(
    st.sampled_from(["saga@uu.se", "SAGA@UU.SE", " elin@uu.se ", "astrid@uu.se", "Astrid@UU.se"]),
    st.builds("{}@{}.se".format, LETTERS, LETTERS),
)
# What each column of a registration sheet holds: mostly what a form produces, sometimes anything at all.
T = pi.Target
CELLS: dict[pi.Target, st.SearchStrategy] = {
    T.NAME: mostly(NAMES, texts()),
    T.FIRST_NAME: mostly(["Łucja", "Synnøve", "Şebnem"], texts()),
    T.LAST_NAME: mostly(["Wróblewska", "Løvås", "Yılmaz", ""], texts()),
    T.EMAIL: mostly(GOOD_EMAILS, st.one_of(st.sampled_from(EMAILS), texts())),
    T.ROLE: mostly(["mentor", "Mentor", "MENTEE", "adept", "Adepten", "mentors", " mentee "], texts()),
    T.INSTITUTION: texts(),
    T.STUDY_PROGRAMME: texts(),
    T.YEAR: mostly(
        ["1", "4", "10", ""],
        st.one_of(
            st.sampled_from(["11", "0", "-3", "ten", "2 or 3", "1.0", "٣", "9" * 23]), st.integers(-5, 10**25), texts()
        ),
    ),
    T.FIELDS: mostly(["ICT", "it, math", "Natural science; Engineering", ""], texts()),
    T.COUNTRY: mostly(["SE", "se", "Sverige", "Norway", "Nederland", ""], texts()),
    T.LANGUAGES: mostly(["svenska, engelska", "sv; en", "Norsk", "Nederlands/Engels", ""], texts()),
    T.INTERESTS: texts(),
    T.SUPPORT: mostly(["Career, Studies", "confidence", "moral support", ""], texts()),
    T.MODE: mostly(["online", "Face-to-face", "hybrid", ""], texts()),
    T.AVAILABILITY: texts(),
    T.CAPACITY: mostly(
        ["1", "3", "", 2],
        st.one_of(st.sampled_from(["0", "-2", "many", "9" * 23]), st.integers(-5, 10**25), texts()),
    ),
    T.CONSENT: mostly(["ja", "yes", "X", "nej", "", True, False], texts()),
    T.STATUS: mostly(["active", "withdrawn", "Afgerond", ""], texts()),
    T.NOTES: texts(),
}


def header_for(target: pi.Target) -> st.SearchStrategy[str]:
    """A header the coordinator's sheet might use for ``target``: any of its words, as people spell them."""
    spellings = st.sampled_from(pi.HEADERS[target]).flatmap(
        lambda w: st.sampled_from([w, w.upper(), w.title(), f" {w} ", f"{w[:1]}-{w[1:]}", f"{w}:"])
    )
    return st.one_of(spellings, st.just(str(pi.TARGET_LABELS[target])))


@dataclass
class Sheet:
    """A registration spreadsheet as it will be written: ``xlsx`` or ``csv`` in an encoding and delimiter."""

    kind: str
    headers: list[str]
    rows: list[list[object]]
    encoding: str = "utf-8"
    delimiter: str = ","

    def write(self, folder: Path) -> Path:
        if self.kind == "xlsx":
            workbook = Workbook()
            sheet = workbook.active
            for row in [self.headers, *self.rows]:
                sheet.append([xlsx_value(v) for v in row])
            path = folder / "registrations.xlsx"
            workbook.save(path)
            return path
        buffer = io.StringIO()
        writer = csv.writer(buffer, delimiter=self.delimiter, lineterminator="\r\n")
        writer.writerows([self.headers, *[[str(c) for c in row] for row in self.rows]])
        path = folder / "registrations.csv"
        path.write_bytes(buffer.getvalue().encode(self.encoding))
        return path


def xlsx_value(value: object) -> object:
    """What openpyxl can write: no control characters (Excel cannot hold them either)."""
    return ILLEGAL_CHARACTERS_RE.sub("", value) if isinstance(value, str) else value


@st.composite
def sheets(draw: st.DrawFn) -> Sheet:
    targets = draw(st.lists(st.sampled_from(list(pi.Target)), max_size=5, unique=True))
    # Mostly a sheet that can be imported at all: a name, an e-mail and a role column somewhere.
    for needed in (T.EMAIL, T.NAME, T.ROLE):
        if draw(st.integers(0, 9)) and needed not in targets:
            targets.insert(draw(st.integers(0, len(targets))), needed)
    headers = [draw(header_for(t)) for t in targets]
    extra = draw(st.lists(texts(12), max_size=2))
    columns = [CELLS[t] for t in targets] + [texts()] * len(extra)
    rows = draw(st.lists(st.tuples(*columns).map(list), max_size=6))
    kind = draw(st.sampled_from(["xlsx", "csv"]))
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
    return Sheet(kind, headers + extra, rows, encoding, draw(st.sampled_from(DELIMITERS)))


# -- what the coordinator reads -------------------------------------------------------------------------


def assert_sentence(message: object) -> None:
    """A message for the coordinator: words in a sentence, not an empty string or a bare exception name."""
    text = str(message)
    assert text.strip(), "the refusal has no message"
    assert len(text.split()) >= 3, f"not a sentence: {text!r}"
    assert text[0].isupper() or text[0] == "“", f"not a sentence: {text!r}"


def read_like_the_import_window(path: Path) -> Table:
    """``read_table`` as the import window calls it. openpyxl warns about oddities of a damaged workbook
    (the test suite turns warnings into errors); the application does not, so warnings are only recorded."""
    with warnings.catch_warnings(record=True):
        warnings.simplefilter("always")
        return read_table(path)


def assert_well_formed(table: Table) -> None:
    """A table as the preview shows it: a header, rows numbered as the spreadsheet numbers them."""
    assert any(table.headers), "the header row is empty"
    numbers = [number for number, _cells in table.rows]
    assert numbers == sorted(set(numbers)) and all(n >= 2 for n in numbers)
    for _number, cells in table.rows:
        assert any(cells), "an empty line was taken for a row"
        assert all(c == c.strip() for c in [*cells, *table.headers])


# -- raw bytes ------------------------------------------------------------------------------------------

PREFIXES = [b"", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b"PK\x03\x04", SQLITE_HEADER, b"Name;E-mail;Role\n"]


def assert_read_or_refused(path: Path, data: bytes) -> None:
    """The file reads as a well-formed table or is refused with a sentence, and is left as it was."""
    try:
        table = read_like_the_import_window(path)
    except TableReadError as error:
        assert_sentence(error)
    else:
        assert_well_formed(table)
    assert path.read_bytes() == data


@settings(max_examples=80, deadline=None, suppress_health_check=FIXTURES)
@given(data=st.tuples(st.sampled_from(PREFIXES), st.binary(max_size=300)).map(b"".join))
@example(data=b"\xef\xbb\xbfName\xff,E-mail\n")  # a UTF-8 byte-order mark, then a byte that is not UTF-8
@example(data=b"\xff\xfeN\x00a\x00m")  # a UTF-16 byte-order mark, then half a character
def test_any_bytes_are_read_as_a_table_or_refused_with_a_reason(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "sent by a colleague.csv"
    path.write_bytes(data)
    assert_read_or_refused(path, data)


# -- CSV as Excel and LibreOffice write it --------------------------------------------------------------

LINE_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
CP1252_LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .-'@ÅÄÖåäöØøÆæÉéÈèÜüÑñß"


def csv_cells(encoding: str, header: bool) -> st.SearchStrategy[str]:
    if encoding == "cp1252":  # Windows-1252 holds only these; the reader tells it from UTF-8 by failing UTF-8
        alphabet = st.sampled_from(CP1252_LETTERS)
    else:
        # NUL makes the file binary; a leading U+FEFF would be a byte-order mark.
        alphabet = st.characters(codec="utf-8", exclude_characters="\x00\ufeff")
    if header:  # a header names its column: no delimiter, no quote, no line break inside
        alphabet = alphabet.filter(lambda c: c not in DELIMITERS and c != '"' and c not in LINE_BREAKS)
        return st.text(alphabet, min_size=1, max_size=12).filter(str.strip)
    return st.one_of(st.text(alphabet, max_size=20), st.sampled_from(["", " ", "x" * (MAX_CELL + 50)]))


@st.composite
def csv_files(draw: st.DrawFn) -> tuple[str, str, list[list[str]]]:
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]))
    delimiter = draw(st.sampled_from(DELIMITERS))
    headers = draw(st.lists(csv_cells(encoding, header=True), min_size=2, max_size=5))
    rows = draw(st.lists(st.lists(csv_cells(encoding, header=False), max_size=7), max_size=6))
    return encoding, delimiter, [headers, *rows]


@settings(max_examples=60, deadline=None, suppress_health_check=FIXTURES)
@given(csv_file=csv_files())
def test_csv_in_any_encoding_and_delimiter_reads_back_every_cell(tmp_path: Path, csv_file) -> None:
    encoding, delimiter, records = csv_file
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n").writerows(records)
    path = tmp_path / "export.csv"
    path.write_bytes(buffer.getvalue().encode(encoding))

    table = read_like_the_import_window(path)

    # What the coordinator sees: each cell trimmed and whole (an overlong one refuses its row at the
    # import, it is never cut), empty lines skipped, the spreadsheet's own row numbers.
    seen = [(n, [c.strip() for c in row]) for n, row in enumerate(records, start=1)]
    seen = [(n, row) for n, row in seen if any(row)]
    assert table.headers == seen[0][1]
    assert table.rows == seen[1:]
    assert table.delimiter == delimiter


# -- XLSX workbooks -------------------------------------------------------------------------------------

XLSX_VALUES = st.one_of(
    st.none(),
    texts(),
    st.just("  " + "y" * (MAX_CELL + 100)),
    st.integers(-(2**53), 2**53),
    st.floats(allow_nan=False, allow_infinity=False, min_value=-1e300, max_value=1e300),
    st.booleans(),
    st.dates(min_value=dt.date(1900, 3, 1)),
    st.datetimes(min_value=dt.datetime(1900, 3, 1)).map(lambda d: d.replace(microsecond=0)),
)


def expected_text(value: object) -> str | None:
    """What the reader must give for a cell openpyxl wrote, or None where Excel's own number format decides
    (a float's last digits, a time of day)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, dt.datetime):
        return None
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, str):
        # XML turns a carriage return into a line feed (openpyxl writes it bare, Excel as _x000D_).
        value = xlsx_value(value).replace("\r\n", "\n").replace("\r", "\n")
        return "" if len(value) > 1 and value.startswith("=") else value.strip()  # a formula: no value
    return None


@settings(max_examples=40, deadline=None, suppress_health_check=FIXTURES)
@given(
    headers=st.lists(st.one_of(st.sampled_from(["Name", "E-post", "Roll", "Årskurs"]), texts(15)), min_size=1),
    rows=st.lists(st.lists(XLSX_VALUES, max_size=6), max_size=6),
)
def test_xlsx_cells_of_every_type_read_back_as_text(tmp_path: Path, headers, rows) -> None:
    path = Sheet("xlsx", headers, rows).write(tmp_path)
    try:
        table = read_like_the_import_window(path)
    except TableReadError as error:
        assert_sentence(error)
        # Only a workbook without a single value is refused.
        assert not any(expected_text(v) != "" for v in [*headers, *itertools.chain(*rows)])
        return
    assert_well_formed(table)
    header_row = next(n for n, row in enumerate([headers, *rows], start=1) if any(expected_text(v) != "" for v in row))
    by_number = {header_row: table.headers, **dict(table.rows)}
    for number, row in enumerate([headers, *rows], start=1):
        cells = by_number.get(number, [])
        for column, value in enumerate(row):
            want = expected_text(value)
            if want is not None:
                assert (cells[column] if column < len(cells) else "") == want, (number, column, value)
            elif isinstance(value, float):
                assert float(cells[column]) == pytest.approx(value, rel=1e-9, abs=1e-300)
            else:
                assert cells[column].startswith(value.date().isoformat())


@cache
def good_workbook() -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Name", "E-mail", "Role", "Year"])
    sheet.append(["Łucja Wróblewska", "lucja@example.edu", "mentor", 4])
    sheet.append(["Şebnem Yılmaz", "sebnem@uu.se", "mentee", 1])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def workbook_members() -> list[str]:
    with zipfile.ZipFile(io.BytesIO(good_workbook())) as archive:
        return archive.namelist()


XML_PIECES = [
    b"",
    b"garbage",
    b"<x/>",
    b"<a><b></a>",
    b"<?xml version='1.0'?><worksheet/>",
    b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheets/></workbook>',
    b"\xef\xbb\xbf<x>\xff</x>",
]


@dataclass(frozen=True)
class Damage:
    """One way a workbook gets damaged: a part replaced or lost inside the zip, the file cut or scribbled on."""

    kind: str  # "replace", "drop", "truncate" or "scribble"
    member: str = ""
    payload: bytes = b""
    spots: tuple[tuple[int, int], ...] = ()

    def apply(self, data: bytes) -> bytes:
        if self.kind == "truncate":
            return data[: self.spots[0][0] % len(data)]
        if self.kind == "scribble":
            damaged = bytearray(data)
            for position, value in self.spots:
                damaged[position % len(damaged)] = value
            return bytes(damaged)
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for name in source.namelist():
                if name != self.member:
                    target.writestr(name, source.read(name))
                elif self.kind == "replace":
                    target.writestr(name, self.payload)
        return out.getvalue()


SPOTS = st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 255)), min_size=1, max_size=6).map(tuple)
DAMAGE = st.one_of(
    st.builds(
        Damage,
        st.just("replace"),
        st.sampled_from(workbook_members()),
        st.one_of(st.sampled_from(XML_PIECES), st.binary(max_size=120)),
    ),
    st.builds(Damage, st.just("drop"), st.sampled_from(workbook_members())),
    st.builds(Damage, st.sampled_from(["truncate", "scribble"]), spots=SPOTS),
)


@settings(max_examples=60, deadline=None, suppress_health_check=FIXTURES)
@given(damage=DAMAGE)
@example(damage=Damage("replace", "xl/worksheets/sheet1.xml", b"garbage"))  # the sheet is no XML
@example(damage=Damage("replace", "xl/workbook.xml", XML_PIECES[5]))  # a workbook without a sheet
@example(damage=Damage("scribble", spots=((242, 0),)))  # a compressed part that no longer inflates
def test_a_damaged_xlsx_is_refused_with_a_reason(tmp_path: Path, damage: Damage) -> None:
    data = damage.apply(good_workbook())
    path = tmp_path / "registrations.xlsx"
    path.write_bytes(data)
    assert_read_or_refused(path, data)


# -- the participant import -----------------------------------------------------------------------------


@settings(max_examples=150, deadline=None)
@given(headers=st.lists(st.one_of(st.sampled_from(list(pi.Target)).flatmap(header_for), texts(20)), max_size=10))
def test_any_headers_are_recognised_or_left_to_the_coordinator(headers: list[str]) -> None:
    mapping = pi.guess_mapping(headers)
    assert all(0 <= index < len(headers) for index in mapping)
    assert len(set(mapping.values())) == len(mapping), "two columns were given the same meaning"
    for index, target in mapping.items():
        assert pi._key(headers[index]) in pi.HEADERS[target]
    problem = pi.mapping_problem(mapping)
    if problem is not None:
        assert_sentence(problem)


PROGRAMMES = itertools.count(1)


@pytest.fixture
def registered(database):
    """A new programme for each example, with Astrid already registered, so every import starts alike."""

    def make() -> int:
        with database.session() as session:
            programme = create_programme(session, ProgrammeSettings(name=f"Import {next(PROGRAMMES)}")).id
            astrid = ParticipantData(role="mentor", name="Astrid Lindqvist", email="astrid@uu.se", capacity=2)
            create_participant(session, programme, astrid)
        return programme

    return make


def stored_people(database, programme: int) -> dict[str, ParticipantData]:
    with database.session() as session:
        people = session.scalars(select(Participant).where(Participant.programme_id == programme))
        return {p.email: ParticipantData.of(p) for p in people}


def as_stored(data: ParticipantData) -> dict:
    """A row as the participant dialog would save it: no mode as None, a mentee taking one place at least."""
    values = asdict(data)
    values["preferred_mode"] = values["preferred_mode"] or None
    if values["role"] == "mentee":
        values["capacity"] = max(1, values["capacity"])
    return values


@settings(max_examples=60, deadline=None, suppress_health_check=FIXTURES)
@given(sheet=sheets(), policy=st.sampled_from(list(pi.DuplicatePolicy)))
@example(  # a mentee's capacity of 0 passes the rules (they only bound a mentor's) but not the database
    sheet=Sheet("csv", ["Name", "E-mail", "Role", "Capacity"], [["Saga", "saga@uu.se", "mentee", "0"]]),
    policy=pi.DuplicatePolicy.SKIP,
)
@example(  # a capacity with more digits than SQLite's integers hold
    sheet=Sheet("xlsx", ["Name", "E-mail", "Role", "Capacity"], [["Astrid", "ASTRID@uu.se", "mentor", "9" * 20]]),
    policy=pi.DuplicatePolicy.UPDATE,
)
def test_any_registration_sheet_imports_whole_rows_or_refuses_them(
    database, registered, tmp_path: Path, sheet: Sheet, policy
) -> None:
    path = sheet.write(tmp_path)
    try:
        table = read_like_the_import_window(path)
    except TableReadError as error:
        assert_sentence(error)
        return
    mapping = pi.guess_mapping(table.headers)
    problem = pi.mapping_problem(mapping)
    if problem is not None:
        assert_sentence(problem)
        return
    programme = registered()
    before = stored_people(database, programme)

    try:
        with database.session() as session:
            checked = pi.check_rows(session, programme, table, mapping)
            result = pi.apply_import(session, programme, checked, policy)
    except WestemError as error:  # refused as a whole: nothing of it is kept
        assert_sentence(error)
        assert stored_people(database, programme) == before
        return

    after = stored_people(database, programme)
    assert result.created + result.updated + result.skipped + len(result.refused) == len(table.rows)
    assert len(after) == len(before) + result.created
    row_numbers = {number for number, _cells in table.rows}
    # A refusal points at a column of the file, or names the column the file lacks ("Role").
    columns = {*table.headers, "", *(str(label) for label in pi.TARGET_LABELS.values())}
    for refusal in result.refused:
        assert refusal.row in row_numbers
        assert refusal.column in columns, f"{refusal.column!r} is not a column of the file"
        assert_sentence(refusal.reason)
    email_column = next(i for i, t in mapping.items() if t is T.EMAIL)
    cells = dict(table.rows)
    for number, data in checked.valid:
        assert data.email == cells[number][email_column].strip().lower()
        if data.email in before and policy is pi.DuplicatePolicy.SKIP:
            assert after[data.email] == before[data.email], "a skipped participant was changed"
        else:
            assert asdict(after[data.email]) == as_stored(data), "the stored participant differs from the row"
    assert set(after) == set(before) | {data.email for _number, data in checked.valid}


# -- the settings file ----------------------------------------------------------------------------------

JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner, max_size=4),
    max_leaves=8,
)
SETTINGS_KEYS = ["language", "database", "backup_folder", "window_geometry", "last_programme"]
SETTINGS_LIKE = st.dictionaries(st.sampled_from(SETTINGS_KEYS), JSON_VALUES, max_size=5).map(json.dumps)


@dataclass(frozen=True)
class Nested:
    """A file of ``depth`` opening brackets (kept short in hypothesis' report)."""

    depth: int

    def __bytes__(self) -> bytes:
        return b"[" * self.depth


SETTINGS_FILES = st.one_of(
    st.binary(max_size=200),
    JSON_VALUES.map(lambda v: json.dumps(v).encode()),
    SETTINGS_LIKE.map(str.encode),
    st.tuples(SETTINGS_LIKE, st.integers(0, 200)).map(lambda t: t[0][: t[1]].encode()),  # cut off mid-write
    st.builds(Nested, st.integers(1, 200_000)),  # nested deeper than a parser's stack
)


@settings(max_examples=80, deadline=None, suppress_health_check=FIXTURES)
@given(content=SETTINGS_FILES)
@example(content=b'{"last_programme": 5}')  # an older or hand-edited file: not a mapping per database
@example(content=Nested(100_000))  # a damaged file that opens a hundred thousand lists
def test_a_damaged_settings_file_never_stops_the_application(tmp_path: Path, content: bytes | Nested) -> None:
    path = tmp_path / "settings.json"
    path.write_bytes(bytes(content))
    database = tmp_path / "westem.sqlite"

    settings_file = Settings(path)
    for key in SETTINGS_KEYS:
        settings_file.get(key)
    remembered = settings_file.last_programme(database)
    assert remembered is None or isinstance(remembered, int)
    settings_file.set_last_programme(database, 7)

    assert Settings(path).last_programme(database) == 7
    assert isinstance(json.loads(path.read_text(encoding="utf-8")), dict)


# -- database files -------------------------------------------------------------------------------------


def fresh_folder(tmp_path: Path) -> Path:
    """A folder of its own for one example: no lock file, backup or database left by the one before."""
    return Path(tempfile.mkdtemp(dir=tmp_path))


def assert_refused_untouched(path: Path, data: bytes, error: DatabaseError, backups: Path) -> None:
    assert_sentence(error)
    assert str(path) in str(error), "the message does not say which file"
    assert path.read_bytes() == data, "a refused file was changed"
    assert not backups.exists(), "a refused file was backed up as if it were migrated"


@settings(max_examples=60, deadline=None, suppress_health_check=FIXTURES)
@given(
    data=st.one_of(
        st.binary(min_size=1, max_size=600),
        st.binary(max_size=600).map(lambda b: SQLITE_HEADER + b),
    )
)
def test_a_file_of_any_bytes_is_refused_and_left_as_it_was(tmp_path: Path, data: bytes) -> None:
    folder = fresh_folder(tmp_path)
    path = folder / "mentoring.sqlite"
    path.write_bytes(data)
    backups = folder / "backups"
    if data.startswith(SQLITE_HEADER):
        check_file_kind(path)  # looks like SQLite: the rest is up to SQLite
    else:
        with pytest.raises(NotADatabaseError) as raised:
            check_file_kind(path)
        assert_refused_untouched(path, data, raised.value, backups)
    with pytest.raises(DatabaseError) as raised:
        open_database(path, backup_dir=backups).close()
    assert_refused_untouched(path, data, raised.value, backups)


IDENTIFIERS = st.from_regex(r"[a-z][a-z0-9_]{0,11}", fullmatch=True)


@dataclass
class OtherApplication:
    """An SQLite file of another program: its own tables, perhaps its own Alembic revision."""

    tables: dict[str, list[str]]
    revision: str | None = None
    rows: list[object] = field(default_factory=list)

    def write(self, path: Path) -> None:
        connection = sqlite3.connect(path)
        try:
            for table, columns in self.tables.items():
                quoted = ", ".join(f'"{c}"' for c in columns)
                connection.execute(f'CREATE TABLE "{table}" ({quoted})')
                for value in self.rows:
                    connection.execute(f'INSERT INTO "{table}" ("{columns[0]}") VALUES (?)', (value,))
            if self.revision is not None:
                connection.execute("CREATE TABLE IF NOT EXISTS alembic_version (version_num VARCHAR(32) NOT NULL)")
                connection.execute("INSERT INTO alembic_version VALUES (?)", (self.revision,))
            connection.commit()
        finally:
            connection.close()


OTHER_APPLICATIONS = st.builds(
    OtherApplication,
    tables=st.dictionaries(
        IDENTIFIERS.filter(lambda n: n != "alembic_version" and not n.startswith("sqlite")),
        st.lists(IDENTIFIERS, min_size=1, max_size=3, unique=True),
        min_size=1,
        max_size=3,
    ),
    revision=st.one_of(st.none(), st.sampled_from([*migrations.REVISIONS, "ae1027a6acf", ""]), st.text(max_size=8)),
    rows=st.lists(st.one_of(st.integers(-(2**63), 2**63 - 1), st.text(max_size=10), st.binary(max_size=10))),
)


@settings(max_examples=40, deadline=None, suppress_health_check=FIXTURES)
@given(other=OTHER_APPLICATIONS)
@example(other=OtherApplication({"users": ["id", "name"]}, revision="0001"))  # another program that uses Alembic
@example(other=OtherApplication({"users": ["id", "name"]}, revision=migrations.HEAD))
def test_another_applications_database_is_refused_and_left_as_it_was(tmp_path: Path, other) -> None:
    folder = fresh_folder(tmp_path)
    path = folder / "other.sqlite"
    other.write(path)
    data = path.read_bytes()
    backups = folder / "backups"
    try:
        open_database(path, backup_dir=backups).close()
    except DatabaseError as error:
        assert_refused_untouched(path, data, error, backups)
        return
    changed = " and changed" if path.read_bytes() != data else ""
    pytest.fail(f"another program's database was opened as a WESTEM database{changed}")


@cache
def empty_westem_database(folder: Path) -> bytes:
    path = folder / "fresh.sqlite"
    open_database(path).close()
    return path.read_bytes()


SCHEMA_NAMES = ["alembic_version", "version_num", "programme", "participant", "match", "meeting"]


@dataclass(frozen=True)
class DiskDamage:
    """A WESTEM database damaged on disk: cut short, bytes scribbled on, or a name in the schema spoilt."""

    truncate_at: int | None = None
    spots: tuple[tuple[int, int], ...] = ()
    spoilt_name: str | None = None
    occurrence: int = 0
    byte: int = 0xBE

    def apply(self, data: bytes) -> bytes:
        cut = 1 + self.truncate_at % (len(data) - 1) if self.truncate_at is not None else len(data)
        damaged = bytearray(data[:cut])  # never to nothing: an empty file is a new database
        for position, value in self.spots:
            damaged[100 + position % (len(damaged) - 100)] = value  # past SQLite's header
        if self.spoilt_name is not None:
            at = -1
            for _ in range(self.occurrence + 1):
                at = damaged.find(self.spoilt_name.encode(), at + 1)
            damaged[at] = self.byte
        return bytes(damaged)


DISK_DAMAGE = st.one_of(
    st.builds(DiskDamage, truncate_at=st.integers(100, 10**6)),
    st.builds(DiskDamage, spots=SPOTS),
    st.builds(
        DiskDamage,
        spoilt_name=st.sampled_from(SCHEMA_NAMES),
        occurrence=st.integers(0, 1),
        byte=st.integers(0x80, 0xFF),
    ),
)


@settings(max_examples=40, deadline=None, suppress_health_check=FIXTURES)
@given(damage=DISK_DAMAGE)
@example(damage=DiskDamage(spoilt_name="alembic_version", byte=0xBE))  # a table name that is no longer UTF-8
def test_a_damaged_westem_database_is_refused_or_opened_unchanged(
    tmp_path_factory: pytest.TempPathFactory, tmp_path: Path, damage: DiskDamage
) -> None:
    data = damage.apply(empty_westem_database(tmp_path_factory.getbasetemp()))
    folder = fresh_folder(tmp_path)
    path = folder / "damaged.sqlite"
    path.write_bytes(data)
    backups = folder / "backups"
    try:
        open_database(path, backup_dir=backups).close()
    except DatabaseError as error:
        assert_refused_untouched(path, data, error, backups)
    else:
        assert path.read_bytes() == data, "opening an up-to-date database changed the file"
