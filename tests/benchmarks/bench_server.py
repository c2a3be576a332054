"""The same programme on a file and on a PostgreSQL server over loopback, side by side.

10,000 participants (``--participants``) are made by the real command (``westem-desktop demo``, cached as
in ``bench_scale.py``) and moved into a database of a throwaway server (started as the tests start theirs,
``tests/pgserver.py``) with ``westem-desktop server import``. Then, on the file and on the server reached
over TCP on 127.0.0.1 (``tcp_url``: password authentication, as a coordinator connects): every tab's first
and later visit and the search keystrokes, in one offscreen window per engine (``bench_scale.measure_window``),
and ``match suggest --json`` in a fresh child (``bench_scale.run_child``). When ``server grant`` is there
(the access rules), the server is reached as a coordinator's role granted the programme, so that row-level
security is in the figures; else as the superuser, which the policies do not apply to (the output says which).

    python tests/benchmarks/bench_server.py [--participants 10000] [--output FILE.md]

It needs ``open_database`` of a ``postgresql://`` URL and ``server init`` (issue 21's engine).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from bench_scale import cli, demo_database, measure_window, run_child

from tests.pgserver import SUPERUSER_PASSWORD, ThrowawayServer

DATABASE = "westem_bench"
COORDINATOR, COORDINATOR_PASSWORD = "bench_coordinator", "bench-coordinator-password"


def timed(argv: list[str], env: dict[str, str]) -> str:
    elapsed, peak, _out = run_child(argv, env)
    return f"{elapsed:.2f} s, {peak:.0f} MB"


def programme_name(db: Path) -> str:
    from westem_desktop.core.db import open_database
    from westem_desktop.core.server.transfer import programme_ids

    with open_database(db) as database, database.reading() as session:
        from westem_desktop.core.models import Programme

        (programme_id,) = programme_ids(session)
        return session.get_one(Programme, programme_id).name


def server_url(server: ThrowawayServer, db: Path, env: dict[str, str]) -> tuple[str, str, str]:
    """The loopback URL of a server database holding ``db``'s programme, how it was made, and who connects."""
    server.create_database(DATABASE)
    admin_url = server.tcp_url(DATABASE, password=SUPERUSER_PASSWORD)
    run_child(cli("server", "init", "--db", admin_url), env)
    moved = timed(cli("server", "import", "--from", str(db), "--db", admin_url), env)
    with server.admin(DATABASE) as conn:
        conn.execute(f"CREATE ROLE {COORDINATOR} LOGIN PASSWORD '{COORDINATOR_PASSWORD}'")
    try:
        run_child(
            cli("server", "grant", "--db", admin_url, "--programme", programme_name(db), "--role", COORDINATOR), env
        )
    except RuntimeError as exc:
        print(f"server grant failed, measuring as the superuser:\n{exc}", file=sys.stderr)
        return admin_url, moved, "the superuser (no row-level security applies)"
    return server.tcp_url(DATABASE, COORDINATOR, COORDINATOR_PASSWORD), moved, f"{COORDINATOR} (granted the programme)"


def measure(target: str, work: Path, env: dict[str, str]) -> dict[str, str]:
    work.mkdir()
    figures = measure_window(target, work, env, skip_suggest=True)
    figures["`match suggest --json`"] = timed(cli("match", "suggest", "--json", "--db", target), env)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--participants", type=int, default=10_000)
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "westem-scale-cache")
    parser.add_argument("--output", type=Path, help="write the Markdown table to this file too")
    args = parser.parse_args()
    args.cache.mkdir(parents=True, exist_ok=True)
    began = time.perf_counter()
    server = ThrowawayServer()
    server.start()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"))
            for kind in ("DATA", "CONFIG", "CACHE"):
                env[f"WESTEM_DESKTOP_{kind}_DIR"] = str(Path(tmp) / kind.lower())
            db, _made_in = demo_database(args.cache, args.participants, env)
            url, moved, who = server_url(server, db, env)
            print("server database ready", file=sys.stderr, flush=True)
            file_figures = measure(str(db), Path(tmp) / "file", env)
            print("file measured", file=sys.stderr, flush=True)
            server_figures = measure(url, Path(tmp) / "server", env)
            print("server measured", file=sys.stderr, flush=True)
    finally:
        server.stop()
    rows = list(dict.fromkeys([*file_figures, *server_figures]))
    lines = [
        f"{args.participants:,} participants; the server reached over loopback as {who}; "
        f"`server import` of the file: {moved}.",
        "",
        "| what | SQLite file | PostgreSQL, loopback |",
        "|---|---|---|",
    ]
    lines += [f"| {row} | {file_figures.get(row, '–')} | {server_figures.get(row, '–')} |" for row in rows]
    table = "\n".join(lines)
    print(table)
    print(f"\n(whole run {time.perf_counter() - began:.0f} s)")
    if args.output:
        args.output.write_text(table + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
