"""A realistic, deterministic demo programme: invented mentors and mentees, pairs in every phase.

It serves the first start ("open the demo programme"), the tests and the stress benchmarks
(10,000 participants, about 5,000 pairs). The same ``participants``, ``seed`` and ``today`` give the
same data. Rows are written with bulk INSERTs and ids assigned here, so 10,000 participants take a
few seconds; the whole programme is one transaction.
"""

from __future__ import annotations

import datetime as dt
import json
import random
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from westem_desktop import paths
from westem_desktop.core.checklists import onboarding_keys, phase_keys
from westem_desktop.core.enums import (
    AgreementStatus,
    Format,
    Initiator,
    Instrument,
    MatchingMode,
    MatchStatus,
    MeetingStatus,
    Mode,
    ParticipantStatus,
    Role,
    Style,
)
from westem_desktop.core.instruments import INSTRUMENTS
from westem_desktop.core.models import (
    Agreement,
    AgreementGoal,
    Base,
    Certificate,
    ChecklistTick,
    Evaluation,
    EvaluationAnswer,
    Match,
    Meeting,
    OnboardingItem,
    Participant,
    PhaseProgress,
    Programme,
)
from westem_desktop.core.vocabulary import FIELDS, SUPPORT
from westem_desktop.core.vocabulary import INTERESTS as INTEREST_NAMES
from westem_desktop.i18n import LANGUAGES, N_, _, catalogue, current_language

STUDY_PROGRAMMES = {
    "natural_science": (N_("Physics"), N_("Chemistry"), N_("Biology")),
    "technology": (N_("Industrial Technology"), N_("Energy Technology")),
    "engineering": (N_("Civil Engineering"), N_("Mechanical Engineering"), N_("Electrical Engineering")),
    "mathematics": (N_("Mathematics"), N_("Statistics")),
    "ict": (N_("Computer Science"), N_("Information Systems"), N_("Software Engineering")),
}
INTERESTS = tuple(INTEREST_NAMES)  # stored as keys, shown by their names (core.vocabulary)
TOPICS = (
    N_("The culture of the study programme"),
    N_("Teachers and fellow students"),
    N_("Study experiences and planning the exams"),
    N_("Personal qualities and strengths"),
    N_("Internships and the first job"),
    N_("Confidence in technical courses"),
    N_("Balancing studies and life"),
    N_("How the mentoring went"),
)
GOALS = (
    (N_("Pass the first-year mathematics courses"), N_("Plan weekly study sessions and join the help desk")),
    (N_("Find a summer internship"), N_("Update the CV and apply to three companies")),
    (N_("Speak up more in group work"), N_("Prepare one question or idea for every meeting")),
    (N_("Build a network in the field"), N_("Attend two student association events")),
    (N_("Choose a specialisation"), N_("Talk to two teachers and a senior student")),
    (N_("Feel at home at the university"), N_("Explore the campus services together")),
)
REFLECTIONS = (
    N_("A good conversation; we agreed on the next steps."),
    N_("Useful tips about planning the study week."),
    N_("We talked about confidence in the lab courses."),
    N_("Short meeting, but it helped."),
)
# The share of pairs in each situation: (status, phase, days since the pair started: low, high).
SITUATIONS = (
    (0.14, MatchStatus.ACTIVE, 1, (0, 14)),
    (0.20, MatchStatus.ACTIVE, 2, (14, 35)),
    (0.34, MatchStatus.ACTIVE, 3, (35, 95)),
    (0.15, MatchStatus.ACTIVE, 4, (95, 118)),
    (0.13, MatchStatus.CLOSED, 4, (110, 135)),
    (0.04, MatchStatus.ENDED, 2, (30, 80)),
)


@dataclass
class _Rows:
    """Rows per model, written in dependency order with bulk INSERTs."""

    tables: dict[type[Base], list[dict[str, Any]]] = field(default_factory=dict)
    next_ids: dict[type[Base], int] = field(default_factory=dict)
    say: Callable[[str], str] = str  # the programme's texts in the programme's language

    def add(self, model: type[Base], **values: Any) -> int:
        row_id = self.next_ids[model]
        self.next_ids[model] = row_id + 1
        values["id"] = row_id
        self.tables.setdefault(model, []).append(values)
        return row_id


def _load_names() -> dict[str, Any]:
    path = paths.resources_dir() / "demo" / "names.json"
    return json.loads(Path(path).read_text(encoding="utf-8"))


_GREEK = dict(
    zip(
        "αβγδεζηθικλμνξοπρσςτυφχψω",
        [
            "a",
            "v",
            "g",
            "d",
            "e",
            "z",
            "i",
            "th",
            "i",
            "k",
            "l",
            "m",
            "n",
            "x",
            "o",
            "p",
            "r",
            "s",
            "s",
            "t",
            "y",
            "f",
            "ch",
            "ps",
            "o",
        ],
        strict=True,
    )
)
_SPECIAL = {"ł": "l", "ı": "i", "đ": "d", "ø": "o", "æ": "ae", "ß": "ss", "'": "", " ": ""}


def ascii_name(text: str) -> str:
    """A lower-case ASCII form of a name for an e-mail address (Łucja → lucja, Ελένη → eleni)."""
    out = []
    for char in unicodedata.normalize("NFKD", text.lower()).replace("ου", "ou"):
        if unicodedata.combining(char):
            continue
        char = _SPECIAL.get(char, _GREEK.get(char, char))
        out.append(char)
    return "".join(c for c in "".join(out) if c.isascii() and (c.isalnum() or c == "-"))


def _pick_origin(rng: random.Random, weights: dict[str, int]) -> str:
    names = sorted(weights)
    return rng.choices(names, weights=[weights[n] for n in names])[0]


def _person(rng: random.Random, data: dict[str, Any]) -> tuple[str, str, str, list[str]]:
    """(display name, e-mail local part, country, languages) of an invented person."""
    key = _pick_origin(rng, data["weights"])
    origin = data["origins"][key]
    index = rng.randrange(len(origin["first"]))
    first = origin["first"][index]
    family = rng.choice(origin["family"])
    name = f"{family} {first}" if origin.get("family_first") else f"{first} {family}"
    country = origin["country"]
    languages = list(origin["languages"])
    if "countries" in origin:
        country = origin["countries"][index % len(origin["countries"])]
        languages = [origin["native"][index % len(origin["native"])], "en"]
    if rng.random() < 0.25:
        extra = rng.choice(("sv", "nb", "nl", "de", "fr", "es"))
        if extra not in languages:
            languages.append(extra)
    local = f"{ascii_name(first)}.{ascii_name(family)}"
    return name, local, country, languages


def _sample(rng: random.Random, values: Sequence[str], low: int, high: int) -> list[str]:
    return sorted(rng.sample(list(values), rng.randint(low, high)))


def _academic_year(day: dt.date) -> str:
    start = day.year if day.month >= 8 else day.year - 1
    return f"{start}/{(start + 1) % 100:02d}"


def create_demo(
    session: Session,
    *,
    participants: int = 120,
    seed: int = 1,
    name: str | None = None,
    today: dt.date | None = None,
    language: str | None = None,
) -> Programme:
    """Create one demo programme with ``participants`` people in ``session``; returns the programme.
    Its texts (name, institution, coordinator's title, goals, expectations, topics) and its document
    language are ``language`` (default: the interface language)."""
    if participants < 2:
        raise ValueError(_("A demo programme needs at least 2 participants."))
    language = language if language in LANGUAGES else current_language()
    say = catalogue(language).gettext
    rng = random.Random(seed)
    today = today or dt.date.today()
    data = _load_names()
    start = today - dt.timedelta(days=140)
    programme_name = name or say(N_("Demo: STEM peer mentoring {year}")).format(year=_academic_year(start))
    if session.scalar(select(Programme.id).where(Programme.name == programme_name)) is not None:
        programme_name = f"{programme_name} ({seed})"
    programme = Programme(
        name=programme_name,
        institution=say(N_("Demo University of Technology")),
        start_date=start,
        end_date=today + dt.timedelta(days=100),
        default_style=Style.TRADITIONAL,
        format=Format.MIXED,
        mode=Mode.HYBRID,
        formal=False,
        structured=True,
        matching_mode=MatchingMode.PRESELECTION,
        expected_hours_per_month=2.0,
        coordinator_name="Karin Lindqvist",
        coordinator_title=say(N_("Programme coordinator")),
        document_language=language,
    )
    session.add(programme)
    session.flush()

    rows = _Rows(say=say)
    for model in (
        Participant,
        OnboardingItem,
        Match,
        PhaseProgress,
        ChecklistTick,
        Meeting,
        Agreement,
        AgreementGoal,
        Evaluation,
        EvaluationAnswer,
        Certificate,
    ):
        rows.next_ids[model] = (session.scalar(select(func.max(model.id))) or 0) + 1

    mentors, mentees = _people(rng, rows, data, programme, participants, today)
    _pairs(rng, rows, programme, mentors, mentees, today)
    for model, values in rows.tables.items():
        for offset in range(0, len(values), 5000):
            session.execute(insert(model), values[offset : offset + 5000])
    session.flush()
    if session.connection().dialect.name != "sqlite":
        from westem_desktop.core.server.engine import advance_sequences

        advance_sequences(session.connection(), [model.__tablename__ for model in rows.tables])
    return programme


def _people(
    rng: random.Random, rows: _Rows, data: dict[str, Any], programme: Programme, count: int, today: dt.date
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    mentor_count = max(1, round(count * 0.4))
    used: set[str] = set()
    mentors: list[dict[str, Any]] = []
    mentees: list[dict[str, Any]] = []
    registered = programme.start_date - dt.timedelta(days=21)
    for index in range(count):
        role = Role.MENTOR if index < mentor_count else Role.MENTEE
        name, local, country, languages = _person(rng, data)
        email = f"{local}@student.example.edu"
        number = 2
        while email in used:
            email = f"{local}{number}@student.example.edu"
            number += 1
        used.add(email)
        fields = _sample(rng, list(FIELDS), 1, 2)
        participant = {
            "programme_id": programme.id,
            "role": role.value,
            "name": name,
            "email": email,
            "institution": programme.institution,
            "study_programme": rows.say(rng.choice(STUDY_PROGRAMMES[fields[0]])),
            "year_of_study": rng.randint(3, 5) if role is Role.MENTOR else rng.randint(1, 2),
            "fields": fields,
            "country": country,
            "languages": languages,
            "interests": _sample(rng, INTERESTS, 2, 4),
            "support_wanted": _sample(rng, list(SUPPORT), 1, 3) if role is Role.MENTEE else [],
            "preferred_mode": rng.choice([m.value for m in Mode]),
            "availability": "",
            "capacity": rng.choice((1, 2, 2, 3)) if role is Role.MENTOR else 1,
            "status": ParticipantStatus.WITHDRAWN.value if rng.random() < 0.02 else ParticipantStatus.ACTIVE.value,
            "consent": True,
            "consent_date": registered - dt.timedelta(days=rng.randint(0, 14)),
            "notes": "",
        }
        participant["id"] = rows.add(Participant, **participant)
        keys = onboarding_keys(role)
        for position, key in enumerate(keys[: rng.randint(1, len(keys))]):
            rows.add(
                OnboardingItem,
                participant_id=participant["id"],
                item_key=key,
                done_on=min(today, registered + dt.timedelta(days=position * 3 + rng.randint(0, 2))),
            )
        (mentors if role is Role.MENTOR else mentees).append(participant)
    return mentors, mentees


def _pairs(
    rng: random.Random,
    rows: _Rows,
    programme: Programme,
    mentors: list[dict[str, Any]],
    mentees: list[dict[str, Any]],
    today: dt.date,
) -> None:
    free = {m["id"]: m["capacity"] for m in mentors if m["status"] == ParticipantStatus.ACTIVE}
    candidates = [m for m in mentees if m["status"] == ParticipantStatus.ACTIVE]
    rng.shuffle(candidates)
    target = min((len(mentors) + len(mentees)) // 2, len(candidates), sum(free.values()))
    by_id = {m["id"]: m for m in mentors}
    open_mentors = sorted(free)
    shares = [share for share, *_rest in SITUATIONS]
    for mentee in candidates[:target]:
        sample = rng.sample(open_mentors, min(6, len(open_mentors)))
        shared = [m for m in sample if set(by_id[m]["languages"]) & set(mentee["languages"])]
        mentor_id = (shared or sample)[0]
        free[mentor_id] -= 1
        if free[mentor_id] == 0:
            open_mentors.remove(mentor_id)
        _, status, phase, (low, high) = SITUATIONS[rng.choices(range(len(SITUATIONS)), weights=shares)[0]]
        style = Style.FLASH if rng.random() < 0.12 else Style.TRADITIONAL
        if style is Style.FLASH and phase == 3:
            phase = 4
        _pair(rng, rows, programme, by_id[mentor_id], mentee, status, phase, style, today, rng.randint(low, high))
        if status is MatchStatus.ENDED:
            free[mentor_id] += 1
            if mentor_id not in open_mentors:
                open_mentors.append(mentor_id)
                open_mentors.sort()


def _pair(
    rng: random.Random,
    rows: _Rows,
    programme: Programme,
    mentor: dict[str, Any],
    mentee: dict[str, Any],
    status: MatchStatus,
    phase: int,
    style: Style,
    today: dt.date,
    age_days: int,
) -> None:
    started = today - dt.timedelta(days=age_days)
    length = 120 if style is Style.TRADITIONAL else 30
    closed_on = started + dt.timedelta(days=rng.randint(100, 118)) if status is MatchStatus.CLOSED else None
    ended_on = started + dt.timedelta(days=rng.randint(20, age_days)) if status is MatchStatus.ENDED else None
    last_day = closed_on or ended_on or today
    match_id = rows.add(
        Match,
        programme_id=programme.id,
        mentor_id=mentor["id"],
        mentee_id=mentee["id"],
        status=status.value,
        style=style.value,
        initiated_by=rng.choice([i.value for i in Initiator]),
        locked=False,
        phase=phase,
        score=None,
        reasons={},
        created_on=started - dt.timedelta(days=rng.randint(1, 7)),
        first_contact_on=started if rng.random() < 0.9 or phase > 1 else None,
        start_date=started,
        planned_end_date=started + dt.timedelta(days=length),
        closed_on=closed_on,
        ended_on=ended_on,
        termination_reason=rows.say(N_("We agreed that the timing did not suit us.")) if ended_on else "",
        language=None,
        notes="",
    )
    if status is MatchStatus.CLOSED:
        mentee["status"] = ParticipantStatus.COMPLETED.value
    _phases(rng, rows, match_id, phase, style, status, started, last_day)
    meetings = _meetings(rng, rows, match_id, phase, status, started, last_day, today)
    if phase >= 2 and (style is Style.TRADITIONAL or rng.random() < 0.4):
        _agreement(rng, rows, match_id, phase, started, status)
    _evaluations(rng, rows, match_id, meetings, phase, status, last_day)
    if status is MatchStatus.CLOSED and rng.random() < 0.6:
        held = [m for m in meetings if m[2] == MeetingStatus.HELD]
        minutes = sum(m[1] for m in held)
        for person, role in ((mentee, Role.MENTEE), (mentor, Role.MENTOR)):
            rows.add(
                Certificate,
                match_id=match_id,
                participant_id=person["id"],
                role=role.value,
                issued_on=closed_on,
                language=programme.document_language,
                meetings_held=len(held),
                minutes_total=minutes,
            )


def _phases(
    rng: random.Random,
    rows: _Rows,
    match_id: int,
    phase: int,
    style: Style,
    status: MatchStatus,
    started: dt.date,
    last_day: dt.date,
) -> None:
    span = max((last_day - started).days, 4)
    for number in range(1, phase + 1):
        skipped = style is Style.FLASH and number == 3
        begin = started + dt.timedelta(days=span * (number - 1) // max(phase, 1))
        done = number < phase or status is MatchStatus.CLOSED
        end = started + dt.timedelta(days=span * number // max(phase, 1)) if done else None
        progress_id = rows.add(
            PhaseProgress,
            match_id=match_id,
            phase=number,
            started_on=None if skipped else begin,
            completed_on=None if skipped else end,
            skipped=skipped,
            notes="",
        )
        if skipped:
            continue
        keys = phase_keys(number)
        ticked = keys if done else keys[: rng.randint(0, len(keys) - 1)]
        for key in ticked:
            rows.add(ChecklistTick, phase_progress_id=progress_id, item_key=key, done_on=end or begin)


def _meetings(
    rng: random.Random,
    rows: _Rows,
    match_id: int,
    phase: int,
    status: MatchStatus,
    started: dt.date,
    last_day: dt.date,
    today: dt.date,
) -> list[tuple[int, int, MeetingStatus, dt.date]]:
    """Held meetings spread over the pair's time, and the next planned one for active pairs."""
    count = {1: rng.randint(0, 1), 2: rng.randint(1, 2), 3: rng.randint(2, 5), 4: rng.randint(4, 7)}[phase]
    span = max((last_day - started).days, 1)
    # About one pair in ten in the activation phase has not met for weeks: the attention list's case.
    quiet = status is MatchStatus.ACTIVE and phase == 3 and rng.random() < 0.1
    if quiet:
        span = max(span - 45, 1)
    meetings = []
    for index in range(count):
        day = started + dt.timedelta(days=span * index // max(count, 1) + rng.randint(0, 3))
        day = min(day, last_day)
        duration = rng.choice((20, 30, 45, 45, 60))
        meeting_phase = min(phase, 1 + index * phase // max(count, 1))
        meeting_id = rows.add(
            Meeting,
            match_id=match_id,
            status=MeetingStatus.HELD.value,
            date=day,
            start_time=dt.time(rng.choice((9, 10, 12, 13, 15, 16)), rng.choice((0, 15, 30))),
            duration_minutes=duration,
            mode=rng.choice([m.value for m in Mode]),
            phase=meeting_phase,
            topics=rows.say(TOPICS[min(index, len(TOPICS) - 1)]),
            private_notes="",
            plan_template=None,
            plan_step=None,
        )
        meetings.append((meeting_id, duration, MeetingStatus.HELD, day))
    if status is MatchStatus.ACTIVE and not quiet:
        rows.add(
            Meeting,
            match_id=match_id,
            status=MeetingStatus.PLANNED.value,
            date=today + dt.timedelta(days=rng.randint(3, 20)),
            start_time=dt.time(rng.choice((10, 13, 15)), 0),
            duration_minutes=45,
            mode=rng.choice([m.value for m in Mode]),
            phase=phase,
            topics=rows.say(TOPICS[min(count, len(TOPICS) - 1)]),
            private_notes="",
            plan_template=None,
            plan_step=None,
        )
    return meetings


def _agreement(
    rng: random.Random, rows: _Rows, match_id: int, phase: int, started: dt.date, status: MatchStatus
) -> None:
    if phase == 2:
        agreement_status = rng.choice((AgreementStatus.DRAFT, AgreementStatus.PRINTED))
    else:
        agreement_status = AgreementStatus.SIGNED if rng.random() < 0.9 else AgreementStatus.PRINTED
    signed_on = started + dt.timedelta(days=rng.randint(7, 20)) if agreement_status is AgreementStatus.SIGNED else None
    agreement_id = rows.add(
        Agreement,
        match_id=match_id,
        version=1,
        status=agreement_status.value,
        expectations=rows.say(N_("Meet regularly, prepare each meeting and be honest with each other.")),
        timeline_start=started,
        timeline_end=started + dt.timedelta(days=112),
        meeting_frequency=rows.say(N_("Every second week")),
        meeting_duration_minutes=45,
        meeting_mode=rng.choice([m.value for m in Mode]),
        mentor_boundaries="",
        mentee_boundaries="",
        confidentiality="",
        off_limits_topics="",
        termination_clause="",
        mentor_success_criteria="",
        mentee_success_criteria="",
        language=None,
        printed_on=started + dt.timedelta(days=5) if agreement_status is not AgreementStatus.DRAFT else None,
        signed_on=signed_on,
    )
    for position, (goal, steps) in enumerate(rng.sample(GOALS, rng.randint(1, 3)), start=1):
        rows.add(
            AgreementGoal,
            agreement_id=agreement_id,
            position=position,
            goal=rows.say(goal),
            steps=rows.say(steps),
            success_measure="",
            met=(rng.random() < 0.75) if status is MatchStatus.CLOSED else None,
        )


def _answers(rng: random.Random, rows: _Rows, evaluation_id: int, instrument: Instrument, sessions: int) -> None:
    for question in INSTRUMENTS[instrument]:
        number: int | None = None
        text = ""
        if question.kind == "rating":
            number = rng.choices((2, 3, 4, 5), weights=(1, 3, 6, 5))[0]
        elif question.kind == "count":
            number = sessions
        elif question.kind == "yes_no":
            number = 1 if rng.random() < 0.85 else 0
        elif rng.random() < 0.7:
            text = rows.say(rng.choice(REFLECTIONS))
        rows.add(EvaluationAnswer, evaluation_id=evaluation_id, question_key=question.key, number=number, text=text)


def _evaluations(
    rng: random.Random,
    rows: _Rows,
    match_id: int,
    meetings: list[tuple[int, int, MeetingStatus, dt.date]],
    phase: int,
    status: MatchStatus,
    last_day: dt.date,
) -> None:
    def evaluation(instrument: Instrument, role: Role, day: dt.date, meeting_id: int | None) -> None:
        evaluation_id = rows.add(
            Evaluation,
            match_id=match_id,
            meeting_id=meeting_id,
            instrument=instrument.value,
            respondent_role=role.value,
            submitted_on=day,
            language=None,
        )
        _answers(rng, rows, evaluation_id, instrument, len(meetings))

    for meeting_id, _duration, _status, day in meetings:
        for role in Role:
            if rng.random() < 0.35:
                evaluation(Instrument.SESSION, role, day, meeting_id)
    if phase >= 3 and meetings:
        for role in Role:
            if rng.random() < 0.6:
                evaluation(Instrument.MIDPOINT, role, meetings[len(meetings) // 2][3], None)
    if status is MatchStatus.CLOSED:
        for role in Role:
            if rng.random() < 0.8:
                evaluation(Instrument.FINAL, role, last_day, None)


def create_demo_database(
    path: Path | str, *, participants: int, seed: int, today: dt.date | None = None, language: str | None = None
) -> int:
    """Open (or create) the database at ``path``, add a demo programme in one transaction (its texts in
    ``language``, default the interface language); its id."""
    from westem_desktop.core.db import open_database

    if participants < 2:
        raise ValueError(_("A demo programme needs at least 2 participants."))
    with open_database(path) as db, db.session() as session:
        return create_demo(session, participants=participants, seed=seed, today=today, language=language).id
