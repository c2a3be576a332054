"""Read a spreadsheet (CSV in the encodings and delimiters Excel writes, or XLSX) into rows of text.

CSV: UTF-8 with or without BOM, UTF-16 (with BOM, as Excel's "Unicode text"), else Windows-1252;
comma, semicolon or tab, whichever the header line uses most. XLSX: the first sheet. Row numbers are
the spreadsheet's own (the header is row 1), so a refusal points at the row the coordinator sees.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass
from pathlib import Path

from westem_desktop.core.errors import WestemError
from westem_desktop.i18n import _

DELIMITERS = (",", ";", "\t")
MAX_CELL = 10_000  # characters in one cell that the import takes


class TableReadError(WestemError):
    """The file could not be read as a table at all."""


@dataclass
class Table:
    headers: list[str]
    rows: list[tuple[int, list[str]]]  # (spreadsheet row number, cells)
    encoding: str = ""
    delimiter: str = ""


def decode(data: bytes) -> tuple[str, str]:
    """The text of a CSV file and the encoding it was read with."""
    marked = "utf-8-sig" if data.startswith(b"\xef\xbb\xbf") else None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        marked = "utf-16"
    if marked is not None:
        try:
            return data.decode(marked), marked
        except UnicodeDecodeError as exc:
            raise TableReadError(
                _("The file is damaged: it says it is {encoding} text, but byte {position} is not.").format(
                    encoding="UTF-8" if marked == "utf-8-sig" else "UTF-16", position=exc.start + 1
                )
            ) from exc
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "cp1252"


def _delimiter(first_line: str) -> str:
    counts = {d: first_line.count(d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def read_csv(data: bytes) -> Table:
    text, encoding = decode(data)
    if "\x00" in text:
        raise TableReadError(_("The file is not a text table (CSV) or an Excel workbook (XLSX)."))
    lines = text.splitlines()
    first = next((line for line in lines if line.strip()), "")
    delimiter = _delimiter(first)
    try:
        records = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise TableReadError(_("The file could not be read as CSV: {reason}").format(reason=exc)) from exc
    return _table(records, encoding, delimiter)


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


def read_xlsx(data: bytes) -> Table:
    from openpyxl import load_workbook

    try:
        # From bytes, not a path: openpyxl would judge the file by its name.
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            if not workbook.worksheets:
                raise TableReadError(_("The Excel workbook has no sheet."))
            sheet = workbook.worksheets[0]
            records = [[_cell(v) for v in row] for row in sheet.iter_rows(values_only=True)]
        finally:
            workbook.close()
    except TableReadError:
        raise
    except Exception as exc:  # a damaged zip or XML part surfaces as any of a dozen error types
        reason = str(exc) or type(exc).__name__
        raise TableReadError(_("The Excel workbook could not be read: {reason}").format(reason=reason)) from exc
    return _table(records, "xlsx", "")


def _table(records: list[list[str]], encoding: str, delimiter: str) -> Table:
    # Cells are kept whole: one longer than MAX_CELL refuses its row at the import, it is never cut.
    numbered = [(number, [c.strip() for c in row]) for number, row in enumerate(records, start=1)]
    numbered = [(n, row) for n, row in numbered if any(row)]  # empty lines are not rows
    if not numbered:
        raise TableReadError(_("The file is empty."))
    (_header_row, headers), *rows = numbered
    return Table(headers=headers, rows=rows, encoding=encoding, delimiter=delimiter)


def read_table(path: Path) -> Table:
    """Read ``path`` by its content (an XLSX is a zip file), whatever its name says."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise TableReadError(_("The file could not be opened: {reason}").format(reason=exc.strerror)) from exc
    if data.startswith(b"PK\x03\x04"):
        return read_xlsx(data)
    return read_csv(data)
