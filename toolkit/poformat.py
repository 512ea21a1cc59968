"""Write a :class:`~toolkit.entry.Catalog` as PO text, byte for byte as GNU gettext writes it.

The target is what ``msgcat FILE`` (gettext 0.21, default options, page width 79) prints for
the same catalog, so that a translator's Poedit/msgcat round trip and the toolkit's next write
never fight in ``git diff``. What that means, following gettext's ``write-po.c``:

* Comments come in gettext's order: ``#`` translator, ``#.`` extracted, ``#:`` references
  (several per line, a new line before one that would pass column 79, counted in bytes),
  ``#,`` flags, ``#|`` previous msgctxt/msgid/msgid_plural; then the keywords.
* Flags are what gettext understands, in its order: ``fuzzy`` (dropped when the first msgstr
  is empty), the ``*-format`` flags in gettext's language order, ``range:``, ``no-wrap``;
  then every other flag (``ignore-numbers``...) as the translator wrote it. gettext's
  reader ignores those, so msgcat drops them; the toolkit keeps them, because they are a
  translator's decisions (``l10n check`` reads ``ignore-*``). That is the one place where
  our output and msgcat's differ on purpose.
* Obsolete entries go last with ``#~`` (``#~|`` for previous strings); an obsolete entry
  whose first msgstr is empty is not written at all, as msgcat does.
* Strings are escaped (``\\ \" \a \b \f \n \r \t \v``; other control characters stay raw)
  and cut after every ``\n``. Each piece is wrapped with libunistring's line-breaking rules
  (UAX #14 as libunistring 1.0 implements it) at display width 79, counting keyword, quotes
  and escapes; a string that is cut or wrapped starts with an empty ``""`` line.
  ``toolkit/_unidata.py`` holds that library's own tables, generated from it.

Checked against msgcat itself (tests/test_poformat.py). Where the two can differ:

* The text is UTF-8 (``Content-Type: text/plain; charset=UTF-8``); other charsets are not
  handled, nor NUL characters.
* gettext never breaks a line inside a format directive of the entry's first ``*-format``
  flag. Directives are located for c-format and python-format only; with another format
  flag a directive containing a break opportunity (a space, say) may be split.
* A catalog with only a header is written, as ``msgcat --force-po`` does (plain msgcat
  writes nothing for it).
* Some input gettext cannot read back as written, so msgcat would change it: a comment line
  ending in a backslash (joined to the next line), a reference path with whitespace or
  that starts or ends with ``:``.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from functools import lru_cache
from itertools import pairwise

from toolkit.entry import Catalog, Entry
from toolkit.linebreak import Portion
from toolkit.podirectives import DIRECTIVE_SCANNERS, DirectiveScanner

PAGE_WIDTH = 79

# Format flags gettext 0.21 knows, in the order it prints them (message.c: format_language).
_FORMAT_LANGUAGES = (
    "c", "objc", "python", "python-brace", "java", "java-printf", "csharp", "javascript",
    "scheme", "lisp", "elisp", "librep", "ruby", "sh", "awk", "lua", "object-pascal",
    "smalltalk", "qt", "qt-plural", "kde", "kde-kuit", "boost", "tcl", "perl", "perl-brace",
    "php", "gcc-internal", "gfc-internal", "ycp",
)  # fmt: skip
_FORMAT_RANK = {lang: i for i, lang in enumerate(_FORMAT_LANGUAGES)}
_INT_MAX = 2**31 - 1

_ESCAPES = str.maketrans(
    {"\\": "\\\\", '"': '\\"', "\a": "\\a", "\b": "\\b", "\f": "\\f", "\n": "\\n",
     "\r": "\\r", "\t": "\\t", "\v": "\\v"}
)  # fmt: skip
_NEEDS_ESCAPE = re.compile('[\\\\"\a\b\f\n\r\t\v]')
_RARE_ESCAPE = re.compile("[\a\b\f\r\t\v]")
_FLAG_TOKEN = re.compile(r"[^\n \t\r\f\v,]+")
_RANGE = re.compile(r"([0-9]+)\.\.([0-9]+)")


def _escape(text: str) -> str:
    r"""``text`` with gettext's C escapes. News text needs only ``\``, ``"`` and ``\n``,
    which three ``str.replace`` do in a fifth of the time of a ``str.translate``."""
    if _NEEDS_ESCAPE.search(text) is None:
        return text
    if _RARE_ESCAPE.search(text) is not None:
        return text.translate(_ESCAPES)
    return text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


@lru_cache(maxsize=8192)
def _wrapped(
    prefix: str, keyword: str, value: str, wrap: bool, scanner: DirectiveScanner | None
) -> tuple[str, ...]:
    """``keyword "value"`` as gettext's ``wrap()`` writes it, ``prefix`` on every line.

    Cached: extract writes each msgid twice (template and catalog), its lines are broken once.
    """
    out: list[str] = []
    lines = value.split("\n")
    tail = lines.pop()
    portions = [line + "\n" for line in lines]
    if tail or not portions:
        portions.append(tail)
    width = PAGE_WIDTH - 2 - len(prefix) if wrap else sys.maxsize
    # Characters of a format directive after its first: gettext never breaks before them.
    inside = []
    if scanner is not None and value:
        spans = scanner(value, keyword.startswith("msgstr"))
        inside = [k for first, last in spans for k in range(first + 1, last + 1)]
    first = True
    if len(portions) > 1:
        out.append(f'{prefix}{keyword} ""')
        first = False
    base = 0
    for portion in portions:
        escaped = _escape(portion)
        keep: set[int] = set()
        if inside:
            keep = {
                len(portion[: k - base].translate(_ESCAPES))
                for k in inside
                if base <= k < base + len(portion)
            }
        base += len(portion)
        piece = Portion(escaped, portion.endswith("\n"), keep)
        if first:
            first = False
            startcol = len(keyword) + 1
            breaks = piece.breaks(startcol, width)
            if not escaped or not (breaks or startcol > width):
                out.append(f'{prefix}{keyword} "{escaped}"')
                continue
            out.append(f'{prefix}{keyword} ""')
        breaks = piece.breaks(0, width)
        if not breaks:
            out.append(f'{prefix}"{escaped}"')
            continue
        bounds = [0, *breaks, len(escaped)]
        out.extend(f'{prefix}"{escaped[a:b]}"' for a, b in pairwise(bounds))
    return tuple(out)


def _canonical_flags(
    flags: Iterable[str], translated: bool, obsolete: bool
) -> tuple[list[str], bool, DirectiveScanner | None]:
    """The flags gettext would print, in its order; whether the entry wraps; its directives.

    Parses like gettext's ``po_parse_comment_special``: tokens split at commas and spaces,
    the last word on a format or wrap flag wins, unknown tokens are kept, after them.
    """
    fuzzy = False
    formats: dict[str, str] = {}
    value_range: tuple[int, int] | None = None
    wrap = True
    others: dict[str, None] = {}  # flags gettext does not know, in the translator's order
    tokens = iter(_FLAG_TOKEN.findall(",".join(flags)))
    for token in tokens:
        if token == "fuzzy":
            fuzzy = True
        elif token == "wrap":
            wrap = True
        elif token == "no-wrap":
            wrap = False
        elif token == "range:":
            # The next token is the range, consumed even when it is not one.
            m = _RANGE.match(next(tokens, ""))
            if m:
                low, high = (min(int(x), _INT_MAX) for x in m.groups())
                if low <= high:
                    value_range = (low, high)
        elif token.endswith("-format"):
            name, state = token[:-7], "yes"
            for word in ("no", "possible", "impossible"):
                if name.startswith(word + "-"):
                    name, state = name[len(word) + 1 :], word
                    break
            if name in _FORMAT_RANK:
                formats[name] = state
            else:
                others[token] = None
        else:
            others[token] = None
    printed = ["fuzzy"] if fuzzy and translated else []
    scanner: DirectiveScanner | None = None
    language = None  # gettext finds directives for the first language that may apply
    for name in sorted(formats, key=_FORMAT_RANK.__getitem__):
        state = formats[name]
        if state == "no":
            printed.append(f"no-{name}-format")
        elif state != "impossible":  # "possible" prints as plain, as without --debug
            printed.append(f"{name}-format")
            language = language or name
    if language is not None:
        scanner = DIRECTIVE_SCANNERS.get(language)
    if value_range is not None and not obsolete:  # msgcat drops it on obsolete entries
        printed.append(f"range: {value_range[0]}..{value_range[1]}")
    if not wrap:
        printed.append("no-wrap")
    printed.extend(others)
    return printed, wrap, scanner


def _comment_lines(out: list[str], marker: str, comments: list[str]) -> None:
    # A comment with newlines becomes several comment lines, as gettext reads them back.
    for comment in comments:
        for line in comment.split("\n"):
            out.append(f"{marker} {line}" if line else marker)


def _reference_lines(out: list[str], references: list[tuple[str, int | None]]) -> None:
    # Duplicates are dropped as gettext's reader drops them; widths are in bytes, like strlen.
    tokens = dict.fromkeys(
        (path[2:] if path.startswith("./") else path) + ("" if line is None else f":{line}")
        for path, line in references
    )
    line_text, col = "#:", 2
    for token in tokens:
        size = (len(token) if token.isascii() else len(token.encode())) + 1
        if col > 2 and col + size > PAGE_WIDTH:
            out.append(line_text)
            line_text, col = "#:", 2
        line_text += " " + token
        col += size
    out.append(line_text)


def _entry_lines(entry: Entry, out: list[str]) -> None:
    """Append the entry's lines to ``out``; nothing for an entry msgcat omits."""
    if entry.msgid_plural is not None:
        count = max(entry.msgstr_plural, default=0) + 1
        msgstrs = [entry.msgstr_plural.get(i, "") for i in range(count)]
        first_msgstr = msgstrs[0]
    else:
        first_msgstr = entry.msgstr
    if entry.obsolete and not first_msgstr:
        return
    _comment_lines(out, "#", entry.translator_comments)
    _comment_lines(out, "#.", entry.extracted_comments)
    if entry.references:
        _reference_lines(out, entry.references)
    flags, wrap, scanner = _canonical_flags(entry.flags, bool(first_msgstr), entry.obsolete)
    if flags:
        out.append("#, " + ", ".join(flags))
    prefix = "#~ " if entry.obsolete else ""
    previous = "#~| " if entry.obsolete else "#| "
    if entry.previous_msgctxt is not None:
        out.extend(_wrapped(previous, "msgctxt", entry.previous_msgctxt, wrap, scanner))
    if entry.previous_msgid is not None:
        out.extend(_wrapped(previous, "msgid", entry.previous_msgid, wrap, scanner))
    if entry.previous_msgid_plural is not None:
        out.extend(_wrapped(previous, "msgid_plural", entry.previous_msgid_plural, wrap, scanner))
    if entry.msgctxt is not None:
        out.extend(_wrapped(prefix, "msgctxt", entry.msgctxt, wrap, scanner))
    out.extend(_wrapped(prefix, "msgid", entry.msgid, wrap, scanner))
    if entry.msgid_plural is not None:
        out.extend(_wrapped(prefix, "msgid_plural", entry.msgid_plural, wrap, scanner))
        for i, msgstr in enumerate(msgstrs):
            out.extend(_wrapped(prefix, f"msgstr[{i}]", msgstr, wrap, scanner))
    else:
        out.extend(_wrapped(prefix, "msgstr", entry.msgstr, wrap, scanner))


def format_entry(entry: Entry) -> str:
    """One entry block as msgcat writes it, without a trailing newline.

    An obsolete entry with an empty (first) msgstr gives ``""``: msgcat does not write it.
    Plural msgstrs are written for indexes 0..max, a missing index as ``""``.
    """
    out: list[str] = []
    _entry_lines(entry, out)
    return "\n".join(out)


def header_entry(catalog: Catalog) -> Entry | None:
    """The ``msgid ""`` entry carrying the catalog's header, or None if it has none."""
    if not (catalog.header or catalog.header_comment or catalog.header_flags):
        return None
    return Entry(
        msgid="",
        msgstr="".join(f"{field}: {value}\n" for field, value in catalog.header.items()),
        flags=list(catalog.header_flags),
        translator_comments=list(catalog.header_comment),
    )


def format_catalog(catalog: Catalog) -> str:
    """The whole catalog as msgcat prints it: header, live entries, then obsolete ones.

    Entries are separated by one blank line and the text ends with a newline; an empty
    catalog gives ``""``. A catalog with only a header is written out, as ``msgcat
    --force-po`` does (plain msgcat writes nothing for it).
    """
    blocks = []
    header = header_entry(catalog)
    if header is not None:
        blocks.append(format_entry(header))
    blocks += [format_entry(e) for e in catalog.entries if not e.obsolete]
    # Omitted obsolete entries (empty msgstr) leave no trace, not even a blank line, so that
    # msgcat reading this text prints it back unchanged.
    blocks += [text for e in catalog.entries if e.obsolete if (text := format_entry(e))]
    return "\n\n".join(blocks) + "\n" if blocks else ""
