"""Where each inline construct of a text sits in its source, from one parse.

markdown-it-py's inline rules are wrapped (through the ruler's public API) to report the
source span each one consumed; :class:`MarkupCuts` answers from those spans which cuts of a
text change how it renders, which sentence splitting, line joining and pipe escaping ask.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from toolkit.markdown.inline import inline_rules
from toolkit.markdown.parser import PARSER_OPTIONS, markdown

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token


def renders_differently(text: str, cut: int, whole: str | None = None) -> bool:
    """Does cutting ``text`` at ``cut`` change how its inline Markdown renders?

    The definition: the two halves rendered apart (the whitespace at the cut kept as it is)
    against the whole. Checked against the whole text, not the neighbours: emphasis opened
    in one sentence may close two sentences later. It renders the whole text once per cut;
    :class:`MarkupCuts` gives the same answers in one parse.
    """
    md = markdown()
    left = text[:cut]
    body = left.rstrip()
    if whole is None:
        whole = md.renderInline(text)
    return bool(md.renderInline(body) + left[len(body) :] + md.renderInline(text[cut:]) != whole)


class MarkupCuts:
    """Which cuts of a text change how its inline Markdown renders, from one parse.

    The parse records the source span of each inline construct (code span, link, image,
    autolink, raw HTML, entity, escape; emphasis from its opening delimiter to its closing
    one) and of each line break that renders unlike its raw whitespace (a hard break; the
    spaces a soft break drops). A cut inside a construct, or one whose separator holds such
    a break, changes the rendering; no other cut does. This is :func:`renders_differently`
    (the tests check the two agree) in linear time instead of quadratic: on a long
    paragraph that is the difference between a second and an hour.
    """

    def __init__(self, text: str) -> None:
        self._text = text
        tracker = SpanTracker(text)
        tokens = tracking_parser()[0].parseInline(text, {SpanTracker.KEY: tracker})
        tracker.pair_emphasis(tokens[0].children or [] if tokens else [])
        self._whole = None if tracker.exact else markdown().renderInline(text)
        spans = sorted(tracker.spans)
        self._starts = [start for start, _ in spans]
        self._reach: list[int] = []  # the furthest end of the spans up to each one
        furthest = -1
        for _, end in spans:
            furthest = max(furthest, end)
            self._reach.append(furthest)
        self._breaks = sorted(tracker.breaks)
        self._break_starts = [start for start, _ in self._breaks]

    def __call__(self, sep_start: int, cut: int) -> bool:
        """Does cutting at ``cut``, after the separator ``text[sep_start:cut]``, change it?"""
        if self._whole is not None:
            return renders_differently(self._text, cut, self._whole)
        i = bisect.bisect_left(self._starts, cut) - 1  # the spans that start before the cut
        if i >= 0 and self._reach[i] > cut:
            return True
        j = bisect.bisect_left(self._break_starts, cut) - 1  # breaks do not overlap
        return j >= 0 and self._breaks[j][1] > sep_start


class SpanTracker:
    """The spans the tracking parser's rules report while they parse one text."""

    KEY = "toolkit.markdown.tracking.spans"

    def __init__(self, text: str) -> None:
        self.text = text
        self.state: Any = None  # the outermost inline state (an image's alt text gets its own)
        # False when positions cannot be trusted: use the definition.
        self.exact = tracking_parser()[1]
        self.reach = 0  # where the last rule but the text rule stopped
        self.spans: list[tuple[int, int]] = []
        self.constructs: list[tuple[int, int, str]] = []  # the spans but emphasis, by rule
        self.breaks: list[tuple[int, int]] = []
        self.delimiter_at: dict[int, int] = {}  # id(delimiter token) -> its source position

    def pair_emphasis(self, tokens: Sequence[Token]) -> None:
        opened: list[int] = []
        for token in tokens:
            if token.type in ("em_open", "strong_open"):
                opened.append(self.delimiter_at.get(id(token), -1))
            elif token.type in ("em_close", "strong_close"):
                start = opened.pop() if opened else -1
                end = self.delimiter_at.get(id(token), -1)
                if start < 0 or end < 0:
                    self.exact = False
                else:
                    self.spans.append((start, end + 1))


_BREAKS = frozenset({"hardbreak", "softbreak"})


def _track(name: str, rule: Callable[[Any, bool], bool]) -> Callable[[Any, bool], bool]:
    """``rule``, reporting the source it consumed to the text's :class:`SpanTracker`."""

    def tracked(state: Any, silent: bool) -> bool:
        env = state.env
        tracker = env.get(SpanTracker.KEY) if isinstance(env, dict) else None
        if silent or tracker is None:
            return rule(state, silent)
        if tracker.state is None:
            tracker.state = state
            # Not normalized (CR, NUL) by the parser, and every rule tracked.
            tracker.exact = state.src == tracker.text and tracking_parser()[1]
        if state is not tracker.state:
            return rule(state, silent)
        start = state.pos
        if name == "newline":  # the spaces before it are dropped with it: pending text's,
            src = state.src  # i.e. after what the last rule but the text rule consumed
            while start > tracker.reach and src[start - 1] == " ":
                start -= 1
        tokens = len(state.tokens)
        if not rule(state, silent):
            return False
        if name != "text":
            tracker.reach = state.pos
        new = state.tokens[tokens:]
        if name == "emphasis":
            # One text token per delimiter character, in source order, after the pending
            # text's token if the first of them flushed it.
            run = state.pos - start
            for k, token in enumerate(new[len(new) - run :]):
                tracker.delimiter_at[id(token)] = start + k
        elif name in ("newline", "escape") and any(t.type in _BREAKS for t in new):
            hard = any(t.type == "hardbreak" for t in new)
            if hard or state.pos - start > 1:  # renders unlike its raw whitespace
                tracker.breaks.append((start, state.pos))
        elif name != "text":
            tracker.spans.append((start, state.pos))
            tracker.constructs.append((start, state.pos, name))
        return True

    return tracked


@lru_cache(maxsize=1)
def tracking_parser() -> tuple[MarkdownIt, bool]:
    """The toolkit's parser with every inline rule reporting its spans (see MarkupCuts), and
    whether every active rule is one this module knows. A markdown-it-py with another rule
    would leave its spans unreported: then no position is trusted (``SpanTracker.exact``)
    and each question is answered by rendering, slower but right."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", PARSER_OPTIONS).enable("table")
    ruler = md.inline.ruler
    known = inline_rules()
    active = ruler.get_active_rules()
    if ruler.getRules("") != [known.get(name) for name in active]:
        return md, False
    for name in active:
        ruler.at(name, _track(name, known[name]))
    return md, True
