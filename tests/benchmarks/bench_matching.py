"""Matching at scale: ``match suggest --json`` on the demo at 5,000, 10,000 and 20,000 participants (40%
mentors, half of the pairs active), each run in a fresh child process, against the former formulation
(a dense mentees × mentor-places matrix handed to ``lap.lapjv``, ``former_matching.py``) in the same run.
Both must give the same number of pairs and the same total score. Then 1,000 mentees and 400 mentors
(capacity 3) against the greedy baseline. Then places short (more mentees than mentor places): the
assignment alone on random score matrices and on a generated cohort, against the former way (one
shortest path per mentee, ``_assign_by_mentees``), same (matched, total, load) required; the former way
is skipped where it takes minutes (6,000 × 4,000: 252 s) unless ``--former``.

    .venv/bin/python tests/benchmarks/bench_matching.py [--participants 5000 10000 20000] [--runs 3] [--former]

Targets: 10k ≤ 1 s and ≤ 300 MB, 20k ≤ 2.5 s and ≤ 400 MB (the whole command: start, reading, matching,
printing), time from 5k to 20k at most 5-fold; never below greedy; places short: 6,000 × 4,000 at 50%
allowed ≤ 5 s, 6,000 × 1,000 at 90% ≤ 2 s.
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

import numpy as np

from westem_desktop.core import matching
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


SHORT = [  # (mentees, mentors, capacity, share of pairs allowed, target seconds, former way by default)
    (6000, 600, 1, 0.5, None, True),
    (6000, 1000, 1, 0.9, 2.0, True),
    (6000, 4000, 1, 0.5, 5.0, False),
]


def cohort_points(mentees: int, mentors: int) -> tuple[np.ndarray, np.ndarray]:
    """The (points, capacity) that ``suggest`` hands to the assignment for a generated cohort (capacity 1)."""
    rng = random.Random(5)
    mentor_list = [Candidate(**{**m.__dict__, "capacity": 1}) for m in people(rng, mentors, 100_000, True)]
    mentee_list = people(rng, mentees, 1, False, tuple(m.id for m in mentor_list))
    seen: dict[str, np.ndarray] = {}
    real = matching._assign

    def keep(points: np.ndarray, capacity: np.ndarray, tick=None) -> np.ndarray:
        seen["points"], seen["capacity"] = points, capacity
        return np.full(len(points), -1)

    matching._assign = keep
    try:
        suggest(mentee_list, mentor_list)
    finally:
        matching._assign = real
    return seen["points"], seen["capacity"]


def value(points: np.ndarray, capacity: np.ndarray, assignment: np.ndarray) -> tuple[int, int, int]:
    rows = np.flatnonzero(assignment >= 0)
    load = np.bincount(assignment[rows], minlength=len(capacity))
    assert (load <= capacity).all() and (points[rows, assignment[rows]] >= 0).all()
    return len(rows), int(points[rows, assignment[rows]].sum()), int((load * (load - 1) // 2).sum())


def places_short(former: bool) -> bool:
    print("\nplaces short: the assignment alone (matched, total score, load cost), against the former way")
    print(f"{'instance':>34} | {'new s':>6} | {'former s':>8} | {'ratio':>6} | result")
    rng = np.random.default_rng(1)
    ok = True
    cases = [
        (f"{r} x {c} random, cap {k}, {a:.0%}", rng_points(rng, r, c, a), np.full(c, k), t, f)
        for r, c, k, a, t, f in SHORT
    ]
    cases.append(("6000 x 4000 cohort, capacity 1", *cohort_points(6000, 4000), 5.0, False))
    for name, points, capacity, target, by_default in cases:
        start = time.perf_counter()
        new = value(points, capacity, matching._assign(points, capacity))
        new_s = time.perf_counter() - start
        old_s, verdict = float("nan"), "former way skipped"
        if former or by_default:
            start = time.perf_counter()
            old = value(points, capacity, matching._assign_by_mentees(np.ascontiguousarray(points), capacity))
            old_s = time.perf_counter() - start
            verdict = "same as former" if old == new else f"DIFFERENT from former {old}"
            ok &= old == new
        met = target is None or new_s <= target
        ok &= met
        aim = "" if target is None else f"; target ≤ {target} s: {'OK' if met else 'MISSED'}"
        print(f"{name:>34} | {new_s:>6.2f} | {old_s:>8.2f} | {old_s / new_s:>6.1f} | {new}, {verdict}{aim}")
    return ok


def rng_points(rng: np.random.Generator, rows: int, columns: int, allowed: float) -> np.ndarray:
    points = rng.integers(0, 120, size=(rows, columns)).astype(np.int16)
    points[rng.random((rows, columns)) > allowed] = -1
    return points


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--participants", type=int, nargs="+", default=[5000, 10_000, 20_000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--former", action="store_true", help="also run the former way where it takes minutes")
    args = parser.parse_args()
    ok = scaling(args.participants, args.runs)
    ok &= against_greedy()
    ok &= places_short(args.former)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
