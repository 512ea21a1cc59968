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
from bisect import bisect_right
from collections.abc import Callable, Iterable
from functools import lru_cache
from itertools import accumulate, pairwise

from toolkit import _unidata
from toolkit.entry import Catalog, Entry

PAGE_WIDTH = 79

# Line-break classes, in libunistring 1.0's numbering (the index into _unidata.PAIR_TABLE).
_BA, _HY, _NU, _AL, _HL, _RI, _ZWJ = 3, 5, 16, 20, 28, 29, 30
# Classes the pair table does not cover.
_BK, _CM, _ZW, _SP = 33, 36, 37, 38

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
_ESCAPE_SEQUENCE = re.compile(r"\\.", re.DOTALL)
_CLASS_RUN = re.compile(r"(.)\1*", re.DOTALL)
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


class _LazyTable(dict[int, str]):
    """A ``str.translate`` table filled on first use from a range table (C-speed afterwards)."""

    def __init__(self, starts: tuple[int, ...], values: bytes, render: Callable[[int], str]):
        super().__init__()
        self._starts = starts
        self._values = values
        self._render = render

    def __missing__(self, uc: int) -> str:
        value = self[uc] = self._render(self._values[bisect_right(self._starts, uc) - 1])
        return value


# Code point -> one character whose ordinal is its line-break class.
_CLASS_MAP = _LazyTable(_unidata.LB_STARTS, _unidata.LB_CLASSES, chr)
# The same for ASCII, as a bytes.translate table: a third of the cost of str.translate with
# a dict, on the text of a news archive.
_ASCII_CLASSES = bytes(
    _unidata.LB_CLASSES[bisect_right(_unidata.LB_STARTS, c) - 1] for c in range(128)
) + bytes(128)


def _classes(text: str) -> str:
    """One character per code point of ``text``, its line-break class as ordinal."""
    if text.isascii():
        return text.encode("ascii").translate(_ASCII_CLASSES).decode("ascii")
    return text.translate(_CLASS_MAP)


# Code point -> as many characters as its display width (0, 1 or 2).
_WIDTH_MAP = _LazyTable(_unidata.WIDTH_STARTS, _unidata.WIDTH_VALUES, "x".__mul__)
_PAIR = [[cell == "D" for cell in row] for row in _unidata.PAIR_TABLE]
_PAIR_ACROSS_SPACE = [[cell != "P" for cell in row] for row in _unidata.PAIR_TABLE]


def _not_one_column() -> re.Pattern[str]:
    """Regex for a character that is not one column wide (or is outside the BMP).

    Lets ``len`` measure most text; a set of BMP ranges keeps the regex fast.
    """
    starts, widths = _unidata.WIDTH_STARTS, _unidata.WIDTH_VALUES
    ranges = [
        f"\\u{start:04x}-\\u{min(end - 1, 0xFFFF):04x}"
        for start, end, width in zip(starts, (*starts[1:], 0x110000), widths, strict=True)
        if width == 1 and start <= 0xFFFF
    ]
    return re.compile(f"[^{''.join(ranges)}]")


_NOT_ONE_COLUMN = _not_one_column()


def _display_width(text: str) -> int:
    return len(text.translate(_WIDTH_MAP))


def _class_set(classes: Iterable[int]) -> str:
    return "[" + "".join(f"\\x{c:02x}" for c in classes) + "]"


def _fast_pair_patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    """Regexes applying the pair table to a class string, for text without special classes.

    Each starts with a single character set, which lets ``re`` skip in C over the letters
    that make up most text, and then checks the pair with look-arounds (rows or columns
    with the same pattern share one alternative).
    """
    size = len(_PAIR)
    before = {b: [a for a in range(size) if _PAIR[a][b]] for b in range(size)}
    # A break before a letter or digit: look for the rarer character before it.
    word = (_AL, _NU)
    to_word = _class_set(sorted({a for b in word for a in before[b]}))
    checks = "|".join(f"(?<={_class_set(before[b])})(?={_class_set([b])})" for b in word)
    after_char = re.compile(f"{to_word}(?:{checks})")
    # A break before anything else: look for that character, then back at the pair.
    others = [b for b in range(size) if b not in word and before[b]]
    columns: dict[tuple[int, ...], list[int]] = {}
    for b in others:
        columns.setdefault(tuple(before[b]), []).append(b)
    checks = "|".join(f"(?<={_class_set(a)}{_class_set(b)})" for a, b in columns.items())
    before_char = re.compile(f"{_class_set(others)}(?:{checks})")
    # A break after a single space (longer runs are rare and checked one by one).
    rows: dict[tuple[int, ...], list[int]] = {}
    for a, row in enumerate(_PAIR_ACROSS_SPACE):
        rows.setdefault(tuple(b for b, ok in enumerate(row) if ok), []).append(a)
    space = f"\\x{_SP:02x}"
    checks = "|".join(
        f"(?<={_class_set(a)}{space})(?={_class_set(b)})" for b, a in rows.items() if b
    )
    after_space = re.compile(f"{space}(?:{checks})")
    return after_char, before_char, after_space


# Text without these classes needs only the pair table, which the regexes apply.
_SPECIAL = re.compile(_class_set((_BK, _CM, _ZWJ, _ZW, _RI, _HL)))
# Text whose classes are all in the pair table (or spaces) and none special: the greedy scan
# of _Portion.breaks needs only the pair table, looked up where a line would end.
_NOT_SCANNABLE = re.compile(
    "[^"
    + _class_set(c for c in range(len(_unidata.PAIR_TABLE)) if c not in (_ZWJ, _RI, _HL))[1:-1]
    + f"\\x{_SP:02x}]"
)
_AFTER_CHAR, _BEFORE_CHAR, _AFTER_SPACE = _fast_pair_patterns()
_AFTER_SPACES = re.compile(f"([^\\x{_SP:02x}])\\x{_SP:02x}{{2,}}(?=([^\\x{_SP:02x}]))")


def _break_opportunities(classes: str) -> tuple[list[int], list[int]]:
    """Where libunistring 1.0 allows a break, and where it forces one (``U+2028`` etc.).

    ``classes`` has one character per code point, its line-break class as ordinal. Mirrors
    ``u8_possible_linebreaks_v2``: the UAX #14 pair table plus its rules for spaces, combining
    marks, ZW, ZWJ (LB8a), Hebrew + hyphen (LB21a) and regional-indicator pairs (LB30a).
    """
    if _SPECIAL.search(classes) is None:
        # Only pairs matter: before B right after A, or after spaces that follow A.
        found = [m.end() for m in _AFTER_CHAR.finditer(classes)]
        found += [m.start() for m in _BEFORE_CHAR.finditer(classes)]
        found += [m.end() for m in _AFTER_SPACE.finditer(classes)]
        found += [
            m.end()
            for m in _AFTER_SPACES.finditer(classes)
            if _PAIR_ACROSS_SPACE[ord(m[1])][ord(m[2])]
        ]
        found.sort()
        return found, []
    # The general case, run by run: within a run of one class, every position after the
    # first behaves alike.
    possible: list[int] = []
    mandatory: list[int] = []
    last = _BK  # class of the last character that was not a space or combining mark
    seen_space = False
    prev = prev2 = _BK  # classes of the two characters just before
    ri_count = 0  # regional indicators just before
    for run in _CLASS_RUN.finditer(classes):
        start, end = run.span()
        cls = ord(classes[start])
        if cls == _BK:
            mandatory.extend(range(start, end))
            last = prev = prev2 = _BK
            seen_space = False
            ri_count = 0
            continue
        if cls == _SP:
            seen_space = True
        elif cls == _ZW:
            last = _ZW
            seen_space = False
        elif cls in (_CM, _ZWJ):
            # A mark attaches to what precedes it, unless that is a space, ZW or line start,
            # where it starts over as a letter.
            if last == _BK:
                last = _AL
                seen_space = False
            elif last == _ZW or seen_space:
                possible.append(start)
                last = _AL
                seen_space = False
        else:
            if last == _BK or prev == _ZWJ or (prev in (_HY, _BA) and prev2 == _HL):
                allowed = False
            elif last == _ZW:
                allowed = True
            elif last == _RI and cls == _RI:
                allowed = seen_space or ri_count % 2 == 0
            elif seen_space:
                allowed = _PAIR_ACROSS_SPACE[last][cls]
            else:
                allowed = _PAIR[last][cls]
            if allowed:
                possible.append(start)
            last = cls
            seen_space = False
            if end - start > 1:
                if cls == _RI:
                    possible.extend(range(start + 2, end, 2))
                elif _PAIR[cls][cls]:
                    possible.extend(range(start + 1, end))
        prev2 = cls if end - start > 1 else prev
        prev = cls
        ri_count = end - start if cls == _RI else 0
    return possible, mandatory


class _Portion:
    """A piece of a string up to and including a newline, escaped as gettext writes it."""

    __slots__ = ("_breakable", "_keep", "_newline", "escaped", "measure", "plain", "width")

    def __init__(self, escaped: str, ends_with_newline: bool, keep: set[int]) -> None:
        self.escaped = escaped
        # "plain": every character one column wide, so widths are lengths.
        self.plain = (
            escaped.isprintable() if escaped.isascii() else not _NOT_ONE_COLUMN.search(escaped)
        )
        self.measure: Callable[[str], int] = len if self.plain else _display_width
        self.width = self.measure(escaped)
        self._newline = ends_with_newline
        self._keep = keep  # positions where a break is forbidden (inside format directives)
        self._breakable: tuple[list[int], list[int]] | None = None

    def _forbidden(self) -> set[int]:
        """Positions where no line may start: inside a format directive or an escape
        sequence, and just before a final ``\\n``."""
        escaped, keep = self.escaped, self._keep
        if "\\" in escaped:
            keep = keep | {m.start() + 1 for m in _ESCAPE_SEQUENCE.finditer(escaped)}
            if self._newline:
                keep.add(len(escaped) - 2)
        return keep

    def _opportunities(self) -> tuple[list[int], list[int]]:
        if self._breakable is None:
            possible, mandatory = _break_opportunities(_classes(self.escaped))
            keep = self._forbidden()
            if keep:
                possible = [pos for pos in possible if pos not in keep]
                mandatory = [pos for pos in mandatory if pos not in keep]
            self._breakable = possible, mandatory
        return self._breakable

    def breaks(self, startcol: int, width: int) -> list[int]:
        """Positions where gettext starts a new line (libunistring's ``u8_width_linebreaks``).

        Greedy: each piece between break opportunities stays on the current line if it fits
        within ``width`` columns, else a new line starts before it. Columns are counted from
        after the indentation of continuation lines, so the first line starts at ``startcol``.
        """
        if startcol + self.width <= width:
            return []
        if self.plain:
            classes = _classes(self.escaped)
            if _NOT_SCANNABLE.search(classes) is None:
                return _scan_breaks(classes, self._forbidden(), startcol, width)
        return self._table_breaks(startcol, width)

    def _table_breaks(self, startcol: int, width: int) -> list[int]:
        """:meth:`breaks` from every break opportunity of the string, for any text."""
        possible, mandatory = self._opportunities()
        escaped = self.escaped
        if mandatory:
            return _line_breaks_forced(escaped, possible, mandatory, self.measure, startcol, width)
        # A line at a time: a line takes pieces while they fit, and at least one.
        bounds = [*possible, len(escaped)]
        if self.plain:
            ends = bounds  # column after each piece, counted from the start of the string
        else:
            measure = self.measure
            ends = list(accumulate(measure(escaped[a:b]) for a, b in pairwise([0, *bounds])))
        breaks: list[int] = []
        line_start = 0  # width before the current line
        first = 0  # index in bounds of the end of the current line's first piece
        last = len(bounds) - 1
        while True:
            end = max(bisect_right(ends, line_start + width - startcol, first) - 1, first)
            if end == last:
                return breaks
            breaks.append(bounds[end])
            line_start = ends[end]
            startcol = 0
            first = end + 1


def _scan_breaks(classes: str, forbidden: set[int], startcol: int, width: int) -> list[int]:
    """:meth:`_Portion.breaks` for plain text whose classes :data:`_NOT_SCANNABLE` allows.

    The same greedy lines, but instead of finding every break opportunity of the string,
    each line looks back from the last column it may reach for the nearest one (or, when a
    line has none, forward for the first): a few pair-table lookups per line instead of a
    pass over the whole string.
    """
    size = len(classes)
    space = chr(_SP)

    def allowed(pos: int) -> bool:
        if pos in forbidden:
            return False
        right = classes[pos]
        if right == space:
            return False  # never before a space (UAX #14 LB7)
        left = classes[pos - 1]
        if left != space:
            return _PAIR[ord(left)][ord(right)]
        before = pos - 2
        while before >= 0 and classes[before] == space:
            before -= 1
        return before >= 0 and _PAIR_ACROSS_SPACE[ord(classes[before])][ord(right)]

    breaks: list[int] = []
    line_start = 0
    while True:
        limit = line_start + width - startcol  # the line may end at this index at the latest
        if limit >= size:
            return breaks
        pos = limit
        while pos > line_start and not allowed(pos):
            pos -= 1
        if pos <= line_start:  # nothing fits: the line takes its first piece anyway
            pos = max(limit, line_start) + 1
            while pos < size and not allowed(pos):
                pos += 1
            if pos >= size:
                return breaks
        breaks.append(pos)
        line_start = pos
        startcol = 0


def _line_breaks_forced(
    escaped: str,
    possible: list[int],
    mandatory: list[int],
    measure: Callable[[str], int],
    startcol: int,
    width: int,
) -> list[int]:
    """``_Portion.breaks`` for a string with line separators (``U+2028``, ``U+0085``...)."""
    points = sorted([(pos, False) for pos in possible] + [(pos, True) for pos in mandatory])
    points.append((len(escaped), False))
    breaks: list[int] = []
    col = startcol
    piece_start = 0
    breakable = False  # whether a line may start at piece_start
    for pos, forced in points:
        piece_width = measure(escaped[piece_start:pos])
        if breakable and col + piece_width > width:
            breaks.append(piece_start)
            col = 0
        col += piece_width
        if forced:
            # libunistring restarts at column 0 after a line separator, but gettext does not
            # start a new output line there: it only acts on optional breaks.
            col = 0
            breakable = False
            piece_start = pos + 1
        else:
            breakable = True
            piece_start = pos
    return breaks


def _skip(pattern: re.Pattern[str], text: str, i: int) -> int:
    m = pattern.match(text, i)
    return m.end() if m else i


def _c_directives(text: str, translated: bool) -> list[tuple[int, int]]:
    """Spans (first, last index) of the valid directives gettext's c-format parser finds.

    Follows format-c.c's scan; it stops at the first invalid directive, whose span then
    does not count (gettext only protects valid ones).
    """
    spans: list[tuple[int, int]] = []
    numbered = unnumbered = False
    flags = " +-#0'I" if translated else " +-#0'"
    n = len(text)
    i = text.find("%")
    while i >= 0:
        start = i
        i += 1
        number = _ARGNO.match(text, i)
        if number:
            if int(number[1]) == 0:
                return spans
            i = number.end()
        while i < n and text[i] in flags:
            i += 1
        for part in (0, 1):  # width, then precision
            if part == 1:
                if not text.startswith(".", i):
                    break
                i += 1
            if text.startswith("*", i):
                i += 1
                argno = _ARGNO.match(text, i)
                if argno:
                    if int(argno[1]) == 0:
                        return spans
                    i = argno.end()
                if numbered if not argno else unnumbered:
                    return spans
                numbered = numbered or bool(argno)
                unnumbered = unnumbered or not argno
            else:
                i = _skip(_DIGITS, text, i)
        if text.startswith("<", i):
            macro = _C99_MACRO.match(text, i)
            if not macro:
                return spans
            i = macro.end() - 1
            takes_argument = True
        else:
            i = _skip(_C_SIZE, text, i)
            if i >= n or text[i] not in _C_CONVERSIONS:
                return spans
            takes_argument = text[i] not in "%m"
        if takes_argument:
            if unnumbered if number else numbered:
                return spans
            numbered = numbered or bool(number)
            unnumbered = unnumbered or not number
        spans.append((start, i))
        i = text.find("%", i + 1)
    return spans


def _python_directives(text: str, translated: bool) -> list[tuple[int, int]]:
    """Spans of the valid directives gettext's python-format parser finds (format-python.c)."""
    spans: list[tuple[int, int]] = []
    named = unnamed = False
    n = len(text)
    i = text.find("%")
    while i >= 0:
        start = i
        i += 1
        has_name = text.startswith("(", i)
        if has_name:
            depth = 0
            i += 1
            while i < n and (text[i] != ")" or depth):
                depth += {"(": 1, ")": -1}.get(text[i], 0)
                i += 1
            if i >= n:
                return spans
            i += 1
        while i < n and text[i] in "-+ #0":
            i += 1
        for part in (0, 1):  # width, then precision
            if part == 1:
                if not text.startswith(".", i):
                    break
                i += 1
            if text.startswith("*", i):
                if named:
                    return spans
                unnamed = True
                i += 1
            else:
                i = _skip(_DIGITS, text, i)
        i = _skip(_PYTHON_SIZE, text, i)
        if i >= n or text[i] not in "%csriduoxXeEfgG":
            return spans
        if has_name:
            if unnamed:
                return spans
            named = True
        elif text[i] != "%":
            if named:
                return spans
            unnamed = True
        spans.append((start, i))
        i = text.find("%", i + 1)
    return spans


_DirectiveScanner = Callable[[str, bool], list[tuple[int, int]]]
# Languages whose directives we locate; for the others breaks inside directives are not
# prevented (gettext would), a known divergence for strings flagged with those formats.
_DIRECTIVE_SCANNERS: dict[str, _DirectiveScanner] = {
    "c": _c_directives,
    "python": _python_directives,
}
_ARGNO = re.compile(r"([0-9]+)\$")
_DIGITS = re.compile(r"[0-9]*")
_C_SIZE = re.compile(r"[hlLqjzZt]*")
_C_CONVERSIONS = frozenset("%mcCsSiduoxXeEfFgGaApn")
_C99_MACRO = re.compile(r"<PRI[diouxX](?:MAX|PTR|(?:LEAST|FAST)?(?:8|16|32|64))>")
_PYTHON_SIZE = re.compile(r"[hlL]?")


def _wrap(
    out: list[str],
    prefix: str,
    keyword: str,
    value: str,
    wrap: bool,
    scanner: _DirectiveScanner | None,
) -> None:
    """Append ``keyword "value"`` as gettext's ``wrap()`` writes it, ``prefix`` on every line."""
    if scanner is None:
        out.extend(_wrapped(prefix, keyword, value, wrap))
    else:
        _wrap_into(out, prefix, keyword, value, wrap, scanner)


@lru_cache(maxsize=8192)
def _wrapped(prefix: str, keyword: str, value: str, wrap: bool) -> tuple[str, ...]:
    # Extract writes each msgid twice (template and catalog): break its lines once.
    lines: list[str] = []
    _wrap_into(lines, prefix, keyword, value, wrap, None)
    return tuple(lines)


def _wrap_into(
    out: list[str],
    prefix: str,
    keyword: str,
    value: str,
    wrap: bool,
    scanner: _DirectiveScanner | None,
) -> None:
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
        piece = _Portion(escaped, portion.endswith("\n"), keep)
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


def _canonical_flags(
    flags: Iterable[str], translated: bool, obsolete: bool
) -> tuple[list[str], bool, _DirectiveScanner | None]:
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
    scanner: _DirectiveScanner | None = None
    language = None  # gettext finds directives for the first language that may apply
    for name in sorted(formats, key=_FORMAT_RANK.__getitem__):
        state = formats[name]
        if state == "no":
            printed.append(f"no-{name}-format")
        elif state != "impossible":  # "possible" prints as plain, as without --debug
            printed.append(f"{name}-format")
            language = language or name
    if language is not None:
        scanner = _DIRECTIVE_SCANNERS.get(language)
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
        _wrap(out, previous, "msgctxt", entry.previous_msgctxt, wrap, scanner)
    if entry.previous_msgid is not None:
        _wrap(out, previous, "msgid", entry.previous_msgid, wrap, scanner)
    if entry.previous_msgid_plural is not None:
        _wrap(out, previous, "msgid_plural", entry.previous_msgid_plural, wrap, scanner)
    if entry.msgctxt is not None:
        _wrap(out, prefix, "msgctxt", entry.msgctxt, wrap, scanner)
    _wrap(out, prefix, "msgid", entry.msgid, wrap, scanner)
    if entry.msgid_plural is not None:
        _wrap(out, prefix, "msgid_plural", entry.msgid_plural, wrap, scanner)
        for i, msgstr in enumerate(msgstrs):
            _wrap(out, prefix, f"msgstr[{i}]", msgstr, wrap, scanner)
    else:
        _wrap(out, prefix, "msgstr", entry.msgstr, wrap, scanner)


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
