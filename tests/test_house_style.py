"""Italics the house style adds to names of publications: accepted by ``markup``, and only they."""

from __future__ import annotations

import pytest

from toolkit.checks.house_style import italic_terms, without_house_italics
from toolkit.checks.run import Glossary, check_entry
from toolkit.entry import Entry
from toolkit.glossary import GlossaryTerm

GLOSSARY = Glossary(
    (
        GlossaryTerm("The New York Times", "", "[italics] newspaper: kept, in italics"),
        GlossaryTerm("Times", "", "[italics] short form"),
        GlossaryTerm("One Hundred Years of Solitude", "Cien años de soledad", "[italics] novel"),
        GlossaryTerm("Pegasus", "", "product name: never italicised"),
    )
)
SOURCE = "The New York Times reported that the Times article was wrong."


def markup(msgid: str, msgstr: str, glossary: Glossary | None = GLOSSARY) -> list[str]:
    found = check_entry(Entry(msgid, msgstr), source_lang="en", target_lang="es", glossary=glossary)
    return [message for name, message in found if name == "markup"]


def test_the_flag_names_the_terms_and_their_translations() -> None:
    assert italic_terms(GLOSSARY.entries) == (
        "The New York Times",
        "Times",
        "One Hundred Years of Solitude",
        "Cien años de soledad",
    )


@pytest.mark.parametrize(
    "msgstr",
    [
        "*The New York Times* informó que el artículo del *Times* estaba equivocado.",
        "_The New York Times_ informó que el artículo del _Times_ estaba equivocado.",
        "*The New York Times* informó que el artículo del Times estaba equivocado.",
    ],
)
def test_italics_added_to_a_flagged_name_are_accepted(msgstr: str) -> None:
    assert markup(SOURCE, msgstr) == []


def test_italics_on_a_translated_title_are_accepted_on_either_side() -> None:
    assert markup("He read One Hundred Years of Solitude.", "Leyó *Cien años de soledad*.") == []
    assert markup("He read *One Hundred Years of Solitude*.", "Leyó Cien años de soledad.") == []


@pytest.mark.parametrize(
    ("msgstr", "message"),
    [
        # Emphasis on any other word is still the translator's to keep or not add.
        (
            "*The New York Times* informó que el artículo del *Times* estaba *equivocado*.",
            "emphasis markers (* or _): 0 in the source, 2 in the translation",
        ),
        # Only italics: strong emphasis on a name is not house style.
        (
            "**The New York Times** informó que el artículo del Times estaba equivocado.",
            "strong emphasis markers (** or __): 0 in the source, 2 in the translation",
        ),
        # The emphasis must wrap the whole name, not a part of it.
        (
            "*The New York* Times informó que el artículo del Times estaba equivocado.",
            "emphasis markers (* or _): 0 in the source, 2 in the translation",
        ),
        # A name without the flag.
        (
            "The New York Times informó que el artículo del Times sobre *Pegasus* estaba mal.",
            "emphasis markers (* or _): 0 in the source, 2 in the translation",
        ),
    ],
)
def test_other_emphasis_is_still_counted(msgstr: str, message: str) -> None:
    assert markup(SOURCE, msgstr) == [message]


def test_without_a_glossary_the_italics_are_counted() -> None:
    assert markup(
        SOURCE, "*The New York Times* informó que el artículo del Times era falso.", None
    ) == ["emphasis markers (* or _): 0 in the source, 2 in the translation"]


def test_only_the_emphasis_around_the_name_is_removed() -> None:
    text = "Según *The New York Times*, **no** y _Times_ y un_Times_dentro y \\*Times*."
    assert without_house_italics(text, GLOSSARY.entries) == (
        "Según The New York Times, **no** y Times y un_Times_dentro y \\*Times*."
    )
