"""The bilingual edition's rows: the body cut into top-level blocks (lists into their
items), each aligned with its translation.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from typing import TYPE_CHECKING

from toolkit.markdown.blocks import Block, Document
from toolkit.markdown.reassemble import rebuild

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

# What a reader sees for a unit, best first; a row takes the worst state of its units.
STATES = ("reviewed", "fuzzy", "untranslated")


@dataclass(frozen=True)
class Row:
    """One aligned pair of the bilingual edition: a top-level block, or one list item.

    ``source`` and ``target`` are Markdown, except for front-matter fields (kind ``title``,
    ``deck``...), which are plain text. ``state`` is None for rows with nothing to translate
    (code, HTML, rules).
    """

    kind: str
    source: str
    target: str
    state: str | None


@dataclass(frozen=True)
class Parts:
    """What the bilingual rows are made of, kept so that they are made only when asked for."""

    fields: tuple[Row, ...]
    doc: Document
    texts: tuple[str | None, ...]  # each block's text for ``rebuild``
    states: tuple[tuple[str, ...], ...]  # each block's unit states

    @cached_property
    def chunks(self) -> list[tuple[str, int, int, list[int]]]:
        """The rows' spans of the body: parsed once, however many sets of rows are made
        (the plain rows, and each edition's marked ones when unreviewed text is shown)."""
        return _chunks(self.doc)


def marked(parts: Parts, mark: str) -> tuple[str | None, ...]:
    return tuple(
        mark + text if text is not None and "fuzzy" in states else text
        for text, states in zip(parts.texts, parts.states, strict=True)
    )


def worst(states: Sequence[str]) -> str | None:
    return max(states, key=STATES.index) if states else None


def body_rows(parts: Parts, texts: Sequence[str | None]) -> list[Row]:
    doc = parts.doc
    rows: list[Row] = []
    for kind, start, end, indexes in parts.chunks:
        chunk = Document(
            doc.body[start:end],
            tuple(_shift(doc.blocks[i], start) for i in indexes),
        )
        states = [state for i in indexes for state in parts.states[i]]
        target = rebuild(chunk, [texts[i] for i in indexes])
        rows.append(Row(kind, chunk.body, target, worst(states)))
    return rows


def _shift(block: Block, offset: int) -> Block:
    return dataclasses.replace(block, start=block.start - offset, end=block.end - offset)


_KINDS = {
    "paragraph_open": "paragraph",
    "heading_open": "heading",
    "blockquote_open": "blockquote",
    "table_open": "table",
    "fence": "code",
    "code_block": "code",
    "html_block": "html",
    "hr": "rule",
}


def _chunks(doc: Document) -> list[tuple[str, int, int, list[int]]]:
    """Top-level blocks (lists split into their items) as (kind, start, end, block indexes).

    Link reference definitions produce no token and so no row; they still resolve links
    through the env. A chunk grows to hold any translatable block that starts inside it.
    """
    body = doc.body
    starts = [0]
    for line in body.split("\n"):
        starts.append(starts[-1] + len(line) + 1)
    spans: list[tuple[str, int, int]] = []
    in_list = False
    for tok in blocks_only().parse(body):
        if tok.type in ("bullet_list_open", "ordered_list_open") and tok.level == 0:
            in_list = True
        elif tok.type in ("bullet_list_close", "ordered_list_close") and tok.level == 0:
            in_list = False
        elif tok.map is None or tok.nesting == -1:
            continue
        elif in_list and tok.type == "list_item_open" and tok.level == 1:
            spans.append(("list item", *_char_span(body, starts, tok.map)))
        elif not in_list and tok.level == 0 and tok.type in _KINDS:
            spans.append((_KINDS[tok.type], *_char_span(body, starts, tok.map)))
    # Spans and blocks both come in document order: one walk over each, not one pass over
    # every block per span (quadratic: 40,000 paragraphs took a minute).
    chunks: list[tuple[str, int, int, list[int]]] = []
    blocks = doc.blocks
    first = 0
    for kind, start, end in spans:
        while first < len(blocks) and blocks[first].start < start:
            first += 1
        last = first
        while last < len(blocks) and blocks[last].start < end:
            last += 1
        inside = list(range(first, last))
        end = max([end, *(blocks[i].end for i in inside)])
        chunks.append((kind, start, end, inside))
    return chunks


@lru_cache(maxsize=1)
def blocks_only() -> MarkdownIt:
    """The toolkit's parser without its inline pass: rows need only blocks and definitions
    (the inline pass was two thirds of a parse, and a 50 MB article has many blocks)."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark").enable("table").disable("inline")


def _char_span(body: str, starts: list[int], line_map: list[int]) -> tuple[int, int]:
    start = starts[line_map[0]]
    end = min(starts[line_map[1]], len(body))
    while end > start and body[end - 1] in "\n \t":  # trailing blank lines are not the block's
        end -= 1
    return start, end
