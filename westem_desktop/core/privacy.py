"""A participant's data: everything stored about her as a readable file, erasure, and anonymising a
finished programme.

Erasing keeps what the reports count (role, year of study, fields of expertise, pairs, meetings with
their dates and lengths, ratings, goals met) and removes everything that names or describes the
person. The columns that can hold personal data (core/models.py, read whole), and what erasing does:

- participant: name, email, institution, study_programme, country, languages, interests,
  support_wanted, preferred_mode, availability, consent, consent_date, notes: emptied (erased_at set);
- onboarding_item (her onboarding checklist, with its dates): deleted;
- mentor_request: decline_reason (the written reason of a request she made or answered): emptied;
- of every pair she is in (the texts describe both people of the pair):
  match: termination_reason, notes; phase_progress: notes (the notes of each phase of the cycle);
  meeting: topics, private_notes; agreement: expectations, meeting_frequency, mentor_boundaries,
  mentee_boundaries, confidentiality, off_limits_topics, termination_clause, mentor_success_criteria,
  mentee_success_criteria; agreement_goal: goal, steps, success_measure; evaluation_answer: text
  (the free-text answers; the ratings stay): emptied.

Kept, as they hold no text about a person: the phase checklists (checklist_tick: a fixed item key and a
date), match.reasons (points per matching criterion), meeting dates, lengths, modes and plan steps,
evaluation ratings, certificates (the figures printed and the date: names are not stored, they are
read from the participant when a certificate is printed). The programme's own coordinator_name is the
coordinator's, not a participant's.

The erasure is plain SQL over whichever of these columns a file has, so that the same erasure applies
to a backup of an older schema revision (``core/erasure.py`` applies it to every backup, with
``secure_delete`` and ``VACUUM``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from westem_desktop.core.checklists import onboarding_label
from westem_desktop.core.enums import MatchStatus, MeetingStatus, Mode, ParticipantStatus, Role, Style
from westem_desktop.core.errors import ValidationError
from westem_desktop.core.instruments import FORM_TITLES, INSTRUMENTS
from westem_desktop.core.io.files import write_private
from westem_desktop.core.labels import value_label
from westem_desktop.core.models import (
    Agreement,
    Certificate,
    Evaluation,
    EvaluationAnswer,
    Match,
    Meeting,
    Participant,
)
from westem_desktop.core.names import person_name
from westem_desktop.core.vocabulary import country_name, field_label, interest_labels, language_name, support_label
from westem_desktop.i18n import _, format_date, ngettext, pgettext

Run = Callable[[str, Sequence[object]], list[tuple]]
"""Runs one SQL statement with ``?`` parameters and returns its rows: over a session or a plain connection."""

ERASED_PROFILE: dict[str, object] = {
    "name": "",
    "email": None,
    "institution": "",
    "study_programme": "",
    "country": "",
    "languages": "[]",
    "interests": "[]",
    "support_wanted": "[]",
    "preferred_mode": None,
    "availability": "",
    "consent": False,
    "consent_date": None,
    "notes": "",
}
PAIR_TEXTS: dict[str, tuple[str, ...]] = {
    "match": ("termination_reason", "notes"),
    "phase_progress": ("notes",),
    "meeting": ("topics", "private_notes"),
    "agreement": (
        "expectations",
        "meeting_frequency",
        "mentor_boundaries",
        "mentee_boundaries",
        "confidentiality",
        "off_limits_topics",
        "termination_clause",
        "mentor_success_criteria",
        "mentee_success_criteria",
    ),
    "agreement_goal": ("goal", "steps", "success_measure"),
    "evaluation_answer": ("text",),
}
"""The free texts of a pair, emptied when one of its people is erased."""
PAIR_KEY = {
    "match": "id IN ({ids})",
    "phase_progress": "match_id IN ({ids})",
    "meeting": "match_id IN ({ids})",
    "agreement": "match_id IN ({ids})",
    "agreement_goal": "agreement_id IN (SELECT id FROM agreement WHERE match_id IN ({ids}))",
    "evaluation_answer": "evaluation_id IN (SELECT id FROM evaluation WHERE match_id IN ({ids}))",
}
CHUNK = 500  # ids per statement, well below SQLite's oldest limit of 999 parameters


@dataclass(frozen=True)
class PersonKey:
    """Who was erased, as a backup of the same database recognises her: the row (its id and when it was
    made, so that a reused id is never taken for her) or her e-mail address in the same programme."""

    id: int
    created_at: str | None
    programme_id: int
    programme_created_at: str | None
    email: str | None


@dataclass(frozen=True)
class Erased:
    """What an erasure or anonymising removed from the database, to remove it from the backups too."""

    participants: int
    people: tuple[PersonKey, ...] = ()
    programmes: tuple[tuple[int, str | None], ...] = ()  # anonymised: (id, created_at)


def display_name(participant: Participant) -> str:
    return person_name(participant)


def session_runner(session: Session) -> Run:
    """``Run`` inside the session's transaction (pending ORM changes are flushed first)."""
    from westem_desktop.core.server.engine import run_plain

    session.flush()
    connection = session.connection()

    def run(sql: str, params: Sequence[object]) -> list[tuple]:
        return run_plain(connection, sql, params)

    run.connection = connection  # type: ignore[attr-defined]
    return run


def _chunks(ids: Sequence[int]) -> Iterator[list[int]]:
    for start in range(0, len(ids), CHUNK):
        yield list(ids[start : start + CHUNK])


def _marks(ids: Sequence[int]) -> str:
    return ", ".join("?" * len(ids))


def schema_of(run: Run) -> dict[str, set[str]]:
    """The tables of the file (or of the server's database) and their columns."""
    connection = getattr(run, "connection", None)
    if connection is not None and connection.dialect.name != "sqlite":
        from westem_desktop.core.server.engine import table_columns

        return table_columns(connection)
    tables = [row[0] for row in run("SELECT name FROM sqlite_master WHERE type = 'table'", ())]
    return {table: {row[1] for row in run(f'PRAGMA table_info("{table}")', ())} for table in tables}


def _set(run: Run, schema: dict[str, set[str]], table: str, values: dict[str, object], where: str, params) -> None:
    present = {column: value for column, value in values.items() if column in schema.get(table, ())}
    if present:
        assignments = ", ".join(f'"{column}" = ?' for column in present)
        run(f'UPDATE "{table}" SET {assignments} WHERE {where}', [*present.values(), *params])


def erase_rows(run: Run, participant_ids: Sequence[int]) -> None:
    """Empty every column that can hold personal data of these participants (see the module), in
    whichever of the columns the file has."""
    schema = schema_of(run)
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")
    for ids in _chunks(sorted(set(participant_ids))):
        marks = _marks(ids)
        profile = {**ERASED_PROFILE, "erased_at": now, "updated_at": now}
        _set(run, schema, "participant", profile, f"id IN ({marks})", ids)
        if "onboarding_item" in schema:
            run(f"DELETE FROM onboarding_item WHERE participant_id IN ({marks})", ids)
        where = f"mentee_id IN ({marks}) OR mentor_id IN ({marks})"
        _set(run, schema, "mentor_request", {"decline_reason": ""}, where, ids + ids)
        pairs = [row[0] for row in run(f'SELECT id FROM "match" WHERE {where}', ids + ids)]
        for pair_ids in _chunks(pairs):
            for table, columns in PAIR_TEXTS.items():
                key = PAIR_KEY[table].format(ids=_marks(pair_ids))
                _set(run, schema, table, dict.fromkeys(columns, ""), key, pair_ids)


def _keys(run: Run, participant_ids: Sequence[int]) -> list[PersonKey]:
    keys = []
    for ids in _chunks(list(participant_ids)):
        rows = run(
            "SELECT p.id, p.created_at, g.id, g.created_at, p.email FROM participant p "
            f"JOIN programme g ON g.id = p.programme_id WHERE p.id IN ({_marks(ids)})",
            ids,
        )
        keys += [PersonKey(*row) for row in rows]
    return keys


def find_keys(run: Run, erased: Erased) -> list[int]:
    """The participants of a file (a backup) that ``erased`` names."""
    found: set[int] = set()
    for key in erased.people:
        rows = run(
            "SELECT p.id FROM participant p JOIN programme g ON g.id = p.programme_id "
            "WHERE (p.id = ? AND p.created_at = ?) OR (g.id = ? AND g.created_at = ? AND p.email = ?)",
            (key.id, key.created_at, key.programme_id, key.programme_created_at, key.email),
        )
        found.update(row[0] for row in rows)
    for programme_id, created_at in erased.programmes:
        rows = run(
            "SELECT p.id FROM participant p JOIN programme g ON g.id = p.programme_id "
            "WHERE g.id = ? AND g.created_at = ?",
            (programme_id, created_at),
        )
        found.update(row[0] for row in rows)
    return sorted(found)


def mark_anonymised(run: Run, programmes: Sequence[tuple[int, str | None]]) -> None:
    schema = schema_of(run)
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None).strftime("%Y-%m-%d %H:%M:%S.%f")
    for programme_id, created_at in programmes:
        _set(run, schema, "programme", {"anonymised_at": now}, "id = ? AND created_at = ?", (programme_id, created_at))


def erase_participant(session: Session, participant_id: int) -> Erased:
    """Remove the personal data of one participant; the anonymous counts of the reports stay.

    Returns who was erased, for ``core.erasure.finish_erasure`` (compacting the file, the backups)."""
    session.get_one(Participant, participant_id)
    run = session_runner(session)
    keys = _keys(run, [participant_id])
    erase_rows(run, [participant_id])
    session.expire_all()
    return Erased(participants=1, people=tuple(keys))


@dataclass(frozen=True)
class AnonymiseSummary:
    """What anonymising a programme removes, for the confirmation the coordinator reads first."""

    participants: int
    pairs: int
    meetings_with_notes: int
    agreements: int
    written_answers: int
    active_pairs: int


def anonymise_summary(session: Session, programme_id: int) -> AnonymiseSummary:
    ids = list(
        session.scalars(
            select(Participant.id).where(Participant.programme_id == programme_id, Participant.erased_at.is_(None))
        )
    )
    pairs = select(Match.id).where(Match.programme_id == programme_id).scalar_subquery()

    def count(query) -> int:
        return session.scalar(query) or 0

    return AnonymiseSummary(
        participants=len(ids),
        pairs=count(select(func.count()).select_from(Match).where(Match.programme_id == programme_id)),
        meetings_with_notes=count(
            select(func.count())
            .select_from(Meeting)
            .where(Meeting.match_id.in_(pairs), (Meeting.private_notes != "") | (Meeting.topics != ""))
        ),
        agreements=count(select(func.count()).select_from(Agreement).where(Agreement.match_id.in_(pairs))),
        written_answers=count(
            select(func.count())
            .select_from(EvaluationAnswer)
            .join(Evaluation)
            .where(Evaluation.match_id.in_(pairs), EvaluationAnswer.text != "")
        ),
        active_pairs=count(
            select(func.count()).select_from(Match).where(Match.programme_id == programme_id, Match.status == "active")
        ),
    )


def still_active(pairs: int) -> str:
    """Why a programme cannot be anonymised yet."""
    return ngettext(
        "The programme still has {n} active pair. Close or end it before anonymising.",
        "The programme still has {n} active pairs. Close or end them before anonymising.",
        pairs,
    ).format(n=pairs)


def anonymise_programme(session: Session, programme_id: int) -> Erased:
    """Erase every participant of a finished programme; refuses while pairs are still active."""
    summary = anonymise_summary(session, programme_id)
    if summary.active_pairs:
        raise ValidationError(still_active(summary.active_pairs))
    ids = list(session.scalars(select(Participant.id).where(Participant.programme_id == programme_id)))
    run = session_runner(session)
    programme = run("SELECT id, created_at FROM programme WHERE id = ?", (programme_id,))
    erase_rows(run, ids)
    mark_anonymised(run, programme)
    session.expire_all()
    return Erased(participants=summary.participants, programmes=tuple((row[0], row[1]) for row in programme))


def _lines(label: str, values: dict[str, object]) -> list[str]:
    out = ["", label, "=" * len(label)]
    out += [f"{key}: {value}" for key, value in values.items() if value not in (None, "", [])]
    return out


def _form_title(instrument: str) -> str:
    titles = {kind.value: title for kind, title in FORM_TITLES.items()}
    return _(titles[instrument]) if instrument in titles else instrument


def _question(key: str) -> str:
    labels = {q.key: q.label for questions in INSTRUMENTS.values() for q in questions}
    return _(labels[key]) if key in labels else key


def participant_report(session: Session, participant_id: int) -> str:
    """Everything stored about one participant, as plain text in the interface language."""
    p = session.get_one(Participant, participant_id)
    lines = [
        _("Everything WESTEM Desktop stores about {name}").format(name=display_name(p)),
        _("Made on {date}").format(date=format_date(dt.date.today())),
    ]
    lines += _lines(
        _("Profile"),
        {
            _("Programme"): p.programme.name,
            _("Role"): value_label(Role, p.role),
            _("Name"): p.name,
            _("E-mail"): p.email,
            _("Institution"): p.institution,
            _("Study programme"): p.study_programme,
            _("Year of study"): p.year_of_study,
            _("Fields of expertise"): ", ".join(field_label(f) for f in p.fields),
            _("Country"): country_name(p.country) if p.country else "",
            _("Languages"): ", ".join(language_name(code) for code in p.languages),
            _("Interests"): interest_labels(p.interests),
            _("Support wanted"): ", ".join(support_label(s) for s in p.support_wanted),
            _("Preferred mode"): value_label(Mode, p.preferred_mode) if p.preferred_mode else "",
            _("Availability"): p.availability,
            _("Capacity"): p.capacity,
            _("Status"): value_label(ParticipantStatus, p.status),
            _("Consent"): format_date(p.consent_date) if p.consent else _("no"),
            _("Notes"): p.notes,
            _("Registered"): format_date(p.created_at.date()),
        },
    )
    if p.onboarding:
        done = {onboarding_label(p.role, item.item_key): format_date(item.done_on) for item in p.onboarding}
        lines += _lines(_("Onboarding checklist"), done)
    for match in session.scalars(select(Match).where((Match.mentor_id == p.id) | (Match.mentee_id == p.id))):
        partner = match.mentee if match.mentor_id == p.id else match.mentor
        lines += _lines(
            _("Pair {id}").format(id=match.id),
            {
                _("Partner"): display_name(partner),
                _("Status"): value_label(MatchStatus, match.status),
                _("Style"): value_label(Style, match.style),
                _("Phase"): match.phase,
                _("Start"): format_date(match.start_date),
                pgettext("pair", "Closed"): format_date(match.closed_on),
                pgettext("pair", "Ended"): format_date(match.ended_on),
                _("Reason for ending"): match.termination_reason,
                _("Notes"): match.notes,
            },
        )
        for meeting in match.meetings:
            status = value_label(MeetingStatus, meeting.status)
            lines.append(
                f"- {format_date(meeting.date)}, {meeting.duration_minutes} min, {status}: "
                f"{meeting.topics} {meeting.private_notes}".rstrip()
            )
        agreements = session.scalars(select(Agreement).where(Agreement.match_id == match.id))
        for agreement in agreements:
            for goal in agreement.goals:
                lines.append(
                    _("- Goal {n}: {goal} ({steps})").format(n=goal.position, goal=goal.goal, steps=goal.steps)
                )
        evaluations = session.scalars(
            select(Evaluation).where(Evaluation.match_id == match.id, Evaluation.respondent_role == p.role)
        )
        for evaluation in evaluations:
            answers = "; ".join(
                f"{_question(a.question_key)}: {a.number if a.number is not None else a.text}"
                for a in evaluation.answers
            )
            lines.append(f"- {_form_title(evaluation.instrument)} {format_date(evaluation.submitted_on)}: {answers}")
    for certificate in session.scalars(select(Certificate).where(Certificate.participant_id == p.id)):
        lines.append(_("- Certificate of {date}").format(date=format_date(certificate.issued_on)))
    return "\n".join(lines) + "\n"


def export_participant(session: Session, participant_id: int, path: Path) -> None:
    write_private(path, participant_report(session, participant_id).encode("utf-8"))


def registrations(session: Session, email: str, programme: str | None = None) -> list[Participant]:
    """The participants registered with ``email`` (in ``programme`` when named), oldest first.

    Raises ValidationError for an address nobody has, an unknown programme, or an address not
    registered in the programme named."""
    from westem_desktop.core.programmes import find_programme

    address = email.strip().lower()
    found = list(
        session.scalars(select(Participant).where(func.lower(Participant.email) == address).order_by(Participant.id))
    )
    if programme:
        chosen = find_programme(session, programme)
        if not found:
            raise ValidationError(_("No participant has the e-mail address {email}.").format(email=address), "email")
        found = [person for person in found if person.programme_id == chosen.id]
        if not found:
            raise ValidationError(
                _("{email} is not registered in the programme “{name}”.").format(email=address, name=chosen.name),
                "email",
            )
    if not found:
        raise ValidationError(_("No participant has the e-mail address {email}.").format(email=address), "email")
    return found


def the_registration(session: Session, email: str, programme: str | None = None) -> Participant:
    """The one participant with ``email``; refuses an address registered in several programmes unless
    ``programme`` names one of them (the message names them all)."""
    found = registrations(session, email, programme)
    if len(found) > 1:
        names = ", ".join(f"“{person.programme.name}”" for person in found)
        raise ValidationError(
            _("{email} is registered in several programmes: {names}. Choose one with --programme NAME.").format(
                email=found[0].email, names=names
            ),
            "programme",
        )
    return found[0]


def export_registrations(session: Session, people: Sequence[Participant], path: Path) -> None:
    """Everything stored about a person (each of her registrations) as one text file, written whole."""
    text = "\n".join(participant_report(session, person.id) for person in people)
    write_private(path, text.encode("utf-8"))


def check_export_target(database: Path | None, target: Path) -> None:
    """Refuse an export file name that would replace something (the database, a folder, any file)."""
    if target.is_dir():
        raise ValidationError(_("{file} is a folder; choose a file name for the export.").format(file=target))
    if (database is not None and target.resolve() == database.resolve()) or target.exists() or target.is_symlink():
        raise ValidationError(
            _("{file} already exists; the export never replaces a file. Choose a new file name.").format(file=target)
        )
