"""The Agreements tab: each pair's mentoring agreement, printed for both to sign, and certificates."""

from __future__ import annotations

from westem_desktop.i18n import _, ngettext
from westem_desktop.ui.tabs.base import MATCHES_TAB, TabPage, no_programme_message


class AgreementsTab(TabPage):
    prerequisite_tab = MATCHES_TAB

    def title(self) -> str:
        return _("Agreements")

    def empty_message(self) -> tuple[str, str, str | None] | None:
        if self.programme_id is None:
            return no_programme_message()
        if self.overview.pairs == 0:
            return (
                _("No pairs to write agreements for"),
                _(
                    "A mentoring agreement is written for a pair and printed for the mentor and the mentee "
                    "to sign. Form pairs on the Matches tab first."
                ),
                _("Go to Matches"),
            )
        return None

    def summary_text(self) -> str:
        n = self.overview.active_pairs
        return ngettext(
            "{n} active pair can have its mentoring agreement written and printed here.",
            "{n} active pairs can have their mentoring agreements written and printed here.",
            n,
        ).format(n=n)
