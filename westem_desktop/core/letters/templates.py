"""The letters a coordinator sends every term, as templates per programme, kind and language.

Each kind of letter has a subject and a body with placeholders in braces (``{mentor}``); ``{{`` and
``}}`` write a brace itself. The placeholders each kind may use (``PLACEHOLDERS``):

- every kind: ``programme``, ``coordinator`` (the coordinator's name), ``coordinator_email``,
  ``first_name`` and ``name`` (of the person the letter is to; for an introduction, to both, the
  mentee's);
- introduction (to both people of a new pair): ``mentor``, ``mentee``, ``mentor_email``,
  ``mentee_email``, ``first_meeting_by`` (the pair's creation day + 14 days, in the letter's language);
- invitation (to a group): ``role`` (mentor or mentee, in the letter's language), ``phase`` (the
  phase's name, when the group is a phase, else "");
- reminder to a quiet pair: ``mentor``, ``mentee``, ``phase``, ``last_contact`` (a date, or a word
  for "none yet"), ``weeks_quiet``;
- reminder of a missing evaluation: ``mentor``, ``mentee``, ``form`` (the form's name in the
  letter's language), ``due`` (a date);
- thanks at closing: ``mentor``, ``mentee``, ``role``, ``hours`` (the hours of mentoring recorded).

The shipped texts (``default_template``) are written in each language, not translated through gettext:
they are content the coordinator may edit. A programme's edits are rows of ``letter_template``; a
missing row is the shipped default.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

from sqlalchemy import select

from westem_desktop.core.errors import ConcurrentChangeError, RowDeletedError, ValidationError
from westem_desktop.core.models import LetterTemplate, Programme
from westem_desktop.i18n import _

if TYPE_CHECKING:
    from sqlalchemy.orm import Session


class Kind(StrEnum):
    INTRODUCTION = "introduction"
    INVITATION = "invitation"
    QUIET_REMINDER = "quiet"
    EVALUATION_REMINDER = "evaluation"
    THANKS = "thanks"


LANGUAGES = ("en", "sv", "nb", "nl")

_EVERY = frozenset({"programme", "coordinator", "coordinator_email", "first_name", "name"})
PLACEHOLDERS: dict[Kind, frozenset[str]] = {
    Kind.INTRODUCTION: _EVERY | {"mentor", "mentee", "mentor_email", "mentee_email", "first_meeting_by"},
    Kind.INVITATION: _EVERY | {"role", "phase"},
    Kind.QUIET_REMINDER: _EVERY | {"mentor", "mentee", "phase", "last_contact", "weeks_quiet"},
    Kind.EVALUATION_REMINDER: _EVERY | {"mentor", "mentee", "form", "due"},
    Kind.THANKS: _EVERY | {"mentor", "mentee", "role", "hours"},
}

SUBJECT_LENGTH = 200
BODY_LENGTH = 20_000


@dataclass(frozen=True)
class Template:
    """A letter's subject and body; ``edited``: the programme's own text (else the shipped default);
    ``version``: the row's version to pass back when saving (0 for a default)."""

    subject: str
    body: str
    edited: bool = False
    version: int = 0


def default_template(kind: Kind | str, language: str) -> Template:
    """The shipped text of ``kind`` in ``language`` (English for a language without its own texts)."""
    from westem_desktop.core.letters.defaults import DEFAULTS

    texts = DEFAULTS.get(language, DEFAULTS["en"])
    subject, body = texts[Kind(kind)]
    return Template(subject, body)


def _check_language(language: str) -> None:
    if language not in LANGUAGES:
        raise ValidationError(_("Choose one of the offered values."), "language")


def _row(session: Session, programme_id: int, kind: Kind, language: str) -> LetterTemplate | None:
    return session.scalar(
        select(LetterTemplate).where(
            LetterTemplate.programme_id == programme_id,
            LetterTemplate.kind == kind.value,
            LetterTemplate.language == language,
        )
    )


def template(session: Session, programme_id: int, kind: Kind | str, language: str) -> Template:
    """The programme's text of ``kind`` in ``language``: its edit, or the shipped default."""
    kind = Kind(kind)
    row = _row(session, programme_id, kind, language)
    if row is None:
        return default_template(kind, language)
    return Template(row.subject, row.body, edited=True, version=row.row_version)


def _fields(text: str, field: str) -> list[str]:
    """The placeholders of ``text`` in order; malformed braces refused (naming ``field``)."""
    try:
        parsed = list(string.Formatter().parse(text))
    except ValueError:
        raise ValidationError(
            _("A brace is not closed or not opened: write a placeholder as {name}, a brace itself as {{ or }}."),
            field,
        ) from None
    names = []
    for _literal, name, spec, conversion in parsed:
        if name is None:
            continue
        if spec or conversion:
            shown = name + (f"!{conversion}" if conversion else "") + (f":{spec}" if spec else "")
            raise ValidationError(_("Unknown placeholder {placeholder}.").format(placeholder=f"{{{shown}}}"), field)
        names.append(name)
    return names


def check(kind: Kind | str, subject: str, body: str) -> None:
    """Refuse (``ValidationError`` with the field) an empty subject or body, malformed braces, and the
    first placeholder that ``kind`` does not know, by its name."""
    kind = Kind(kind)
    for field, text, limit in (("subject", subject, SUBJECT_LENGTH), ("body", body, BODY_LENGTH)):
        if not text.strip():
            if field == "subject":
                raise ValidationError(_("The letter needs a subject."), field)
            raise ValidationError(_("The letter needs a text."), field)
        if len(text) > limit:
            raise ValidationError(_("This text is too long: at most {most} characters.").format(most=limit), field)
        if field == "subject" and ("\n" in text or "\r" in text):
            raise ValidationError(_("The subject must be one line."), field)
        for name in _fields(text, field):
            if name not in PLACEHOLDERS[kind]:
                raise ValidationError(_("Unknown placeholder {placeholder}.").format(placeholder=f"{{{name}}}"), field)


def render(template: Template, values: Mapping[str, str]) -> tuple[str, str]:
    """``template``'s subject and body with every placeholder replaced by its value in ``values``
    (no attribute or index lookups, unlike ``str.format``); a placeholder without a value raises
    ``ValueError`` naming it (the drafts give every placeholder of the kind, "" where none is known)."""

    def fill(text: str) -> str:
        parts = []
        for literal, name, _spec, _conversion in string.Formatter().parse(text):
            parts.append(literal)
            if name is not None:
                if name not in values:
                    raise ValueError(f"no value for the placeholder {{{name}}}")
                parts.append(str(values[name]))
        return "".join(parts)

    return fill(template.subject), fill(template.body)


def save_template(
    session: Session,
    programme_id: int,
    kind: Kind | str,
    language: str,
    subject: str,
    body: str,
    version: int | None = None,
) -> Template:
    """Save the programme's text of ``kind`` in ``language`` (checked first). ``version``: the one the
    screen showed (0: the default was shown; None: no check); a save over a newer edit is refused
    (``ConcurrentChangeError``). Saving the default's exact text keeps it as an edit all the same."""
    kind = Kind(kind)
    _check_language(language)
    check(kind, subject, body)
    if session.get(Programme, programme_id, with_for_update=True) is None:
        raise RowDeletedError()
    row = _row(session, programme_id, kind, language)
    if version is not None:
        if row is None and version != 0:  # the edit shown was reset meanwhile
            raise ConcurrentChangeError()
        if row is not None and row.row_version != version:
            raise ConcurrentChangeError(row.changed_by, row.changed_at, row.row_version)
    if row is None:
        row = LetterTemplate(programme_id=programme_id, kind=kind.value, language=language)
        session.add(row)
    row.subject, row.body = subject, body
    session.flush()
    return Template(subject, body, edited=True, version=row.row_version)


def reset_template(
    session: Session, programme_id: int, kind: Kind | str, language: str, version: int | None = None
) -> Template:
    """Back to the shipped default of ``kind`` in ``language`` (the programme's edit deleted);
    ``version`` as for ``save_template``."""
    kind = Kind(kind)
    _check_language(language)
    row = _row(session, programme_id, kind, language)
    if row is not None:
        if version is not None and row.row_version != version:
            raise ConcurrentChangeError(row.changed_by, row.changed_at, row.row_version)
        session.delete(row)
        session.flush()
    return default_template(kind, language)
