"""Read a spreadsheet (CSV in the encodings and delimiters Excel writes, or XLSX) into rows of text.

CSV: UTF-8 with or without BOM, UTF-16 (with BOM, as Excel's "Unicode text"), else Windows-1252 when the
file holds no UTF-8 letter beyond ASCII at all; a file mixing the two is refused at its first byte that is
not UTF-8 (row and column), so that no name is ever garbled. Comma, semicolon or tab, whichever the header
line uses most. XLSX: the first sheet, read as a stream after ``xlsx_guard`` checked the workbook. Row
numbers are the spreadsheet's own (the header is row 1), so a refusal points at the row the coordinator
sees. The limits of ``limits`` hold while reading: a file beyond them is refused whole, early.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import os
import re
import stat
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from westem_desktop.core.errors import WestemError, visible
from westem_desktop.core.io import limits
from westem_desktop.core.io.limits import MAX_CELL, MB
from westem_desktop.i18n import _

__all__ = ["DELIMITERS", "MAX_CELL", "Table", "TableReadError", "read_table"]

DELIMITERS = (",", ";", "\t")
PROGRESS_EVERY = 2_000  # rows between two calls of ``progress``
SHARED_VALUES = 1_000  # different values a column may have and still be shared (see ``_Rows._shared``)
# Delimiters one record may hold before it is refused (quoted text holds some); bounds the memory csv needs.
MAX_DELIMITERS = 100 * limits.MAX_COLUMNS
# A character beyond ASCII written in UTF-8: a lead byte and its continuation bytes (RFC 3629).
CP1252_UNDEFINED = re.compile(rb"[\x81\x8d\x8f\x90\x9d]")  # the five bytes Windows-1252 leaves unused
UTF8_LETTER = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|\xe0[\xa0-\xbf][\x80-\xbf]|[\xe1-\xec\xee\xef][\x80-\xbf]{2}"
    rb"|\xed[\x80-\x9f][\x80-\xbf]|\xf0[\x90-\xbf][\x80-\xbf]{2}|[\xf1-\xf3][\x80-\xbf]{3}|\xf4[\x80-\x8f][\x80-\xbf]{2}"
)

Progress = Callable[[int], None]  # rows read so far


class TableReadError(WestemError):
    """The file could not be read as a table at all."""


@dataclass
class Table:
    headers: list[str]
    rows: list[tuple[int, list[str]]]  # (spreadsheet row number, cells)
    encoding: str = ""
    delimiter: str = ""


# -- which encoding ---------------------------------------------------------------------------------


def encoding_of(data: bytes) -> str:
    """The encoding a CSV file is read with; ``TableReadError`` naming the row and column of the first byte
    that fits none (UTF-8 with a stray Windows-1252 byte is such a file)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        bad = _first_bad(data, "utf-16")
        if bad is not None:
            raise TableReadError(
                _("The file is damaged: it says it is {encoding} text, but byte {position} is not.").format(
                    encoding="UTF-16", position=bad + 1
                )
            )
        return "utf-16"
    marked = data.startswith(b"\xef\xbb\xbf")
    bad = _first_bad(data, "utf-8")
    if bad is None:
        return "utf-8-sig" if marked else "utf-8"
    if marked or UTF8_LETTER.search(data):
        raise TableReadError(
            _(
                "Row {row}, column {column}: the byte {byte} is not UTF-8, but the rest of the file is. "
                "Nothing was imported, so that no name is garbled: save the file again as UTF-8 "
                "(in Excel: “CSV UTF-8”) and import it."
            ).format(**_where(data, bad, "utf-8"))
        )
    # No UTF-8 beyond ASCII anywhere: Windows-1252, as Excel writes "CSV" on Windows.
    undefined = CP1252_UNDEFINED.search(data)
    if undefined is not None:
        raise TableReadError(
            _("Row {row}, column {column}: the byte {byte} is neither UTF-8 nor Windows-1252 text.").format(
                **_where(data, undefined.start(), "cp1252")
            )
        )
    return "cp1252"


def _first_bad(data: bytes, encoding: str) -> int | None:
    """The offset of the first byte that does not decode, checked in pieces (no copy of the whole text)."""
    decoder = codecs.getincrementaldecoder(encoding)()
    for start in range(0, len(data), MB):
        held = len(decoder.getstate()[0])  # bytes of a character begun in the piece before
        try:
            decoder.decode(data[start : start + MB], final=start + MB >= len(data))
        except UnicodeDecodeError as exc:
            return max(start + exc.start - held, 0)
    return None


class _Prefix(io.RawIOBase):
    """The bytes of ``data`` before ``end``, as a stream (no copy of them)."""

    def __init__(self, data: bytes, end: int) -> None:
        self.data, self.position, self.end = data, 0, end

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:  # type: ignore[override]
        count = min(len(buffer), self.end - self.position)
        buffer[:count] = self.data[self.position : self.position + count]
        self.position += count
        return count


def _where(data: bytes, offset: int, encoding: str) -> dict[str, object]:
    """The row and column (as the spreadsheet counts them) holding the byte at ``offset``: the text before
    it is read as CSV, a record at a time, and the byte stands in the last one."""
    text = io.TextIOWrapper(io.BufferedReader(_Prefix(data, offset)), encoding=encoding, errors="replace", newline="")
    lines = _physical_lines(text)
    blank = 0
    line = next(lines, "")
    while line and not line.strip():
        blank, line = blank + 1, next(lines, "")

    def with_the_byte() -> Iterator[str]:
        held = line
        for following in lines:
            yield held
            held = following
        if held.endswith(("\n", "\r")):
            yield held
            held = ""
        yield held + "?"

    records, last = 0, [""]
    for records, last in enumerate(csv.reader(with_the_byte(), delimiter=_delimiter(line)), start=1):  # noqa: B007
        pass
    return {"row": blank + records, "column": max(len(last), 1), "byte": f"0x{data[offset]:02X}"}


def _physical_lines(stream: io.TextIOBase) -> Iterator[str]:
    """The lines of ``stream``; a line longer than MAX_LINE comes in pieces of that length (and is
    refused by ``_Lines``): no line is held whole, however long."""
    while line := stream.readline(limits.MAX_LINE + 1):
        yield line


def _delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


# -- the rows, within the limits ----------------------------------------------------------------------


class _Rows:
    """Numbers the records as the spreadsheet does, keeps the non-empty ones, refuses past a limit."""

    def __init__(self, progress: Progress | None) -> None:
        self.progress = progress
        self.number = self.cells = 0
        self.headers: list[str] | None = None
        self.rows: list[tuple[int, list[str]]] = []
        self.repeated: dict[int, dict[str, str] | None] = {}

    def _shared(self, column: int, cell: str) -> str:
        """One string for a value a column repeats (a role, a country, a language): 100,000 rows of few
        values take little memory. A column of many different values (names, e-mails) stops being shared."""
        known = self.repeated.setdefault(column, {})
        if known is None:
            return cell
        shared = known.setdefault(cell, cell)
        if len(known) > SHARED_VALUES:
            self.repeated[column] = None
        return shared

    def add(self, record: list[str]) -> None:
        self.number += 1
        if self.number > limits.MAX_ROWS + 1:
            raise TableReadError(
                _("The file has more than {most} rows after the header; import it in parts.").format(
                    most=limits.MAX_ROWS
                )
            )
        if len(record) > limits.MAX_COLUMNS:
            if any(cell.strip() for cell in record[limits.MAX_COLUMNS :]):
                raise too_many_columns(self.number)
            record = record[: limits.MAX_COLUMNS]  # empty cells past the last column are nothing lost
        if record and max(map(len, record)) > limits.MAX_CELL_READ:
            column = next(i for i, cell in enumerate(record, start=1) if len(cell) > limits.MAX_CELL_READ)
            raise too_long_cell(self.number, column)
        # Cells are kept whole: one longer than MAX_CELL refuses its row at the import, it is never cut.
        cells = [self._shared(column, cell.strip()) for column, cell in enumerate(record)]
        if any(cells):  # empty lines are not rows
            if self.headers is None:
                self.headers = cells
                return
            self.cells += len(cells)
            if self.cells > limits.MAX_CELLS:
                raise TableReadError(
                    _("The file holds more than {most} cells; import it in parts.").format(most=limits.MAX_CELLS)
                )
            self.rows.append((self.number, cells))
        if self.progress is not None and self.number % PROGRESS_EVERY == 0:
            self.progress(self.number)

    def table(self, encoding: str, delimiter: str) -> Table:
        if self.headers is None:
            raise TableReadError(_("The file is empty."))
        return Table(headers=self.headers, rows=self.rows, encoding=encoding, delimiter=delimiter)


def too_many_columns(row: int) -> TableReadError:
    return TableReadError(
        _("Row {row} has more than {most} columns; at most {most} can be imported.").format(
            row=row, most=limits.MAX_COLUMNS
        )
    )


def too_long_cell(row: int, column: int) -> TableReadError:
    return TableReadError(
        _("Row {row}, column {column} holds more than {most} characters; the file cannot be imported.").format(
            row=row, column=column, most=limits.MAX_CELL_READ
        )
    )


def not_a_table() -> TableReadError:
    return TableReadError(_("The file is not a text table (CSV) or an Excel workbook (XLSX)."))


# -- CSV ---------------------------------------------------------------------------------------------


class _Lines:
    """The file's lines as csv reads them, refusing a NUL (a binary file) and a record with more
    delimiters than a table of MAX_COLUMNS columns can hold, before csv builds it."""

    def __init__(self, lines: Iterable[str], delimiter: str, rows: _Rows) -> None:
        self.lines, self.delimiter, self.rows = iter(lines), delimiter, rows
        self.pending = 0  # delimiters in the record being read

    def __iter__(self) -> Iterator[str]:
        return self

    def __next__(self) -> str:
        line = next(self.lines)
        if "\x00" in line:
            raise not_a_table()
        self.pending += line.count(self.delimiter)
        if self.pending > MAX_DELIMITERS:
            raise too_many_columns(self.rows.number + 1)
        if len(line) > limits.MAX_LINE:
            raise TableReadError(
                _("Row {row} is longer than {most} characters; the file cannot be imported.").format(
                    row=self.rows.number + 1, most=limits.MAX_LINE
                )
            )
        return line


def read_csv(data: bytes, progress: Progress | None = None) -> Table:
    encoding = encoding_of(data)
    if encoding != "utf-16" and b"\x00" in data:
        raise not_a_table()
    stream = _physical_lines(io.TextIOWrapper(io.BytesIO(data), encoding=encoding, newline=""))
    rows = _Rows(progress)
    leading: list[str] = []  # the lines up to the header, which names the delimiter
    for line in stream:
        leading.append(line)
        if line.strip() or len(leading) > limits.MAX_ROWS + 1:
            break
    delimiter = _delimiter(leading[-1] if leading else "")
    lines = _Lines(_chain(leading, stream), delimiter, rows)
    reader = csv.reader(lines, delimiter=delimiter)
    try:
        for record in reader:
            lines.pending = 0
            rows.add(record)
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):  # csv's own limit (131,072) is past MAX_CELL_READ
            raise TableReadError(
                _("Row {row} holds a cell of more than {most} characters; the file cannot be imported.").format(
                    row=rows.number + 1, most=limits.MAX_CELL_READ
                )
            ) from exc
        reason = visible(str(exc))
        raise TableReadError(_("The file could not be read as CSV: {reason}").format(reason=reason)) from exc
    return rows.table(encoding, delimiter)


def _chain(first: list[str], then: Iterable[str]) -> Iterator[str]:
    yield from first
    first.clear()
    yield from then


# -- XLSX --------------------------------------------------------------------------------------------


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)


def read_xlsx(data: bytes, progress: Progress | None = None) -> Table:
    from openpyxl import load_workbook

    from westem_desktop.core.io.xlsx_guard import WorkbookRefused, check_workbook

    rows = _Rows(progress)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            facts = check_workbook(archive)
        # From bytes, not a path: openpyxl would judge the file by its name.
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            if not workbook.worksheets:
                raise TableReadError(_("The Excel workbook has no sheet."))
            sheet = workbook.worksheets[0]
            known = facts.sheets.get(getattr(sheet, "_worksheet_path", ""))
            columns = max(known.columns, 1) if known else limits.MAX_COLUMNS
            for values in sheet.iter_rows(max_col=columns, values_only=True):
                rows.add([_cell(v) for v in values])
        finally:
            workbook.close()
    except TableReadError:
        raise
    except WorkbookRefused as exc:
        raise TableReadError(str(exc)) from exc
    except Exception as exc:  # a damaged zip or XML part surfaces as any of a dozen error types
        reason = visible(str(exc) or type(exc).__name__)
        raise TableReadError(_("The Excel workbook could not be read: {reason}").format(reason=reason)) from exc
    return rows.table("xlsx", "")


# -- the file ----------------------------------------------------------------------------------------


def read_bytes(path: Path) -> bytes:
    """The bytes of ``path`` if it is a regular file within MAX_FILE_BYTES. A folder, a device (/dev/zero)
    or a named pipe is refused before it is opened, so nothing waits or reads without end."""
    try:
        status = os.stat(path)
        if not stat.S_ISREG(status.st_mode):
            raise not_a_file(path)
        if status.st_size > limits.MAX_FILE_BYTES:
            raise too_big(status.st_size)
        # Non-blocking: a pipe put in the file's place after the check is not waited on either.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
        with os.fdopen(descriptor, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise not_a_file(path)
            data = handle.read(limits.MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise TableReadError(
            _("The file could not be opened: {reason}").format(reason=exc.strerror or type(exc).__name__)
        ) from exc
    if len(data) > limits.MAX_FILE_BYTES:
        raise too_big(len(data))
    return data


def not_a_file(path: Path) -> TableReadError:
    return TableReadError(
        _("{file} is a folder, a device or a pipe, not a spreadsheet file; choose a CSV or XLSX file.").format(
            file=visible(path.name or str(path))
        )
    )


def too_big(size: int) -> TableReadError:
    return TableReadError(
        _("The file is {size} MB; files up to {most} MB can be imported. Import it in parts.").format(
            size=-(-size // MB), most=limits.MAX_FILE_BYTES // MB
        )
    )


def read_table(path: Path, progress: Progress | None = None) -> Table:
    """Read ``path`` by its content (an XLSX is a zip file), whatever its name says. ``progress`` is told
    the rows read so far, now and then."""
    data = read_bytes(path)
    if data.startswith(b"PK\x03\x04"):
        return read_xlsx(data, progress)
    return read_csv(data, progress)
