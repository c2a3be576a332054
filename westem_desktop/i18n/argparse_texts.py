"""The command line's own texts (``usage:``, ``options``, its error messages) in the interface language.

``argparse`` looks its texts up with the ``_``/``ngettext`` of its module; ``install()`` points them at
our catalogue. The texts are listed here, word for word as Python 3.11 to 3.13 write them, so that they
are extracted and translated with the rest.
"""

from __future__ import annotations

import argparse

from westem_desktop.i18n import N_, _, ngettext

TEXTS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("show program's version number and exit"),
    N_("%(prog)s: error: %(message)s\n"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("unrecognized arguments: %s"),
    N_("the following arguments are required: %s"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("invalid %(type)s value: %(value)r"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("not allowed with argument %s"),
    N_("one of the arguments %s is required"),
    N_("can't open '%(filename)s': %(error)s"),
)


def install() -> None:
    """Make ``argparse`` speak the interface language (read at the moment each text is shown)."""
    argparse._ = _  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]
