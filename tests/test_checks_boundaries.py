"""Edge cases of the doublespace and length checks, pinned at their boundaries.

Both let deliberate mistakes through before (issue 16: two of the ten surviving mutants):
the double-space pattern must see exactly two spaces, before a word or a punctuation mark,
and after a word or a punctuation mark; the length bounds are inclusive (0.5x and 2.0x pass,
just outside does not) and a source is judged from 20 characters of text, spaces at its ends
not counted.
"""

from __future__ import annotations

import pytest

from toolkit.checks.run import check_entry
from toolkit.checks.style import LENGTH_MIN_SOURCE, LENGTH_RATIO
from toolkit.entry import Entry


def messages(check: str, msgid: str, msgstr: str) -> list[str]:
    found = check_entry(Entry(msgid, msgstr), source_lang="en", target_lang="es", glossary=None)
    return [message for name, message in found if name == check]


# --- doublespace ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("translation", "message"),
    [
        ("el informe  fue publicado", 'double space in the translation after "informe"'),
        ("dijo:  fue publicado", 'double space in the translation after "dijo:"'),
        ("fue publicado.  El informe", 'double space in the translation after "publicado."'),
        ("dijo  «basta»", 'double space in the translation after "dijo"'),
        ("dijo  (ayer) que sí", 'double space in the translation after "dijo"'),
        ("el informe\u00a0 fue publicado", 'double space in the translation after "informe"'),
        ("el informe   fue publicado", 'double space in the translation after "informe"'),
    ],
)
def test_two_spaces_are_reported_with_the_word_before(translation: str, message: str) -> None:
    assert messages("doublespace", "the report was published", translation) == [message]


def test_two_spaces_at_the_start_are_reported_without_a_word_before() -> None:
    # Leading spaces are whitespace's; inside the text, a run after a symbol-less start.
    assert messages("doublespace", "- the report", "-  el informe") == [
        'double space in the translation after "-"'
    ]


@pytest.mark.parametrize(
    ("source", "translation"),
    [
        ("the report was published", "el informe fue publicado"),
        ("the report  was published", "el informe  fue publicado"),  # the source has it too
        ("the report was published", "el informe fue publicado  "),  # at the end: whitespace
    ],
)
def test_no_double_space_to_report(source: str, translation: str) -> None:
    assert messages("doublespace", source, translation) == []


# --- length ----------------------------------------------------------------------------------

SOURCE_20 = "abcdefghij klmnopqrs"  # exactly LENGTH_MIN_SOURCE characters of text


def test_the_boundaries_are_the_documented_ones() -> None:
    assert (LENGTH_MIN_SOURCE, LENGTH_RATIO) == (20, (0.5, 2.0))
    assert len(SOURCE_20) == LENGTH_MIN_SOURCE


@pytest.mark.parametrize(
    ("length", "reported"),
    [(9, "0.45"), (10, None), (40, None), (41, "2.05")],
)
def test_the_ratio_bounds_are_inclusive(length: int, reported: str | None) -> None:
    found = messages("length", SOURCE_20, "x" * length)
    if reported is None:
        assert found == []
    else:
        assert found == [
            f"translation is {reported}x the length of the source "
            "(expected 0.5x to 2.0x): something missing or added?"
        ]


def test_a_source_of_19_characters_is_not_judged() -> None:
    assert messages("length", SOURCE_20[:19], "x") == []
    assert messages("length", SOURCE_20, "x") != []


def test_spaces_at_the_ends_of_the_source_do_not_count() -> None:
    # 19 characters of text padded to 23: still too short to judge.
    assert messages("length", f"  {SOURCE_20[:19]}  ", "x") == []
    # 20 characters of text, translation 10 padded to 14: exactly 0.5x, not reported.
    assert messages("length", SOURCE_20, "  " + "x" * 10 + "  ") == []
