"""The PDFs attached to the letters' drafts (``core/letters``): the agreement with an introduction, the
certificate with the thanks, made from the plain documents the drafts carry."""

from __future__ import annotations

import dataclasses
import io
from collections.abc import Sequence
from typing import TYPE_CHECKING

from westem_desktop.core.printables import AgreementDocument, CertificateDocument

if TYPE_CHECKING:
    from westem_desktop.core.letters.drafts import Attachment, Draft


def pdf(attachment: Attachment) -> bytes:
    """The PDF of an attachment's document, in its language (its own ``data`` when it has no document)."""
    buffer = io.BytesIO()
    document = attachment.document
    if isinstance(document, AgreementDocument):
        from westem_desktop.documents.agreement import write_agreement

        write_agreement(document, attachment.language, buffer)
    elif isinstance(document, CertificateDocument):
        from westem_desktop.documents.certificate import write_certificates

        write_certificates([document], attachment.language, buffer)
    else:
        return attachment.data
    return buffer.getvalue()


def rendered(drafts: Sequence[Draft]) -> list[Draft]:
    """``drafts`` with every attachment's PDF made, ready for ``core.letters.eml``."""
    return [
        dataclasses.replace(
            draft,
            attachments=tuple(
                a if a.data else dataclasses.replace(a, data=pdf(a), document=None) for a in draft.attachments
            ),
        )
        for draft in drafts
    ]
