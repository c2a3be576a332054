"""Suggested pairs for a whole cohort, optimal and explained.

Each criterion the coordinator chooses is *must-have* (a pair without it is not allowed), *high*,
*medium*, *low* or *off*, and gives a pair points by how well the two fit on it (``CRITERIA``). The
cohort is assigned at once, as a min-cost flow from mentees over mentors' capacities (``_assign``):
first as many mentees matched as the must-haves allow, then the highest total score, and with load
spread over the mentors (a mentor's second and third places cost a little). "Better" is therefore
(mentees matched, total score) compared in that order, also against the greedy baseline. Every suggestion carries its
points per criterion; ``why_not`` says why a given mentee and mentor were not paired.

Pure functions over plain values (``Candidate``); ``load_candidates`` reads them from the database.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from dataclasses import fields as dataclass_fields
from enum import StrEnum

import numpy as np

from westem_desktop.i18n import N_, _, ngettext


class Level(StrEnum):
    MUST = "must"
    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"
    OFF = "off"


LEVEL_POINTS = {Level.MUST: 30, Level.HIGH: 30, Level.MEDIUM: 20, Level.LOW: 10, Level.OFF: 0}

CRITERIA: dict[str, str] = {
    "language": N_("Shared language"),
    "field": N_("Field of expertise"),
    "interests": N_("Shared interests"),
    "country": N_("Same country"),
    "mode": N_("Preferred mode"),
    "study_year": N_("Mentor further along in her studies"),
    "institution": N_("Same institution or study programme"),
    "requests": N_("The mentee’s own request"),
}

DEFAULT_LEVELS: dict[str, Level] = {
    "language": Level.MUST,
    "field": Level.HIGH,
    "interests": Level.MEDIUM,
    "country": Level.OFF,
    "mode": Level.LOW,
    "study_year": Level.MEDIUM,
    "institution": Level.LOW,
    "requests": Level.HIGH,
}


@dataclass(frozen=True)
class Candidate:
    """What matching needs to know of a mentor or a mentee."""

    id: int
    languages: frozenset[str] = frozenset()
    fields: frozenset[str] = frozenset()
    interests: frozenset[str] = frozenset()
    country: str = ""
    mode: str | None = None
    year: int | None = None
    institution: str = ""
    study_programme: str = ""
    capacity: int = 1  # free places, for mentors
    requests: tuple[int, ...] = ()  # for mentees: requested mentor ids, best first


@dataclass(frozen=True)
class Suggestion:
    mentee: int
    mentor: int
    score: int
    reasons: dict[str, int]
    locked: bool = False


@dataclass
class SuggestionResult:
    pairs: list[Suggestion] = field(default_factory=list)
    unmatched_mentees: list[int] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(p.score for p in self.pairs)


def _fit(criterion: str, mentee: Candidate, mentor: Candidate) -> float:
    """How well the two fit on one criterion, from 0 (not at all) to 1."""
    if criterion == "language":
        return 1.0 if mentee.languages & mentor.languages else 0.0
    if criterion == "field":
        return 1.0 if mentee.fields & mentor.fields else 0.0
    if criterion == "interests":
        union = mentee.interests | mentor.interests
        return len(mentee.interests & mentor.interests) / len(union) if union else 0.0
    if criterion == "country":
        return 1.0 if mentee.country and mentee.country == mentor.country else 0.0
    if criterion == "mode":
        if not mentee.mode or not mentor.mode:
            return 0.5
        return 1.0 if mentee.mode == mentor.mode or "hybrid" in (mentee.mode, mentor.mode) else 0.0
    if criterion == "study_year":
        if mentee.year is None or mentor.year is None:
            return 0.5
        return 1.0 if mentor.year > mentee.year else 0.0
    if criterion == "institution":
        if mentee.study_programme and mentee.study_programme == mentor.study_programme:
            return 1.0
        return 0.5 if mentee.institution and mentee.institution == mentor.institution else 0.0
    if criterion == "requests":
        if mentor.id in mentee.requests:
            return 1.0 - mentee.requests.index(mentor.id) / 3
        return 0.0
    raise ValueError(criterion)


def evaluate(
    mentee: Candidate, mentor: Candidate, levels: dict[str, Level]
) -> tuple[bool, int, dict[str, int], list[str]]:
    """(allowed, score, points per criterion, the must-haves that failed)."""
    reasons: dict[str, int] = {}
    failed: list[str] = []
    for criterion in CRITERIA:
        level = levels.get(criterion, Level.OFF)
        if level is Level.OFF:
            continue
        fit = _fit(criterion, mentee, mentor)
        if level is Level.MUST and fit <= 0:
            failed.append(criterion)
        reasons[criterion] = round(LEVEL_POINTS[level] * fit)
    return not failed, sum(reasons.values()), reasons, failed


Progress = Callable[[int, int], None]
"""``progress(done, total)``: how far ``suggest`` has come (called now and then, from the thread it runs in)."""


class Cancelled(Exception):
    """``suggest`` stopped because its ``cancelled()`` said so; nothing was computed and nothing changed."""


BLOCK_PAIRS = 1 << 20
"""About this many (mentee, mentor) pairs are scored at once, so memory stays small for any cohort."""


def _masks(sets: list[frozenset[str]], vocabulary: dict[str, int]) -> np.ndarray:
    """Each set as a row of 64-bit words with one bit per item of ``vocabulary``."""
    words = max(1, (len(vocabulary) + 63) // 64)
    out = np.zeros((len(sets), words), dtype=np.uint64)
    for row, items in enumerate(sets):
        for item in items:
            bit = vocabulary[item]
            out[row, bit // 64] |= np.uint64(1) << np.uint64(bit % 64)
    return out


def _codes(values: list[str]) -> np.ndarray:
    """Equal strings get equal numbers; the empty string is -1 (never equal to anything)."""
    index: dict[str, int] = {}
    return np.array([index.setdefault(v, len(index)) if v else -1 for v in values], dtype=np.int64)


@dataclass
class _Side:
    """The features of mentees (or of mentors) as arrays, with codes shared by both sides."""

    languages: np.ndarray
    fields: np.ndarray
    interests: np.ndarray
    interest_count: np.ndarray
    country: np.ndarray
    mode: np.ndarray
    hybrid: np.ndarray
    year: np.ndarray  # -1: not known
    institution: np.ndarray
    programme: np.ndarray

    def rows(self, start: int, stop: int) -> _Side:
        return _Side(*(getattr(self, f.name)[start:stop] for f in dataclass_fields(self)))


def _encode(mentees: list[Candidate], mentors: list[Candidate]) -> tuple[_Side, _Side]:
    everyone = [*mentees, *mentors]
    split = len(mentees)
    arrays: dict[str, np.ndarray] = {}
    for attribute in ("languages", "fields", "interests"):
        items = sorted({item for c in everyone for item in getattr(c, attribute)})
        arrays[attribute] = _masks([getattr(c, attribute) for c in everyone], {x: i for i, x in enumerate(items)})
    arrays["interest_count"] = np.array([len(c.interests) for c in everyone], dtype=np.int64)
    arrays["country"] = _codes([c.country for c in everyone])
    arrays["mode"] = _codes([c.mode or "" for c in everyone])
    arrays["hybrid"] = np.array([c.mode == "hybrid" for c in everyone], dtype=bool)
    arrays["year"] = np.array([-1 if c.year is None else c.year for c in everyone], dtype=np.int64)
    arrays["institution"] = _codes([c.institution for c in everyone])
    arrays["programme"] = _codes([c.study_programme for c in everyone])
    names = [f.name for f in dataclass_fields(_Side)]
    return _Side(*(arrays[n][:split] for n in names)), _Side(*(arrays[n][split:] for n in names))


def _common(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Whether each (row of ``a``, row of ``b``) pair of bit masks shares an item."""
    out = np.zeros((len(a), len(b)), dtype=bool)
    for word in range(a.shape[1]):
        out |= (a[:, None, word] & b[None, :, word]) != 0
    return out


def _point_block(a: _Side, b: _Side, requested: np.ndarray, levels: dict[str, Level]) -> tuple[np.ndarray, np.ndarray]:
    """(points, allowed) for every pair of a block of mentees and all mentors, exactly as ``evaluate``
    rounds them. ``requested`` holds the mentees' request fit (1, 2/3, 1/3 or 0) for the block."""
    shape = (len(a.country), len(b.country))
    points = np.zeros(shape, dtype=np.int16)
    allowed = np.ones(shape, dtype=bool)

    def add(level: Level, full: np.ndarray, half: np.ndarray | None = None) -> None:
        """Whole points where ``full``, half points (``round(points * 0.5)``) where ``half``."""
        top = LEVEL_POINTS[level]
        points[full] += top
        if half is not None:
            points[half & ~full] += round(top * 0.5)
        if level is Level.MUST:
            allowed[...] &= full if half is None else full | half

    for criterion in CRITERIA:
        level = levels.get(criterion, Level.OFF)
        if level is Level.OFF:
            continue
        if criterion == "language":
            add(level, _common(a.languages, b.languages))
        elif criterion == "field":
            add(level, _common(a.fields, b.fields))
        elif criterion == "interests":
            both = np.zeros(shape, dtype=np.int64)
            for word in range(a.interests.shape[1]):
                both += np.bitwise_count(a.interests[:, None, word] & b.interests[None, :, word])
            either = a.interest_count[:, None] + b.interest_count[None, :] - both
            top = int(either.max(initial=0))
            table = np.array(
                [[round(LEVEL_POINTS[level] * (i / u)) if u else 0 for u in range(top + 1)] for i in range(top + 1)],
                dtype=np.int16,
            ).reshape(top + 1, top + 1)
            points += table[both, either]
            if level is Level.MUST:
                allowed &= both > 0
        elif criterion == "country":
            add(level, (a.country[:, None] == b.country[None, :]) & (a.country[:, None] >= 0))
        elif criterion == "mode":
            known = (a.mode[:, None] >= 0) & (b.mode[None, :] >= 0)
            agree = (a.mode[:, None] == b.mode[None, :]) | a.hybrid[:, None] | b.hybrid[None, :]
            add(level, known & agree, ~known)
        elif criterion == "study_year":
            known = (a.year[:, None] >= 0) & (b.year[None, :] >= 0)
            add(level, known & (b.year[None, :] > a.year[:, None]), ~known)
        elif criterion == "institution":
            programme = (a.programme[:, None] == b.programme[None, :]) & (a.programme[:, None] >= 0)
            institution = (a.institution[:, None] == b.institution[None, :]) & (a.institution[:, None] >= 0)
            add(level, programme, institution)
        elif criterion == "requests":
            top = LEVEL_POINTS[level]
            for fit in (1.0, 1.0 - 1 / 3, 1.0 - 2 / 3):
                points[requested == fit] += round(top * fit)
            if level is Level.MUST:
                allowed &= requested > 0
    return points, allowed


def _request_fits(mentees: list[Candidate], mentors: list[Candidate]) -> list[dict[int, float]]:
    """For each mentee: mentor column → how well the request fits (``_fit`` for "requests")."""
    column = {m.id: j for j, m in enumerate(mentors)}
    return [
        {column[mentor_id]: 1.0 - rank / 3 for rank, mentor_id in reversed(list(enumerate(mentee.requests)))}
        if mentee.requests
        else {}
        for mentee in mentees
    ]


def _blocks(
    mentees: list[Candidate],
    mentors: list[Candidate],
    levels: dict[str, Level],
    excluded: dict[int, set[int]] | None = None,
) -> Iterator[tuple[int, np.ndarray, np.ndarray]]:
    """(first row, points, allowed) for the cohort's score matrix, a block of mentees at a time."""
    a, b = _encode(mentees, mentors)
    fits = _request_fits(mentees, mentors)
    column = {m.id: j for j, m in enumerate(mentors)}
    step = max(1, BLOCK_PAIRS // max(1, len(mentors)))
    for start in range(0, len(mentees), step):
        stop = min(len(mentees), start + step)
        requested = np.zeros((stop - start, len(mentors)))
        for i in range(start, stop):
            for j, fit in fits[i].items():
                requested[i - start, j] = fit
        points, allowed = _point_block(a.rows(start, stop), b, requested, levels)
        for i in range(start, stop):
            for mentor_id in (excluded or {}).get(mentees[i].id, ()):
                if mentor_id in column:
                    allowed[i - start, column[mentor_id]] = False
        yield start, points, allowed


def score_matrices(
    mentees: list[Candidate], mentors: list[Candidate], levels: dict[str, Level]
) -> tuple[np.ndarray, np.ndarray]:
    """(score, allowed) for every (mentee, mentor) pair: ``evaluate`` for a whole cohort at once."""
    scores = np.zeros((len(mentees), len(mentors)), dtype=np.int64)
    allowed = np.zeros((len(mentees), len(mentors)), dtype=bool)
    for start, points, ok in _blocks(mentees, mentors, levels):
        scores[start : start + len(points)] = points
        allowed[start : start + len(points)] = ok
    return scores, allowed


def suggest(
    mentees: list[Candidate],
    mentors: list[Candidate],
    levels: dict[str, Level] | None = None,
    locked: Iterable[tuple[int, int]] = (),
    excluded: Iterable[tuple[int, int]] = (),
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> SuggestionResult:
    """The optimal assignment of ``mentees`` to ``mentors`` within their capacity.

    ``locked`` (mentee, mentor) pairs stay and use a place; ``excluded`` pairs (a declined request, an
    ended pair) are never proposed. ``progress(done, total)`` is told how far the work has come, and
    ``Cancelled`` is raised soon after ``cancelled()`` turns true.
    """
    levels = {**DEFAULT_LEVELS, **(levels or {})}
    by_mentor = {m.id: m for m in mentors}
    by_mentee = {m.id: m for m in mentees}
    mentee_exclusions: dict[int, set[int]] = {}
    for mentee_id, mentor_id in excluded:
        mentee_exclusions.setdefault(mentee_id, set()).add(mentor_id)
    result = SuggestionResult()
    free = {m.id: m.capacity for m in mentors}
    locked_mentees: set[int] = set()
    for mentee_id, mentor_id in locked:
        if mentee_id in by_mentee and mentor_id in by_mentor and free[mentor_id] > 0:
            _allowed, score, reasons, _failed = evaluate(by_mentee[mentee_id], by_mentor[mentor_id], levels)
            result.pairs.append(Suggestion(mentee_id, mentor_id, score, reasons, locked=True))
            free[mentor_id] -= 1
            locked_mentees.add(mentee_id)
    open_mentees = [m for m in mentees if m.id not in locked_mentees]
    open_mentors = [m for m in mentors if free[m.id] > 0]
    if open_mentees and open_mentors:
        total = 2 * len(open_mentees)  # scoring is the first half of the work, assigning the second

        def tick(done: int) -> None:
            if cancelled is not None and cancelled():
                raise Cancelled
            if progress is not None:
                progress(done, total)

        # The points of every allowed pair, -1 where a must-have or an exclusion forbids it: 2 bytes a pair,
        # laid out by mentor when the assignment goes through the mentors' places (``_assign``).
        capacity = np.array([free[m.id] for m in open_mentors], dtype=np.int64)
        order = "F" if _places_are_short(len(open_mentees), capacity) else "C"
        points = np.empty((len(open_mentees), len(open_mentors)), dtype=np.int16, order=order)
        for start, block, allowed in _blocks(open_mentees, open_mentors, levels, mentee_exclusions):
            tick(start)
            points[start : start + len(block)] = np.where(allowed, block, -1)
        tick(len(open_mentees))
        assignment = _assign(points, capacity, lambda row: tick(len(open_mentees) + row))
        for i, j in enumerate(assignment):
            if j < 0:
                continue
            mentee, mentor = open_mentees[i], open_mentors[j]
            _ok, score, reasons, _failed = evaluate(mentee, mentor, levels)
            result.pairs.append(Suggestion(mentee.id, mentor.id, score, reasons))
        result.unmatched_mentees = [m.id for m, j in zip(open_mentees, assignment, strict=True) if j < 0]
        if progress is not None:
            progress(total, total)
    else:
        result.unmatched_mentees = [m.id for m in open_mentees]
    result.pairs.sort(key=lambda p: (p.mentor, p.mentee))
    return result


def _places_are_short(mentees: int, capacity: np.ndarray) -> bool:
    """Whether the mentors' places are no more than the mentees: then ``_assign`` goes through the places
    (at as many places as mentees that is still the faster way, at a tenth more places no longer)."""
    return int(capacity.sum()) <= mentees


def _weights(points: np.ndarray, capacity: np.ndarray) -> tuple[float, float]:
    """(UNIT, BIG) of ``_assign``: the place costs together stay below UNIT, the scores below BIG."""
    unit = float(sum(int(c) * (int(c) - 1) // 2 for c in capacity) + 1)
    return unit, unit * (int(points.max(initial=0)) + 1) * (points.shape[0] + 1)


def _assign(points: np.ndarray, capacity: np.ndarray, tick: Callable[[int], None] | None = None) -> np.ndarray:
    """For each mentee (row), the mentor (column) of an optimal assignment, or -1 for none.

    ``points[i, j]`` is the score of a pair, -1 where the pair is not allowed; mentor ``j`` takes at most
    ``capacity[j]`` mentees. Optimal means: the most mentees matched, then the highest total score, then
    the least load, where a mentor's k-th place (from 0) costs k. These are folded into one whole-number
    weight per pair, ``BIG + UNIT * points - k``, with the place costs together below ``UNIT`` and the
    scores together below ``BIG``.

    A min-cost flow over the mentors' capacities, solved by successive shortest paths from the scarce
    side: one shortest path per mentee when places are plentiful (``_assign_by_mentees``), one per mentor
    place when they are short (``_assign_by_places``). A search from the plentiful side would, once that
    side is full, walk nearly every node for each newcomer; from the scarce side it soon meets a free
    partner. Memory is the points matrix (read by mentor in the second case: ``suggest`` lays it out
    so, otherwise it is copied once) and a few arrays over mentees and mentors. All costs are whole
    numbers well below 2**53, so the float arithmetic is exact. ``tick(done)`` is called now and then
    with a number from 0 to the number of mentees.
    """
    if _places_are_short(points.shape[0], capacity):
        return _assign_by_places(points, capacity, tick)
    return _assign_by_mentees(points, capacity, tick)


def _assign_by_mentees(
    points: np.ndarray, capacity: np.ndarray, tick: Callable[[int], None] | None = None
) -> np.ndarray:
    """``_assign`` with the mentees joining one at a time.

    A min-cost flow from mentees over mentors to a sink: each mentee joins along the shortest path
    (Dijkstra over reduced costs, with node potentials kept so that every residual arc costs at least 0)
    from her to the sink, either straight to a mentor with a free place (whose next place costs its
    rank) or by moving mentees along, or by leaving one unmatched (her arc to the sink costs 0). Every
    step keeps the assignment of the mentees so far optimal, so the last one is. The work per path is
    one vectorised pass over the mentors for each mentee it passes through.
    """
    rows, columns = points.shape
    unit, big = _weights(points, capacity)
    inf = np.inf

    def cost(i: int) -> np.ndarray:
        row = points[i]
        return np.where(row >= 0, -(big + unit * row.astype(np.float64)), inf)

    p_col = np.zeros(columns)
    p_row = np.zeros(rows)
    p_sink = 0.0
    load = np.zeros(columns, dtype=np.int64)
    members: list[list[int]] = [[] for _ in range(columns)]
    assign = np.full(rows, -1, dtype=np.int64)
    for r in range(rows):
        if tick is not None and r % 16 == 0:
            tick(r)
        cost_r = cost(r)
        reach = p_col - cost_r
        p_row[r] = max(p_sink, float(reach.max()))
        dist = cost_r + p_row[r] - p_col
        pred = np.full(columns, r, dtype=np.int64)
        done = np.zeros(columns, dtype=bool)
        sink = p_row[r] - p_sink  # leaving r unmatched
        end_column, end_row = -1, r
        visited: list[int] = []
        scanned: list[tuple[int, float]] = [(r, 0.0)]
        while True:
            j = int(np.argmin(np.where(done, inf, dist)))
            dj = float(dist[j])
            if done[j] or dj >= sink:
                break
            done[j] = True
            visited.append(j)
            if load[j] < capacity[j]:
                through = dj + load[j] + p_col[j] - p_sink
                if through < sink:
                    sink, end_column = through, j
            for i in members[j]:
                di = dj  # the arc from a mentor back to her mentee is tight
                scanned.append((i, di))
                if di + p_row[i] - p_sink < sink:  # i leaves the cohort's assignment
                    sink, end_column, end_row = di + p_row[i] - p_sink, -1, i
                further = di + cost(i) + p_row[i] - p_col
                better = (further < dist) & ~done
                dist[better] = further[better]
                pred[better] = i
        for j in visited:
            p_col[j] += dist[j] - sink
        for i, di in scanned:
            p_row[i] += di - sink
        if end_column >= 0:
            j = end_column
            load[j] += 1
        elif end_row == r:
            continue  # r stays unmatched
        else:
            j = int(assign[end_row])
            members[j].remove(end_row)
            assign[end_row] = -1
        while True:  # walk the path back: each mentee on it moves to the mentor after her
            i = int(pred[j])
            previous = int(assign[i])
            assign[i] = j
            members[j].append(i)
            if i == r:
                break
            members[previous].remove(i)
            j = previous
    return assign


def _assign_by_places(
    points: np.ndarray, capacity: np.ndarray, tick: Callable[[int], None] | None = None
) -> np.ndarray:
    """``_assign`` with the mentors' places joining one at a time.

    The flow runs from each mentor's node ``in`` either on to her node ``out`` (her k-th place, from
    0, costs k) and over an allowed pair to a mentee and the sink, or straight to the sink (the place
    stays empty, costing 0). Each new place takes the shortest path (Dijkstra over reduced costs, node
    potentials kept so that every residual arc costs at least 0) from its mentor's ``in`` to the sink:
    to a free mentee, possibly moving mentees from mentor to mentor on the way, or to a mentor who gives
    up her last place, or to an empty place. Every step keeps the assignment optimal for the places so
    far, so the last one is. Mentors nearer than every mentee are scanned together (one pass over their
    columns of ``points``); the path is traced back afterwards from the distances, along arcs that were
    settled in order.
    """
    rows, columns = points.shape
    unit, big = _weights(points, capacity)
    inf = np.inf
    by_mentor = points if points.flags.f_contiguous else np.asfortranarray(points)
    top = int(points.max(initial=0))
    cost = np.empty(top + 2)  # an arc's cost by its points; the last entry, for -1, forbids the arc
    cost[: top + 1] = -(big + unit * np.arange(top + 1))
    cost[-1] = inf
    p_in, p_out = np.zeros(columns), np.zeros(columns)
    p_mentee = np.zeros(rows)
    p_sink = 0.0
    load = np.zeros(columns, dtype=np.int64)
    members: list[list[int]] = [[] for _ in range(columns)]
    assign = np.full(rows, -1, dtype=np.int64)
    # The search's work arrays, back to rest after each search: tentative distances of what is not
    # settled yet (inf once settled), a mentor's mentee on the way to her, and the step that settled a node.
    d_mentee, d_out = np.full(rows, inf), np.full(columns, inf)
    q = p_mentee.copy()  # p_mentee, -inf for a settled mentee: a mentor's scan reaches her no longer
    pred_out = np.full(columns, -1, dtype=np.int64)
    done_out = np.zeros(columns, dtype=bool)
    step_out, step_mentee = np.zeros(columns, dtype=np.int64), np.zeros(rows, dtype=np.int64)
    distance = np.zeros(rows)  # a settled mentee's distance
    places, done = max(1, int(capacity.sum())), 0
    for s in range(columns):
        if capacity[s] <= 0:
            continue
        reach = cost[by_mentor[:, s]]
        if not np.isfinite(reach).any():
            done += int(capacity[s])
            continue
        p_out[s] = float((p_mentee - reach).max())  # her arcs cost at least 0
        p_in[s] = max(p_sink, p_out[s])
        for _place in range(int(capacity[s])):
            if tick is not None and done % 16 == 0:
                tick(rows * done // places)
            done += 1
            sink = p_in[s] - p_sink  # the place stays empty
            end_kind, end_at = 0, s  # 0: that, 1: a free mentee takes it, 2: mentor end_at gives up a place
            d_out[s] = load[s] + p_in[s] - p_out[s]
            settled_out: list[tuple[np.ndarray, np.ndarray]] = []
            settled_mentees: list[tuple[np.ndarray, np.ndarray]] = []
            gave: list[tuple[int, float]] = []
            nearest, step = inf, 0
            while True:
                step += 1
                theta_out = float(d_out.min())
                theta = min(theta_out, sink)
                if nearest < theta:  # settle the mentees whom nothing can bring nearer
                    near = np.flatnonzero(d_mentee < theta)
                    d, mentor = d_mentee[near], assign[near]
                    matched = mentor >= 0
                    safe = np.maximum(mentor, 0)
                    via = np.where(matched, d - cost[by_mentor[near, safe]] - p_out[safe], d - p_sink) + p_mentee[near]
                    now = d <= via.min()
                    near, d, mentor, matched, via = near[now], d[now], mentor[now], matched[now], via[now]
                    d_mentee[near], q[near], step_mentee[near], distance[near] = inf, -inf, step, d
                    settled_mentees.append((near, d))
                    if not matched.all():
                        k = int(np.argmin(np.where(matched, inf, via)))
                        if via[k] < sink:
                            sink, end_kind, end_at = float(via[k]), 1, int(near[k])
                    if matched.any():  # on to their mentors
                        near, mentor, via = near[matched], mentor[matched], via[matched]
                        better = (via < d_out[mentor]) & ~done_out[mentor]
                        near, mentor, via = near[better], mentor[better], via[better]
                        np.minimum.at(d_out, mentor, via)
                        won = via == d_out[mentor]
                        pred_out[mentor[won]] = near[won]
                    nearest = float(d_mentee.min())
                    continue
                if theta_out >= sink:
                    break
                block = np.flatnonzero(d_out <= min(nearest, sink))  # the mentors nearer than every mentee
                block = block[d_out[block] < sink]
                further = cost[by_mentor[:, block]]
                further += d_out[block] + p_out[block]
                for k, b in enumerate(block.tolist()):
                    for i in members[b]:
                        further[i, k] = inf  # her place with b is no arc from b to her
                further = further.min(axis=1)
                further -= q
                np.minimum(d_mentee, further, out=d_mentee)
                nearest = float(d_mentee.min())
                d = d_out[block]
                final = d <= nearest  # the others may yet come nearer through a mentee
                block, d = block[final], d[final]
                d_out[block], done_out[block], step_out[block] = inf, True, step
                settled_out.append((block, d))
                for b, db in zip(block.tolist(), d.tolist(), strict=True):
                    if b != s and load[b] > 0:  # b gives up her last place
                        da = db - (load[b] - 1) + p_out[b] - p_in[b]
                        gave.append((b, da))
                        if da + p_in[b] - p_sink < sink:
                            sink, end_kind, end_at = da + p_in[b] - p_sink, 2, b
            path: list[tuple[int, int]] = []  # (mentee, the mentor she moves to), from the sink back
            if end_kind:
                out_ids = np.concatenate([b for b, _d in settled_out])
                out_d = np.concatenate([d for _b, d in settled_out])
                i = end_at if end_kind == 1 else int(pred_out[end_at])
                while True:  # her mentor on the path: one settled before her, along an arc of reduced cost 0
                    arrive = out_d + cost[by_mentor[i, out_ids]] + p_out[out_ids] - p_mentee[i]
                    tight = np.flatnonzero((arrive == distance[i]) & (step_out[out_ids] < step_mentee[i]))
                    j = next(int(out_ids[k]) for k in tight.tolist() if i not in members[int(out_ids[k])])
                    path.append((i, j))
                    if j == s:
                        break
                    i = int(pred_out[j])
            # New potentials: every node nearer than the sink moves by its distance, less the sink's.
            p_in[s] -= sink
            for block, d in settled_out:
                p_out[block] += np.minimum(d - sink, 0.0)
                done_out[block] = False
            for b, da in gave:
                p_in[b] += min(da - sink, 0.0)
            for near, d in settled_mentees:
                p_mentee[near] += np.minimum(d - sink, 0.0)
                q[near] = p_mentee[near]
            d_out[:] = inf
            d_mentee[:] = inf
            if end_kind == 2:  # her mentee on the path leaves her, below
                load[end_at] -= 1
            for i, j in path:  # each mentee on the path moves to the mentor she was reached from
                if assign[i] >= 0:
                    members[int(assign[i])].remove(i)
                assign[i] = j
                members[j].append(i)
            if end_kind:
                load[s] += 1
    return assign


def greedy(
    mentees: list[Candidate], mentors: list[Candidate], levels: dict[str, Level] | None = None
) -> SuggestionResult:
    """The baseline the optimal assignment is measured against: best pairs first while places last."""
    levels = {**DEFAULT_LEVELS, **(levels or {})}
    result = SuggestionResult()
    if not mentees or not mentors:
        result.unmatched_mentees = [m.id for m in mentees]
        return result
    scores, allowed = score_matrices(mentees, mentors, levels)
    rows, cols = np.nonzero(allowed)
    order = np.lexsort((cols, rows, -scores[rows, cols]))  # best score first, then by mentee and mentor
    free = [m.capacity for m in mentors]
    taken: set[int] = set()
    for k in order:
        i, j = int(rows[k]), int(cols[k])
        if i in taken or free[j] <= 0:
            continue
        taken.add(i)
        free[j] -= 1
        _ok, score, reasons, _failed = evaluate(mentees[i], mentors[j], levels)
        result.pairs.append(Suggestion(mentees[i].id, mentors[j].id, score, reasons))
    result.unmatched_mentees = [m.id for i, m in enumerate(mentees) if i not in taken]
    return result


def why_not(
    mentee: Candidate, mentor: Candidate, result: SuggestionResult, levels: dict[str, Level] | None = None
) -> str:
    """A sentence for the coordinator: why these two were not paired in ``result``."""
    levels = {**DEFAULT_LEVELS, **(levels or {})}
    allowed, score, _reasons, failed = evaluate(mentee, mentor, levels)
    if any(p.mentee == mentee.id and p.mentor == mentor.id for p in result.pairs):
        return _("They are paired.")
    if not allowed:
        names = ", ".join(_(CRITERIA[c]) for c in failed)
        return ngettext(
            "A must-have criterion is not met: {criteria}.", "Must-have criteria are not met: {criteria}.", len(failed)
        ).format(criteria=names)
    own = next((p for p in result.pairs if p.mentee == mentee.id), None)
    taken = [p for p in result.pairs if p.mentor == mentor.id]
    if own is not None and own.score >= score:
        return ngettext(
            "The mentee fits another mentor at least as well ({other} point against {these}).",
            "The mentee fits another mentor at least as well ({other} points against {these}).",
            own.score,
        ).format(other=own.score, these=score)
    if taken and len(taken) >= mentor.capacity:
        best_other = max(p.score for p in taken)
        return ngettext(
            "The mentor’s places went to other mentees ({other} point at best, against {these}), "
            "which gives the best total for the whole cohort.",
            "The mentor’s places went to other mentees ({other} points at best, against {these}), "
            "which gives the best total for the whole cohort.",
            best_other,
        ).format(other=best_other, these=score)
    return _("Another assignment gives a better total for the whole cohort.")


def why_unmatched(
    mentee: Candidate,
    mentors: list[Candidate],
    result: SuggestionResult,
    levels: dict[str, Level] | None = None,
    excluded: Iterable[tuple[int, int]] = (),
) -> str:
    """A sentence for the coordinator: why ``mentee`` got no suggestion in ``result``, from the same
    must-haves, places and exclusions that ``suggest`` works with."""
    levels = {**DEFAULT_LEVELS, **(levels or {})}
    open_mentors = [m for m in mentors if m.capacity > 0]
    if not open_mentors:
        return _("No mentor has a free place.")
    never = {mentor for mentee_id, mentor in excluded if mentee_id == mentee.id}
    failures: dict[str, int] = {}
    declined = 0
    fitting: list[Candidate] = []
    for mentor in open_mentors:
        allowed, _score, _reasons, failed = evaluate(mentee, mentor, levels)
        if not allowed:
            for criterion in failed:
                failures[criterion] = failures.get(criterion, 0) + 1
        elif mentor.id in never:
            declined += 1
        else:
            fitting.append(mentor)
    if fitting:
        return ngettext(
            "{n} mentor meets the must-haves but has no place left: it went to another mentee.",
            "{n} mentors meet the must-haves but have no place left: their places went to other mentees.",
            len(fitting),
        ).format(n=len(fitting))
    everyone = [c for c, n in failures.items() if n == len(open_mentors)]
    if everyone:
        return ngettext(
            "No mentor with a free place meets the must-have: {criteria}.",
            "No mentor with a free place meets the must-haves: {criteria}.",
            len(everyone),
        ).format(criteria=", ".join(_(CRITERIA[c]) for c in everyone))
    parts = [
        ngettext("{criterion} ({n} mentor)", "{criterion} ({n} mentors)", n).format(criterion=_(CRITERIA[c]), n=n)
        for c, n in sorted(failures.items(), key=lambda item: -item[1])
    ]
    if declined:
        parts.append(
            ngettext(
                "declined or ended before ({n} mentor)", "declined or ended before ({n} mentors)", declined
            ).format(n=declined)
        )
    return _("Every mentor with a free place misses a must-have: {reasons}.").format(reasons="; ".join(parts))


def unmatched_reasons(
    mentees: list[Candidate],
    mentors: list[Candidate],
    result: SuggestionResult,
    levels: dict[str, Level] | None = None,
    excluded: Iterable[tuple[int, int]] = (),
) -> dict[int, str]:
    """``why_unmatched`` for every mentee of ``result.unmatched_mentees``."""
    by_id = {m.id: m for m in mentees}
    excluded = list(excluded)
    return {
        mentee_id: why_unmatched(by_id[mentee_id], mentors, result, levels, excluded)
        for mentee_id in result.unmatched_mentees
        if mentee_id in by_id
    }
