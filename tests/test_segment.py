"""Segmentation: which blocks are translatable, sentence boundaries, and exact reassembly."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import SAMPLE
from toolkit.article import parse_article
from toolkit.segment import Block, parse, place, rebuild, split_sentences


def blocks_of(markdown: str) -> list[tuple[str, str, int]]:
    return [(b.kind, b.text, b.line) for b in parse(markdown).blocks]


def test_translatable_blocks_and_kinds() -> None:
    body = parse_article(SAMPLE, "sample.md").body
    found = blocks_of(body)
    kinds = [k for k, _, _ in found]
    assert kinds == [
        "heading 1",
        "paragraph",
        "blockquote",
        "list item",
        "list item",
        "list item",
        "table header",
        "table header",
        "table cell",
        "table cell",
        "paragraph",
    ]
    texts = [t for _, t, _ in found]
    # A hard-wrapped paragraph becomes one line; inline Markdown stays as Markdown.
    assert texts[1].startswith("Mr. Smith met Dr. Jones in the U.S. on Jan. 5 at 10 a.m. They")
    assert "\n" not in texts[1]
    assert texts[2] == (
        'A quoted paragraph with a [link](https://example.org/a "Title") and *emphasis*. '
        "It continues here."
    )
    assert texts[3] == "First item, with `code` inside."
    # Code blocks and HTML blocks are not translatable.
    assert not any("print(" in t or "HTML blocks" in t for t in texts)


def test_lines_are_body_lines() -> None:
    found = blocks_of("# Title\n\nPara one\ncontinues.\n\n> quote\n")
    assert [(k, line) for k, _, line in found] == [
        ("heading 1", 1),
        ("paragraph", 3),
        ("blockquote", 6),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Mr. Smith and Dr. Jones met in the U.S. on Jan. 5.",
        "The report was published in Sept. 2015 by R. J. Dominguez.",
        "They paid $1.5 million for it, e.g. in cash.",
        "The meeting started at 10 a.m. sharp.",
        'He said "it is over. We are done." and walked out.',
        "See case No. 5 in the file.",
    ],
)
def test_sentence_splitter_keeps_tricky_sentences_whole(text: str) -> None:
    assert split_sentences(text) == [(text, "")]


def test_sentence_splitter_splits_real_boundaries() -> None:
    text = "The spyware is sold to governments. It can read texts! Does it work? Yes."
    assert [s for s, _ in split_sentences(text)] == [
        "The spyware is sold to governments.",
        "It can read texts!",
        "Does it work?",
        "Yes.",
    ]


def test_sentence_split_never_cuts_inline_markup() -> None:
    text = "See [the report. It is long](https://x.org/a.b) now. *Bold. Claim.* Done."
    sentences = [s for s, _ in split_sentences(text)]
    assert all(s.count("[") == s.count("]") for s in sentences)
    assert all(s.count("*") % 2 == 0 for s in sentences)
    assert "".join(s + sep for s, sep in split_sentences(text)) == text


def test_identity_rebuild_is_byte_exact_for_single_line_blocks() -> None:
    body = parse_article(SAMPLE, "sample.md").body
    doc = parse(body)
    rebuilt = rebuild(doc, [b.text for b in doc.blocks])
    # Only the hard-wrapped paragraphs change: their lines are joined.
    assert rebuilt.count("\n") == body.count("\n") - 2
    assert '```python\nprint("code is not translated")\n```' in rebuilt


def test_translation_placed_in_its_span_only() -> None:
    body = "> one\n> two\n\n- item\n\n| a | b |\n|---|---|\n| c | d |\n"
    doc = parse(body)
    out = rebuild(doc, ["uno dos", "elemento", None, None, "c | e", None])
    assert out == "> uno dos\n\n- elemento\n\n| a | b |\n|---|---|\n| c \\| e | d |\n"


@pytest.mark.parametrize(
    ("translation", "expected"),
    [
        ("# no es un título", "\\# no es un título"),
        ("1. no es una lista", "1\\. no es una lista"),
        ("- tampoco", "\\- tampoco"),
        ("> ni una cita", "\\> ni una cita"),
        ("texto normal", "texto normal"),
    ],
)
def test_translation_cannot_change_block_structure(translation: str, expected: str) -> None:
    block = Block("paragraph", "source text", 1, 0, 11)
    assert place(block, translation) == expected


def test_hard_break_keeps_container_prefix() -> None:
    body = "> first\\\n> second\n"
    doc = parse(body)
    assert doc.blocks[0].text == "first\\\nsecond"
    assert rebuild(doc, ["primero\\\nsegundo"]) == "> primero\\\n> segundo\n"


# --- properties ------------------------------------------------------------------------------

words = st.sampled_from(
    [
        "spyware",
        "Mexico",
        "the",
        "report",
        "said",
        "Dr.",
        "U.S.",
        "$1.5",
        "million",
        "50",
        "percent",
        '"quoted',
        'text"',
        "*emphasis*",
        "`code`",
        "[link](https://x.org)",
        "e.g.",
        "a.m.",
        "Jan.",
        "R. J.",
        "NSO",
        "Group",
    ]
)
sentence = (
    st.lists(words, min_size=1, max_size=12).map(lambda ws: " ".join(ws)).map(lambda s: s + ".")
)
paragraph = st.lists(sentence, min_size=1, max_size=5).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(paragraph)
def test_sentences_join_back_to_the_block(text: str) -> None:
    pairs = split_sentences(text)
    assert "".join(s + sep for s, sep in pairs) == text
    assert all(s.strip() == s and s for s, _ in pairs)


@settings(max_examples=150, deadline=None)
@given(paragraph)
def test_fast_piece_finding_agrees_with_pysbd(text: str) -> None:
    from toolkit.segment import _pieces, _segmenter

    assert _pieces(text, "en") == _segmenter("en").segment(text)


block_md = st.one_of(
    paragraph,
    paragraph.map(lambda p: "# " + p),
    paragraph.map(lambda p: "> " + p),
    st.lists(paragraph, min_size=1, max_size=3).map(lambda ps: "\n".join("- " + p for p in ps)),
    st.just("```\ncode block\n```"),
)


@settings(max_examples=100, deadline=None)
@given(st.lists(block_md, min_size=1, max_size=6))
def test_segment_then_rebuild_reproduces_the_document(blocks: list[str]) -> None:
    body = "\n\n".join(blocks) + "\n"
    doc = parse(body)
    assert rebuild(doc, [b.text for b in doc.blocks]) == body
    for block in doc.blocks:
        assert body[block.start : block.end] == block.text
