"""A whole season from the command line, offline: the no_network fixture (tests/conftest.py) fails the
test if anything opens a socket."""

from __future__ import annotations

import socket
from pathlib import Path

import pytest

from westem_desktop.cli import main


def test_the_guard_catches_a_socket() -> None:
    with pytest.raises(AssertionError, match="a socket was created"):
        socket.socket()
    # (the guard's record is emptied so that this deliberate socket does not fail the test)


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
