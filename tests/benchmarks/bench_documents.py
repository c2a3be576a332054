"""PDF speed: one agreement page, and 500 certificates in one batch.

Targets: at most 20 ms per agreement page, the batch under 10 s. The baseline in the same run is a
bare reportlab page with one paragraph in the same embedded font.
"""

from __future__ import annotations

import datetime as dt
import io
import statistics
import sys
import time

from westem_desktop.core.printables import AgreementDocument, CertificateDocument, Goal
from westem_desktop.documents.agreement import write_agreement
from westem_desktop.documents.base import styles, write_pdf
from westem_desktop.documents.certificate import write_certificates

PAGE_TARGET_MS = 20
BATCH_TARGET_S = 10


def main() -> int:
    from pypdf import PdfReader
    from reportlab.platypus import Paragraph

    doc = AgreementDocument(
        programme="ICT first-years 2026/27",
        institution="Uppsala universitet",
        mentor="Łucja Wróblewska",
        mentee="Nguyễn Thị Hương",
        goals=[Goal("Pass the first-year mathematics", "Weekly study sessions", "Passed")],
        timeline_start=dt.date(2026, 9, 1),
        timeline_end=dt.date(2026, 12, 20),
        meeting_frequency="Every second week",
        meeting_duration=45,
        meeting_mode="hybrid",
        coordinator_name="Karin Lindqvist",
    )
    write_agreement(doc, "sv", io.BytesIO())  # fonts and catalogue loaded once, as in the application
    times, pages = [], 0
    for _ in range(30):
        buffer = io.BytesIO()
        start = time.perf_counter()
        write_agreement(doc, "sv", buffer)
        times.append(time.perf_counter() - start)
        pages = len(PdfReader(io.BytesIO(buffer.getvalue())).pages)
    per_page = statistics.median(times) / pages * 1000
    base = []
    sheet = styles()
    for _ in range(30):
        start = time.perf_counter()
        write_pdf(
            io.BytesIO(),
            [Paragraph("Łucja Wróblewska", sheet["body"])],
            title="x",
            author="x",
            footer=lambda page, total: "",
        )
        base.append(time.perf_counter() - start)
    baseline = statistics.median(base) * 1000

    people = [
        CertificateDocument(
            name=f"Łucja Wróblewska {i}",
            role="mentor" if i % 2 else "mentee",
            programme="ICT first-years 2026/27",
            start=dt.date(2026, 9, 1),
            end=dt.date(2026, 12, 20),
            meetings=7,
            minutes=315,
            coordinator_name="Karin Lindqvist",
        )
        for i in range(500)
    ]
    buffer = io.BytesIO()
    start = time.perf_counter()
    write_certificates(people, "nb", buffer)
    batch = time.perf_counter() - start
    count = len(PdfReader(io.BytesIO(buffer.getvalue())).pages)

    print(
        f"agreement: {pages} pages, {per_page:.1f} ms per page (bare one-paragraph page {baseline:.1f} ms, "
        f"ratio {per_page / baseline:.1f}; target at most {PAGE_TARGET_MS} ms)"
    )
    print(
        f"500 certificates: {count} pages in {batch:.2f} s, {batch / count * 1000:.1f} ms each "
        f"(target under {BATCH_TARGET_S} s)"
    )
    ok = per_page <= PAGE_TARGET_MS and batch < BATCH_TARGET_S
    print("OK" if ok else "OVER TARGET")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
