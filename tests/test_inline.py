"""The inline vocabulary (toolkit.markdown.inline): what segmentation, QA, MT protection,
pseudo-localization and sanitizing agree a code span, a link target, a URL is."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.markdown.inline import (
    AUTOLINK,
    LINK_TARGET,
    REF_LINK,
    addresses,
    code_spans,
    link_destination,
    link_tail,
    markup_signature,
    mask,
    normalize_label,
    trim_url,
)
from toolkit.markdown.parser import markdown
from toolkit.mt.protect import Protector
from toolkit.mt.pseudo import pseudolocalize


def parser_code(text: str) -> list[str]:
    """The code spans' contents as markdown-it renders them (CommonMark's normalization)."""
    children = markdown().parseInline(text)[0].children or []
    return [tok.content for tok in children if tok.type == "code_inline"]


def normalized(inner: str) -> str:
    inner = inner.replace("\n", " ")
    if len(inner) >= 2 and inner[0] == inner[-1] == " " and inner.strip(" "):
        return inner[1:-1]
    return inner


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="``\\a b\n", min_size=1, max_size=16))
def test_code_spans_are_the_parsers(text: str) -> None:
    assert [normalized(s.inner) for s in code_spans(text)] == parser_code(text)


# Where the four regexes of the old code disagreed (qa.py, segment.py, mt/protect.py and
# mt/pseudo.py), CommonMark decides. Each case fails one of them.
@pytest.mark.parametrize(
    ("text", "code"),
    [
        # An escaped backslash escapes no backtick: protect's and qa's regexes saw no code.
        ("a \\\\`x` b", ["`x`"]),
        # An escaped backtick opens nothing; the next backtick string does.
        ("a \\``x` b", ["`x`"]),
        # A string of two backticks that nothing closes is literal: segment's and pseudo's
        # regexes took one of its backticks as an opener.
        ("a ``b` c", []),
        # A closer must be exactly as long as its opener (pseudo's took "``" for "`...`").
        ("``a`b``", ["``a`b``"]),
        # Code may hold a line ending (segment's regex stopped at one).
        ("`a\nb`", ["`a\nb`"]),
        # Empty of all but spaces is still code (qa's regex wanted a character).
        ("x `` ` `` y", ["`` ` ``"]),
    ],
)
def test_code_span_cases(text: str, code: list[str]) -> None:
    assert [text[s.start : s.end] for s in code_spans(text)] == code
    assert len(parser_code(text)) == len(code)


def test_protection_and_pseudo_keep_a_code_span_after_an_escaped_backslash() -> None:
    text = "Type \\\\`rm -rf` here."
    protected = Protector().protect(text)
    assert [p.source for p in protected.placeholders if p.kind == "code"] == ["`rm -rf`"]
    assert "`rm -rf`" in pseudolocalize(text)


def test_pseudo_reads_an_escaped_backtick_as_text() -> None:
    # "\\`a` b`": the escaped backtick opens nothing, so the code span is "` b`".
    out = pseudolocalize("\\`a` b`")
    assert "` b`" in out and "`a`" not in out


def test_mask_keeps_offsets_or_collapses() -> None:
    assert mask("ab`c`d", [(2, 5)]) == "ab\ue000d"
    assert mask("ab`c`d", [(2, 5)], "\0", keep=True) == "ab\0\0\0d"
    assert mask("abc", []) == "abc"


# --- links ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "target"),
    [
        ('[a](https://x.org/a_(b) "T")', "https://x.org/a_(b)"),
        ("[a](<https://x.org/a b>)", "<https://x.org/a b>"),
        ("[a](/p\\)q)", "/p\\)q"),
        ("[a](f((x)))", "f((x))"),
        ("[a](/u 'it''s')", None),
    ],
)
def test_link_targets(text: str, target: str | None) -> None:
    match = LINK_TARGET.search(text)
    assert (match[1] if match else None) == target
    if target is not None:
        assert link_tail(text, text.index("](") + 1) == len(text)


def test_reference_links_and_labels() -> None:
    assert [m[1] for m in REF_LINK.finditer("[a][Label  One] and [b][]")] == ["Label  One", ""]
    assert normalize_label("Label \n One") == normalize_label("label one") == "label one"
    assert link_tail("[a][b] c", 3) == 6
    assert link_tail("[a] c", 3) is None
    assert link_destination("<a b>") == "a b"


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("<https://x.org/a>", True),
        ("<mailto:me@x.org>", True),
        ("<me@x.org>", True),
        ("<foo@bar>", True),  # CommonMark: a host needs no dot
        ("<a b>", False),
        ("<https://x.org/a b>", False),
    ],
)
def test_autolinks_are_commonmarks(text: str, found: bool) -> None:
    assert (AUTOLINK.fullmatch(text) is not None) is found
    children = markdown().parseInline(text)[0].children or []
    assert any(t.type == "link_open" for t in children) is found


# --- URLs and e-mails -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "trimmed"),
    [
        ("https://x.org/a.b.", "https://x.org/a.b"),
        ("https://en.wikipedia.org/wiki/X_(y)", "https://en.wikipedia.org/wiki/X_(y)"),
        ("https://x.org/a)", "https://x.org/a"),
        # Emphasis marks after a URL close the emphasis (GFM): protect kept them in the URL.
        ("https://x.org/a**", "https://x.org/a"),
        ("www.x.com_", "www.x.com"),
    ],
)
def test_one_url_trimming_rule(url: str, trimmed: str) -> None:
    assert trim_url(url) == trimmed


def test_protection_leaves_emphasis_after_a_url_to_the_emphasis() -> None:
    protected = Protector().protect("See **https://x.org/a**.")
    assert [p.source for p in protected.placeholders] == ["**", "https://x.org/a", "**"]


def test_addresses() -> None:
    text = "Mail mailto:me@x.org or see (https://x.org/a), www.y.com/b; not ahttps://z."
    assert addresses(text) == ["https://x.org/a", "www.y.com/b", "me@x.org"]


def test_markup_signature() -> None:
    sig = markup_signature("A [b](/u) *c* `d` <i>e</i>")
    assert sig[("link_open", "/u")] == 1 and sig[("code_inline", "d")] == 1
    assert sig[("em_open", "*")] == 1 and sig[("html_inline", "<i>")] == 1
    assert markup_signature("plain words") == markup_signature("otras palabras")
