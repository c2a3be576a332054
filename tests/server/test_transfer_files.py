"""The transfer between two files (the same code as with a server, no server needed)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import func, select

from westem_desktop.core.db import open_database
from westem_desktop.core.demo import create_demo_database
from westem_desktop.core.models import Match, Participant, Programme
from westem_desktop.core.reports import programme_report
from westem_desktop.core.server.transfer import export_programme, import_database


def _report(session, programme_id: int) -> dict:
    """The programme's report, but for its id (new in every database)."""
    figures = programme_report(session, programme_id)
    figures["programme"] = {k: v for k, v in figures["programme"].items() if k != "id"}
    return figures


def test_a_file_into_another_file_and_back(tmp_path: Path) -> None:
    create_demo_database(tmp_path / "a.sqlite", participants=40, seed=2, language="en")
    create_demo_database(tmp_path / "other.sqlite", participants=20, seed=9, language="sv")
    with open_database(tmp_path / "a.sqlite") as a, open_database(tmp_path / "other.sqlite") as other:
        with a.reading() as session:
            (name,) = session.scalars(select(Programme.name))
            expected = _report(session, session.scalar(select(Programme.id)))
        report = import_database(a, other, "other.sqlite")
        assert report.created == [name] and report.copied["participant"] == 40 and not report.refusals
        again = import_database(a, other, "other.sqlite")
        assert again.merged == [name] and not again.anything_copied
        refused = [r.table for r in again.refusals]
        assert refused.count("participant") == 40 and refused.count("match") == report.copied["match"]
        with other.reading() as session:
            assert session.scalar(select(func.count()).select_from(Programme)) == 2
            programme_id = session.scalar(select(Programme.id).where(Programme.name == name))
            assert _report(session, programme_id) == expected
        exported = export_programme(other, name, tmp_path / "back.sqlite")
    assert exported.copied == report.copied
    with open_database(tmp_path / "back.sqlite") as back, back.reading() as session:
        assert session.scalar(select(func.count()).select_from(Participant)) == 40
        assert session.scalar(select(func.count()).select_from(Match)) == report.copied["match"]
        assert _report(session, session.scalar(select(Programme.id))) == expected


def test_a_pair_with_a_mentor_of_another_programme_is_reported_not_exported(tmp_path: Path) -> None:
    create_demo_database(tmp_path / "two.sqlite", participants=20, seed=3, language="en")
    with open_database(tmp_path / "two.sqlite") as db:
        with db.session() as session:
            pair = session.scalars(select(Match).order_by(Match.id)).first()
            mentor = session.get_one(Participant, pair.mentor_id)
            other = Programme(name="Physics 2026")
            session.add(other)
            session.flush()
            mentor.programme_id = other.id  # a mentor of the shared register, registered elsewhere
            name = session.get_one(Programme, pair.programme_id).name
            mentee = session.get_one(Participant, pair.mentee_id).name
        report = export_programme(db, name, tmp_path / "out.sqlite")
    assert [str(r) for r in report.refusals if r.table == "match"] == [
        f"the pair of {mentor.name} (mentor) and {mentee} (mentee): one of the two belongs to another programme"
    ]
    assert report.copied["participant"] == 19
