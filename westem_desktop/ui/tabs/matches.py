"""The Matches tab: requests, suggestions and the pairs of the programme."""

from __future__ import annotations

from westem_desktop.i18n import _, ngettext
from westem_desktop.ui.tabs.base import PARTICIPANTS_TAB, TabPage, no_programme_message


class MatchesTab(TabPage):
    prerequisite_tab = PARTICIPANTS_TAB

    def title(self) -> str:
        return _("Matches")

    def empty_message(self) -> tuple[str, str, str | None] | None:
        if self.programme_id is None:
            return no_programme_message()
        if self.overview.mentors == 0 or self.overview.mentees == 0:
            return (
                _("Register mentors and mentees first"),
                _("Pairs are formed from the mentors and mentees on the Participants tab."),
                _("Go to Participants"),
            )
        if self.overview.pairs == 0:
            return (
                _("No pairs yet"),
                _(
                    "Record the mentees’ requests to mentors, or let the application suggest pairs "
                    "by the criteria you choose."
                ),
                None,
            )
        return None

    def summary_text(self) -> str:
        n = self.overview.active_pairs
        return ngettext("{n} active pair", "{n} active pairs", n).format(n=n)
