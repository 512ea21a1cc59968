"""The glossary file: terms, preferred translations, do-not-translate names, and its errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from toolkit.errors import InputError
from toolkit.glossary import GlossaryTerm, load_glossary


def test_alternatives_and_preferred() -> None:
    term = GlossaryTerm("spyware", "software espía | programa espía")
    assert term.alternatives == ("software espía", "programa espía")
    assert term.preferred == "software espía"
    assert GlossaryTerm("NSO Group", "").preferred == "NSO Group"


def write(tmp_path: Path, data: bytes | str) -> Path:
    path = tmp_path / "glossary.csv"
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def test_load_glossary(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "\ufeffterm,translation,note\n"
        "NSO Group,,company name\n"
        "\n"
        'spyware,"programa espía",\n'
        '"cartel","cártel","RAE: cártel, also cartel"\n'
        '"Attorney General\'s Office",Procuraduría General de la República,"PGR,\n'
        'until 2018"\n',
    )
    terms = load_glossary(path, "locales/es/glossary.csv")
    assert [(e.term, e.translation, e.note) for e in terms] == [
        ("NSO Group", "", "company name"),
        ("spyware", "programa espía", ""),
        ("cartel", "cártel", "RAE: cártel, also cartel"),
        ("Attorney General's Office", "Procuraduría General de la República", "PGR,\nuntil 2018"),
    ]
    assert [e.term for e in terms if e.do_not_translate] == ["NSO Group"]
    assert terms[1].alternatives == ("programa espía",)


def test_load_glossary_note_column_optional(tmp_path: Path) -> None:
    path = write(tmp_path, "term,translation\nPegasus,\n")
    assert load_glossary(path, "g.csv") == [GlossaryTerm("Pegasus", "")]


@pytest.mark.parametrize(
    ("data", "message", "line"),
    [
        (
            "name,value\nx,y\n",
            "expected the header row 'term,translation,note', found 'name,value'",
            1,
        ),
        ("", "empty glossary: expected the header row 'term,translation,note'", 1),
        (
            "term,translation,note\nok,bien,\nspyware,programa, espía,note\n",
            "4 fields, expected term,translation,note (quote a field that contains a comma)",
            3,
        ),
        (
            "term,translation,note\nonly\n",
            "1 fields, expected term,translation,note (quote a field that contains a comma)",
            2,
        ),
        ("term,translation,note\n,vacío,\n", "empty term", 2),
        (
            'term,translation,note\n"a\nb",x,\nR3D,,\nR3D,,again\n',
            "duplicate term 'R3D' (first on line 4)",
            5,
        ),
        ('term,translation,note\nok,bien,\n"open,x,\n', "malformed CSV: unexpected end of data", 3),
    ],
)
def test_load_glossary_errors_name_file_and_line(
    tmp_path: Path, data: str, message: str, line: int
) -> None:
    with pytest.raises(InputError) as info:
        load_glossary(write(tmp_path, data), "locales/es/glossary.csv")
    assert (info.value.message, info.value.path, info.value.line) == (
        message,
        "locales/es/glossary.csv",
        line,
    )


def test_load_glossary_strict_utf8(tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        load_glossary(write(tmp_path, b"term,translation,note\nc\xe1rtel,,\n"), "g.csv")
    assert str(info.value) == "g.csv:2: not valid UTF-8 (byte 0xe1)"
