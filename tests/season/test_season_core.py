"""A whole season through the core services, in Swedish, without Qt (issue 15).

One programme from registration to the report: import, requests, pairing by hand, a group, a flash pair,
meetings, an agreement signed and edited, evaluations, closing, ending a pair, re-enrolling, erasing a
person, exports and the report. At every step each rule is asserted, and the screens' readers, the
services, the exports and the documents must agree on names, counts and states.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from westem_desktop import i18n
from westem_desktop.core import agreements, evaluations
from westem_desktop.core.cycle import advance, allowed_moves, close_pair
from westem_desktop.core.enums import AgreementStatus, MatchStatus, Phase, RequestStatus
from westem_desktop.core.errors import ValidationError
from westem_desktop.core.io import participant_import as pi
from westem_desktop.core.io.tables import read_table
from westem_desktop.core.meetings import log_meeting
from westem_desktop.core.models import Agreement, MentorRequest, Participant
from westem_desktop.core.pairs import (
    create_pair,
    end_pair,
    export_matches,
    load_candidates,
    record_requests,
)
from westem_desktop.core.pool import matching_pool, reenrol
from westem_desktop.core.privacy import erase_participant
from westem_desktop.core.programmes import ProgrammeSettings, create_programme, document_language
from westem_desktop.core.read import free_people, pair_rows, programme_overview
from westem_desktop.core.reports import programme_report
from westem_desktop.core.views.cycle import cycle_pairs
from westem_desktop.documents.agreement import write_agreement

START = dt.date(2026, 9, 1)

REGISTRATIONS = [
    ["Namn", "E-post", "Roll", "Ämnesområde", "Stöd", "Mötesform", "Språk", "Kapacitet"],
    ["Astrid Lindqvist", "astrid@uu.se", "Mentor", "Data/IT", "", "På campus", "svenska, engelska", "3"],
    ["Ingrid Berg", "ingrid@uu.se", "mentor", "Matematik", "", "Digitalt", "sv", "1"],
    ["Saga Holm", "saga@uu.se", "Adept", "Datavetenskap", "Karriär", "Fysiskt", "sv", ""],
    ["Elin Ek", "elin@uu.se", "adept", "IT", "Självförtroende, nätverk", "Digitalt", "sv", ""],
    ["Maja Nyström", "maja@uu.se", "adept", "Matematik", "Studier", "Båda", "sv", ""],
    ["Nour Haddad", "nour@uu.se", "adept", "Kemi", "Praktisk hjälp", "", "sv; ar", ""],
    ["Okänd Adept", "okand@uu.se", "adept", "Alkemi", "", "", "sv", ""],
]


@pytest.fixture
def swedish():
    i18n.set_language("sv")
    yield
    i18n.set_language("en")


def day(n: int) -> dt.date:
    return START + dt.timedelta(days=n)


def ids_by_name(database, programme_id: int) -> dict[str, int]:
    with database.session() as session:
        people = session.query(Participant).filter_by(programme_id=programme_id).all()
        return {p.name.split()[0]: p.id for p in people}


def screens(database, programme_id: int) -> dict:
    """What the Matches and Cycle tabs read, as plain values."""
    conn = database.read()
    mentees, mentors = free_people(conn, programme_id)
    return {
        "waiting": sorted(m.name.split()[0] for m in mentees),
        "places": {m.name.split()[0]: m.free_places for m in mentors},
        "pairs": {(p.mentor, p.mentee): p.status for p in pair_rows(conn, programme_id)},
        "cycle": {r.id: r.status for r in cycle_pairs(database, programme_id)},
    }


def assert_readers_agree(database, programme_id: int) -> None:
    """The screens, the services and the report give the same answers."""
    seen = screens(database, programme_id)
    with database.session() as session:
        pool = matching_pool(session, programme_id)
        mentees, mentors, _excluded = load_candidates(session, programme_id)
        report = programme_report(session, programme_id)
        outstanding = evaluations.outstanding(session, programme_id)
    assert {m.id for m in mentees} == set(pool.mentees)
    assert {m.id: m.capacity for m in mentors} == pool.free_places
    conn = database.read()
    assert {m.id for m in free_people(conn, programme_id)[0]} == set(pool.mentees)
    rows = pair_rows(conn, programme_id)
    assert set(seen["cycle"]) == {r.id for r in rows}
    statuses = [r.status for r in rows]
    assert report["pairs"]["by_status"] == {s: statuses.count(s) for s in set(statuses)}
    overview = programme_overview(conn, programme_id)
    assert overview.active_pairs == statuses.count("active") and overview.closed_pairs == statuses.count("closed")
    assert report["evaluations_outstanding"] == len(outstanding)


def test_a_whole_season_in_swedish(database, swedish, tmp_path: Path) -> None:
    with database.session() as session:
        pid = create_programme(session, ProgrammeSettings(name="Naturvetare 2026/27", document_language="sv")).id

    # -- registration: the import recognises Swedish words, refuses with the allowed values ------------
    source = tmp_path / "anmalningar.csv"
    with source.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle, delimiter=";").writerows(REGISTRATIONS)
    table = read_table(source)
    mapping = pi.guess_mapping(table.headers)
    with database.session() as session:
        checked = pi.check_rows(session, pid, table, mapping)
        result = pi.apply_import(session, pid, checked, pi.DuplicatePolicy.SKIP)
    assert result.created == 6
    assert [(r.row, r.column) for r in result.refused] == [(8, "Ämnesområde")]
    assert "Okänt kompetensområde ”Alkemi”." in result.refused[0].reason
    assert "Naturvetenskap" in result.refused[0].reason  # the allowed values are named, in Swedish
    ids = ids_by_name(database, pid)
    assert screens(database, pid)["waiting"] == ["Elin", "Maja", "Nour", "Saga"]
    assert screens(database, pid)["places"] == {"Astrid": 3, "Ingrid": 1}
    assert_readers_agree(database, pid)

    # -- requests, then pairing by hand: her other request is answered ------------------------------
    with database.session() as session:
        record_requests(session, ids["Saga"], [ids["Ingrid"], ids["Astrid"]], today=day(0))
        traditional = create_pair(session, ids["Saga"], ids["Astrid"], today=day(1)).id
        states = {r.mentor_id: r.status for r in session.query(MentorRequest).filter_by(mentee_id=ids["Saga"])}
    assert states == {ids["Ingrid"]: RequestStatus.WITHDRAWN, ids["Astrid"]: RequestStatus.ACCEPTED}
    with pytest.raises(ValidationError, match="har redan en mentor"), database.session() as s:
        create_pair(s, ids["Saga"], ids["Ingrid"], today=day(1))

    # -- a group (Astrid takes Elin too) and a flash pair (Maja with Ingrid) ------------------------
    with database.session() as session:
        group = create_pair(session, ids["Elin"], ids["Astrid"], today=day(2)).id
        flash = create_pair(session, ids["Maja"], ids["Ingrid"], style="flash", today=day(2)).id
    assert screens(database, pid)["waiting"] == ["Nour"]
    assert screens(database, pid)["places"] == {"Astrid": 1}
    assert [r.group_size for r in pair_rows(database.read(), pid) if r.mentor == "Astrid Lindqvist"] == [2, 2]
    assert_readers_agree(database, pid)

    # -- meetings: not before the pair was formed -----------------------------------------------------
    with pytest.raises(ValidationError, match="bildades den 3 september 2026"), database.session() as session:
        log_meeting(session, flash, day(0), 45, today=day(3))
    with database.session() as session:
        log_meeting(session, flash, day(3), 60, today=day(3))
        log_meeting(session, traditional, day(5), 45, today=day(5))
        log_meeting(session, group, day(6), 30, today=day(6))

    # -- the cycle: flash skips activation; phase moves follow the style ------------------------------
    with database.session() as session:
        assert advance(session, flash, day(3), through_negotiation=True) == Phase.CLOSURE
        assert allowed_moves(MatchStatus.ACTIVE, "flash", Phase.CLOSURE).back_to == Phase.NEGOTIATION
        assert advance(session, traditional, day(5), through_negotiation=True) == Phase.ACTIVATION

    # -- the agreement: signed, then edited: a new version, the signed one kept ----------------------
    with database.session() as session:
        data = agreements.draft(session, traditional, today=day(5))
        data.goals = [agreements.GoalData("Klara första årets matematik")]
        first = agreements.save(session, traditional, data)
        agreements.mark_printed(session, first.id, day(5))
        agreements.mark_signed(session, first.id, day(5))
        data.goals = [agreements.GoalData("Klara första årets matematik"), agreements.GoalData("Hitta en praktik")]
        second = agreements.save(session, traditional, data)
        versions = {
            a.version: a.status for a in session.scalars(select(Agreement).where(Agreement.match_id == traditional))
        }
    assert second.version == 2
    assert versions == {1: AgreementStatus.SUPERSEDED, 2: AgreementStatus.DRAFT}
    for version, goals in (
        (1, ["Klara första årets matematik"]),
        (2, ["Klara första årets matematik", "Hitta en praktik"]),
    ):
        with database.session() as session:
            printed = agreements.agreement_document(session, traditional, version)
        assert [g.goal for g in printed.goals] == goals

    # -- evaluations: what is expected follows the style ---------------------------------------------
    with database.session() as session:
        expected = {(f.match_id, f.instrument) for f in evaluations.expected_forms(session, pid)}
        assert (traditional, "midpoint") in expected and (flash, "midpoint") not in expected
        meeting_form = next(
            f for f in evaluations.outstanding(session, pid) if f.match_id == flash and f.instrument == "session"
        )
        evaluations.record(
            session,
            flash,
            "session",
            meeting_form.role,
            {"usefulness": 5, "atmosphere": 4, "goal_progress": 4},
            meeting_id=meeting_form.meeting_id,
            submitted_on=day(4),
        )
    assert_readers_agree(database, pid)

    # -- closing the flash pair: Maja leaves the pool, Ingrid's place comes back -----------------------
    with database.session() as session:
        close_pair(session, flash, day(10))
        expected = {(f.match_id, f.instrument) for f in evaluations.expected_forms(session, pid)}
    assert (flash, "final") in expected and (flash, "midpoint") not in expected
    assert screens(database, pid)["waiting"] == ["Nour"]
    assert screens(database, pid)["places"] == {"Astrid": 1, "Ingrid": 1}
    assert screens(database, pid)["cycle"][flash] == "closed"  # still there to look back at

    # -- ending Elin's pair without blame: she leaves the pool too; re-enrolled she is back ------------
    with database.session() as session:
        end_pair(session, group, day(20), "Vi passade inte ihop.")
    assert screens(database, pid)["waiting"] == ["Nour"]
    assert screens(database, pid)["places"] == {"Astrid": 2, "Ingrid": 1}
    with pytest.raises(ValidationError, match="Skriv in henne på nytt"), database.session() as session:
        create_pair(session, ids["Elin"], ids["Ingrid"], today=day(21))
    with database.session() as session:
        reenrol(session, ids["Elin"], day(21))
    assert screens(database, pid)["waiting"] == ["Elin", "Nour"]
    assert_readers_agree(database, pid)

    # -- erasing Astrid: one name for her everywhere, in Swedish --------------------------------------
    with database.session() as session:
        erase_participant(session, ids["Astrid"])
    erased = f"Raderad deltagare {ids['Astrid']}"
    pairs = screens(database, pid)["pairs"]
    assert (erased, "Saga Holm") in pairs and (erased, "Elin Ek") in pairs
    assert {r.mentor for r in cycle_pairs(database, pid)} == {
        erased,
        "Ingrid Berg",
    }
    exported = tmp_path / "par.csv"
    with database.session() as session:
        export_matches(session, pid, exported)
    with exported.open(encoding="utf-8-sig", newline="") as handle:
        mentors = {row[1] for row in list(csv.reader(handle))[1:]}
    assert mentors == {erased, "Ingrid Berg"}
    # The printed agreement (its signed version 1 too) names her the same way, in the document's language.
    for version in (1, 2):
        pdf = tmp_path / f"avtal-{version}.pdf"
        with database.session() as session:
            language = document_language(session, match_id=traditional)
            write_agreement(agreements.agreement_document(session, traditional, version, language), language, pdf)
        text = "".join(page.extract_text() for page in PdfReader(pdf).pages)
        assert language == "sv" and erased in text and "Saga Holm" in text
    assert_readers_agree(database, pid)

    # -- the report counts what the screens show --------------------------------------------------
    with database.session() as session:
        report = programme_report(session, pid)
    assert report["pairs"]["by_status"] == {"active": 1, "closed": 1, "ended": 1}
    assert report["meetings"]["held"] == 3
