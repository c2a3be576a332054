"""Display names of the domain's vocabularies, marked for translation and translated when shown."""

from __future__ import annotations

from enum import Enum

from westem_desktop.core.enums import (
    Format,
    MatchingMode,
    MatchStatus,
    MeetingStatus,
    Mode,
    Organisation,
    ParticipantStatus,
    Role,
    Style,
)
from westem_desktop.i18n import N_, NP_, translate_in

LABELS: dict[Enum, str] = {
    Role.MENTOR: N_("Mentor"),
    Role.MENTEE: N_("Mentee"),
    ParticipantStatus.ACTIVE: NP_("participant", "Active"),
    ParticipantStatus.WITHDRAWN: NP_("participant", "Withdrawn"),
    ParticipantStatus.COMPLETED: NP_("participant", "Completed"),
    Style.TRADITIONAL: N_("Traditional mentoring"),
    Style.FLASH: N_("Flash mentoring"),
    Format.ONE_TO_ONE: N_("One-to-one"),
    Format.GROUP: N_("Group"),
    Format.MIXED: N_("Mixed"),
    Mode.ONLINE: N_("Online"),
    Mode.FACE_TO_FACE: N_("Face-to-face"),
    Mode.HYBRID: N_("Hybrid"),
    Organisation.CENTRAL: N_("Central"),
    Organisation.DECENTRAL: N_("Decentral"),
    MatchingMode.PRESELECTION: N_("Pre-selection by the coordinator"),
    MatchingMode.SELF_MATCHING: N_("Self-matching (mentees send requests)"),
    MatchStatus.ACTIVE: NP_("pair", "Active"),
    MatchStatus.CLOSED: NP_("pair", "Closed"),
    MatchStatus.ENDED: NP_("pair", "Ended"),
    MeetingStatus.PLANNED: NP_("meeting", "Planned"),
    MeetingStatus.HELD: NP_("meeting", "Held"),
    MeetingStatus.CANCELLED: NP_("meeting", "Cancelled"),
}

# Words that need two translations carry a context: Swedish and Norwegian say "aktivt" of a pair
# (neuter) and "aktiv" of a participant. Every label of these enums is marked with NP_(context, …).
CONTEXTS: dict[type[Enum], str] = {ParticipantStatus: "participant", MatchStatus: "pair", MeetingStatus: "meeting"}

LANGUAGE_NAMES: dict[str, str] = {
    # Each language is named in itself, as language menus do everywhere.
    "en": "English",
    "sv": "Svenska",
    "nb": "Norsk bokmål",
    "nl": "Nederlands",
}


def label(value: Enum, language: str | None = None) -> str:
    """The display name of an enum member in ``language`` (default: the interface language)."""
    return translate_in(language, LABELS[value], CONTEXTS.get(type(value)))


def value_label(enum: type[Enum], value: str, language: str | None = None) -> str:
    """The display name of a stored ``value`` of ``enum``; an unknown value is shown as it is."""
    try:
        return label(enum(value), language)
    except ValueError:
        return value
