"""A participant's data: the readable export, erasure that keeps the counts, anonymising a programme."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import func, select

from tests.platforms import assert_private
from westem_desktop.core.demo import create_demo
from westem_desktop.core.errors import ValidationError
from westem_desktop.core.models import (
    Agreement,
    AgreementGoal,
    Evaluation,
    EvaluationAnswer,
    Match,
    Meeting,
    OnboardingItem,
    Participant,
    Programme,
)
from westem_desktop.core.privacy import (
    anonymise_programme,
    anonymise_summary,
    erase_participant,
    export_participant,
    participant_report,
)
from westem_desktop.core.read import programme_overview

TODAY = dt.date(2026, 11, 22)


@pytest.fixture
def demo(database) -> int:
    with database.session() as session:
        return create_demo(session, participants=60, seed=3, today=TODAY).id


def paired_mentee(session, programme: int) -> Participant:
    match = session.scalars(select(Match).where(Match.programme_id == programme, Match.phase >= 3)).first()
    return match.mentee


def test_the_report_holds_everything_about_her(database, demo, tmp_path) -> None:
    with database.session() as session:
        mentee = paired_mentee(session, demo)
        text = participant_report(session, mentee.id)
        export_participant(session, mentee.id, tmp_path / "her.txt")
        assert mentee.name in text and mentee.email in text and mentee.study_programme in text
        assert "Pair " in text
        partner = session.scalars(select(Match).where(Match.mentee_id == mentee.id)).first().mentor
        assert partner.name in text
    assert (tmp_path / "her.txt").read_text(encoding="utf-8") == text
    assert_private(tmp_path / "her.txt")


def test_the_report_names_her_languages_and_country_in_the_interface_language(database, demo) -> None:
    from westem_desktop.i18n import set_language

    with database.session() as session:
        mentee = paired_mentee(session, demo)
        mentee.languages, mentee.country = ["sv", "en"], "NO"
        session.flush()
        try:
            set_language("sv")
            text = participant_report(session, mentee.id)
        finally:
            set_language("en")
    assert "Språk: svenska, engelska" in text and "Land: Norge" in text


def test_erasing_removes_personal_data_and_keeps_the_counts(database, demo) -> None:
    before = programme_overview(database.read(), demo)
    with database.session() as session:
        mentee = paired_mentee(session, demo)
        pid, name, email = mentee.id, mentee.name, mentee.email
        pairs = [m.id for m in session.scalars(select(Match).where(Match.mentee_id == pid))]
        meetings_before = session.scalar(select(func.count()).select_from(Meeting).where(Meeting.match_id.in_(pairs)))
        erase_participant(session, pid)
    with database.session() as session:
        erased = session.get_one(Participant, pid)
        assert erased.erased_at is not None and erased.name == "" and erased.email is None
        assert erased.languages == [] and erased.country == "" and erased.institution == ""
        assert erased.role == "mentee" and erased.fields  # what the reports count stays
        assert (
            session.scalar(select(func.count()).select_from(OnboardingItem).where(OnboardingItem.participant_id == pid))
            == 0
        )
        assert session.scalar(select(func.count()).select_from(Meeting).where(Meeting.match_id.in_(pairs))) == (
            meetings_before
        )
        assert not session.scalar(
            select(func.count()).select_from(Meeting).where(Meeting.match_id.in_(pairs), Meeting.topics != "")
        )
        goals = session.scalars(select(AgreementGoal.goal).join(Agreement).where(Agreement.match_id.in_(pairs)))
        assert all(goal == "" for goal in goals)
        report = participant_report(session, pid)
        assert name not in report and email not in report and f"Erased participant {pid}" in report
    after = programme_overview(database.read(), demo)
    assert (after.mentees, after.active_pairs) == (before.mentees - 1, before.active_pairs)


def test_anonymising_refuses_while_pairs_are_active(database, demo) -> None:
    with database.session() as session:
        summary = anonymise_summary(session, demo)
        assert summary.participants == 60 and summary.active_pairs > 0
    with pytest.raises(ValidationError, match="active pairs"), database.session() as session:
        anonymise_programme(session, demo)
    with database.session() as session:
        assert (
            session.scalar(select(func.count()).select_from(Participant).where(Participant.erased_at.is_not(None))) == 0
        )


def test_anonymising_a_finished_programme_erases_everyone(database, demo) -> None:
    with database.session() as session:
        for match in session.scalars(select(Match).where(Match.status == "active")):
            match.status, match.closed_on = "closed", TODAY
        summary = anonymise_summary(session, demo)
    with database.session() as session:
        assert anonymise_programme(session, demo).participants == summary.participants == 60
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(Participant).where(Participant.name != "")) == 0
        assert (
            session.scalar(
                select(func.count()).select_from(EvaluationAnswer).join(Evaluation).where(EvaluationAnswer.text != "")
            )
            == 0
        )
        assert (
            session.scalar(
                select(func.count()).select_from(EvaluationAnswer).where(EvaluationAnswer.number.is_not(None))
            )
            > 0
        )  # the ratings stay for the report
        assert session.get_one(Programme, demo).anonymised_at is not None
