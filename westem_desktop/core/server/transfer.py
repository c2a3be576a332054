"""Moving programmes between a coordinator's file and a server database, whole or not at all.

``copy_programmes`` copies the chosen programmes of one database into another with every row that belongs to
them (every table of ``core/models.py`` but the database's own identity), in the target's transaction: the
caller's ``session()`` commits it all or, on any error, nothing. Ids are new in the target; every reference
is rewritten to them.

The rule for a programme that the target already has (the same name): the file's people are added to it,
the server's programme keeps its own settings, and a participant whose e-mail is already registered in it
is refused (reported with her name and e-mail), and with her whatever involves her: her pairs (reported) and
their meetings, agreements, evaluations and certificates, her requests and onboarding ticks (counted). A
participant without an e-mail cannot be recognised and is always copied. The text of a letter the server's
programme has its own edit of (the same kind and language) stays the server's; the file's is counted as not
copied.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from westem_desktop.core import migrations
from westem_desktop.core.errors import WestemError
from westem_desktop.core.models import Base
from westem_desktop.core.storable import problem, quoted
from westem_desktop.i18n import _

if TYPE_CHECKING:
    from sqlalchemy import ColumnElement, Table
    from sqlalchemy.orm import Session

    from westem_desktop.core.db import Database

NOT_COPIED = frozenset({"database_identity"})
"""Tables that name the database itself, not a programme: the target keeps its own."""


@dataclass
class Refusal:
    """A row that was not copied, and why, in words for the coordinator."""

    table: str
    what: str
    reason: str

    def __str__(self) -> str:
        return f"{self.what}: {self.reason}"


@dataclass
class TransferReport:
    """What a transfer did: rows copied and left out per table, the programmes made and merged, refusals."""

    copied: Counter[str] = field(default_factory=Counter)
    left_out: Counter[str] = field(default_factory=Counter)
    created: list[str] = field(default_factory=list)
    merged: list[str] = field(default_factory=list)
    refusals: list[Refusal] = field(default_factory=list)

    @property
    def anything_copied(self) -> bool:
        return any(self.copied.values())


def tables() -> list[Table]:
    """The tables copied, parents before children."""
    return [table for table in Base.metadata.sorted_tables if table.name not in NOT_COPIED]


def check_schema(session: Session, name: str) -> None:
    """Refuse a database whose schema is not this version's newest (``name`` names it in the message)."""
    from sqlalchemy import text
    from sqlalchemy.exc import ProgrammingError

    try:
        revision = session.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except ProgrammingError as exc:  # no such table: an empty database
        raise WestemError(
            _("{name} holds no WESTEM database yet: `westem-desktop server init --db URL` creates it.").format(
                name=name
            )
        ) from exc
    if revision != migrations.HEAD:
        raise WestemError(
            _(
                "{name} has the schema revision {revision}, not this version's {head}: bring the two to the same "
                "version first (`westem-desktop server upgrade --db URL`)."
            ).format(name=name, revision=revision, head=migrations.HEAD)
        )


def _owner(table: Table) -> tuple[str, Table] | None:
    """The column that ties a row to its programme's tree, and the parent table it points to."""
    for column in table.columns:
        if column.foreign_keys and not column.nullable:
            (fk,) = column.foreign_keys
            return column.name, fk.column.table
    return None


def _in_programmes(table: Table, programme_ids: list[int]) -> ColumnElement[bool]:
    """The rows of ``table`` that belong to the programmes ``programme_ids``."""
    from sqlalchemy import select

    if table.name == "programme":
        return table.c.id.in_(programme_ids)
    if "programme_id" in table.c:
        return table.c.programme_id.in_(programme_ids)
    owner = _owner(table)
    if owner is None:
        raise ValueError(f"{table.name} belongs to no programme")
    column, parent = owner
    return table.c[column].in_(select(parent.c.id).where(_in_programmes(parent, programme_ids)))


def programme_ids(session: Session, names: Iterable[str] | None = None) -> list[int]:
    """The ids of the programmes called ``names`` (every programme when None), in the order of their ids."""
    from sqlalchemy import select

    from westem_desktop.core.models import Programme

    query = select(Programme.id).order_by(Programme.id)
    if names is not None:
        query = query.where(Programme.name.in_(list(names)))
    return list(session.scalars(query))


def one_snapshot(session: Session) -> None:
    """Make every read of ``session``'s transaction see the same moment of a server, however busy its
    coordinators are (a file's reading transaction does already). Before anything else is read."""
    if session.get_bind().dialect.name == "postgresql":
        from sqlalchemy import text

        session.execute(text("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"))


def copy_programmes(source: Session, target: Session, ids: list[int], *, merge: bool = True) -> TransferReport:
    """Copy the programmes ``ids`` of ``source`` with all their rows into ``target`` (see the module's rule).

    Nothing is committed here: the caller's transaction on ``target`` holds every row; ``source`` is read in
    one snapshot (``one_snapshot``). ``merge`` False refuses a programme whose name the target already has
    instead of merging into it. A pair with someone outside the programmes copied is left out and reported.
    """
    from sqlalchemy import insert, select

    report = TransferReport()
    new_ids: dict[str, dict[int, int]] = {}
    why_not: dict[tuple[str, int], str] = {}  # (table, source id) -> the refusal that left it out
    for table in tables():
        mapping = new_ids.setdefault(table.name, {})
        rows = source.execute(select(table).where(_in_programmes(table, ids)).order_by(table.c.id)).mappings()
        pending: list[dict[str, Any]] = []
        pending_ids: list[int] = []
        if table.name == "programme":
            rows = list(rows)
            existing = _existing_programmes(target, [row["name"] for row in rows])
        elif table.name == "participant":
            rows = list(rows)
            registered = _registered_emails(target, list(new_ids["programme"].values()))
        elif table.name == "letter_template":
            rows = list(rows)
            edited = _edited_letters(target, list(new_ids["programme"].values()))
        for row in rows:
            values = {name: value for name, value in row.items() if name != "id"}
            missing = _remap(table, values, new_ids)
            if missing is not None:
                report.left_out[table.name] += 1
                reason = why_not.get(missing)
                if table.name == "match":
                    if reason is None:  # a mentor of the shared register, registered in another programme
                        reason = _("one of the two belongs to another programme")
                    report.refusals.append(Refusal(table.name, _pair_label(source, row), reason))
                    why_not[(table.name, row["id"])] = reason
                continue
            if table.name == "programme" and row["name"] in existing:
                if not merge:
                    raise WestemError(
                        _("The programme “{name}” is already there; nothing was copied.").format(name=row["name"])
                    )
                mapping[row["id"]] = existing[row["name"]]
                report.merged.append(row["name"])
                continue
            if table.name == "participant":
                email = (row["email"] or "").strip().lower()
                if email and (values["programme_id"], email) in registered:
                    reason = _("{email} is already registered in this programme").format(email=row["email"])
                    report.refusals.append(Refusal(table.name, row["name"], reason))
                    report.left_out[table.name] += 1
                    why_not[(table.name, row["id"])] = _("{name} was not copied").format(name=row["name"])
                    continue
            if table.name == "letter_template" and (values["programme_id"], row["kind"], row["language"]) in edited:
                report.left_out[table.name] += 1
                continue
            unstorable = _unstorable(table, values)
            if unstorable is not None:  # a text a file kept but the server cannot: the row is refused, named
                label = quoted(row["name"]) if isinstance(row.get("name"), str) else f"{table.name} {row['id']}"
                report.refusals.append(Refusal(table.name, label, unstorable))
                report.left_out[table.name] += 1
                why_not[(table.name, row["id"])] = _("{name} was not copied").format(name=label)
                continue
            if table.name == "programme":
                report.created.append(row["name"])
            pending.append(values)
            pending_ids.append(row["id"])
        if pending:
            made = _new_ids(target, table, len(pending))
            for values, new_id in zip(pending, made, strict=True):
                values["id"] = new_id
            target.execute(insert(table), pending)
            mapping.update(zip(pending_ids, made, strict=True))
            report.copied[table.name] += len(made)
    return report


def _unstorable(table: Table, values: dict[str, Any]) -> str | None:
    """Why a row of a file cannot be stored on the server (a text longer than its column, a null
    character: a file may hold them from before ``core.storable``'s rule), or None."""
    from sqlalchemy import String

    for column in table.columns:
        value = values.get(column.name)
        if isinstance(value, str) and isinstance(column.type, String):
            refusal = problem(value, column.type.length, column.name)
            if refusal is not None:
                return f"{column.name}: {refusal}"
    return None


def _new_ids(target: Session, table: Table, count: int) -> list[int]:
    """``count`` ids for new rows of ``table``: from its sequence on a server (so that the coordinators' own
    inserts meanwhile take others), after the greatest on a file (whose write lock the transaction holds).
    Given ids let the rows go in by one prepared statement, many times faster than a RETURNING per batch."""
    from sqlalchemy import func, select, text

    if target.get_bind().dialect.name == "postgresql":
        query = text("SELECT nextval(pg_get_serial_sequence(:table, 'id')) FROM generate_series(1, :count)")
        return list(target.scalars(query, {"table": table.name, "count": count}))
    start = target.scalar(select(func.max(table.c.id))) or 0
    return list(range(start + 1, start + count + 1))


def _remap(table: Table, values: dict[str, Any], new_ids: dict[str, dict[int, int]]) -> tuple[str, int] | None:
    """Rewrite the references of ``values`` to the target's ids; the (table, id) of a reference to a row that
    was not copied, else None."""
    for column in table.columns:
        old = values.get(column.name)
        if not column.foreign_keys or old is None:
            continue
        (fk,) = column.foreign_keys
        parent = fk.column.table.name
        new = new_ids.get(parent, {}).get(old)
        if new is None:
            return parent, old
        values[column.name] = new
    return None


def _existing_programmes(target: Session, names: list[str]) -> dict[str, int]:
    from sqlalchemy import select

    from westem_desktop.core.models import Programme

    if not names:
        return {}
    return dict(target.execute(select(Programme.name, Programme.id).where(Programme.name.in_(names))).all())


def _registered_emails(target: Session, programmes: list[int]) -> set[tuple[int, str]]:
    """(programme id, e-mail in lower case) of everyone already registered in the target's ``programmes``."""
    from sqlalchemy import func, select

    from westem_desktop.core.models import Participant

    if not programmes:
        return set()
    query = select(Participant.programme_id, func.lower(Participant.email)).where(
        Participant.programme_id.in_(programmes), Participant.email.is_not(None)
    )
    return {(programme, email.strip()) for programme, email in target.execute(query)}


def _edited_letters(target: Session, programmes: list[int]) -> set[tuple[int, str, str]]:
    """(programme, kind, language) of every letter the programmes ``programmes`` of ``target`` have edited."""
    from sqlalchemy import select

    from westem_desktop.core.models import LetterTemplate

    query = select(LetterTemplate.programme_id, LetterTemplate.kind, LetterTemplate.language).where(
        LetterTemplate.programme_id.in_(programmes)
    )
    return {(pid, kind, language) for pid, kind, language in target.execute(query)}


def _pair_label(source: Session, row: Any) -> str:
    from westem_desktop.core.models import Participant

    mentor = source.get(Participant, row["mentor_id"])
    mentee = source.get(Participant, row["mentee_id"])
    return _("the pair of {mentor} (mentor) and {mentee} (mentee)").format(
        mentor=mentor.name if mentor else "?", mentee=mentee.name if mentee else "?"
    )


def import_database(source: Database, target: Database, name: str) -> TransferReport:
    """Copy every programme of ``source`` (a coordinator's file) into ``target`` (``name`` names it), in one
    transaction of ``target``."""
    with source.reading() as src, target.session() as dst:
        one_snapshot(src)
        check_schema(dst, name)
        report = copy_programmes(src, dst, programme_ids(src))
    return report


def export_programme(source: Database, name: str, target: Path) -> TransferReport:
    """Write the programme ``name`` of ``source`` with all its rows into the new file ``target`` (never over an
    existing file), readable by the user alone, whole or not at all: it is made under a hidden name beside
    ``target`` and linked into place only when complete."""
    import os

    from westem_desktop import paths
    from westem_desktop.core.db import open_database
    from westem_desktop.core.lock import lock_path

    target = Path(target).expanduser().absolute()
    _refuse_existing(target)
    partial = target.with_name(f".{target.name}.part")
    partial.unlink(missing_ok=True)  # our own leftover of a run that was stopped
    try:
        with open_database(partial) as made, source.reading() as src, made.session() as dst:
            one_snapshot(src)
            ids = programme_ids(src, [name])
            if not ids:
                raise WestemError(_("There is no programme called “{name}”.").format(name=name))
            report = copy_programmes(src, dst, ids, merge=False)
        paths.make_private(partial)
        try:
            os.link(partial, target)  # fails, rather than replaces, when someone made the file meanwhile
        except FileExistsError:
            _refuse_existing(target)
            raise
        except OSError:  # a file system without hard links
            _refuse_existing(target)
            os.replace(partial, target)
    finally:
        partial.unlink(missing_ok=True)
        lock_path(partial).unlink(missing_ok=True)
    return report


def _refuse_existing(target: Path) -> None:
    if target.exists() or target.is_symlink():
        raise WestemError(
            _("{file} already exists; an export never replaces a file. Choose a new file name.").format(file=target)
        )
