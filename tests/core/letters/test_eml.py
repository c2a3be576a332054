"""Drafts as .eml files and mailto links, read back as a mail program reads them: the exact names in the
headers, the body, the attachments, X-Unsent; files private, never over another, none half written."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from tests.core.letters.world import HOA, LONG, LUCJA, QUOTED, parse, text_of
from westem_desktop.core.letters import eml
from westem_desktop.core.letters.drafts import Attachment, Draft, Recipient
from westem_desktop.core.letters.eml import mailto_link, message_bytes, to_message, write_drafts
from westem_desktop.core.letters.templates import Kind

PDF = b"%PDF-1.4\n% a test\n%%EOF\n"
BODY = "Dear Hoa,\n\nWelcome to the programme.\nA line with Łucja and Nguyễn Thị Hoa.\n\nKind regards,\nKarin\n"


def draft(*names: str, stem: str = "introduction-1", subject: str = "Letters 2026: meet your partner", **kw) -> Draft:
    values = {
        "kind": Kind.INTRODUCTION,
        "language": "en",
        "sender": Recipient("Karin Berg", "karin.berg@uu.se"),
        "to": tuple(Recipient(name, f"person{i}@uu.se") for i, name in enumerate(names)),
        "subject": subject,
        "body": BODY,
        "attachments": (Attachment("mentorsavtal-Łucja.pdf", PDF),),
        "match_id": 1,
        "participant_id": None,
        "file_stem": stem,
    }
    return Draft(**(values | kw))


@pytest.mark.parametrize(
    "name", [HOA, LUCJA, LONG, QUOTED, "Ὀδυσσεύς 山田 太郎 علي 😀", "=?utf-8?b?QmNj?=", 'back\\slash "quoted"']
)
def test_the_names_in_the_headers_decode_to_the_exact_names(name: str) -> None:
    message = parse(message_bytes(draft(name, "Saga Lind")))
    to = message["To"].addresses
    assert [(a.display_name, a.addr_spec) for a in to] == [(name, "person0@uu.se"), ("Saga Lind", "person1@uu.se")]
    sender = message["From"].addresses
    assert [(a.display_name, a.addr_spec) for a in sender] == [("Karin Berg", "karin.berg@uu.se")]
    assert message["X-Unsent"] == "1"
    assert message.defects == [] and all(not part.defects for part in message.walk())


@pytest.mark.parametrize("name", ["x" * 10_000, "Ł" * 10_000, "😀" * 10_000, ("Nguyễn Thị " * 1000).strip()])
def test_a_name_of_10000_characters_is_cut_in_the_headers_only(name: str) -> None:
    data = message_bytes(draft(name, subject=f"Hello {name}", body=f"Dear {name}"))
    message = parse(data)
    shown = message["To"].addresses[0].display_name
    assert name.startswith(shown) and 150 <= len(shown) <= eml.NAME_IN_HEADER
    assert text_of(message) == f"Dear {name}\n"  # the letter has the whole name
    assert max(len(line) for line in data.split(b"\r\n")) <= 998


def test_the_raw_file_is_ascii_with_crlf_lines_no_longer_than_the_standard_allows() -> None:
    data = message_bytes(draft(HOA, LONG, subject=f"Letters 2026: {HOA} and {LONG}"))
    data.decode("ascii")  # headers encoded (RFC 2047), the body quoted-printable, the PDF base64
    lines = data.split(b"\r\n")
    assert b"\n" not in b"".join(lines) and max(len(line) for line in lines) <= 998


def test_the_subject_body_and_attachment_come_back_as_written() -> None:
    message = parse(message_bytes(draft(HOA, subject=f"Letters 2026: välkomna {HOA} och {LUCJA}")))
    assert message["Subject"] == f"Letters 2026: välkomna {HOA} och {LUCJA}"
    assert text_of(message) == BODY
    attachments = list(message.iter_attachments())
    assert [(a.get_content_type(), a.get_filename(), a.get_content()) for a in attachments] == [
        ("application/pdf", "mentorsavtal-Łucja.pdf", PDF)
    ]


def test_date_and_message_id_without_a_network_lookup(monkeypatch: pytest.MonkeyPatch) -> None:
    import socket

    def no_lookup(*_args):
        raise AssertionError("the machine's name was looked up")

    monkeypatch.setattr(socket, "getfqdn", no_lookup)
    monkeypatch.setattr(socket, "gethostname", no_lookup)
    message = parse(message_bytes(draft(HOA)))
    assert message["Date"].datetime is not None
    assert message["Message-ID"].endswith("@westem-desktop.localhost>")


def test_no_sender_means_no_from_header() -> None:
    message = parse(message_bytes(draft(HOA, sender=None)))
    assert "From" not in message and message["To"].addresses[0].display_name == HOA


@pytest.mark.parametrize(
    "hostile",
    [
        "x\r\nBcc: evil@example.com",
        "x\nBcc: evil@example.com",
        "x\rBcc: evil@example.com",
        "x\u2028Bcc: evil@example.com",
        "x\x85Bcc: evil@example.com",
        "x\r\n\r\nInjected body",
    ],
)
def test_a_line_break_in_a_name_or_subject_creates_no_header(hostile: str) -> None:
    d = draft(hostile, subject=f"Hello {hostile}", sender=Recipient(hostile, "karin.berg@uu.se"))
    message = parse(message_bytes(d))
    assert sorted(message.keys()) == sorted(
        ["From", "To", "Subject", "Date", "Message-ID", "X-Unsent", "MIME-Version", "Content-Type"]
    )
    assert "Bcc" not in message and "evil@example.com" not in [a.addr_spec for a in message["To"].addresses]
    shown = " ".join(hostile.replace("\u2028", " ").replace("\x85", " ").split())
    assert message["To"].addresses[0].display_name == shown
    assert message["Subject"] == f"Hello {shown}"


def test_an_address_with_a_line_break_is_refused_not_written() -> None:
    with pytest.raises(ValueError):
        to_message(draft(HOA, to=(Recipient(HOA, "hoa@uu.se\r\nBcc: evil@example.com"),)))


def test_mailto_link_carries_addresses_subject_and_body_but_no_attachment() -> None:
    d = draft(HOA, "Saga Lind", subject="Letters 2026: välkomna & 100% ?")
    link = mailto_link(d)
    parts = urlsplit(link)
    assert parts.scheme == "mailto"
    assert unquote(parts.path).split(",") == ["person0@uu.se", "person1@uu.se"]
    query = parse_qs(parts.query, keep_blank_values=True)
    assert query["subject"] == ["Letters 2026: välkomna & 100% ?"]
    assert query["body"] == [BODY.replace("\n", "\r\n")]
    assert set(query) == {"subject", "body"} and "PDF" not in link and " " not in link


def test_drafts_are_written_private_in_a_private_folder(tmp_path: Path) -> None:
    folder = tmp_path / "new" / "drafts"
    paths = write_drafts([draft(HOA, stem="a"), draft(LUCJA, stem="b")], folder)
    assert [p.name for p in paths] == ["a.eml", "b.eml"]
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    for path in paths:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        assert parse(path.read_bytes())["X-Unsent"] == "1"
    assert sorted(p.name for p in folder.iterdir()) == ["a.eml", "b.eml"]  # no temporary file left


def test_an_existing_file_is_never_replaced(tmp_path: Path) -> None:
    (tmp_path / "a.eml").write_text("mine")
    (tmp_path / "a (2).eml").mkdir()
    paths = write_drafts([draft(HOA, stem="a"), draft(LUCJA, stem="a")], tmp_path)
    assert [p.name for p in paths] == ["a (3).eml", "a (4).eml"]
    assert (tmp_path / "a.eml").read_text() == "mine"
    assert [parse(p.read_bytes())["To"].addresses[0].display_name for p in paths] == [HOA, LUCJA]
    again = write_drafts([draft(HOA, stem="a")], tmp_path)
    assert [p.name for p in again] == ["a (5).eml"]


def test_a_named_pipe_in_the_way_is_left_alone(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "a.eml")
    paths = write_drafts([draft(HOA, stem="a")], tmp_path)  # would hang if the pipe were opened
    assert [p.name for p in paths] == ["a (2).eml"]
    assert stat.S_ISFIFO((tmp_path / "a.eml").lstat().st_mode)


def test_a_dangling_link_in_the_way_is_not_followed(tmp_path: Path) -> None:
    (tmp_path / "a.eml").symlink_to(tmp_path / "elsewhere.txt")
    paths = write_drafts([draft(HOA, stem="a")], tmp_path)
    assert [p.name for p in paths] == ["a (2).eml"] and not (tmp_path / "elsewhere.txt").exists()


def test_a_folder_that_is_a_file_is_refused_and_left_as_it_was(tmp_path: Path) -> None:
    target = tmp_path / "drafts"
    target.write_text("not a folder")
    with pytest.raises(NotADirectoryError):
        write_drafts([draft(HOA)], target)
    assert target.read_text() == "not a folder" and sorted(tmp_path.iterdir()) == [target]


@pytest.mark.parametrize("failing_call", [1, 2, 3])
def test_a_full_disk_leaves_no_file_behind(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing_call: int) -> None:
    (tmp_path / "kept.eml").write_text("mine")
    fsync, calls = os.fsync, []

    def full(descriptor: int) -> None:
        calls.append(descriptor)
        if len(calls) == failing_call:
            raise OSError(errno.ENOSPC, "No space left on device")
        fsync(descriptor)

    monkeypatch.setattr(eml.os, "fsync", full)
    with pytest.raises(OSError) as failed:
        write_drafts([draft(HOA, stem="a"), draft(LUCJA, stem="b"), draft(LONG, stem="c")], tmp_path / "new")
    assert failed.value.errno == errno.ENOSPC
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kept.eml"]  # the folder it made is gone too
    write_drafts([draft(HOA, stem="a")], tmp_path)  # an existing folder stays, with its files
    with pytest.raises(OSError):
        monkeypatch.setattr(eml.os, "fsync", lambda _d: (_ for _ in ()).throw(OSError(errno.EIO, "I/O error")))
        write_drafts([draft(LUCJA, stem="b")], tmp_path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.eml", "kept.eml"]


def test_a_failure_while_naming_removes_the_files_already_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    link, calls = os.link, []

    def failing(source, target) -> None:
        calls.append(target)
        if len(calls) == 2:
            raise OSError(errno.EIO, "I/O error")
        link(source, target)

    monkeypatch.setattr(eml.os, "link", failing)
    with pytest.raises(OSError):
        write_drafts([draft(HOA, stem="a"), draft(LUCJA, stem="b")], tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_a_file_system_without_hard_links_still_gets_its_drafts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_links(_source, _target) -> None:
        raise OSError(errno.EPERM, "Operation not permitted")

    monkeypatch.setattr(eml.os, "link", no_links)
    (tmp_path / "a.eml").write_text("mine")
    paths = write_drafts([draft(HOA, stem="a")], tmp_path)
    assert [p.name for p in paths] == ["a (2).eml"] and (tmp_path / "a.eml").read_text() == "mine"
    assert stat.S_IMODE(paths[0].stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a (2).eml", "a.eml"]
