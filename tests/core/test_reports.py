"""The report's figures equal counts computed directly from the data; evaluations expected and entered."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader
from sqlalchemy import func, select

from westem_desktop.core import evaluations
from westem_desktop.core.demo import create_demo
from westem_desktop.core.errors import ValidationError
from westem_desktop.core.models import (
    AgreementGoal,
    Evaluation,
    EvaluationAnswer,
    Match,
    Meeting,
    Participant,
)
from westem_desktop.core.reports import programme_report
from westem_desktop.documents.forms import write_forms
from westem_desktop.documents.report import write_report_pdf, write_report_xlsx

TODAY = dt.date(2026, 11, 22)


@pytest.fixture
def demo(database) -> int:
    with database.session() as session:
        pid = create_demo(session, participants=150, seed=9, today=TODAY).id
        create_demo(session, participants=30, seed=10, today=TODAY)  # another programme must not count
    return pid


def test_figures_equal_direct_counts(database, demo) -> None:
    with database.session() as session:
        report = programme_report(session, demo)
        pairs = select(Match.id).where(Match.programme_id == demo)

        def count(model, *where) -> int:
            return session.scalar(select(func.count()).select_from(model).where(*where))

        assert report["participants"]["total"] == count(Participant, Participant.programme_id == demo) == 150
        assert report["participants"]["by_role"]["mentor"] == count(
            Participant, Participant.programme_id == demo, Participant.role == "mentor"
        )
        assert report["pairs"]["total"] == count(Match, Match.programme_id == demo)
        for status in ("active", "closed", "ended"):
            assert report["pairs"]["by_status"].get(status, 0) == count(
                Match, Match.programme_id == demo, Match.status == status
            )
        assert report["meetings"]["held"] == count(Meeting, Meeting.match_id.in_(pairs), Meeting.status == "held")
        minutes = session.scalar(
            select(func.sum(Meeting.duration_minutes)).where(Meeting.match_id.in_(pairs), Meeting.status == "held")
        )
        assert report["meetings"]["hours"] == round(minutes / 60, 1)
        quality = session.scalars(
            select(EvaluationAnswer.number)
            .join(Evaluation)
            .where(Evaluation.match_id.in_(pairs), EvaluationAnswer.question_key == "quality")
        ).all()
        assert report["ratings"]["quality"]["all"] == round(sum(quality) / len(quality), 2)
        met = session.scalar(
            select(func.count())
            .select_from(AgreementGoal)
            .join(AgreementGoal.agreement)
            .where(AgreementGoal.met.is_(True))
            .where(__import__("westem_desktop.core.models", fromlist=["Agreement"]).Agreement.match_id.in_(pairs))
        )
        assert report["goals"]["met"] == met
        json.dumps(report)  # the CLI prints it as JSON


def test_expected_outstanding_and_entry(database, demo) -> None:
    with database.session() as session:
        before = evaluations.outstanding(session, demo)
        form = next(f for f in before if f.instrument == "final")
        with pytest.raises(ValidationError, match="from 1 to 5"):
            evaluations.record(session, form.match_id, "final", form.role, {"quality": 7})
        with pytest.raises(ValidationError, match="no answers"):
            evaluations.record(session, form.match_id, "final", form.role, {"gains": " "})
        evaluations.record(
            session,
            form.match_id,
            "final",
            form.role,
            {"quality": 5, "effectiveness": "4", "recommend": 1, "gains": "Confidence", "sessions": 6},
        )
        after = evaluations.outstanding(session, demo)
        assert len(after) == len(before) - 1 and form not in after
        evaluations.record(session, form.match_id, "final", form.role, {"quality": 3})  # a corrected copy replaces
        assert (
            session.scalar(
                select(func.count())
                .select_from(Evaluation)
                .where(
                    Evaluation.match_id == form.match_id,
                    Evaluation.instrument == "final",
                    Evaluation.respondent_role == form.role,
                )
            )
            == 1
        )


def test_report_and_forms_as_documents(database, demo, tmp_path: Path) -> None:
    with database.session() as session:
        report = programme_report(session, demo)
        ids = evaluations.pairs_in_phase(session, demo, 3)[:2]
        forms = evaluations.blank_forms(session, ids, "midpoint", "nb")
    buffer = io.BytesIO()
    write_report_pdf(report, "nl", buffer)
    text = "".join(p.extract_text() for p in PdfReader(buffer).pages)
    assert "Programmaverslag" in text and str(report["participants"]["total"]) in text
    write_report_xlsx(report, "sv", tmp_path / "report.xlsx")
    cells = [c for row in load_workbook(tmp_path / "report.xlsx").active.iter_rows(values_only=True) for c in row]
    assert "Programrapport" in cells and report["meetings"]["held"] in cells
    write_forms(forms, tmp_path / "forms.pdf")
    reader = PdfReader(tmp_path / "forms.pdf")
    assert len(reader.pages) == 4
    first = reader.pages[0].extract_text()
    assert f"Par {ids[0]}" in first and "Refleksjon underveis" in first and "mentoren" in first
