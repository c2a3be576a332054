"""Agreement rules: at most three goals, four months for traditional mentoring, versions after signing."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from westem_desktop.core import agreements
from westem_desktop.core import participants as people
from westem_desktop.core.agreements import AgreementData, GoalData
from westem_desktop.core.cycle import advance, close_pair
from westem_desktop.core.errors import ValidationError
from westem_desktop.core.models import Agreement, Certificate, Match
from westem_desktop.core.pairs import create_pair
from westem_desktop.core.programmes import ProgrammeSettings, create_programme

START = dt.date(2026, 9, 1)


@pytest.fixture
def pairs(database):
    with database.session() as session:
        pid = create_programme(session, ProgrammeSettings(name="P", coordinator_name="Karin")).id
        ids = {}
        for name, role in (("Astrid", "mentor"), ("Ingrid", "mentor"), ("Saga", "mentee"), ("Elin", "mentee")):
            ids[name] = people.create_participant(
                session, pid, people.ParticipantData(role=role, name=name, email=f"{name.lower()}@uu.se")
            ).id
        traditional = create_pair(session, ids["Saga"], ids["Astrid"], style="traditional", today=START).id
        flash = create_pair(session, ids["Elin"], ids["Ingrid"], style="flash", today=START).id
    return traditional, flash


def test_draft_starts_with_four_months(database, pairs) -> None:
    traditional, flash = pairs
    with database.session() as session:
        data = agreements.draft(session, traditional, START)
        assert (data.timeline_end - data.timeline_start).days == 112
        assert agreements.draft(session, flash, START).timeline_start is None


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"goals": [GoalData("a"), GoalData("b"), GoalData("c"), GoalData("d")]}, "goals", "at most three goals"),
        ({"goals": [GoalData("", steps="only steps")]}, "goal1", "needs a text"),
        ({"timeline_end": START + dt.timedelta(days=200)}, "timeline_end", "at most four months"),
        ({"timeline_end": START - dt.timedelta(days=1)}, "timeline_end", "cannot end before"),
        ({"timeline_start": None, "timeline_end": None}, "timeline_start", "needs a timeline"),
    ],
)
def test_refused_with_a_clear_message(database, pairs, changes, field, message) -> None:
    traditional, _flash = pairs
    data = AgreementData(
        timeline_start=START,
        timeline_end=START + dt.timedelta(days=100),
        **{k: v for k, v in changes.items() if k not in ("timeline_start", "timeline_end")},
    )
    for key in ("timeline_start", "timeline_end"):
        if key in changes:
            setattr(data, key, changes[key])
    with pytest.raises(ValidationError) as raised, database.session() as session:
        agreements.save(session, traditional, data)
    assert raised.value.field == field and message in str(raised.value)


def test_flash_may_leave_the_timeline_open_and_signing_makes_versions(database, pairs) -> None:
    _traditional, flash = pairs
    with database.session() as session:
        first = agreements.save(session, flash, AgreementData(goals=[GoalData("Choose a specialisation")]))
        agreements.mark_printed(session, first.id, START)
        assert first.status == "printed"
        agreements.mark_signed(session, first.id, START)
    with database.session() as session:
        second = agreements.save(
            session, flash, AgreementData(goals=[GoalData("Choose a specialisation"), GoalData("Talk to two teachers")])
        )
        assert second.version == 2 and second.status == "draft"
        versions = session.scalars(
            select(Agreement).where(Agreement.match_id == flash).order_by(Agreement.version)
        ).all()
        assert [(a.version, a.status, a.signed_on) for a in versions] == [(1, "superseded", START), (2, "draft", None)]
        assert [g.goal for g in versions[0].goals] == ["Choose a specialisation"]  # the old one is kept
        with pytest.raises(ValidationError, match="newer version"):
            agreements.mark_signed(session, versions[0].id, START)
        third = agreements.save(session, flash, AgreementData(goals=[GoalData("Changed again")]))
        assert third.id == second.id  # a draft is edited in place


def test_certificates_only_for_closed_pairs_and_recorded(database, pairs) -> None:
    traditional, _flash = pairs
    with pytest.raises(ValidationError, match="closed pairs"), database.session() as session:
        agreements.certificate_documents(session, [traditional], "en")
    with database.session() as session:
        for _ in range(3):
            advance(session, traditional, START + dt.timedelta(days=30))
        close_pair(session, traditional, START + dt.timedelta(days=100))
        docs = agreements.certificate_documents(session, [traditional], "sv", START + dt.timedelta(days=101))
        assert [(d.name, d.role) for d in docs] == [("Saga", "mentee"), ("Astrid", "mentor")]
        assert session.scalar(select(Certificate.id)) is None  # building (a preview) issues nothing
        agreements.record_certificates(session, docs, "sv")
        assert session.scalar(select(Certificate.language)) == "sv"


def test_editing_a_signed_agreement_keeps_the_signed_version_to_print(database, pairs, tmp_path) -> None:
    traditional, _flash = pairs
    with database.session() as session:
        assert agreements.editing_resigns(session, traditional) is None  # nothing saved yet
        data = agreements.draft(session, traditional, today=START)
        data.goals = [GoalData("Pass the first-year mathematics")]
        first = agreements.save(session, traditional, data)
        assert agreements.editing_resigns(session, traditional) is None  # a draft is edited in place
        agreements.record_printed(session, traditional, START)
        agreements.mark_signed(session, first.id, START + dt.timedelta(days=1))
        assert agreements.editing_resigns(session, traditional) == (1, START + dt.timedelta(days=1), 2)
        data.goals = [GoalData("Find a summer internship")]
        agreements.save(session, traditional, data)
        listed = [(v.version, v.status, v.printed_on, v.signed_on) for v in agreements.versions(session, traditional)]
        assert listed == [
            (2, "draft", None, None),
            (1, "superseded", START, START + dt.timedelta(days=1)),
        ]
        old = agreements.agreement_document(session, traditional, version=1)
        new = agreements.agreement_document(session, traditional)
        assert (old.version, [g.goal for g in old.goals]) == (1, ["Pass the first-year mathematics"])
        assert (new.version, [g.goal for g in new.goals]) == (2, ["Find a summer internship"])
        agreements.record_printed(session, traditional, START + dt.timedelta(days=5), version=1)
        assert agreements.versions(session, traditional)[1].status == "superseded"  # printing changes no status
        with pytest.raises(ValidationError, match="no version 7"):
            agreements.agreement_document(session, traditional, version=7)


def test_the_document_language_is_the_pairs_else_the_programmes_else_the_interfaces(database, pairs) -> None:
    from westem_desktop import i18n
    from westem_desktop.core.models import Match, Programme
    from westem_desktop.core.programmes import document_language

    traditional, flash = pairs
    with database.session() as session:
        programme = session.get_one(Match, traditional).programme
        programme.document_language = "nl"
        session.get_one(Match, traditional).language = "nb"
        assert document_language(session, match_id=traditional) == "nb"
        assert document_language(session, match_id=flash) == "nl"
        assert document_language(session, programme_id=programme.id) == "nl"
        session.get_one(Programme, programme.id).document_language = ""
        i18n.set_language("sv")
        assert document_language(session, match_id=flash) == "sv"
        assert document_language(session) == "sv"


def test_signing_saves_an_unsaved_agreement_first(database, pairs) -> None:
    traditional, _flash = pairs
    with database.session() as session:
        with pytest.raises(ValidationError, match="Save the agreement"):
            agreements.sign(session, traditional, START)
        data = agreements.draft(session, traditional, today=START)
        signed = agreements.sign(session, traditional, START, data)
        assert (signed.version, signed.status, signed.signed_on) == (1, "signed", START)


def test_saving_what_is_saved_changes_nothing_and_only_a_real_edit_needs_new_signatures(database, pairs) -> None:
    traditional, _flash = pairs
    with database.session() as session:
        data = agreements.draft(session, traditional, today=START)
        data.goals = [GoalData("Pass the first-year mathematics")]
        first = agreements.save(session, traditional, data)
        agreements.record_printed(session, traditional, START)
        same = agreements.draft(session, traditional)
        assert agreements.save(session, traditional, same).id == first.id
        assert (first.status, first.printed_on) == ("printed", START)  # stays printed: nothing was edited
        agreements.sign(session, traditional, START + dt.timedelta(days=2))
        assert agreements.editing_resigns(session, traditional, agreements.draft(session, traditional)) is None
        assert agreements.save(session, traditional, agreements.draft(session, traditional)).id == first.id
        assert [v.version for v in agreements.versions(session, traditional)] == [1]

        edited = agreements.draft(session, traditional)
        edited.goals.append(GoalData("  Find a summer internship  "))
        assert agreements.editing_resigns(session, traditional, edited) == (1, START + dt.timedelta(days=2), 2)
        edited.timeline_end = START + dt.timedelta(days=300)
        with pytest.raises(ValidationError, match="at most four months"):  # refused before anyone is asked
            agreements.editing_resigns(session, traditional, edited)
        assert [(v.version, v.status) for v in agreements.versions(session, traditional)] == [(1, "signed")]


def test_the_default_frequency_is_in_the_documents_language_not_the_interfaces(database, pairs) -> None:
    traditional, _flash = pairs  # the interface is English (the tests' default)
    with database.session() as session:
        assert agreements.draft(session, traditional, START).meeting_frequency == "Every second week"
        printed = {lang: agreements.agreement_document(session, traditional, language=lang) for lang in ("sv", "nl")}
        assert printed["sv"].meeting_frequency == "Varannan vecka"
        assert printed["nl"].meeting_frequency == "Om de week"
        data = agreements.draft(session, traditional, START)  # the English default, saved unchanged
        data.goals = [GoalData("Pass the first-year mathematics")]
        agreements.save(session, traditional, data)
        assert agreements.agreement_document(session, traditional, language="nb").meeting_frequency == "Annenhver uke"
        data.meeting_frequency = "Every Monday at noon"  # what the pair wrote stays as written
        agreements.save(session, traditional, data)
        printed = agreements.agreement_document(session, traditional, language="sv")
        assert printed.meeting_frequency == "Every Monday at noon"


def test_the_agreement_states_the_programmes_expected_hours(database, pairs) -> None:
    traditional, _flash = pairs
    with database.session() as session:
        assert agreements.agreement_document(session, traditional, language="sv").expected_hours == 1.0
        match = session.get(Match, traditional)
        match.programme.expected_hours_per_month = 2.5
        assert agreements.agreement_document(session, traditional, language="sv").expected_hours == 2.5


def test_an_agreement_to_complete_by_hand_suggests_nothing_unsaved(database, pairs) -> None:
    traditional, _flash = pairs
    with database.session() as session:
        by_hand = agreements.agreement_document(session, traditional, language="sv", by_hand=True)
        assert by_hand.by_hand
        assert (by_hand.timeline_start, by_hand.meeting_frequency, by_hand.meeting_duration) == (None, "", None)
        assert by_hand.meeting_mode is None and by_hand.goals == []
        data = agreements.draft(session, traditional, START)
        data.goals = [GoalData("Pass the first-year mathematics")]
        agreements.save(session, traditional, data)
        saved = agreements.agreement_document(session, traditional, language="sv", by_hand=True)
        assert [g.goal for g in saved.goals] == ["Pass the first-year mathematics"]  # what was saved is printed
        assert saved.timeline_start == START and saved.meeting_duration == 45
