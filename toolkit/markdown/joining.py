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
    if any("`" in line or "<" in line for line in clines):
        return False
    left = ""
    for line in clines[:-1]:
        left += line + "\n"
        opened = left.rfind("](")
        if opened >= 0 and left.count("(", opened) > left.count(")", opened):
            return False
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
        joins = _join_kinds(local, _flat().renderInline)[1:]
        kinds[first + 1 : first + 1 + len(joins)] = joins
    parts = [clines[0]]
    for i in range(1, len(clines)):
        _append(parts, clines[i], "hard" if _ends_hard(parts) else kinds[i])
    return "".join(parts)


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
