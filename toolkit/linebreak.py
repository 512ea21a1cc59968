"""Where gettext breaks a long string: UAX #14 line breaking as libunistring 1.0 does it.

``Portion.breaks`` gives the positions where msgcat starts a new line of a string piece:
break opportunities from libunistring's own tables (``toolkit/_unidata.py``), display widths
from its width table, and one greedy algorithm (``greedy_lines``) that fills each line.
``scripts/gen_unidata.py --check`` compares ``break_opportunities`` with libunistring.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Callable, Iterable
from itertools import accumulate

from toolkit import _unidata

# Line-break classes, in libunistring 1.0's numbering (the index into _unidata.PAIR_TABLE).
_BA, _HY, _NU, _AL, _HL, _RI, _ZWJ = 3, 5, 16, 20, 28, 29, 30
# Classes the pair table does not cover.
_BK, _CM, _ZW, _SP = 33, 36, 37, 38

_ESCAPE_SEQUENCE = re.compile(r"\\.", re.DOTALL)
_CLASS_RUN = re.compile(r"(.)\1*", re.DOTALL)


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
CLASS_MAP = _LazyTable(_unidata.LB_STARTS, _unidata.LB_CLASSES, chr)
# The same for ASCII, as a bytes.translate table: a third of the cost of str.translate with
# a dict, on the text of a news archive.
_ASCII_CLASSES = bytes(
    _unidata.LB_CLASSES[bisect_right(_unidata.LB_STARTS, c) - 1] for c in range(128)
) + bytes(128)


def _classes(text: str) -> str:
    """One character per code point of ``text``, its line-break class as ordinal."""
    if text.isascii():
        return text.encode("ascii").translate(_ASCII_CLASSES).decode("ascii")
    return text.translate(CLASS_MAP)


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
# of Portion.breaks needs only the pair table, looked up where a line would end.
_NOT_SCANNABLE = re.compile(
    "[^"
    + _class_set(c for c in range(len(_unidata.PAIR_TABLE)) if c not in (_ZWJ, _RI, _HL))[1:-1]
    + f"\\x{_SP:02x}]"
)
_AFTER_CHAR, _BEFORE_CHAR, _AFTER_SPACE = _fast_pair_patterns()
_AFTER_SPACES = re.compile(f"([^\\x{_SP:02x}])\\x{_SP:02x}{{2,}}(?=([^\\x{_SP:02x}]))")


def break_opportunities(classes: str) -> tuple[list[int], list[int]]:
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


class Portion:
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
            possible, mandatory = break_opportunities(_classes(self.escaped))
            keep = self._forbidden()
            if keep:
                possible = [pos for pos in possible if pos not in keep]
                mandatory = [pos for pos in mandatory if pos not in keep]
            self._breakable = possible, mandatory
        return self._breakable

    def breaks(self, startcol: int, width: int) -> list[int]:
        """Positions where gettext starts a new line (libunistring's ``u8_width_linebreaks``).

        Columns are counted from after the indentation of continuation lines, so the first
        line starts at ``startcol``. Plain text whose classes the pair table covers asks the
        table only where a line would end (a few lookups per line); any other text first
        finds every break opportunity. The lines are the same greedy ones either way.
        """
        if startcol + self.width <= width:
            return []
        escaped = self.escaped
        if self.plain:
            classes = _classes(escaped)
            if _NOT_SCANNABLE.search(classes) is None:
                allowed = _pair_lookup(classes, self._forbidden())
                return greedy_lines(len(escaped), allowed, None, [], startcol, width)
        possible, mandatory = self._opportunities()
        columns = None  # plain: a position is its column
        if not self.plain:
            columns = [0, *accumulate(len(_WIDTH_MAP[ord(c)]) for c in escaped)]
        return greedy_lines(
            len(escaped), set(possible).__contains__, columns, mandatory, startcol, width
        )


def _pair_lookup(classes: str, forbidden: set[int]) -> Callable[[int], bool]:
    """Whether a line may start at a position of plain text whose classes
    :data:`_NOT_SCANNABLE` allows: the pair table alone decides, looked up on demand."""
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

    return allowed


def greedy_lines(
    size: int,
    allowed: Callable[[int], bool],
    columns: list[int] | None,
    mandatory: list[int],
    startcol: int,
    width: int,
) -> list[int]:
    """The one line-breaking algorithm: greedy, as libunistring's ``u8_width_linebreaks``.

    Each line takes the pieces between break opportunities (``allowed``) while they fit
    within ``width`` columns, and at least one: looking back from the last position the
    line may reach for the nearest opportunity, else forward for the first. ``columns[i]``
    is the width of the first ``i`` characters (None: one column each). At a line separator
    (``mandatory``: U+2028, U+0085...) libunistring counts from column 0 again, but gettext
    starts no new output line there, nor may the next line start right after it.
    """
    breaks: list[int] = []
    start = 0
    for end in [*mandatory, size]:
        line = start
        while line < end:
            room = width - startcol
            limit = (
                line + room if columns is None else bisect_right(columns, columns[line] + room) - 1
            )
            if limit >= end:
                break
            pos = limit
            while pos > line and not allowed(pos):
                pos -= 1
            if pos <= line:  # nothing fits: the line takes its first piece anyway
                pos = max(limit, line) + 1
                while pos < end and not allowed(pos):
                    pos += 1
                if pos >= end:
                    break
            breaks.append(pos)
            line = pos
            startcol = 0
        start = end + 1
        startcol = 0
    return breaks
