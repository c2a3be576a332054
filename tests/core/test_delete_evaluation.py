"""Deleting an entered evaluation form (issue 19): its answers go, the form is outstanding again, and
undo puts back the same answers; a form never entered is refused with a sentence that names it, and a
refusal changes nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from westem_desktop.core import participants as people
from westem_desktop.core.errors import ValidationError
from westem_desktop.core.evaluations import delete_evaluation, outstanding, record, restore_evaluation
from westem_desktop.core.meetings import log_meeting
from westem_desktop.core.models import Evaluation, EvaluationAnswer
from westem_desktop.core.pairs import create_pair
from westem_desktop.core.programmes import ProgrammeSettings, create_programme

DAY = dt.date(2026, 9, 1)
ANSWERS = {"usefulness": 4, "atmosphere": 5, "goal_progress": 3, "reflection": "Vi satte tre mål."}


@pytest.fixture
def pair(database) -> dict[str, int]:
    """A pair (Astrid and Saga) with one held meeting, whose session form the mentee has entered."""
    with database.session() as session:
        pid = create_programme(session, ProgrammeSettings(name="Season")).id

        def add(name: str, role: str) -> int:
            data = people.ParticipantData(role=role, name=name, email=f"{name.lower()}@uu.se", languages=["sv"])
            return people.create_participant(session, pid, data).id

        match_id = create_pair(session, add("Saga", "mentee"), add("Astrid", "mentor"), today=DAY).id
        later = DAY + dt.timedelta(days=30)
        meeting_id = log_meeting(session, match_id, DAY + dt.timedelta(days=7), 45, today=later).id
        record(session, match_id, "session", "mentee", ANSWERS, meeting_id=meeting_id, submitted_on=DAY)
    return {"programme": pid, "pair": match_id, "meeting": meeting_id}


def stored(database) -> list[tuple]:
    """Every stored form and answer, as they are in the file (but who wrote the form last, and when: putting
    it back is a write of its own)."""
    written = {"changed_by", "changed_at"}
    columns = [c for c in Evaluation.__table__.columns if c.name not in written]
    with database.reading() as session:
        forms = session.execute(select(*columns).order_by(Evaluation.id)).all()
        answers = session.execute(select(EvaluationAnswer.__table__).order_by(EvaluationAnswer.id)).all()
    return [tuple(row) for row in (*forms, *answers)]


def outstanding_keys(database, programme_id: int) -> set[tuple]:
    with database.reading() as session:
        return {(f.match_id, f.role, f.instrument, f.meeting_id) for f in outstanding(session, programme_id)}


def test_deleting_an_entered_form_leaves_it_outstanding_again(database, pair) -> None:
    key = (pair["pair"], "mentee", "session", pair["meeting"])
    assert key not in outstanding_keys(database, pair["programme"])
    with database.session() as session:
        deleted = delete_evaluation(session, pair["pair"], "session", "mentee", meeting_id=pair["meeting"])
    assert key in outstanding_keys(database, pair["programme"])
    with database.reading() as session:
        assert session.scalar(select(func.count()).select_from(Evaluation)) == 0
        assert session.scalar(select(func.count()).select_from(EvaluationAnswer)) == 0  # the answers went too
    assert dict((k, n if t == "" else t) for k, n, t in deleted.answers) == ANSWERS
    assert deleted.submitted_on == DAY and deleted.role == "mentee"


def test_undo_puts_back_the_same_form_with_the_same_answers(database, pair) -> None:
    before = stored(database)
    with database.session() as session:
        deleted = delete_evaluation(session, pair["pair"], "session", "mentee", meeting_id=pair["meeting"])
    with database.session() as session:
        restore_evaluation(session, deleted)
    after = stored(database)
    assert after[0] == before[0]  # the form: same id, pair, meeting, dates
    assert sorted(row[2:] for row in after[1:]) == sorted(row[2:] for row in before[1:])  # the answers


def test_a_form_never_entered_is_refused_by_name_and_nothing_changes(database, pair) -> None:
    before = stored(database)
    with pytest.raises(ValidationError) as refused, database.session() as session:
        delete_evaluation(session, pair["pair"], "session", "mentor", meeting_id=pair["meeting"])
    assert str(refused.value) == (
        f"“Evaluation of the session, 8 September 2026” of pair {pair['pair']} (filled in by the mentor) "
        "has not been entered: there are no answers to delete."
    )
    nowhere = r"“Final evaluation” of pair 999 \(filled in by the mentee\) has not"
    with pytest.raises(ValidationError, match=nowhere), database.session() as session:
        delete_evaluation(session, 999, "final", "mentee")
    with pytest.raises(ValidationError, match="Choose a form"), database.session() as session:
        delete_evaluation(session, pair["pair"], "homework", "mentee")
    with pytest.raises(ValidationError, match="mentor or mentee"), database.session() as session:
        delete_evaluation(session, pair["pair"], "session", "coordinator", meeting_id=pair["meeting"])
    assert stored(database) == before


def test_the_refusal_is_in_the_language_of_the_interface(database, pair) -> None:
    from westem_desktop import i18n

    i18n.set_language("sv")
    with pytest.raises(ValidationError) as refused, database.session() as session:
        delete_evaluation(session, pair["pair"], "final", "mentor")
    assert str(refused.value) == (
        f"”Slututvärdering” för par {pair['pair']} (ifylld av parets mentor) har inte förts in: "
        "det finns inga svar att ta bort."
    )


def test_undo_keeps_a_copy_entered_again_since(database, pair) -> None:
    with database.session() as session:
        deleted = delete_evaluation(session, pair["pair"], "session", "mentee", meeting_id=pair["meeting"])
    with database.session() as session:
        record(session, pair["pair"], "session", "mentee", {"usefulness": 2}, meeting_id=pair["meeting"])
    before = stored(database)
    kept = "entered again since, and those answers are kept"
    with pytest.raises(ValidationError, match=kept), database.session() as session:
        restore_evaluation(session, deleted)
    assert stored(database) == before


def entered_copy(database, pair) -> Evaluation:
    with database.reading() as session:
        form = session.scalars(select(Evaluation)).one()
        session.expunge(form)
        return form


def test_a_delete_over_a_copy_entered_again_meanwhile_is_refused_with_who_and_keeps_it(database, pair) -> None:
    from westem_desktop.core.errors import ConcurrentChangeError, RowDeletedError
    from westem_desktop.core.versions import Seen

    shown = Seen.of(entered_copy(database, pair))  # the screen shows the mentee's copy
    corrected = {**ANSWERS, "usefulness": 5}
    with database.session() as session:  # another coordinator enters a corrected copy
        record(session, pair["pair"], "session", "mentee", corrected, meeting_id=pair["meeting"], seen=shown)
    theirs = entered_copy(database, pair)
    before = stored(database)
    with pytest.raises(ConcurrentChangeError) as refused, database.session() as session:
        delete_evaluation(session, pair["pair"], "session", "mentee", meeting_id=pair["meeting"], seen=shown)
    assert str(refused.value).startswith(f"Changed by {theirs.changed_by} at ")
    assert stored(database) == before  # the corrected copy stays
    with pytest.raises(ConcurrentChangeError), database.session() as session:  # so is entering over it
        record(session, pair["pair"], "session", "mentee", ANSWERS, meeting_id=pair["meeting"], seen=shown)
    assert stored(database) == before

    with database.session() as session:  # on the copy as it is now: deleted
        delete_evaluation(session, pair["pair"], "session", "mentee", meeting_id=pair["meeting"], seen=Seen.of(theirs))
    with database.reading() as session:
        assert session.scalar(select(func.count()).select_from(Evaluation)) == 0
    with pytest.raises(RowDeletedError), database.session() as session:  # deleted by someone else meanwhile
        delete_evaluation(session, pair["pair"], "session", "mentee", meeting_id=pair["meeting"], seen=Seen.of(theirs))
