"""The Cycle tab: every pair through preparation, negotiation, activation and closure."""

from __future__ import annotations

from westem_desktop.core.checklists import PHASE_NAMES
from westem_desktop.core.enums import Phase
from westem_desktop.i18n import _
from westem_desktop.ui.tabs.base import MATCHES_TAB, TabPage, no_programme_message


class CycleTab(TabPage):
    prerequisite_tab = MATCHES_TAB

    def title(self) -> str:
        return _("Cycle")

    def empty_message(self) -> tuple[str, str, str | None] | None:
        if self.programme_id is None:
            return no_programme_message()
        if self.overview.pairs == 0:
            return (
                _("No pairs to follow yet"),
                _(
                    "Once pairs are formed, follow each of them here through the four phases of the "
                    "mentoring cycle: preparation, negotiation, activation and closure."
                ),
                _("Go to Matches"),
            )
        return None

    def summary_text(self) -> str:
        counts = self.overview.pairs_by_phase
        return " · ".join(f"{_(PHASE_NAMES[phase])}: {counts.get(int(phase), 0)}" for phase in Phase)
