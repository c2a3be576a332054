"""The standard texts of the mentoring agreement, from the WESTEM manual (translated when printed)."""

from __future__ import annotations

from westem_desktop.i18n import N_

CONFIDENTIALITY = N_("Every sensitive matter we discuss is kept strictly confidential.")
OFF_LIMITS = N_("Topics that are off limits and are not raised")
TERMINATION = N_(
    "If the mentoring relationship is not productive, either of us may end it by her own decision, without "
    "question or blame, by simply informing the other of the decision."
)
EVERY_SECOND_WEEK = N_("Every second week")  # the meeting frequency a traditional agreement starts from
MENTOR_SUCCESS_EXAMPLES: tuple[str, ...] = (
    N_("I strengthen my mentee’s competences"),
    N_("I pass on my professional and life experience"),
    N_("I give insight into my field of work"),
    N_("I am willing to learn new things myself"),
)
MENTEE_SUCCESS_EXAMPLES: tuple[str, ...] = (
    N_("I define and pursue my professional and personal goals"),
    N_("I address fears and weaknesses openly and work on them"),
    N_("I rethink and question my actions"),
    N_("I accept tips and advice from outside"),
    N_("I make decisions and act on my own responsibility"),
    N_("I am aware of my strengths"),
)
