"""The demo in the interface language: study programmes and interests read in Swedish, never as English
words or raw keys, while the stored interests keep their keys."""

from __future__ import annotations

import csv
from pathlib import Path

from sqlalchemy import select

from westem_desktop.core.demo import INTERESTS, STUDY_PROGRAMMES, create_demo
from westem_desktop.core.io.participant_export import export_participants
from westem_desktop.core.models import Participant
from westem_desktop.core.privacy import participant_report
from westem_desktop.core.vocabulary import FIELDS, SUPPORT, interest_key, interest_label
from westem_desktop.i18n import _, set_language

ENGLISH_PROGRAMMES = {name for names in STUDY_PROGRAMMES.values() for name in names}
SWEDISH_INTERESTS = {
    "data_science": "Dataanalys",
    "programming": "Programmering",
    "sustainability": "Hållbarhet",
    "sports": "Idrott",
}


def _rows(path: Path) -> list[list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.reader(handle))


def test_a_swedish_export_of_the_demo_has_no_key_and_no_english_programme(database, tmp_path: Path) -> None:
    set_language("sv")
    with database.session() as session:
        programme = create_demo(session, participants=80, seed=4)
        export_participants(session, programme.id, tmp_path / "deltagare.csv")
        stored = [p.interests for p in session.scalars(select(Participant))]
        report = participant_report(session, session.scalar(select(Participant.id).limit(1)))
    rows = _rows(tmp_path / "deltagare.csv")
    header = rows[0]
    interests = {word for row in rows[1:] for word in row[header.index(_("Interests"))].split(", ")}
    programmes = {row[header.index(_("Study programme"))] for row in rows[1:]}
    assert interests and not interests & set(INTERESTS)
    assert set(SWEDISH_INTERESTS.values()) & interests
    assert interests <= {interest_label(key) for key in INTERESTS}
    assert programmes and not programmes & ENGLISH_PROGRAMMES
    assert "Fysik" in programmes or "Datavetenskap" in programmes
    fields = {word for row in rows[1:] for word in row[header.index(_("Fields of expertise"))].split(", ")}
    support = {word for row in rows[1:] for word in row[header.index(_("Support wanted"))].split(", ") if word}
    assert "IKT" in fields and not fields & set(FIELDS) and support and not support & set(SUPPORT)
    assert {row[header.index(_("Role"))] for row in rows[1:]} == {"Mentor", "Adept"}
    assert {row[header.index(_("Consent"))] for row in rows[1:]} == {"ja"}
    assert all(key in INTERESTS for keys in stored for key in keys)  # the keys are stored, not the names
    assert not any(key in report for key in ("data_science", "active", "face_to_face"))


def test_demo_lang_names_the_study_programmes_in_that_language(database) -> None:
    set_language("en")
    with database.session() as session:
        programme = create_demo(session, participants=60, seed=1, language="nb")
        programmes = {p.study_programme for p in programme.participants}
    assert programmes and not programmes & ENGLISH_PROGRAMMES
    assert programmes & {"Fysikk", "Kjemi", "Informatikk", "Statistikk", "Maskinteknikk"}


def test_an_interest_named_in_any_language_is_stored_as_its_key() -> None:
    assert interest_key("Dataanalys") == "data_science"
    assert interest_key(" datawetenschap ") == "data_science"
    assert interest_key("Data science") == "data_science"
    assert interest_key("Fågelskådning") == "Fågelskådning"  # a word of her own stays as written
    set_language("nl")
    assert interest_label("data_science") == "Datawetenschap"
    assert interest_label("Fågelskådning") == "Fågelskådning"
