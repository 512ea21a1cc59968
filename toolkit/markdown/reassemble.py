"""Translations put back into the body: each block's span replaced, every other byte kept.

A translation is Markdown from a translator or an engine: whatever it contains, the rebuilt
document keeps the source's blocks. No line of it may open a new block (a heading, a list
item, a fence, a table, a link reference definition, an HTML block), so what would is
escaped here.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from toolkit.markdown.blocks import Block, Document
from toolkit.markdown.inline import code_spans
from toolkit.markdown.parser import markdown
from toolkit.markdown.tracking import SpanTracker, tracking_parser

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
    tracker = SpanTracker(text)
    tracking_parser()[0].parseInline(text, {SpanTracker.KEY: tracker})
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
        out.append(_placed(doc, block, text))
        pos = block.end
    out.append(doc.body[pos:])
    return "".join(out)


def _placed(doc: Document, block: Block, text: str) -> str:
    """What :func:`rebuild` writes in ``block``'s span for ``text``."""
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
    return placed


def placed_text(doc: Document, block: Block, text: str) -> str:
    """``text`` as :func:`rebuild` writes it in ``block``'s span, without the continuation
    prefix of its lines: the inline Markdown a renderer parses there.

    What judges a translation (toolkit.sanitize) judges this, not ``text``: the escapes
    placement adds can change how the inline content parses (a backslash before a line's
    opening backticks shortens their run, so a code span no longer closes). Placing it
    again changes nothing more, as a rule; the judge checks that it does not.
    """
    first, *rest = _placed(doc, block, text).split("\n")
    return "\n".join([first, *(line.removeprefix(block.cont_prefix) for line in rest)])


def _delimiter_follows(body: str, end: int) -> bool:
    """Is the line after ``end`` a row like ``---`` (a lazy thematic break, say)?"""
    start = body.find("\n", end) + 1
    if start == 0:
        return False
    stop = body.find("\n", start)
    return _DELIMITER_ROW.match(body[start : stop if stop >= 0 else len(body)]) is not None
