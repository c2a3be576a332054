"""The checklists of the WESTEM manual: onboarding per role and the four phases of the cycle.

Keys are stored in the database; labels are marked with ``N_`` and translated where shown. The onboarding
labels are the coordinator's tracking notes ("Read the code of conduct"); the handouts address the reader
with their own texts (``ONBOARDING_HANDOUT``, "Read the code of conduct" as an instruction).
"""

from __future__ import annotations

from westem_desktop.core.enums import Phase, Role
from westem_desktop.i18n import N_, _

ONBOARDING: dict[Role, tuple[tuple[str, str], ...]] = {
    Role.MENTEE: (
        ("registered", N_("Joined and registered for the programme")),
        ("chose_mentor", N_("Chose a mentor")),
        ("code_of_conduct", N_("Read and accepted the code of conduct")),
        ("read_manual", N_("Read the manual and reflected on what she wants")),
        ("contacted_mentor", N_("Contacted her mentor for a first meeting")),
    ),
    Role.MENTOR: (
        ("registered", N_("Joined and registered for the programme")),
        ("code_of_conduct", N_("Read and accepted the code of conduct")),
        ("preparatory_meeting", N_("Read the manual and joined the preparatory meeting for mentors")),
        ("presentation", N_("Filled in the mentor presentation")),
        ("resources", N_("Explored the resources")),
    ),
}

ONBOARDING_HANDOUT: dict[Role, tuple[str, ...]] = {
    Role.MENTEE: (
        N_("Join and register for the programme"),
        N_("Choose your mentor"),
        N_("Read and accept the code of conduct"),
        N_("Read the manual and reflect on what you want from the mentoring"),
        N_("Contact your mentor for a first meeting"),
    ),
    Role.MENTOR: (
        N_("Join and register for the programme"),
        N_("Read and accept the code of conduct"),
        N_("Read the manual and join the preparatory meeting for mentors"),
        N_("Fill in the mentor presentation with your profile"),
        N_("Explore the resources for your meetings"),
    ),
}
"""The onboarding checklists as the handouts print them: to the reader, in the imperative (the manual's
"Checklista för adepter / för mentorer")."""

PHASE_NAMES: dict[Phase, str] = {
    Phase.PREPARATION: N_("Preparation"),
    Phase.NEGOTIATION: N_("Negotiation"),
    Phase.ACTIVATION: N_("Activation"),
    Phase.CLOSURE: N_("Closure"),
}

PHASE_CHECKLISTS: dict[Phase, tuple[tuple[str, str], ...]] = {
    Phase.PREPARATION: (
        ("first_meeting_date", N_("Decide the date of the first meeting")),
        ("self_reflection", N_("Reflect on what you want before the meeting")),
        ("get_to_know", N_("Get to know each other")),
        ("build_trust", N_("Build trust")),
        ("set_boundaries", N_("Set boundaries")),
        ("think_goals", N_("Think about goals")),
        ("discuss_agreement", N_("Discuss the mentoring agreement")),
    ),
    Phase.NEGOTIATION: (
        ("expectations", N_("Discuss expectations")),
        ("timeline", N_("Agree on a timeline")),
        ("concrete_goals", N_("Agree concrete goals together")),
        ("success_criteria", N_("Define success criteria")),
        ("next_meeting_date", N_("Decide the date of the next meeting")),
        ("next_tasks", N_("Agree tasks and goals for the next meeting")),
        ("session_feedback", N_("Give feedback on the session")),
    ),
    Phase.ACTIVATION: (
        ("evaluate_goals", N_("Evaluate goals")),
        ("revise_goals", N_("Revise goals")),
        ("edit_goals", N_("Edit goals")),
        ("constructive_feedback", N_("Give constructive feedback")),
        ("listen_actively", N_("Listen actively")),
    ),
    Phase.CLOSURE: (
        ("review_process", N_("Look back on the mentoring process")),
        ("review_agreement", N_("Review the agreement")),
        ("close_relationship", N_("Close the relationship")),
        ("next_steps", N_("Talk about the mentee's next steps")),
        ("feedback_template", N_("Fill in the feedback template")),
    ),
}


def onboarding_keys(role: Role | str) -> tuple[str, ...]:
    return tuple(key for key, _label in ONBOARDING[Role(role)])


def onboarding_label(role: Role | str, key: str) -> str:
    """The translated text of an onboarding item; an unknown key is shown as it is."""
    texts = dict(ONBOARDING[Role(role)]) if role in tuple(Role) else {}
    return _(texts[key]) if key in texts else key


def phase_keys(phase: Phase | int) -> tuple[str, ...]:
    return tuple(key for key, _label in PHASE_CHECKLISTS[Phase(phase)])


PHASE_GUIDE: dict[Phase, tuple[str, str, str]] = {
    Phase.PREPARATION: (
        N_("Build a foundation of trust: get to know each other and set boundaries."),
        N_("Usually the first meeting; phases 1 and 2 may be merged into it or split over two meetings."),
        N_(
            "Share your background and how you got where you are. Find what you have in common. "
            "Always treat each other with respect and goodwill."
        ),
    ),
    Phase.NEGOTIATION: (
        N_("Turn needs, expectations and questions into goals, and agree the mentoring agreement."),
        N_("Agree a timeline: from a few weeks up to at most four months. Set at most three goals."),
        N_(
            "Say what you cannot and will not do. Define together when the mentoring is a success. "
            "Plan the next meeting at the end of each meeting."
        ),
    ),
    Phase.ACTIVATION: (
        N_("Do the main work towards the goals; evaluate and revise them together as you go."),
        N_("As many meetings as you need; a meeting lasts 20–60 minutes. Flash mentoring skips this phase."),
        N_(
            "Ask for feedback regularly and do not be afraid of constructive criticism. Listen actively. "
            "Look for answers in other resources too: nobody has them all."
        ),
    ),
    Phase.CLOSURE: (
        N_("Look back on the whole process once the goals are reached, and close the relationship."),
        N_("A last meeting, online or in person."),
        N_(
            "Review the agreement and the goals you reached. Talk about the mentee's next steps. "
            "Fill in the final evaluation."
        ),
    ),
}
"""What the handouts say of each phase (the manual, "Mentorskapscykel"): its aim, how long it takes, tips."""

PHASE_QUESTIONS: dict[Phase, tuple[str, ...]] = {
    Phase.PREPARATION: (
        N_("What do I want from the mentoring?"),
        N_("What do we have in common: interests, likes and dislikes?"),
        N_("What are the boundaries of each of us?"),
    ),
    Phase.NEGOTIATION: (
        N_("What do you expect from this mentoring programme?"),
        N_("How long are you willing to commit to this programme?"),
        N_("When are you available?"),
        N_("How shall we work together?"),
        N_("How often do we meet?"),
        N_("Which specific goals do I want to reach? (At most three goals)"),
    ),
    Phase.ACTIVATION: (
        N_("How has your mentoring relationship developed?"),
        N_("Are you reaching the goals you set at the start of the programme?"),
        N_("Is this what you expected when you joined the programme?"),
        N_("What would make this programme better for you in the future?"),
    ),
    Phase.CLOSURE: (
        N_("Which goals were met?"),
        N_("Which goals were not met? Why not?"),
        N_("What have I learned about my strengths and challenges?"),
        N_("How will I apply what I have learned from this relationship?"),
        N_("What have I learned about my strengths and challenges related to STEM?"),
        N_("Did I identify biases in STEM that affected my choices? Do I know how to address them?"),
        N_("What impact did the mentoring have on my intentions to study or work in STEM?"),
    ),
}
