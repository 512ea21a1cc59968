"""PO strings as gettext's lexer reads them, and PO text that polib reads without loss.

gettext (``po-lex.c``) reads in a string the escapes ``\\n \\t \\b \\r \\f \\v \\a \\\\ \\"``,
octal ``\\ooo`` (up to three digits) and hex ``\\xhh...`` (bytes, which then decode as
UTF-8), and refuses any other escape ("invalid control sequence"). polib 1.2.0 (the version
this targets) reads fewer: ``\\a``, octal and hex stay as written, and so does ``\\q``, which
gettext refuses. polib also splits its input with ``str.splitlines``, which breaks lines at
U+2028, U+2029, U+0085, 0x1C-0x1E, VT and FF too, not only at ``\\n``: a catalog with one of
them in a string or a comment, which gettext and the toolkit's writer handle as one line,
came back from polib as a syntax error (or a header cut in two).

So before polib sees a catalog that has any of these, :func:`for_polib` rewrites it, line for
line: each string decoded the way gettext does, then written back with only the escapes
polib knows, and each line-breaking character (in strings and comments alike) replaced by a
two-character code starting with U+FFFF; :func:`restore` turns the codes back in what polib
returns. The usual catalog has none of them and goes to polib as it is.

Characters no catalog can hold are refused with the line: NUL (gettext ends the string
there), and escapes that do not decode to UTF-8.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from itertools import accumulate, repeat

from toolkit.errors import InputError

# What polib would split a line at (besides "\n"), and the mark that starts each code.
_BREAKERS = "\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
_MARK = "\uffff"
_ENCODE = {c: _MARK + chr(ord("a") + i) for i, c in enumerate(_BREAKERS)} | {_MARK: _MARK + "z"}
_DECODE = {code[1]: c for c, code in _ENCODE.items()}
_TO_CODES = str.maketrans(_ENCODE)
_CODE = re.compile(_MARK + "(.)", re.DOTALL)

# A catalog needs rewriting when it has an escape polib does not read as gettext does (or
# one that decodes to a line break), a character polib splits at, the mark, or a NUL. A few
# false alarms (``\\\\a``) only cost the slower path. Two searches, not one alternation:
# ``str.__contains__`` per character and a search led by the backslash are both scans in C,
# where the alternation tried its branches at every position of the text.
_SPECIAL = "\x00" + _BREAKERS + _MARK
_ODD_ESCAPE = re.compile(r'\\[^\\"ntb]')

_STRING_LINE = re.compile(
    r"^(\s*(?:#~\|?|#\|)?\s*(?:(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+)?)"
    r'"((?:[^"\\]|\\.)*)"(\s*)$',
    re.DOTALL,
)
_ESCAPE = re.compile(r"\\(?:([0-7]{1,3})|x([0-9A-Fa-f]+)|(.))", re.DOTALL)
_NAMED = {"n": 10, "t": 9, "b": 8, "r": 13, "f": 12, "v": 11, "a": 7, "\\": 92, '"': 34}
_POLIB_ESCAPES = str.maketrans(
    {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\t": "\\t", "\b": "\\b"} | _ENCODE
)
NUL_MESSAGE = "a NUL character (U+0000) cannot be in a catalog"


def decode_string(body: str, shown: str, line: int) -> str:
    """The text of a PO string whose source (between the quotes) is ``body``, as gettext
    reads it; InputError for an escape gettext refuses, a NUL, or bytes that are not UTF-8."""
    if "\\" not in body:
        if "\x00" in body:
            raise InputError(NUL_MESSAGE, shown, line)
        return body
    out = bytearray()
    pos = 0
    for match in _ESCAPE.finditer(body):
        out += body[pos : match.start()].encode("utf-8")
        pos = match.end()
        octal, hexa, other = match.groups()
        if octal is not None:
            value = int(octal, 8)
        elif hexa is not None:
            value = int(hexa, 16)
        elif other in _NAMED:
            value = _NAMED[other]
        else:
            raise InputError(f"invalid control sequence '\\{other}' in a string", shown, line)
        if value > 0xFF:
            raise InputError(f"escape '{match.group()}' is more than one byte", shown, line)
        out.append(value)
    out += body[pos:].encode("utf-8")
    if 0 in out:
        raise InputError(NUL_MESSAGE, shown, line)
    try:
        return out.decode("utf-8")
    except UnicodeDecodeError:
        raise InputError("escapes in a string that are not UTF-8", shown, line) from None


def needs_rewrite(text: str) -> bool:
    """True when :func:`for_polib` has to rewrite ``text`` for polib."""
    if any(c in text for c in _SPECIAL):
        return True
    return "\\" in text and _ODD_ESCAPE.search(text) is not None


def for_polib(text: str, shown: str) -> str | None:
    """``text`` rewritten for polib (see the module's docstring), or None when it can go
    to polib as it is."""
    if not needs_rewrite(text):
        return None
    lines = text.split("\n")
    for number, line in enumerate(lines, 1):
        match = _STRING_LINE.match(line)
        if match is None:  # a comment (or what the syntax check has refused)
            if "\x00" in line:
                raise InputError(NUL_MESSAGE, shown, number)
            lines[number - 1] = line.translate(_TO_CODES)
            continue
        prefix, body, tail = match.groups()
        value = decode_string(body, shown, number)
        lines[number - 1] = (
            f'{prefix.translate(_TO_CODES)}"{value.translate(_POLIB_ESCAPES)}"{tail}'
        )
    return "\n".join(lines)


# Where a continuation string starts on the line after a string: the closing quote, the
# line break and the continuation's opening quote (``#~ `` before it on an obsolete line).
_JOINT = re.compile(r'"\n(?:#~ )?"')


def join_continuations(text: str) -> tuple[str, list[int]]:
    """``text`` with each continuation string joined onto the line before it, for polib.

    polib 1.2.0 (the version this is written against) pays for every line: its state
    machine, a search for stray quotes and an unescape per string. A string and the
    continuation strings after it read as one string, so a catalog whose strings are joined
    reads as the same entries in about half the time. Only for text where
    ``toolkit.pocheck.is_plain`` holds and :func:`for_polib` found nothing to rewrite: then
    every line that ends with ``"`` ends a complete string (of a keyword, a continuation or
    a ``#|`` previous msgid that no continuation follows), every line that starts with
    ``"`` or ``#~ "`` is a continuation of the string before it, and each side holds only
    whole escapes, so the joined string unescapes as the pieces did. Comments are never
    joined: polib refuses a continuation after one, and must go on refusing it.

    Also returns, for each joint, the line number (in the joined text) of the line it joined
    onto, so that :func:`original_line` maps polib's line numbers back.
    """
    pieces = _JOINT.split(text) if '"\n#~ "' in text else text.split('"\n"')
    lines_before = accumulate(map(str.count, pieces, repeat("\n", len(pieces) - 1)))
    return "".join(pieces), [1 + lines for lines in lines_before]


def original_line(joints: list[int], line: int) -> int:
    """The line number in the text :func:`join_continuations` joined of its line ``line``
    (one that starts a line of the original: a keyword or comment line)."""
    return line + bisect_left(joints, line)


def restore(value: str) -> str:
    """A string polib read from :func:`for_polib`'s text, with its codes turned back."""
    if _MARK not in value:
        return value
    return _CODE.sub(lambda m: _DECODE[m.group(1)], value)
