"""The one Markdown parser configuration: CommonMark with GFM tables, nesting limit raised."""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

from toolkit.errors import InputError

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

# markdown-it stops parsing, silently, at this depth of block nesting (its CommonMark preset
# says 20: ten nested lists). 100 (50 nested lists, 100 quotes) stays far below Python's
# recursion limit (about 330 list levels parse); deeper than that is refused, see
# toolkit.markdown.blocks.parse.
MAX_NESTING = 100
PARSER_OPTIONS: dict[str, Any] = {"maxNesting": MAX_NESTING}


class NestingError(InputError):
    """An article nested deeper than the parser reads: the text inside would be lost."""


def new_parser() -> MarkdownIt:
    """A fresh parser with the toolkit's configuration, for callers that add rules to it."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", PARSER_OPTIONS).enable("table")


@lru_cache(maxsize=1)
def markdown() -> MarkdownIt:
    """The one parser: CommonMark with GFM tables (news articles use both)."""
    return new_parser()
