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

import itertools
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


_RAW_BREAK = re.compile(r"[`<]|\]\(")


@lru_cache(maxsize=1)
def _flat() -> MarkdownIt:
    """The parser with soft breaks rendered as spaces, to compare a joined block with its lines."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable("table")
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


def _join_checked(clines: list[str]) -> str:
    r"""``join_lines``, except where a line break is not a soft break.

    Inside a code span the spaces before a line ending are content (CommonMark turns the line
    ending into one more space); inside raw HTML, an angle-bracket link destination or a link
    title the line ending is part of the markup (joining could turn ``<foo\nbar>`` into a
    link, make a complete tag alone on a line, i.e. an HTML block, or change a title). Only
    text with a backtick, a ``<`` or a link can hold such a break; there each break is joined
    the plain way, else with its spaces kept, else left as a newline: the first choice that
    still renders the same.
    """
    joined = join_lines(clines)
    if len(clines) == 1 or not _RAW_BREAK.search(joined) or _breaks_outside_links(clines):
        return joined
    render = _flat().render
    reference = render("\n".join(clines))
    if render(joined) == reference:
        return joined
    out = clines[0]
    for i, nxt in enumerate(clines[1:], start=1):
        rest = "\n".join(clines[i + 1 :])
        if _HARD_BREAK.search(out):
            out += "\n" + nxt.lstrip(" \t")
            continue
        for candidate in (out.rstrip(" \t") + " " + nxt.lstrip(" \t"), out + " " + nxt):
            if render(candidate + ("\n" + rest if rest else "")) == reference:
                out = candidate
                break
        else:
            out += "\n" + nxt
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
    return Block(kind, _join_checked(clines), first + 1, start, end, cont_prefix)


_PIPE = re.compile(r"(?<!\\)\|")


def _table_cells(lines: list[str], starts: list[int], row: int) -> list[Block]:
    r"""Cells of one table row, located by splitting the raw row on unescaped pipes.

    markdown-it unescapes ``\|`` in cell content, so the raw row is the reliable source.
    """
    raw = lines[row]
    kind = "table header" if _is_header_row(lines, row) else "table cell"
    cuts = [m.start() for m in _PIPE.finditer(raw)]
    bounds = [-1, *cuts, len(raw)]
    cells: list[Block] = []
    for left, right in itertools.pairwise(bounds):
        piece = raw[left + 1 : right]
        text = piece.strip()
        if not text:
            continue
        offset = left + 1 + (len(piece) - len(piece.lstrip()))
        start = starts[row] + offset
        cells.append(Block(kind, text, row + 1, start, start + len(text)))
    return cells


def _is_header_row(lines: list[str], row: int) -> bool:
    return row + 1 < len(lines) and re.fullmatch(r"[\s|:\-]+", lines[row + 1]) is not None


def translatable(text: str) -> bool:
    """Worth an entry: it has a letter. A cell of digits or a lone dash stays as it is."""
    return any(c.isalpha() for c in text)


# --- sentences -----------------------------------------------------------------------------

_MARKUP = re.compile(r"[`\[\]*_<]")


@lru_cache(maxsize=8)
def _segmenter(lang: str) -> Any:
    import pysbd
    from pysbd.languages import LANGUAGE_CODES

    code = lang.split("-")[0].split("_")[0].lower()
    return pysbd.Segmenter(language=code if code in LANGUAGE_CODES else "en", clean=False)


def _pieces(text: str, lang: str) -> list[str]:
    """pysbd's sentences as consecutive slices of ``text`` (whitespace kept).

    ``Segmenter.segment`` finds each sentence back in the text with a fresh regex per
    sentence, which also floods ``re``'s cache and makes pysbd recompile its own patterns:
    two thirds of its time. The sentences are substrings in order, so ``str.find`` does.
    """
    segmenter = _segmenter(lang)
    sentences: list[str] = segmenter.processor(text).process()
    starts: list[int] = []
    pos = 0
    for sentence in sentences:
        at = text.find(sentence, pos) if sentence else -1
        if at < 0:
            return list(segmenter.segment(text))  # not a plain substring: pysbd's own way
        starts.append(at)
        pos = at + len(sentence)
    bounds = [0, *starts[1:], len(text)]
    return [text[a:b] for a, b in itertools.pairwise(bounds)]


def split_sentences(text: str, lang: str = "en") -> list[tuple[str, str]]:
    """Sentences of ``text`` with the whitespace after each: ``"".join(s + sep)`` is ``text``."""
    pieces: list[str] = _pieces(text, lang) if text.strip() else [text]
    if "".join(pieces) != text:  # pysbd never drops text with clean=False; refuse if it did
        return [(text.strip(), "")] if text.strip() == text else [(text, "")]
    pairs: list[tuple[str, str]] = []
    for piece in pieces:
        body = piece.rstrip()
        pairs.append((body, piece[len(body) :]))
    check = _MARKUP.search(text) is not None
    whole = markdown().renderInline(text) if check else ""
    merged: list[tuple[str, str]] = []
    offset = 0
    for sent, sep in pairs:
        if merged and (not sent or (check and _cuts_markup(text, offset, whole))):
            prev, prev_sep = merged.pop()
            merged.append((prev + prev_sep + sent, sep))
        else:
            merged.append((sent, sep))
        offset += len(sent) + len(sep)
    return merged


def _cuts_markup(text: str, cut: int, whole: str) -> bool:
    """Would cutting ``text`` at ``cut`` change how its inline Markdown renders?

    Checked against the whole text, not the neighbours: emphasis opened in one sentence
    may close two sentences later.
    """
    md = markdown()
    left = text[:cut]
    body = left.rstrip()
    return bool(md.renderInline(body) + left[len(body) :] + md.renderInline(text[cut:]) != whole)


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


def _cell(text: str) -> str:
    """A table cell's translation on one line with every pipe escaped."""
    text = " ".join(text.split())
    # A pipe after an even run of backslashes (none, or escaped backslashes) is a cell border.
    text = _CELL_PIPE.sub(lambda m: m.group(1) + ("|" if len(m.group(1)) % 2 else "\\|"), text)
    trailing = len(text) - len(text.rstrip("\\"))
    return text + " " if trailing % 2 else text  # a final backslash would escape the border


_CODE_SPAN = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)")
_ANY_PIPE = re.compile(r"\\?\|")
_DELIMITER_ROW = re.compile(r"[ \t>]*[ \t|:-]*-[ \t|:-]*$")


def _pipe_refs(line: str) -> str:
    """Pipes outside code spans as ``&#124;``: the same text, but no table header.

    A line with a pipe, escaped or not, over a row like ``---`` opens a table.
    """
    if "|" not in line:
        return line
    pieces: list[str] = []
    pos = 0
    for span in _CODE_SPAN.finditer(line):
        pieces.append(_ANY_PIPE.sub("&#124;", line[pos : span.start()]) + span.group())
        pos = span.end()
    return "".join(pieces) + _ANY_PIPE.sub("&#124;", line[pos:])


def _heading(text: str) -> str:
    """A heading's translation on one line, with nothing in it read as heading syntax.

    A final run of '#' would be closing marks; over a setext underline (``---``) a pipe
    would make the heading a table header.
    """
    text = _pipe_refs(_safe_line(" ".join(text.split())))
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
    out = [_safe_line(part, i == 0) for i, part in enumerate(_lines(text))]
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
        placed = place(block, text)
        if (
            "|" in placed
            and text != block.text
            and not block.kind.startswith("table")
            and _delimiter_follows(doc.body, block.end)
        ):
            head, newline, last = placed.rpartition("\n")
            placed = head + newline + _pipe_refs(last)
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
