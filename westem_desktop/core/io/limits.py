"""The limits of an import, in one place: what a file may hold before it is refused whole.

They keep any import, hostile or not, under about 300 MB of memory and a few seconds of refusing
(``tests/adversarial/test_import_limits.py`` measures both). A list of participants is far below them.
"""

from __future__ import annotations

MB = 1024 * 1024

# -- every file ---------------------------------------------------------------------------------
MAX_FILE_BYTES = 50 * MB  # the file on the disk, CSV or XLSX
MAX_ROWS = 100_000  # rows after the header (the spreadsheet's row numbers, blank rows included)
MAX_COLUMNS = 200
MAX_CELLS = 2_000_000  # cells of the rows after the header, e.g. 100,000 rows of 20 columns
MAX_CELL = 10_000  # characters in a cell the import takes; a longer cell refuses its row, never cut
MAX_CELL_READ = 100_000  # characters in a cell the reader keeps at all; a longer one refuses the file
MAX_LINE = 1_000_000  # characters in one line of a CSV file

# -- XLSX: a zip of XML parts, checked before anything is unpacked ------------------------------
MAX_XLSX_PARTS = 1_000  # entries in the zip
MAX_XLSX_UNPACKED = 400 * MB  # all entries together, as the zip declares them
MAX_XLSX_SHEET = 256 * MB  # one worksheet's XML (read as a stream)
MAX_XLSX_SHARED = 100 * MB  # the shared strings' XML (held in memory by the reader)
MAX_XLSX_OTHER = 5 * MB  # any other XML part (styles, workbook, relations)
MAX_XLSX_RATIO = 250  # unpacked size / packed size of a part over RATIO_FROM bytes (real sheets: 5 to 30)
RATIO_FROM = 10 * MB
MAX_SHARED_STRINGS = 1_000_000  # different texts in the shared strings
MAX_SHARED_TEXT = 50_000_000  # characters in the shared strings together
MAX_XML_ELEMENTS = 200_000  # elements of a part other than the sheet's cells and shared strings
