"""Each fast path of the Markdown side agrees with the slow twin it lets most inputs skip.

The slow twins stay in use (a body with a pipe, a block whose line breaks the pre-checks
cannot settle): these properties check that the shortcut gives what the twin would have.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.test_identity import documents as identity_documents
from tests.test_properties import documents as article_documents
from toolkit.markdown import blocks, joining

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


# Both generators, with none, some or all of the characters that open a table (a pipe),
# an HTML block (``<``), a code fence (a backtick, a tilde), a quote or a heading taken out.
@st.composite
def bodies(draw: st.DrawFn) -> str:
    body = draw(st.one_of(identity_documents, article_documents))
    openers = [chars for _rule, chars in blocks._OPENERS]
    for chars in draw(st.lists(st.sampled_from(openers), unique=True)):
        for char in chars:
            body = body.replace(char, "!")
    return body


@FAST
@given(bodies())
def test_a_body_parses_the_same_without_the_rules_it_cannot_match(body: str) -> None:
    rows: dict[int, tuple[int, int]] = {}
    everything = blocks._block_parser().parse(body, {blocks._ROWS: rows})
    fewer: dict[int, tuple[int, int]] = {}
    present = tuple(any(c in body for c in chars) for _rule, chars in blocks._OPENERS)
    assert blocks._parser_for(present).parse(body, {blocks._ROWS: fewer}) == everything
    assert fewer == rows


# --- joining a block's lines: links wrapped inside their destination and title ----------------

LINK_WORDS = st.sampled_from(
    ["word", "Pegasus", "*em*", "**strong**", "_u_", "AT&T", "&amp;", "(aside)", "a)", "(b",
     "[ref]", "[a b]", "[", "]", '"', "'", "=", "#", "-", "1.", "!", "~", "é"]
)  # fmt: skip
LABELS = st.sampled_from(["text", "a b c", "*em* word", "x&y", "our previous coverage", ""])
DESTINATIONS = st.sampled_from(
    ["https://example.org/a", "/u", "/u(x)", "/a)b", "", "javascript:alert(1)", "#f", "/q?x=1&y=2"]
)
TITLES = st.sampled_from(
    ["", ' "Title"', ' "the Associated Press"', " 'single quoted'", " (in parentheses)",
     ' "un closed', ' "a) b"', " (a (b) c)", ' "[x] y"', ' "x"y"']
)  # fmt: skip


@st.composite
def link(draw: st.DrawFn) -> str:
    label = draw(LABELS)
    tail = draw(st.sampled_from(["(", "( ", "]("]))  # "](" : a stray bracket after the label
    return f"[{label}]{tail[-1]}{draw(DESTINATIONS)}{draw(TITLES)}{draw(st.sampled_from([')', ' )', '']))}"


@st.composite
def wrapped_lines(draw: st.DrawFn) -> list[str]:
    """Words and links, wrapped at random spaces (inside links too): a block's lines."""
    pieces = draw(st.lists(st.one_of(LINK_WORDS, link()), min_size=1, max_size=10))
    text = " ".join(pieces)
    out = ""
    for char in text:
        out += draw(st.sampled_from([" ", " ", "\n", "\n  "])) if char == " " else char
    return out.split("\n")


@FAST
@given(wrapped_lines())
def test_links_wrapped_inside_are_joined_as_the_parse_decides(clines: list[str]) -> None:
    kinds = joining._link_kinds(clines)
    if kinds is not None:
        assert joining._join_each(clines, kinds) == joining._join_parsed(clines)


def test_a_link_wrapped_in_its_title_is_settled_without_a_parse() -> None:
    # The news paragraph the fast path is for: the title's line break is kept, the others
    # are soft breaks.
    clines = ["See [our", "previous coverage](https://example.org/a", '"the', 'Associated Press").']
    assert joining._link_kinds(clines) == ["plain", "plain", "plain", "newline"]
    assert joining.join_checked(clines) == joining._join_parsed(clines)
    assert joining.join_checked(clines) == (
        'See [our previous coverage](https://example.org/a "the\nAssociated Press").'
    )


# --- joining a block's lines: the plain cases -----------------------------------------------

LINES = st.lists(
    st.lists(st.sampled_from([*"ab `<\\()[]!\t", "](", "  "]), max_size=8).map("".join),
    min_size=1,
    max_size=6,
)


@FAST
@given(LINES)
def test_lines_joined_at_once_as_line_by_line(clines: list[str]) -> None:
    assert joining.join_lines(clines) == joining._join_loop(clines)


def breaks_outside_links_by_prefixes(clines: list[str]) -> bool:
    """The definition ``_breaks_outside_links`` answers: no backtick or ``<``, and no text up
    to a line break with a ``](`` still open."""
    if any("`" in line or "<" in line for line in clines):
        return False
    left = ""
    for line in clines[:-1]:
        left += line + "\n"
        opened = left.rfind("](")
        if opened >= 0 and left.count("(", opened) > left.count(")", opened):
            return False
    return True


@FAST
@given(LINES)
def test_breaks_outside_links_as_defined(clines: list[str]) -> None:
    assert joining._breaks_outside_links(clines) == breaks_outside_links_by_prefixes(clines)


@st.composite
def wrapped_lines_with_code(draw: st.DrawFn) -> list[str]:
    """:func:`wrapped_lines` with code spans among the words: the block is parsed, and its
    links are settled one by one."""
    clines = draw(wrapped_lines())
    i = draw(st.integers(0, len(clines) - 1))
    code = draw(st.sampled_from(["`GUA-2012-613`", "`a`", "``b ` c``", "`", "`[x](y)`"]))
    clines[i] = code + " " + clines[i]
    return clines


@FAST
@given(wrapped_lines_with_code())
def test_links_in_a_parsed_block_are_settled_as_rendering_would(clines: list[str]) -> None:
    assert joining._join_parsed(clines) == joining._join_parsed(clines, shortcut=False)
