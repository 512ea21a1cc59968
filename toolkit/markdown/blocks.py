"""The translatable blocks of an article body, each with the span its translation replaces.

markdown-it-py (CommonMark, plus GFM tables) finds the blocks and their line maps; each
translatable block records the character span of its inline content in the body, so
reassembly (:mod:`toolkit.markdown.reassemble`) replaces exactly that span and leaves every
other byte (container markers, code, HTML, link definitions, blank lines) as it was. A
block's text is its inline Markdown on one line (:mod:`toolkit.markdown.joining`).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from toolkit.markdown.joining import join_checked
from toolkit.markdown.parser import MAX_NESTING, PARSER_OPTIONS, NestingError

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
    parser = _parser_for(tuple(any(c in body for c in chars) for _rule, chars in _OPENERS))
    tokens = parser.parse(body, {_ROWS: rows})
    _check_nesting(tokens)
    lines = body.split("\n")
    starts = [0, *itertools.accumulate(len(raw) + 1 for raw in lines)]
    blocks: list[Block] = []
    containers: list[str] = []
    heading = ""
    in_table = in_head = False
    for tok in tokens:
        kind = tok.type
        if kind == "inline":  # the most frequent tokens first: inline, paragraph_*
            if tok.map is not None and not in_table:
                if heading:
                    block_kind = heading
                elif not containers:
                    block_kind = "paragraph"
                else:
                    block_kind = "list item" if containers[-1] == "list_item_open" else "blockquote"
                block = _inline_block(lines, starts, tok, block_kind, bool(heading))
                if block is not None:
                    blocks.append(block)
        elif kind == "paragraph_open" or kind == "paragraph_close":
            continue
        elif kind in ("blockquote_open", "list_item_open"):
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
    return Block(kind, join_checked(clines), first + 1, start, end, cont_prefix)


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


_ROWS = "toolkit.markdown.blocks.rows"


@lru_cache(maxsize=1)
def _block_parser() -> MarkdownIt:
    """The toolkit's parser without its inline pass, its table rule reporting where each row's
    text starts and ends in the source (after the container markers), as ``env[_ROWS][line]``.

    ``parse`` reads only block tokens and each inline token's ``content`` and ``map``, which
    the block pass sets; tokenizing every paragraph's emphasis, links and code spans into
    children was two thirds of the parse time (0.7 of 1.1 s on 1,000 articles).
    """
    return _new_block_parser(table=True)


def _new_block_parser(table: bool) -> MarkdownIt:
    from markdown_it import MarkdownIt
    from markdown_it.rules_block import table as table_rule

    md = MarkdownIt("commonmark", PARSER_OPTIONS).enable("table").disable("inline")
    ruler = md.block.ruler
    if table_rule not in ruler.getRules(""):
        raise RuntimeError(
            "markdown-it-py's table rule is not markdown_it.rules_block.table; "
            "toolkit.markdown.blocks was written against markdown-it-py 3 and 4"
        )
    if not table:
        return md.disable("table")
    # The chains a table may interrupt, as the parser has them (paragraph, reference).
    alt = [chain for chain in _BLOCK_CHAINS if table_rule in ruler.getRules(chain)]
    ruler.at("table", _track_rows(table_rule), {"alt": alt})
    return md


# Block rules and the characters one of which a line must start with (after its
# containers' markers and indentation) for the rule to match it.
_OPENERS = (
    ("table", "|"),  # in the header row, not at its start: the body is what is asked
    ("html_block", "<"),
    ("fence", "`~"),
    ("blockquote", ">"),
    ("heading", "#"),
)


@lru_cache(maxsize=32)
def _parser_for(present: tuple[bool, ...]) -> MarkdownIt:
    """:func:`_block_parser` without the rules that cannot match a body, ``present[i]``
    saying whether the body has a character of ``_OPENERS[i]``: a table's header row holds a
    pipe, an HTML block opens with ``<``, a code fence with a backtick or a tilde, a block
    quote with ``>``, an ATX heading with ``#``. markdown-it-py's rules (written against
    4.3) answer no to a line without their character before they change anything, so the
    tokens are the same, and those rules are not tried (nor the table tracked) at every
    block start and paragraph line: 4 in 5 news articles have no pipe, 3 in 4 no backtick,
    one in two no ``>`` (tests/test_fast_paths.py checks the tokens agree).
    """
    if all(present):
        return _block_parser()
    off = [rule for (rule, _chars), found in zip(_OPENERS, present, strict=True) if not found]
    md = _new_block_parser(table="table" not in off)
    off = [rule for rule in off if rule != "table"]
    return md.disable(off) if off else md


_BLOCK_CHAINS = ("paragraph", "reference", "blockquote", "list")


def _track_rows(rule: Callable[[Any, int, int, bool], bool]) -> Callable[..., bool]:
    def tracked(state: Any, start_line: int, end_line: int, silent: bool) -> bool:
        found = rule(state, start_line, end_line, silent)
        if not found or silent:  # tried at every block start: the usual answer is no
            return found
        rows = state.env.get(_ROWS) if isinstance(state.env, dict) else None
        if rows is not None:
            for line in range(start_line, state.line):
                rows[line] = (state.bMarks[line] + state.tShift[line], state.eMarks[line])
        return found

    return tracked


def translatable(text: str) -> bool:
    """Worth an entry: it has a letter. A cell of digits or a lone dash stays as it is."""
    return text[:1].isalpha() or any(c.isalpha() for c in text)  # most open with one
