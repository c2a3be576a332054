"""The programme report as a PDF with bar charts, and as an XLSX workbook, from ``core.reports``.

Numbers, shares and dates are written in the document language's form ("3,9 (n = 12)", "92 %" in
Swedish); the charts' labels are shortened to fit beside the bars, the tables above them keep them whole.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

from reportlab.graphics.charts.barcharts import HorizontalBarChart
from reportlab.graphics.shapes import Drawing
from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Spacer, Table, TableStyle

from westem_desktop.core.checklists import PHASE_NAMES
from westem_desktop.core.collation import collator
from westem_desktop.core.enums import MatchStatus, Phase, Role
from westem_desktop.core.instruments import INSTRUMENTS
from westem_desktop.core.io.table_writer import Sheet, write_sheets
from westem_desktop.core.labels import label
from westem_desktop.core.vocabulary import FIELDS
from westem_desktop.documents.base import (
    ACCENT,
    FRAME_WIDTH,
    Translator,
    para,
    shown,
    styles,
    unbroken,
    write_pdf,
)
from westem_desktop.documents.fonts import REGULAR
from westem_desktop.i18n import N_

TITLE = N_("Programme report")
QUESTION_LABELS = {q.key: q.label for questions in INSTRUMENTS.values() for q in questions}
CHART_LABEL_SIZE = 8
CHART_LABELS_AT_MOST = 75 * mm  # the labels' column beside the bars; a longer label is shortened
CHART_GAP = 3 * mm
CHART_RIGHT = 6 * mm  # room for the value axis's last label


@dataclass(frozen=True)
class Row:
    """One line of the report: a label, a value and what kind of figure it is; an average or a share
    carries the number of answers it rests on."""

    label: str
    value: int | float | str | None
    kind: str = "count"  # count, hours, average (1-5), share (0-1) or text
    answers: int | None = None

    def shown(self, t: Translator) -> str:
        """The value as the document prints it: "317,0", "3,9 (n = 12)", "92 % (n = 25)"."""
        if self.value is None:
            return "–"
        if self.kind == "text" or isinstance(self.value, str):
            return str(self.value)
        if self.kind in ("hours", "average"):
            text = t.number(self.value, 1)
        elif self.kind == "share":
            text = t.percent(self.value)
        else:
            text = t.number(self.value)
        return unbroken(t.counted(text, self.answers)) if self.answers is not None else text


def _role(t: Translator, role: str) -> str:
    return label(Role(role), t.language) if role in (r.value for r in Role) else role


def _split(counter: dict[str, int]) -> dict[str, dict[str, int]]:
    """{"mentee:ict": 4} → {"mentee": {"ict": 4}}."""
    out: dict[str, dict[str, int]] = {}
    for key, value in counter.items():
        role, _sep, rest = key.partition(":")
        out.setdefault(role, {})[rest] = value
    return out


def sections(report: dict[str, Any], t: Translator) -> list[tuple[str, list[Row]]]:
    """The report as titled lists of rows, shared by the PDF and the XLSX."""
    p, pairs, meetings, goals = report["participants"], report["pairs"], report["meetings"], report["goals"]
    out = [
        (
            t("Participants"),
            [Row(_role(t, role), n) for role, n in sorted(p["by_role"].items())] + [Row(t("In all"), p["total"])],
        ),
        (
            t("Pairs"),
            [Row(label(MatchStatus(status), t.language), n) for status, n in sorted(pairs["by_status"].items())]
            + [Row(t("With a signed agreement"), pairs["with_signed_agreement"])],
        ),
        (
            t("Active pairs by phase"),
            [
                Row(f"{phase}. {t(PHASE_NAMES[Phase(int(phase))])}", n)
                for phase, n in sorted(pairs["active_by_phase"].items())
            ],
        ),
        (
            t("Meetings"),
            [
                Row(t("Meetings held"), meetings["held"]),
                Row(t("Hours"), meetings["hours"], "hours"),
                Row(t("Pairs that met"), meetings["pairs_with_meetings"]),
            ],
        ),
        (
            t("Goals"),
            [
                Row(t("Goals in agreements"), goals["total"]),
                Row(t("Met"), goals["met"]),
                Row(t("Not met"), goals["not_met"]),
            ],
        ),
    ]
    collate = collator(t.language)  # the fields by their names, as the document's language sorts them
    for role, fields in sorted(_split(p["by_field"]).items()):
        out.append(
            (
                t("Fields of expertise: {role}").format(role=_role(t, role)),
                sorted(
                    (Row(t(FIELDS[f]) if f in FIELDS else f, n) for f, n in fields.items()),
                    key=lambda row: collate(str(row.label)),
                ),
            )
        )
    for role, years in sorted(_split(p["by_year"]).items()):
        out.append(
            (
                t("Year of study: {role}").format(role=_role(t, role)),
                [Row(year, n) for year, n in sorted(years.items())],
            )
        )
    answers = report.get("rating_answers", {})
    ratings = [
        Row(t(QUESTION_LABELS[key]), values.get("all"), "average", answers.get(key, {}).get("all"))
        for key, values in report["ratings"].items()
    ]
    out.append((t("Average ratings (1–5)"), ratings))
    recommended = report.get("recommend_answers", {})
    recommend = [
        Row(_role(t, role), share, "share", recommended.get(role))
        for role, share in sorted(report["recommend_share"].items())
    ]
    out.append((t("Would recommend the programme"), recommend))
    return out


def _fitted(label: str, width: float) -> str:
    """``label`` shortened with "…" to ``width`` at the chart's label size."""
    if stringWidth(label, REGULAR, CHART_LABEL_SIZE) <= width:
        return label
    while label and stringWidth(label + "…", REGULAR, CHART_LABEL_SIZE) > width:
        label = label[:-1]
    return label.rstrip() + "…"


def _chart(rows: list[Row], t: Translator) -> Drawing | None:
    """A horizontal bar chart as wide as the frame: the labels right-aligned in a column as wide as the
    widest (at most ``CHART_LABELS_AT_MOST``, longer ones shortened), the bars beside them."""
    values = [float(row.value) for row in rows if isinstance(row.value, int | float)]
    if not values or len(values) != len(rows):
        return None
    labels = [_fitted(str(row.label), CHART_LABELS_AT_MOST) for row in rows]
    label_width = max(stringWidth(label, REGULAR, CHART_LABEL_SIZE) for label in labels)
    height = 14 * len(rows) + 20
    drawing = Drawing(FRAME_WIDTH, height)
    chart = HorizontalBarChart()
    chart.x, chart.y = label_width + CHART_GAP, 10
    chart.width, chart.height = FRAME_WIDTH - chart.x - CHART_RIGHT, height - 20
    chart.data = [values]
    chart.categoryAxis.categoryNames = labels
    chart.categoryAxis.labels.fontName = REGULAR
    chart.categoryAxis.labels.fontSize = CHART_LABEL_SIZE
    chart.categoryAxis.labels.boxAnchor = "e"
    chart.categoryAxis.reverseDirection = 1
    chart.valueAxis.labels.fontName = REGULAR
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    kinds = {row.kind for row in rows}
    if kinds == {"average"}:
        chart.valueAxis.valueMax, chart.valueAxis.valueStep = 5, 1
    if kinds == {"share"}:
        chart.valueAxis.valueMax, chart.valueAxis.valueStep = 1, 0.25
        chart.valueAxis.labelTextFormat = t.percent
    else:
        chart.valueAxis.labelTextFormat = t.number
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
            [[para(shown(str(row.label)), s["body"]), para(shown(row.shown(t)), s["body"])] for row in rows],
            colWidths=[FRAME_WIDTH - 55 * mm, 55 * mm],
        )
        table.setStyle(
            TableStyle(
                [
                    ("LINEBELOW", (0, 0), (-1, -1), 0.3, colors.lightgrey),
                    ("LEFTPADDING", (0, 0), (-1, -1), 0),
                    ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ]
            )
        )
        story.append(table)
        chart_rows = [row for row in rows if row.label not in no_chart]
        if title not in (t("Meetings"), t("Goals")) and len(chart_rows) > 1:
            chart = _chart(chart_rows, t)
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
        language=language,
    )


def write_report_xlsx(report: dict[str, Any], language: str, path: Path) -> None:
    """The report's sections on one sheet, their titles in bold, the number of answers beside an
    average or a share; numbers stay numbers (the spreadsheet shows them in its own form), a share is
    written as the document language writes it. An XLSX whatever the file is called."""
    t = Translator(language)
    rows: list[list[Any]] = []
    bold: set[int] = set()
    for title, section in sections(report, t):
        rows.append([])
        bold.add(len(rows))
        rows.append([title])
        for row in section:
            value = t.percent(row.value) if row.kind == "share" and isinstance(row.value, float) else row.value
            rows.append([str(row.label), value] + ([row.answers] if row.answers is not None else []))
    header = [t(TITLE), report["programme"]["name"], t("Answers (n)")]
    write_sheets(path, [Sheet(t("Report"), header, rows, frozenset(bold), (48, 16, 12))], suffix=".xlsx")
