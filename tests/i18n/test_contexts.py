"""One English word, two translations: "Active" of a pair is neuter in Swedish and Norwegian ("aktivt"),
of a participant common gender ("aktiv"), in the tables, exports and documents alike."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from sqlalchemy import select

from westem_desktop.core.demo import create_demo
from westem_desktop.core.enums import MatchStatus, ParticipantStatus
from westem_desktop.core.io.participant_export import export_participants
from westem_desktop.core.labels import label
from westem_desktop.core.models import Match, Participant
from westem_desktop.core.pairs import export_matches
from westem_desktop.core.privacy import participant_report
from westem_desktop.i18n import set_language

PAIR_WORDS = {
    "sv": ("Aktivt", "Avslutat", "Upplöst"),
    "nb": ("Aktivt", "Avsluttet", "Oppløst"),
    "nl": ("Actief", "Afgesloten", "Beëindigd"),
    "en": ("Active", "Closed", "Ended"),
}
PARTICIPANT_ACTIVE = {"sv": "Aktiv", "nb": "Aktiv", "nl": "Actief", "en": "Active"}


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


@pytest.mark.parametrize("language", ["sv", "nb", "nl", "en"])
def test_a_pair_and_a_participant_have_their_own_word(language: str) -> None:
    set_language(language)
    assert tuple(label(s) for s in MatchStatus) == PAIR_WORDS[language]
    assert label(ParticipantStatus.ACTIVE) == PARTICIPANT_ACTIVE[language]
    # A document in another language than the interface's gets the words of its own language.
    set_language("en")
    assert label(MatchStatus.ACTIVE, language) == PAIR_WORDS[language][0]


def test_swedish_exports_say_aktivt_of_a_pair_and_aktiv_of_a_participant(database, tmp_path: Path) -> None:
    set_language("sv")
    with database.session() as session:
        programme = create_demo(session, participants=40, seed=3)
        export_matches(session, programme.id, tmp_path / "par.csv")
        export_participants(session, programme.id, tmp_path / "deltagare.csv")
        statuses = set(session.scalars(select(Match.status).where(Match.programme_id == programme.id)))
        paired = session.scalar(select(Match).where(Match.status == MatchStatus.ACTIVE))
        mentor_report = participant_report(session, paired.mentor_id)

    pairs = _rows(tmp_path / "par.csv")
    status = pairs[0].index("Status")
    assert {row[status] for row in pairs[1:]} == {label(MatchStatus(s)) for s in statuses}
    assert "Aktivt" in {row[status] for row in pairs[1:]}
    assert not {"active", "closed", "ended"} & {row[status] for row in pairs[1:]}
    assert "Avslutat" in pairs[0] and "Upplöst" in pairs[0]  # the dates a pair was closed or ended

    people = _rows(tmp_path / "deltagare.csv")
    status = people[0].index("Status")
    assert "Aktiv" in {row[status] for row in people[1:]}
    assert "Aktivt" not in {row[status] for row in people[1:]}

    assert "Status: Aktiv\n" in mentor_report and "Status: Aktivt\n" in mentor_report
    assert "Status: active" not in mentor_report


def test_the_report_counts_pairs_with_the_neuter_word(database) -> None:
    from westem_desktop.core.reports import programme_report
    from westem_desktop.documents.base import Translator
    from westem_desktop.documents.report import sections

    with database.session() as session:
        programme = create_demo(session, participants=60, seed=2)
        report = programme_report(session, programme.id)
    for language in ("sv", "nb"):
        rows = dict(sections(report, Translator(language)))[Translator(language)("Pairs")]
        assert "Aktivt" in {row.label for row in rows}
        assert "Aktiv" not in {row.label for row in rows}


def test_a_participant_export_imports_again_in_swedish(database, tmp_path: Path) -> None:
    from westem_desktop.core.io import participant_import as pi
    from westem_desktop.core.io.tables import read_table
    from westem_desktop.core.programmes import ProgrammeSettings, create_programme

    set_language("sv")
    with database.session() as session:
        programme = create_demo(session, participants=30, seed=5)
        export_participants(session, programme.id, tmp_path / "deltagare.csv")
        before = {
            p.email: (p.role, p.status, p.preferred_mode, p.interests, p.fields, p.support_wanted, p.consent)
            for p in session.scalars(select(Participant).where(Participant.programme_id == programme.id))
        }
        other = create_programme(session, ProgrammeSettings(name="Återimport"))
        session.flush()
        other_id = other.id
    table = read_table(tmp_path / "deltagare.csv")
    with database.session() as session:
        checked = pi.check_rows(session, other_id, table, pi.guess_mapping(table.headers))
        result = pi.apply_import(session, other_id, checked)
        after = {
            p.email: (p.role, p.status, p.preferred_mode, p.interests, p.fields, p.support_wanted, p.consent)
            for p in session.scalars(select(Participant).where(Participant.programme_id == other_id))
        }
    assert not result.refused
    assert after == before


def test_a_swedish_meeting_export_names_statuses_and_modes(database, tmp_path: Path) -> None:
    from westem_desktop.core.meetings import export_meetings

    set_language("sv")
    with database.session() as session:
        programme = create_demo(session, participants=40, seed=3)
        export_meetings(session, programme.id, tmp_path / "möten.csv")
    rows = _rows(tmp_path / "möten.csv")
    statuses = {row[rows[0].index("Status")] for row in rows[1:]}
    assert "Genomfört" in statuses and not statuses & {"held", "planned", "cancelled"}
    modes = {row[6] for row in rows[1:]}
    assert not modes & {"online", "face_to_face", "hybrid"}
