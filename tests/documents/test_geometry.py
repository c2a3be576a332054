"""The ruler of the page tests: a line and a word drawn at known places are read back at those places."""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen.canvas import Canvas

from tests.documents.geometry import read_pages


def test_positions_are_read_in_millimetres_from_the_top_left() -> None:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4)
    canvas.line(20 * mm, A4[1] - 100 * mm, 120 * mm, A4[1] - 100 * mm)  # 100 mm from the top
    canvas.setFont("Helvetica", 12)
    canvas.drawString(30 * mm, A4[1] - 50 * mm, "Signature")
    canvas.drawString(5 * mm, 5 * mm, "edge")
    canvas.showPage()
    canvas.save()

    (page,) = read_pages(buffer.getvalue())

    assert (round(page.width), round(page.height)) == (210, 297)
    (rule,) = page.rules
    assert (round(rule.x0), round(rule.top), round(rule.x1)) == (20, 100, 120)
    (word,) = page.find("Signature")
    assert round(word.x0) == 30 and 45 < word.top < 50 and abs(word.bottom - 50) < 2  # baseline at 50 mm
    assert [getattr(box, "text", None) for box in page.outside(10)] == ["edge"]
    assert abs(page.filled_to() - 100) < 0.5  # the lowest line, "edge" taken for the footer
