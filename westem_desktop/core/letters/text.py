"""Text from the database made safe for one line of a letter: a header, or a name in the body."""

from __future__ import annotations

import re

# Control characters and line breaks (a line break in a name would start a header, or a hostile line in the
# body), and the bidirectional controls that can show a name reversed or disguised (U+202E and its kin).
_CONTROLS = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029\u0085\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]+")


def one_line(text: str) -> str:
    """``text`` with every control character, line break or direction control a single space."""
    return " ".join(_CONTROLS.sub(" ", text).split())
