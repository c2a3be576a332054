"""Optimal matching of 1,000 mentees to 400 mentors with capacity 3, against the greedy baseline.

Target: the whole suggestion under 2 s, and (mentees matched, total score) never below greedy's.
"""

from __future__ import annotations

import random
import sys
import time

from westem_desktop.core.matching import CRITERIA, DEFAULT_LEVELS, Candidate, greedy, suggest

TARGET_S = 2.0
LANGS = ("sv", "nb", "nl", "en", "pl", "tr", "de", "fr", "vi", "el")
FIELDS = ("ict", "mathematics", "engineering", "technology", "natural_science")
INTERESTS = ("robotics", "music", "sports", "research", "design", "teaching", "gaming", "climate", "art", "health")


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


def main() -> int:
    rng = random.Random(7)
    mentors = people(rng, 400, 100_000, True)
    mentees = people(rng, 1000, 1, False, tuple(m.id for m in mentors))
    print(
        f"{len(mentees)} mentees, {len(mentors)} mentors with capacity 3; criteria: "
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
    print(
        f"optimal: {optimal_time:.2f} s, {ours[0]} matched, total score {ours[1]} "
        f"({gain:+.1%} against greedy; time ratio {optimal_time / greedy_time:.1f})"
    )
    load = {}
    for pair in best.pairs:
        load[pair.mentor] = load.get(pair.mentor, 0) + 1
    spread = {n: sum(1 for v in load.values() if v == n) for n in (1, 2, 3)}
    print(f"mentors with 1/2/3 mentees: {spread[1]}/{spread[2]}/{spread[3]}, without any: {len(mentors) - len(load)}")
    ok = optimal_time < TARGET_S and ours >= theirs
    print(f"target under {TARGET_S} s and never below greedy: {'OK' if ok else 'MISSED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
