"""Close what a Markdown text leaves open at its end, so that what follows stands alone.

The Markdown editions put the attribution footer after the article, and the licence makes
that footer a condition of republishing. Most blocks end at a blank line, but two kinds run
to the end of the document when their closer is missing: a fenced code block, and an HTML
block that starts with ``<script``, ``<pre``, ``<style``, ``<textarea``, ``<!--``, ``<?``,
``<!X`` or ``<![CDATA[`` (CommonMark's HTML blocks of types 1 to 5). Either would swallow
the footer (rendered as code, or hidden in a comment). A container (a list, a block quote)
needs nothing: after a blank line, a line at the left margin ends it, fence and all.

The check asks the parser itself: a probe paragraph after a blank line must come out as a
top-level paragraph. A fence gets its closing fence; an HTML block gets its closer on a line
of its own (that line is part of the HTML block, as it would be for any closed one, and is
what keeps a browser from hiding the rest of the page too).
"""

from __future__ import annotations

import re

from toolkit.markdown.parser import markdown

_PROBE = "\ufdd1"  # a noncharacter: plain text that no article holds
# Where such a block could open at the top level: at most 3 spaces, then a fence or "<"
# (a container's blocks need nothing). Most articles have no such line: no parse at all.
_MAY_OPEN = re.compile(r"^ {0,3}(?:```|~~~|<)", re.MULTILINE)
_HTML_CLOSERS = (
    (re.compile(r"<(script|pre|style|textarea)(?:[\s>]|$)", re.I), None),
    (re.compile(r"<!--"), "-->"),
    (re.compile(r"<\?"), "?>"),
    (re.compile(r"<!\[CDATA\["), "]]>"),
    (re.compile(r"<![A-Za-z]"), ">"),
)


def close_open_blocks(text: str) -> str:
    """``text`` with a closer added for a fence or HTML block still open at its end."""
    if not _may_open(text):
        return text  # neither construct can be open
    for _ in range(3):  # one closer is enough; the bound only guards against a surprise
        closer = _closer(text)
        if closer is None:
            return text
        # Trailing blank lines stay: they are content of the open block.
        text += closer if text.endswith("\n") else "\n" + closer
    return text


def _may_open(text: str) -> bool:
    """``_MAY_OPEN.search(text) is not None``, sooner: the regex tries every position of a
    long article, this looks only at line starts, and only if a token is there at all."""
    if "<" not in text and "```" not in text and "~~~" not in text:
        return False
    for line in text.split("\n"):  # where MULTILINE's "^" matches
        rest = line.lstrip(" ")
        if len(line) - len(rest) <= 3 and rest.startswith(("```", "~~~", "<")):
            return True
    return False


def _closer(text: str) -> str | None:
    """The line that closes the top-level block swallowing a following paragraph, if any."""
    tokens = markdown().parse(text + "\n\n" + _PROBE)
    last = tokens[-1] if tokens else None
    if last is not None and last.type == "paragraph_close" and last.level == 0:
        inline = tokens[-2]
        if inline.type == "inline" and inline.content == _PROBE:
            return None
    swallower = next(
        (t for t in reversed(tokens) if t.level == 0 and t.type in ("fence", "html_block")),
        None,
    )
    if swallower is None or _PROBE not in swallower.content:
        return None
    if swallower.type == "fence":
        return swallower.markup  # the opening fence's character, as many times
    start = swallower.content.lstrip(" ")
    for pattern, closer in _HTML_CLOSERS:
        match = pattern.match(start)
        if match:
            return closer or f"</{match.group(1).lower()}>"
    return None
