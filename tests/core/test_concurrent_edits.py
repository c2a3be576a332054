"""Concurrent coordinators lose nothing: the second save over a row someone saved since is refused with
who and when, and both changes survive (the other's in the database, hers in her hands)."""

from __future__ import annotations

import datetime as dt
import getpass
from collections.abc import Iterator

import pytest
from sqlalchemy import select

from tests.coordinators import open_server, server_database
from westem_desktop import i18n
from westem_desktop.core import participants as people
from westem_desktop.core.db import open_database
from westem_desktop.core.errors import ConcurrentChangeError, RowDeletedError
from westem_desktop.core.models import Participant
from westem_desktop.core.participants import ParticipantData
from westem_desktop.core.programmes import ProgrammeSettings, create_programme
from westem_desktop.core.views.participants import for_editing


@pytest.fixture(params=["sqlite", "postgresql"])
def coordinators(request: pytest.FixtureRequest, tmp_path) -> Iterator[tuple[object, object, str]]:
    """Anna's and Karin's databases (on a file: the same one) and the name Karin's saves are stamped with."""
    if request.param == "sqlite":
        with open_database(tmp_path / "one.sqlite") as db:
            yield db, db, getpass.getuser()
        return
    pg_server = request.getfixturevalue("pg_server")
    name = server_database(pg_server)
    anna, karin = open_server(pg_server, name, "anna"), open_server(pg_server, name, "karin")
    yield anna, karin, "karin"
    anna.close()
    karin.close()
    pg_server.drop_database(name)


def read(db, participant_id: int) -> tuple[ParticipantData, int]:
    with db.session() as session:
        person = session.get_one(Participant, participant_id)
        return ParticipantData.of(person), person.row_version


@pytest.fixture
def sebnem(coordinators) -> int:
    anna, _karin, _who = coordinators
    with anna.session() as session:
        programme = create_programme(session, ProgrammeSettings(name="P")).id
        data = ParticipantData(role="mentee", name="Şebnem Yılmaz", email="sebnem@example.edu")
        return people.create_participant(session, programme, data).id


def test_a_new_row_is_version_1_stamped_with_who_and_when(coordinators, sebnem) -> None:
    anna, _karin, _who = coordinators
    with anna.session() as session:
        person = session.get_one(Participant, sebnem)
        assert person.row_version == 1
        assert person.changed_by == (getpass.getuser() if anna is _karin else "anna")
        assert abs(person.changed_at - dt.datetime.now(dt.UTC).replace(tzinfo=None)) < dt.timedelta(minutes=1)


def test_the_second_save_is_refused_with_who_and_when_and_nothing_is_lost(coordinators, sebnem) -> None:
    anna, karin, karins_name = coordinators
    i18n.set_language("sv")
    annas_screen, annas_version = read(anna, sebnem)  # both open her dialog
    karins_screen, karins_version = read(karin, sebnem)
    assert annas_version == karins_version == 1

    karins_screen.notes = "Prefers meetings in the morning"
    with karin.session() as session:
        saved = people.update_participant(session, sebnem, karins_screen, karins_version)
        assert saved.row_version == 2
    before = dt.datetime.now(dt.UTC).replace(tzinfo=None)

    annas_screen.study_programme = "Chemistry"
    with pytest.raises(ConcurrentChangeError) as refused, anna.session() as session:
        people.update_participant(session, sebnem, annas_screen, annas_version)

    error = refused.value
    assert error.who == karins_name and error.version == 2
    assert abs(error.when - before) < dt.timedelta(minutes=1)
    clock = error.when.replace(tzinfo=dt.UTC).astimezone().strftime("%H:%M")  # Swedish: 14:32
    assert str(error) == f"Ändrad av {karins_name} kl. {clock}; ladda om och gör din ändring igen?"
    # Karin's change stays; Anna's entry is still hers to apply again, on the newer version.
    now, version = read(anna, sebnem)
    assert (now.notes, now.study_programme, version) == ("Prefers meetings in the morning", "", 2)
    assert annas_screen.study_programme == "Chemistry"
    annas_screen = read(anna, sebnem)[0]
    annas_screen.study_programme = "Chemistry"
    with anna.session() as session:
        people.update_participant(session, sebnem, annas_screen, version)
    now, version = read(karin, sebnem)
    assert (now.notes, now.study_programme, version) == ("Prefers meetings in the morning", "Chemistry", 3)


def test_the_dialogs_read_model_carries_the_version(database) -> None:
    with database as db:
        with db.session() as session:
            programme = create_programme(session, ProgrammeSettings(name="P")).id
            data = ParticipantData(role="mentee", name="Şebnem Yılmaz", email="sebnem@example.edu")
            sebnem = people.create_participant(session, programme, data).id
        unchanged = for_editing(db, sebnem)
        with db.session() as session:  # saving what is there changes nothing, not even the version
            people.update_participant(session, sebnem, unchanged.data, unchanged.version)
        assert for_editing(db, sebnem).version == 1
        unchanged.data.notes = "Now with notes"
        with db.session() as session:
            people.update_participant(session, sebnem, unchanged.data, unchanged.version)
        assert for_editing(db, sebnem).version == 2


def test_editing_someone_deleted_meanwhile_says_so(coordinators, sebnem) -> None:
    anna, karin, _who = coordinators
    annas_screen, version = read(anna, sebnem)
    with karin.session() as session:
        people.delete_participants(session, [sebnem])
    annas_screen.notes = "Kept in her dialog"
    with pytest.raises(RowDeletedError, match="Someone else deleted this meanwhile"), anna.session() as session:
        people.update_participant(session, sebnem, annas_screen, version)


def test_deleting_someone_changed_meanwhile_is_refused(coordinators, sebnem) -> None:
    anna, karin, karins_name = coordinators
    _data, seen = read(anna, sebnem)
    karins_screen, version = read(karin, sebnem)
    karins_screen.notes = "New notes"
    with karin.session() as session:
        people.update_participant(session, sebnem, karins_screen, version)
    with pytest.raises(ConcurrentChangeError, match=f"Changed by {karins_name} at"), anna.session() as session:
        people.delete_participants(session, [sebnem], {sebnem: seen})
    assert read(anna, sebnem)[0].notes == "New notes"


def test_a_stale_orm_update_without_a_check_is_still_refused(pg_server) -> None:
    """version_id_col: even a path that forgets the check cannot overwrite a newer row (on a server, where
    two programs' transactions interleave; a file has one writer)."""
    name = server_database(pg_server)
    anna, karin = open_server(pg_server, name, "anna"), open_server(pg_server, name, "karin")
    try:
        with anna.session() as session:
            programme = create_programme(session, ProgrammeSettings(name="P")).id
            data = ParticipantData(role="mentee", name="Şebnem Yılmaz", email="sebnem@example.edu")
            sebnem = people.create_participant(session, programme, data).id
        with pytest.raises(ConcurrentChangeError), anna.session() as annas:
            stale = annas.get_one(Participant, sebnem)
            with karin.session() as karins:
                karins.get_one(Participant, sebnem).notes = "Karin's"
            stale.notes = "Anna's"
        assert read(karin, sebnem)[0].notes == "Karin's"
    finally:
        anna.close()
        karin.close()


def test_versions_go_up_on_every_write_of_each_editable_table(coordinators) -> None:
    from westem_desktop.core.models import Programme

    anna, _karin, _who = coordinators
    with anna.session() as session:
        programme = create_programme(session, ProgrammeSettings(name="Q"))
    with anna.session() as session:
        row = session.get_one(Programme, programme.id)
        row.institution = "Faculty of Science"
    with anna.session() as session:
        assert session.scalar(select(Programme.row_version).where(Programme.id == programme.id)) == 2


@pytest.fixture
def pair(coordinators) -> int:
    from westem_desktop.core.models import Match

    anna, _karin, _who = coordinators
    with anna.session() as session:
        programme = create_programme(session, ProgrammeSettings(name="Pairs")).id

        def add(name: str, role: str) -> int:
            data = ParticipantData(role=role, name=name, email=f"{name.lower()}@uu.se", languages=["sv"])
            return people.create_participant(session, programme, data).id

        # (A Match made here: create_pair's pool check is SQLite's SQL until the engine helper lands.)
        match = Match(programme_id=programme, mentee_id=add("Saga", "mentee"), mentor_id=add("Astrid", "mentor"))
        match.created_on, match.phase = dt.date(2026, 9, 1), 1
        session.add(match)
        session.flush()
        return match.id


def pair_version(db, pair: int) -> int:
    from westem_desktop.core.models import Match

    with db.session() as session:
        return session.get_one(Match, pair).row_version


def test_ending_a_pair_someone_changed_meanwhile_is_refused(coordinators, pair) -> None:
    from westem_desktop.core.models import Match
    from westem_desktop.core.pairs import end_pair, set_first_contact

    anna, karin, karins_name = coordinators
    seen = pair_version(anna, pair)
    with karin.session() as session:
        set_first_contact(session, pair, dt.date(2026, 9, 3), pair_version(karin, pair))
    with pytest.raises(ConcurrentChangeError, match=f"Changed by {karins_name} at"), anna.session() as session:
        end_pair(session, pair, dt.date(2026, 10, 1), "Moved abroad", seen)
    with anna.session() as session:
        match = session.get_one(Match, pair)
        assert (match.status, match.first_contact_on) == ("active", dt.date(2026, 9, 3))
        end_pair(session, pair, dt.date(2026, 10, 1), "Moved abroad", match.row_version)  # after a reload: saved


def test_phase_moves_over_someone_elses_newer_change_are_refused(coordinators, pair) -> None:
    from westem_desktop.core.cycle import advance, close_pair, go_back
    from westem_desktop.core.models import Match
    from westem_desktop.core.pairs import set_first_contact

    anna, karin, karins_name = coordinators
    seen = pair_version(anna, pair)  # Anna's Cycle tab shows the pair in preparation
    karins = pair_version(karin, pair)
    with karin.session() as session:
        set_first_contact(session, pair, dt.date(2026, 9, 3), karins)
    with pytest.raises(ConcurrentChangeError, match=f"Changed by {karins_name} at"), anna.session() as session:
        advance(session, pair, dt.date(2026, 9, 10), version=seen)
    with anna.session() as session:
        match = session.get_one(Match, pair)
        assert (match.phase, match.first_contact_on) == (1, dt.date(2026, 9, 3))  # nothing moved; hers stays
        advance(session, pair, dt.date(2026, 9, 10), version=match.row_version)  # after a reload: moved
    seen = karins = pair_version(anna, pair)
    with karin.session() as session:
        advance(session, pair, dt.date(2026, 9, 20), version=karins)
    with pytest.raises(ConcurrentChangeError, match=f"Changed by {karins_name} at"), anna.session() as session:
        go_back(session, pair, seen)
    with pytest.raises(ConcurrentChangeError, match=f"Changed by {karins_name} at"), anna.session() as session:
        close_pair(session, pair, dt.date(2026, 12, 1), seen)
    with anna.session() as session:
        match = session.get_one(Match, pair)
        assert match.phase == 3  # Karin's move stays
        go_back(session, pair, match.row_version)  # on the version shown now: moved back


def test_a_meeting_saved_by_someone_else_meanwhile_is_not_overwritten(coordinators, pair) -> None:
    from westem_desktop.core.meetings import log_meeting, update_meeting
    from westem_desktop.core.models import Meeting

    anna, karin, karins_name = coordinators
    today = dt.date(2026, 10, 1)
    with anna.session() as session:
        meeting = log_meeting(session, pair, dt.date(2026, 9, 10), 45, today=today)
        meeting_id, seen = meeting.id, meeting.row_version  # both open the meeting
    with karin.session() as session:
        update_meeting(session, meeting_id, today=today, version=seen, topics="Goals for the term")
    with pytest.raises(ConcurrentChangeError, match=f"Changed by {karins_name} at"), anna.session() as session:
        update_meeting(session, meeting_id, today=today, version=seen, duration_minutes=60)
    with anna.session() as session:
        meeting = session.get_one(Meeting, meeting_id)
        assert (meeting.topics, meeting.duration_minutes) == ("Goals for the term", 45)  # hers stays, ours not
        update_meeting(session, meeting_id, today=today, version=meeting.row_version, duration_minutes=60)
    with anna.session() as session:
        meeting = session.get_one(Meeting, meeting_id)
        assert (meeting.topics, meeting.duration_minutes) == ("Goals for the term", 60)  # both


def test_phase_notes_saved_by_someone_else_meanwhile_are_not_overwritten(coordinators, pair) -> None:
    from westem_desktop.core.cycle import set_notes
    from westem_desktop.core.models import PhaseProgress
    from westem_desktop.core.versions import Seen

    anna, karin, karins_name = coordinators

    def phase_1() -> PhaseProgress | None:
        with anna.session() as session:
            row = session.scalars(select(PhaseProgress).where(PhaseProgress.match_id == pair)).one_or_none()
            if row is not None:
                session.expunge(row)
            return row

    seen = Seen.of(phase_1())  # both see preparation without notes (no row yet)
    with karin.session() as session:
        set_notes(session, pair, 1, "Met in the library", seen)
    with pytest.raises(ConcurrentChangeError, match=f"Changed by {karins_name} at"), anna.session() as session:
        set_notes(session, pair, 1, "Talked about exams", seen)
    assert phase_1().notes == "Met in the library"

    shown = Seen.of(phase_1())  # both read the notes again
    with karin.session() as session:
        set_notes(session, pair, 1, "Met in the library; exam plan next", shown)
    with pytest.raises(ConcurrentChangeError, match=f"Changed by {karins_name} at"), anna.session() as session:
        set_notes(session, pair, 1, "Met in the library. Talked about exams", shown)
    assert phase_1().notes == "Met in the library; exam plan next"
    now = Seen.of(phase_1())  # after a reload: saved
    with anna.session() as session:
        set_notes(session, pair, 1, "Met in the library; exam plan next. Talked about exams", now)
    assert phase_1().notes == "Met in the library; exam plan next. Talked about exams"


def test_an_agreement_saved_by_someone_else_meanwhile_is_not_overwritten(coordinators, pair) -> None:
    from westem_desktop.core import agreements
    from westem_desktop.core.versions import Seen

    anna, karin, karins_name = coordinators
    with anna.session() as session:
        annas = agreements.draft(session, pair)
        seen = Seen.of(agreements.current(session, pair))  # none yet
    with karin.session() as session:
        karins = agreements.draft(session, pair)
        karins.expectations = "Karin's expectations"
        agreements.save(session, pair, karins, Seen.of(agreements.current(session, pair)))
    annas.expectations = "Anna's expectations"
    with pytest.raises(ConcurrentChangeError, match=f"Changed by {karins_name} at"), anna.session() as session:
        agreements.save(session, pair, annas, seen)
    with anna.session() as session:
        saved = agreements.current(session, pair)
        assert saved.expectations == "Karin's expectations"
        agreements.save(session, pair, annas, Seen.of(saved))  # applied again on the newer version
    with karin.session() as session:
        assert agreements.current(session, pair).expectations == "Anna's expectations"


def test_a_form_entered_by_someone_else_meanwhile_is_not_replaced(coordinators, pair) -> None:
    from westem_desktop.core import evaluations
    from westem_desktop.core.versions import Seen

    anna, karin, karins_name = coordinators
    from westem_desktop.core.instruments import INSTRUMENTS

    final = {q.key: 3 for q in INSTRUMENTS["final"] if q.kind == "rating"}
    with karin.session() as session:
        evaluations.record(session, pair, "final", "mentee", final, seen=Seen(None))
    with pytest.raises(ConcurrentChangeError, match=f"Changed by {karins_name} at"), anna.session() as session:
        evaluations.record(session, pair, "final", "mentee", {**final, next(iter(final)): 5}, seen=Seen(None))
    with anna.session() as session:
        kept = evaluations.entered_form(session, pair, "final", "mentee")
        assert {a.question_key: a.number for a in kept.answers} == final


def test_a_form_deleted_and_entered_again_meanwhile_is_not_taken_for_the_one_shown(coordinators, pair) -> None:
    """Anna's screen shows an entered form; Karin deletes its answers and enters a new copy. On a file the
    new copy may get the deleted one's id, and it starts again at version 1: it is still a different
    copy, and Anna's replacement or delete is refused, keeping Karin's."""
    from westem_desktop.core import evaluations
    from westem_desktop.core.instruments import INSTRUMENTS
    from westem_desktop.core.versions import Seen

    anna, karin, karins_name = coordinators
    final = {q.key: 3 for q in INSTRUMENTS["final"] if q.kind == "rating"}
    first_key = next(iter(final))
    with anna.session() as session:
        annas_screen = Seen.of(evaluations.record(session, pair, "final", "mentee", final, seen=Seen(None)))
    with karin.session() as session:
        evaluations.delete_evaluation(session, pair, "final", "mentee", seen=annas_screen)
    with karin.session() as session:
        evaluations.record(session, pair, "final", "mentee", {**final, first_key: 5}, seen=Seen(None))
    for stale in (
        lambda session: evaluations.record(
            session, pair, "final", "mentee", {**final, first_key: 1}, seen=annas_screen
        ),
        lambda session: evaluations.delete_evaluation(session, pair, "final", "mentee", seen=annas_screen),
    ):
        with pytest.raises(ConcurrentChangeError, match=f"Changed by {karins_name} at"), anna.session() as session:
            stale(session)
    with anna.session() as session:
        kept = evaluations.entered_form(session, pair, "final", "mentee")
        assert {a.question_key: a.number for a in kept.answers}[first_key] == 5
