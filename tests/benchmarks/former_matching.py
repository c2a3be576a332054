"""The former matching, kept for the benchmark's comparison: dense fit matrices for the whole cohort and
a mentees × mentor-places matrix handed to ``lap.lapjv`` (extended to a square). ``install()`` puts it in
place of ``core.matching.suggest`` in this process."""

from __future__ import annotations

from collections.abc import Iterable

import numpy as np

from westem_desktop.core import matching
from westem_desktop.core.matching import DEFAULT_LEVELS, Candidate, Level, Suggestion, SuggestionResult, evaluate
from westem_desktop.core.matching import _codes as _codes
from westem_desktop.core.matching import _masks as _masks

LEVEL_POINTS = matching.LEVEL_POINTS


def _overlap(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Item counts of intersection and union for every (mentee, mentor) pair of bit-mask rows."""
    both = a[:, None, :] & b[None, :, :]
    either = a[:, None, :] | b[None, :, :]
    return np.bitwise_count(both).sum(axis=2), np.bitwise_count(either).sum(axis=2)


def fit_matrices(mentees: list[Candidate], mentors: list[Candidate]) -> dict[str, np.ndarray]:
    """``_fit`` for every criterion and every (mentee, mentor) pair at once, as float matrices."""

    def vocabulary(attribute: str) -> dict[str, int]:
        items = sorted({item for c in (*mentees, *mentors) for item in getattr(c, attribute)})
        return {item: i for i, item in enumerate(items)}

    fits: dict[str, np.ndarray] = {}
    for criterion, attribute in (("language", "languages"), ("field", "fields")):
        vocab = vocabulary(attribute)
        a = _masks([getattr(c, attribute) for c in mentees], vocab)
        b = _masks([getattr(c, attribute) for c in mentors], vocab)
        fits[criterion] = (_overlap(a, b)[0] > 0).astype(float)
    vocab = vocabulary("interests")
    both, either = _overlap(
        _masks([c.interests for c in mentees], vocab), _masks([c.interests for c in mentors], vocab)
    )
    fits["interests"] = np.divide(both, either, out=np.zeros(both.shape), where=either > 0)
    countries = _codes([c.country for c in (*mentees, *mentors)])
    a, b = countries[: len(mentees)], countries[len(mentees) :]
    fits["country"] = ((a[:, None] == b[None, :]) & (a[:, None] >= 0)).astype(float)
    modes = [c.mode or "" for c in (*mentees, *mentors)]
    codes = _codes(modes)
    hybrid = np.array([m == "hybrid" for m in modes])
    a, b = codes[: len(mentees)], codes[len(mentees) :]
    ha, hb = hybrid[: len(mentees)], hybrid[len(mentees) :]
    known = (a[:, None] >= 0) & (b[None, :] >= 0)
    agree = (a[:, None] == b[None, :]) | ha[:, None] | hb[None, :]
    fits["mode"] = np.where(known, agree.astype(float), 0.5)
    ya = np.array([np.nan if c.year is None else c.year for c in mentees], dtype=float)
    yb = np.array([np.nan if c.year is None else c.year for c in mentors], dtype=float)
    known = ~np.isnan(ya)[:, None] & ~np.isnan(yb)[None, :]
    with np.errstate(invalid="ignore"):
        fits["study_year"] = np.where(known, (yb[None, :] > ya[:, None]).astype(float), 0.5)
    programmes = _codes([c.study_programme for c in (*mentees, *mentors)])
    institutions = _codes([c.institution for c in (*mentees, *mentors)])
    pa, pb = programmes[: len(mentees)], programmes[len(mentees) :]
    ia, ib = institutions[: len(mentees)], institutions[len(mentees) :]
    same_programme = (pa[:, None] == pb[None, :]) & (pa[:, None] >= 0)
    same_institution = (ia[:, None] == ib[None, :]) & (ia[:, None] >= 0)
    fits["institution"] = np.where(same_programme, 1.0, np.where(same_institution, 0.5, 0.0))
    requests = np.zeros((len(mentees), len(mentors)))
    column = {m.id: j for j, m in enumerate(mentors)}
    for i, mentee in enumerate(mentees):
        for rank, mentor_id in enumerate(mentee.requests):
            if mentor_id in column:
                requests[i, column[mentor_id]] = 1.0 - rank / 3
    fits["requests"] = requests
    return fits


def score_matrices(
    mentees: list[Candidate], mentors: list[Candidate], levels: dict[str, Level]
) -> tuple[np.ndarray, np.ndarray]:
    """(score, allowed) for every (mentee, mentor) pair: ``evaluate`` for a whole cohort at once."""
    scores = np.zeros((len(mentees), len(mentors)), dtype=np.int64)
    allowed = np.ones((len(mentees), len(mentors)), dtype=bool)
    for criterion, fit in fit_matrices(mentees, mentors).items():
        level = levels.get(criterion, Level.OFF)
        if level is Level.OFF:
            continue
        if level is Level.MUST:
            allowed &= fit > 0
        # round half to even, as Python's round() in evaluate()
        scores += np.round(LEVEL_POINTS[level] * fit).astype(np.int64)
    return scores, allowed


def suggest(
    mentees: list[Candidate],
    mentors: list[Candidate],
    levels: dict[str, Level] | None = None,
    locked: Iterable[tuple[int, int]] = (),
    excluded: Iterable[tuple[int, int]] = (),
) -> SuggestionResult:
    """The optimal assignment of ``mentees`` to ``mentors`` within their capacity.

    ``locked`` (mentee, mentor) pairs stay and use a place; ``excluded`` pairs (a declined request, an
    ended pair) are never proposed.
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
    slots = [(mentor.id, k) for mentor in mentors for k in range(free[mentor.id])]
    if open_mentees and slots:
        slot_mentor = [by_mentor[mentor_id] for mentor_id, _k in slots]
        slot_rank = np.array([k for _mentor_id, k in slots], dtype=float)
        scores, allowed = score_matrices(open_mentees, mentors, levels)
        mentor_column = {mentor.id: j for j, mentor in enumerate(mentors)}
        for i, mentee in enumerate(open_mentees):
            for mentor_id in mentee_exclusions.get(mentee.id, ()):
                if mentor_id in mentor_column:
                    allowed[i, mentor_column[mentor_id]] = False
        columns = np.array([mentor_column[m.id] for m in slot_mentor])
        slot_scores = scores[:, columns]
        slot_allowed = allowed[:, columns]
        # Matching as many as possible comes first: every allowed pair is worth more than any score sum.
        big = (scores.max(initial=0) + 1) * (len(open_mentees) + 1)
        # A mentor's second and third places cost a little, so that load is spread; all of these costs
        # together stay below one point, so they never cost a point of the (whole-number) total score.
        penalty = 0.5 / (slot_rank.sum() + 1)
        weight = np.where(slot_allowed, big + slot_scores - penalty * slot_rank, 0.0)
        matched: set[int] = set()
        for i, c in enumerate(_assign(weight)):
            if c < 0 or not slot_allowed[i, c]:
                continue
            j = columns[c]
            mentee, mentor = open_mentees[i], mentors[j]
            _ok, score, reasons, _failed = evaluate(mentee, mentor, levels)
            result.pairs.append(Suggestion(mentee.id, mentor.id, score, reasons))
            matched.add(mentee.id)
        result.unmatched_mentees = [m.id for m in open_mentees if m.id not in matched]
    else:
        result.unmatched_mentees = [m.id for m in open_mentees]
    result.pairs.sort(key=lambda p: (p.mentor, p.mentee))
    return result


def _assign(weight: np.ndarray) -> np.ndarray:
    """For each row, the column of an assignment with the highest total weight (-1: none, when there are
    more rows than columns)."""
    import lap

    _cost, row_to_column, _column_to_row = lap.lapjv(-np.ascontiguousarray(weight, dtype=float), extend_cost=True)
    return row_to_column


def install() -> None:
    matching.suggest = suggest
