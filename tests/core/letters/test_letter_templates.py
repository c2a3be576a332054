"""The letters' templates: the shipped texts in four languages, the checks of an edit, and a programme's
edits saved, reset and refused when stale, on both engines."""

from __future__ import annotations

import re

import pytest

from westem_desktop.core import programmes
from westem_desktop.core.errors import ConcurrentChangeError, ValidationError
from westem_desktop.core.letters.templates import (
    LANGUAGES,
    PLACEHOLDERS,
    Kind,
    Template,
    check,
    default_template,
    render,
    reset_template,
    save_template,
    template,
)
from westem_desktop.core.programmes import ProgrammeSettings

ALL = [(kind, language) for kind in Kind for language in LANGUAGES]


def values_of(kind: Kind) -> dict[str, str]:
    """A value for every placeholder of ``kind``, each one recognisable in the text."""
    return {name: f"<{name.upper()}>" for name in PLACEHOLDERS[kind]}


@pytest.mark.parametrize(("kind", "language"), ALL)
def test_every_default_renders_with_every_placeholder_filled(kind: Kind, language: str) -> None:
    shipped = default_template(kind, language)
    check(kind, shipped.subject, shipped.body)  # the shipped texts pass their own check
    subject, body = render(shipped, values_of(kind))
    assert "{" not in subject + body and "}" not in subject + body
    assert subject.startswith("<PROGRAMME>") and "\n" not in subject
    assert "<COORDINATOR>" in body and "<COORDINATOR_EMAIL>" in body
    if kind in (Kind.INTRODUCTION, Kind.QUIET_REMINDER):
        assert "<MENTOR>" in body and "<MENTEE>" in body
    if kind is Kind.INTRODUCTION:
        assert "<FIRST_MEETING_BY>" in body and "<MENTOR_EMAIL>" in body and "<MENTEE_EMAIL>" in body
    if kind is Kind.EVALUATION_REMINDER:
        assert "<FORM>" in subject + body and "<DUE>" in body


def english_lines(kind: Kind) -> list[str]:
    """The English default's lines with some words in them once its placeholders are taken out."""
    shipped = default_template(kind, "en")
    lines = [shipped.subject, *shipped.body.splitlines()]
    return [line for line in lines if len(re.sub(r"\{\w+\}", "", line).split()) >= 2]


@pytest.mark.parametrize(("kind", "language"), [(k, lang) for k, lang in ALL if lang != "en"])
def test_the_other_languages_have_their_own_letters(kind: Kind, language: str) -> None:
    shipped = default_template(kind, language)
    text = f"{shipped.subject}\n{shipped.body}"
    assert [line for line in english_lines(kind) if line in text] == []
    for word in (" the ", " you ", " your ", " and ", "Dear ", "Kind regards", "Coordinator,"):
        assert word not in text, word


@pytest.mark.parametrize(
    ("language", "words"),
    [
        ("sv", ("adept", "mentorsavtal", "förberedelse, förhandling, aktivering och avslut", "två veckor")),
        ("nb", ("adept", "mentoravtale", "forberedelse, forhandling, aktivering og avslutning", "to uker")),
        ("nl", ("mentee", "mentoringovereenkomst", "voorbereiding, onderhandeling, activering en afsluiting")),
    ],
)
def test_the_introduction_speaks_the_glossarys_words(language: str, words: tuple[str, ...]) -> None:
    body = default_template(Kind.INTRODUCTION, language).body
    for word in words:
        assert word in body, word


def test_a_language_without_letters_of_its_own_gets_the_english_ones() -> None:
    assert default_template(Kind.THANKS, "de") == default_template(Kind.THANKS, "en")


def test_each_kind_knows_the_common_placeholders() -> None:
    for kind in Kind:
        assert {"programme", "coordinator", "coordinator_email", "first_name", "name"} <= PLACEHOLDERS[kind]


@pytest.mark.parametrize(
    ("kind", "subject", "body", "field", "message"),
    [
        (Kind.INTRODUCTION, "Hello {foo}", "Hi", "subject", "Unknown placeholder {foo}."),
        (Kind.INTRODUCTION, "Hello", "Hi {mentor}, {weeks_quiet}", "body", "Unknown placeholder {weeks_quiet}."),
        (Kind.INVITATION, "Hi", "Dear {mentor}", "body", "Unknown placeholder {mentor}."),
        (Kind.THANKS, "Hi", "{mentor.__class__}", "body", "Unknown placeholder {mentor.__class__}."),
        (Kind.THANKS, "Hi", "{mentor!r}", "body", "Unknown placeholder {mentor!r}."),
        (Kind.THANKS, "Hi", "{hours:>10}", "body", "Unknown placeholder {hours:>10}."),
    ],
)
def test_an_unknown_placeholder_is_refused_by_its_name(
    kind: Kind, subject: str, body: str, field: str, message: str
) -> None:
    with pytest.raises(ValidationError) as refused:
        check(kind, subject, body)
    assert str(refused.value) == message
    assert refused.value.field == field


@pytest.mark.parametrize("body", ["Dear {mentor", "Dear mentor}", "Dear {", "}{", "Dear {}"])
def test_malformed_braces_are_refused(body: str) -> None:
    with pytest.raises(ValidationError, match=r"brace|placeholder") as refused:
        check(Kind.THANKS, "Thanks", body)
    assert refused.value.field == "body"


def test_doubled_braces_write_a_brace() -> None:
    check(Kind.THANKS, "Thanks", "A brace: {{ and }}, then {mentor}")
    assert render(Template("Thanks", "A brace: {{ and }}, then {mentor}"), {"mentor": "Ana"}) == (
        "Thanks",
        "A brace: { and }, then Ana",
    )


@pytest.mark.parametrize(
    ("subject", "body", "field"),
    [("", "Hi", "subject"), ("  ", "Hi", "subject"), ("Hi", " \n ", "body"), ("Two\nlines", "Hi", "subject")],
)
def test_an_empty_subject_or_body_and_a_subject_of_two_lines_are_refused(subject: str, body: str, field: str) -> None:
    with pytest.raises(ValidationError) as refused:
        check(Kind.THANKS, subject, body)
    assert refused.value.field == field


def test_render_takes_values_literally() -> None:
    filled = render(Template("{mentor}", "{mentee} and {mentor}"), {"mentor": "{mentee}", "mentee": "Nguyễn Thị Hoa"})
    assert filled == ("{mentee}", "Nguyễn Thị Hoa and {mentee}")


def test_render_names_a_placeholder_without_a_value() -> None:
    with pytest.raises(ValueError, match=r"\{mentee\}"):
        render(Template("Hi", "{mentee}"), {"mentor": "Ana"})


@pytest.fixture
def programme_id(database) -> int:
    with database.session() as session:
        return programmes.create_programme(session, ProgrammeSettings(name="ICT first-years")).id


def test_an_edit_is_saved_and_reset_to_the_default(database, programme_id: int) -> None:
    with database.reading() as session:
        shown = template(session, programme_id, Kind.INTRODUCTION, "sv")
    assert shown == default_template(Kind.INTRODUCTION, "sv") and not shown.edited
    with database.session() as session:
        save_template(
            session, programme_id, Kind.INTRODUCTION, "sv", "{programme}: hej!", "Hej {mentor}!", shown.version
        )
    with database.reading() as session:
        edited = template(session, programme_id, Kind.INTRODUCTION, "sv")
        # the other languages and kinds keep their defaults
        assert template(session, programme_id, Kind.INTRODUCTION, "nb") == default_template(Kind.INTRODUCTION, "nb")
        assert template(session, programme_id, Kind.THANKS, "sv") == default_template(Kind.THANKS, "sv")
    assert (edited.subject, edited.body, edited.edited) == ("{programme}: hej!", "Hej {mentor}!", True)
    with database.session() as session:
        save_template(session, programme_id, "introduction", "sv", "{programme}: hej igen", "Hej!", edited.version)
    with database.reading() as session:
        again = template(session, programme_id, Kind.INTRODUCTION, "sv")
    assert again.subject == "{programme}: hej igen" and again.version > edited.version
    with database.session() as session:
        reset_template(session, programme_id, Kind.INTRODUCTION, "sv", again.version)
    with database.reading() as session:
        assert template(session, programme_id, Kind.INTRODUCTION, "sv") == default_template(Kind.INTRODUCTION, "sv")


def test_a_refused_edit_saves_nothing(database, programme_id: int) -> None:
    with pytest.raises(ValidationError, match=r"Unknown placeholder \{hours\}"), database.session() as session:
        save_template(session, programme_id, Kind.INTRODUCTION, "en", "Hi", "{hours}", 0)
    with pytest.raises(ValidationError), database.session() as session:
        save_template(session, programme_id, Kind.INTRODUCTION, "fr", "Hi", "Hi", 0)
    with database.reading() as session:
        assert not template(session, programme_id, Kind.INTRODUCTION, "en").edited


def test_a_stale_save_is_refused_and_the_others_edit_stays(database, programme_id: int) -> None:
    with database.reading() as session:
        seen_by_both = template(session, programme_id, Kind.THANKS, "nl").version  # the default: 0
    with database.session() as session:
        save_template(session, programme_id, Kind.THANKS, "nl", "Bedankt", "Dank je, {first_name}", seen_by_both)
    with pytest.raises(ConcurrentChangeError), database.session() as session:
        save_template(session, programme_id, Kind.THANKS, "nl", "Dank", "Mijn versie", seen_by_both)
    with database.reading() as session:
        kept = template(session, programme_id, Kind.THANKS, "nl")
    assert kept.body == "Dank je, {first_name}"
    # A reset over an edit it did not see is refused too; with the version shown, it resets.
    with pytest.raises(ConcurrentChangeError), database.session() as session:
        reset_template(session, programme_id, Kind.THANKS, "nl", kept.version + 1)
    with database.session() as session:
        save_template(session, programme_id, Kind.THANKS, "nl", "Bedankt!", "Dank je!", kept.version)
    with pytest.raises(ConcurrentChangeError), database.session() as session:
        reset_template(session, programme_id, Kind.THANKS, "nl", kept.version)
    # An edit shown, then reset by someone else: saving over it is refused as well.
    with database.reading() as session:
        shown = template(session, programme_id, Kind.THANKS, "nl")
    with database.session() as session:
        reset_template(session, programme_id, Kind.THANKS, "nl", shown.version)
    with pytest.raises(ConcurrentChangeError), database.session() as session:
        save_template(session, programme_id, Kind.THANKS, "nl", "Bedankt", "Nee", shown.version)
    with database.reading() as session:
        assert not template(session, programme_id, Kind.THANKS, "nl").edited


def test_deleting_a_programme_deletes_its_letters(database, programme_id: int) -> None:
    from sqlalchemy import func, select

    from westem_desktop.core.models import LetterTemplate, Programme

    with database.session() as session:
        save_template(session, programme_id, Kind.THANKS, "en", "Thanks", "Thanks!")
    with database.session() as session:
        session.delete(session.get_one(Programme, programme_id))
    with database.reading() as session:
        assert session.scalar(select(func.count()).select_from(LetterTemplate)) == 0


def test_the_coordinators_address_is_kept_and_validated(database, programme_id: int) -> None:
    with database.session() as session:
        settings = programmes.ProgrammeSettings.of(session.get_one(programmes.Programme, programme_id))
        assert settings.coordinator_email == ""
        settings.coordinator_email = "  karin.lindqvist@example.edu "
        programmes.update_programme(session, programme_id, settings)
    with database.reading() as session:
        programme = session.get_one(programmes.Programme, programme_id)
        assert programme.coordinator_email == "karin.lindqvist@example.edu"
    for wrong in (
        "karin",
        "karin@",
        "karin@example",
        "karin @example.edu",
        "a@b.se\r\nBcc: x@y.se",
        "x" * 250 + "@a.se",
    ):
        settings.coordinator_email = wrong
        with (
            pytest.raises(ValidationError, match="is not a valid e-mail address") as refused,
            database.session() as session,
        ):
            programmes.update_programme(session, programme_id, settings)
        assert refused.value.field == "coordinator_email"
    # A form without the field (None) leaves the address as it is; "" removes it.
    settings.coordinator_email = None
    with database.session() as session:
        programmes.update_programme(session, programme_id, settings)
        assert session.get_one(programmes.Programme, programme_id).coordinator_email == "karin.lindqvist@example.edu"
    settings.coordinator_email = ""
    with database.session() as session:
        programmes.update_programme(session, programme_id, settings)
        assert session.get_one(programmes.Programme, programme_id).coordinator_email == ""
