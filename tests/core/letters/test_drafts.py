"""Who gets which letter, in which language, with which attachment, on both engines; every draft read
back from its .eml file with Python's email package."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from sqlalchemy import update

from tests.core.letters.world import HOA, LONG, LUCJA, QUOTED, TODAY, World, build, parse, pdf_text, text_of
from westem_desktop.core import agreements
from westem_desktop.core.agreements import AgreementData, GoalData
from westem_desktop.core.errors import ValidationError
from westem_desktop.core.letters import drafts
from westem_desktop.core.letters.drafts import Draft, Drafts
from westem_desktop.core.letters.eml import message_bytes, write_drafts
from westem_desktop.core.letters.templates import Kind, default_template, save_template
from westem_desktop.core.models import Participant
from westem_desktop.core.privacy import erase_participant
from westem_desktop.documents.letters import rendered


@pytest.fixture
def world(database) -> World:
    return build(database)


def english_lines(kind: Kind) -> list[str]:
    """The English default's lines with some words once its placeholders are taken out."""
    shipped = default_template(kind, "en")
    lines = [re.sub(r"\{\w+\}", "", line).strip() for line in [shipped.subject, *shipped.body.splitlines()]]
    return [line for line in lines if len(line.split()) >= 2]


def read_back(draft: Draft, tmp_path: Path):
    """The draft written as a file and read back, with checks every draft must pass."""
    [path] = write_drafts(rendered([draft]), tmp_path / f"{draft.file_stem[:20]}-{id(draft)}")
    message = parse(path.read_bytes())
    assert message["X-Unsent"] == "1"
    assert message.defects == []
    text = text_of(message)
    assert "{" not in text and "}" not in text and "{" not in message["Subject"]
    if draft.language != "en":
        assert [line for line in english_lines(draft.kind) if line in text] == []
    for attachment in message.iter_attachments():
        assert attachment.get_content_type() == "application/pdf"
        pdf_text(attachment.get_content())
    return message


def names(message) -> list[str]:
    return [a.display_name for a in message["To"].addresses]


def test_introductions_go_to_both_people_of_each_new_pair(database, world: World, tmp_path: Path) -> None:
    found = drafts.introductions(database, world.programme_id)
    assert found.refused == []
    assert [(d.match_id, d.language) for d in found.drafts] == [(world.new, "en"), (world.swedish, "sv")]
    english, swedish = (read_back(d, tmp_path) for d in found.drafts)
    assert names(english) == [LUCJA, HOA] and names(swedish) == [LONG, "Saga Lind"]
    assert [(a.display_name, a.addr_spec) for a in english["From"].addresses] == [("Karin Berg", "karin.berg@uu.se")]
    assert "Dear Łucja Wiśniewska and Nguyễn Thị Hoa" in text_of(english)
    assert "26 October 2026" in text_of(english)  # created on 12 October, plus two weeks
    assert "Hej" in text_of(swedish) and "mentorsavtal" in text_of(swedish) and "26 oktober 2026" in text_of(swedish)
    [agreement] = english.iter_attachments()
    assert HOA in pdf_text(agreement.get_content()) and LUCJA in pdf_text(agreement.get_content())
    [avtal] = swedish.iter_attachments()
    assert avtal.get_filename() == f"mentorsavtal-{world.swedish}.pdf"


def test_the_agreement_attached_is_the_saved_one(database, world: World, tmp_path: Path) -> None:
    with database.session() as session:
        agreements.save(
            session,
            world.new,
            AgreementData(
                goals=[GoalData("Write the thesis plan together")],
                timeline_start=TODAY,
                timeline_end=TODAY + dt.timedelta(days=100),
            ),
        )
    [draft] = drafts.introductions(database, world.programme_id, [world.new]).drafts
    [agreement] = read_back(draft, tmp_path).iter_attachments()
    assert "Write the thesis plan together" in pdf_text(agreement.get_content())
    without = drafts.introductions(database, world.programme_id, [world.new], attach_agreement=False).drafts
    assert without[0].attachments == ()


def test_the_language_asked_for_wins(database, world: World, tmp_path: Path) -> None:
    found = drafts.introductions(database, world.programme_id, language="nl")
    assert {d.language for d in found.drafts} == {"nl"}
    for draft in found.drafts:
        assert "mentoringovereenkomst" in text_of(read_back(draft, tmp_path))


def test_the_programmes_own_text_is_used(database, world: World, tmp_path: Path) -> None:
    with database.session() as session:
        save_template(
            session,
            world.programme_id,
            Kind.INTRODUCTION,
            "sv",
            "Hej {first_name}!",
            "Träffas före {first_meeting_by}.",
        )
    found = drafts.introductions(database, world.programme_id)
    swedish = read_back(found.drafts[1], tmp_path)
    assert swedish["Subject"] == "Hej Saga!" and text_of(swedish) == "Träffas före 26 oktober 2026.\n"
    assert "Welcome to Letters 2026" in found.drafts[0].body  # the English letter is still the default


def test_thanks_to_each_person_of_a_closed_pair_with_her_own_certificate(
    database, world: World, tmp_path: Path
) -> None:
    found = drafts.thanks(database, world.programme_id)
    assert [(d.participant_id, d.match_id) for d in found.drafts] == [
        (world.ids["Maja Ek"], world.closed),
        (world.ids["Ingrid Holm"], world.closed),
    ]
    for draft, name, role in zip(found.drafts, ("Maja Ek", "Ingrid Holm"), ("mentee", "mentor"), strict=True):
        message = read_back(draft, tmp_path)
        assert names(message) == [name]
        assert f"as a {role}" in text_of(message) and "1.5 hours" in text_of(message)
        [certificate] = message.iter_attachments()
        assert certificate.get_filename() == f"certificate-{name.replace(' ', '-')}-{role}.pdf"
        assert name in pdf_text(certificate.get_content())


def test_thanks_refuse_a_pair_that_is_not_closed(database, world: World) -> None:
    found = drafts.thanks(database, world.programme_id, [world.new, world.closed], language="sv")
    assert len(found.drafts) == 2 and {d.language for d in found.drafts} == {"sv"}
    assert found.refused == [drafts.Refused(f"pair {world.new} ({LUCJA} and {HOA})", "the pair is not closed")]


def test_quiet_reminders_go_to_the_pairs_without_a_meeting_for_weeks(database, world: World, tmp_path: Path) -> None:
    found = drafts.quiet_reminders(database, world.programme_id, today=TODAY)
    [draft] = found.drafts
    message = read_back(draft, tmp_path)
    assert draft.match_id == world.quiet and names(message) == [QUOTED, "Elin Berg"]
    assert "for 6 weeks (the last one I know of: 31 August 2026)" in text_of(message)
    assert "in the phase preparation" in text_of(message)
    none_yet = drafts.quiet_reminders(database, world.programme_id, [world.new], language="nb", today=TODAY)
    assert "det siste jeg kjenner til: ikke noe ennå" in none_yet.drafts[0].body


def test_evaluation_reminders_name_the_missing_forms(database, world: World, tmp_path: Path) -> None:
    found = drafts.evaluation_reminders(database, world.programme_id, [world.closed], today=TODAY)
    assert [d.participant_id for d in found.drafts] == [world.ids["Ingrid Holm"], world.ids["Maja Ek"]]
    text = text_of(read_back(found.drafts[1], tmp_path))
    assert "your evaluation of the session, 17 July 2026 and final evaluation for the mentoring of" in text
    assert "It was due on 24 July 2026." in text
    swedish = drafts.evaluation_reminders(database, world.programme_id, [world.closed], "sv", today=TODAY)
    assert "utvärdering av mötet, 17 juli 2026 och slututvärdering" in text_of(read_back(swedish.drafts[1], tmp_path))


def test_reminders_are_both_kinds_together(database, world: World) -> None:
    found = drafts.reminders(database, world.programme_id, today=TODAY)
    assert [d.kind for d in found.drafts] == [Kind.QUIET_REMINDER] + [Kind.EVALUATION_REMINDER] * 4


@pytest.mark.parametrize(
    ("group", "who"),
    [
        ("all", [LUCJA, LONG, QUOTED, "Ingrid Holm", HOA, "Saga Lind", "Elin Berg", "Maja Ek"]),
        ("mentors", [LUCJA, LONG, QUOTED, "Ingrid Holm"]),
        ("mentees", [HOA, "Saga Lind", "Elin Berg", "Maja Ek"]),
        ("phase:1", [LUCJA, HOA, LONG, "Saga Lind", QUOTED, "Elin Berg"]),
        ("phase:3", []),
    ],
)
def test_invitations_go_to_the_group(database, world: World, group: str, who: list[str]) -> None:
    found = drafts.invitations(database, world.programme_id, group)
    assert [d.to[0].name for d in found.drafts] == who
    languages = {d.to[0].name: d.language for d in found.drafts}
    if "Saga Lind" in who:
        assert languages["Saga Lind"] == "sv" and languages[HOA] == "en"  # the language of her pair


@pytest.mark.parametrize("group", ["phase:9", "phase:x", "everyone", ""])
def test_an_unknown_group_is_refused(database, world: World, group: str) -> None:
    with pytest.raises(ValidationError) as refused:
        drafts.invitations(database, world.programme_id, group)
    assert refused.value.field == "group"


def test_a_pair_of_another_programme_is_refused(database, world: World) -> None:
    with pytest.raises(ValidationError, match="There is no pair 999"):
        drafts.introductions(database, world.programme_id, [999])


def test_people_without_an_address_or_erased_are_refused_with_the_reason(database, world: World) -> None:
    with database.session() as session:
        session.execute(update(Participant).where(Participant.id == world.ids[HOA]).values(email=None))
        session.execute(
            update(Participant).where(Participant.id == world.ids["Elin Berg"]).values(email="elin@uu.se, evil@x.org")
        )
        erase_participant(session, world.ids["Maja Ek"])
    found = drafts.introductions(database, world.programme_id)
    assert [d.match_id for d in found.drafts] == [world.swedish]
    assert found.refused == [drafts.Refused(f"pair {world.new} ({LUCJA} and {HOA})", "mentee: no e-mail address")]
    invited = drafts.invitations(database, world.programme_id, "mentees")
    assert [d.to[0].name for d in invited.drafts] == ["Saga Lind"]
    assert invited.refused == [
        drafts.Refused(HOA, "no e-mail address"),
        drafts.Refused("Elin Berg", "not a valid e-mail address"),
        drafts.Refused(f"Erased participant {world.ids['Maja Ek']}", "erased participant"),
    ]
    quiet = drafts.quiet_reminders(database, world.programme_id, today=TODAY)
    assert [r.name for r in quiet.drafts[0].to] == [QUOTED]  # the one with an address still hears from you
    thanked = drafts.thanks(database, world.programme_id)
    assert [d.to[0].name for d in thanked.drafts] == ["Ingrid Holm"]


def test_no_coordinators_address_means_no_sender(database, world: World) -> None:
    from westem_desktop.core.models import Programme

    with database.session() as session:
        session.get_one(Programme, world.programme_id).coordinator_email = ""
    [draft, _swedish] = drafts.introductions(database, world.programme_id).drafts
    assert draft.sender is None and "From" not in parse(message_bytes(rendered([draft])[0]))


def test_an_attachment_is_made_outside_the_core(database, world: World) -> None:
    [draft, _swedish] = drafts.introductions(database, world.programme_id).drafts
    [attachment] = draft.attachments
    assert attachment.data == b"" and attachment.language == "en"
    with pytest.raises(ValueError, match="not made yet"):
        message_bytes(draft)
    [made] = rendered([draft])
    assert made.attachments[0].data.startswith(b"%PDF-") and made.attachments[0].filename == attachment.filename


def test_nothing_to_write_is_an_empty_list(database, world: World) -> None:
    assert drafts.introductions(database, world.programme_id, []) == Drafts([], [])
    assert drafts.quiet_reminders(database, world.programme_id, today=TODAY - dt.timedelta(days=30)).drafts == []


def test_the_file_names_are_safe_and_short(database, world: World) -> None:
    found = drafts.invitations(database, world.programme_id)
    stems = [d.file_stem for d in found.drafts]
    assert stems[0] == f"invitation-{world.ids[LUCJA]}-Łucja-Wiśniewska"
    assert stems[1].startswith(f"inbjudan-{world.ids[LONG]}-Nguyễn-Wiśniewska-Ørjan")
    for stem in stems:
        assert re.fullmatch(r"[\w-]+", stem) and len(stem.encode()) <= drafts.STEM_BYTES


@pytest.mark.parametrize("language", ["en", "sv", "nb", "nl"])
def test_every_letter_of_a_demo_programme_is_filled_in_its_language(tmp_path: Path, language: str) -> None:
    """Every kind of letter for every pair and person of a demo programme, written and read back: each
    placeholder filled, no English line in another language, the attachments readable."""
    from sqlalchemy import select

    from westem_desktop.core.db import open_database
    from westem_desktop.core.demo import create_demo_database
    from westem_desktop.core.enums import MatchStatus
    from westem_desktop.core.models import Match

    path = tmp_path / "demo.sqlite"
    programme_id = create_demo_database(path, participants=30, seed=4, language=language)
    with open_database(path) as db:
        with db.reading() as session:
            active = session.scalars(
                select(Match.id).where(Match.programme_id == programme_id, Match.status == MatchStatus.ACTIVE)
            ).all()
        made = [
            drafts.introductions(db, programme_id, active[:3], language),
            drafts.invitations(db, programme_id, "all", language),
            drafts.quiet_reminders(db, programme_id, active, language),
            drafts.evaluation_reminders(db, programme_id, None, language),
            drafts.thanks(db, programme_id, None, language),
        ]
    for found in made:
        assert found.drafts and found.refused == []
        for draft in found.drafts:
            assert draft.language == language
            read_back(draft, tmp_path)
