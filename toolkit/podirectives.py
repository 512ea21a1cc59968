"""The format directives gettext never breaks a line inside (c-format, python-format)."""

from __future__ import annotations

import re
from collections.abc import Callable


def _skip(pattern: re.Pattern[str], text: str, i: int) -> int:
    m = pattern.match(text, i)
    return m.end() if m else i


def _spans(text: str, directive: Callable[[int], int | None]) -> list[tuple[int, int]]:
    """Spans (first, last index) of the directives from each ``%``: ``directive`` reads one
    from the index after its ``%`` and gives the index of its last character, or None at
    the first invalid one, where gettext's parser stops."""
    spans: list[tuple[int, int]] = []
    i = text.find("%")
    while i >= 0:
        last = directive(i + 1)
        if last is None:
            return spans
        spans.append((i, last))
        i = text.find("%", last + 1)
    return spans


def _width_and_precision(text: str, i: int, star: Callable[[int], int | None]) -> int | None:
    """The index past a directive's width and precision (digits, or a ``*`` that ``star``
    reads from the index after it); None where the directive is invalid."""
    for part in (0, 1):
        if part == 1:
            if not text.startswith(".", i):
                break
            i += 1
        if text.startswith("*", i):
            past = star(i + 1)
            if past is None:
                return None
            i = past
        else:
            i = _skip(_DIGITS, text, i)
    return i


def _c_directives(text: str, translated: bool) -> list[tuple[int, int]]:
    """Spans (first, last index) of the valid directives gettext's c-format parser finds.

    Follows format-c.c's scan; it stops at the first invalid directive, whose span then
    does not count (gettext only protects valid ones).
    """
    numbered = unnumbered = False
    flags = " +-#0'I" if translated else " +-#0'"

    def c_star(i: int) -> int | None:  # a '*' width or precision, maybe numbered (*2$)
        nonlocal numbered, unnumbered
        argno = _ARGNO.match(text, i)
        if argno:
            if int(argno[1]) == 0:
                return None
            i = argno.end()
        if numbered if not argno else unnumbered:
            return None
        numbered = numbered or bool(argno)
        unnumbered = unnumbered or not argno
        return i

    n = len(text)

    def directive(i: int) -> int | None:
        nonlocal numbered, unnumbered
        number = _ARGNO.match(text, i)
        if number:
            if int(number[1]) == 0:
                return None
            i = number.end()
        while i < n and text[i] in flags:
            i += 1
        after = _width_and_precision(text, i, c_star)
        if after is None:
            return None
        i = after
        if text.startswith("<", i):
            macro = _C99_MACRO.match(text, i)
            if not macro:
                return None
            i = macro.end() - 1
            takes_argument = True
        else:
            i = _skip(_C_SIZE, text, i)
            if i >= n or text[i] not in _C_CONVERSIONS:
                return None
            takes_argument = text[i] not in "%m"
        if takes_argument:
            if unnumbered if number else numbered:
                return None
            numbered = numbered or bool(number)
            unnumbered = unnumbered or not number
        return i

    return _spans(text, directive)


def _python_directives(text: str, translated: bool) -> list[tuple[int, int]]:
    """Spans of the valid directives gettext's python-format parser finds (format-python.c)."""
    named = unnamed = False

    def python_star(i: int) -> int | None:  # a '*' width or precision: not with names
        nonlocal unnamed
        if named:
            return None
        unnamed = True
        return i

    n = len(text)

    def directive(i: int) -> int | None:
        nonlocal named, unnamed
        has_name = text.startswith("(", i)
        if has_name:
            depth = 0
            i += 1
            while i < n and (text[i] != ")" or depth):
                depth += {"(": 1, ")": -1}.get(text[i], 0)
                i += 1
            if i >= n:
                return None
            i += 1
        while i < n and text[i] in "-+ #0":
            i += 1
        past = _width_and_precision(text, i, python_star)
        if past is None:
            return None
        i = past
        i = _skip(_PYTHON_SIZE, text, i)
        if i >= n or text[i] not in "%csriduoxXeEfgG":
            return None
        if has_name:
            if unnamed:
                return None
            named = True
        elif text[i] != "%":
            if named:
                return None
            unnamed = True
        return i

    return _spans(text, directive)


DirectiveScanner = Callable[[str, bool], list[tuple[int, int]]]
# Languages whose directives we locate; for the others breaks inside directives are not
# prevented (gettext would), a known divergence for strings flagged with those formats.
DIRECTIVE_SCANNERS: dict[str, DirectiveScanner] = {
    "c": _c_directives,
    "python": _python_directives,
}
_ARGNO = re.compile(r"([0-9]+)\$")
_DIGITS = re.compile(r"[0-9]*")
_C_SIZE = re.compile(r"[hlLqjzZt]*")
_C_CONVERSIONS = frozenset("%mcCsSiduoxXeEfFgGaApn")
_C99_MACRO = re.compile(r"<PRI[diouxX](?:MAX|PTR|(?:LEAST|FAST)?(?:8|16|32|64))>")
_PYTHON_SIZE = re.compile(r"[hlL]?")
