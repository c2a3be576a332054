"""Who gets which letter: the drafts of introductions, invitations, reminders and thanks, each filled
in its language from the programme's templates, with the agreement or the certificate attached.

Nothing here writes to the database or sends anything: ``documents.letters.rendered`` makes the
attached PDFs, ``eml.write_drafts`` writes the drafts as files for the coordinator's own mail program.
A person who cannot get a letter (no e-mail address, an erased participant, a pair that is not closed
for thanks) is a ``Refused`` row with the reason.

The language of a letter: the one asked for (``language``) wins; else the pair's own language rule
(``programmes.document_language``); for a person without an active pair, the programme's.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, NamedTuple

from sqlalchemy import select

from westem_desktop.core.enums import MatchStatus, MeetingStatus, ParticipantStatus, Phase, Role
from westem_desktop.core.errors import ValidationError
from westem_desktop.core.letters.templates import PLACEHOLDERS, Kind, render, template
from westem_desktop.core.letters.text import one_line
from westem_desktop.core.models import Match, Meeting, Participant, PhaseProgress, Programme
from westem_desktop.i18n import N_, NP_, _, format_date, format_number, translate_in

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from westem_desktop.core.db import Database
    from westem_desktop.core.printables import AgreementDocument, CertificateDocument

FIRST_MEETING_WITHIN = dt.timedelta(days=14)
EVALUATION_DUE_AFTER = dt.timedelta(days=7)
STEM_CHARS = 80
STEM_BYTES = 150
CERTIFICATE_NAME_CHARS = 60

GROUPS = ("all", "mentors", "mentees")  # and "phase:N", N one of the four phases

FILE_WORDS = {
    Kind.INTRODUCTION: NP_("file name", "introduction"),
    Kind.INVITATION: NP_("file name", "invitation"),
    Kind.QUIET_REMINDER: NP_("file name", "reminder"),
    Kind.EVALUATION_REMINDER: NP_("file name", "evaluation-reminder"),
    Kind.THANKS: NP_("file name", "thanks"),
}
NO_MEETING_YET = NP_("last meeting", "none yet")


@dataclass(frozen=True)
class Recipient:
    name: str
    email: str


@dataclass(frozen=True)
class Attachment:
    """A file attached to a draft. The core makes no PDF: an attachment comes with the plain
    ``document`` (an ``AgreementDocument`` or a ``CertificateDocument``) in ``language`` and no
    ``data``; ``documents.letters.rendered`` fills ``data`` before the drafts are written."""

    filename: str
    data: bytes = b""
    mime: str = "application/pdf"
    document: AgreementDocument | CertificateDocument | None = field(default=None, compare=False, repr=False)
    language: str = ""


@dataclass(frozen=True)
class Draft:
    kind: Kind
    language: str
    sender: Recipient | None
    to: tuple[Recipient, ...]
    subject: str
    body: str
    attachments: tuple[Attachment, ...]
    match_id: int | None
    participant_id: int | None
    file_stem: str
    """A safe file name without its extension."""


@dataclass(frozen=True)
class Refused:
    who: str
    reason: str


class Drafts(NamedTuple):
    drafts: list[Draft]
    refused: list[Refused]


def file_stem(kind: Kind, language: str, *parts: object) -> str:
    """``kind``'s word in ``language`` and ``parts`` (ids, names) as one safe file name: letters, digits
    and dashes, cut at ``STEM_CHARS`` characters and ``STEM_BYTES`` bytes."""
    return _safe(translate_in(language, FILE_WORDS[kind], "file name"), *parts)


def _safe(*parts: object) -> str:
    text = "-".join(str(part) for part in parts if str(part))
    stem = re.sub(r"\W+", "-", text).strip("-_")[:STEM_CHARS]
    while len(stem.encode("utf-8")) > STEM_BYTES:
        stem = stem[:-1]
    return stem.strip("-_") or "letter"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def _first_name(name: str) -> str:
    """The first word of a name (the names are stored whole)."""
    return name.split()[0] if name.split() else name


def _name(person: Participant, language: str | None) -> str:
    from westem_desktop.core.names import person_name

    return person_name(person, language)


def _why_not(person: Participant) -> str | None:
    """Why ``person`` cannot be written to, or None."""
    if person.erased_at is not None:
        return _("erased participant")
    if not (person.email or "").strip():
        return _("no e-mail address")
    from email.headerregistry import Address

    try:
        Address(addr_spec=person.email.strip())
    except (ValueError, IndexError, TypeError):
        return _("not a valid e-mail address")
    return None


def _recipient(person: Participant, language: str) -> Recipient:
    return Recipient(_name(person, language), person.email.strip())


def _sender(programme: Programme) -> Recipient | None:
    email = (programme.coordinator_email or "").strip()
    return Recipient(programme.coordinator_name or programme.name, email) if email else None


def _common(programme: Programme, name: str) -> dict[str, str]:
    return {
        "programme": programme.name,
        "coordinator": programme.coordinator_name,
        "coordinator_email": programme.coordinator_email or "",
        "name": name,
        "first_name": _first_name(name),
    }


def _language(session: Session, language: str | None, match_id: int | None, programme_id: int) -> str:
    from westem_desktop.core.programmes import document_language

    if language:
        return language
    if match_id is not None:
        return document_language(session, match_id=match_id)
    return document_language(session, programme_id=programme_id)


def _role(role: str, language: str | None) -> str:
    from westem_desktop.core.labels import label

    return _lower_first(label(Role(role), language))


def _phase(phase: int, language: str) -> str:
    from westem_desktop.core.checklists import PHASE_NAMES

    return _lower_first(translate_in(language, PHASE_NAMES[Phase(phase)]))


def _pair_words(match: Match) -> str:
    return _("pair {id} ({mentor} and {mentee})").format(
        id=match.id, mentor=_name(match.mentor, None), mentee=_name(match.mentee, None)
    )


def _draft(
    session: Session,
    programme: Programme,
    kind: Kind,
    language: str,
    to: Sequence[Recipient],
    values: dict[str, str],
    stem: str,
    match_id: int | None = None,
    participant_id: int | None = None,
    attachments: Sequence[Attachment] = (),
) -> Draft:
    missing = PLACEHOLDERS[kind] - values.keys()
    values.update(dict.fromkeys(missing, ""))
    values = {key: one_line(value) for key, value in values.items()}  # a name never breaks or turns a line
    subject, body = render(template(session, programme.id, kind, language), values)
    return Draft(
        kind, language, _sender(programme), tuple(to), subject, body, tuple(attachments), match_id, participant_id, stem
    )


def _pairs(session: Session, programme_id: int, match_ids: Sequence[int]) -> list[Match]:
    """The programme's pairs ``match_ids`` (each once, in the given order); an id that is not one of
    the programme's pairs is refused."""
    found = []
    for match_id in dict.fromkeys(match_ids):
        match = session.get(Match, match_id)
        if match is None or match.programme_id != programme_id:
            raise ValidationError(_("There is no pair {id}.").format(id=match_id), "match")
        found.append(match)
    return found


def _agreement(session: Session, match: Match, language: str) -> Attachment:
    """The pair's agreement as saved (the newest version), else blank to complete at the first meeting."""
    from westem_desktop.core import agreements

    by_hand = agreements.current(session, match.id) is None
    document = agreements.agreement_document(session, match.id, None, language, by_hand)
    name = _safe(translate_in(language, NP_("file name", "agreement"), "file name"), match.id)
    return Attachment(f"{name}.pdf", document=document, language=language)


def introductions(
    db: Database,
    programme_id: int,
    match_ids: Sequence[int] | None = None,
    language: str | None = None,
    attach_agreement: bool = True,
) -> Drafts:
    """One letter to both people of each pair, introducing them to each other (default: the active pairs
    in the first phase with no first contact recorded), the agreement attached."""
    drafts, refused = [], []
    with db.reading() as session:
        programme = session.get_one(Programme, programme_id)
        if match_ids is None:
            match_ids = session.scalars(
                select(Match.id)
                .where(
                    Match.programme_id == programme_id,
                    Match.status == MatchStatus.ACTIVE,
                    Match.phase == Phase.PREPARATION,
                    Match.first_contact_on.is_(None),
                )
                .order_by(Match.id)
            ).all()
        for match in _pairs(session, programme_id, match_ids):
            if match.status != MatchStatus.ACTIVE:
                refused.append(Refused(_pair_words(match), _("the pair is not active")))
                continue
            reasons = [
                f"{_role(role, None)}: {why}"
                for role, person in ((Role.MENTOR, match.mentor), (Role.MENTEE, match.mentee))
                if (why := _why_not(person))
            ]
            if reasons:
                refused.append(Refused(_pair_words(match), "; ".join(reasons)))
                continue
            lang = _language(session, language, match.id, programme_id)
            mentor, mentee = _recipient(match.mentor, lang), _recipient(match.mentee, lang)
            values = _common(programme, mentee.name) | {
                "mentor": mentor.name,
                "mentee": mentee.name,
                "mentor_email": mentor.email,
                "mentee_email": mentee.email,
                "first_meeting_by": format_date(match.created_on + FIRST_MEETING_WITHIN, language=lang),
            }
            attachments = [_agreement(session, match, lang)] if attach_agreement else []
            stem = file_stem(Kind.INTRODUCTION, lang, match.id, mentor.name, mentee.name)
            drafts.append(
                _draft(
                    session,
                    programme,
                    Kind.INTRODUCTION,
                    lang,
                    (mentor, mentee),
                    values,
                    stem,
                    match.id,
                    None,
                    attachments,
                )
            )
    return Drafts(drafts, refused)


def _active_pair_of(session: Session, person: Participant) -> Match | None:
    column = Match.mentor_id if person.role == Role.MENTOR else Match.mentee_id
    return session.scalars(
        select(Match).where(column == person.id, Match.status == MatchStatus.ACTIVE).order_by(Match.id.desc()).limit(1)
    ).first()


def invitations(db: Database, programme_id: int, group: str = "all", language: str | None = None) -> Drafts:
    """One invitation to each active participant of ``group``: "all", "mentors", "mentees" or
    "phase:N" (both people of every active pair in phase N)."""
    phase: int | None = None
    if group.startswith("phase:"):
        try:
            phase = Phase(int(group.removeprefix("phase:")))
        except ValueError:
            phase = None
        if phase is None:
            raise ValidationError(_("Choose a phase from 1 to 4: phase:1 … phase:4."), "group")
    elif group not in GROUPS:
        raise ValidationError(_("Choose a group: all, mentors, mentees or phase:N."), "group")
    drafts, refused = [], []
    with db.reading() as session:
        programme = session.get_one(Programme, programme_id)
        if phase is not None:
            pairs = session.scalars(
                select(Match)
                .where(Match.programme_id == programme_id, Match.status == MatchStatus.ACTIVE, Match.phase == phase)
                .order_by(Match.id)
            ).all()
            people = [(person, pair) for pair in pairs for person in (pair.mentor, pair.mentee)]
        else:
            query = select(Participant).where(
                Participant.programme_id == programme_id, Participant.status == ParticipantStatus.ACTIVE
            )
            if group != "all":
                query = query.where(Participant.role == (Role.MENTOR if group == "mentors" else Role.MENTEE))
            people = [(person, None) for person in session.scalars(query.order_by(Participant.id))]
        for person, pair in people:
            if (why := _why_not(person)) is not None:
                refused.append(Refused(_name(person, None), why))
                continue
            pair = pair or _active_pair_of(session, person)
            lang = _language(session, language, pair.id if pair else None, programme_id)
            to = _recipient(person, lang)
            values = _common(programme, to.name) | {
                "role": _role(person.role, lang),
                "phase": _phase(phase, lang) if phase is not None else "",
            }
            stem = file_stem(Kind.INVITATION, lang, person.id, to.name)
            drafts.append(_draft(session, programme, Kind.INVITATION, lang, (to,), values, stem, None, person.id))
    return Drafts(drafts, refused)


def quiet_reminders(
    db: Database,
    programme_id: int,
    match_ids: Sequence[int] | None = None,
    language: str | None = None,
    *,
    today: dt.date | None = None,
) -> Drafts:
    """One letter to both people of each quiet pair (the attention list's pairs without a meeting for
    the programme's weeks, or the given pairs), asking how it goes."""
    from westem_desktop.core.attention import Reason, attention_list

    today = today or dt.date.today()
    drafts, refused = [], []
    with db.reading() as session:
        programme = session.get_one(Programme, programme_id)
        if match_ids is None:
            quiet = attention_list(session, programme_id, today)
            match_ids = [a.match_id for a in quiet if a.reason == Reason.NO_MEETING]
        for match in _pairs(session, programme_id, match_ids):
            if match.status != MatchStatus.ACTIVE:
                refused.append(Refused(_pair_words(match), _("the pair is not active")))
                continue
            lang = _language(session, language, match.id, programme_id)
            to = []
            for person in (match.mentor, match.mentee):
                if (why := _why_not(person)) is not None:
                    refused.append(Refused(_name(person, None), why))
                else:
                    to.append(_recipient(person, lang))
            if not to:
                continue
            last = session.scalar(
                select(Meeting.date)
                .where(Meeting.match_id == match.id, Meeting.status == MeetingStatus.HELD, Meeting.date <= today)
                .order_by(Meeting.date.desc())
                .limit(1)
            )
            since = last or match.start_date or match.created_on
            mentor, mentee = _name(match.mentor, lang), _name(match.mentee, lang)
            values = _common(programme, to[0].name if len(to) == 1 else mentee) | {
                "mentor": mentor,
                "mentee": mentee,
                "phase": _phase(match.phase, lang),
                "last_contact": format_date(last, language=lang)
                if last
                else translate_in(lang, NO_MEETING_YET, "last meeting"),
                "weeks_quiet": str(max(0, (today - since).days // 7)),
            }
            stem = file_stem(Kind.QUIET_REMINDER, lang, match.id, mentor, mentee)
            drafts.append(_draft(session, programme, Kind.QUIET_REMINDER, lang, to, values, stem, match.id))
    return Drafts(drafts, refused)


def _due(session: Session, match: Match, instrument: str, meeting_day: dt.date | None, today: dt.date) -> dt.date:
    """When a form was due: a week after its meeting, after the pair reached activation (midpoint) or
    after it closed (final)."""
    if meeting_day is not None:
        return meeting_day + EVALUATION_DUE_AFTER
    if instrument == "final" and match.closed_on:
        return match.closed_on + EVALUATION_DUE_AFTER
    started = session.scalar(
        select(PhaseProgress.started_on).where(
            PhaseProgress.match_id == match.id, PhaseProgress.phase == Phase.ACTIVATION
        )
    )
    return started + EVALUATION_DUE_AFTER if started else today


def evaluation_reminders(
    db: Database,
    programme_id: int,
    match_ids: Sequence[int] | None = None,
    language: str | None = None,
    *,
    today: dt.date | None = None,
) -> Drafts:
    """One letter to each person with an evaluation form outstanding (``core.evaluations``), for each
    pair, naming the forms (several in one letter)."""
    from babel.lists import format_list

    from westem_desktop.core.evaluations import outstanding
    from westem_desktop.core.instruments import FORM_TITLES
    from westem_desktop.i18n import babel_locale

    today = today or dt.date.today()
    drafts, refused = [], []
    with db.reading() as session:
        programme = session.get_one(Programme, programme_id)
        wanted = set(match_ids) if match_ids is not None else None
        if wanted is not None:
            _pairs(session, programme_id, list(wanted))
        forms: dict[tuple[int, str], list] = {}
        for form in outstanding(session, programme_id):
            if wanted is None or form.match_id in wanted:
                forms.setdefault((form.match_id, form.role), []).append(form)
        for (match_id, role), pending in forms.items():
            match = session.get_one(Match, match_id)
            person = match.mentor if role == Role.MENTOR else match.mentee
            if (why := _why_not(person)) is not None:
                refused.append(Refused(_name(person, None), why))
                continue
            lang = _language(session, language, match.id, programme_id)
            to = _recipient(person, lang)
            names = []
            for form in pending:
                title = translate_in(lang, FORM_TITLES[form.instrument])
                if form.meeting_date is not None:
                    title = translate_in(lang, "{form}, {date}").format(
                        form=title, date=format_date(form.meeting_date, language=lang)
                    )
                names.append(_lower_first(title))
            due = min(_due(session, match, f.instrument, f.meeting_date, today) for f in pending)
            values = _common(programme, to.name) | {
                "mentor": _name(match.mentor, lang),
                "mentee": _name(match.mentee, lang),
                "form": format_list(names, locale=babel_locale(lang)),
                "due": format_date(due, language=lang),
            }
            stem = file_stem(Kind.EVALUATION_REMINDER, lang, match.id, to.name)
            drafts.append(
                _draft(session, programme, Kind.EVALUATION_REMINDER, lang, (to,), values, stem, match.id, person.id)
            )
    return Drafts(drafts, refused)


def reminders(
    db: Database,
    programme_id: int,
    match_ids: Sequence[int] | None = None,
    language: str | None = None,
    *,
    today: dt.date | None = None,
) -> Drafts:
    """The quiet pairs' reminders and the missing evaluations' reminders together."""
    quiet = quiet_reminders(db, programme_id, match_ids, language, today=today)
    missing = evaluation_reminders(db, programme_id, match_ids, language, today=today)
    return Drafts(quiet.drafts + missing.drafts, quiet.refused + missing.refused)


def thanks(
    db: Database,
    programme_id: int,
    match_ids: Sequence[int] | None = None,
    language: str | None = None,
    attach_certificate: bool = True,
) -> Drafts:
    """A letter of thanks to each person of each closed pair (default: every closed pair), her own
    certificate attached. Attaching records nothing: a certificate is recorded as issued when printed."""
    from westem_desktop.core import agreements

    drafts, refused = [], []
    with db.reading() as session:
        programme = session.get_one(Programme, programme_id)
        if match_ids is None:
            match_ids = agreements.closed_pairs(session, programme_id)
        for match in _pairs(session, programme_id, match_ids):
            if match.status != MatchStatus.CLOSED:
                refused.append(Refused(_pair_words(match), _("the pair is not closed")))
                continue
            lang = _language(session, language, match.id, programme_id)
            documents = {doc.participant_id: doc for doc in agreements.certificate_documents(session, [match.id], lang)}
            for person, role in ((match.mentee, Role.MENTEE), (match.mentor, Role.MENTOR)):
                if (why := _why_not(person)) is not None:
                    refused.append(Refused(_name(person, None), why))
                    continue
                to = _recipient(person, lang)
                doc = documents[person.id]
                hours = format_number(round(doc.minutes / 60, 1), lang)
                values = _common(programme, to.name) | {
                    "mentor": _name(match.mentor, lang),
                    "mentee": _name(match.mentee, lang),
                    "role": _role(role, lang),
                    "hours": hours,
                }
                attachments = []
                if attach_certificate:
                    name = _safe(
                        translate_in(lang, NP_("file name", "certificate"), "file name"),
                        doc.name[:CERTIFICATE_NAME_CHARS],
                        translate_in(lang, N_("mentor") if role == Role.MENTOR else N_("mentee")),
                    )
                    attachments.append(Attachment(f"{name}.pdf", document=doc, language=lang))
                stem = file_stem(Kind.THANKS, lang, match.id, to.name)
                drafts.append(
                    _draft(session, programme, Kind.THANKS, lang, (to,), values, stem, match.id, person.id, attachments)
                )
    return Drafts(drafts, refused)
