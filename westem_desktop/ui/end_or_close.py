"""The words that tell closing a pair (finished, after phase 4) from ending it (stopped early, without
blame), for the buttons that do either and the help beside them."""

from __future__ import annotations

from westem_desktop.i18n import _


def end_tip() -> str:
    return _(
        "End the pair early, before its cycle is done: either of the two may end it, without blame. "
        "The mentor’s place becomes free."
    )


def close_tip() -> str:
    return _("Close the pair: it has finished its cycle after phase 4. A pair that stops early is ended instead.")


def end_or_close_help() -> str:
    return _(
        "A pair is closed when it has finished its cycle after phase 4 (Cycle tab); it is ended when it stops "
        "early, without blame ({button})."
    ).format(button=_("&End pair…").replace("&", ""))
