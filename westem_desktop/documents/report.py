"""The programme report as a PDF with bar charts, and as an XLSX workbook, from ``core.reports``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Spacer, Table, TableStyle

from westem_desktop.core.checklists import PHASE_NAMES
from westem_desktop.core.enums import MatchStatus, Phase, Role
from westem_desktop.core.instruments import INSTRUMENTS
from westem_desktop.core.io.table_writer import Sheet, write_sheets
from westem_desktop.core.labels import LABELS
from westem_desktop.core.vocabulary import FIELDS
from westem_desktop.documents.base import ACCENT, Translator, para, shown, styles, write_pdf
from westem_desktop.documents.fonts import REGULAR
from westem_desktop.i18n import N_

TITLE = N_("Programme report")
QUESTION_LABELS = {q.key: q.label for questions in INSTRUMENTS.values() for q in questions}


def _role(t: Translator, role: str) -> str:
    return t(LABELS[Role(role)]) if role in (r.value for r in Role) else role


def _split(counter: dict[str, int]) -> dict[str, dict[str, int]]:
    """{"mentee:ict": 4} → {"mentee": {"ict": 4}}."""
    out: dict[str, dict[str, int]] = {}
    for key, value in counter.items():
        role, _sep, rest = key.partition(":")
        out.setdefault(role, {})[rest] = value
    return out


def sections(report: dict[str, Any], t: Translator) -> list[tuple[str, list[tuple[str, Any]]]]:
    """The report as titled lists of (label, value), shared by the PDF and the XLSX."""
    p, pairs, meetings, goals = report["participants"], report["pairs"], report["meetings"], report["goals"]
    out = [
        (
            t("Participants"),
            [(_role(t, role), n) for role, n in sorted(p["by_role"].items())] + [(t("In all"), p["total"])],
        ),
        (
            t("Pairs"),
            [(t(LABELS[MatchStatus(status)]), n) for status, n in sorted(pairs["by_status"].items())]
            + [(t("With a signed agreement"), pairs["with_signed_agreement"])],
        ),
        (
            t("Active pairs by phase"),
            [
                (f"{phase}. {t(PHASE_NAMES[Phase(int(phase))])}", n)
                for phase, n in sorted(pairs["active_by_phase"].items())
            ],
        ),
        (
            t("Meetings"),
            [
                (t("Meetings held"), meetings["held"]),
                (t("Hours"), meetings["hours"]),
                (t("Pairs that met"), meetings["pairs_with_meetings"]),
            ],
        ),
        (
            t("Goals"),
            [(t("Goals in agreements"), goals["total"]), (t("Met"), goals["met"]), (t("Not met"), goals["not_met"])],
        ),
    ]
    for role, fields in sorted(_split(p["by_field"]).items()):
        out.append(
            (
                t("Fields of expertise: {role}").format(role=_role(t, role)),
                [(t(FIELDS[f]) if f in FIELDS else f, n) for f, n in sorted(fields.items())],
            )
        )
    for role, years in sorted(_split(p["by_year"]).items()):
        out.append(
            (t("Year of study: {role}").format(role=_role(t, role)), [(year, n) for year, n in sorted(years.items())])
        )
    ratings = [(t(QUESTION_LABELS[key]), values.get("all")) for key, values in report["ratings"].items()]
    out.append((t("Average ratings (1–5)"), ratings))
    recommend = [(_role(t, role), f"{share:.0%}") for role, share in sorted(report["recommend_share"].items())]
    out.append((t("Would recommend the programme"), recommend))
    return out


def _chart(rows: list[tuple[str, Any]], maximum: float | None = None) -> Drawing | None:
    values = [float(v) for _label, v in rows if isinstance(v, int | float)]
    if not values or len(values) != len(rows):
        return None
    height = 14 * len(rows) + 20
    drawing = Drawing(170 * mm, height)
    chart = HorizontalBarChart()
    chart.x, chart.y, chart.width, chart.height = 60 * mm, 10, 100 * mm, height - 20
    chart.data = [values]
    chart.categoryAxis.categoryNames = [str(label) for label, _v in rows]
    chart.categoryAxis.labels.fontName = REGULAR
    chart.categoryAxis.labels.fontSize = 8
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.reverseDirection = 1
    chart.valueAxis.labels.fontName = REGULAR
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    if maximum is not None:
        chart.valueAxis.valueMax = maximum
    chart.bars[0].fillColor = ACCENT
    chart.bars[0].strokeColor = None
    drawing.add(chart)
    return drawing


def write_report_pdf(report: dict[str, Any], language: str, target: Path | BinaryIO) -> None:
    t = Translator(language)
    s = styles()
    name = shown(report["programme"]["name"])
    story: list = [
        para(t(TITLE), s["title"]),
        para(
            " · ".join(
                x for x in (name, shown(report["programme"]["institution"] or ""), t.date(dt.date.today())) if x
            ),
            s["subtitle"],
        ),
    ]
    no_chart = {t("In all"), t("With a signed agreement")}  # totals, not parts
    for title, rows in sections(report, t):
        if not rows:
            continue
        story.append(para(title, s["h2"]))
        table = Table(
            [
                [para(shown(str(label)), s["body"]), para(shown(str(value if value is not None else "–")), s["body"])]
                for label, value in rows
            ],
            colWidths=[110 * mm, 50 * mm],
        )
        table.setStyle(
            TableStyle([("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.lightgrey), ("LEFTPADDING", (0, 0), (-1, -1), 0)])
        )
        story.append(table)
        chart_rows = [row for row in rows if row[0] not in no_chart]
        if title not in (t("Meetings"), t("Goals")) and len(chart_rows) > 1:
            chart = _chart(chart_rows, 5 if "1–5" in title else None)
            if chart is not None:
                story += [Spacer(1, 2 * mm), chart]
    write_pdf(
        target,
        story,
        title=f"{t(TITLE)}: {name}",
        author=name,
        subject=name,
        footer=lambda page, pages: t("{programme} · Page {page} of {pages}").format(
            programme=shown(name, 60), page=page, pages=pages
        ),
    )


def write_report_xlsx(report: dict[str, Any], language: str, path: Path) -> None:
    """The report's sections on one sheet, their titles in bold; an XLSX whatever the file is called."""
    t = Translator(language)
    rows: list[list[Any]] = []
    bold: set[int] = set()
    for title, section in sections(report, t):
        rows.append([])
        bold.add(len(rows))
        rows.append([title])
        rows += [[str(label), value] for label, value in section]
    header = [t(TITLE), report["programme"]["name"]]
    write_sheets(path, [Sheet(t("Report"), header, rows, frozenset(bold), (48, 16))], suffix=".xlsx")
