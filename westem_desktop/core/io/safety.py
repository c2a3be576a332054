"""Cells that a spreadsheet would run as a formula are neutralised before they are written.

A value starting with = + - @, a tab or a carriage return can be taken for a formula (CSV injection,
OWASP). It gets a leading apostrophe, which Excel and LibreOffice show as plain text. Numbers such as
"-3" are data, not formulas, and stay as they are.
"""

from __future__ import annotations

import re

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"^[+-]?\d+([.,]\d+)?$")


def spreadsheet_safe(value: object) -> object:
    if not isinstance(value, str) or not value.startswith(FORMULA_START) or NUMBER.match(value):
        return value
    return "'" + value
