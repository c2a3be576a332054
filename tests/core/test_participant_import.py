"""Importing registration spreadsheets: every encoding and delimiter Excel writes, headers in four
languages, refusals with row, column and reason, no duplicates, all or nothing."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from tests.platforms import assert_private
from westem_desktop.core.io import participant_import as pi
from westem_desktop.core.io.participant_export import export_participants
from westem_desktop.core.io.safety import spreadsheet_safe
from westem_desktop.core.io.tables import TableReadError, read_table
from westem_desktop.core.models import Participant
from westem_desktop.core.programmes import ProgrammeSettings, create_programme

ROWS = [
    ["Namn", "E-post", "Roll", "Årskurs", "Språk", "Land", "Kapacitet"],
    ["Astrid Lindqvist", "astrid@uu.se", "Mentor", "4", "svenska, engelska", "Sverige", "2"],
    ["Şebnem Yılmaz", "sebnem@uu.se", "adept", "1", "tr; en", "TR", ""],
    ["Nguyễn Thị Hương", "huong@uu.se", "Adept", "2", "vi", "Vietnam", ""],
]
BAD_ROWS = [
    ["Utan E-post", "", "adept", "1", "sv", "SE", ""],
    ["Bad Mail", "bad-mail", "adept", "1", "sv", "SE", ""],
    ["Astrid Again", "ASTRID@uu.se", "mentor", "4", "sv", "SE", "1"],
    ["Okänd Roll", "okand@uu.se", "student", "1", "sv", "SE", ""],
    [],
    ["Extra Kolumner", "extra@uu.se", "mentor", "3", "sv", "SE", "1", "surplus", "more"],
]


@pytest.fixture
def programme(database) -> int:
    with database.session() as session:
        return create_programme(session, ProgrammeSettings(name="P")).id


def write_csv(path: Path, rows: list[list[str]], encoding: str, delimiter: str) -> Path:
    text_rows = [delimiter.join(f'"{c}"' if delimiter in c else c for c in row) for row in rows]
    path.write_bytes(("\r\n".join(text_rows) + "\r\n").encode(encoding))
    return path


def import_file(database, programme: int, path: Path, policy=pi.DuplicatePolicy.SKIP) -> pi.ImportResult:
    table = read_table(path)
    mapping = pi.guess_mapping(table.headers)
    assert pi.mapping_problem(mapping) is None
    with database.session() as session:
        checked = pi.check_rows(session, programme, table, mapping)
        return pi.apply_import(session, programme, checked, policy)


def names(database, programme: int) -> list[str]:
    with database.session() as session:
        return sorted(session.scalars(select(Participant.name).where(Participant.programme_id == programme)))


@pytest.mark.parametrize("delimiter", [",", ";", "\t"], ids=["comma", "semicolon", "tab"])
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16"])
def test_csv_in_every_encoding_and_delimiter(database, programme, tmp_path, encoding, delimiter) -> None:
    path = write_csv(tmp_path / "people.csv", ROWS, encoding, delimiter)
    result = import_file(database, programme, path)
    assert (result.created, result.refused) == (3, [])
    assert names(database, programme) == ["Astrid Lindqvist", "Nguyễn Thị Hương", "Şebnem Yılmaz"]
    with database.session() as session:
        astrid = session.scalar(select(Participant).where(Participant.email == "astrid@uu.se"))
        assert (astrid.role, astrid.languages, astrid.country, astrid.capacity) == ("mentor", ["sv", "en"], "SE", 2)


def test_windows_1252_as_excel_writes_it(database, programme, tmp_path) -> None:
    rows = [
        ["Naam", "E-mail", "Rol"],
        ["Ingrid Ødegård", "ingrid@uio.no", "mentee"],
        ["Renée Dubois", "r@x.nl", "mentor"],
    ]
    path = write_csv(tmp_path / "excel.csv", rows, "cp1252", ";")
    assert import_file(database, programme, path).created == 2
    assert names(database, programme) == ["Ingrid Ødegård", "Renée Dubois"]


def test_xlsx_with_norwegian_headers(database, programme, tmp_path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Fornavn", "Etternavn", "E-post", "Rolle", "Studieår", "Samtykke"])
    sheet.append(["Synnøve", "Løvås", "synnove@ntnu.no", "Adept", 1, "ja"])
    sheet.append(["Ingeborg", "Sæther", "ingeborg@ntnu.no", "Mentor", 4.0, "nei"])
    workbook.save(tmp_path / "people.xlsx")
    result = import_file(database, programme, tmp_path / "people.xlsx")
    assert result.created == 2
    with database.session() as session:
        synnove = session.scalar(select(Participant).where(Participant.email == "synnove@ntnu.no"))
        assert (synnove.name, synnove.year_of_study, synnove.consent) == ("Synnøve Løvås", 1, True)
        assert synnove.consent_date == dt.date.today()


def test_bad_rows_are_refused_with_row_column_and_reason(database, programme, tmp_path) -> None:
    path = write_csv(tmp_path / "mixed.csv", ROWS + BAD_ROWS, "utf-8", ";")
    result = import_file(database, programme, path)
    refused = {(r.row, r.column): r.reason for r in result.refused}
    assert refused == {
        (5, "E-post"): "The e-mail address is required.",
        (6, "E-post"): "“bad-mail” is not a valid e-mail address.",
        (7, "E-post"): "The same e-mail address as row 2.",
        (8, "Roll"): "Unknown role “student”: write mentor or mentee.",
    }
    assert result.created == 4  # three good rows and the one with extra columns; the empty line is no row
    assert "Extra Kolumner" in names(database, programme)


def test_a_row_with_a_text_longer_than_its_column_is_refused_and_the_others_imported(
    database, programme, tmp_path
) -> None:
    rows = [
        ["Namn", "E-post", "Roll", "Lärosäte"],
        ["Astrid Lind", "astrid@uu.se", "mentor", "Uppsala universitet"],
        ["Saga Berg", "saga@uu.se", "mentee", "Uppsala " * 30],
        ["Elin Ek", "elin@uu.se", "mentee", ""],
    ]
    result = import_file(database, programme, write_csv(tmp_path / "long.csv", rows, "utf-8", ";"))
    refused = {(r.row, r.column): r.reason for r in result.refused}
    assert refused == {
        (3, "Lärosäte"): "“Uppsala Uppsala Uppsala Uppsal…” is too long: 200 characters fit here, it has 239.",
    }
    assert names(database, programme) == ["Astrid Lind", "Elin Ek"]


def test_refused_rows_save_as_a_csv_that_imports_again(database, programme, tmp_path) -> None:
    path = write_csv(tmp_path / "mixed.csv", ROWS + BAD_ROWS, "utf-8", ";")
    result = import_file(database, programme, path)
    rejects = tmp_path / "rejects.csv"
    pi.write_refusals(rejects, read_table(path).headers, result.refused)
    with rejects.open(encoding="utf-8-sig", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][-3:] == ["Row", "Column", "Problem"]
    assert [r[-3] for r in rows[1:]] == ["5", "6", "7", "8"]
    # Fixed in the spreadsheet, the file goes in again: the columns are still recognised.
    rows[2][1] = "bad@uu.se"
    with rejects.open("w", encoding="utf-8-sig", newline="") as handle:
        csv.writer(handle).writerows(rows)
    again = import_file(database, programme, rejects)
    assert again.created == 1 and "Bad Mail" in names(database, programme)


def test_importing_the_same_file_twice_creates_no_duplicates(database, programme, tmp_path) -> None:
    path = write_csv(tmp_path / "people.csv", ROWS, "utf-8", ",")
    import_file(database, programme, path)
    second = import_file(database, programme, path)
    assert (second.created, second.skipped, second.updated) == (0, 3, 0)
    changed = [row[:] for row in ROWS]
    changed[1][3] = "5"
    write_csv(path, changed, "utf-8", ",")
    third = import_file(database, programme, path, pi.DuplicatePolicy.UPDATE)
    assert (third.created, third.updated) == (0, 3)
    with database.session() as session:
        assert session.scalar(select(func.count()).select_from(Participant)) == 3
        assert session.scalar(select(Participant.year_of_study).where(Participant.email == "astrid@uu.se")) == 5


def test_cancelling_leaves_nothing_behind(database, programme, tmp_path) -> None:
    rows = [ROWS[0]] + [[f"Person {i}", f"p{i}@uu.se", "adept", "1", "sv", "SE", ""] for i in range(600)]
    table = read_table(write_csv(tmp_path / "many.csv", rows, "utf-8", ","))
    seen = []
    with pytest.raises(pi.ImportCancelled), database.session() as session:
        checked = pi.check_rows(session, programme, table, pi.guess_mapping(table.headers))
        pi.apply_import(session, programme, checked, progress=lambda done, total: seen.append(done) or done < 400)
    assert seen[:2] == [200, 400]
    assert names(database, programme) == []


@pytest.mark.parametrize(
    "content",
    [b"", b"\n\n\n", b"Name,E-mail\n", b"\x00\x01\x02binary\x00", b"PK\x03\x04broken zip"],
    ids=["empty", "blank", "header-only", "binary", "broken-xlsx"],
)
def test_unreadable_files_say_why(database, programme, tmp_path, content) -> None:
    path = tmp_path / "file.csv"
    path.write_bytes(content)
    if content == b"Name,E-mail\n":
        assert read_table(path).rows == []
        return
    with pytest.raises(TableReadError) as raised:
        read_table(path)
    assert str(raised.value)


def test_a_table_without_a_name_or_email_column_is_not_guessed() -> None:
    assert pi.mapping_problem(pi.guess_mapping(["Foo", "E-mail"])) == "Choose the column with the participants’ names."
    assert pi.mapping_problem(pi.guess_mapping(["Naam", "Telefoon"])) == "Choose the column with the e-mail addresses."


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400) | st.text(max_size=300).map(lambda t: t.encode("utf-8")))
def test_no_input_crashes_the_importer_or_imports_in_part(database, programme, tmp_path, data) -> None:
    path = tmp_path / "fuzz.csv"
    path.write_bytes(b"Name;E-mail;Role\n" + data)
    with database.session() as session:
        before = session.scalar(select(func.count()).select_from(Participant))
    try:
        table = read_table(path)
    except TableReadError as error:
        assert str(error)
        return
    mapping = pi.guess_mapping(table.headers)
    with database.session() as session:
        checked = pi.check_rows(session, programme, table, mapping)
        result = pi.apply_import(session, programme, checked)
    assert all(r.row >= 2 and r.reason for r in result.refused)
    with database.session() as session:
        after = session.scalar(select(func.count()).select_from(Participant))
    assert after - before == result.created
    assert result.created + result.skipped + len(result.refused) == len(table.rows)


def test_export_round_trip_csv_and_xlsx(database, programme, tmp_path) -> None:
    import_file(database, programme, write_csv(tmp_path / "people.csv", ROWS, "utf-8", ","))
    for name in ("out.csv", "out.xlsx"):
        with database.session() as session:
            assert export_participants(session, programme, tmp_path / name) == 3
        with database.session() as session:
            other = create_programme(session, ProgrammeSettings(name=f"Copy {name}")).id
        result = import_file(database, other, tmp_path / name)
        assert (result.created, result.refused) == (3, [])
        assert names(database, other) == names(database, programme)
    assert (tmp_path / "out.csv").read_bytes().startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 by the BOM
    assert_private(tmp_path / "out.csv")


def test_formulas_are_neutralised_in_exports(database, programme, tmp_path) -> None:
    rows = [
        ["Name", "E-mail", "Role", "Notes"],
        ['=HYPERLINK("http://x")', "f@uu.se", "mentor", "@SUM(A1)"],
        ["+46 70 123", "g@uu.se", "mentor", "-3"],
    ]
    import_file(database, programme, write_csv(tmp_path / "f.csv", rows, "utf-8", ","))
    with database.session() as session:
        export_participants(session, programme, tmp_path / "out.xlsx")
        export_participants(session, programme, tmp_path / "out.csv")
    sheet = load_workbook(tmp_path / "out.xlsx").active
    cells = [c for row in sheet.iter_rows(min_row=2) for c in row if c.value is not None]
    # In a workbook the text is kept as it is, in a text cell: never a formula.
    values = {c.value for c in cells}
    assert {'=HYPERLINK("http://x")', "@SUM(A1)", "+46 70 123", "-3"} <= values
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    # In a CSV, which has no types, it gets an apostrophe.
    text = (tmp_path / "out.csv").read_text(encoding="utf-8-sig")
    assert '"\'=HYPERLINK(""http://x"")"' in text and "'@SUM(A1)" in text and "'+46 70 123" in text
    assert ",-3" in text


@pytest.mark.parametrize(
    ("value", "safe"),
    [
        ("=1+1", "'=1+1"),
        ("+cmd", "'+cmd"),
        ("-2+3", "'-2+3"),
        ("@A1", "'@A1"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("-3", "-3"),
        ("+46", "+46"),
        ("Łucja", "Łucja"),
        (4, 4),
    ],
)
def test_spreadsheet_safe(value, safe) -> None:
    assert spreadsheet_safe(value) == safe


def test_every_controlled_column_knows_common_words_and_names_the_allowed_values(database, programme, tmp_path) -> None:
    rows = [
        ["Namn", "E-post", "Roll", "Ämnesområde", "Stöd", "Mötesform", "Språk"],
        ["Astrid", "astrid@uu.se", "Mentor", "Data/IT", "", "På campus", "svenska"],
        ["Saga", "saga@uu.se", "Adept", "Datavetenskap; Matematik", "Karriär, nätverk", "Fysiskt", "sv"],
        ["Elin", "elin@uu.se", "Adept", "IT/Mathematics", "Zelfvertrouwen", "Digitalt", "en"],
        ["Maja", "maja@uu.se", "Adept", "ICT", "Op locatie", "Op locatie", "sv"],
        ["Vera", "vera@uu.se", "Adept", "Alkemi", "", "", "sv"],
        ["Ylva", "ylva@uu.se", "Adept", "ICT", "", "Brevduva", "sv"],
    ]
    result = import_file(database, programme, write_csv(tmp_path / "synonyms.csv", rows, "utf-8", ","))
    refused = {r.row: (r.column, r.reason) for r in result.refused}
    assert refused == {
        5: ("Stöd", "Unknown support “Op locatie”. Use one of: Career, Studies, Confidence, Practical help, Network."),
        6: (
            "Ämnesområde",
            "Unknown field of expertise “Alkemi”. "
            "Use one of: Natural science, Technology, Engineering, Mathematics, ICT.",
        ),
        7: ("Mötesform", "Unknown mode “Brevduva”. Use one of: Online, Face-to-face, Hybrid."),
    }
    with database.session() as session:
        stored = {
            p.name: (p.fields, p.support_wanted, p.preferred_mode)
            for p in session.scalars(select(Participant).where(Participant.programme_id == programme))
        }
    assert stored == {
        "Astrid": (["ict"], [], "face_to_face"),
        "Saga": (["ict", "mathematics"], ["career", "network"], "face_to_face"),
        "Elin": (["ict", "mathematics"], ["confidence"], "online"),
    }


@pytest.mark.parametrize(
    ("language", "languages", "country", "order"),
    [
        ("sv", "svenska, engelska", "Sverige", ["Adam Ek", "Łucja Nowak", "Zoë Berg", "Åsa Öberg", "Örjan Ek"]),
        ("nb", "svensk, engelsk", "Sverige", ["Adam Ek", "Łucja Nowak", "Zoë Berg", "Örjan Ek", "Åsa Öberg"]),
        ("nl", "Zweeds, Engels", "Zweden", ["Adam Ek", "Åsa Öberg", "Łucja Nowak", "Örjan Ek", "Zoë Berg"]),
    ],
)
def test_export_names_languages_and_countries_and_sorts_as_the_language_does(
    database, programme, tmp_path, language, languages, country, order
) -> None:
    from westem_desktop.i18n import set_language

    people = [["Name", "E-mail", "Role", "Languages", "Country"]] + [
        [name, f"p{i}@uu.se", "mentee", "sv, en", "SE"]
        for i, name in enumerate(["Örjan Ek", "Zoë Berg", "Åsa Öberg", "Łucja Nowak", "Adam Ek"])
    ]
    import_file(database, programme, write_csv(tmp_path / "in.csv", people, "utf-8", ","))
    try:
        set_language(language)
        with database.session() as session:
            export_participants(session, programme, tmp_path / "out.xlsx")
            export_participants(session, programme, tmp_path / "out.csv")
    finally:
        set_language("en")
    sheet = list(load_workbook(tmp_path / "out.xlsx").active.iter_rows(values_only=True))
    rows = sheet[1:]
    assert [row[0] for row in rows] == order
    assert {row[8] for row in rows} == {languages}  # the languages column, after the country
    assert {row[7] for row in rows} == {country}
    assert f'"{languages}"' in (tmp_path / "out.csv").read_text(encoding="utf-8-sig")
    # The names read back as the codes they stand for.
    with database.session() as session:
        other = create_programme(session, ProgrammeSettings(name=f"Copy {language}")).id
    assert import_file(database, other, tmp_path / "out.csv").created == 5
    with database.session() as session:
        copies = session.scalars(select(Participant).where(Participant.programme_id == other))
        stored = {(*p.languages, p.country) for p in copies}
    assert stored == {("sv", "en", "SE")}
