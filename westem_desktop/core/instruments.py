"""The evaluation instruments of the manual: questions as data, keyed for storage.

``kind`` is ``rating`` (1–5, with the words for its two ends: ``low`` for 1, ``high`` for 5), ``count``
(a whole number), ``yes_no`` (1 yes, 0 no) or ``text``.
"""

from __future__ import annotations

from dataclasses import dataclass

from westem_desktop.core.enums import Instrument
from westem_desktop.i18n import N_


@dataclass(frozen=True)
class Question:
    key: str
    kind: str
    label: str
    low: str = ""  # a rating's 1
    high: str = ""  # a rating's 5


RATING_SCALE = (1, 5)


INSTRUMENTS: dict[Instrument, tuple[Question, ...]] = {
    Instrument.SESSION: (
        Question("usefulness", "rating", N_("How useful was the session?"), N_("not at all"), N_("very useful")),
        Question("atmosphere", "rating", N_("How was the atmosphere?"), N_("very poor"), N_("very good")),
        Question(
            "goal_progress", "rating", N_("How much progress was made on the goals?"), N_("none"), N_("very much")
        ),
        Question("reflection", "text", N_("A short reflection on the session")),
    ),
    Instrument.MIDPOINT: (
        Question("relationship", "text", N_("How has the relationship developed?")),
        Question("reaching_goals", "text", N_("Are you reaching the goals set at the start?")),
        Question("as_expected", "text", N_("Is this what you expected?")),
        Question("improvements", "text", N_("What would make the programme better for you?")),
    ),
    Instrument.FINAL: (
        Question("goals_met", "text", N_("Which goals were met?")),
        Question("goals_not_met", "text", N_("Which goals were not met, and why?")),
        Question("strengths", "text", N_("What have I learned about my strengths and challenges?")),
        Question("apply", "text", N_("How will I apply what I have learned?")),
        Question("biases", "text", N_("Did I identify biases in STEM that affected my choices?")),
        Question("sessions", "count", N_("Number of sessions")),
        Question("quality", "rating", N_("Quality of the sessions"), N_("very poor"), N_("very good")),
        Question(
            "effectiveness", "rating", N_("Effectiveness of the sessions"), N_("not at all"), N_("very effective")
        ),
        Question("gains", "text", N_("Personal gains")),
        Question(
            "stem_intention",
            "rating",
            N_("Effect on the intention to study or work in STEM"),
            N_("none"),
            N_("very strong"),
        ),
        Question("recommend", "yes_no", N_("Would you recommend the programme?")),
    ),
}


def question_keys(instrument: Instrument | str) -> tuple[str, ...]:
    return tuple(q.key for q in INSTRUMENTS[Instrument(instrument)])


FORM_TITLES = {
    Instrument.SESSION: N_("Evaluation of the session"),
    Instrument.MIDPOINT: N_("Midpoint reflection"),
    Instrument.FINAL: N_("Final evaluation"),
}
