"""A text copy of a page (what a browser's "select all, copy" gives, like the seed).

There is no markup to read, so the structure comes from the layout: blank lines separate
blocks; the headline is the first block, or, when a breadcrumb runs into it ("HomeNewsBrief"
+ title) and the title follows on its own, that repeated line; a short line without end
punctuation followed by a longer paragraph is a subheading ("InSight Crime Analysis");
lines that all start with a bullet are a list. The site profile then drops the furniture.
"""

from __future__ import annotations

import re

from toolkit.errors import InputError
from toolkit.importer.page import Page
from toolkit.importer.tomarkdown import Block, escape_line_starts, escape_text

_BLANK = re.compile(r"\n[ \t\u00a0]*\n")
_BULLET = re.compile(r"^[•·▪◦\-*–]\s+")
_END_PUNCTUATION = tuple(".,;:!?…\"'”’»)]")
_HEADING_WORDS = 10
_HEADING_CHARS = 80


def parse_text(text: str, shown: str) -> Page:
    paragraphs = [p for p in (_join(chunk) for chunk in _BLANK.split(text)) if p]
    if not paragraphs:
        raise InputError("no article body found", shown)
    first = paragraphs[0]
    if len(paragraphs) > 1 and paragraphs[1] != first and first.endswith(paragraphs[1]):
        title, rest = paragraphs[1], paragraphs[2:]  # a breadcrumb ran into the title
    else:
        title, rest = first, paragraphs[1:]
    while rest and rest[0] == title:  # the title repeated
        rest = rest[1:]
    blocks: list[Block] = []
    for n, paragraph in enumerate(rest):
        lines = paragraph.split("\n")
        if all(_BULLET.match(line) for line in lines):
            items = [_BULLET.sub("", line) for line in lines]
            md = "\n".join("- " + escape_line_starts(escape_text(i)) for i in items)
            blocks.append(Block(md, " ".join(items), "list"))
            continue
        flat = " ".join(line.strip() for line in lines)
        following = rest[n + 1] if n + 1 < len(rest) else ""
        if _looks_like_heading(flat, following):
            blocks.append(Block("## " + escape_text(flat), flat, "heading 2"))
        else:
            blocks.append(Block(escape_line_starts(escape_text(flat)), flat, "paragraph"))
    return Page(shown, {"title": title}, blocks, None)


def _join(chunk: str) -> str:
    lines = [line.strip(" \t\u00a0") for line in chunk.strip("\n").split("\n")]
    return "\n".join(line for line in lines if line)


def _looks_like_heading(text: str, following: str) -> bool:
    return (
        len(text) <= _HEADING_CHARS
        and len(text.split()) <= _HEADING_WORDS
        and text[:1].isupper()
        and not text.endswith(_END_PUNCTUATION)
        and len(following) > 2 * len(text)
    )
