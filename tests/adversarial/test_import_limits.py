"""Imports at the edges (issue 16, items 7 and 11): a file mixing UTF-8 and Windows-1252 is refused at its
first bad byte, never garbled; a pipe, a device or a folder is refused before it is opened; a zip bomb, a
sheet declaring millions of cells, a cell of 2 GiB, millions of rows are refused in a few seconds and under
300 MB of memory. Every refusal on the command line is one line, exit 1, the database as it was.

The hostile files are made small (or compressed) by the test itself. Memory is measured in a child process
(its peak resident size, with an address-space ceiling so that a regression fails instead of swapping);
a timeout there turns a hang into a failure, it is not a measure of speed.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import select

from tests.platforms import not_on_windows
from westem_desktop.cli import main
from westem_desktop.core.db import open_database
from westem_desktop.core.io import limits
from westem_desktop.core.io.tables import TableReadError, read_table
from westem_desktop.core.models import Participant

ROOT = Path(__file__).resolve().parents[2]
PEAK_MB = 300  # what the issue promises for any import
CEILING = 2 * 1024**3  # address space of the child: a bomb that gets through fails with MemoryError
HANG = 60  # seconds; far above what a refusal takes (the report lists the measured times)
NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'

CHILD = """
import json, resource, sys, time
resource.setrlimit(resource.RLIMIT_AS, ({ceiling}, {ceiling}))
from westem_desktop.cli import main
start = time.monotonic()
code = main(sys.argv[1:])
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
try:  # this process's own high-water mark (ru_maxrss may carry the parent's size over the exec)
    peak = int(open("/proc/self/status").read().split("VmHWM:")[1].split()[0]) / 1024
except (OSError, IndexError):
    pass
figures = {{"code": code, "seconds": time.monotonic() - start, "peak_mb": peak}}
print("FIGURES " + json.dumps(figures))
"""


@dataclass
class Outcome:
    code: int
    message: str  # standard error
    peak_mb: float
    seconds: float


def import_in_child(database: Path, source: Path) -> Outcome:
    """``westem-desktop import participants`` in a child process, with its peak memory and time."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])}
    command = [sys.executable, "-c", CHILD.format(ceiling=CEILING), "import", "participants", str(source)]
    done = subprocess.run(
        [*command, "--lang", "en", "--db", str(database)],
        capture_output=True,
        text=True,
        timeout=HANG,
        env=env,
        check=False,
    )
    figures = json.loads(done.stdout.rsplit("FIGURES ", 1)[1])
    assert figures["code"] == done.returncode or done.returncode == 0
    return Outcome(figures["code"], done.stderr, figures["peak_mb"], figures["seconds"])


@pytest.fixture
def database(tmp_path: Path) -> Path:
    path = tmp_path / "westem.sqlite"
    assert main(["demo", "--db", str(path), "--participants", "6"]) == 0
    return path


def refused_in_child(database: Path, source: Path) -> str:
    """The one-line refusal; the import stayed under PEAK_MB and left the database as it was."""
    before = database.read_bytes()
    outcome = import_in_child(database, source)
    assert outcome.code == 1, outcome.message
    assert "Traceback" not in outcome.message and len(outcome.message.strip().splitlines()) == 1, outcome.message
    assert outcome.peak_mb < PEAK_MB, (outcome.peak_mb, outcome.message)
    assert database.read_bytes() == before
    return outcome.message.strip()


def names(database: Path) -> set[str]:
    with open_database(database) as db, db.session() as session:
        return set(session.scalars(select(Participant.name)))


# -- item 7: strict UTF-8 ----------------------------------------------------------------------------

REGISTRATIONS = [
    ("Name", "E-mail", "Role"),
    ("Bjørn Ødegård", "bjorn@uio.no", "mentor"),
    ("Åsa Öberg", "asa@uu.se", "mentee"),
    ("Zoë de Vries", "zoe@uva.nl", "mentee"),
]


def csv_bytes(rows: list[tuple[str, ...]], encoding: str) -> bytes:
    return "".join(";".join(row) + "\r\n" for row in rows).encode(encoding)


def test_a_windows_1252_file_imports_its_names_right(database: Path, tmp_path: Path, capsys) -> None:
    source = tmp_path / "excel.csv"
    source.write_bytes(csv_bytes(REGISTRATIONS, "cp1252"))
    assert main(["import", "participants", str(source), "--db", str(database)]) == 0
    assert {"Bjørn Ødegård", "Åsa Öberg", "Zoë de Vries"} <= names(database)


@pytest.mark.parametrize("bom", [b"", b"\xef\xbb\xbf"], ids=["no BOM", "BOM"])
def test_utf8_with_one_windows_1252_byte_is_refused_at_that_byte(
    database: Path, tmp_path: Path, capsys, bom: bytes
) -> None:
    """Row 3 was typed in Windows-1252 into a UTF-8 file: "Å" is the single byte 0xC5 there."""
    data = bom + csv_bytes(REGISTRATIONS[:2], "utf-8") + csv_bytes(REGISTRATIONS[2:], "cp1252")
    source = tmp_path / "mixed.csv"
    source.write_bytes(data)
    before = names(database)
    capsys.readouterr()
    assert main(["import", "participants", str(source), "--db", str(database)]) == 1
    err = capsys.readouterr().err.strip()
    assert err.startswith("Row 3, column 1: the byte 0xC5 is not UTF-8, but the rest of the file is.")
    assert "save the file again as UTF-8" in err and "\n" not in err
    assert names(database) == before  # nothing garbled, nothing half imported
    with pytest.raises(TableReadError, match="Row 3, column 1"):
        read_table(source)


def test_the_bad_byte_is_found_in_its_column_and_in_a_quoted_cell(tmp_path: Path) -> None:
    source = tmp_path / "mixed.csv"
    source.write_bytes(
        'Name,E-mail,Notes\nBjørn,b@uio.no,"two\nlines"\nZoe,z@uva.nl,"first\ncaf'.encode() + 'é"\n'.encode("cp1252")
    )
    with pytest.raises(TableReadError, match=r"^Row 3, column 3: the byte 0xE9"):
        read_table(source)


def test_a_bad_byte_at_the_end_of_40_mb_is_placed_in_little_memory(database: Path, tmp_path: Path) -> None:
    source = tmp_path / "mixed.csv"
    source.write_bytes(b"Name,E-mail\n" + "Bjørn,b@uio.no\n".encode() * 2_500_000 + "Åsa,a@uu.se\n".encode("cp1252"))
    message = refused_in_child(database, source)
    assert message.startswith("Row 2500002, column 1: the byte 0xC5 is not UTF-8")


def test_a_byte_in_neither_encoding_is_refused_with_its_place(tmp_path: Path) -> None:
    source = tmp_path / "odd.csv"
    source.write_bytes(b"Name;E-mail\nAsa;a@uu.se;\x81\n")  # 0x81 means nothing in Windows-1252
    with pytest.raises(TableReadError, match=r"^Row 2, column 3: the byte 0x81 is neither UTF-8 nor Windows-1252"):
        read_table(source)


# -- item 11: files that are not files ---------------------------------------------------------------


@not_on_windows("named pipes in a folder (os.mkfifo) are POSIX's")
def test_a_named_pipe_is_refused_at_once_not_waited_on(database: Path, tmp_path: Path) -> None:
    pipe = tmp_path / "participants.csv"
    os.mkfifo(pipe)
    message = refused_in_child(database, pipe)  # nobody ever writes to the pipe: a wait would hang
    assert (
        message
        == "participants.csv is a folder, a device or a pipe, not a spreadsheet file; choose a CSV or XLSX file."
    )


@not_on_windows("/dev/zero and /dev/urandom are POSIX devices")
@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_is_refused_before_reading_a_byte(database: Path, device: str) -> None:
    if not Path(device).exists():
        pytest.fail(f"{device} is missing on this system")
    message = refused_in_child(database, Path(device))
    assert message.startswith(f"{Path(device).name} is a folder, a device or a pipe")


def test_a_folder_is_refused(database: Path, tmp_path: Path, capsys) -> None:
    folder = tmp_path / "participants.csv"
    folder.mkdir()
    capsys.readouterr()
    assert main(["import", "participants", str(folder), "--db", str(database)]) == 1
    assert capsys.readouterr().err.startswith("participants.csv is a folder, a device or a pipe")


def test_a_file_over_50_mb_is_refused_before_it_is_read(database: Path, tmp_path: Path) -> None:
    source = tmp_path / "huge.csv"
    with source.open("wb") as handle:  # sparse: no disk used, no time spent writing
        handle.write(b"Name,E-mail\n")
        handle.truncate(limits.MAX_FILE_BYTES + 1)
    message = refused_in_child(database, source)
    assert message == "The file is 51 MB; files up to 50 MB can be imported. Import it in parts."


# -- item 11: CSV beyond the limits ------------------------------------------------------------------


def test_millions_of_rows_are_refused_in_seconds(database: Path, tmp_path: Path) -> None:
    source = tmp_path / "rows.csv"
    source.write_bytes(b"Name,E-mail\n" + b"x\n" * 7_500_000)  # 15 MB
    message = refused_in_child(database, source)
    assert message == "The file has more than 100000 rows after the header; import it in parts."


def test_millions_of_blank_lines_count_as_rows(database: Path, tmp_path: Path) -> None:
    source = tmp_path / "blank.csv"
    source.write_bytes(b"Name,E-mail\n" + b"\n" * 15_000_000)
    assert "more than 100000 rows" in refused_in_child(database, source)


def test_one_row_of_millions_of_cells_is_refused_before_it_is_built(database: Path, tmp_path: Path) -> None:
    source = tmp_path / "wide.csv"
    source.write_bytes(b"Name,E-mail\n" + b"a," * 20_000_000)  # 40 MB, one record
    assert refused_in_child(database, source) == "Row 2 has more than 200 columns; at most 200 can be imported."


def test_a_row_over_200_columns_is_refused_but_empty_cells_past_them_are_not(tmp_path: Path) -> None:
    source = tmp_path / "wide.csv"
    source.write_text("Name,E-mail" + "," * 250 + "\nAsa,a@uu.se" + "," * 250 + "\n", encoding="utf-8")
    table = read_table(source)  # Excel writes the empty cells of its used range: nothing is lost
    assert table.headers[:2] == ["Name", "E-mail"] and len(table.headers) == limits.MAX_COLUMNS
    source.write_text("Name,E-mail\nAsa,a@uu.se" + "," * 250 + "late\n", encoding="utf-8")
    with pytest.raises(TableReadError, match=r"^Row 2 has more than 200 columns"):
        read_table(source)


def test_a_line_of_40_mb_is_refused_without_holding_it(database: Path, tmp_path: Path) -> None:
    source = tmp_path / "cell.csv"
    source.write_bytes(b"Name,E-mail\n" + "😀".encode() * 10_000_000 + b",a@uu.se\n")  # 4 bytes a character
    message = refused_in_child(database, source)
    assert message == "Row 2 is longer than 1000000 characters; the file cannot be imported."


@pytest.mark.parametrize(
    ("length", "where"),
    [(limits.MAX_CELL_READ + 1, "Row 3, column 3 holds"), (200_000, "Row 3 holds a cell of")],  # past csv's limit
)
def test_a_cell_past_what_the_reader_keeps_refuses_the_file(tmp_path: Path, length: int, where: str) -> None:
    source = tmp_path / "cell.csv"
    source.write_text("Name,E-mail,Notes\nAsa,a@uu.se,ok\nBo,b@uu.se," + "y" * length + "\n", encoding="utf-8")
    with pytest.raises(TableReadError) as refused:
        read_table(source)
    assert str(refused.value) == f"{where} more than 100000 characters; the file cannot be imported."


def test_too_many_cells_in_all_are_refused(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(limits, "MAX_CELLS", 1_000)
    source = tmp_path / "cells.csv"
    source.write_text("Name,E-mail\n" + "a,b@uu.se\n" * 500, encoding="utf-8")
    assert len(read_table(source).rows) == 500  # 1,000 cells after the header
    source.write_text("Name,E-mail\n" + "a,b@uu.se\n" * 501, encoding="utf-8")
    with pytest.raises(TableReadError, match=r"^The file holds more than 1000 cells"):
        read_table(source)


# -- item 11: XLSX bombs -----------------------------------------------------------------------------


def scaffold() -> dict[str, bytes]:
    """The parts of a one-sheet workbook as openpyxl writes it, the sheet to be replaced."""
    workbook = Workbook()
    workbook.active.append(["Name", "E-mail"])
    from io import BytesIO

    buffer = BytesIO()
    workbook.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def deflated(pieces: list[tuple[bytes, int]]) -> tuple[bytes, int, int]:
    """Raw deflate of the pieces, each (bytes, times): repeated pieces cost no time (each copy is the
    same fully flushed block). The stream, its unpacked size and CRC-32."""
    out, size, crc = [], 0, 0
    for data, times in pieces:
        packer = zlib.compressobj(9, zlib.DEFLATED, -15)
        block = packer.compress(data) + packer.flush(zlib.Z_FULL_FLUSH)
        out.append(block * times)
        size += len(data) * times
        for _ in range(times):
            crc = zlib.crc32(data, crc)
    out.append(b"\x03\x00")  # an empty final block
    return b"".join(out), size, crc


def workbook(path: Path, sheet: list[tuple[bytes, int]], declared: int | None = None, **parts: bytes) -> Path:
    """An XLSX whose first sheet unpacks to ``sheet``; ``declared`` lies about its size in the zip."""
    stream, size, crc = deflated(sheet)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in {**scaffold(), **{k.replace("__", "/"): v for k, v in parts.items()}}.items():
            if name != "xl/worksheets/sheet1.xml":
                archive.writestr(name, data)
        info = zipfile.ZipInfo("xl/worksheets/sheet1.xml", date_time=(2026, 1, 1, 0, 0, 0))
        info.compress_type, info.file_size, info.compress_size, info.CRC = (
            zipfile.ZIP_DEFLATED,
            size if declared is None else declared,
            len(stream),
            crc,
        )
        info.header_offset = archive.fp.tell()
        archive.fp.write(info.FileHeader(zip64=info.file_size > 0xFFFFFFFF))
        archive.fp.write(stream)
        archive.filelist.append(info)
        archive.NameToInfo[info.filename] = info
        archive.start_dir = archive.fp.tell()
    return path


def sheet(rows: bytes, dimension: str = "") -> tuple[bytes, bytes]:
    head = f'<?xml version="1.0" encoding="UTF-8"?><worksheet {NS}>'
    if dimension:
        head += f'<dimension ref="{dimension}"/>'
    return (head + "<sheetData>").encode(), b"</sheetData></worksheet>"


def test_a_small_workbook_declaring_20_million_cells_is_refused(database: Path, tmp_path: Path) -> None:
    head, tail = sheet(b"", dimension="A1:T1000000")
    row = b'<row><c t="inlineStr"><is><t>Asa</t></is></c><c t="inlineStr"><is><t>a@uu.se</t></is></c></row>'
    path = workbook(tmp_path / "declares.xlsx", [(head, 1), (row, 1000), (tail, 1)])
    message = refused_in_child(database, path)
    assert message == (
        "The Excel workbook is refused: its sheet says it spans 1000000 rows and 20 columns; "
        "at most 100000 rows after the header and 200 columns can be imported."
    )


def test_a_workbook_of_20_million_cells_is_refused(database: Path, tmp_path: Path) -> None:
    head, tail = sheet(b"")
    rows = (b"<row>" + b"<c><v>1</v></c>" * 20 + b"</row>") * 1_000
    path = workbook(tmp_path / "cells.xlsx", [(head, 1), (rows, 1_000), (tail, 1)])
    assert path.stat().st_size < 2_000_000
    message = refused_in_child(database, path)
    assert message.startswith("The Excel workbook is refused: ")
    assert "xl/worksheets/sheet1.xml" in message  # its size or its packing gave it away


def test_a_cell_of_2_gib_is_refused(database: Path, tmp_path: Path) -> None:
    head, tail = sheet(b"")
    cell = (b'<row r="2"><c r="A2" t="inlineStr"><is><t>', b"A" * 2**20, b"</t></is></c></row>")
    path = workbook(tmp_path / "cell.xlsx", [(head, 1), (cell[0], 1), (cell[1], 2048), (cell[2], 1), (tail, 1)])
    assert path.stat().st_size < 3_000_000
    assert refused_in_child(database, path).startswith("The Excel workbook is refused: it would unpack to more than")


def test_a_cell_of_2_gib_behind_a_lying_size_is_refused(database: Path, tmp_path: Path) -> None:
    """The zip says 1 MB; the reader never unpacks more than that, and the cell in it is too long."""
    head, tail = sheet(b"")
    cell = (b'<row r="2"><c r="A2" t="inlineStr"><is><t>', b"A" * 2**20, b"</t></is></c></row>")
    pieces = [(head, 1), (cell[0], 1), (cell[1], 2048), (cell[2], 1), (tail, 1)]
    path = workbook(tmp_path / "cell.xlsx", pieces, declared=2**20)
    assert refused_in_child(database, path) == (
        "The Excel workbook could not be read: Bad CRC-32 for file 'xl/worksheets/sheet1.xml'"
    )


def test_a_cell_past_what_the_reader_keeps_is_refused_with_its_row(tmp_path: Path) -> None:
    head, tail = sheet(b"")
    cell = b'<row r="2"><c r="A2" t="inlineStr"><is><t>' + b"A" * 200_000 + b"</t></is></c></row>"
    path = workbook(tmp_path / "cell.xlsx", [(head, 1), (cell, 1), (tail, 1)])
    with pytest.raises(TableReadError, match=r"^The Excel workbook is refused: row 2 holds a cell of more than 100000"):
        read_table(path)


def test_a_row_of_a_million_cells_within_the_zip_limits_is_refused(database: Path, tmp_path: Path) -> None:
    head, tail = sheet(b"")
    cells = b"".join(b'<c t="inlineStr"><is><t>%06d</t></is></c>' % n for n in range(1000))
    path = workbook(tmp_path / "wide.xlsx", [(head, 1), (b"<row>", 1), (cells, 1000), (b"</row>", 1), (tail, 1)])
    assert refused_in_child(database, path) == (
        "The Excel workbook is refused: row 1 has a value in column 201; at most 200 columns can be imported."
    )


def test_a_row_numbered_past_the_limit_is_refused(tmp_path: Path) -> None:
    head, tail = sheet(b"")
    row = b'<row r="1048576"><c r="A1048576"><v>1</v></c></row>'
    path = workbook(tmp_path / "far.xlsx", [(head, 1), (row, 1), (tail, 1)])
    with pytest.raises(TableReadError, match="its sheet has more than 100000 rows after the header"):
        read_table(path)


def test_shared_strings_beyond_their_limit_are_refused(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(limits, "MAX_SHARED_STRINGS", 100)
    head, tail = sheet(b"")
    strings = f"<sst {NS}>".encode() + b"<si><t>x</t></si>" * 101 + b"</sst>"
    path = workbook(tmp_path / "strings.xlsx", [(head, 1), (tail, 1)], xl__sharedStrings_xml=strings)
    with pytest.raises(TableReadError, match="it holds more than 100 different texts"):
        read_table(path)


def test_an_entity_bomb_is_refused_unread(tmp_path: Path) -> None:
    laughs = b'<?xml version="1.0"?><!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa">' + b"".join(
        b'<!ENTITY %c "&%c;&%c;&%c;&%c;&%c;&%c;&%c;&%c;&%c;&%c;">' % ((ord("a") + i + 1,) + (ord("a") + i,) * 10)
        for i in range(9)
    )
    strings = laughs + f"]><sst {NS}><si><t>&j;</t></si></sst>".encode()
    head, tail = sheet(b"")
    path = workbook(tmp_path / "laughs.xlsx", [(head, 1), (tail, 1)], xl__sharedStrings_xml=strings)
    with pytest.raises(TableReadError, match="declares a document type, which Excel never writes"):
        read_table(path)


def test_a_zip_of_thousands_of_parts_is_refused(tmp_path: Path) -> None:
    head, tail = sheet(b"")
    extra = {f"xl__media__{n}_png": b"" for n in range(limits.MAX_XLSX_PARTS)}
    path = workbook(tmp_path / "parts.xlsx", [(head, 1), (tail, 1)], **extra)
    with pytest.raises(TableReadError, match="parts, more than 1000"):
        read_table(path)


def test_a_large_honest_workbook_still_imports(tmp_path: Path) -> None:
    """The limits are far from a real list: 3,000 people with long notes read whole."""
    book = Workbook()
    book.active.append(["Name", "E-mail", "Notes"])
    words = random.Random(16).choices(["mentor", "forskning", "øvelse", "samarbete", "kemi", "data"], k=900_000)
    notes = [" ".join(words[n * 300 : n * 300 + 300]) for n in range(3_000)]
    for n in range(3_000):
        book.active.append([f"Person {n}", f"p{n}@uu.se", notes[n]])
    book.save(tmp_path / "honest.xlsx")
    table = read_table(tmp_path / "honest.xlsx")
    assert len(table.rows) == 3_000 and table.rows[-1] == (3_001, ["Person 2999", "p2999@uu.se", notes[-1]])
