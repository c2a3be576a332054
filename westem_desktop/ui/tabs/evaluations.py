"""The Evaluations tab: session, midpoint and final evaluations, and the programme report."""

from __future__ import annotations

from westem_desktop.i18n import _, ngettext
from westem_desktop.ui.tabs.base import MATCHES_TAB, TabPage, no_programme_message


class EvaluationsTab(TabPage):
    prerequisite_tab = MATCHES_TAB

    def title(self) -> str:
        return _("Evaluations")

    def empty_message(self) -> tuple[str, str, str | None] | None:
        if self.programme_id is None:
            return no_programme_message()
        if self.overview.pairs == 0:
            return (
                _("Nothing to evaluate yet"),
                _(
                    "Mentors and mentees evaluate every session, the midpoint and the end of the cycle. "
                    "Their answers are entered here once pairs have met."
                ),
                _("Go to Matches"),
            )
        return None

    def summary_text(self) -> str:
        n = self.overview.pairs
        return ngettext(
            "Evaluations of {n} pair are entered here.", "Evaluations of {n} pairs are entered here.", n
        ).format(n=n)
