"""Matching at scale: ``match suggest --json`` on the demo at 5,000, 10,000 and 20,000 participants (40%
mentors, half of the pairs active), each run in a fresh child process, against the former formulation
(a dense mentees × mentor-places matrix handed to ``lap.lapjv``, ``former_matching.py``) in the same run.
Both must give the same number of pairs and the same total score. Then 1,000 mentees and 400 mentors
(capacity 3) against the greedy baseline.

    .venv/bin/python tests/benchmarks/bench_matching.py [--participants 5000 10000 20000] [--runs 3]

Targets: 10k ≤ 1 s and ≤ 300 MB, 20k ≤ 2.5 s and ≤ 400 MB (the whole command: start, reading, matching,
printing), time from 5k to 20k at most 5-fold; never below greedy.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from westem_desktop.core.matching import CRITERIA, DEFAULT_LEVELS, Candidate, greedy, suggest

TARGETS = {10_000: (1.0, 300), 20_000: (2.5, 400)}  # participants: (seconds, MB)
GROWTH = 5.0
LANGS = ("sv", "nb", "nl", "en", "pl", "tr", "de", "fr", "vi", "el")
FIELDS = ("ict", "mathematics", "engineering", "technology", "natural_science")
INTERESTS = ("robotics", "music", "sports", "research", "design", "teaching", "gaming", "climate", "art", "health")
HERE = Path(__file__).resolve().parent
CHILD = """
import sys
sys.path.insert(0, {here!r})
if {former!r}:
    import former_matching
    former_matching.install()
from westem_desktop.cli import main
sys.exit(main(["match", "suggest", "--json", "--db", {db!r}]))
"""


def run_child(db: Path, former: bool) -> tuple[float, float, dict]:
    """(wall seconds, peak MB of the child, its JSON answer) of one ``match suggest --json``."""
    code = CHILD.format(here=str(HERE), former=former, db=str(db))
    with tempfile.TemporaryFile() as out:
        start = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-c", code], stdout=out)
        _pid, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
        if child.returncode:
            raise SystemExit(f"match suggest failed on {db} (exit {child.returncode})")
        out.seek(0)
        answer = json.loads(out.read())
    return seconds, usage.ru_maxrss / 1024, answer


def demo(folder: Path, participants: int) -> Path:
    db = folder / f"demo-{participants}.sqlite"
    if not db.exists():
        from westem_desktop.cli import main

        if main(["demo", "--db", str(db), "--participants", str(participants)]) != 0:
            raise SystemExit("the demo could not be made")
    return db


def scaling(sizes: list[int], runs: int) -> bool:
    print("match suggest --json on the demo: median of", runs, "runs, each in a fresh process")
    heads = f"{'new s':>6} {'new MB':>7} | {'former s':>8} {'former MB':>9} | {'time ratio':>10}"
    print(f"{'participants':>12} | {heads} | pairs")
    ok = True
    times: dict[int, float] = {}
    with tempfile.TemporaryDirectory() as folder:
        for size in sizes:
            db = demo(Path(folder), size)
            new, former = [], []
            for _ in range(runs):  # in turn, so a drift of the machine touches both alike
                new.append(run_child(db, former=False))
                former.append(run_child(db, former=True))
            ns, nm = statistics.median(r[0] for r in new), max(r[1] for r in new)
            fs, fm = statistics.median(r[0] for r in former), max(r[1] for r in former)
            a, b = new[0][2], former[0][2]
            same = len(a["pairs"]) == len(b["pairs"]) and sum(p["score"] for p in a["pairs"]) == sum(
                p["score"] for p in b["pairs"]
            )
            total = sum(p["score"] for p in a["pairs"])
            print(
                f"{size:>12} | {ns:>6.2f} {nm:>7.0f} | {fs:>8.2f} {fm:>9.0f} | {ns / fs:>10.2f} | "
                f"{len(a['pairs'])}, {total} points, {'same as former' if same else 'DIFFERENT from former'}"
            )
            times[size] = ns
            ok &= same
            if size in TARGETS:
                limit_s, limit_mb = TARGETS[size]
                met = ns <= limit_s and nm <= limit_mb
                print(f"{'':>12}   target ≤ {limit_s} s and ≤ {limit_mb} MB: {'OK' if met else 'MISSED'}")
                ok &= met
    if 5000 in times and 20_000 in times:
        growth = times[20_000] / times[5000]
        verdict = "OK" if growth <= GROWTH else "MISSED"
        print(f"time from 5k to 20k: {growth:.1f}-fold (target ≤ {GROWTH:.0f}): {verdict}")
        ok &= growth <= GROWTH
    return ok


def people(rng: random.Random, count: int, first_id: int, mentor: bool, mentor_ids=()) -> list[Candidate]:
    return [
        Candidate(
            id=first_id + i,
            languages=frozenset(rng.sample(LANGS, rng.randint(1, 3))),
            fields=frozenset(rng.sample(FIELDS, rng.randint(1, 2))),
            interests=frozenset(rng.sample(INTERESTS, rng.randint(1, 4))),
            country=rng.choice(("SE", "NO", "NL", "PL", "TR")),
            mode=rng.choice((None, "online", "face_to_face", "hybrid")),
            year=rng.randint(3, 5) if mentor else rng.randint(1, 2),
            institution=rng.choice(("UU", "NTNU", "HvA")),
            study_programme=rng.choice(("CS", "Maths", "Physics", "EE")),
            capacity=3 if mentor else 1,
            requests=tuple(rng.sample(mentor_ids, rng.randint(0, 3))) if mentor_ids else (),
        )
        for i in range(count)
    ]


def against_greedy() -> bool:
    rng = random.Random(7)
    mentors = people(rng, 400, 100_000, True)
    mentees = people(rng, 1000, 1, False, tuple(m.id for m in mentors))
    print(
        f"\n{len(mentees)} mentees, {len(mentors)} mentors with capacity 3; criteria: "
        + ", ".join(f"{c}={DEFAULT_LEVELS[c]}" for c in CRITERIA)
    )
    start = time.perf_counter()
    base = greedy(mentees, mentors)
    greedy_time = time.perf_counter() - start
    start = time.perf_counter()
    best = suggest(mentees, mentors)
    optimal_time = time.perf_counter() - start
    ours, theirs = (len(best.pairs), best.total), (len(base.pairs), base.total)
    print(f"greedy:  {greedy_time:.2f} s, {theirs[0]} matched, total score {theirs[1]}")
    gain = (ours[1] - theirs[1]) / max(theirs[1], 1)
    print(f"optimal: {optimal_time:.2f} s, {ours[0]} matched, total score {ours[1]} ({gain:+.1%} against greedy)")
    load: dict[int, int] = {}
    for pair in best.pairs:
        load[pair.mentor] = load.get(pair.mentor, 0) + 1
    spread = {n: sum(1 for v in load.values() if v == n) for n in (1, 2, 3)}
    print(f"mentors with 1/2/3 mentees: {spread[1]}/{spread[2]}/{spread[3]}, without any: {len(mentors) - len(load)}")
    ok = ours >= theirs
    print(f"never below greedy: {'OK' if ok else 'MISSED'}")
    return ok


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, nargs="+", default=[5000, 10_000, 20_000])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    ok = scaling(args.participants, args.runs)
    ok &= against_greedy()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
