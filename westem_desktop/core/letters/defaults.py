"""The shipped letters in each language, in the manual's words (the four phases, the first meeting
within two weeks, the mentoring agreement signed at that meeting, the evaluations, the certificate).
Written natively per language from the seeds and the glossary: editable content, not gettext texts.
A paragraph is one line, as a mail program wraps it."""

# ruff: noqa: E501

from __future__ import annotations

from westem_desktop.core.letters.templates import Kind

EN: dict[Kind, tuple[str, str]] = {
    Kind.INTRODUCTION: (
        "{programme}: meet your mentoring partner",
        """Dear {mentor} and {mentee},

Welcome to {programme}! I am happy to introduce you to each other as a mentoring pair.

{mentor} is the mentor ({mentor_email}), and {mentee} is the mentee ({mentee_email}).

Your mentoring cycle has four phases: preparation, negotiation, activation and closure. It starts with getting to know each other, so please meet for the first time by {first_meeting_by}, within two weeks. {mentee}, it is up to you to get in touch and propose a day; {mentor}, please help find a time that suits you both.

At that first meeting you talk about what you each expect, set your boundaries and think about your goals. You then fill in and sign your mentoring agreement together: it is attached, to bring along.

Plan at least one to two hours a month for your meetings. After each meeting, and at the end, I will ask you for a short evaluation: it helps us make the programme better.

If anything is unclear, or if you need help along the way, just reply to this e-mail.

Good luck, and enjoy your mentoring!

Kind regards,
{coordinator}
Coordinator, {programme}
{coordinator_email}
""",
    ),
    Kind.INVITATION: (
        "{programme}: an invitation",
        """Dear {first_name},

I would like to invite you, as a {role} in {programme}, to a meeting for everyone in the programme. We will talk about how the mentoring is going, share experiences and tips, and get to know each other better.

Date and time:
Place:

Please reply to this e-mail to let me know whether you can come.

I look forward to seeing you!

Kind regards,
{coordinator}
Coordinator, {programme}
{coordinator_email}
""",
    ),
    Kind.QUIET_REMINDER: (
        "{programme}: how is your mentoring going?",
        """Dear {mentor} and {mentee},

I have not heard about a meeting of yours for {weeks_quiet} weeks (the last one I know of: {last_contact}), so I would like to ask how things are going. Your pair is in the phase {phase}.

If you have met, please tell me when, so that I can note it. If it has been hard to find a time, perhaps you can agree on a date for your next meeting now, online or in person. Your mentoring agreement may help you pick up where you left off.

If something is not working, or if one of you wishes to end the mentoring, that is all right too: either of you may do so, without blame. Just let me know, and we will find a good way forward together.

Kind regards,
{coordinator}
Coordinator, {programme}
{coordinator_email}
""",
    ),
    Kind.EVALUATION_REMINDER: (
        "{programme}: your {form}",
        """Dear {first_name},

I have not yet received your {form} for the mentoring of {mentor} and {mentee}. It was due on {due}.

It takes only a few minutes, and your answers help both of you look back on what you have reached and help us make the programme better. Please send it to me as soon as you can.

If you have already sent it, thank you, and please ignore this reminder.

Kind regards,
{coordinator}
Coordinator, {programme}
{coordinator_email}
""",
    ),
    Kind.THANKS: (
        "{programme}: thank you!",
        """Dear {first_name},

The mentoring of {mentor} and {mentee} in {programme} has come to a close. I would like to thank you warmly for taking part as a {role}, and for the {hours} hours of mentoring you spent together.

Take a moment to look back on the whole cycle: which goals you reached, what you learnt, and what you will take with you. Your certificate of participation is attached.

Thank you for your time and your commitment. I hope to see you again, perhaps as a mentor yourself!

Kind regards,
{coordinator}
Coordinator, {programme}
{coordinator_email}
""",
    ),
}

DEFAULTS: dict[str, dict[Kind, tuple[str, str]]] = {"en": EN}
