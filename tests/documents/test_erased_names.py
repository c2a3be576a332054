"""An erased participant prints as "Erased participant N" in the document's language (not the interface's) on
every document that names people: the agreement (any version), the certificates, the blank paper forms."""

from __future__ import annotations

import datetime as dt
import io

from pypdf import PdfReader

from westem_desktop import i18n
from westem_desktop.core import agreements
from westem_desktop.core import participants as people
from westem_desktop.core.cycle import advance, close_pair
from westem_desktop.core.evaluations import blank_forms
from westem_desktop.core.pairs import create_pair
from westem_desktop.core.privacy import erase_participant
from westem_desktop.core.programmes import ProgrammeSettings, create_programme, document_language
from westem_desktop.documents.agreement import write_agreement
from westem_desktop.documents.certificate import write_certificates
from westem_desktop.documents.forms import write_forms

START = dt.date(2026, 9, 1)


def text_of(write) -> str:
    buffer = io.BytesIO()
    write(buffer)
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(buffer.getvalue())).pages)


def test_an_erased_mentor_is_named_in_the_documents_language(database) -> None:
    i18n.set_language("en")  # the interface stays English; the programme prints in Dutch
    with database.session() as session:
        pid = create_programme(session, ProgrammeSettings(name="Cohort", document_language="nl")).id
        mentor = people.create_participant(
            session, pid, people.ParticipantData(role="mentor", name="Astrid Lund", email="astrid@uu.se")
        ).id
        mentee = people.create_participant(
            session, pid, people.ParticipantData(role="mentee", name="Saga Holm", email="saga@uu.se")
        ).id
        pair = create_pair(session, mentee, mentor, style="flash", today=START).id
        data = agreements.draft(session, pair, START)
        data.goals = [agreements.GoalData("Choose a specialisation")]
        first = agreements.save(session, pair, data)
        agreements.mark_signed(session, first.id, START)
        for _ in range(2):
            advance(session, pair, START)
        close_pair(session, pair, START + dt.timedelta(days=20))
        erase_participant(session, mentor)
    dutch = f"Gewiste deelnemer {mentor}"
    with database.session() as session:
        language = document_language(session, match_id=pair)
        agreement = agreements.agreement_document(session, pair, 1, language)
        certificates = agreements.certificate_documents(session, [pair], language)
        forms = blank_forms(session, [pair], "final")
        norwegian = blank_forms(session, [pair], "final", "nb")
    assert language == "nl"
    texts = {
        "agreement": text_of(lambda out: write_agreement(agreement, language, out)),
        "certificates": text_of(lambda out: write_certificates(certificates, language, out)),
        "forms": text_of(lambda out: write_forms(forms, out)),
    }
    for kind, text in texts.items():
        assert dutch in text and "Saga Holm" in text, kind
        assert "Astrid" not in text and "Erased participant" not in text, kind
    assert f"Slettet deltaker {mentor}" in text_of(lambda out: write_forms(norwegian, out))
