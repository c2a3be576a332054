"""Check an XLSX workbook before openpyxl unpacks it: a zip bomb, a sheet declaring millions of cells,
a row of a million cells or a cell of gigabytes is refused within seconds and in little memory.

First the zip's own directory (entries, declared sizes, compression ratios; Python's zip reader never
unpacks more than an entry declares), then every XML part is streamed once through expat, counting as it
goes: worksheets by rows, columns, cells and characters a cell, shared strings by count and characters,
any other part by elements. No document type declarations (Excel never writes one; they carry entity
bombs). openpyxl then reads only a workbook within the limits of ``limits``.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from xml.parsers import expat

from westem_desktop.core.errors import visible
from westem_desktop.core.io import limits
from westem_desktop.core.io.limits import MB
from westem_desktop.i18n import _, ngettext

CHUNK = 1 * MB
# Between two "<" there is one tag or one text. A cell of MAX_CELL_READ characters, escaped (&quot; is six
# bytes for one character), fits; anything longer is refused before expat holds it whole.
MAX_STRETCH = max(CHUNK, 6 * limits.MAX_CELL_READ + 64 * 1024)
PART_SIZES = {"sheet": limits.MAX_XLSX_SHEET, "strings": limits.MAX_XLSX_SHARED}
REFERENCE = re.compile(r"([A-Za-z]{1,3})?(\d+)?")


class WorkbookRefused(Exception):
    """The reason, as a sentence for the coordinator."""


@dataclass
class SheetFacts:
    columns: int = 0  # the last column holding a cell (at most MAX_COLUMNS)


@dataclass
class Facts:
    sheets: dict[str, SheetFacts] = field(default_factory=dict)


def column_number(letters: str) -> int:
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number


def _refuse(reason: str) -> WorkbookRefused:
    return WorkbookRefused(_("The Excel workbook is refused: {reason}").format(reason=reason))


def check_workbook(archive: zipfile.ZipFile) -> Facts:
    """Raise ``WorkbookRefused`` unless every part is within the limits; the facts openpyxl needs."""
    entries = archive.infolist()
    if len(entries) > limits.MAX_XLSX_PARTS:
        raise _refuse(_("it has {n} parts, more than {most}.").format(n=len(entries), most=limits.MAX_XLSX_PARTS))
    if sum(entry.file_size for entry in entries) > limits.MAX_XLSX_UNPACKED:
        raise _refuse(_("it would unpack to more than {most} MB.").format(most=limits.MAX_XLSX_UNPACKED // MB))
    for entry in entries:
        ratio = entry.file_size // max(entry.compress_size, 1)
        if entry.file_size > limits.RATIO_FROM and ratio > limits.MAX_XLSX_RATIO:
            raise _refuse(
                _("its part {part} is packed {ratio} times, far more than a spreadsheet ever is.").format(
                    part=visible(entry.filename), ratio=ratio
                )
            )
    facts = Facts()
    for entry in entries:
        if not entry.is_dir():
            _check_part(archive, entry, facts)
    return facts


def _check_part(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, facts: Facts) -> None:
    with archive.open(entry) as stream:
        first = stream.read(CHUNK)
        if not first.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
            return  # not XML (a picture, a binary part): openpyxl does not parse it
        scanner = _Scanner(entry)
        chunk = first
        while chunk:
            scanner.feed(chunk)
            chunk = stream.read(CHUNK)
        scanner.finish()
    if scanner.kind == "sheet":
        facts.sheets[entry.filename] = SheetFacts(columns=scanner.max_column)


class _Scanner:
    """One pass of expat over a part, counting; raises ``WorkbookRefused`` at the first limit passed."""

    def __init__(self, entry: zipfile.ZipInfo) -> None:
        self.entry = entry
        self.kind = ""
        self.depth = 0
        self.elements = 0
        self.stretch = 0  # bytes since the last "<"
        self.rows = self.row = self.cells = self.column = self.max_column = 0
        self.beyond = False  # in a cell right of MAX_COLUMNS
        self.in_cell = self.in_text = False
        self.cell_chars = 0
        self.strings = self.text = 0
        self.parser = expat.ParserCreate()
        self.parser.StartElementHandler = self.start
        self.parser.EndElementHandler = self.end
        self.parser.CharacterDataHandler = self.characters
        self.parser.StartDoctypeDeclHandler = self.doctype
        self.parser.EntityDeclHandler = self.doctype

    def feed(self, chunk: bytes) -> None:
        self._stretches(chunk)
        try:
            self.parser.Parse(chunk, False)
        except expat.ExpatError as exc:
            raise _refuse(_("its part {part} is damaged.").format(part=visible(self.entry.filename))) from exc
        most = PART_SIZES.get(self.kind, limits.MAX_XLSX_OTHER)
        if self.entry.file_size > most:  # known once the first chunk named the kind of part
            raise _refuse(
                _("its part {part} would unpack to {size} MB, more than {most} MB.").format(
                    part=visible(self.entry.filename), size=self.entry.file_size // MB, most=most // MB
                )
            )

    def finish(self) -> None:
        try:
            self.parser.Parse(b"", True)
        except expat.ExpatError as exc:
            raise _refuse(_("its part {part} is damaged.").format(part=visible(self.entry.filename))) from exc

    def _stretches(self, chunk: bytes) -> None:
        first = chunk.find(b"<")
        if first < 0:
            self.stretch += len(chunk)
        else:
            self.stretch += first
            if self.stretch <= MAX_STRETCH:
                self.stretch = len(chunk) - chunk.rfind(b"<") - 1
        if self.stretch > MAX_STRETCH:  # a chunk is never longer than MAX_STRETCH: stretches inside it fit
            raise self._too_long_cell()

    def _too_long_cell(self) -> WorkbookRefused:
        if self.kind == "sheet" and self.row:
            reason = _("row {row} holds a cell of more than {most} characters.").format(
                row=self.row, most=limits.MAX_CELL_READ
            )
        else:
            reason = _("a text in its part {part} has more than {most} characters.").format(
                part=visible(self.entry.filename), most=limits.MAX_CELL_READ
            )
        return _refuse(reason)

    def doctype(self, *_args: object) -> None:
        part = visible(self.entry.filename)
        raise _refuse(_("its part {part} declares a document type, which Excel never writes.").format(part=part))

    def start(self, name: str, attributes: dict[str, str]) -> None:
        tag = name.rpartition(":")[2]
        self.depth += 1
        if self.depth == 1:
            self.kind = {"worksheet": "sheet", "chartsheet": "sheet", "dialogsheet": "sheet", "sst": "strings"}.get(
                tag, "other"
            )
        if self.kind == "sheet":
            self._sheet_start(tag, attributes)
        elif self.kind == "strings":
            self.elements += 1
            if tag == "si":
                self.strings += 1
                self.cell_chars = 0
                if self.strings > limits.MAX_SHARED_STRINGS:
                    raise _refuse(
                        _("it holds more than {most} different texts.").format(most=limits.MAX_SHARED_STRINGS)
                    )
            elif tag == "t":
                self.in_text = True
            if self.elements > 20 * limits.MAX_SHARED_STRINGS:
                raise self._too_many_elements()
        else:
            self.elements += 1
            if self.elements > limits.MAX_XML_ELEMENTS:
                raise self._too_many_elements()

    def _too_many_elements(self) -> WorkbookRefused:
        return _refuse(_("its part {part} has too many elements.").format(part=visible(self.entry.filename)))

    def _sheet_start(self, tag: str, attributes: dict[str, str]) -> None:
        if tag == "c":
            self.cells += 1
            if self.cells > limits.MAX_CELLS + limits.MAX_COLUMNS:  # the header's cells come on top
                raise _refuse(_("it holds more than {most} cells.").format(most=limits.MAX_CELLS))
            self.column = self._position(attributes.get("r"), self.column + 1, letters=True)
            self.beyond = self.column > limits.MAX_COLUMNS
            if not self.beyond:
                self.max_column = max(self.max_column, self.column)
            self.in_cell, self.cell_chars = True, 0
        elif tag in ("v", "t"):
            self.in_text = self.in_cell
        elif tag == "row":
            self.rows += 1
            self.row = self._position(attributes.get("r"), self.row + 1, letters=False)
            self.column = 0
            if self.row > limits.MAX_ROWS + 1 or self.rows > limits.MAX_ROWS + 1:
                raise _refuse(_("its sheet has more than {most} rows after the header.").format(most=limits.MAX_ROWS))
        elif tag == "dimension":
            self._dimension(attributes.get("ref", ""))
        elif not self.in_cell:
            self.elements += 1
            if self.elements > limits.MAX_XML_ELEMENTS:
                raise self._too_many_elements()

    def _position(self, reference: str | None, following: int, letters: bool) -> int:
        if not reference:
            return following
        match = REFERENCE.fullmatch(reference)
        if match is None:
            raise _refuse(_("its part {part} is damaged.").format(part=visible(self.entry.filename)))
        if letters:
            return column_number(match.group(1)) if match.group(1) else following
        return int(match.group(2)) if match.group(2) else following

    def _dimension(self, reference: str) -> None:
        last = reference.rpartition(":")[2]
        match = REFERENCE.fullmatch(last)
        if match is None or not match.group(1) or not match.group(2):
            return  # openpyxl ignores what it cannot read; the rows themselves are counted
        rows, columns = int(match.group(2)), column_number(match.group(1))
        if rows > limits.MAX_ROWS + 1 or columns > limits.MAX_COLUMNS:
            raise _refuse(
                _(
                    "its sheet says it spans {rows} and {columns}; "
                    "at most {max_rows} rows after the header and {max_columns} columns can be imported."
                ).format(
                    rows=ngettext("{n} row", "{n} rows", rows).format(n=rows),
                    columns=ngettext("{n} column", "{n} columns", columns).format(n=columns),
                    max_rows=limits.MAX_ROWS,
                    max_columns=limits.MAX_COLUMNS,
                )
            )

    def end(self, name: str) -> None:
        self.depth -= 1
        tag = name.rpartition(":")[2]
        if tag == "c":
            self.in_cell = self.beyond = False
        if tag in ("v", "t"):
            self.in_text = False

    def characters(self, data: str) -> None:
        if not self.in_text:
            return
        self.cell_chars += len(data)
        if self.cell_chars > limits.MAX_CELL_READ:
            raise self._too_long_cell()
        if self.kind == "strings":
            self.text += len(data)
            if self.text > limits.MAX_SHARED_TEXT:
                raise _refuse(
                    _("its texts hold more than {most} characters together.").format(most=limits.MAX_SHARED_TEXT)
                )
        elif self.beyond and data.strip():
            raise _refuse(
                _("row {row} has a value in column {column}; at most {most} columns can be imported.").format(
                    row=self.row, column=self.column, most=limits.MAX_COLUMNS
                )
            )
