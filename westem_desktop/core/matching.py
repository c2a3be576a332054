"""Suggested pairs for a whole cohort, optimal and explained.

Each criterion the coordinator chooses is *must-have* (a pair without it is not allowed), *high*,
*medium*, *low* or *off*, and gives a pair points by how well the two fit on it (``CRITERIA``). The
cohort is assigned at once by the Jonker-Volgenant algorithm (``lap.lapjv``) over mentor capacity slots:
first as many mentees matched as the must-haves allow, then the highest total score, and with load
spread over the mentors (a mentor's second and third slots cost a little). "Better" is therefore
(mentees matched, total score) compared in that order, also against the greedy baseline. Every suggestion carries its
points per criterion; ``why_not`` says why a given mentee and mentor were not paired.

Pure functions over plain values (``Candidate``); ``load_candidates`` reads them from the database.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
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


def _masks(sets: list[frozenset[str]], vocabulary: dict[str, int]) -> np.ndarray:
    """Each set as a row of 64-bit words with one bit per item of ``vocabulary``."""
    words = max(1, (len(vocabulary) + 63) // 64)
    out = np.zeros((len(sets), words), dtype=np.uint64)
    for row, items in enumerate(sets):
        for item in items:
            bit = vocabulary[item]
            out[row, bit // 64] |= np.uint64(1) << np.uint64(bit % 64)
    return out


def _overlap(a: np.ndarray, b: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Item counts of intersection and union for every (mentee, mentor) pair of bit-mask rows."""
    both = a[:, None, :] & b[None, :, :]
    either = a[:, None, :] | b[None, :, :]
    return np.bitwise_count(both).sum(axis=2), np.bitwise_count(either).sum(axis=2)


def _codes(values: list[str]) -> np.ndarray:
    """Equal strings get equal numbers; the empty string is -1 (never equal to anything)."""
    index: dict[str, int] = {}
    return np.array([index.setdefault(v, len(index)) if v else -1 for v in values], dtype=np.int64)


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
