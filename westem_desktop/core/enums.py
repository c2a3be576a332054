"""The fixed vocabularies of the domain (DOMAIN.md), stored by their values.

Each enum is a ``StrEnum`` so the database holds readable words ("traditional", "face_to_face")
that survive a reordering of members. Labels for the screen and the documents are in
``westem_desktop.core.labels`` and are translated when shown.
"""

from __future__ import annotations

from enum import IntEnum, StrEnum

from westem_desktop.i18n import LANGUAGES as LANGUAGES  # the four languages, defined with the catalogues


class Role(StrEnum):
    MENTOR = "mentor"
    MENTEE = "mentee"


class ParticipantStatus(StrEnum):
    ACTIVE = "active"
    WITHDRAWN = "withdrawn"
    COMPLETED = "completed"


class Style(StrEnum):
    """Traditional: full cycle, formal agreement, up to four months. Flash: one topic, skips phase 3."""

    TRADITIONAL = "traditional"
    FLASH = "flash"


class Format(StrEnum):
    ONE_TO_ONE = "one_to_one"
    GROUP = "group"
    MIXED = "mixed"


class Mode(StrEnum):
    ONLINE = "online"
    FACE_TO_FACE = "face_to_face"
    HYBRID = "hybrid"


class Organisation(StrEnum):
    CENTRAL = "central"
    DECENTRAL = "decentral"


class MatchingMode(StrEnum):
    PRESELECTION = "preselection"
    SELF_MATCHING = "self_matching"


class RequestStatus(StrEnum):
    PENDING = "pending"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    WITHDRAWN = "withdrawn"


class MatchStatus(StrEnum):
    """A pair's life: active while in the cycle, closed after phase 4, ended early without blame."""

    ACTIVE = "active"
    CLOSED = "closed"
    ENDED = "ended"


class Initiator(StrEnum):
    COORDINATOR = "coordinator"
    MENTEE_REQUEST = "mentee_request"
    SUGGESTION = "suggestion"


class Phase(IntEnum):
    PREPARATION = 1
    NEGOTIATION = 2
    ACTIVATION = 3
    CLOSURE = 4


class MeetingStatus(StrEnum):
    PLANNED = "planned"
    HELD = "held"
    CANCELLED = "cancelled"


class AgreementStatus(StrEnum):
    DRAFT = "draft"
    PRINTED = "printed"
    SIGNED = "signed"
    SUPERSEDED = "superseded"


class Instrument(StrEnum):
    SESSION = "session"
    MIDPOINT = "midpoint"
    FINAL = "final"


MAX_GOALS = 3
"""The manual: at most three specific goals in an agreement."""

MAX_REQUESTS = 3
"""A mentee may rank up to three requested mentors."""
