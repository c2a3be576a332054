"""Write tables as CSV (UTF-8 with BOM, as Excel expects) or XLSX: every export goes through here.

The kind follows the file name's suffix. Every cell, headers included, is formula-safe (see
``safety``); numbers stay numbers, dates are written as ISO text, an empty value as an empty cell. The
file is written whole or not at all and is readable by the user alone (see ``files``).
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO, NamedTuple

from westem_desktop.core.errors import WestemError
from westem_desktop.core.io.files import private_file
from westem_desktop.core.io.safety import looks_like_formula, spreadsheet_safe
from westem_desktop.i18n import _

if TYPE_CHECKING:
    from openpyxl import Workbook

SUFFIXES = (".csv", ".xlsx")
# Characters XML 1.0 cannot hold (openpyxl refuses them, Excel cannot open them); tab, line feed and
# carriage return are fine. They are written as visible codes (\x07), never dropped without a trace.
NOT_IN_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
SHEET_TITLE_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


class Sheet(NamedTuple):
    """One sheet: its title (XLSX only), a header row and the rows. ``bold`` holds indices into
    ``rows`` to be shown in bold (XLSX), ``widths`` the widths of the first columns (XLSX)."""

    title: str
    headers: Sequence[object]
    rows: Iterable[Sequence[object]]
    bold: frozenset[int] = frozenset()
    widths: Sequence[float] = ()


def write_table(path: Path, headers: Sequence[object], rows: Iterable[Sequence[object]], title: str) -> int:
    """Write one table to ``path``, CSV or XLSX by its suffix; returns the number of rows written."""
    return write_sheets(path, [Sheet(title, headers, rows)])


def write_sheets(path: Path, sheets: Sequence[Sheet], suffix: str | None = None) -> int:
    """Write ``sheets`` to ``path`` (several only to an XLSX); returns the number of rows written.
    The kind is ``suffix`` (".csv" or ".xlsx") when given, else the file name's."""
    suffix = suffix or path.suffix.lower()
    if suffix not in SUFFIXES:
        raise WestemError(_("Choose a file name ending in .csv or .xlsx."))
    if suffix == ".csv" and len(sheets) != 1:
        raise WestemError(_("A workbook of several sheets can only be saved as .xlsx."))
    with private_file(path) as handle:
        return _write_csv(handle, sheets[0]) if suffix == ".csv" else _write_xlsx(handle, sheets)


def _plain(value: object) -> object:
    """The value as a spreadsheet holds it: a number, a boolean or a text."""
    if value is None:
        return ""
    if isinstance(value, bool | int | float | Decimal):
        return value
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _write_csv(handle: BinaryIO, sheet: Sheet) -> int:
    text = io.TextIOWrapper(handle, encoding="utf-8-sig", newline="")
    writer = csv.writer(text, lineterminator="\r\n")  # RFC 4180: what Excel expects, on every system
    writer.writerow([spreadsheet_safe(_plain(v)) for v in sheet.headers])
    count = 0
    for row in sheet.rows:
        writer.writerow([spreadsheet_safe(_plain(v)) for v in row])
        count += 1
    text.flush()
    text.detach()  # the handle stays open for the caller to sync
    return count


def _sheet_title(title: str) -> str:
    """Excel allows 31 characters and none of []:*?/\\ in a sheet's name."""
    return SHEET_TITLE_FORBIDDEN.sub("-", title).strip("'")[:31] or "Sheet"


def _xlsx_value(value: object) -> object:
    if value is None:
        return None
    plain = _plain(value)
    return NOT_IN_XML.sub(_shown, plain) if isinstance(plain, str) else plain


def _shown(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def _write_xlsx(handle: BinaryIO, sheets: Sequence[Sheet]) -> int:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    # Every value is converted before openpyxl starts: a value that cannot be written stops the
    # export here, not halfway through a sheet that openpyxl is streaming.
    tables = [
        [[_xlsx_value(v) for v in sheet.headers], *([_xlsx_value(v) for v in row] for row in sheet.rows)]
        for sheet in sheets
    ]
    bold = Font(bold=True)
    workbook = Workbook(write_only=True)
    try:
        for sheet, table in zip(sheets, tables, strict=True):
            target = workbook.create_sheet(_sheet_title(sheet.title))
            for column, width in enumerate(sheet.widths, start=1):
                target.column_dimensions[get_column_letter(column)].width = width
            for index, values in enumerate(table):
                emphasis = index == 0 or index - 1 in sheet.bold
                cells = []
                for value in values:
                    cell = WriteOnlyCell(target, value=value)
                    if looks_like_formula(value):
                        cell.data_type = "s"  # text, never a formula
                        cell.quotePrefix = True  # and it stays text when edited
                    if emphasis:
                        cell.font = bold
                    cells.append(cell)
                target.append(cells)
        workbook.save(handle)
    except BaseException:
        _abandon(workbook)
        raise
    return sum(len(table) - 1 for table in tables)


def _abandon(workbook: Workbook) -> None:
    """Close and remove the temporary files openpyxl streams each sheet into, quietly: left to the
    garbage collector after a failed write (a full disk), they would print a traceback as Python exits."""
    for sheet in workbook.worksheets:
        writer = getattr(sheet, "_writer", None)
        if writer is None:
            continue
        with contextlib.suppress(Exception):
            writer.close()
        with contextlib.suppress(Exception):
            writer.cleanup()
