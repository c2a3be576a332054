"""``server grant`` / ``server revoke`` / ``server grants``: what they print, their exit codes, their effect."""

from __future__ import annotations

import pytest

from tests.server.conftest import Secured
from westem_desktop.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out.strip(), err.strip()


def visible_participants(secured: Secured, role: str) -> int:
    with secured.connect(role) as conn:
        return conn.execute("SELECT count(*) FROM participant").fetchone()[0]


def test_grant_and_revoke_a_programme(secured: Secured, capsys: pytest.CaptureFixture[str]) -> None:
    url, bob = secured.url(), secured.bob
    assert visible_participants(secured, bob) == 2
    assert run(capsys, "server", "grant", "--db", url, "--programme", "Physics", "--role", bob, "--read-only") == (
        0,
        f"{bob} may now read “Physics”, and not change it.",
        "",
    )
    assert visible_participants(secured, bob) == 4
    assert run(capsys, "server", "grant", "--db", url, "--programme", "Physics", "--role", bob) == (
        0,
        f"{bob} may now read and change “Physics”.",
        "",
    )
    code, out, _ = run(capsys, "server", "grants", "--db", url)
    assert code == 0
    assert out.splitlines() == sorted([f"Chemistry: {bob}", f"Physics: {secured.alice}", f"Physics: {bob}"])
    assert run(capsys, "server", "revoke", "--db", url, "--programme", "Physics", "--role", bob) == (
        0,
        f"{bob} no longer has access to “Physics”.",
        "",
    )
    assert visible_participants(secured, bob) == 2


def test_grant_and_revoke_the_faculty(secured: Secured, capsys: pytest.CaptureFixture[str]) -> None:
    url, bob = secured.url(), secured.bob
    assert run(capsys, "server", "grant", "--db", url, "--faculty", "--role", bob) == (
        0,
        f"{bob} now reads every programme as faculty, and changes none.",
        "",
    )
    assert visible_participants(secured, bob) == 4
    assert run(capsys, "server", "revoke", "--db", url, "--faculty", "--role", bob) == (
        0,
        f"{bob} no longer reads every programme.",
        "",
    )
    assert visible_participants(secured, bob) == 2


@pytest.mark.parametrize(
    ("argv", "reason"),
    [
        (("--programme", "Biology", "--role", "{alice}"), "There is no programme called “Biology”."),
        (("--programme", "Physics", "--role", "nobody_here"), "There is no role nobody_here on the server"),
        (("--faculty", "--read-only", "--role", "{alice}"), "--read-only is for a grant of one programme"),
    ],
)
def test_refusals_say_why_and_change_nothing(
    secured: Secured, capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], reason: str
) -> None:
    argv = tuple(a.format(alice=secured.alice) for a in argv)
    code, out, err = run(capsys, "server", "grant", "--db", secured.url(), *argv)
    assert (code, out) == (1, "")
    assert err.startswith(reason)
    assert visible_participants(secured, secured.alice) == 2


def test_a_coordinator_may_not_grant(secured: Secured, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        capsys,
        "server",
        "grant",
        "--db",
        secured.url(secured.alice),
        "--programme",
        "Chemistry",
        "--role",
        secured.alice,
    )
    assert (code, out) == (1, "")
    assert err == f"Only the owner of the database grants and revokes access; {secured.alice} may not."
    assert visible_participants(secured, secured.alice) == 2
