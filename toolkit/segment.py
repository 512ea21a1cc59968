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

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

UNITS = ("paragraph", "sentence")


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


@lru_cache(maxsize=1)
def markdown() -> MarkdownIt:
    """The one parser: CommonMark with GFM tables (news articles use both)."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table")


@lru_cache(maxsize=1)
def _block_parser() -> MarkdownIt:
    """The same parser without its inline pass, for :func:`parse`.

    ``parse`` reads only block tokens and each inline token's ``content`` and ``map``, which
    the block pass sets; tokenizing every paragraph's emphasis, links and code spans into
    children was two thirds of the parse time (0.7 of 1.1 s on 1,000 articles).
    """
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table").disable("inline")


def parse(body: str) -> Document:
    """Find the translatable blocks of a Markdown body."""
    tokens = _block_parser().parse(body)
    lines = body.split("\n")
    starts = [0]
    for raw in lines:
        starts.append(starts[-1] + len(raw) + 1)
    blocks: list[Block] = []
    containers: list[str] = []
    heading = ""
    in_table = False
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
        elif kind == "tr_open" and tok.map is not None:
            blocks.extend(_table_cells(lines, starts, tok.map[0]))
        elif kind == "inline" and tok.map is not None and not in_table:
            block_kind = heading or _paragraph_kind(containers)
            block = _inline_block(lines, starts, tok, block_kind, bool(heading))
            if block is not None:
                blocks.append(block)
    return Document(body, tuple(blocks))


def _paragraph_kind(containers: list[str]) -> str:
    if not containers:
        return "paragraph"
    return "list item" if containers[-1] == "list_item_open" else "blockquote"


_HARD_BREAK = re.compile(r"(?:  +|\\)$")


def join_lines(content_lines: Sequence[str]) -> str:
    """One line per block: soft breaks become a space, hard breaks keep their newline."""
    out = content_lines[0]
    for nxt in content_lines[1:]:
        if _HARD_BREAK.search(out):
            out += "\n" + nxt.lstrip(" \t")
        else:
            out = out.rstrip(" \t") + " " + nxt.lstrip(" \t")
    return out


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
        marker = re.match(r"^[ \t>]*#{1,6}(?=[ \t]|$)", raw0)
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
    return Block(kind, join_lines(clines), first + 1, start, end, cont_prefix)


_PIPE = re.compile(r"(?<!\\)\|")


def _table_cells(lines: list[str], starts: list[int], row: int) -> list[Block]:
    """Cells of one table row, located by splitting the raw row on unescaped pipes.

    markdown-it unescapes ``\|`` in cell content, so the raw row is the reliable source.
    """
    raw = lines[row]
    kind = "table header" if _is_header_row(lines, row) else "table cell"
    cuts = [m.start() for m in _PIPE.finditer(raw)]
    bounds = [-1, *cuts, len(raw)]
    cells: list[Block] = []
    for left, right in zip(bounds, bounds[1:], strict=False):
        piece = raw[left + 1 : right]
        text = piece.strip()
        if not text:
            continue
        offset = left + 1 + (len(piece) - len(piece.lstrip()))
        cells.append(Block(kind, text, row + 1, starts[row] + offset, starts[row] + offset + len(text)))
    return cells


def _is_header_row(lines: list[str], row: int) -> bool:
    return row + 1 < len(lines) and re.fullmatch(r"[\s|:\-]+", lines[row + 1]) is not None


# --- sentences -----------------------------------------------------------------------------

_MARKUP = re.compile(r"[`\[\]*_<]")


@lru_cache(maxsize=8)
def _segmenter(lang: str) -> Any:
    import pysbd
    from pysbd.languages import LANGUAGE_CODES

    code = lang.split("-")[0].split("_")[0].lower()
    return pysbd.Segmenter(language=code if code in LANGUAGE_CODES else "en", clean=False)


def split_sentences(text: str, lang: str = "en") -> list[tuple[str, str]]:
    """Sentences of ``text`` with the whitespace after each: ``"".join(s + sep)`` is ``text``."""
    pieces: list[str] = _segmenter(lang).segment(text) if text.strip() else [text]
    if "".join(pieces) != text:  # pysbd never drops text with clean=False; refuse if it did
        return [(text.strip(), "")] if text.strip() == text else [(text, "")]
    pairs: list[tuple[str, str]] = []
    for piece in pieces:
        body = piece.rstrip()
        pairs.append((body, piece[len(body) :]))
    merged: list[tuple[str, str]] = []
    for sent, sep in pairs:
        if merged and (not sent or _splits_markup(merged[-1][0], merged[-1][1], sent)):
            prev, prev_sep = merged.pop()
            merged.append((prev + prev_sep + sent, sep))
        else:
            merged.append((sent, sep))
    return merged


def _splits_markup(left: str, sep: str, right: str) -> bool:
    """Would cutting here change how the inline Markdown renders?"""
    if not (_MARKUP.search(left) or _MARKUP.search(right)):
        return False
    md = markdown()
    whole = md.renderInline(left + sep + right)
    return bool(whole != md.renderInline(left) + sep + md.renderInline(right))


def block_segments(block: Block, unit: str, lang: str = "en") -> list[tuple[str, str]]:
    """The units of one block with their separators: the block itself, or its sentences."""
    if unit == "sentence":
        return split_sentences(block.text, lang)
    return [(block.text, "")]


# --- reassembly ----------------------------------------------------------------------------

_BLOCK_START = re.compile(
    r"^(?:#{1,6}(?=[ \t]|$)|>|[-+*](?=[ \t]|$)|\d{1,9}[.)](?=[ \t]|$)|```|~~~|<|=+[ \t]*$|-+[ \t]*$)"
)


def _safe_line(line: str) -> str:
    """Escape what would make a translated line start a new block (a heading, a list...)."""
    line = line.strip(" \t")
    match = _BLOCK_START.match(line)
    if not match:
        return line
    digits = re.match(r"\d+", line)
    if digits:
        return line[: digits.end()] + "\\" + line[digits.end() :]
    return "\\" + line


def place(block: Block, text: str) -> str:
    """The replacement for ``block``'s span when its translation is ``text``."""
    if text == block.text:
        if "\n" not in text:
            return text
        return ("\n" + block.cont_prefix).join(text.split("\n"))
    if block.kind.startswith("table"):
        return _PIPE.sub(r"\\|", " ".join(text.split()))
    if block.kind.startswith("heading"):
        return " ".join(text.split())
    out = [_safe_line(part) for part in text.split("\n")]
    return ("\n" + block.cont_prefix).join(out)


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
        out.append(place(block, text))
        pos = block.end
    out.append(doc.body[pos:])
    return "".join(out)


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
