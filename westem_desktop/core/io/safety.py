"""Cells that a spreadsheet would run as a formula are neutralised before they are written.

A value starting with = + - @, a tab or a carriage return can be taken for a formula (CSV injection,
OWASP). In a CSV it gets a leading apostrophe, which Excel and LibreOffice show as plain text; in an
XLSX it is written as a text cell marked the way Excel marks text typed after an apostrophe. Numbers
such as "-3" are data, not formulas, and stay as they are.
"""

from __future__ import annotations

import re

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NUMBER = re.compile(r"^[+-]?\d+([.,]\d+)?$")


def looks_like_formula(value: object) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_START) and not NUMBER.match(value)


def spreadsheet_safe(value: object) -> object:
    if looks_like_formula(value):
        return "'" + str(value)
    return value
