"""The one Markdown parser configuration: CommonMark with GFM tables, nesting limit raised."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
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


# markdown-it-py (written against 4.3) logs "entering <rule>" at DEBUG
# level on every call of a block rule, through its module's logger: some 300 calls per
# news article, 4% of blocks.parse, with logging off. While a block pass runs, each
# of those loggers that is off for DEBUG gets a no-op ``debug`` of its own (an instance
# attribute, removed after); one that is on logs as before.
_BLOCK_RULES = (
    "blockquote", "code", "fence", "heading", "hr", "html_block", "lheading", "list",
    "paragraph", "reference",
)  # fmt: skip


@lru_cache(maxsize=1)
def _block_rule_loggers() -> tuple[logging.Logger, ...]:
    return tuple(logging.getLogger(f"markdown_it.rules_block.{name}") for name in _BLOCK_RULES)


@contextmanager
def quiet_block_rules() -> Iterator[None]:
    """Within: markdown-it's block rules skip their DEBUG calls while DEBUG is off."""
    quiet = [
        logger
        for logger in _block_rule_loggers()
        if "debug" not in vars(logger) and not logger.isEnabledFor(logging.DEBUG)
    ]
    for logger in quiet:
        # str.format takes any arguments and ignores them, without a Python frame per call.
        logger.debug = "".format  # type: ignore[method-assign,assignment]
    try:
        yield
    finally:
        for logger in quiet:
            del logger.debug
