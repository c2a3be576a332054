"""Read models of the Agreements tab: the pairs with their agreement's state, the selected pair's panel
(its editor's contents, every version with its dates, what an edit would mean), and what is printed."""

from __future__ import annotations

from typing import TYPE_CHECKING, NamedTuple

from westem_desktop.core.enums import MatchStatus
from westem_desktop.core.read import pair_rows

if TYPE_CHECKING:
    from westem_desktop.core.agreements import AgreementData, AgreementVersion, Resigning
    from westem_desktop.core.db import Database
    from westem_desktop.core.printables import AgreementDocument, CertificateDocument
    from westem_desktop.core.versions import Seen


class AgreementPair(NamedTuple):
    """One line of the tab's table: a pair that is active or closed, with its newest agreement."""

    id: int
    mentor: str
    mentee: str
    status: str
    agreement_status: str  # "" when none was saved
    version: int  # 0 when none was saved


def agreement_pairs(db: Database, programme_id: int) -> list[AgreementPair]:
    """The pairs an agreement is written for (not the ones ended early), names as on every screen."""
    conn = db.read()
    newest = {
        match_id: (status, version)
        for match_id, status, version in conn.execute(
            "SELECT g.match_id, g.status, g.version FROM agreement g JOIN match m ON m.id = g.match_id "
            "WHERE m.programme_id = ? AND g.version = "
            "(SELECT max(h.version) FROM agreement h WHERE h.match_id = g.match_id)",
            (programme_id,),
        )
    }
    return [
        AgreementPair(p.id, p.mentor, p.mentee, p.status, *newest.get(p.id, ("", 0)))
        for p in pair_rows(conn, programme_id)
        if p.status != MatchStatus.ENDED
    ]


class AgreementPanel(NamedTuple):
    """What the selected pair's panel shows."""

    id: int
    mentor: str
    mentee: str
    status: str
    contents: AgreementData  # the newest version's, or the suggestion the editor starts from
    versions: list[AgreementVersion]  # the newest first; empty when none was saved
    resigning: Resigning | None  # set when saving an edit makes a new version both must sign
    seen: Seen | None = None  # the current agreement as read: a save over someone else's newer one is refused


def agreement_panel(db: Database, match_id: int) -> AgreementPanel:
    from westem_desktop.core import agreements
    from westem_desktop.core.models import Match
    from westem_desktop.core.names import person_name
    from westem_desktop.core.versions import Seen

    with db.reading() as session:
        match = session.get_one(Match, match_id)
        return AgreementPanel(
            match.id,
            person_name(match.mentor),
            person_name(match.mentee),
            match.status,
            agreements.draft(session, match_id),
            agreements.versions(session, match_id),
            agreements.editing_resigns(session, match_id),
            Seen.of(agreements.current(session, match_id)),
        )


def editing_resigns(db: Database, match_id: int, data: AgreementData) -> Resigning | None:
    """Whether saving the editor's ``data`` makes a new version both must sign (``core.agreements``);
    raises ValidationError when the edit cannot be saved at all."""
    from westem_desktop.core import agreements

    with db.reading() as session:
        return agreements.editing_resigns(session, match_id, data)


def agreement_document(
    db: Database, match_id: int, version: int | None, language: str, by_hand: bool = False
) -> AgreementDocument:
    """The agreement as printed in ``language``: ``version``, or the newest; ``by_hand`` to complete by hand."""
    from westem_desktop.core import agreements

    with db.reading() as session:
        return agreements.agreement_document(session, match_id, version, language, by_hand)


def certificate_documents(db: Database, match_ids: list[int], language: str) -> list[CertificateDocument]:
    """The certificates of closed pairs, to preview or print (recording them is a write)."""
    from westem_desktop.core import agreements

    with db.reading() as session:
        return agreements.certificate_documents(session, match_ids, language)


def closed_pairs(db: Database, programme_id: int) -> list[int]:
    from westem_desktop.core import agreements

    with db.reading() as session:
        return agreements.closed_pairs(session, programme_id)


def programme_name(db: Database, programme_id: int) -> str:
    row = db.read().execute("SELECT name FROM programme WHERE id = ?", (programme_id,)).fetchone()
    return row[0] if row else ""
