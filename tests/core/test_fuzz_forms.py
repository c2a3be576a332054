"""Property tests (hypothesis) for every form validator: what the dialogs call before they save.

Fuzzed: the participant rules and dialog (``normalise``, ``problems``, ``validate``, ``create_participant``,
``update_participant``, ``set_onboarding``), the programme settings (``validate``, ``create_programme``,
``update_programme``), the agreement editor (``save``, ``mark_signed``), the meeting dialog (``log_meeting``,
``update_meeting``), evaluations copied from paper (``check_answers``, ``record``), pairs and requests
(``create_pair``, ``end_pair``, ``set_first_contact``, ``set_style``, ``record_requests``, ``answer_request``)
and the mentoring cycle (``advance``, ``tick``, ``set_notes``, ``close_pair``).

Why: every dialog runs ``with db.session(): action(session)`` and shows the ``ValidationError`` it catches
beside the field it names; anything else is a crash in front of the coordinator. So each test feeds
realistic and hostile values (empty and blank text, very long text, control characters and NUL, RTL and
combining characters, emoji, formula-looking text, e-mails with and without "@", zero, negative and huge
numbers, dates far away, words outside every vocabulary) and asserts what the coordinator would see:

- the action succeeds, or raises ``ValidationError`` whose text is a sentence and whose field, when it
  has one, is a field of the form;
- no other exception escapes;
- a refusal leaves every table of the database exactly as it was, and a success stores what was given.

Every example works on its own copy of one realistic database (a demo programme with pairs in every phase,
agreements in every state, self-matching requests, a pair that ended), so examples do not disturb each other:
a copy of the file, or on the test server a new database made from the world's (``CREATE DATABASE ...
TEMPLATE``). Every test that stores something runs on both engines (the ``world`` fixture's parameter).
"""

from __future__ import annotations

import contextlib
import copy
import datetime as dt
import math
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import asdict, fields
from decimal import Decimal
from pathlib import Path

import pytest
import sqlalchemy
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from tests.pgserver import ENGINES, ThrowawayServer, engine_target
from westem_desktop import i18n
from westem_desktop.core import agreements, cycle, evaluations, meetings, pairs
from westem_desktop.core import participants as people
from westem_desktop.core import programmes as progs
from westem_desktop.core.agreements import AgreementData, GoalData
from westem_desktop.core.checklists import ONBOARDING, PHASE_CHECKLISTS, onboarding_keys
from westem_desktop.core.db import Database, open_database
from westem_desktop.core.demo import create_demo
from westem_desktop.core.enums import (
    AgreementStatus,
    Format,
    Initiator,
    Instrument,
    MatchingMode,
    MatchStatus,
    MeetingStatus,
    Mode,
    Organisation,
    ParticipantStatus,
    RequestStatus,
    Style,
)
from westem_desktop.core.errors import ValidationError
from westem_desktop.core.instruments import INSTRUMENTS
from westem_desktop.core.models import (
    Agreement,
    Evaluation,
    Match,
    Meeting,
    MentorRequest,
    Participant,
    PhaseProgress,
    Programme,
)
from westem_desktop.core.participants import ParticipantData
from westem_desktop.core.programmes import ProgrammeSettings
from westem_desktop.core.vocabulary import FIELDS

TODAY = dt.date(2026, 3, 2)
FIXTURES = [HealthCheck.function_scoped_fixture]

# -- values typed into forms ----------------------------------------------------------------------------

HOSTILE = [
    "",
    " ",
    " \t\n ",
    "\u00a0",
    "\u200b",
    "\x00",
    "a\x00b",
    "\x07\x1b[31mred",
    "\u202eevil\u202c",
    "שלום עולם",
    "e\u0301\u0301\u0301",
    "👩\u200d🔬🧪",
    "Łucja",
    "Şebnem",
    "Nguyễn Thị Hương",
    "=1+1",
    "+46 70 123",
    "@SUM(A1)",
    "{name}",
    "{0}",
    "%s",
    "'; DROP TABLE participant; --",
    "x" * 5000,
]
NAMES = ["Łucja Wróblewska", "  Şebnem   Yılmaz ", "Nguyễn Thị Hương", "Ingrid Ødegård", "Ana"]
BAD_EMAILS = ["", " ", "no-at-sign", "a@b", "@uu.se", "two@@uu.se", "sp ace@uu.se", "ASTRID@uu.se", "x\x00@uu.se"]
LETTERS = st.text(st.characters(categories=["L", "N"]), min_size=1, max_size=8)
HUGE = [0, -1, -(10**20), 2**31, 2**63, 10**20]
FAR_DATES = [dt.date.min, dt.date(1900, 1, 1), dt.date(2100, 12, 31), dt.date.max]


def texts(max_size: int = 30) -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(HOSTILE), st.text(max_size=max_size))


def mostly(realistic: st.SearchStrategy, hostile: st.SearchStrategy) -> st.SearchStrategy:
    """Seven in eight values as a dialog produces them, the rest hostile: successes are tested as well."""
    # One value in the middle: hypothesis favours the ends of a range, and shrinks towards the realistic.
    return st.integers(0, 7).flatmap(lambda n: hostile if n == 3 else realistic)


def numbers(low: int, high: int) -> st.SearchStrategy[int]:
    return mostly(st.integers(low, high), st.one_of(st.sampled_from(HUGE), st.integers()))


def dates(around: dt.date = TODAY, days: int = 400) -> st.SearchStrategy[dt.date]:
    near = st.dates(min_value=around - dt.timedelta(days=days), max_value=around + dt.timedelta(days=days))
    return mostly(near, st.one_of(st.sampled_from(FAR_DATES), st.dates()))


def words(valid: list[str], *unknown: str) -> st.SearchStrategy[str]:
    """A vocabulary word, or one it does not have (or has in another spelling)."""
    return mostly(st.sampled_from(valid), st.one_of(st.sampled_from([*unknown, ""]), texts(10)))


# -- the database every example starts from ------------------------------------------------------------


class World:
    """The ids of everything in the template database (a plain class: hypothesis' report prints its repr)."""

    target: Path | str  # the template: a file, or a database on the test server
    server: ThrowawayServer | None  # the test server, for a template on it
    rows: dict[str, list[tuple]]  # every table's rows (snapshot) of the template on the server
    spare: str | None = None  # a copy on the server that an example left unchanged: the next one's
    programme: int
    programmes: list[int]
    programme_names: list[str]
    participants: list[int]  # the demo's and four more; a mentor of another programme last
    mentees: list[int]
    mentors: list[int]
    pairs: list[int]  # active in every phase and both styles, closed, ended
    meetings: list[int]
    agreements: list[int]  # draft, printed, signed, superseded
    requests: list[int]  # pending, accepted, withdrawn, declined

    def __init__(self, **values: object) -> None:
        self.__dict__.update(values)

    def __repr__(self) -> str:
        return f"World(demo programme, seed 1, {'server' if self.server else 'file'})"


@pytest.fixture(scope="module", params=ENGINES)
def world(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    i18n.set_language("en")
    target = engine_target(request, tmp_path_factory.mktemp("world"), "template.sqlite")
    with open_database(target) as db, db.session() as session:
        programme = create_demo(session, participants=24, seed=1, today=TODAY).id
        for name in ("Şebnem-ICT", "ŁUCJA 2026", "Physics 2025"):
            other = progs.create_programme(session, ProgrammeSettings(name=name)).id
        ids = {}
        for name, role in (("Astrid", "mentor"), ("Ingrid", "mentor"), ("Saga", "mentee"), ("Elin", "mentee")):
            data = ParticipantData(role=role, name=name, email=f"{name.lower()}@uu.se", capacity=2)
            ids[name] = people.create_participant(session, programme, data).id
        outsider = people.create_participant(
            session, other, ParticipantData(role="mentor", name="Ana", email="ana@uu.se", capacity=3)
        ).id
        # Self-matching: Saga's request accepted by Astrid (her request to Ingrid withdrawn), the pair
        # ended since; Elin declined by Ingrid, her request to Astrid still pending.
        saga = {r.mentor_id: r.id for r in pairs.record_requests(session, ids["Saga"], [ids["Astrid"], ids["Ingrid"]])}
        ended = pairs.answer_request(session, saga[ids["Astrid"]], accept=True, today=TODAY)
        pairs.end_pair(session, ended.id, TODAY, "The timing did not suit us.")
        elin = {r.mentor_id: r.id for r in pairs.record_requests(session, ids["Elin"], [ids["Ingrid"], ids["Astrid"]])}
        pairs.answer_request(session, elin[ids["Ingrid"]], accept=False, reason="Full this term", today=TODAY)
        # A signed agreement edited afterwards: the signed version is superseded by a new draft.
        signed = session.scalar(select(Agreement).where(Agreement.status == AgreementStatus.SIGNED).limit(1))
        edited = AgreementData.of(signed)
        edited.expectations += " (edited after signing)"
        agreements.save(session, signed.match_id, edited)

        def all_ids(model) -> list[int]:
            return list(session.scalars(select(model.id).order_by(model.id)))

        everyone = [i for i in all_ids(Participant) if i != outsider] + [outsider]
        world = World(
            target=target,
            server=request.getfixturevalue("pg_server") if db.is_server else None,
            programme=programme,
            programmes=all_ids(Programme),
            programme_names=list(session.scalars(select(Programme.name).order_by(Programme.id))),
            participants=everyone,
            mentees=list(
                session.scalars(select(Participant.id).where(Participant.role == "mentee").order_by(Participant.id))
            ),
            mentors=list(
                session.scalars(select(Participant.id).where(Participant.role == "mentor").order_by(Participant.id))
            ),
            pairs=all_ids(Match),
            meetings=all_ids(Meeting),
            agreements=all_ids(Agreement),
            requests=all_ids(MentorRequest),
        )
        states = {(m.status, m.style, m.phase) for m in session.scalars(select(Match))}
        assert {MatchStatus.CLOSED, MatchStatus.ENDED} <= {s for s, _style, _phase in states}
        assert {(Style.FLASH, 1), (Style.TRADITIONAL, 4)} <= {(style, p) for _s, style, p in states}
        assert set(AgreementStatus) <= set(session.scalars(select(Agreement.status)))
        assert set(RequestStatus) <= set(session.scalars(select(MentorRequest.status)))
    if world.server is not None:
        with open_database(target) as db:
            world.rows = snapshot(db)
    yield world
    if world.spare is not None:
        world.server.drop_database(world.spare)


def fuzz(max_examples: int, **strategies: st.SearchStrategy) -> Callable[[Callable], Callable]:
    """``@settings(max_examples=…)`` and ``@given(**strategies)`` for a test of the ``world``, on both engines.
    On the server a quarter of the examples run (at least 10): an example there that changes the database needs a
    new database (``copy_of``, 0.1-0.5 s) where a file is copied in a few milliseconds, and the whole run
    matters.
    """

    def decorate(body: Callable) -> Callable:
        def variant(examples: int) -> Callable:
            return settings(max_examples=examples, deadline=None, suppress_health_check=FIXTURES)(
                given(**strategies)(body)
            )

        on_file, on_server = variant(max_examples), variant(max(10, max_examples // 4))

        def test(world: World, tmp_path: Path) -> None:
            (on_file if world.server is None else on_server)(world=world, tmp_path=tmp_path)

        test.__name__, test.__qualname__, test.__doc__ = body.__name__, body.__qualname__, body.__doc__
        return test

    return decorate


def people_by(role: str) -> st.SearchStrategy[tuple[str, int]]:
    """Mostly someone of ``role`` (as the dialog's list offers), sometimes anyone: (list, index)."""
    return st.tuples(mostly(st.just(role), st.just("participants")), st.integers(0, 10**4))


def choose(world: World, who: tuple[str, int]) -> int:
    group = getattr(world, who[0])
    return group[who[1] % len(group)]


COPIES = iter(range(10**9))


@contextlib.contextmanager
def copy_of(world: World, tmp_path: Path) -> Iterator[Database]:
    """The world's database, copied for one example: what an example changes, the next one does not see.
    On the server the copy is a new database made from the world's as a template (0.1-0.5 s), or the copy
    the previous example left with exactly the world's rows (a refusal: most of them)."""
    if world.server is None:
        path = Path(tempfile.mkdtemp(dir=tmp_path)) / "mentoring.sqlite"
        shutil.copyfile(world.target, path)
        db = open_database(path)
        try:
            yield db
        finally:
            db.close()
        return
    name, world.spare = world.spare, None
    if name is None:
        name = f"f{os.getpid()}_{next(COPIES)}"
        template = sqlalchemy.make_url(str(world.target)).database
        with world.server.admin() as admin:
            admin.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    db = open_database(world.server.url(name))
    unchanged = False
    try:
        yield db
        unchanged = snapshot(db) == world.rows
    finally:
        db.close()
        if unchanged:
            world.spare = name
        else:
            world.server.drop_database(name)


def snapshot(db: Database) -> dict[str, list[tuple]]:
    """Every row of every table, as SQLAlchemy's inspector lists the tables on either engine (the rows in
    no particular order: a server keeps none), to see that a refusal changed nothing."""
    with db.engine.connect() as connection:
        tables = sqlalchemy.inspect(connection).get_table_names()
    assert len(tables) > 10, tables
    conn = db.read()
    return {table: sorted(conn.execute(f'SELECT * FROM "{table}"').fetchall(), key=repr) for table in tables}


def assert_sentence(message: object) -> None:
    text = str(message)
    assert text.strip(), "the refusal has no message"
    assert len(text.split()) >= 3, f"not a sentence: {text!r}"
    assert text[0].isupper() or text[0] == "“", f"not a sentence: {text!r}"


def attempt(db: Database, action: Callable, form_fields: set[str]):
    """Run ``action`` as a dialog does (one transaction, ValidationError shown); the result, or None after
    a refusal that was checked: a sentence, a field of the form, the database unchanged."""
    before = snapshot(db)
    try:
        with db.session() as session:
            return action(session)
    except ValidationError as error:
        assert_sentence(error)
        assert error.field is None or error.field in form_fields, f"{error.field!r} is not a field of the form"
        assert snapshot(db) == before, "a refused action changed the database"
        return None


# -- participants ---------------------------------------------------------------------------------------

PARTICIPANT_FIELDS = {f.name for f in fields(ParticipantData)}
PARTICIPANTS = st.builds(
    ParticipantData,
    role=words(["mentor", "mentee"], "Mentor", " mentee", "wizard"),
    name=mostly(st.sampled_from(NAMES), texts()),
    email=mostly(st.builds("{}@{}.se".format, LETTERS, LETTERS), st.one_of(st.sampled_from(BAD_EMAILS), texts())),
    institution=texts(),
    study_programme=texts(),
    year_of_study=st.one_of(st.none(), numbers(1, 10)),
    fields=st.lists(words([*FIELDS, " ICT "], "alchemy"), max_size=3),
    country=words(["SE", "se", " nl ", "NO", ""], "Sweden", "ÅÄ", "S1", "ß"),
    languages=st.lists(words(["sv", "EN", " nb", "pl"], "xx", "klingon"), max_size=3),
    interests=st.lists(texts(), max_size=3),
    support_wanted=st.lists(texts(), max_size=3),
    preferred_mode=st.one_of(st.none(), words([m.value for m in Mode], "Online", "teleport")),
    availability=texts(),
    capacity=numbers(0, 5),
    status=words([s.value for s in ParticipantStatus], "Active", "zombie"),
    consent=st.booleans(),
    consent_date=st.one_of(st.none(), dates()),
    notes=texts(),
)


@settings(max_examples=150, deadline=None)
@given(data=PARTICIPANTS)
def test_participant_rules_answer_any_profile_field_by_field(data: ParticipantData) -> None:
    once = people.normalise(copy.deepcopy(data))
    assert people.normalise(copy.deepcopy(once)) == once, "saving a profile twice would change it again"
    for problem in people.problems(once):
        assert isinstance(problem, ValidationError)
        assert_sentence(problem)
        assert problem.field in PARTICIPANT_FIELDS


def as_stored(data: ParticipantData) -> dict:
    """What a saved profile reads back as: normalised, no mode as None, a mentee taking one place at least."""
    values = asdict(people.normalise(copy.deepcopy(data)))
    values["preferred_mode"] = values["preferred_mode"] or None
    if values["role"] == "mentee":
        values["capacity"] = max(1, values["capacity"])
    return values


@fuzz(60, data=PARTICIPANTS, who=st.one_of(st.none(), st.integers(0, 10**4)))
@example(  # a mentor's capacity larger than SQLite's integers
    data=ParticipantData(role="mentor", name="Łucja", email="lucja@example.edu", capacity=10**20), who=None
)
def test_participant_dialog_saves_the_profile_or_refuses_it_untouched(
    world: World, tmp_path: Path, data: ParticipantData, who: int | None
) -> None:
    given_data = copy.deepcopy(data)
    participant = None if who is None else world.participants[who % len(world.participants)]
    with copy_of(world, tmp_path) as db:
        if participant is None:
            saved = attempt(db, lambda s: people.create_participant(s, world.programme, data).id, PARTICIPANT_FIELDS)
        else:
            saved = attempt(db, lambda s: people.update_participant(s, participant, data).id, PARTICIPANT_FIELDS)
        if saved is not None:
            with db.session() as session:
                stored = ParticipantData.of(session.get_one(Participant, saved))
            assert asdict(stored) == as_stored(given_data)


ONBOARDING_ITEMS = sorted({key for items in ONBOARDING.values() for key, _label in items})


@fuzz(
    30,
    who=st.integers(0, 10**4),
    item=words(ONBOARDING_ITEMS, "wizard", "REGISTERED", " registered"),
    done_on=st.one_of(st.none(), dates()),
)
def test_onboarding_checklist_ticks_any_item_on_any_day(world: World, tmp_path: Path, who, item, done_on) -> None:
    participant = world.participants[who % len(world.participants)]
    with copy_of(world, tmp_path) as db:
        done = attempt(db, lambda s: people.set_onboarding(s, participant, item, done_on) or True, set())
        with db.session() as session:
            state = people.onboarding_state(session, participant)
            role = session.get_one(Participant, participant).role
        assert (done is not None) == (item in onboarding_keys(role))
        if done:
            assert state.get(item) == done_on


# -- programmes -----------------------------------------------------------------------------------------

PROGRAMME_FIELDS = {f.name for f in fields(ProgrammeSettings)}
VOCABULARIES = {
    "default_style": Style,
    "format": Format,
    "mode": Mode,
    "organisation": Organisation,
    "matching_mode": MatchingMode,
}
CASES = [str, str.upper, str.lower, str.title, lambda s: f"  {s} "]


@st.composite
def programme_names(draw: st.DrawFn, taken: list[str]) -> str:
    """A new name, or one taken already in another spelling."""
    if draw(st.booleans()):
        return draw(st.sampled_from(CASES))(draw(st.sampled_from(taken)))
    return draw(mostly(st.sampled_from(["ICT first-years 2026/27", "Mentorprogram Kemi", "Ωmega"]), texts()))


def programme_settings(taken: list[str], vocabulary: bool = True) -> st.SearchStrategy[ProgrammeSettings]:
    def word(enum) -> st.SearchStrategy[str]:
        values = [m.value for m in enum]
        return words(values, "teleport", values[0].upper()) if vocabulary else st.sampled_from(values)

    return st.builds(
        ProgrammeSettings,
        name=programme_names(taken),
        institution=texts(),
        start_date=st.one_of(st.none(), dates()),
        end_date=st.one_of(st.none(), dates()),
        default_style=word(Style),
        format=word(Format),
        mode=word(Mode),
        formal=st.booleans(),
        structured=st.booleans(),
        organisation=word(Organisation),
        matching_mode=word(MatchingMode),
        expected_hours_per_month=mostly(
            st.floats(0, 40), st.one_of(st.sampled_from([-0.5, 40.01, 1e308, math.inf, math.nan]), st.floats())
        ),
        coordinator_name=texts(),
        coordinator_title=texts(),
        coordinator_signs_agreement=st.booleans(),
        document_language=words(["en", "sv", "nb", "nl"], "EN", "de", "no"),
        logo=st.one_of(st.none(), st.binary(max_size=64)),
        attention_weeks=numbers(1, 26),
    )


# The names of the world's programmes, for the strategies (the fixture checks they are still these).
WORLD_PROGRAMMES = ["Şebnem-ICT", "ŁUCJA 2026", "Physics 2025"]


def save_programme(db: Database, world: World, settings_: ProgrammeSettings, which: int | None):
    if which is None:
        return attempt(db, lambda s: progs.create_programme(s, settings_).id, PROGRAMME_FIELDS)
    programme = world.programmes[which % len(world.programmes)]
    return attempt(db, lambda s: progs.update_programme(s, programme, settings_).id, PROGRAMME_FIELDS)


@fuzz(
    50, settings_=programme_settings(WORLD_PROGRAMMES, vocabulary=False), which=st.one_of(st.none(), st.integers(0, 9))
)
@example(settings_=ProgrammeSettings(name="Şebnem-ICT"), which=None)  # taken, in a letter SQLite's lower() keeps
def test_programme_dialog_saves_the_settings_or_refuses_them_untouched(
    world: World, tmp_path: Path, settings_: ProgrammeSettings, which: int | None
) -> None:
    assert set(WORLD_PROGRAMMES) <= set(world.programme_names)
    given_settings = copy.deepcopy(settings_)
    with copy_of(world, tmp_path) as db:
        saved = save_programme(db, world, settings_, which)
        if saved is not None:
            with db.session() as session:
                stored = progs.get_settings(session, saved)
                others = session.scalars(select(Programme.name).where(Programme.id != saved)).all()
            given_settings.name = given_settings.name.strip()
            if given_settings.coordinator_email is None:  # not on this form: unchanged (none in the world)
                given_settings.coordinator_email = ""
            assert stored == given_settings
            assert stored.name.casefold() not in {name.casefold() for name in others}, "two programmes, one name"


@fuzz(25, settings_=programme_settings(WORLD_PROGRAMMES), which=st.one_of(st.none(), st.integers(0, 9)))
@example(settings_=ProgrammeSettings(name="Teleport 2026", default_style="teleport"), which=None)
def test_programme_dialog_keeps_to_the_words_the_application_knows(
    world: World, tmp_path: Path, settings_: ProgrammeSettings, which: int | None
) -> None:
    """A saved style, format, mode, organisation or matching mode is one the rest of the application can
    use: the programme's default style, for one, becomes the style of every pair made in it."""
    with copy_of(world, tmp_path) as db:
        saved = save_programme(db, world, settings_, which)
        if saved is not None:
            with db.session() as session:
                stored = progs.get_settings(session, saved)
            for name, enum in VOCABULARIES.items():
                assert getattr(stored, name) in {m.value for m in enum}, f"{name} {getattr(stored, name)!r} was saved"


# -- agreements -----------------------------------------------------------------------------------------

AGREEMENT_FIELDS = {f.name for f in fields(AgreementData)} | {
    f"{name}{n}" for name in ("goal", "steps", "success") for n in range(1, 6)
}
GOALS = st.builds(GoalData, goal=mostly(st.sampled_from(["Finish the thesis plan"]), texts()), steps=texts())


@st.composite
def timelines(draw: st.DrawFn) -> tuple[dt.date | None, dt.date | None]:
    """Mostly a first and a last day up to four months apart (as the editor's two date fields give), else
    anything: one day only, none, the last before the first, centuries apart."""
    if draw(st.integers(0, 3)) == 0:
        return draw(st.one_of(st.none(), dates())), draw(st.one_of(st.none(), dates()))
    start = draw(st.dates(min_value=TODAY - dt.timedelta(days=400), max_value=TODAY + dt.timedelta(days=400)))
    return start, start + dt.timedelta(days=draw(st.integers(0, 130)))


@st.composite
def agreement_data(draw: st.DrawFn) -> AgreementData:
    start, end = draw(timelines())
    return draw(
        st.builds(
            AgreementData,
            goals=st.lists(GOALS, max_size=5),
            expectations=texts(),
            timeline_start=st.just(start),
            timeline_end=st.just(end),
            meeting_frequency=texts(),
            meeting_duration_minutes=st.one_of(st.none(), numbers(5, 240)),
            meeting_mode=st.one_of(st.none(), words([m.value for m in Mode], "teleport")),
            mentor_boundaries=texts(),
            mentee_boundaries=texts(),
            confidentiality=texts(),
            off_limits_topics=texts(),
            termination_clause=texts(),
            mentor_success_criteria=texts(),
            mentee_success_criteria=texts(),
        )
    )


def expected_agreement(data: AgreementData) -> AgreementData:
    """What the editor keeps: goals with any text, trimmed; everything else as typed."""
    kept = copy.deepcopy(data)
    kept.goals = [
        GoalData(g.goal.strip(), g.steps.strip(), g.success_measure.strip())
        for g in data.goals
        if g.goal.strip() or g.steps.strip() or g.success_measure.strip()
    ]
    return kept


@fuzz(50, pair=st.integers(0, 10**4), data=agreement_data())
def test_agreement_editor_saves_a_version_or_refuses_it_untouched(
    world: World, tmp_path: Path, pair: int, data: AgreementData
) -> None:
    match_id = world.pairs[pair % len(world.pairs)]
    expected = expected_agreement(data)
    with copy_of(world, tmp_path) as db:
        with db.session() as session:
            previous = agreements.current(session, match_id)
            before = None if previous is None else AgreementData.of(previous)
            previous = None if previous is None else (previous.id, previous.version, previous.status)
        saved = attempt(db, lambda s: agreements.save(s, match_id, data).id, AGREEMENT_FIELDS)
        if saved is None:
            return
        with db.session() as session:
            stored = session.get_one(Agreement, saved)
            assert AgreementData.of(stored) == expected
            if before == expected:  # the saved contents again: no edit, nothing changes
                assert (stored.id, stored.version, stored.status) == previous
                return
            assert stored.status == AgreementStatus.DRAFT
            if previous is not None and previous[2] in (AgreementStatus.SIGNED, AgreementStatus.SUPERSEDED):
                assert stored.version == previous[1] + 1
                assert session.get_one(Agreement, previous[0]).status == AgreementStatus.SUPERSEDED
            elif previous is not None:
                assert (stored.id, stored.version) == previous[:2]


@fuzz(25, which=st.integers(0, 10**4), on=dates())
def test_signing_any_agreement_on_any_day(world: World, tmp_path: Path, which: int, on: dt.date) -> None:
    agreement_id = world.agreements[which % len(world.agreements)]
    with copy_of(world, tmp_path) as db:
        with db.session() as session:
            printed_before = session.get_one(Agreement, agreement_id).printed_on
        signed = attempt(db, lambda s: agreements.mark_signed(s, agreement_id, on) or True, set())
        with db.session() as session:
            agreement = session.get_one(Agreement, agreement_id)
            if signed:
                assert (agreement.status, agreement.signed_on) == (AgreementStatus.SIGNED, on)
                assert agreement.printed_on == (printed_before or on)
            else:
                assert agreement.status == AgreementStatus.SUPERSEDED


# -- meetings -------------------------------------------------------------------------------------------

# The dialog's own names: core calls the length "duration", as the dialog's spin box is called.
MEETING_FIELDS = {"date", "duration", "duration_minutes", "status", "mode", "phase", "topics", "private_notes"}
MEETING_VALUES = {
    "date": dates(around=TODAY - dt.timedelta(days=60), days=90),  # the demo's pairs began up to 150 days ago
    "duration_minutes": numbers(5, 240),
    "status": words([s.value for s in MeetingStatus], "Held", "postponed"),
    "mode": st.one_of(st.none(), words([m.value for m in Mode], "teleport")),
    "phase": st.one_of(st.none(), st.integers(1, 4)),  # other phases: test_a_logged_meeting_belongs_to_...
    "topics": texts(),
    "private_notes": texts(),
}


def stored_meeting(db: Database, meeting_id: int) -> dict[str, object]:
    with db.session() as session:
        meeting = session.get_one(Meeting, meeting_id)
        return {key: getattr(meeting, key) for key in MEETING_VALUES} | {"match_phase": meeting.match.phase}


@fuzz(
    50,
    target=st.integers(0, 10**4),
    edit=st.booleans(),
    values=st.fixed_dictionaries(
        {k: v for k, v in MEETING_VALUES.items() if k in ("date", "duration_minutes")},
        optional={k: v for k, v in MEETING_VALUES.items() if k not in ("date", "duration_minutes")},
    ),
)
def test_meeting_dialog_logs_or_edits_a_meeting_or_refuses_it_untouched(
    world: World, tmp_path: Path, target: int, edit: bool, values: dict
) -> None:
    values = dict(values)
    with copy_of(world, tmp_path) as db:
        if edit:
            meeting_id = world.meetings[target % len(world.meetings)]
            expected = stored_meeting(db, meeting_id) | values
            saved = attempt(
                db, lambda s: meetings.update_meeting(s, meeting_id, today=TODAY, **values).id, MEETING_FIELDS
            )
        else:
            match_id = world.pairs[target % len(world.pairs)]
            date, minutes = values.pop("date"), values.pop("duration_minutes")
            expected = {"status": MeetingStatus.HELD, "mode": None, "phase": None, "topics": "", "private_notes": ""}
            expected |= values | {"date": date, "duration_minutes": minutes}
            saved = attempt(
                db, lambda s: meetings.log_meeting(s, match_id, date, minutes, today=TODAY, **values).id, MEETING_FIELDS
            )
        if saved is not None:
            stored = stored_meeting(db, saved)
            expected["topics"], expected["private_notes"] = (
                expected["topics"].strip(),
                expected["private_notes"].strip(),
            )
            if not edit:
                expected["phase"] = expected["phase"] or stored["match_phase"]
            assert {k: stored[k] for k in MEETING_VALUES} == {k: expected[k] for k in MEETING_VALUES}


@fuzz(25, pair=st.integers(0, 10**4), phase=st.one_of(st.none(), st.integers(-2, 8), st.sampled_from(HUGE)))
@example(pair=0, phase=7)
@example(pair=0, phase=2**63)  # not even an SQLite integer
def test_a_logged_meeting_belongs_to_one_of_the_four_phases(world: World, tmp_path: Path, pair: int, phase) -> None:
    """The pair's page names the phase of every meeting (``Phase(meeting.phase)``)."""
    match_id = world.pairs[pair % len(world.pairs)]
    with copy_of(world, tmp_path) as db:
        saved = attempt(
            db, lambda s: meetings.log_meeting(s, match_id, TODAY, 45, phase=phase, today=TODAY).id, MEETING_FIELDS
        )
        if saved is not None:
            assert stored_meeting(db, saved)["phase"] in (1, 2, 3, 4)


# -- evaluations ----------------------------------------------------------------------------------------

QUESTION_KEYS = sorted({q.key for questions in INSTRUMENTS.values() for q in questions})
ANSWERS = st.one_of(
    st.none(),
    st.integers(-2, 6),
    st.sampled_from(HUGE),
    st.booleans(),
    st.floats(),
    st.sampled_from([math.inf, -math.inf, math.nan, 2.5, Decimal("3"), Decimal("Infinity"), Decimal("NaN")]),
    st.sampled_from(["3", " 4 ", "five", "", "١", "9" * 5000, "1e3"]),
    texts(),
    st.lists(st.integers(), max_size=2),
    st.binary(max_size=4),
)
INSTRUMENT_NAMES = words([i.value for i in Instrument], "SESSION", "x")
QUESTIONS = {instrument.value: {q.key: q.kind for q in questions} for instrument, questions in INSTRUMENTS.items()}
FITTING = {
    "rating": st.one_of(st.integers(1, 5), st.sampled_from(["3", " 4 "])),
    "yes_no": st.sampled_from([0, 1, "1", True]),
    "count": st.integers(0, 500),
    "text": st.sampled_from(["We planned the thesis.", "  Good talk ", "Bra samtal om sommarjobb"]),
}


@st.composite
def forms_from_paper(draw: st.DrawFn) -> tuple[str, dict[str, object]]:
    """(instrument, answers): mostly the instrument's own questions answered as the paper form asks, but also
    questions of other forms or none, answers of any type, blank answers and empty forms."""
    instrument = draw(INSTRUMENT_NAMES)
    own = QUESTIONS.get(instrument, {})
    any_key = words(QUESTION_KEYS, "wizard", "Usefulness")
    keys = draw(st.lists(mostly(st.sampled_from(sorted(own)), any_key) if own else any_key, max_size=6, unique=True))
    return instrument, {k: draw(mostly(FITTING[own[k]], ANSWERS) if k in own else ANSWERS) for k in keys}


@settings(max_examples=150, deadline=None)
@given(form=forms_from_paper())
@example(form=("x", {}))  # an instrument that does not exist
@example(form=("session", {"usefulness": math.inf}))  # a number no integer can hold
def test_evaluation_answers_are_checked_question_by_question(form: tuple[str, dict]) -> None:
    instrument, answers = form
    try:
        clean = evaluations.check_answers(instrument, answers)
    except ValidationError as error:
        assert_sentence(error)
        assert error.field in answers or error.field in (None, "instrument"), "the refusal names no question"
        return
    kinds = QUESTIONS[instrument]
    assert set(clean) <= set(answers)
    for key, (number, text) in clean.items():
        if kinds[key] == "text":
            assert number is None and text == str(answers[key]).strip() and text
        else:
            assert isinstance(number, int) and text == ""
            low, high = {"rating": (1, 5), "yes_no": (0, 1), "count": (0, 500)}[kinds[key]]
            assert low <= number <= high


@fuzz(
    40,
    pair=st.integers(0, 10**4),
    form=forms_from_paper(),
    role=words(["mentor", "mentee"], "wizard", "Mentor"),
    with_meeting=st.booleans(),
    submitted_on=dates(),
)
def test_an_evaluation_from_paper_is_entered_once_or_refused_untouched(
    world: World, tmp_path: Path, pair, form, role, with_meeting, submitted_on
) -> None:
    instrument, answers = form
    match_id = world.pairs[pair % len(world.pairs)]
    form_fields = {"role", "instrument", *QUESTION_KEYS, *answers}
    with copy_of(world, tmp_path) as db:
        with db.session() as session:
            meeting_id = (
                session.scalar(select(Meeting.id).where(Meeting.match_id == match_id)) if with_meeting else None
            )
        saved = attempt(
            db,
            lambda s: (
                evaluations.record(
                    s, match_id, instrument, role, answers, meeting_id=meeting_id, submitted_on=submitted_on
                ).id
            ),
            form_fields,
        )
        if saved is None:
            return
        with db.session() as session:
            stored = session.get_one(Evaluation, saved)
            assert {a.question_key: (a.number, a.text) for a in stored.answers} == evaluations.check_answers(
                instrument, answers
            )
            assert (stored.instrument, stored.respondent_role, stored.submitted_on) == (instrument, role, submitted_on)
            copies = session.scalars(
                select(Evaluation.id).where(
                    Evaluation.match_id == match_id,
                    Evaluation.instrument == instrument,
                    Evaluation.respondent_role == role,
                    Evaluation.meeting_id.is_(None) if meeting_id is None else Evaluation.meeting_id == meeting_id,
                )
            ).all()
            assert copies == [saved], "the same form was entered twice"


# -- pairs and requests ---------------------------------------------------------------------------------

# "reason" and "declineReason": the end-pair and requests dialogs' names of the reasons; "notes": a phase's notes.
PAIR_FIELDS = {"ended_on", "closed_on", "style", "mentor", "mentee", "role", "reason", "declineReason", "notes"}
STYLES = words([s.value for s in Style], "Flash", "teleport")


@fuzz(
    40,
    mentee=people_by("mentees"),
    mentor=people_by("mentors"),
    initiated_by=words([i.value for i in Initiator], "wizard"),
    style=st.one_of(st.none(), STYLES),
    today=dates(),
)
# The world's last participants: Astrid, Ingrid, Saga, Elin, then the other programme's mentor (-1).
@example(  # Elin (free) with Ingrid (two free places), in a style that does not exist
    mentee=("participants", -2), mentor=("participants", -4), initiated_by="coordinator", style="teleport", today=TODAY
)
def test_pairing_by_hand_makes_a_pair_or_refuses_untouched(
    world: World, tmp_path: Path, mentee, mentor, initiated_by: str, style, today: dt.date
) -> None:
    mentee_id, mentor_id = choose(world, mentee), choose(world, mentor)
    with copy_of(world, tmp_path) as db:
        made = attempt(
            db, lambda s: pairs.create_pair(s, mentee_id, mentor_id, initiated_by, style, today).id, PAIR_FIELDS
        )
        if made is not None:
            with db.session() as session:
                match = session.get_one(Match, made)
                default = match.programme.default_style
                assert (match.mentee_id, match.mentor_id, match.status, match.phase) == (
                    mentee_id,
                    mentor_id,
                    "active",
                    1,
                )
                assert (match.style, match.initiated_by, match.created_on) == (style or default, initiated_by, today)


@fuzz(
    50,
    pair=st.integers(0, 10**4),
    action=st.sampled_from(["end", "first contact", "style"]),
    day=st.one_of(st.none(), dates()),
    reason=texts(),
    style=STYLES,
)
def test_a_pair_is_ended_restyled_or_contacted_or_refused_untouched(
    world: World, tmp_path: Path, pair: int, action: str, day, reason: str, style: str
) -> None:
    match_id = world.pairs[pair % len(world.pairs)]
    with copy_of(world, tmp_path) as db:
        with db.session() as session:
            start_before = session.get_one(Match, match_id).start_date
        if action == "end":
            day = day or TODAY
            done = attempt(db, lambda s: pairs.end_pair(s, match_id, day, reason) or True, PAIR_FIELDS)
        elif action == "first contact":
            done = attempt(db, lambda s: pairs.set_first_contact(s, match_id, day) or True, PAIR_FIELDS)
        else:
            done = attempt(db, lambda s: pairs.set_style(s, match_id, style) or True, PAIR_FIELDS)
        if not done:
            return
        with db.session() as session:
            match = session.get_one(Match, match_id)
            if action == "end":
                assert (match.status, match.ended_on, match.termination_reason) == ("ended", day, reason.strip())
            elif action == "first contact":
                assert match.first_contact_on == day
                assert match.start_date == (start_before or day)
            else:
                assert match.style == style


@fuzz(
    50,
    mentee=people_by("mentees"),
    mentors=st.lists(people_by("mentors"), max_size=5),
    request=st.one_of(st.none(), st.integers(0, 10**4)),
    accept=st.booleans(),
    reason=texts(),
    today=dates(),
)
# Saga (-3) asks Ingrid (-4) again: her first request to Ingrid was withdrawn when Astrid accepted hers.
@example(
    mentee=("participants", -3), mentors=[("participants", -4)], request=None, accept=False, reason="", today=TODAY
)
def test_self_matching_requests_are_recorded_and_answered_or_refused_untouched(
    world: World, tmp_path: Path, mentee, mentors: list, request, accept: bool, reason: str, today
) -> None:
    with copy_of(world, tmp_path) as db:
        if request is None:  # a mentee's ranked requests
            mentee_id = choose(world, mentee)
            mentor_ids = [choose(world, m) for m in mentors]
            done = attempt(db, lambda s: pairs.record_requests(s, mentee_id, mentor_ids, today) or True, PAIR_FIELDS)
            if done:
                with db.session() as session:
                    pending = session.execute(
                        select(MentorRequest.mentor_id, MentorRequest.rank, MentorRequest.requested_on)
                        .where(MentorRequest.mentee_id == mentee_id, MentorRequest.status == RequestStatus.PENDING)
                        .order_by(MentorRequest.rank)
                    ).all()
                assert [tuple(r) for r in pending] == [(m, n, today) for n, m in enumerate(mentor_ids, start=1)]
            return
        request_id = world.requests[request % len(world.requests)]  # the mentor's answer
        made = attempt(db, lambda s: pairs.answer_request(s, request_id, accept, reason, today) or True, PAIR_FIELDS)
        if made:
            with db.session() as session:
                answered = session.get_one(MentorRequest, request_id)
                assert answered.answered_on == today
                assert answered.status == (RequestStatus.ACCEPTED if accept else RequestStatus.DECLINED)
                if not accept:
                    assert answered.decline_reason == reason.strip()
                else:
                    assert session.scalar(
                        select(Match.id).where(
                            Match.mentee_id == answered.mentee_id,
                            Match.mentor_id == answered.mentor_id,
                            Match.status == MatchStatus.ACTIVE,
                        )
                    )


# -- the mentoring cycle --------------------------------------------------------------------------------

PHASE_ITEMS = sorted({key for items in PHASE_CHECKLISTS.values() for key, _label in items})
PHASES = mostly(st.integers(1, 4), st.one_of(st.integers(-2, 8), st.sampled_from(HUGE)))


@fuzz(
    60,
    pair=st.integers(0, 10**4),
    action=st.sampled_from(["advance", "advance 1+2", "tick", "notes", "close"]),
    phase=PHASES,
    item=words(PHASE_ITEMS, "wizard", "Build_trust"),
    day=st.one_of(st.none(), dates()),
    notes=texts(),
)
@example(pair=0, action="tick", phase=7, item="build_trust", day=TODAY, notes="")  # a phase that does not exist
@example(pair=0, action="notes", phase=7, item="", day=None, notes="Notes for phase 7")
def test_the_cycle_moves_ticks_and_notes_or_refuses_untouched(
    world: World, tmp_path: Path, pair: int, action: str, phase: int, item: str, day, notes: str
) -> None:
    match_id = world.pairs[pair % len(world.pairs)]
    on = day or TODAY
    with copy_of(world, tmp_path) as db:
        if action.startswith("advance"):
            together = action == "advance 1+2"
            done = attempt(db, lambda s: cycle.advance(s, match_id, on, through_negotiation=together), PAIR_FIELDS)
        elif action == "tick":
            done = attempt(db, lambda s: cycle.tick(s, match_id, phase, item, day) or True, PAIR_FIELDS)
        elif action == "notes":
            done = attempt(db, lambda s: cycle.set_notes(s, match_id, phase, notes) or True, PAIR_FIELDS)
        else:
            done = attempt(db, lambda s: cycle.close_pair(s, match_id, on).id, PAIR_FIELDS)
        if not done:
            return
        with db.session() as session:
            match = session.get_one(Match, match_id)
            progress = {
                p.phase: p for p in session.scalars(select(PhaseProgress).where(PhaseProgress.match_id == match_id))
            }
            if action.startswith("advance"):
                assert match.phase == done and progress[done].started_on == on
            elif action == "tick":
                assert cycle.checklist_state(session, match_id).get(phase, {}).get(item) == day
            elif action == "notes":
                assert progress[phase].notes == notes.strip()
            else:
                assert (match.status, match.closed_on) == (MatchStatus.CLOSED, on)
