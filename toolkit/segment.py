"""Split an article body into translatable blocks and sentences, and put translations back.

Pure functions over strings. markdown-it-py (CommonMark, plus GFM tables) finds the blocks
and their line maps; each translatable block records the character span of its inline
content in the body, so reassembly replaces exactly that span and leaves every other byte
(container markers, code, HTML, link definitions, blank lines) as it was.

A block's text is its inline Markdown on one line: soft line breaks become a space, hard
breaks (two trailing spaces or a backslash) keep their newline. Sentences come from pysbd, a
rule-based segmenter (the Golden Rules set: abbreviations, initials, decimals, quotations),
and are merged back wherever a split would cut through a code span, link or emphasis.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from toolkit.markdown.inline import code_spans, inline_rules
from toolkit.markdown.parser import MAX_NESTING, PARSER_OPTIONS, NestingError, markdown

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token


@dataclass(frozen=True)
class Block:
    """One translatable block: its text (the msgid in paragraph unit) and where it sits."""

    kind: str  # "paragraph", "heading 2", "list item", "blockquote", "table cell", ...
    text: str
    line: int  # 1-based line of the body where the block starts
    start: int  # body[start:end] is the span its translation replaces
    end: int
    cont_prefix: str = ""  # container markers for lines after a hard break


@dataclass(frozen=True)
class Document:
    body: str
    blocks: tuple[Block, ...]


def parse(body: str) -> Document:
    """Find the translatable blocks of a Markdown body; NestingError (its line in the body)
    where lists and quotes nest deeper than the parser reads."""
    rows: dict[int, tuple[int, int]] = {}
    tokens = _block_parser().parse(body, {_ROWS: rows})
    _check_nesting(tokens)
    lines = body.split("\n")
    starts = [0]
    for raw in lines:
        starts.append(starts[-1] + len(raw) + 1)
    blocks: list[Block] = []
    containers: list[str] = []
    heading = ""
    in_table = in_head = False
    for tok in tokens:
        kind = tok.type
        if kind in ("blockquote_open", "list_item_open"):
            containers.append(kind)
        elif kind in ("blockquote_close", "list_item_close"):
            containers.pop()
        elif kind == "heading_open":
            heading = f"heading {tok.tag[1:]}"
        elif kind == "heading_close":
            heading = ""
        elif kind in ("table_open", "table_close"):
            in_table = kind == "table_open"
        elif kind in ("thead_open", "thead_close"):
            in_head = kind == "thead_open"
        elif kind == "tr_open" and tok.map is not None:
            row = tok.map[0]
            span = rows.get(row, (starts[row], starts[row] + len(lines[row])))
            blocks.extend(_table_cells(body, span, row, in_head))
        elif kind == "inline" and tok.map is not None and not in_table:
            block_kind = heading or _paragraph_kind(containers)
            block = _inline_block(lines, starts, tok, block_kind, bool(heading))
            if block is not None:
                blocks.append(block)
    return Document(body, tuple(blocks))


def _check_nesting(tokens: list[Token]) -> None:
    # A container opened at the last level has its content dropped by markdown-it.
    for tok in tokens:
        if tok.level >= MAX_NESTING - 1 and tok.type in ("blockquote_open", "list_item_open"):
            line = tok.map[0] + 1 if tok.map else None
            raise NestingError(
                f"lists and block quotes nested more than {MAX_NESTING} levels deep (a list "
                "counts two); the text inside would be lost: flatten them",
                None,
                line,
            )


def _paragraph_kind(containers: list[str]) -> str:
    if not containers:
        return "paragraph"
    return "list item" if containers[-1] == "list_item_open" else "blockquote"


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


def _join_checked(clines: list[str]) -> str:
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
    tracker = _SpanTracker(source)
    _tracking_parser()[0].parseInline(source, {_SpanTracker.KEY: tracker})
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


def _inline_block(
    lines: list[str], starts: list[int], tok: Token, kind: str, is_heading: bool
) -> Block | None:
    content: str = tok.content
    if not content.strip():
        return None
    assert tok.map is not None
    first = tok.map[0]
    clines = content.split("\n")
    raw0 = lines[first]
    c0 = clines[0]
    if is_heading and len(clines) == 1:
        marker = _ATX_OPENING.match(raw0)
        idx = raw0.find(c0, marker.end() if marker else 0)
    else:
        idx = len(raw0) - len(c0) if raw0.endswith(c0) else raw0.rstrip().rfind(c0)
    if idx < 0:
        return None  # the line was rewritten by the parser (tabs in markers): keep verbatim
    start = starts[first] + idx
    cont_prefix = ""
    if len(clines) == 1:
        end = start + len(c0)
    else:
        last = lines[first + len(clines) - 1].rstrip()
        tail = clines[-1].strip()
        if not last.endswith(tail):
            return None
        end = starts[first + len(clines) - 1] + len(last)
        raw1 = lines[first + 1]
        c1 = clines[1].lstrip(" \t")
        pos = raw1.rfind(c1) if c1 else len(raw1)
        cont_prefix = raw1[:pos] if pos >= 0 else ""
        if cont_prefix.strip(" \t>") != "":
            cont_prefix = ""
    return Block(kind, _join_checked(clines), first + 1, start, end, cont_prefix)


_PIPE = re.compile(r"(?<!\\)\|")
# An ATX heading's opening hashes after its containers' markers (quotes, bullets, "1."):
# the heading's text is searched after them, not in a list marker that looks the same.
_ATX_OPENING = re.compile(
    r"^(?:[ \t]*(?:>|[-+*](?=[ \t])|\d{1,9}[.)](?=[ \t])))*[ \t]*#{1,6}(?=[ \t]|$)"
)


def _table_cells(body: str, span: tuple[int, int], row: int, header: bool) -> list[Block]:
    r"""Cells of one table row, located by splitting the raw row on unescaped pipes.

    markdown-it unescapes ``\|`` in cell content, so the raw row is the reliable source. The
    row is ``body[span[0]:span[1]]``: the line after its container markers (``> ``, a list
    item's indent), as markdown-it's table rule reads it; a marker is no cell.
    """
    first, last = span
    raw = body[first:last]
    kind = "table header" if header else "table cell"
    cuts = [m.start() for m in _PIPE.finditer(raw)]
    bounds = [-1, *cuts, len(raw)]
    cells: list[Block] = []
    for left, right in itertools.pairwise(bounds):
        piece = raw[left + 1 : right]
        text = piece.strip()
        if not text:
            continue
        start = first + left + 1 + (len(piece) - len(piece.lstrip()))
        cells.append(Block(kind, text, row + 1, start, start + len(text)))
    return cells


_ROWS = "toolkit.segment.rows"


@lru_cache(maxsize=1)
def _block_parser() -> MarkdownIt:
    """The toolkit's parser without its inline pass, its table rule reporting where each row's
    text starts and ends in the source (after the container markers), as ``env[_ROWS][line]``.

    ``parse`` reads only block tokens and each inline token's ``content`` and ``map``, which
    the block pass sets; tokenizing every paragraph's emphasis, links and code spans into
    children was two thirds of the parse time (0.7 of 1.1 s on 1,000 articles).
    """
    from markdown_it import MarkdownIt
    from markdown_it.rules_block import table

    md = MarkdownIt("commonmark", PARSER_OPTIONS).enable("table").disable("inline")
    ruler = md.block.ruler
    if table not in ruler.getRules(""):
        raise RuntimeError(
            "markdown-it-py's table rule is not markdown_it.rules_block.table; "
            "toolkit.segment was written against markdown-it-py 3 and 4"
        )
    # The chains a table may interrupt, as the parser has them (paragraph, reference).
    alt = [chain for chain in _BLOCK_CHAINS if table in ruler.getRules(chain)]
    ruler.at("table", _track_rows(table), {"alt": alt})
    return md


_BLOCK_CHAINS = ("paragraph", "reference", "blockquote", "list")


def _track_rows(rule: Callable[[Any, int, int, bool], bool]) -> Callable[..., bool]:
    def tracked(state: Any, start_line: int, end_line: int, silent: bool) -> bool:
        found = rule(state, start_line, end_line, silent)
        rows = state.env.get(_ROWS) if isinstance(state.env, dict) else None
        if found and not silent and rows is not None:
            for line in range(start_line, state.line):
                rows[line] = (state.bMarks[line] + state.tShift[line], state.eMarks[line])
        return found

    return tracked


def translatable(text: str) -> bool:
    """Worth an entry: it has a letter. A cell of digits or a lone dash stays as it is."""
    return any(c.isalpha() for c in text)


# --- sentences -----------------------------------------------------------------------------

_MARKUP = re.compile(r"[`\[\]*_<]")

# pysbd's cost grows with the square of its input: for each abbreviation it finds it runs a
# regular expression over the whole text again, and ``Segmenter.segment`` maps each sentence
# back to the text with a regular expression compiled for it and run from the start
# (measured here: 10 kB in 0.13 s, 40 kB in 1.4 s, so minutes for 1 MB). Here a long text
# is segmented in windows, and sentences are mapped back by :func:`_pysbd`.
LONG_TEXT = 8_000  # characters; news paragraphs are far shorter and take the plain path
WINDOW = 2_000
MARGIN = 400  # the least right-hand context every boundary found in a window has seen


@lru_cache(maxsize=8)
def _segmenter(lang: str) -> Any:
    import pysbd
    from pysbd.languages import LANGUAGE_CODES

    code = lang.split("-")[0].split("_")[0].lower()
    return pysbd.Segmenter(language=code if code in LANGUAGE_CODES else "en", clean=False)


def _pysbd_pieces(text: str, lang: str) -> list[str]:
    """pysbd's sentences of ``text``, each with the whitespace after it, in linear time.

    A text longer than ``LONG_TEXT`` goes through pysbd one ``WINDOW`` at a time. A window
    starts where a sentence starts, and only its sentences that end at least ``MARGIN``
    characters before the window's end are kept; the next window starts after them. pysbd
    decides a boundary from the words around it, so with that much context on both sides
    the windows find the boundaries one call on the whole text finds (tested on generated
    news text). Where the two differed, the single call was the one in error: it cut "case
    No. | 9." once, and on a text that repeats a sentence word for word its mapping of
    sentences back to the text goes astray. A run of ``WINDOW - MARGIN`` characters with no
    sentence end is cut after its last whitespace: a "sentence" that long is no unit a
    translator could reuse anyway.
    """
    if len(text) <= LONG_TEXT:
        return _pysbd(text, lang)
    pieces: list[str] = []
    pos = 0
    while len(text) - pos > WINDOW:
        window = text[pos : pos + WINDOW]
        found = _pysbd(window, lang)
        taken = 0
        if "".join(found) == window:
            for piece in found[:-1]:
                if taken + len(piece) > WINDOW - MARGIN:
                    break
                pieces.append(piece)
                taken += len(piece)
        if taken == 0:
            taken = _forced_cut(window, WINDOW - MARGIN)
            pieces.append(window[:taken])
        pos += taken
    rest = text[pos:]
    found = _pysbd(rest, lang)
    pieces.extend(found if "".join(found) == rest else [rest])
    return pieces


_SPACES_AFTER = re.compile(r"\s*")
# In a block's text a line ending is either a hard break's or content of a construct (a link
# title, a code span, raw HTML; see _join_checked). pysbd ends a sentence at every line
# ending: inside a title that left its closing quote to open a "quotation" that swallowed
# the next forty sentences. So it sees those line endings as spaces.
_CONTENT_NEWLINE = re.compile(r"(?<!  )(?<!\\)\n")


def _pysbd(text: str, lang: str) -> list[str]:
    """What ``Segmenter.segment`` returns with ``clean=False``, each sentence found after
    the one before it with ``str.find`` instead of a regular expression compiled per
    sentence and run from the start of the text. A sentence pysbd altered is not found and
    leaves a gap, which the caller sees (the pieces no longer join to the text)."""
    seen = _CONTENT_NEWLINE.sub(" ", text)  # same length: its offsets are the text's
    sentences: list[str] = _segmenter(lang).processor(seen).process()
    pieces: list[str] = []
    pos = 0
    for sentence in sentences:
        start = seen.find(sentence, pos)
        if start < 0:
            continue
        match = _SPACES_AFTER.match(seen, start + len(sentence))
        end = match.end() if match else start + len(sentence)
        pieces.append(text[start:end])
        pos = end
    return pieces


def _forced_cut(window: str, limit: int) -> int:
    """Where to cut a window with no sentence end: after its last whitespace before ``limit``."""
    for i in range(limit - 1, 0, -1):
        if window[i].isspace():
            end = i + 1
            while end < len(window) and window[end].isspace():
                end += 1
            return end
    return limit  # one word longer than the limit: cut it


def split_sentences(text: str, lang: str = "en") -> list[tuple[str, str]]:
    """Sentences of ``text`` with the whitespace after each: ``"".join(s + sep)`` is ``text``.

    Where a cut would change how the text's inline Markdown renders (it goes through a
    code span, a link or emphasis, or the whitespace at the cut is a hard break), the
    sentences on either side stay one unit.
    """
    pieces = _pysbd_pieces(text, lang) if text.strip() else [text]
    if "".join(pieces) != text:  # pysbd never drops text with clean=False; refuse if it did
        return [(text.strip(), "")] if text.strip() == text else [(text, "")]
    pairs: list[tuple[str, str]] = []
    for piece in pieces:
        body = piece.rstrip()
        pairs.append((body, piece[len(body) :]))
    cuts_markup = MarkupCuts(text) if _MARKUP.search(text) else None
    merged: list[tuple[str, str]] = []
    offset = 0
    for sent, sep in pairs:
        if merged and (
            not sent
            or (cuts_markup is not None and cuts_markup(offset - len(merged[-1][1]), offset))
        ):
            prev, prev_sep = merged.pop()
            merged.append((prev + prev_sep + sent, sep))
        else:
            merged.append((sent, sep))
        offset += len(sent) + len(sep)
    return merged


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
        tracker = _SpanTracker(text)
        tokens = _tracking_parser()[0].parseInline(text, {_SpanTracker.KEY: tracker})
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


class _SpanTracker:
    """The spans the tracking parser's rules report while they parse one text."""

    KEY = "toolkit.segment.spans"

    def __init__(self, text: str) -> None:
        self.text = text
        self.state: Any = None  # the outermost inline state (an image's alt text gets its own)
        # False when positions cannot be trusted: use the definition.
        self.exact = _tracking_parser()[1]
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
    """``rule``, reporting the source it consumed to the text's :class:`_SpanTracker`."""

    def tracked(state: Any, silent: bool) -> bool:
        env = state.env
        tracker = env.get(_SpanTracker.KEY) if isinstance(env, dict) else None
        if silent or tracker is None:
            return rule(state, silent)
        if tracker.state is None:
            tracker.state = state
            # Not normalized (CR, NUL) by the parser, and every rule tracked.
            tracker.exact = state.src == tracker.text and _tracking_parser()[1]
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


_inline_rules = inline_rules


@lru_cache(maxsize=1)
def _tracking_parser() -> tuple[MarkdownIt, bool]:
    """The toolkit's parser with every inline rule reporting its spans (see MarkupCuts), and
    whether every active rule is one this module knows. A markdown-it-py with another rule
    would leave its spans unreported: then no position is trusted (``_SpanTracker.exact``)
    and each question is answered by rendering, slower but right."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", PARSER_OPTIONS).enable("table")
    ruler = md.inline.ruler
    known = _inline_rules()
    active = ruler.get_active_rules()
    if ruler.getRules("") != [known.get(name) for name in active]:
        return md, False
    for name in active:
        ruler.at(name, _track(name, known[name]))
    return md, True


def block_segments(block: Block, unit: str, lang: str = "en") -> list[tuple[str, str]]:
    """The units of one block with their separators: the block itself, or its sentences."""
    if unit == "sentence":
        return split_sentences(block.text, lang)
    return [(block.text, "")]


# --- reassembly ----------------------------------------------------------------------------

_BLOCK_START = re.compile(
    r"^(?:#{1,6}(?=[ \t]|$)|>|[-+*](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)"  # heading, quote, item
    r"|`{3,}[^`]*$|~~~"  # a code fence (a backtick one has no backtick after it)
    r"|=+[ \t]*$|-+[ \t]*$"  # a setext underline
    r"|([-*_])(?:[ \t]*\1){2,}[ \t]*$"  # a thematic break: *** or ___ or _ _ _
    r"|\[(?:[^\]\\]|\\.)*\]:"  # a link reference definition would swallow the line
    r"|[ \t|:-]*\|[ \t|:-]*$)"  # a table delimiter row (under a line with pipes: a table)
)
_CLOSING_HASHES = re.compile(r"(?:^|(?<=[ \t]))#+[ \t]*$")
_CELL_PIPE = re.compile(r"(\\*)\|")


def _safe_line(line: str, first: bool = True) -> str:
    """Escape what would make a translated line start a new block (a heading, a list...).

    Only leading whitespace goes: trailing spaces may be a hard break the translator kept.
    A line opening with ``<`` is escaped only if it would open an HTML block (asked of the
    parser itself, after a paragraph line when it is not the block's first line): an
    autolink or inline HTML at the start of a line must stay what it is.
    """
    line = line.lstrip(" \t")
    if line.startswith("<"):
        probe = line if first else "x\n" + line
        if any(tok.type == "html_block" for tok in markdown().parse(probe)):
            return "\\" + line
        return line
    match = _BLOCK_START.match(line)
    if not match:
        return line
    digits = re.match(r"\d+", line)
    if digits:
        return line[: digits.end()] + "\\" + line[digits.end() :]
    return "\\" + line


def _lines(text: str) -> list[str]:
    """The non-blank lines of a translation: a blank line would end the block."""
    return [line for line in text.split("\n") if line.strip(" \t")]


def _one_line(text: str) -> str:
    """Line endings as spaces, and nothing else touched: runs of spaces inside a code span
    are its content (a translation of ``# Run `  x  ` `` keeps the padding)."""
    return text.replace("\r", " ").replace("\n", " ").strip()


def _cell(text: str) -> str:
    """A table cell's translation on one line with every pipe escaped."""
    text = _one_line(text)
    # A pipe after an even run of backslashes (none, or escaped backslashes) is a cell border.
    text = _CELL_PIPE.sub(lambda m: m.group(1) + ("|" if len(m.group(1)) % 2 else "\\|"), text)
    trailing = len(text) - len(text.rstrip("\\"))
    return text + " " if trailing % 2 else text  # a final backslash would escape the border


_DELIMITER_ROW = re.compile(r"[ \t>]*[ \t|:-]*-[ \t|:-]*$")


def _pipe_refs(text: str, start: int = 0) -> str:
    """The pipes of ``text[start:]`` outside code spans as ``&#124;``: the same text, but no
    table header. A line with a pipe, escaped or not, over a row like ``---`` opens a table.

    The code spans are the parser's (a backslash-escaped backtick opens none); a backslash
    escaping a pipe goes with it, one escaping a backslash stays.
    """
    if "|" not in text[start:]:
        return text
    tracker = _SpanTracker(text)
    _tracking_parser()[0].parseInline(text, {_SpanTracker.KEY: tracker})
    code = (
        sorted((a, b) for a, b, name in tracker.constructs if name == "backticks")
        if tracker.exact
        else [span[:2] for span in code_spans(text)]
    )
    code_starts = [a for a, _ in code]
    pieces = [text[:start]]
    pos = start
    for i in (m.start() for m in re.finditer(r"\|", text[start:])):
        i += start
        k = bisect.bisect_left(code_starts, i) - 1
        if k >= 0 and code[k][1] > i:
            continue  # inside a code span: content
        slashes = 0
        while i - slashes - 1 >= pos and text[i - slashes - 1] == "\\":
            slashes += 1
        cut = i - 1 if slashes % 2 else i
        pieces += [text[pos:cut], "&#124;"]
        pos = i + 1
    pieces.append(text[pos:])
    return "".join(pieces)


def _heading(text: str) -> str:
    """A heading's translation on one line, with nothing in it read as heading syntax.

    A final run of '#' would be closing marks; over a setext underline (``---``) a pipe
    would make the heading a table header.
    """
    text = _pipe_refs(_safe_line(_one_line(text)))
    match = _CLOSING_HASHES.search(text)
    if match:
        text = text[: match.start()] + "\\" + text[match.start() :]
    return text


def place(block: Block, text: str) -> str:
    """The replacement for ``block``'s span when its translation is ``text``.

    A translation is Markdown from a translator or an engine: whatever it contains, the
    rebuilt document keeps the source's blocks (no line of it can open a new block).
    """
    if not text.strip():
        text = block.text  # a blank translation would delete the block: keep the source
    if text == block.text:
        if "\n" not in text:
            return text
        # After a hard break, the lines joined to a source line can make it open a block
        # (``+`` alone, an empty item, then ``word``: the list item ``+ word``), so those
        # lines are escaped like a translation's.
        first, *rest = text.split("\n")
        rest = [_safe_line(line, first=False) for line in rest]
        return ("\n" + block.cont_prefix).join([first, *rest])
    if block.kind.startswith("table"):
        return _cell(text)
    if block.kind.startswith("heading"):
        return _heading(text)
    lines = _lines(text)
    out = [_safe_line(part, i == 0) for i, part in enumerate(lines)]
    if lines and _footnote_kept(block.text, lines[0].lstrip(" \t"), out[1:]):
        out[0] = lines[0].lstrip(" \t")
    elif len(out) > 1 and out[0].startswith("[") and not _one_paragraph(out):
        # A label can span lines (``[`` then ``\[a]: /u``): the lines are a link reference
        # definition, which no single-line escape sees.
        out[0] = "\\" + out[0]
    return ("\n" + block.cont_prefix).join(out)


def _one_paragraph(lines: list[str]) -> bool:
    """Do ``lines`` parse as one paragraph over all of them?"""
    tokens = markdown().parse("\n".join(lines))
    return bool(tokens) and tokens[0].type == "paragraph_open" and tokens[0].map == [0, len(lines)]


_FOOTNOTE = re.compile(r"\[\^[^\]\s]+\]:")


def _footnote_kept(source: str, first: str, rest: list[str]) -> bool:
    """Does the translation open with the source's footnote label (``[^1]:``), which stays
    unescaped for the site generators that have footnotes? Only while CommonMark still reads
    the block as the paragraph the source is (``[^1]: Nota.`` alone would be a link
    reference definition, so it is escaped like any other)."""
    label = _FOOTNOTE.match(source)
    if label is None or not first.startswith(label.group()):
        return False
    tokens = markdown().parse("\n".join([first, *rest]))
    return (
        bool(tokens) and tokens[0].type == "paragraph_open" and tokens[0].map == [0, 1 + len(rest)]
    )


def rebuild(doc: Document, texts: Sequence[str | None]) -> str:
    """The body with block ``i`` replaced by ``texts[i]`` (None keeps the source)."""
    if len(texts) != len(doc.blocks):
        raise ValueError("one text per block expected")
    out: list[str] = []
    pos = 0
    for block, text in zip(doc.blocks, texts, strict=True):
        if text is None:
            continue
        out.append(doc.body[pos : block.start])
        placed = place(block, text)
        # A pipe now on the line over a row like ``---`` would make that line a table
        # header: a translation, or a source block over several lines joined onto one.
        if (
            "|" in placed
            and placed != doc.body[block.start : block.end]
            and not block.kind.startswith("table")
            and _delimiter_follows(doc.body, block.end)
        ):
            head, newline, _ = placed.rpartition("\n")
            placed = _pipe_refs(placed, len(head) + len(newline))  # its last line
        out.append(placed)
        pos = block.end
    out.append(doc.body[pos:])
    return "".join(out)


def _delimiter_follows(body: str, end: int) -> bool:
    """Is the line after ``end`` a row like ``---`` (a lazy thematic break, say)?"""
    start = body.find("\n", end) + 1
    if start == 0:
        return False
    stop = body.find("\n", start)
    return _DELIMITER_ROW.match(body[start : stop if stop >= 0 else len(body)]) is not None


def translate_document(
    doc: Document, lookup: Callable[[str], str | None], unit: str, lang: str = "en"
) -> list[str | None]:
    """Each block's translation from a msgid lookup; a block with no translation at all is None.

    In sentence unit, untranslated sentences keep their source text so that a partly
    translated block still reads in order.
    """
    result: list[str | None] = []
    for block in doc.blocks:
        segments = block_segments(block, unit, lang)
        parts: list[str] = []
        found = False
        for sent, sep in segments:
            hit = lookup(sent)
            if hit:
                found = True
            parts.append((hit or sent) + sep)
        result.append("".join(parts) if found else None)
    return result
