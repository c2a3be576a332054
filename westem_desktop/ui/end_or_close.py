"""The words that tell closing a pair (finished, after phase 4) from ending it (stopped early, without
blame), for the buttons that do either and the help beside them, and what follows closing."""

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


def thanks_offer() -> str:
    """Said when a pair is closed, asking whether to write the thanks now."""
    return _(
        "The mentoring cycle is complete. Enter the final evaluations of the mentor and the mentee on "
        "the Evaluations tab, and print their certificates on the Agreements tab.\n\nWrite the e-mails thanking "
        "them now, with their certificates attached?"
    )
