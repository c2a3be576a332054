"""The min-cost flow in ``core.matching`` against independent solvers: the former dense formulation (a
mentees × mentor-places matrix handed to ``lap.lapjv``), kept here as the reference, and brute force.
Equal means the same (mentees matched, total score, load), where load is what the places cost: a
mentor's k-th place (from 0) costs k. The flow goes through the mentees when places are plentiful and
through the places when they are short: both ways are checked, on cohorts and on bare score matrices."""

from __future__ import annotations

import itertools
import random

import lap
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from westem_desktop.core.matching import (
    CRITERIA,
    DEFAULT_LEVELS,
    Cancelled,
    Candidate,
    Level,
    SuggestionResult,
    _assign,
    _assign_by_mentees,
    _assign_by_places,
    evaluate,
    score_matrices,
    suggest,
)

LANGS = ("sv", "nb", "nl", "en", "pl", "tr")
FIELDS = ("ict", "mathematics", "engineering")
INTERESTS = ("robotics", "music", "sports", "research")


def person(rng: random.Random, pid: int, mentor: bool, mentor_ids: tuple[int, ...] = ()) -> Candidate:
    """Few values on purpose: many pairs score alike (ties), and rare languages leave mentees out."""
    return Candidate(
        id=pid,
        languages=frozenset(rng.sample(LANGS, rng.randint(1, 2))),
        fields=frozenset(rng.sample(FIELDS, rng.randint(0, 2))),
        interests=frozenset(rng.sample(INTERESTS, rng.randint(0, 2))),
        country=rng.choice(("SE", "NO", "")),
        mode=rng.choice((None, "online", "hybrid")),
        year=rng.choice((None, 1, 3)),
        institution=rng.choice(("UU", "")),
        study_programme=rng.choice(("CS", "")),
        capacity=rng.randint(1, 3) if mentor else 1,
        requests=tuple(rng.sample(mentor_ids, min(len(mentor_ids), rng.randint(0, 3)))) if mentor_ids else (),
    )


def instance(seed: int, mentees: int, mentors: int, must: int):
    rng = random.Random(seed)
    mentor_list = [person(rng, 10_000 + j, True) for j in range(mentors)]
    ids = tuple(m.id for m in mentor_list)
    mentee_list = [person(rng, i, False, ids) for i in range(mentees)]
    levels = {c: rng.choice([Level.HIGH, Level.MEDIUM, Level.LOW, Level.OFF]) for c in CRITERIA}
    for criterion in rng.sample(list(CRITERIA), must):  # must-haves that leave some mentees out
        levels[criterion] = Level.MUST
    excluded = {(m.id, rng.choice(ids)) for m in mentee_list if rng.random() < 0.2}
    return mentee_list, mentor_list, levels, excluded


def reference(mentees, mentors, levels, excluded=()) -> tuple[int, int, int]:
    """The former formulation: one column per mentor place, the dense matrix extended to a square."""
    levels = {**DEFAULT_LEVELS, **levels}
    slots = [(j, k) for j, mentor in enumerate(mentors) for k in range(mentor.capacity)]
    if not mentees or not slots:
        return 0, 0, 0
    scores, allowed = score_matrices(mentees, mentors, levels)
    column = {m.id: j for j, m in enumerate(mentors)}
    row = {m.id: i for i, m in enumerate(mentees)}
    for mentee_id, mentor_id in excluded:
        allowed[row[mentee_id], column[mentor_id]] = False
    columns = np.array([j for j, _k in slots])
    rank = np.array([k for _j, k in slots], dtype=float)
    big = (scores.max(initial=0) + 1) * (len(mentees) + 1)
    penalty = 0.5 / (rank.sum() + 1)
    weight = np.where(allowed[:, columns], big + scores[:, columns] - penalty * rank, 0.0)
    _cost, row_to_column, _ = lap.lapjv(-weight, extend_cost=True)
    matched = total = load = 0
    for i, c in enumerate(row_to_column):
        if c >= 0 and allowed[i, columns[c]]:
            matched, total, load = matched + 1, total + int(scores[i, columns[c]]), load + slots[c][1]
    return matched, total, load


def brute_force(mentees, mentors, levels, excluded=()) -> tuple[int, int, int]:
    """The best (matched, total, -load) over every possible assignment, as (matched, total, load)."""
    levels = {**DEFAULT_LEVELS, **levels}
    options = []
    for mentee in mentees:
        choices: list[tuple[int, int] | None] = [None]
        for mentor in mentors:
            ok, score, _r, _f = evaluate(mentee, mentor, levels)
            if ok and (mentee.id, mentor.id) not in excluded:
                choices.append((mentor.id, score))
        options.append(choices)
    capacity = {m.id: m.capacity for m in mentors}
    best = (0, 0, 0)
    for combo in itertools.product(*options):
        used: dict[int, int] = {}
        for choice in combo:
            if choice is not None:
                used[choice[0]] = used.get(choice[0], 0) + 1
        if all(n <= capacity[m] for m, n in used.items()):
            chosen = [c for c in combo if c is not None]
            load = sum(n * (n - 1) // 2 for n in used.values())
            best = max(best, (len(chosen), sum(s for _m, s in chosen), -load))
    return best[0], best[1], -best[2]


def measure(result: SuggestionResult, mentees, mentors, levels, excluded=()) -> tuple[int, int, int]:
    """(matched, total, load) of a result, after checking that it keeps every rule."""
    levels = {**DEFAULT_LEVELS, **levels}
    by_id = {m.id: m for m in (*mentees, *mentors)}
    used: dict[int, int] = {}
    for pair in result.pairs:
        assert (pair.mentee, pair.mentor) not in excluded
        ok, score, reasons, _f = evaluate(by_id[pair.mentee], by_id[pair.mentor], levels)
        assert ok and pair.score == score and pair.reasons == reasons
        used[pair.mentor] = used.get(pair.mentor, 0) + 1
    assert all(n <= by_id[m].capacity for m, n in used.items())
    assert len({p.mentee for p in result.pairs}) == len(result.pairs)
    assert {p.mentee for p in result.pairs} | set(result.unmatched_mentees) == {m.id for m in mentees}
    assert not {p.mentee for p in result.pairs} & set(result.unmatched_mentees)
    return len(result.pairs), result.total, sum(n * (n - 1) // 2 for n in used.values())


@pytest.mark.parametrize("seed", range(80))
def test_tiny_instances_equal_brute_force_and_the_former_formulation(seed: int) -> None:
    rng = random.Random(seed)
    mentees, mentors, levels, excluded = instance(seed, rng.randint(1, 6), rng.randint(1, 3), rng.randint(0, 2))
    ours = measure(suggest(mentees, mentors, levels, excluded=excluded), mentees, mentors, levels, excluded)
    assert ours == brute_force(mentees, mentors, levels, excluded) == reference(mentees, mentors, levels, excluded)


@pytest.mark.parametrize("seed", range(40))
def test_medium_instances_equal_the_former_formulation(seed: int) -> None:
    rng = random.Random(500 + seed)
    size = rng.choice((20, 60, 150))
    mentors = max(1, int(size * rng.choice((0.2, 0.4, 0.8, 1.2))))  # places short, about even, plenty
    mentees, mentor_list, levels, excluded = instance(500 + seed, size, mentors, rng.randint(0, 3))
    result = suggest(mentees, mentor_list, levels, excluded=excluded)
    ours = measure(result, mentees, mentor_list, levels, excluded)
    assert ours == reference(mentees, mentor_list, levels, excluded)


def test_an_instance_where_the_must_haves_leave_mentees_out_is_still_optimal() -> None:
    for seed in range(20):
        mentees, mentors, levels, excluded = instance(900 + seed, 80, 15, 3)
        result = suggest(mentees, mentors, levels, excluded=excluded)
        if result.unmatched_mentees and result.pairs:
            assert measure(result, mentees, mentors, levels, excluded) == reference(mentees, mentors, levels, excluded)
            return
    pytest.fail("no instance left mentees out")


def test_identical_people_tie_and_the_load_is_spread() -> None:
    mentors = [Candidate(100 + j, languages=frozenset({"sv"}), capacity=3) for j in range(4)]
    mentees = [Candidate(i, languages=frozenset({"sv"})) for i in range(6)]
    result = suggest(mentees, mentors)
    load = sorted(sum(1 for p in result.pairs if p.mentor == m.id) for m in mentors)
    assert load == [1, 1, 2, 2] and len(result.pairs) == 6


def test_progress_is_reported_and_cancel_stops_it() -> None:
    mentees, mentors, levels, _excluded = instance(3, 200, 80, 0)
    seen: list[tuple[int, int]] = []
    suggest(mentees, mentors, levels, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (400, 400) and len(seen) > 3
    assert all(a[0] <= b[0] for a, b in itertools.pairwise(seen))
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 3  # the coordinator cancels while the assignment is under way

    with pytest.raises(Cancelled):
        suggest(mentees, mentors, levels, cancelled=cancelled)


# Places short: many more mentees than mentor places, on bare score matrices (-1: the pair is not allowed).


def scores(rng: np.random.Generator, rows: int, columns: int, allowed: float, top: int) -> np.ndarray:
    """Random points from 0 to ``top`` (a small top gives many ties), ``allowed`` the share of allowed pairs;
    some mentees also bring a bonus with every mentor, so that they are wanted by all (a crowded top)."""
    points = rng.integers(0, top + 1, size=(rows, columns)) + rng.integers(0, top + 1, size=(rows, 1)) // 2
    points[rng.random((rows, columns)) >= allowed] = -1
    return points.astype(np.int16)


def value(points: np.ndarray, capacity: np.ndarray, assignment: np.ndarray) -> tuple[int, int, int]:
    """(matched, total, load) of an assignment, after checking that it keeps every rule."""
    assert assignment.shape == (points.shape[0],)
    rows = np.flatnonzero(assignment >= 0)
    columns = assignment[rows]
    assert (points[rows, columns] >= 0).all(), "a forbidden pair"
    load = np.bincount(columns, minlength=len(capacity))
    assert (load <= capacity).all(), "a mentor over her capacity"
    return len(rows), int(points[rows, columns].sum()), int((load * (load - 1) // 2).sum())


def lap_value(points: np.ndarray, capacity: np.ndarray) -> tuple[int, int, int]:
    """The independent optimum: ``lap.lapjv`` over the slot-expanded matrix (one column per place)."""
    slots = [(j, k) for j, c in enumerate(capacity) for k in range(int(c))]
    if not slots or not len(points):
        return 0, 0, 0
    columns = np.array([j for j, _k in slots])
    rank = np.array([k for _j, k in slots], dtype=float)
    chosen = points[:, columns].astype(float)
    big = (points.max(initial=0) + 1.0) * (len(points) + 1)
    weight = np.where(chosen >= 0, big + chosen - 0.5 / (rank.sum() + 1) * rank, 0.0)
    _cost, row_to_slot, _ = lap.lapjv(-weight, extend_cost=True)
    assignment = np.array([columns[c] if c >= 0 and chosen[i, c] >= 0 else -1 for i, c in enumerate(row_to_slot)])
    return value(points, capacity, assignment)


def brute_value(points: np.ndarray, capacity: np.ndarray) -> tuple[int, int, int]:
    """The best (matched, total, -load) over every possible assignment, as (matched, total, load)."""
    rows, columns = points.shape
    options = [[-1, *(j for j in range(columns) if points[i, j] >= 0)] for i in range(rows)]
    best = (0, 0, 0)
    for combo in itertools.product(*options):
        load = np.bincount([j for j in combo if j >= 0], minlength=columns)
        if (load <= capacity).all():
            chosen = [(i, j) for i, j in enumerate(combo) if j >= 0]
            total = sum(int(points[i, j]) for i, j in chosen)
            best = max(best, (len(chosen), total, -int((load * (load - 1) // 2).sum())))
    return best[0], best[1], -best[2]


SHORT = [  # (mentees, mentors, (least, most) capacity, share of allowed pairs, top points)
    (60, 10, (1, 1), 0.5, 120),
    (80, 30, (1, 1), 0.9, 3),  # ties everywhere
    (90, 20, (1, 3), 0.3, 10),
    (120, 25, (1, 3), 0.08, 40),  # many forbidden pairs: places stay empty, mentees unmatched
    (150, 60, (1, 3), 0.5, 2),
    (200, 40, (1, 1), 0.03, 120),  # hardly any pair allowed
    (70, 69, (1, 1), 0.6, 5),  # one place short
    (60, 60, (1, 1), 0.7, 5),  # as many places as mentees
    (70, 30, (0, 3), 0.5, 20),  # some mentors without a place
]


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("shape", SHORT, ids=lambda shape: f"{shape[0]}x{shape[1]}-{shape[3]}-{shape[4]}")
def test_places_short_both_ways_equal_the_former_formulation(shape, seed: int) -> None:
    rows, columns, (least, most), allowed, top = shape
    rng = np.random.default_rng(seed)
    capacity = rng.integers(least, most + 1, size=columns)
    points = scores(rng, rows, columns, allowed, top)
    expected = lap_value(points, capacity)
    assert value(points, capacity, _assign(points, capacity)) == expected
    assert value(points, capacity, _assign_by_places(points, capacity)) == expected
    assert value(points, capacity, _assign_by_mentees(points, capacity)) == expected
    by_mentor = np.asfortranarray(points)  # as ``suggest`` lays it out when places are short
    assert value(points, capacity, _assign_by_places(by_mentor, capacity)) == expected


@pytest.mark.parametrize("seed", range(40))
def test_places_short_on_cohorts_equal_the_former_formulation(seed: int) -> None:
    rng = random.Random(2000 + seed)
    size = rng.choice((40, 90, 160))
    mentors = max(1, int(size * rng.choice((0.05, 0.15, 0.3))))  # capacities 1-3: places well short
    mentees, mentor_list, levels, excluded = instance(2000 + seed, size, mentors, rng.randint(0, 3))
    assert sum(m.capacity for m in mentor_list) < len(mentees)
    result = suggest(mentees, mentor_list, levels, excluded=excluded)
    assert measure(result, mentees, mentor_list, levels, excluded) == reference(mentees, mentor_list, levels, excluded)


@st.composite
def small_matrices(draw) -> tuple[np.ndarray, np.ndarray]:
    rows, columns = draw(st.integers(1, 7)), draw(st.integers(1, 3))
    cells = draw(st.lists(st.integers(-1, 4), min_size=rows * columns, max_size=rows * columns))
    capacity = draw(st.lists(st.integers(0, 3), min_size=columns, max_size=columns))
    return np.array(cells, dtype=np.int16).reshape(rows, columns), np.array(capacity, dtype=np.int64)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(small_matrices())
def test_any_small_matrix_both_ways_equal_brute_force(case: tuple[np.ndarray, np.ndarray]) -> None:
    points, capacity = case
    expected = brute_value(points, capacity)
    assert value(points, capacity, _assign_by_places(points, capacity)) == expected
    assert value(points, capacity, _assign_by_mentees(points, capacity)) == expected


def test_progress_and_cancel_while_the_places_are_assigned() -> None:
    mentees, mentors, levels, _excluded = instance(4, 300, 20, 0)
    assert sum(m.capacity for m in mentors) < len(mentees)
    seen: list[tuple[int, int]] = []
    suggest(mentees, mentors, levels, progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (600, 600)
    assert any(300 < done < 600 for done, _total in seen), "no progress reported during the assignment"
    assert all(a[0] <= b[0] for a, b in itertools.pairwise(seen))
    ticks: list[int] = []

    def cancelled() -> bool:
        ticks.append(1)
        return len(ticks) > 3  # the scores take the first ticks: Stop comes during the assignment

    with pytest.raises(Cancelled):
        suggest(mentees, mentors, levels, cancelled=cancelled)
