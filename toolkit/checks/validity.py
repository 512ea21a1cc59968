"""The ``validity`` check: the catalog is valid for ``msgfmt --check``.

Three scopes under one name: the header (charset, Plural-Forms and its expression), reported
at line 1 and never silenced; each entry's plural structure and duplicates; each text's
newlines at both ends (msgfmt refuses a msgid and msgstr that differ there). The last two
can be silenced on their entry.
"""

from __future__ import annotations

import codecs
import gettext
import re
from collections.abc import Iterator
from functools import lru_cache

from toolkit.checks.pair import Pair
from toolkit.entry import Catalog, Entry


def check_newlines(p: Pair) -> Iterator[str]:
    if p.src.startswith("\n") != p.tgt.startswith("\n"):
        yield "msgid and msgstr do not both begin with a newline (msgfmt refuses this)"
    if p.src.endswith("\n") != p.tgt.endswith("\n"):
        yield "msgid and msgstr do not both end with a newline (msgfmt refuses this)"


_CHARSET = re.compile(r"charset\s*=\s*([^\s;]+)", re.I)
_NPLURALS = re.compile(r"nplurals\s*=\s*(\d+)")
_PLURAL_EXPR = re.compile(r"plural\s*=\s*([^;]+)")


@lru_cache(maxsize=32)
def _plural_problem(expression: str, nplurals: int) -> str | None:
    try:
        function = gettext.c2py(expression)
        for n in range(1001):
            value = function(n)
            if not 0 <= value < nplurals:
                return f"plural expression gives {value} for n={n}, outside 0..{nplurals - 1}"
    except (ValueError, SyntaxError, RecursionError, ZeroDivisionError, TypeError):
        return f"Plural-Forms: invalid plural expression {expression.strip()!r}"
    return None


def header_problems(catalog: Catalog) -> tuple[list[str], int | None]:
    """msgfmt --check's complaints about the header, and nplurals when it is usable."""
    if not catalog.header:
        return ['no header entry (msgid ""): msgfmt needs its Content-Type charset'], None
    fields = {key.lower(): value for key, value in catalog.header.items()}
    problems: list[str] = []
    content_type = fields.get("content-type")
    if content_type is None:
        problems.append("header has no Content-Type field")
    else:
        charset = _CHARSET.search(content_type)
        if charset is None:
            problems.append("Content-Type has no charset (use charset=UTF-8)")
        elif charset.group(1).upper() == "CHARSET":
            problems.append('Content-Type charset is still the template\'s "CHARSET"')
        else:
            try:
                codecs.lookup(charset.group(1))
            except LookupError:
                problems.append(f"Content-Type has an unknown charset {charset.group(1)!r}")
    plural_forms = fields.get("plural-forms")
    nplurals: int | None = None
    if plural_forms is None:
        problems.append("header has no Plural-Forms field")
    else:
        count, expression = _NPLURALS.search(plural_forms), _PLURAL_EXPR.search(plural_forms)
        if count is None:
            problems.append('Plural-Forms lacks "nplurals=INTEGER"')
        elif int(count.group(1)) < 1:
            problems.append("Plural-Forms: nplurals must be at least 1")
        else:
            nplurals = int(count.group(1))
        if expression is None:
            problems.append('Plural-Forms lacks "plural=EXPRESSION"')
        elif nplurals is not None:
            problem = _plural_problem(expression.group(1), nplurals)
            if problem:
                problems.append(problem)
    return problems, nplurals


def structure_problems(entry: Entry, nplurals: int | None) -> Iterator[str]:
    if entry.msgid_plural is None:
        if entry.msgstr_plural:
            yield "msgstr[N] without msgid_plural"
        return
    if entry.msgstr and not entry.msgstr_plural:
        yield "plural entry with msgstr instead of msgstr[N]"
    elif nplurals is not None and set(entry.msgstr_plural) != set(range(nplurals)):
        found = ", ".join(f"msgstr[{n}]" for n in sorted(entry.msgstr_plural)) or "none"
        yield f"Plural-Forms says nplurals={nplurals}, this entry has {found}"
