"""Import mentors and mentees from a registration spreadsheet.

Three steps, so the window can show a preview between them: ``guess_mapping`` recognises the columns
by their headers in English, Swedish, Norwegian and Dutch; ``check_rows`` turns every row into a
``ParticipantData`` or a refusal (row number, column, reason); ``apply_import`` writes the good rows in
one transaction, updating or skipping people already registered (same e-mail in the programme). A
cancelled or failed import leaves the database as it was.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from westem_desktop.core import participants as people
from westem_desktop.core.enums import Mode, ParticipantStatus, Role
from westem_desktop.core.errors import WestemError
from westem_desktop.core.io.tables import MAX_CELL, SHARED_VALUES, Table
from westem_desktop.core.labels import label
from westem_desktop.core.models import Participant
from westem_desktop.core.vocabulary import FIELDS, LANGUAGE_CODES, SUPPORT, field_label, interest_key, support_label
from westem_desktop.i18n import N_, _, ngettext


class Target(StrEnum):
    """What a column can hold."""

    NAME = "name"
    FIRST_NAME = "first_name"
    LAST_NAME = "last_name"
    EMAIL = "email"
    ROLE = "role"
    INSTITUTION = "institution"
    STUDY_PROGRAMME = "study_programme"
    YEAR = "year_of_study"
    FIELDS = "fields"
    COUNTRY = "country"
    LANGUAGES = "languages"
    INTERESTS = "interests"
    SUPPORT = "support_wanted"
    MODE = "preferred_mode"
    AVAILABILITY = "availability"
    CAPACITY = "capacity"
    CONSENT = "consent"
    STATUS = "status"
    NOTES = "notes"


TARGET_VALUES = frozenset(t.value for t in Target)
TARGET_LABELS: dict[Target, str] = {
    Target.NAME: N_("Name"),
    Target.FIRST_NAME: N_("First name"),
    Target.LAST_NAME: N_("Last name"),
    Target.EMAIL: N_("E-mail"),
    Target.ROLE: N_("Role"),
    Target.INSTITUTION: N_("Institution"),
    Target.STUDY_PROGRAMME: N_("Study programme"),
    Target.YEAR: N_("Year of study"),
    Target.FIELDS: N_("Fields of expertise"),
    Target.COUNTRY: N_("Country"),
    Target.LANGUAGES: N_("Languages"),
    Target.INTERESTS: N_("Interests"),
    Target.SUPPORT: N_("Support wanted"),
    Target.MODE: N_("Preferred mode"),
    Target.AVAILABILITY: N_("Availability"),
    Target.CAPACITY: N_("Capacity"),
    Target.CONSENT: N_("Consent"),
    Target.STATUS: N_("Status"),
    Target.NOTES: N_("Notes"),
}

# Header words in en, sv, nb and nl, compared after ``_key`` (lower case, letters and digits only).
HEADERS: dict[Target, tuple[str, ...]] = {
    Target.NAME: ("name", "fullname", "namn", "fulltnamn", "navn", "fulltnavn", "naam", "volledigenaam"),
    Target.FIRST_NAME: ("firstname", "givenname", "fornamn", "fornavn", "voornaam"),
    Target.LAST_NAME: ("lastname", "surname", "familyname", "efternamn", "etternavn", "achternaam"),
    Target.EMAIL: ("email", "emailaddress", "mail", "epost", "epostadress", "epostadresse", "emailadres", "mailadres"),
    Target.ROLE: ("role", "roll", "rolle", "rol", "mentorormentee", "mentorelleradept"),
    Target.INSTITUTION: (
        "institution",
        "university",
        "school",
        "larosate",
        "universitet",
        "hogskola",
        "skola",
        "institusjon",
        "universitetet",
        "skole",
        "instelling",
        "universiteit",
        "hogeschool",
    ),
    Target.STUDY_PROGRAMME: (
        "programme",
        "program",
        "studyprogramme",
        "studyprogram",
        "course",
        "utbildning",
        "studieprogram",
        "studieprogramme",
        "studium",
        "opleiding",
        "studie",
    ),
    Target.YEAR: ("year", "yearofstudy", "studyyear", "arskurs", "ar", "studiear", "arstrinn", "studiejaar", "jaar"),
    Target.FIELDS: (
        "field",
        "fields",
        "fieldofexpertise",
        "fieldsofexpertise",
        "expertise",
        "omrade",
        "amnesomrade",
        "kompetensomrade",
        "fagfelt",
        "fagomrade",
        "vakgebied",
        "vakgebieden",
        "discipline",
    ),
    Target.COUNTRY: ("country", "land", "nationality", "nationalitet", "nasjonalitet", "nationaliteit"),
    Target.LANGUAGES: ("language", "languages", "languagesspoken", "sprak", "talen", "taal", "gesprokentalen"),
    Target.INTERESTS: ("interest", "interests", "intressen", "interesser", "interesses", "hobbys", "hobbies"),
    Target.SUPPORT: (
        "support",
        "supportwanted",
        "stod",
        "onskatstod",
        "stotte",
        "onsketstotte",
        "ondersteuning",
        "hulpvraag",
        "wantstohelpwith",
        "behov",
    ),
    Target.MODE: ("mode", "preferredmode", "motesform", "moteform", "vorm", "voorkeursvorm"),
    Target.AVAILABILITY: ("availability", "tillganglighet", "tilgjengelighet", "beschikbaarheid"),
    Target.CAPACITY: (
        "capacity",
        "maxmentees",
        "kapacitet",
        "kapasitet",
        "capaciteit",
        "antaladepter",
        "antalladepter",
        "aantalmentees",
    ),
    Target.CONSENT: ("consent", "gdprconsent", "samtycke", "samtykke", "toestemming"),
    Target.STATUS: ("status",),
    Target.NOTES: ("notes", "note", "comments", "anteckningar", "kommentar", "notater", "merknader", "opmerkingen"),
}

ROLE_WORDS: dict[str, Role] = {
    **dict.fromkeys(("mentor", "mentors", "mentorer", "mentoren", "mentorn"), Role.MENTOR),
    **dict.fromkeys(("mentee", "mentees", "adept", "adepter", "adepten", "adeptene"), Role.MENTEE),
}
MODE_WORDS: dict[str, Mode] = {
    **dict.fromkeys(
        (
            "online",
            "digital",
            "digitalt",
            "distans",
            "pådistans",
            "digitaal",
            "remote",
            "video",
            "videomøte",
            "op afstand",
        ),
        Mode.ONLINE,
    ),
    **dict.fromkeys(
        (
            "facetoface",
            "face2face",
            "inperson",
            "onsite",
            "oncampus",
            "påcampus",
            "påplats",
            "fysiskt",
            "fysisk",
            "fysisktmöte",
            "fysiskmøte",
            "ansiktemotansikte",
            "ansiktetilansikt",
            "fysiek",
            "opcampus",
            "oplocatie",
            "persoonlijk",
            "ipersoon",
        ),
        Mode.FACE_TO_FACE,
    ),
    **dict.fromkeys(
        ("hybrid", "hybride", "blandat", "blandet", "gemengd", "both", "båda", "begge", "beide", "combined"),
        Mode.HYBRID,
    ),
}
STATUS_WORDS: dict[str, ParticipantStatus] = {
    **dict.fromkeys(("active", "aktiv", "actief"), ParticipantStatus.ACTIVE),
    **dict.fromkeys(("withdrawn", "avhoppad", "trukketseg", "teruggetrokken"), ParticipantStatus.WITHDRAWN),
    **dict.fromkeys(("completed", "genomford", "fullfort", "afgerond"), ParticipantStatus.COMPLETED),
}
YES = {"yes", "y", "ja", "j", "true", "1", "x", "sant"}
NO = {"no", "n", "nej", "nei", "nee", "false", "0", "falskt", ""}
LIST_SEPARATORS = re.compile(r"[,;|\n]+")


class ImportCancelled(WestemError):
    """The coordinator cancelled; nothing was written."""


class DuplicatePolicy(StrEnum):
    SKIP = "skip"
    UPDATE = "update"


@dataclass(frozen=True)
class Refusal:
    row: int
    column: str
    reason: str
    cells: tuple[str, ...] = ()


@dataclass
class CheckedRows:
    valid: list[tuple[int, people.ParticipantData]] = field(default_factory=list)
    refused: list[Refusal] = field(default_factory=list)
    existing: dict[str, int] = field(default_factory=dict)  # e-mail → participant id in the programme

    @property
    def duplicates(self) -> int:
        return sum(1 for _row, data in self.valid if data.email in self.existing)


@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    skipped: int = 0
    refused: list[Refusal] = field(default_factory=list)


def _key(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in plain if c.isalnum() and not unicodedata.combining(c))


def guess_mapping(headers: list[str]) -> dict[int, Target]:
    """Column index → what it holds, for the headers recognised; each target at most once."""
    from westem_desktop.i18n import LANGUAGES, translate_in

    # The export's own headers, in any of the four languages, and the synonyms people write.
    lookup = {_key(translate_in(lang, text)): target for lang in LANGUAGES for target, text in TARGET_LABELS.items()}
    lookup.update({word: target for target, words in HEADERS.items() for word in words})
    mapping: dict[int, Target] = {}
    for index, header in enumerate(headers):
        target = lookup.get(_key(header))
        if target is not None and target not in mapping.values():
            mapping[index] = target
    return mapping


def mapping_problem(mapping: dict[int, Target]) -> str | None:
    """Why a mapping cannot import anything (no name or no e-mail column), or None."""
    targets = set(mapping.values())
    if Target.NAME not in targets and not {Target.FIRST_NAME, Target.LAST_NAME} & targets:
        return _("Choose the column with the participants’ names.")
    if Target.EMAIL not in targets:
        return _("Choose the column with the e-mail addresses.")
    return None


# Common words for the fields of expertise and the support wanted, in the four languages (the labels
# themselves, in every language, are recognised too).
FIELD_WORDS: dict[str, str] = {
    **dict.fromkeys(
        (
            "it",
            "ikt",
            "data",
            "data/it",
            "data och it",
            "datavetenskap",
            "datateknik",
            "informatik",
            "informatikk",
            "informatica",
            "informasjonsteknologi",
            "informationsteknik",
            "computer science",
            "computing",
            "information technology",
        ),
        "ict",
    ),
    **dict.fromkeys(
        (
            "science",
            "natural sciences",
            "naturvetenskap",
            "naturvitenskap",
            "natuurwetenschappen",
            "physics",
            "fysik",
            "fysikk",
            "natuurkunde",
            "chemistry",
            "kemi",
            "kjemi",
            "scheikunde",
            "biology",
            "biologi",
            "biologie",
        ),
        "natural_science",
    ),
    **dict.fromkeys(("tech", "teknik", "teknologi", "techniek", "technologie"), "technology"),
    **dict.fromkeys(
        ("ingenjörsvetenskap", "ingenjör", "ingeniør", "ingeniørfag", "ingenieur", "ingenieurswetenschappen"),
        "engineering",
    ),
    **dict.fromkeys(
        ("math", "maths", "matematik", "matematikk", "wiskunde", "statistics", "statistik", "statistikk"),
        "mathematics",
    ),
}
SUPPORT_WORDS: dict[str, str] = {
    **dict.fromkeys(("careers", "job", "jobb", "work", "karriär", "karriere", "carrière", "loopbaan"), "career"),
    **dict.fromkeys(("study", "studying", "studier", "studiet", "studie", "studeren", "studiesucces"), "studies"),
    **dict.fromkeys(
        ("self-confidence", "självförtroende", "selvtillit", "selvfølelse", "zelfvertrouwen"), "confidence"
    ),
    **dict.fromkeys(
        ("practical", "praktisk", "praktisk hjälp", "praktisk hjelp", "praktisch", "praktische hulp"), "practical_help"
    ),
    **dict.fromkeys(("networking", "contacts", "nätverk", "nettverk", "kontakter", "netwerk", "netwerken"), "network"),
}


class _Words:
    """One controlled column: its words (codes, labels in the four languages, synonyms) and its allowed values."""

    def __init__(self, words: dict[str, str], hint: Callable[[], str]) -> None:
        self.codes = {_key(word): code for word, code in words.items()}
        self.hint = hint  # the sentence that tells what the column takes

    def code(self, text: str) -> str | None:
        return self.codes.get(_key(text))

    def refuse(self, column: str, unknown: str, value: str) -> _RowError:
        return _RowError(column, f"{unknown.format(value=value)} {self.hint()}")


class _Vocabularies:
    """Every controlled column of the import, recognised the same way in all four languages."""

    def __init__(self) -> None:
        from babel import Locale

        from westem_desktop.i18n import translate_in

        languages: dict[str, str] = {code: code for code in LANGUAGE_CODES}
        countries: dict[str, str] = {}
        fields: dict[str, str] = {**{k: k for k in FIELDS}, **FIELD_WORDS}
        support: dict[str, str] = {**{k: k for k in SUPPORT}, **SUPPORT_WORDS}
        modes: dict[str, str] = {**{m.value: m.value for m in Mode}, **MODE_WORDS}
        statuses: dict[str, str] = {**{s.value: s.value for s in ParticipantStatus}, **STATUS_WORDS}
        for lang in ("en", "sv", "nb", "nl"):
            cldr = Locale.parse(lang)
            for code in LANGUAGE_CODES:
                if code in cldr.languages:
                    languages[cldr.languages[code]] = code
            for code, name in cldr.territories.items():
                if len(code) == 2 and code.isalpha():
                    countries[name] = code
            for key, text in FIELDS.items():
                fields[translate_in(lang, text)] = key
            for key, text in SUPPORT.items():
                support[translate_in(lang, text)] = key
            for mode in Mode:
                modes[label(mode, lang)] = mode.value
            for status in ParticipantStatus:
                statuses[label(status, lang)] = status.value
        languages.update({"norsk": "nb", "norwegian": "nb", "bokmål": "nb", "noors": "nb", "no": "nb"})
        self.languages = _Words(languages, lambda: _("Write the language’s name or its two-letter code."))
        self.countries = _Words(countries, lambda: _("Write the country’s name or its two-letter code."))
        self.fields = _Words(fields, lambda: _one_of(field_label(k) for k in FIELDS))
        self.support = _Words(support, lambda: _one_of(support_label(k) for k in SUPPORT))
        self.modes = _Words(modes, lambda: _one_of(label(m) for m in Mode))
        self.statuses = _Words(statuses, lambda: _one_of(label(s) for s in ParticipantStatus))


def _one_of(values: Iterable[str]) -> str:
    return _("Use one of: {values}.").format(values=", ".join(values))


class _RowError(Exception):
    def __init__(self, column: str, reason: str) -> None:
        super().__init__(reason)
        self.column = column
        self.reason = reason


def _split(text: str) -> list[str]:
    return [part.strip() for part in LIST_SEPARATORS.split(text) if part.strip()]


def _codes(text: str, words: _Words, column: str, unknown: str) -> list[str]:
    """Codes for the names or codes in a list cell ("Data/IT" is one word, "ICT/Mathematics" two);
    ``unknown`` is the message for a value not recognised."""
    codes: list[str] = []
    for part in _split(text):
        found = words.code(part)
        parts = [found] if found else [words.code(piece) for piece in part.split("/") if piece.strip()]
        if not parts or None in parts:
            raise words.refuse(column, unknown, part)
        codes.extend(code for code in parts if code not in codes)
    return codes


def _integer(text: str, column: str) -> int | None:
    if not text:
        return None
    digits = re.findall(r"\d+", text)
    if len(digits) != 1:
        raise _RowError(column, _("“{value}” is not a number.").format(value=text))
    return int(digits[0])


def _parse_row(cells: dict[Target, str], headers: dict[Target, str], vocab: _Vocabularies) -> people.ParticipantData:
    def get(target: Target) -> str:
        return cells.get(target, "")

    role_text = get(Target.ROLE)
    role = ROLE_WORDS.get(_key(role_text))
    if role is None:
        column = headers.get(Target.ROLE, TARGET_LABELS[Target.ROLE])
        if not role_text:
            raise _RowError(column, _("The role is missing (mentor or mentee)."))
        raise _RowError(column, _("Unknown role “{value}”: write mentor or mentee.").format(value=role_text))
    name = get(Target.NAME) or " ".join(p for p in (get(Target.FIRST_NAME), get(Target.LAST_NAME)) if p)
    consent_text = _key(get(Target.CONSENT))
    if consent_text not in YES | NO:
        raise _RowError(headers.get(Target.CONSENT, ""), _("Consent must be yes or no."))
    mode_text = get(Target.MODE)
    mode = vocab.modes.code(mode_text) if mode_text else None
    if mode_text and mode is None:
        raise vocab.modes.refuse(headers[Target.MODE], _("Unknown mode “{value}”."), mode_text)
    status_text = get(Target.STATUS)
    status = vocab.statuses.code(status_text) if status_text else ParticipantStatus.ACTIVE
    if status is None:
        raise vocab.statuses.refuse(headers[Target.STATUS], _("Unknown status “{value}”."), status_text)
    country = get(Target.COUNTRY)
    if country:
        code = country.upper() if re.fullmatch(r"[A-Za-z]{2}", country) else vocab.countries.code(country)
        if code is None:
            raise vocab.countries.refuse(headers[Target.COUNTRY], _("Unknown country “{value}”."), country)
        country = code
    capacity = _integer(get(Target.CAPACITY), headers.get(Target.CAPACITY, ""))
    return people.ParticipantData(
        role=role,
        name=name,
        email=get(Target.EMAIL),
        institution=get(Target.INSTITUTION),
        study_programme=get(Target.STUDY_PROGRAMME),
        year_of_study=_integer(get(Target.YEAR), headers.get(Target.YEAR, "")),
        fields=_codes(
            get(Target.FIELDS), vocab.fields, headers.get(Target.FIELDS, ""), _("Unknown field of expertise “{value}”.")
        ),
        country=country,
        languages=_codes(
            get(Target.LANGUAGES), vocab.languages, headers.get(Target.LANGUAGES, ""), _("Unknown language “{value}”.")
        ),
        interests=[interest_key(word) for word in _split(get(Target.INTERESTS))],
        support_wanted=_codes(
            get(Target.SUPPORT), vocab.support, headers.get(Target.SUPPORT, ""), _("Unknown support “{value}”.")
        ),
        preferred_mode=mode,
        availability=get(Target.AVAILABILITY),
        capacity=capacity if capacity is not None else 1,
        status=status,
        consent=consent_text in YES and consent_text != "",
        consent_date=dt.date.today() if consent_text in YES and consent_text != "" else None,
        notes=get(Target.NOTES),
    )


def check_rows(session: Session, programme_id: int, table: Table, mapping: dict[int, Target]) -> CheckedRows:
    """Every row of ``table`` as a participant to import, or a refusal with row, column and reason."""
    result = CheckedRows()
    result.existing = dict(
        session.execute(
            select(Participant.email, Participant.id).where(
                Participant.programme_id == programme_id, Participant.email.is_not(None)
            )
        ).all()
    )
    headers = {target: table.headers[index] for index, target in mapping.items()}
    vocab = _Vocabularies()
    seen: dict[str, int] = {}
    shared = _Shared()
    for number, row in table.rows:
        cells = {target: row[index] if index < len(row) else "" for index, target in mapping.items()}
        try:
            for target, text in cells.items():
                if len(text) > MAX_CELL:
                    raise _RowError(
                        headers[target],
                        ngettext(
                            "The cell holds {n} character; it may hold at most {most}. Shorten it.",
                            "The cell holds {n} characters; it may hold at most {most}. Shorten it.",
                            len(text),
                        ).format(n=len(text), most=MAX_CELL),
                    )
            data = people.normalise(_parse_row(cells, headers, vocab))
            found = people.problems(data)
            if found:
                problem = found[0]
                known = problem.field in TARGET_VALUES
                column = headers.get(Target(problem.field), "") if known else ""
                raise _RowError(column, str(problem))
            if data.email in seen:
                raise _RowError(
                    headers[Target.EMAIL],
                    _("The same e-mail address as row {row}.").format(row=seen[data.email]),
                )
        except _RowError as error:
            result.refused.append(Refusal(number, error.column, error.reason, tuple(row)))
            continue
        seen[data.email] = number
        result.valid.append((number, shared(data)))
    return result


class _Shared:
    """One object for a value many rows repeat (a country, a list of languages): 100,000 checked rows stay
    well within the import's memory. Values of one field stop being shared past SHARED_VALUES different
    ones (names, e-mails). The valid rows are read, never changed, so sharing them is safe."""

    FIELDS = ("country", "institution", "study_programme", "availability", "fields", "languages", "interests")
    FIELDS += ("support_wanted",)

    def __init__(self) -> None:
        self.known: dict[str, dict[object, object] | None] = {name: {} for name in self.FIELDS}

    def __call__(self, data: people.ParticipantData) -> people.ParticipantData:
        for name, known in self.known.items():
            if known is None:
                continue
            value = getattr(data, name)
            key = tuple(value) if isinstance(value, list) else value
            setattr(data, name, known.setdefault(key, value))
            if len(known) > SHARED_VALUES:
                self.known[name] = None
        return data


def apply_import(
    session: Session,
    programme_id: int,
    checked: CheckedRows,
    policy: DuplicatePolicy = DuplicatePolicy.SKIP,
    progress: Callable[[int, int], bool] | None = None,
) -> ImportResult:
    """Write the valid rows in the caller's transaction; ``progress(done, total)`` returning False cancels.

    Cancelling raises ImportCancelled, so the caller's session rolls everything back.
    """
    result = ImportResult(refused=list(checked.refused))
    total = len(checked.valid)
    new_rows: list[dict[str, object]] = []
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None)
    for done, (_row, data) in enumerate(checked.valid, start=1):
        existing = checked.existing.get(data.email)
        if existing is None:
            new_rows.append(
                {"programme_id": programme_id, "created_at": now, "updated_at": now, **people.row_values(data)}
            )
            result.created += 1
        elif policy is DuplicatePolicy.UPDATE:
            values = people.row_values(data)
            session.execute(update(Participant).where(Participant.id == existing).values(updated_at=now, **values))
            result.updated += 1
        else:
            result.skipped += 1
        if progress is not None and (done % 200 == 0 or done == total) and not progress(done, total):
            raise ImportCancelled(_("The import was cancelled; nothing was imported."))
        if len(new_rows) >= 1000:
            session.execute(insert(Participant), new_rows)
            new_rows = []
    if new_rows:
        session.execute(insert(Participant), new_rows)
    session.flush()
    return result


def import_summary(result: ImportResult) -> str:
    """What an import did, counted: "1 added, 0 updated, 0 already registered and skipped, 2 refused."."""
    refused = len(result.refused)
    return _("{created}, {updated}, {skipped}, {refused}.").format(
        created=ngettext("{n} added", "{n} added", result.created).format(n=result.created),
        updated=ngettext("{n} updated", "{n} updated", result.updated).format(n=result.updated),
        skipped=ngettext(
            "{n} already registered and skipped", "{n} already registered and skipped", result.skipped
        ).format(n=result.skipped),
        refused=ngettext("{n} refused", "{n} refused", refused).format(n=refused),
    )


def write_refusals(path: Path, headers: list[str], refused: list[Refusal]) -> None:
    """The refused rows as a CSV to fix and import again: the original columns, then row and problem."""
    from westem_desktop.core.io.table_writer import write_table

    rows = (
        [*refusal.cells, *[""] * (len(headers) - len(refusal.cells)), refusal.row, refusal.column, refusal.reason]
        for refusal in refused
    )
    write_table(path, [*headers, _("Row"), _("Column"), _("Problem")], rows, _("Refused rows"))
