"""Optimal, explained suggestions: equal to brute force, never worse than greedy, rules never broken."""

from __future__ import annotations

import itertools
import random

import numpy as np
import pytest

from westem_desktop.core.matching import (
    CRITERIA,
    DEFAULT_LEVELS,
    Candidate,
    Level,
    evaluate,
    greedy,
    score_matrices,
    suggest,
    unmatched_reasons,
    why_not,
)

LANGS = ("sv", "nb", "nl", "en", "pl", "tr")
FIELDS = ("ict", "mathematics", "engineering", "technology", "natural_science")
INTERESTS = ("robotics", "music", "sports", "research", "design", "teaching")
MODES = (None, "online", "face_to_face", "hybrid")


def person(rng: random.Random, pid: int, mentor: bool, mentor_ids: tuple[int, ...] = ()) -> Candidate:
    return Candidate(
        id=pid,
        languages=frozenset(rng.sample(LANGS, rng.randint(1, 2))),
        fields=frozenset(rng.sample(FIELDS, rng.randint(0, 2))),
        interests=frozenset(rng.sample(INTERESTS, rng.randint(0, 3))),
        country=rng.choice(("SE", "NO", "NL", "")),
        mode=rng.choice(MODES),
        year=rng.choice((None, 1, 2, 3, 4, 5)),
        institution=rng.choice(("UU", "NTNU", "")),
        study_programme=rng.choice(("CS", "Maths", "")),
        capacity=rng.randint(1, 3) if mentor else 1,
        requests=tuple(rng.sample(mentor_ids, min(len(mentor_ids), rng.randint(0, 3)))) if mentor_ids else (),
    )


def instance(seed: int, mentees: int, mentors: int):
    rng = random.Random(seed)
    mentor_list = [person(rng, 10_000 + j, True) for j in range(mentors)]
    ids = tuple(m.id for m in mentor_list)
    mentee_list = [person(rng, i, False, ids) for i in range(mentees)]
    levels = {c: rng.choice(list(Level)) for c in CRITERIA}
    return mentee_list, mentor_list, levels


def brute_force(mentees, mentors, levels) -> tuple[int, int]:
    """The best (matched, total) over every possible assignment (small instances only)."""
    options = []
    for mentee in mentees:
        choices = [None]
        for mentor in mentors:
            ok, score, _r, _f = evaluate(mentee, mentor, levels)
            if ok:
                choices.append((mentor.id, score))
        options.append(choices)
    best = (0, 0)
    capacity = {m.id: m.capacity for m in mentors}
    for combo in itertools.product(*options):
        used: dict[int, int] = {}
        total = matched = 0
        for choice in combo:
            if choice is not None:
                used[choice[0]] = used.get(choice[0], 0) + 1
                total += choice[1]
                matched += 1
        if all(n <= capacity[m] for m, n in used.items()):
            best = max(best, (matched, total))
    return best


def check_rules(result, mentees, mentors, levels) -> None:
    load: dict[int, int] = {}
    seen: set[int] = set()
    by_id = {m.id: m for m in (*mentees, *mentors)}
    for pair in result.pairs:
        assert pair.mentee not in seen
        seen.add(pair.mentee)
        load[pair.mentor] = load.get(pair.mentor, 0) + 1
        ok, score, reasons, failed = evaluate(by_id[pair.mentee], by_id[pair.mentor], {**DEFAULT_LEVELS, **levels})
        assert ok and not failed, "a must-have is broken"
        assert pair.score == score == sum(pair.reasons.values()) and pair.reasons == reasons
    assert all(load[m] <= by_id[m].capacity for m in load), "capacity is exceeded"
    assert seen | set(result.unmatched_mentees) == {m.id for m in mentees}


@pytest.mark.parametrize("seed", range(60))
def test_equal_to_brute_force_and_never_below_greedy(seed: int) -> None:
    rng = random.Random(seed)
    mentees, mentors, levels = instance(seed, rng.randint(1, 6), rng.randint(1, 3))
    result = suggest(mentees, mentors, levels)
    check_rules(result, mentees, mentors, levels)
    ours = (len(result.pairs), result.total)
    assert ours == brute_force(mentees, mentors, {**DEFAULT_LEVELS, **levels})
    baseline = greedy(mentees, mentors, levels)
    check_rules(baseline, mentees, mentors, levels)
    assert ours >= (len(baseline.pairs), baseline.total)


@pytest.mark.parametrize("seed", range(10))
def test_larger_instances_keep_the_rules_and_beat_greedy(seed: int) -> None:
    mentees, mentors, levels = instance(1000 + seed, 120, 50)
    result = suggest(mentees, mentors, levels)
    check_rules(result, mentees, mentors, levels)
    baseline = greedy(mentees, mentors, levels)
    assert (len(result.pairs), result.total) >= (len(baseline.pairs), baseline.total)


@pytest.mark.parametrize("seed", range(5))
def test_the_cohort_matrices_equal_pair_by_pair_evaluation(seed: int) -> None:
    mentees, mentors, levels = instance(seed, 30, 12)
    levels = {**DEFAULT_LEVELS, **levels}
    scores, allowed = score_matrices(mentees, mentors, levels)
    for i, mentee in enumerate(mentees):
        for j, mentor in enumerate(mentors):
            ok, score, _r, _f = evaluate(mentee, mentor, levels)
            assert (bool(allowed[i, j]), int(scores[i, j])) == (ok, score)


def test_shared_language_is_a_must_have_by_default() -> None:
    mentee = Candidate(1, languages=frozenset({"sv"}))
    mentor = Candidate(10, languages=frozenset({"nl"}), capacity=2)
    result = suggest([mentee], [mentor])
    assert result.pairs == [] and result.unmatched_mentees == [1]
    assert why_not(mentee, mentor, result) == "A must-have criterion is not met: Shared language."
    assert len(suggest([mentee], [mentor], {"language": Level.LOW}).pairs) == 1


def test_load_is_spread_rather_than_filling_the_first_mentor() -> None:
    mentors = [Candidate(10 + j, languages=frozenset({"sv"}), capacity=3) for j in range(3)]
    mentees = [Candidate(i, languages=frozenset({"sv"})) for i in range(3)]
    result = suggest(mentees, mentors)
    assert sorted(p.mentor for p in result.pairs) == [10, 11, 12]


def test_locked_pairs_stay_and_excluded_pairs_never_come_back() -> None:
    sv = frozenset({"sv"})
    mentors = [Candidate(10, languages=sv, fields=frozenset({"ict"})), Candidate(11, languages=sv)]
    mentees = [
        Candidate(1, languages=sv, fields=frozenset({"ict"})),
        Candidate(2, languages=sv, fields=frozenset({"ict"})),
    ]
    free = suggest(mentees, mentors)
    assert {(p.mentee, p.mentor) for p in free.pairs} in ({(1, 10), (2, 11)}, {(1, 11), (2, 10)})
    locked = suggest(mentees, mentors, locked=[(2, 10)])
    assert {(p.mentee, p.mentor, p.locked) for p in locked.pairs} == {(2, 10, True), (1, 11, False)}
    declined = suggest(mentees, mentors, excluded=[(1, 10), (2, 10)])
    assert all(p.mentor != 10 for p in declined.pairs) and len(declined.pairs) == 1


def test_reasons_show_the_points_per_criterion() -> None:
    mentee = Candidate(1, languages=frozenset({"sv", "en"}), fields=frozenset({"ict"}), year=1, requests=(10,))
    mentor = Candidate(10, languages=frozenset({"en"}), fields=frozenset({"ict"}), year=4)
    pair = suggest([mentee], [mentor]).pairs[0]
    assert pair.reasons["language"] == 30 and pair.reasons["field"] == 30 and pair.reasons["requests"] == 30
    assert pair.reasons["study_year"] == 20
    assert pair.score == sum(pair.reasons.values())


def test_why_not_names_the_better_pair() -> None:
    sv = frozenset({"sv"})
    mentor = Candidate(10, languages=sv, fields=frozenset({"ict"}), capacity=1)
    best = Candidate(1, languages=sv, fields=frozenset({"ict"}))
    other = Candidate(2, languages=sv)
    result = suggest([best, other], [mentor])
    assert [(p.mentee, p.mentor) for p in result.pairs] == [(1, 10)]
    assert "places went to other mentees" in why_not(other, mentor, result)
    assert why_not(best, mentor, result) == "They are paired."


def test_empty_cohorts() -> None:
    assert suggest([], []).pairs == []
    assert suggest([Candidate(1)], []).unmatched_mentees == [1]
    assert np.asarray(score_matrices([], [Candidate(1)], DEFAULT_LEVELS)[0]).shape == (0, 1)


def test_each_mentee_without_a_suggestion_gets_the_must_have_that_failed() -> None:
    levels = {**DEFAULT_LEVELS, "language": Level.MUST, "field": Level.MUST, "mode": Level.MUST}
    mentors = [
        Candidate(10, languages=frozenset({"sv"}), fields=frozenset({"ict"}), mode="online", capacity=1),
        Candidate(11, languages=frozenset({"sv", "nl"}), fields=frozenset({"mathematics"}), mode="online"),
    ]
    mentees = [
        Candidate(1, languages=frozenset({"sv"}), fields=frozenset({"ict"}), mode="online", requests=(10,)),
        Candidate(2, languages=frozenset({"pl"}), fields=frozenset({"ict"}), mode="online"),  # no language
        Candidate(3, languages=frozenset({"sv"}), fields=frozenset({"ict"}), mode="online"),  # 10 is taken
        Candidate(4, languages=frozenset({"nl"}), fields=frozenset({"ict"}), mode="online"),
        Candidate(5, languages=frozenset({"sv"}), fields=frozenset({"mathematics"}), mode="online"),  # declined
    ]
    result = suggest(mentees, mentors, levels, excluded=[(5, 11)])
    assert {(p.mentee, p.mentor) for p in result.pairs} == {(1, 10)}
    reasons = unmatched_reasons(mentees, mentors, result, levels, excluded=[(5, 11)])
    assert set(reasons) == {2, 3, 4, 5} == set(result.unmatched_mentees)
    assert reasons[2] == "No mentor with a free place meets the must-have: Shared language."
    assert reasons[3] == "1 mentor meets the must-haves but has no place left: it went to another mentee."
    assert reasons[4] == (
        "Every mentor with a free place misses a must-have: Shared language (1 mentor); Field of expertise (1 mentor)."
    )
    assert reasons[5] == (
        "Every mentor with a free place misses a must-have: Field of expertise (1 mentor); "
        "declined or ended before (1 mentor)."
    )
    # Nobody with a free place at all.
    full = [Candidate(10, languages=frozenset({"sv"}), capacity=0)]
    nobody = suggest(mentees[:1], full, levels)
    assert unmatched_reasons(mentees[:1], full, nobody, levels) == {1: "No mentor has a free place."}
