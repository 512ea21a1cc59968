"""Glossary loading, placeholder protection and restoration."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.glossary import GlossaryTerm
from toolkit.markdown.inline import markup_signature
from toolkit.mt.protect import (
    TOKEN_RE,
    PlaceholderError,
    Protector,
    restore,
)

DNT = [GlossaryTerm(t) for t in ("NSO", "NSO Group", "Pegasus", "Citizen Lab", "R3D")]

# --- glossary ---------------------------------------------------------------------------------


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "glossary.csv"
    path.write_text(text, encoding="utf-8")
    return path


# --- protection -------------------------------------------------------------------------------

SAMPLES = [
    "The spyware, known as Pegasus, is made by the NSO Group.",
    'See *the report* by **Citizen Lab** at [their site](https://citizenlab.ca/x_(y) "T").',
    "Run `l10n translate` and e-mail me@example.com, see https://example.org/a.b. Or www.x.com!",
    "A [shortcut] and [text][label] and [collapsed][] and ![alt *text*](img.png) done.",
    "Intraword foo*bar*baz and snake_case and _under_ and 5 \\* 3 and AT&amp;T <b>bold</b>.",
    "Line one  \nline two\\\nthree, and <https://auto.link/x> and <!-- note -->.",
    "NSO Group's exploit framework, R3D and NSO.",
    "[![logo](a.png)](https://x.org) ***both*** `` a ` b ``",
]


@pytest.mark.parametrize("text", SAMPLES)
def test_unchanged_output_restores_the_source(text: str) -> None:
    protected = Protector(DNT).protect(text)
    assert restore(protected, protected.text) == text
    assert markup_signature(restore(protected, protected.text)) == markup_signature(text)


def test_what_is_protected() -> None:
    protected = Protector(DNT).protect(SAMPLES[1] + " " + SAMPLES[2])
    hidden = {p.source for p in protected.placeholders}
    assert {"*", "**", "[", '](https://citizenlab.ca/x_(y) "T")', "`l10n translate`"} <= hidden
    assert {"me@example.com", "https://example.org/a.b", "www.x.com", "Citizen Lab"} <= hidden
    for source in hidden - {"*", "**", "["}:
        assert source not in protected.text
    assert "the report" in protected.text and "their site" in protected.text


def test_reference_labels_are_kept_whole() -> None:
    protected = Protector().protect(SAMPLES[3])
    hidden = [p.source for p in protected.placeholders]
    assert "[shortcut]" in hidden and "[collapsed][]" in hidden and "][label]" in hidden
    assert "text" in protected.text and "alt" in protected.text  # link text is translated


def test_longest_term_first_and_word_boundaries() -> None:
    protected = Protector(DNT).protect("NSO Group, NSO, Pegasuses and R3Dx and (R3D).")
    assert [p.source for p in protected.placeholders] == ["NSO Group", "NSO", "R3D"]
    assert "Pegasuses" in protected.text and "R3Dx" in protected.text


def test_terms_with_a_translation_come_back_translated() -> None:
    terms = [GlossaryTerm("spyware", "programa espía"), GlossaryTerm("Pegasus")]
    protected = Protector(terms).protect("Spyware like Pegasus is spyware.")
    assert "spyware" not in protected.text.lower()
    out = restore(protected, protected.text.replace("like", "como").replace("is", "es"))
    assert out == "Programa espía como Pegasus es programa espía."


def test_spaces_the_engine_adds_inside_markup_are_removed() -> None:
    protected = Protector().protect("A *bold* word and [a link](u).")
    assert protected.text == "A XQX1X bold XQX2X word and XQX3X a link XQX4X."
    engine = "Una palabra XQX1X  negrita XQX2X y XQX3X un enlace XQX4X ."
    assert restore(protected, engine) == "Una palabra *negrita* y [un enlace](u)."


def test_a_token_touching_a_word_is_spaced_for_the_engine() -> None:
    protected = Protector().protect("foo`x`bar")
    assert protected.text == "foo XQX1X bar"
    assert restore(protected, "fu XQX1X barra") == "fu`x`barra"


@pytest.mark.parametrize(
    ("output", "problem"),
    [
        ("Hola XQX1X.", "'`b`' missing"),
        ("Hola XQX1X XQX2X XQX2X.", "'`b`' repeated"),
        ("Hola XQX1X XQX2X XQX3X.", "unknown placeholder XQX3X"),
        ("Hola xqx1x XQX2X.", "'`a`' missing"),
    ],
)
def test_restore_refuses_lost_repeated_or_invented_tokens(output: str, problem: str) -> None:
    protected = Protector().protect("Hello `a` `b`.")
    with pytest.raises(PlaceholderError, match=problem):
        restore(protected, output)


def test_text_that_already_looks_like_a_token_is_refused() -> None:
    with pytest.raises(PlaceholderError, match="XQX1X"):
        Protector().protect("The code XQX1X is odd.")


def test_markup_signature_sees_a_closer_moved_before_its_opener() -> None:
    protected = Protector().protect("Some *emphasis* here.")
    moved = restore(protected, "XQX2X Algo XQX1X énfasis aquí.")
    assert markup_signature(moved) != markup_signature("Some *emphasis* here.")


WORDS = st.sampled_from(
    [
        "word",
        "Pegasus",
        "NSO Group",
        "*",
        "**",
        "_",
        "`code`",
        "[",
        "]",
        "(u)",
        "\\*",
        "<b>",
        "</b>",
        "https://x.org/a",
        "a@b.co",
        "&amp;",
        "!",
        ",",
        "'s",
        "snake_case",
        "R3D",
    ]
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(WORDS, st.sampled_from(["", " "])), max_size=12))
def test_restore_inverts_protect(pieces: list[tuple[str, str]]) -> None:
    text = "".join(word + sep for word, sep in pieces).strip()
    protected = Protector(DNT).protect(text)
    assert restore(protected, protected.text) == text
    assert len(TOKEN_RE.findall(protected.text)) == len(protected.placeholders)
