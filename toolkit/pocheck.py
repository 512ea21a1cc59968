"""What the catalog reader refuses in PO text that polib would read silently wrong.

polib is lenient: ``msgid "a`` without its closing quote is swallowed into the next entry,
a header line without a colon vanishes, and rewriting such a catalog would lose a
translator's work. These checks run on the text as the file has it, so that their lines
are the editor's.
"""

from __future__ import annotations

import re

from toolkit.errors import InputError

# The first line that is none of: blank, a comment, an obsolete comment (``#~|``...), a
# keyword and/or one complete string. One search over the whole text: a loop over its lines
# took a third of the time of reading a catalog. ``_W`` is whitespace within a line.
_W = r"[^\S\n]"
_KEYWORD = r"(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)"
_COMPLETE_STRING = r'"[^"\\\n]*(?:\\.[^"\\\n]*)*"'
_BAD_LINE = re.compile(
    rf"^(?!{_W}*$)(?!{_W}*#(?!~))(?!{_W}*#~(?!{_W}*(?:msg|\")))"
    rf"(?!{_W}*(?:#~{_W}*)?(?:{_KEYWORD}{_W}+)?{_COMPLETE_STRING}{_W}*$)"
    r".*$",
    re.MULTILINE,
)

# A catalog is *plain* when every line is one _BAD_LINE lets through (the alternatives
# below are its own, only stricter) and no comment line ends with a quote. Then every line
# that ends with ``"`` ends a complete string of a keyword, a continuation or a ``#|``
# previous msgid line, which is what lets polex.join_continuations join continuation
# strings without looking at each line. A ``#|`` line that a continuation string follows
# is not plain: joined, it would become the catalog's last line when the continuation was,
# and polib drops the last entry of a file that ends with a ``#|`` line. One match over
# the text, possessive so that a line that fails is not retried: cheaper than the
# _BAD_LINE search, which runs only when this fails (and then finds the bad line, if any).
# The first alternatives are the lines gettext writes most. Atomic alternatives can only
# make fewer catalogs plain (a refused line is read the slow way), never more.
_PLAIN_STRING = r'"[^"\\\n]*(?:\\.[^"\\\n]*)*+"'
_PLAIN_LINE = (
    rf'(?>{_PLAIN_STRING}|(?:msgid|msgstr) {_PLAIN_STRING}|#[.:,] [^\n]*(?<!")'
    rf"|{_W}*(?:(?:#~{_W}*)?(?:{_KEYWORD}{_W}+)?{_PLAIN_STRING}{_W}*"
    rf"|#\|{_W}+(?:(?:msgctxt|msgid|msgid_plural){_W}+)?{_PLAIN_STRING}{_W}*(?!\n(?:#~ )?\")"
    rf'|#(?!~)[^\n]*(?<!")|#~(?!{_W}*(?:msg|"))[^\n]*(?<!"))?)'
)
_PLAIN = re.compile(rf"(?:{_PLAIN_LINE}\n)*+{_PLAIN_LINE}")


def is_plain(text: str) -> bool:
    """True when ``text`` passes :func:`check_syntax` and no comment line ends with ``"``."""
    return _PLAIN.fullmatch(text) is not None


def check_syntax(text: str, shown: str) -> None:
    """Refuse what polib would silently misread (an unterminated string, a stray word)."""
    bad = _BAD_LINE.search(text)
    if bad is not None:
        problem = "unterminated string" if bad.group().count('"') % 2 else "unexpected text"
        number = text.count("\n", 0, bad.start()) + 1
        raise InputError(f"malformed catalog: {problem}", shown, number)


_PREVIOUS_KEYWORDS = ("msgctxt", "msgid", "msgid_plural")


def syntax_problem(line: str) -> str:
    """What is wrong with a line check_syntax let through and polib refused."""
    words = line.split()
    if words[:1] == ["#~"]:
        words = words[1:]
    if not words:
        return "syntax error"
    if words[0] == "#|":  # a previous msgid: keyword and string, or a continuation string
        keyword = words[1] if len(words) > 1 else ""
        if not keyword:
            return "empty #| comment"
        if not keyword.startswith('"') and keyword not in _PREVIOUS_KEYWORDS:
            return f"unknown keyword {keyword!r} in a #| comment"
        if len(words) == 2 and not keyword.startswith('"'):
            return f"#| {keyword} without a string"
        return "#| comment out of place"
    if words[0].startswith('"'):
        return "continuation string out of place"
    return f"{words[0]} out of place"  # e.g. a msgstr with no msgid before it


_HEADER_FIELD = re.compile(r"^[A-Za-z][\w-]*:")
# ``"((?:[^"\\]|\\.)*)"`` unrolled: the same matches, without an alternation per character.
_STRING = re.compile(r'"([^"\\]*(?:\\.[^"\\]*)*)"')
_CHARSET = re.compile(r"charset=([\w.-]+)")


def check_header(text: str, shown: str) -> None:
    """Every header line must be ``Field: value``, and the charset UTF-8.

    polib drops a header line without a colon without a word; a catalog whose
    ``Language`` silently vanished would then be rewritten without it.
    """
    # The header is the first line that starts with msgid "" and the strings after it; only
    # that part of the text is split (a blank line ends it: it holds no string).
    if text.startswith('msgid ""'):
        offset = 0
    else:
        offset = text.find('\nmsgid ""') + 1
        if offset == 0:
            return
    end = text.find("\n\n", offset)
    lines = text[offset : end if end >= 0 else len(text)].split("\n")
    base = text.count("\n", 0, offset)  # lines before the header's msgid line
    if len(lines) < 2 or not lines[1].startswith("msgstr"):
        return
    pending = ""
    pending_line = 2
    for number in range(1, len(lines)):
        match = _STRING.search(lines[number])
        if match is None or (number > 1 and not lines[number].startswith('"')):
            break
        pending += match.group(1)
        while "\\n" in pending:
            field, pending = pending.split("\\n", 1)
            if field and not _HEADER_FIELD.match(field):
                raise InputError(
                    f"malformed header line {field[:40]!r}, expected 'Field: value'",
                    shown,
                    base + pending_line,
                )
            charset = _CHARSET.search(field) if field.startswith("Content-Type") else None
            if charset and charset.group(1).upper().replace("_", "-") not in ("UTF-8", "CHARSET"):
                raise InputError(
                    f"charset {charset.group(1)} is not supported; convert the catalog with "
                    "'msgconv --to-code=UTF-8'",
                    shown,
                    base + pending_line,
                )
            pending_line = number + 1
        if not pending:
            pending_line = number + 2
