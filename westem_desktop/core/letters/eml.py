"""Drafts as ``.eml`` files (RFC 5322) for the coordinator's own mail program, and as ``mailto:`` links.

A file is a message marked ``X-Unsent: 1`` (Outlook opens it as a draft to send; Thunderbird and Apple
Mail open it as a message to edit or resend). Headers are encoded for any name (RFC 2047), the body is
UTF-8, the attachments are PDFs. Nothing here looks anything up on the network: the Message-ID is made
on a local domain, not the machine's name.

Names come from the database: every control character in them (a line break that would start a new
header, an escape) is a space before it goes into a header. A name in From and To is one encoded word
(or one quoted string), one address a line: split into several encoded words, Python's own reader
would join them with a space that is not in the name (RFC 2047 drops it), so a long name would not read
back exactly. A name longer than ``NAME_IN_HEADER`` characters is cut there in the headers (never in
the letter itself).
"""

from __future__ import annotations

import base64
import contextlib
import datetime as dt
import errno
import os
import re
import tempfile
from collections.abc import Sequence
from email import policy
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid, quote
from pathlib import Path
from urllib import parse

from westem_desktop.core.letters.drafts import Draft, Recipient
from westem_desktop.core.letters.text import one_line

MESSAGE_ID_DOMAIN = "westem-desktop.localhost"
NAME_IN_HEADER = 200
ENCODED_WORD_MOST = 900  # characters: with the address, a line stays under RFC 5322's 998
POLICY = policy.SMTP.clone(refold_source="none")  # the address lines are written as made here
SUFFIX = ".eml"
_BODY_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")


def _body(text: str) -> str:
    """The body with its lines ended by ``\\n`` alone and no control character but tabs."""
    return _BODY_CONTROLS.sub(" ", text.replace("\r\n", "\n").replace("\r", "\n"))


def _display_name(name: str) -> str:
    """``name`` for a header: a quoted string when plain ASCII, else one base64 encoded word."""
    name = one_line(name)[:NAME_IN_HEADER]
    if name.isascii() and "=?" not in name:
        return f'"{quote(name)}"'
    while True:
        word = f"=?utf-8?b?{base64.b64encode(name.encode()).decode('ascii')}?="
        if len(word) <= ENCODED_WORD_MOST:
            return word
        name = name[:-1]


def _addresses(people: Sequence[Recipient]) -> str:
    """The value of a From or To header: each person's name and address, one a line. An address that
    is not one (a line break in it, two in one) raises ValueError."""
    lines = []
    for person in people:
        address = Address(addr_spec=one_line(person.email)).addr_spec
        name = _display_name(person.name)
        lines.append(f"{name} <{address}>" if name.strip('"') else address)
    return ",\r\n ".join(lines)


def to_message(draft: Draft, now: dt.datetime | None = None) -> EmailMessage:
    """The draft as an e-mail message: From the coordinator (none when the programme has no address),
    To its people, the body as UTF-8 text, the attachments as PDFs (made by ``documents.letters``),
    ``X-Unsent: 1``."""
    message = EmailMessage(policy=POLICY)
    if draft.sender is not None:
        message.set_raw("From", _addresses([draft.sender]))
    message.set_raw("To", _addresses(draft.to))
    message["Subject"] = one_line(draft.subject)
    message["Date"] = format_datetime((now or dt.datetime.now()).astimezone())
    message["Message-ID"] = make_msgid(domain=MESSAGE_ID_DOMAIN)
    message["X-Unsent"] = "1"
    message.set_content(_body(draft.body), subtype="plain", charset="utf-8", cte="quoted-printable")
    for attachment in draft.attachments:
        if attachment.document is not None and not attachment.data:
            raise ValueError(f"{attachment.filename} is not made yet (documents.letters.rendered makes it)")
        main, _slash, sub = attachment.mime.partition("/")
        message.add_attachment(attachment.data, maintype=main, subtype=sub, filename=one_line(attachment.filename))
    return message


def message_bytes(draft: Draft) -> bytes:
    """The ``.eml`` file's bytes (lines ended by CRLF, as RFC 5322 has them)."""
    return to_message(draft).as_bytes(policy=POLICY)


def _write_part(folder: Path, data: bytes) -> Path:
    """``data`` in a hidden temporary file in ``folder``, readable by the user alone, on the disk."""
    descriptor, name = tempfile.mkstemp(dir=folder, prefix=".draft-", suffix=".part")
    part = Path(name)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        part.unlink(missing_ok=True)
        raise
    return part


def _place(part: Path, folder: Path, stem: str, taken: set[str]) -> Path:
    """``part`` under ``stem``.eml in ``folder``, or "stem (2).eml", … when that name is taken by
    anything (a file, a folder, a link, a named pipe): nothing there is ever replaced. A hard link
    makes the name or fails when it exists, with no moment in between; a file system without hard
    links gets a rename after the name was seen free."""
    number = 1
    while True:
        target = folder / (f"{stem}{SUFFIX}" if number == 1 else f"{stem} ({number}){SUFFIX}")
        number += 1
        if target.name.casefold() in taken or os.path.lexists(target):
            continue
        try:
            os.link(part, target)
        except FileExistsError:
            continue
        except OSError as exc:
            if exc.errno not in (errno.EPERM, errno.EOPNOTSUPP, errno.ENOTSUP, errno.EXDEV, errno.EMLINK):
                raise
            os.rename(part, target)
            return target
        part.unlink()
        return target


def write_drafts(drafts: Sequence[Draft], folder: Path) -> list[Path]:
    """One ``.eml`` file per draft in ``folder`` (made, private, when missing), each readable by the
    user alone (mode 0600), never over an existing file: a name in use gets a number. All or nothing:
    every message is made and written to a temporary file before any is given its name, and when one
    cannot be written (a full disk, a folder that may not be written) none is left behind."""
    messages = [(draft.file_stem or "letter", message_bytes(draft)) for draft in drafts]
    made = not os.path.lexists(folder)
    if made:
        folder.mkdir(parents=True, mode=0o700)
    elif not folder.is_dir():
        raise NotADirectoryError(errno.ENOTDIR, os.strerror(errno.ENOTDIR), str(folder))
    parts: list[tuple[Path, str]] = []
    written: list[Path] = []
    try:
        for stem, data in messages:
            parts.append((_write_part(folder, data), stem))
        taken: set[str] = set()
        for part, stem in parts:
            target = _place(part, folder, stem, taken)
            taken.add(target.name.casefold())
            written.append(target)
    except BaseException as exc:
        for part, _stem in parts:
            with contextlib.suppress(OSError):
                part.unlink(missing_ok=True)
        for target in written:
            with contextlib.suppress(OSError):
                target.unlink()
        if made:
            with contextlib.suppress(OSError):
                folder.rmdir()
        if isinstance(exc, OSError) and exc.filename is None:
            exc.filename = str(folder)
        raise
    return written


def mailto_link(draft: Draft) -> str:
    """A ``mailto:`` link (RFC 6068) with the draft's addresses, subject and body, for a mail program to
    open one message; attachments cannot go in a link."""
    to = ",".join(parse.quote(one_line(person.email), safe="@") for person in draft.to)
    body = parse.quote(_body(draft.body).replace("\n", "\r\n"), safe="")
    return f"mailto:{to}?subject={parse.quote(one_line(draft.subject), safe='')}&body={body}"
