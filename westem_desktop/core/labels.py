"""Display names of the domain's vocabularies, marked for translation and translated when shown."""

from __future__ import annotations

from enum import Enum

from westem_desktop.core.enums import (
    Format,
    MatchingMode,
    MatchStatus,
    Mode,
    Organisation,
    ParticipantStatus,
    Role,
    Style,
)
from westem_desktop.i18n import N_, _

LABELS: dict[Enum, str] = {
    Role.MENTOR: N_("Mentor"),
    Role.MENTEE: N_("Mentee"),
    ParticipantStatus.ACTIVE: N_("Active"),
    ParticipantStatus.WITHDRAWN: N_("Withdrawn"),
    ParticipantStatus.COMPLETED: N_("Completed"),
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
    MatchStatus.ACTIVE: N_("Active"),
    MatchStatus.CLOSED: N_("Closed"),
    MatchStatus.ENDED: N_("Ended"),
}

LANGUAGE_NAMES: dict[str, str] = {
    # Each language is named in itself, as language menus do everywhere.
    "en": "English",
    "sv": "Svenska",
    "nb": "Norsk bokmål",
    "nl": "Nederlands",
}


def label(value: Enum) -> str:
    """The translated display name of an enum member."""
    return _(LABELS[value])
