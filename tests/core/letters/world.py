"""A small programme for the letters' tests: a new pair, a new Swedish pair, a quiet pair and a closed
pair, with names that test the headers (Vietnamese, Polish, 200 characters, quotes, commas, markup)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from email import message_from_bytes, policy
from email.message import EmailMessage

from westem_desktop.core import participants as people
from westem_desktop.core.cycle import advance, close_pair
from westem_desktop.core.meetings import log_meeting
from westem_desktop.core.models import Match
from westem_desktop.core.pairs import create_pair, set_first_contact
from westem_desktop.core.programmes import ProgrammeSettings, create_programme

TODAY = dt.date(2026, 10, 15)
HOA = "Nguyễn Thị Hoa"
LUCJA = "Łucja Wiśniewska"
LONG = ("Nguyễn-Wiśniewska Ørjan " * 10)[:199] + "z"  # 200 characters
QUOTED = 'Seán "Mac" O\'Brien, <b>PhD</b>; Jr.'
COORDINATOR = ("Karin Berg", "karin.berg@uu.se")


@dataclass(frozen=True)
class World:
    programme_id: int
    new: int  # Hoa (mentee) and Łucja (mentor), created three days ago
    swedish: int  # Saga (mentee) and the 200-character mentor, in Swedish
    quiet: int  # Elin (mentee) and the quoted mentor, last met 45 days ago
    closed: int  # Maja (mentee) and Ingrid (mentor), flash, closed ten days ago
    ids: dict[str, int]


def build(db) -> World:
    """The world, in ``db`` (any engine)."""
    with db.session() as session:
        programme_id = create_programme(
            session,
            ProgrammeSettings(
                name="Letters 2026",
                coordinator_name=COORDINATOR[0],
                coordinator_email=COORDINATOR[1],
                attention_weeks=4,
            ),
        ).id
        ids = {}
        for name, email, role in (
            (LUCJA, "lucja@uu.se", "mentor"),
            (LONG, "long@uu.se", "mentor"),
            (QUOTED, "sean@uu.se", "mentor"),
            ("Ingrid Holm", "ingrid@uu.se", "mentor"),
            (HOA, "hoa@uu.se", "mentee"),
            ("Saga Lind", "saga@uu.se", "mentee"),
            ("Elin Berg", "elin@uu.se", "mentee"),
            ("Maja Ek", "maja@uu.se", "mentee"),
        ):
            ids[name] = people.create_participant(
                session, programme_id, people.ParticipantData(role=role, name=name, email=email)
            ).id
        new = create_pair(session, ids[HOA], ids[LUCJA], style="traditional", today=TODAY - dt.timedelta(days=3)).id
        swedish = create_pair(
            session, ids["Saga Lind"], ids[LONG], style="traditional", today=TODAY - dt.timedelta(days=3)
        ).id
        session.get_one(Match, swedish).language = "sv"
        quiet = create_pair(
            session, ids["Elin Berg"], ids[QUOTED], style="traditional", today=TODAY - dt.timedelta(days=60)
        ).id
        set_first_contact(session, quiet, TODAY - dt.timedelta(days=58))
        log_meeting(session, quiet, TODAY - dt.timedelta(days=45), 60, today=TODAY)
        closed = create_pair(
            session, ids["Maja Ek"], ids["Ingrid Holm"], style="flash", today=TODAY - dt.timedelta(days=100)
        ).id
        set_first_contact(session, closed, TODAY - dt.timedelta(days=99))
        log_meeting(session, closed, TODAY - dt.timedelta(days=90), 90, today=TODAY)
        advance(session, closed, TODAY - dt.timedelta(days=80))
        advance(session, closed, TODAY - dt.timedelta(days=40))
        close_pair(session, closed, TODAY - dt.timedelta(days=10))
    return World(programme_id, new, swedish, quiet, closed, ids)


def parse(data: bytes) -> EmailMessage:
    """A draft's bytes read back as a mail program would."""
    message = message_from_bytes(data, policy=policy.default)
    assert isinstance(message, EmailMessage)
    return message


def text_of(message: EmailMessage) -> str:
    """The plain text body, its lines as a mail program shows them (the file ends them with CRLF)."""
    body = message.get_body(preferencelist=("plain",))
    assert body is not None and body.get_content_charset() == "utf-8"
    return body.get_content().replace("\r\n", "\n")


def pdf_text(data: bytes) -> str:
    """The text of a PDF, as pypdf reads it (a PDF it cannot read fails the test)."""
    import io

    from pypdf import PdfReader

    assert data.startswith(b"%PDF-")
    return "\n".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(data)).pages)
