"""The inline Markdown vocabulary: the one place that knows what a code span, a link target,
a reference link, an autolink, a bare URL and an e-mail address look like, and what the
markup of a text is.

Segmentation, QA, MT protection, pseudo-localization and sanitizing all ask here, so that
``check`` and the MT protection cannot disagree about the same text. Two kinds of answer:

- fast scanners over plain strings (:func:`code_spans`, :data:`LINK_TARGET`,
  :func:`link_tail`, :data:`AUTOLINK`, :data:`URL` with :func:`trim_url`, :data:`EMAIL`),
  written to CommonMark (and GFM's autolink extension for bare URLs) for the cases news
  text has; they run on every sentence, so they never parse;
- the parser's own view (:func:`markup_signature`, :func:`walk`, :func:`destination`,
  :func:`inline_rules`), where exactness matters more than speed.

Masks: a caller that hides found spans from later patterns replaces them with ``"\\0"`` or
``"\\ue000"``; no pattern here matches through either.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from typing import TYPE_CHECKING, Any, NamedTuple

if TYPE_CHECKING:
    from markdown_it.token import Token

# --- code spans ------------------------------------------------------------------------------


class CodeSpan(NamedTuple):
    """One code span: ``text[start:end]`` is it with its backticks, ``inner`` between them."""

    start: int
    end: int
    inner: str


_ESCAPE_OR_TICKS = re.compile(r"\\[!-/:-@\[-`{-~]|`+")
_TICKS = re.compile(r"`+")


def code_spans(text: str) -> list[CodeSpan]:
    r"""The code spans of ``text``, left to right, as CommonMark finds them.

    A backtick string opens a code span that the next backtick string of exactly its length
    closes; one that no such string closes is literal backticks, and the scan goes on after
    it. Outside code spans a backslash escapes a backtick (``\`x`` opens nothing at the
    escaped one) and an escaped backslash escapes nothing (``\\`x``` is code); inside them a
    backslash is content. Line endings may be inside. Not seen: a backtick inside a link
    destination, an autolink or raw HTML that starts first (rare in prose; the parser's
    answer is :func:`markup_signature`).
    """
    if "`" not in text:
        return []
    # Every maximal backtick run, by length: a closer is the first run of the opener's
    # length after it (backslashes do not shorten a closer), found by bisection so that
    # many unmatched runs stay linear-ish rather than quadratic.
    by_length: dict[int, list[int]] = {}
    for run in _TICKS.finditer(text):
        by_length.setdefault(run.end() - run.start(), []).append(run.start())
    spans: list[CodeSpan] = []
    pos = 0
    while True:
        found = _ESCAPE_OR_TICKS.search(text, pos)
        if found is None:
            return spans
        if found[0][0] == "\\":
            pos = found.end()
            continue
        opener = found.end() - found.start()
        starts = by_length.get(opener, [])
        i = bisect.bisect_left(starts, found.end())
        if i == len(starts):
            pos = found.end()  # never closed: literal backticks
            continue
        close = starts[i]
        spans.append(CodeSpan(found.start(), close + opener, text[found.end() : close]))
        pos = close + opener


def mask(
    text: str, spans: Iterable[tuple[int, int]], char: str = "\ue000", keep: bool = False
) -> str:
    """``text`` with each ``(start, end, ...)`` span replaced by ``char`` (one per span, or
    one per character with ``keep``, so that offsets stay valid). Spans must not overlap."""
    pieces: list[str] = []
    pos = 0
    for span in sorted(spans):
        start, end = span[0], span[1]
        pieces += [text[pos:start], char * (end - start) if keep else char]
        pos = end
    if not pieces:
        return text
    pieces.append(text[pos:])
    return "".join(pieces)


# --- links -------------------------------------------------------------------------------------

# ``](destination "title")`` after a link's text. The destination is ``<...>`` or a run
# without spaces in which parentheses nest (two levels: Wikipedia's "x_(y)" and a little
# more) and backslashes escape; the title is quoted or parenthesized. Group 1: the
# destination as written (angle brackets included).
_DESTINATION = r"(<(?:[^<>\n\\]|\\.)*>|(?:[^\s()\\]|\\.|\((?:[^\s()\\]|\\.|\([^\s()]*\))*\))*)"
_TITLE = r"(?:\s+(?:\"(?:[^\"\\]|\\.)*\"|'(?:[^'\\]|\\.)*'|\((?:[^()\\]|\\.)*\)))?"
LINK_TARGET = re.compile(r"\]\(\s*" + _DESTINATION + _TITLE + r"\s*\)")
_TARGET_TAIL = re.compile(r"\(\s*" + _DESTINATION + _TITLE + r"\s*\)")
# ``][label]`` of a full reference link; group 1 is empty for a collapsed one (``[text][]``,
# whose label is its text).
REF_LINK = re.compile(r"\]\[([^\[\]]*)\]")
_REF_TAIL = re.compile(r"\[[^\[\]]*\]")


def link_tail(text: str, j: int) -> int | None:
    """Where the ``(destination "title")`` or ``[label]`` that starts at ``text[j]`` (just
    after a link text's ``]``) ends, or None if none starts there."""
    pattern = _TARGET_TAIL if text.startswith("(", j) else _REF_TAIL
    match = pattern.match(text, j)
    return match.end() if match else None


def link_destination(written: str) -> str:
    """A destination as :data:`LINK_TARGET` captures it, without its angle brackets."""
    return written[1:-1] if written.startswith("<") and written.endswith(">") else written


def normalize_label(label: str) -> str:
    """A reference label as CommonMark matches it: case-folded, whitespace collapsed."""
    return " ".join(label.casefold().split())


# ``<scheme:address>`` and ``<user@host>``, CommonMark's two autolinks.
AUTOLINK = re.compile(
    r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\x00-\x20<>]*"
    r"|[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
    r"(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*)>"
)

# --- bare URLs and e-mail addresses --------------------------------------------------------------

# Not after a letter or digit ("_www." in emphasis is still a URL); never through brackets,
# quotes, dashes or ellipses, which no URL contains unescaped, nor through a mask.
URL = re.compile(
    r"(?:(?<![A-Za-z0-9])(?:https?|ftp)://|(?<![A-Za-z0-9])www\.)"
    r"[^\s<>\"«»“”\u2018\u2019`\[\]{}|\\^—–…\0\ue000]+",
    re.IGNORECASE,
)
# GFM's autolink extension: trailing punctuation and emphasis marks end the sentence, not
# the URL.
_URL_TRAILING = ".,;:!?'\")]*_~"
EMAIL = re.compile(r"(?<![\w.+-])(?:mailto:)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def trim_url(url: str) -> str:
    """A :data:`URL` match without the sentence punctuation after it; a closing parenthesis
    stays when it closes one opened inside the URL (``.../x_(y)``)."""
    while url and url[-1] in _URL_TRAILING:
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        url = url[:-1]
    return url


def bare_urls(text: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of each bare URL of ``text``, trimmed (:func:`trim_url`)."""
    for match in URL.finditer(text):
        yield match.start(), match.start() + len(trim_url(match[0]))


def addresses(text: str) -> list[str]:
    """The bare URLs of ``text`` (trimmed), then its e-mail addresses (without
    ``mailto:``), as written: what a translation must carry over unchanged."""
    spans = list(bare_urls(text))
    found = [text[start:end] for start, end in spans]
    rest = mask(text, spans) if spans else text
    found.extend(m[0].removeprefix("mailto:") for m in EMAIL.finditer(rest))
    return found


# --- the parser's view -------------------------------------------------------------------------


def walk(tokens: Iterable[Token]) -> Iterator[Token]:
    """Every token, depth first, children (an inline token's, an image's alt) included."""
    for token in tokens:
        yield token
        if token.children:
            yield from walk(token.children)


def destination(token: Token) -> str:
    """The destination of a ``link_open`` (href) or ``image`` (src) token, else ``""``."""
    value = token.attrGet("href")
    if value is None:
        value = token.attrGet("src")
    return "" if value is None else str(value)


_PLAIN = frozenset({"text", "softbreak", "text_special"})


def markup_signature(text: str) -> Counter[tuple[str, str]]:
    """The inline Markdown structure of ``text`` (links, emphasis, code, HTML, breaks).

    Equal signatures for source and translation mean the markup survived, whatever the
    engine or the translator did with the words around it.
    """
    from toolkit.markdown.parser import markdown

    signature: Counter[tuple[str, str]] = Counter()
    for block in markdown().parseInline(text):
        for tok in block.children or []:
            if tok.type in _PLAIN:
                continue
            if tok.type in ("link_open", "image"):
                detail = destination(tok)
            elif tok.type in ("code_inline", "html_inline"):
                detail = tok.content
            else:
                detail = tok.markup
            signature[(tok.type, detail)] += 1
    return signature


InlineRule = Callable[[Any, bool], bool]


def inline_rules() -> dict[str, InlineRule]:
    """markdown-it-py's inline rules (markdown_it.rules_inline) by their names in the ruler,
    for callers that wrap them to learn where each construct is (written against
    markdown-it-py 4.3.0; tests/test_internals.py checks they are all)."""
    from markdown_it import rules_inline as r

    return {
        "text": r.text,
        "linkify": r.linkify,
        "newline": r.newline,
        "escape": r.escape,
        "backticks": r.backtick,
        "strikethrough": r.strikethrough.tokenize,
        "emphasis": r.emphasis.tokenize,
        "link": r.link,
        "image": r.image,
        "autolink": r.autolink,
        "html_inline": r.html_inline,
        "entity": r.entity,
    }
