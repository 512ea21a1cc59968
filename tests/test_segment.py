"""Segmentation: which blocks are translatable, sentence boundaries, and exact reassembly."""

from __future__ import annotations

import json
import random
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.conftest import SAMPLE
from toolkit.article import parse_article
from toolkit.markdown import parser
from toolkit.markdown import sentences as splitting
from toolkit.markdown.blocks import Block, parse
from toolkit.markdown.reassemble import place, rebuild
from toolkit.markdown.sentences import split_sentences
from toolkit.markdown.tracking import MarkupCuts, renders_differently

REPO = Path(__file__).resolve().parents[1]


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


# --- long texts: linear time, the same answers --------------------------------------------

MARKUP_PIECES = [
    *["a", "b.", "Mr. X", " ", " ", "  ", "\n", "  \n", "\\\n", " \n", "\n ", "\t", "\u00a0"],
    *["*", "**", "_", "__", "`", "``", "[", "]", "(", ")", "](/u)", '](/u "t t")', "!", "!["],
    *["<", ">", '<a href="x y">', "</a>", "<http://a.b>", "<!-- c d -->", "&amp;", "\\", "\\*"],
]
marked_up = st.lists(st.sampled_from(MARKUP_PIECES), min_size=1, max_size=30).map("".join)


def whitespace_cuts(text: str) -> list[tuple[int, int]]:
    """(start of the whitespace, end of it) for every run with text on both sides."""
    return [
        (m.start(), m.end())
        for m in re.finditer(r"\s+", text)
        if m.start() > 0 and m.end() < len(text)
    ]


@settings(max_examples=300, deadline=None)
@given(marked_up)
def test_markup_cuts_agree_with_rendering_the_halves(text: str) -> None:
    """MarkupCuts (one parse) answers what rendering both halves against the whole answers."""
    cuts = MarkupCuts(text)
    for sep_start, cut in whitespace_cuts(text):
        assert cuts(sep_start, cut) == renders_differently(text, cut), (text, cut)


def test_markup_cuts_agree_on_the_commonmark_examples() -> None:
    examples = json.loads((REPO / "tests/data/commonmark-0.31.2-examples.json").read_text())
    texts = [b.text for ex in examples for b in parse(ex["markdown"]).blocks]
    checked = 0
    for text in texts:
        cuts = MarkupCuts(text)
        for sep_start, cut in whitespace_cuts(text):
            assert cuts(sep_start, cut) == renders_differently(text, cut), (text, cut)
            checked += 1
    assert checked > 500


NAMES = ["Smith", "Jones", "Dominguez", "García", "O'Neil", "Ruiz", "Chen", "Okafor"]


def news(seed: int, size: int) -> str:
    """Distinct news-like sentences: abbreviations, initials, money, quotes, ellipses."""
    rng = random.Random(seed)
    out: list[str] = []
    while sum(len(s) + 1 for s in out) < size:
        i, name, other = len(out), rng.choice(NAMES), rng.choice(NAMES)
        out.append(
            rng.choice(
                [
                    f"Mr. {name} met Dr. {other} in the U.S. on Jan. {i % 28 + 1} at {i % 12 + 1} a.m.",
                    f"They paid ${i}.{i % 10} million to R. J. {name} for case No. {i}.",
                    f'"It ends now," {name} said of report {i}, and left.',
                    f"Why did {other} wait {i} days? Nobody knows!",
                    f"Prices rose {i % 9}.{i % 7} percent... then fell again in St. Louis.",
                    f"Sen. {name} (D-Mass.) disagreed with Gov. {other} about item {i}; e.g. the budget.",
                ]
            )
        )
    return " ".join(out)


@pytest.mark.parametrize("seed", range(4))
def test_long_text_windows_find_what_one_pysbd_call_finds(seed: int) -> None:
    text = news(seed, 3 * splitting.LONG_TEXT // 2)
    assert len(text) > splitting.LONG_TEXT  # the windowed path
    whole = list(splitting._segmenter("en").segment(text))
    assert splitting._pysbd_pieces(text, "en") == whole
    assert len(whole) > 60


def test_a_long_run_without_sentence_end_is_cut_after_a_space() -> None:
    text = " ".join(f"word{i}" for i in range(3000))  # 26 kB, not one full stop
    sentences = split_sentences(text)
    assert "".join(s + sep for s, sep in sentences) == text
    assert len(sentences) > 1 and all(sep == " " for _, sep in sentences[:-1])
    assert all(len(s) <= splitting.WINDOW for s, _ in sentences)


def test_a_line_ending_inside_a_link_title_is_not_a_sentence_end() -> None:
    # pysbd ends a sentence at every line ending; here the title's closing quote then
    # opened a "quotation" that swallowed the sentences after it.
    text = 'See [it](/u "Case\n5"). "It ends," he said. Then he left. Why?'
    assert [s for s, _ in split_sentences(text)] == [
        'See [it](/u "Case\n5").',
        '"It ends," he said.',
        "Then he left.",
        "Why?",
    ]


def test_joining_a_hard_wrapped_paragraph_keeps_the_line_endings_of_titles() -> None:
    """Thousands of lines, link titles broken over two. That the time per line stays flat
    (the quadratic version took 10 s for 8,000) is measured in benchmarks/bench_tests.py."""
    lines = 8_000
    row = 'Text with a [link](/u "a\ntitle") and `code\nspan` and more words here.'
    body = "\n".join([row] * (lines // 3))
    (block,) = parse(body).blocks
    assert block.text.count("\n") == lines // 3  # the title's line endings, kept


def test_heading_text_is_found_after_its_list_marker() -> None:
    # Found by hypothesis: "1. # 1." once put the heading's translation over the list marker.
    body = "1. # 1. Title\n> - ## - Sub\n"
    doc = parse(body)
    assert [(b.text, body[b.start : b.end]) for b in doc.blocks] == [
        ("1. Title", "1. Title"),
        ("- Sub", "- Sub"),
    ]
    assert rebuild(doc, ["Uno", "Dos"]) == "1. # Uno\n> - ## Dos\n"


@pytest.mark.parametrize(
    ("body", "cells"),
    [
        ("> | a | b |\n> |---|---|\n> | c | d |\n", ["a", "b", "c", "d"]),
        ("- | a | b |\n  |---|---|\n  | c | d |\n", ["a", "b", "c", "d"]),
        # found by tests/test_properties.py: a header row with no leading pipe in a list item
        ("- - word \\|\n    ---\n", ["- word \\|"]),
    ],
)
def test_table_cells_inside_containers_leave_the_markers_out(body: str, cells: list[str]) -> None:
    doc = parse(body)
    assert [b.text for b in doc.blocks] == cells
    assert [b.kind for b in doc.blocks][:1] == ["table header"]
    # Every cell translated: still the same quote or list holding the same table.
    rebuilt = rebuild(doc, [f"[{b.text} ES]" for b in doc.blocks])
    shape = [(t.type, t.tag) for t in parser.markdown().parse(rebuilt) if t.type != "inline"]
    assert shape == [(t.type, t.tag) for t in parser.markdown().parse(body) if t.type != "inline"]
