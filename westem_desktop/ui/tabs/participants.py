"""The Participants tab: the register of mentors and mentees."""

from __future__ import annotations

from westem_desktop.i18n import _, ngettext
from westem_desktop.ui.tabs.base import TabPage, no_programme_message


class ParticipantsTab(TabPage):
    def title(self) -> str:
        return _("Participants")

    def empty_message(self) -> tuple[str, str, str | None] | None:
        if self.programme_id is None:
            return no_programme_message()
        if self.overview.participants == 0:
            return (
                _("No mentors or mentees yet"),
                _(
                    "Register the mentors and mentees of this programme: add them one by one, or import "
                    "the spreadsheet from your registration form."
                ),
                None,
            )
        return None

    def summary_text(self) -> str:
        mentors = ngettext("{n} mentor", "{n} mentors", self.overview.mentors).format(n=self.overview.mentors)
        mentees = ngettext("{n} mentee", "{n} mentees", self.overview.mentees).format(n=self.overview.mentees)
        return _("This programme has {mentors} and {mentees}.").format(mentors=mentors, mentees=mentees)
