"""A whole season from the command line, offline: the no_network fixture (tests/conftest.py) fails the
test if anything opens a socket."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

from tests.platforms import FILE_MODES, not_on_windows
from westem_desktop.cli import main


def test_the_guard_catches_a_socket() -> None:
    with pytest.raises(AssertionError, match="a socket was created"):
        socket.socket()
    # (the guard's record is emptied so that this deliberate socket does not fail the test)


@pytest.mark.skipif(not Path("/proc/self/fd").is_dir(), reason="the kernel's list of open files is Linux's")
def test_the_guard_sees_a_socket_made_below_python() -> None:
    import _socket

    from tests.conftest import open_sockets

    before = open_sockets()
    raw = _socket.socket()  # as C++ code would: not through the guarded socket module
    try:
        assert len(open_sockets() - before) == 1
    finally:
        raw.close()
    assert open_sockets() == before


@pytest.fixture(autouse=True)
def _forgive_the_deliberate_socket(no_network, request):
    yield
    if request.node.name == "test_the_guard_catches_a_socket":
        no_network.clear()


def test_a_full_demo_workflow_opens_no_connection(tmp_path: Path, no_network) -> None:
    db = tmp_path / "season.sqlite"
    assert main(["demo", "--db", str(db), "--participants", "120"]) == 0
    people = tmp_path / "people.csv"
    people.write_text("Namn;E-post;Roll;Språk\nAstrid;astrid@uu.se;mentor;sv\nSaga;saga@uu.se;adept;sv\n", "utf-8")
    assert main(["import", "participants", str(people), "--db", str(db)]) == 0
    assert main(["match", "suggest", "--db", str(db), "--apply"]) == 0
    assert main(["export", "participants", "--db", str(db), "-o", str(tmp_path / "p.xlsx")]) == 0
    assert main(["print", "agreement", "--db", str(db), "--match", "1", "-o", str(tmp_path / "a.pdf")]) == 0
    assert main(["print", "certificates", "--db", str(db), "--all-closed", "-o", str(tmp_path / "c.pdf")]) == 0
    assert main(["report", "--db", str(db), "-o", str(tmp_path / "r.pdf")]) == 0
    assert main(["backup", "--db", str(db)]) == 0
    assert main(["check", "--db", str(db)]) == 0
    assert no_network == []


@not_on_windows(FILE_MODES)
def test_every_file_the_application_writes_is_the_users_alone(tmp_path: Path) -> None:
    """Lock, backups and exports are 0600 even under a lenient umask, and an export that overwrites a
    file readable by others makes it private. The database file keeps the mode its owner gave it: the
    application never changes the mode of an existing file (issue 16, item 6)."""
    previous = os.umask(0o022)
    try:
        db = tmp_path / "season.sqlite"
        assert main(["demo", "--db", str(db), "--participants", "40"]) == 0
        os.umask(0o022)  # the command line tightens it for its own process; loosen it again
        db.chmod(0o644)  # as its owner chose to share it: kept as it is
        outputs = [tmp_path / name for name in ("p.csv", "m.xlsx", "a.pdf", "r.xlsx", "copy.sqlite")]
        for output in outputs[:4]:
            output.write_bytes(b"")
            output.chmod(0o644)
        assert main(["export", "participants", "--db", str(db), "-o", str(outputs[0])]) == 0
        assert main(["export", "matches", "--db", str(db), "-o", str(outputs[1])]) == 0
        assert main(["print", "agreement", "--db", str(db), "--match", "1", "-o", str(outputs[2])]) == 0
        assert main(["report", "--db", str(db), "-o", str(outputs[3])]) == 0
        assert main(["backup", "--db", str(db), "-o", str(outputs[4])]) == 0
        assert main(["print", "certificates", "--db", str(db), "--all-closed", "-o", str(tmp_path / "certs")]) == 0
    finally:
        os.umask(previous)
    written = [p for p in tmp_path.rglob("*") if p.is_file()]
    assert db in written and all(o in written for o in outputs)
    assert len(list((tmp_path / "certs").glob("*.pdf"))) > 1
    assert {
        str(p.relative_to(tmp_path)): oct(p.stat().st_mode & 0o777)
        for p in written
        if p.stat().st_mode & 0o077 and p != db
    } == {}
    assert db.stat().st_mode & 0o777 == 0o644
