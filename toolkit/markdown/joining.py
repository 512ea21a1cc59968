"""A block's source lines as one line: the msgid a translator sees.

Soft line breaks become a space, hard breaks (two trailing spaces or a backslash) keep their
newline, and a line ending that is content of an inline construct (inside a code span, raw
HTML, an angle-bracket destination or a link title) is joined only in a way that renders
the same.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

from toolkit.markdown.parser import PARSER_OPTIONS
from toolkit.markdown.tracking import SpanTracker, tracking_parser

if TYPE_CHECKING:
    from markdown_it import MarkdownIt


_HARD_BREAK = re.compile(r"(?:  +|\\)$")


def join_lines(content_lines: Sequence[str]) -> str:
    """One line per block: soft breaks become a space, hard breaks keep their newline."""
    if len(content_lines) == 1:
        return content_lines[0]
    source = "\n".join(content_lines)
    if _PLAIN_BREAKS_ONLY.search(source) is None:
        # No line before another ends with a space, a tab or a backslash, and none between
        # two is empty: every break is plain and no part is dropped, which is what the
        # loop below does line by line (tests/test_fast_paths.py checks the two agree).
        return _NEXT_LINE.sub(" ", source)
    return _join_loop(content_lines)


_PLAIN_BREAKS_ONLY = re.compile(r"[ \t\\]\n|\n\n")
_NEXT_LINE = re.compile(r"\n[ \t]*")


def _join_loop(content_lines: Sequence[str]) -> str:
    parts = [content_lines[0]]
    for nxt in content_lines[1:]:
        _append(parts, nxt, "hard" if _ends_hard(parts) else "plain")
    return "".join(parts)


# How a line is joined to the text before it. Kept as a list of parts, joined once at the
# end, and only the last characters looked at: a hard-wrapped paragraph of thousands of
# lines must not cost thousands of passes over itself.
def _append(parts: list[str], nxt: str, kind: str) -> None:
    if kind == "hard":  # after a hard break: keep the newline
        parts.append("\n" + nxt.lstrip(" \t"))
    elif kind == "plain":  # a soft break: one space
        while len(parts) > 1 and not parts[-1].rstrip(" \t"):
            parts.pop()
        last = parts[-1]
        kept = last.rstrip(" \t")
        # A backslash before the space makes it a token of its own (``\ ``): markdown-it
        # does not strip it before the line ending, so neither does the join.
        if len(kept) < len(last) and (len(kept) - len(kept.rstrip("\\"))) % 2:
            kept = last[: len(kept) + 1]
        parts[-1] = kept
        parts.append(" " + nxt.lstrip(" \t"))
    elif kind == "spaces":  # a space, the spaces around the line ending kept
        parts.append(" " + nxt)
    else:  # "newline": the line ending kept as it is
        parts.append("\n" + nxt)


def _ends_hard(parts: list[str]) -> bool:
    # Every part after the first is at least one character long, so two parts hold the end.
    return _HARD_BREAK.search("".join(parts[-2:])[-2:]) is not None


_RAW_BREAK = re.compile(r"[`<]|\]\(")


@lru_cache(maxsize=1)
def _flat() -> MarkdownIt:
    """The parser with soft breaks rendered as spaces, to compare a joined block with its lines."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", PARSER_OPTIONS).enable("table")
    md.add_render_rule("softbreak", lambda *args: " ")
    return md


def _breaks_outside_links(clines: list[str]) -> bool:
    """No backtick or ``<`` anywhere, and no line break inside a ``](destination "title")``.

    Then every break is a plain soft break and joining needs no rendering to check: most
    hard-wrapped news paragraphs have links, few have a break inside one.
    """
    source = "\n".join(clines)
    if "`" in source or "<" in source:
        return False
    if "](" not in source:
        return True
    end = source.find("\n")
    while end >= 0:  # the text up to each line break: is a "](" before it still open?
        opened = source.rfind("](", 0, end)
        if opened >= 0 and source.count("(", opened, end) > source.count(")", opened, end):
            return False
        end = source.find("\n", end + 1)
    return True


# Inline constructs in which a line ending can be content, not a soft break.
_RAW_CONSTRUCTS = frozenset({"backticks", "html_inline", "link", "image", "autolink"})


def join_checked(clines: list[str]) -> str:
    r"""``join_lines``, except where a line break is not a soft break.

    Inside a code span the spaces before a line ending are content (CommonMark turns the line
    ending into one more space); inside raw HTML, an angle-bracket link destination or a link
    title the line ending is part of the markup (joining could turn ``<foo\nbar>`` into a
    link, make a complete tag alone on a line, i.e. an HTML block, or change a title). Only
    text with a backtick, a ``<`` or a link can hold such a break. One parse finds those
    constructs (as :class:`MarkupCuts` does); each line break inside one is joined the plain
    way, else with its spaces kept, else left as a newline: the first choice with which the
    construct still renders the same. Every other line break is a soft break. Only the
    construct is rendered for that, not the whole block: on a long hard-wrapped paragraph,
    rendering the block once per line was quadratic.
    """
    joined = join_lines(clines)
    if len(clines) == 1 or not _RAW_BREAK.search(joined) or _breaks_outside_links(clines):
        return joined
    kinds = _link_kinds(clines)
    if kinds is not None:
        return _join_each(clines, kinds)
    return _join_parsed(clines)


def _join_parsed(clines: list[str], shortcut: bool = True) -> str:
    """:func:`join_checked` for a block the pre-checks do not settle: parsed, and each raw
    construct with a line break rendered (a link that :func:`_link_kinds` settles alone is
    not, unless ``shortcut`` is off: the tests' slow twin)."""
    source = "\n".join(clines)
    tracker = SpanTracker(source)
    tracking_parser()[0].parseInline(source, {SpanTracker.KEY: tracker})
    if not tracker.exact:  # positions unknown: decide each break on the whole block
        return _join_each(clines, _join_kinds(clines, _flat().render))
    starts = [0]
    for line in clines[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    kinds = ["plain"] * len(clines)  # by line: how it is joined to the one before
    reach = -1
    for start, end, name in sorted(tracker.constructs, key=lambda c: (c[0], -c[1])):
        if name not in _RAW_CONSTRUCTS or end <= reach or "\n" not in source[start:end]:
            continue  # inside a construct already handled, or without a line ending
        reach = end
        first = bisect.bisect_right(starts, start) - 1  # the line the construct starts on
        local = source[start:end].split("\n")
        # The construct alone is what is rendered: a link whose text, destination and title
        # hold no code span (the block does) is settled as a block of its own would be.
        settled = _link_kinds(local) if shortcut and name == "link" else None
        joins = (settled or _join_kinds(local, _flat().renderInline))[1:]
        kinds[first + 1 : first + 1 + len(joins)] = joins
    parts = [clines[0]]
    for i in range(1, len(clines)):
        _append(parts, clines[i], "hard" if _ends_hard(parts) else kinds[i])
    return "".join(parts)


_BRACKET = re.compile(r"[\[\]]")
_UNSETTLED = re.compile(r"[`<\\\t\r\0]|!\[| \n")  # see _link_kinds


def _link_kinds(clines: list[str]) -> list[str] | None:
    r"""The joins :func:`_join_parsed` makes (by line, as its ``kinds``), found without
    parsing or rendering for a block whose only raw constructs are inline links whose
    brackets do not nest; None for any other block (it is parsed).

    News paragraphs wrap inside a link's destination and title (``[text](/url`` then
    ``"Title")``), which ``_breaks_outside_links`` cannot settle; rendering each such link
    three times was most of the time spent joining. Without a backtick, ``<`` or backslash
    no code span, raw HTML, autolink or escape exists, so with brackets that alternate
    (``[``, ``]``, ``[``...; no image) each ``[`` opens a label that ends at the next ``]``,
    and markdown-it's link rule (written against markdown-it-py 4.3) succeeds there
    exactly when its own helpers parse a destination, an optional title and ``)`` after
    ``](``, as below.
    A line break inside a link's title is its content (kept as a newline: the title
    attribute holds it, a space would change it); every other one is a soft break,
    joined the plain way. No line ends with a space, so no hard break or trailing space
    is at stake, and there is no tab (one before a line break renders as itself).
    tests/test_fast_paths.py checks that this agrees with the parse.
    """
    from markdown_it.helpers import parseLinkDestination, parseLinkTitle

    source = "\n".join(clines)
    md, exact = tracking_parser()
    if not exact or _UNSETTLED.search(source) is not None:
        return None
    brackets = [m.start() for m in _BRACKET.finditer(source)]
    if len(brackets) % 2 or any(source[i] != "[]"[k % 2] for k, i in enumerate(brackets)):
        return None
    size = len(source)
    titles: list[tuple[int, int]] = []  # the title spans of the links, in source order
    reach = 0
    for open_at, close_at in zip(brackets[::2], brackets[1::2], strict=True):
        pos = close_at + 1
        if open_at < reach or pos >= size or source[pos] != "(":
            continue  # inside the link before (its title), or no inline link
        pos = _skip_space(source, pos + 1)
        if pos >= size:
            continue
        title: tuple[int, int] | None = None
        dest = parseLinkDestination(source, pos, size)
        if dest.ok:
            if md.validateLink(md.normalizeLink(dest.str)):
                pos = dest.pos
            start = pos
            pos = _skip_space(source, pos)
            found = parseLinkTitle(source, pos, size)
            if pos < size and start != pos and found.ok:
                title = (pos, found.pos)
                pos = _skip_space(source, found.pos)
        if pos >= size or source[pos] != ")":
            continue  # not a link: its text is text
        reach = pos + 1
        if title is not None:
            titles.append(title)
    kinds = ["plain"] * len(clines)
    at = -1
    for i in range(1, len(clines)):
        at += len(clines[i - 1]) + 1  # the line break before line i
        if any(start < at < end for start, end in titles):
            kinds[i] = "newline"
    return kinds


def _skip_space(source: str, pos: int) -> int:
    """Past the spaces, tabs and line breaks at ``pos``, as markdown-it's link rule skips."""
    while pos < len(source) and source[pos] in " \t\n":
        pos += 1
    return pos


def _join_kinds(lines: list[str], render: Callable[[str], str]) -> list[str]:
    """For each line after the first, the first join with which ``render`` of the lines is
    unchanged: the plain way, with the spaces kept, or the newline kept (index 0 unused)."""
    reference = render("\n".join(lines))
    parts = [lines[0]]
    kinds = ["plain"]
    for i in range(1, len(lines)):
        kind = "hard" if _ends_hard(parts) else "newline"
        if kind != "hard":
            rest = "\n".join(lines[i + 1 :])
            for candidate in ("plain", "spaces"):
                trial = list(parts)
                _append(trial, lines[i], candidate)
                if render("".join(trial) + ("\n" + rest if rest else "")) == reference:
                    kind = candidate
                    break
        _append(parts, lines[i], kind)
        kinds.append(kind)
    return kinds


def _join_each(lines: list[str], kinds: list[str]) -> str:
    parts = [lines[0]]
    for line, kind in zip(lines[1:], kinds[1:], strict=True):
        _append(parts, line, kind)
    return "".join(parts)
