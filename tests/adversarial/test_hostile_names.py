"""Names no one expects: a control character, 10,000 characters, 300 characters in a script of two
bytes a letter. Exports and documents are produced all the same (the name cut in the document only),
certificate file names stay within the file system's limit, and a batch of certificates into a folder
is written whole or not at all."""

from __future__ import annotations

import errno
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from westem_desktop.cli import main


def cli(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "westem_desktop", *map(str, args)], capture_output=True, text=True, timeout=120
    )


def done(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    return result.stdout


@pytest.fixture
def database(tmp_path: Path) -> Path:
    path = tmp_path / "westem.sqlite"
    assert main(["demo", "--db", str(path), "--participants", "80"]) == 0
    return path


def closed_people(db: Path) -> list[int]:
    """The participants of closed pairs (the ones who get certificates)."""
    with sqlite3.connect(db) as conn:
        rows = conn.execute("SELECT mentee_id, mentor_id FROM match WHERE status = 'closed' ORDER BY id").fetchall()
    return [person for pair in rows for person in pair]


def rename(db: Path, names: dict[int, str]) -> None:
    with sqlite3.connect(db) as conn:
        conn.executemany("UPDATE participant SET name = ? WHERE id = ?", [(n, i) for i, n in names.items()])


def certificates(db: Path) -> int:
    """How many certificates are recorded as issued."""
    with sqlite3.connect(db) as conn:
        return conn.execute("SELECT count(*) FROM certificate").fetchone()[0]


def pdf_text(path: Path) -> str:
    return "".join(page.extract_text() for page in PdfReader(path).pages)


def test_a_control_character_in_a_name_is_shown_in_xlsx_and_kept_in_csv(database: Path, tmp_path: Path) -> None:
    person = closed_people(database)[0]
    rename(database, {person: "Bell\x07 Ring\x1b[2J"})
    done(cli("export", "participants", "--db", database, "-o", tmp_path / "people.xlsx"))
    names = [row[0].value for row in load_workbook(tmp_path / "people.xlsx").active.iter_rows(min_row=2)]
    assert "Bell\\x07 Ring\\x1b[2J" in names  # visible, never dropped without a trace
    done(cli("export", "participants", "--db", database, "-o", tmp_path / "people.csv"))
    assert "Bell\x07 Ring\x1b[2J" in (tmp_path / "people.csv").read_text(encoding="utf-8-sig")  # as it is


@pytest.mark.parametrize("long_name", ["L" * 10_000, "Łucja Wróblewska " * 588])
def test_a_ten_thousand_character_name_prints_cut_with_an_ellipsis(
    database: Path, tmp_path: Path, long_name: str
) -> None:
    mentee, mentor = closed_people(database)[:2]
    rename(database, {mentee: long_name, mentor: long_name[:9_000]})
    with sqlite3.connect(database) as conn:
        (pair,) = conn.execute("SELECT id FROM match WHERE mentee_id = ?", (mentee,)).fetchone()
    done(cli("print", "agreement", "--db", database, "--match", pair, "-o", tmp_path / "agreement.pdf"))
    text = pdf_text(tmp_path / "agreement.pdf")
    assert "".join(long_name[:60].split()) in "".join(text.split()) and "…" in text
    assert len(text) < 20_000  # the name is printed cut, not 10,000 characters a time
    done(cli("print", "certificates", "--db", database, "--match", pair, "-o", tmp_path / "certificates.pdf"))
    assert len(PdfReader(tmp_path / "certificates.pdf").pages) == 2
    done(cli("print", "certificates", "--db", database, "--match", pair, "-o", tmp_path / "folder"))
    assert len(list((tmp_path / "folder").glob("*.pdf"))) == 2
    with sqlite3.connect(database) as conn:  # the data keeps the name whole
        assert conn.execute("SELECT name FROM participant WHERE id = ?", (mentee,)).fetchone() == (long_name,)


def test_300_character_names_all_get_their_certificate_file(database: Path, tmp_path: Path) -> None:
    people = closed_people(database)
    assert len(people) >= 8
    rename(database, {person: ("Ł" if i % 2 else "Ω") * 300 for i, person in enumerate(people)})
    folder = tmp_path / "certificates"
    before = certificates(database)
    out = done(cli("print", "certificates", "--db", database, "--all-closed", "-o", folder))
    assert f"{len(people)} certificates were written" in out
    names = [p.name for p in folder.iterdir()]
    assert len(names) == len(people) and all(n.endswith(".pdf") for n in names)
    assert max(len(n.encode("utf-8")) for n in names) <= 200
    assert any("~2" in n for n in names)  # the same name twice gets a number
    # Everyone has one certificate: the ones the demo had issued already are recorded as reprints.
    assert before > 0 and f"{before} of them were printed before and are recorded as reprints." in out
    assert certificates(database) == len(people)


def test_a_batch_of_certificates_is_all_or_nothing(database: Path, tmp_path: Path, monkeypatch, capsys) -> None:
    """The disk fills up at the fifth file: the four before it are removed, nothing is recorded."""
    from westem_desktop.documents import certificate

    real, calls = certificate.write_certificates, []

    def filling_up(docs, language, target, progress=None) -> None:
        calls.append(docs[0].name)
        if len(calls) == 5:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(docs, language, target, progress)

    monkeypatch.setattr(certificate, "write_certificates", filling_up)
    folder = tmp_path / "certificates"
    folder.mkdir()
    (folder / "last-year.pdf").write_bytes(b"%PDF kept")
    before = certificates(database)
    capsys.readouterr()
    assert main(["print", "certificates", "--db", str(database), "--all-closed", "-o", str(folder)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"There is not enough room on the disk for {folder / 'certificate-'}")  # the file, not a part
    assert calls[-1].replace(" ", "-") in err
    assert err.endswith(".pdf; nothing was written. Free some space and try again.\n")
    assert [p.name for p in folder.iterdir()] == ["last-year.pdf"]
    assert certificates(database) == before
