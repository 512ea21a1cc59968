"""The catalog reader's fast paths read exactly what their slow twins read (issue 16).

``parse_catalog`` hands polib a plain catalog (``pocheck.is_plain``) with its continuation
strings joined (``polex.join_continuations``) and maps polib's lines back; any other
catalog, or one polib refuses joined, is read as it is. Each property below generates
catalogs with comments, obsolete entries, previous msgids, plurals, escapes, line breakers
and broken lines, and compares the fast read with the plain one: the same entries and
lines, or the same error with the same file and line.
"""

from __future__ import annotations

import re
from unittest import mock

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit import catalog, pocheck, polex
from toolkit.catalog import parse_catalog
from toolkit.errors import InputError

PIECES = ["a", "b c", "\\n", '\\"', "\\\\", "\\t", "ñ", "—", " ", "msgid ", "#", "x\\\\"]
ODD = ["\\a", "\\x41", "\\101", "\\q", "\u2028", "\x0b", "\x85", "\uffff", "\\"]
body = st.lists(st.sampled_from(PIECES), max_size=4).map("".join)
odd_body = st.tuples(body, st.sampled_from(ODD), body).map("".join)
plain_string = body.map(lambda s: f'"{s}"')
any_string = st.one_of(body, body, body, odd_body).map(lambda s: f'"{s}"')
COMMENTS = ["#. type: paragraph", "#: a.md:3 b.md:4", "#, fuzzy", "# a translator", '# said "x"']
COMMENTS += ["#", "#:", "#,", '#. "quoted"', '#~| msgid "old"', "#~, fuzzy"]
JUNK = ['"stray"', 'msgstr "x"', 'msgid "dup"', '#~ "c"', '#| "c"', '#| msgid "p"', "  ", "junk"]
JUNK += ['msgid "unterminated', '"a"b"', 'msgstr[0] "p"', 'msgid_plural "pl"', "#~", "#|"]
JUNK += ['#| msgstr "s"', 'msgid  "two spaces"', "msgid ''", '  "indented"', '"trailing" ']
HEADER = [
    'msgid ""',
    'msgstr ""',
    '"Content-Type: text/plain; charset=UTF-8\\n"',
    '"Language: es\\n"',
    '"Plural-Forms: nplurals=2; plural=(n != 1);\\n"',
]
HEADER_CHANGES = [
    [],
    [(3, '"Bad header line\\n"')],
    [(2, '"Content-Type: text/plain; "'), (3, '"charset=latin1\\n"')],
    [(2, '"Content-Type: text/plain; "'), (3, '"charset=UTF-8\\nLanguage: es\\n"')],
]


@st.composite
def keyword(draw: st.DrawFn, name: str, prefix: str, string: st.SearchStrategy[str]) -> list[str]:
    """A keyword line and its continuation lines, now and then in another shape."""
    lines = [f"{prefix}{name} {draw(string)}"]
    for _ in range(draw(st.sampled_from([0, 0, 1, 2, 3]))):
        shape = draw(st.sampled_from([prefix] * 6 + ["", "#~ ", "#| ", "  "]))
        lines.append(shape + draw(string))
    return lines


@st.composite
def entry(draw: st.DrawFn, string: st.SearchStrategy[str]) -> list[str]:
    prefix = draw(st.sampled_from(["", "", "", "", "#~ "]))
    lines = draw(st.lists(st.sampled_from(COMMENTS), max_size=2))
    if draw(st.integers(0, 5)) == 0:
        lines += draw(keyword("msgid", "#| ", string))
    if draw(st.booleans()):
        lines += draw(keyword("msgctxt", prefix, string))
    lines += draw(keyword("msgid", prefix, string))
    if draw(st.integers(0, 4)) == 0:
        lines += draw(keyword("msgid_plural", prefix, string))
        for form in range(draw(st.integers(1, 3))):
            lines += draw(keyword(f"msgstr[{form}]", prefix, string))
    else:
        lines += draw(keyword("msgstr", prefix, string))
    return lines + draw(st.sampled_from([[""], [""], [""], []]))


@st.composite
def catalogs(draw: st.DrawFn) -> str:
    lines: list[str] = []
    if draw(st.integers(0, 4)) > 0:
        header = list(HEADER)
        for at, line in draw(st.sampled_from(HEADER_CHANGES)):
            header[at] = line
        lines += draw(st.sampled_from([[], ["# header comment"], ["#, fuzzy"]])) + header + [""]
    # Most catalogs have none of what polex rewrites, and go to polib joined.
    string = draw(st.sampled_from([plain_string, plain_string, plain_string, any_string]))
    for lines_of_entry in draw(st.lists(entry(string), max_size=5)):
        lines += lines_of_entry
    for _ in range(draw(st.sampled_from([0, 0, 0, 1, 2]))):  # now and then a broken catalog
        at = draw(st.integers(0, len(lines)))
        change = draw(st.sampled_from(["insert", "delete", "repeat"]))
        if change == "insert":
            lines.insert(at, draw(st.sampled_from(JUNK)))
        elif at < len(lines) and change == "delete":
            del lines[at]
        elif at < len(lines):
            lines.insert(at, lines[at])
    return "\n".join(lines) + draw(st.sampled_from(["\n", "", "\n\n"]))


def outcome(text: str) -> object:
    """What reading ``text`` gives: the catalog, or the error with its file and line."""
    try:
        read = parse_catalog(text, "x.po")
    except InputError as error:
        return ("error", error.message, error.path, error.line)
    return (read.header_comment, read.header, read.header_flags, read.entries)


def plain_read(text: str) -> object:
    """The slow twin: the catalog checked line by line and given to polib as it is."""
    with mock.patch.object(catalog, "is_plain", return_value=False):
        return outcome(text)


SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(catalogs())
def test_the_joined_read_is_the_plain_read(text: str) -> None:
    assert outcome(text) == plain_read(text)


# The single search the two searches of polex.needs_rewrite replaced.
OLD_NEEDS_REWRITE = re.compile(r'\\[^\\"ntb]|[\x00' + polex._BREAKERS + polex._MARK + "]")


def old_check_header(text: str, shown: str) -> None:
    """pocheck.check_header as it was, splitting the whole text (its slow twin)."""
    lines = text.split("\n")
    start = next((i for i, line in enumerate(lines) if line.startswith('msgid ""')), None)
    if start is None or start + 1 >= len(lines) or not lines[start + 1].startswith("msgstr"):
        return
    pending = ""
    pending_line = start + 2
    for number in range(start + 1, len(lines)):
        match = re.search(r'"((?:[^"\\]|\\.)*)"', lines[number])
        if match is None or (number > start + 1 and not lines[number].startswith('"')):
            break
        pending += match.group(1)
        while "\\n" in pending:
            field, pending = pending.split("\\n", 1)
            if field and not re.match(r"^[A-Za-z][\w-]*:", field):
                raise InputError(f"malformed header line {field[:40]!r}", shown, pending_line)
            charset = (
                re.search(r"charset=([\w.-]+)", field) if field.startswith("Content-Type") else None
            )
            if charset and charset.group(1).upper().replace("_", "-") not in ("UTF-8", "CHARSET"):
                raise InputError(
                    f"charset {charset.group(1)} is not supported", shown, pending_line
                )
            pending_line = number + 1
        if not pending:
            pending_line = number + 2


def header_error(check: object, text: str) -> tuple[str, int | None] | None:
    try:
        check(text, "x.po")  # type: ignore[operator]
    except InputError as error:
        return error.message.split(",")[0].split(" is not")[0], error.line
    return None


@SETTINGS
@given(catalogs())
def test_the_fast_checks_agree_with_their_twins(text: str) -> None:
    if pocheck.is_plain(text):
        pocheck.check_syntax(text, "x.po")  # does not raise
    assert polex.needs_rewrite(text) == (OLD_NEEDS_REWRITE.search(text) is not None)
    assert header_error(pocheck.check_header, text) == header_error(old_check_header, text)
    # The msgid lines are those a match on each line finds.
    lines = text.split("\n")
    expected = [n for n, line in enumerate(lines, 1) if re.match(r"^(?:#~\s*)?msgid\s", line)]
    assert catalog._MsgidLines(text, []).lines == expected
    # Each line of the joined text maps back to the line it starts with.
    joined, joints = polex.join_continuations(text)
    for number, line in enumerate(joined.split("\n"), 1):
        source = lines[polex.original_line(joints, number) - 1]
        assert line == source or (source.endswith('"') and line.startswith(source[:-1]))


HEAD = 'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: es\\n"\n'


@pytest.mark.parametrize(
    ("text", "line", "message"),
    [
        # a continuation after a comment stays refused, with its line
        (HEAD + '\n#. a "comment"\n"more"\nmsgid "a"\nmsgstr ""\n', 7, "continuation string"),
        # lines after joined strings are the file's
        (
            HEAD + '\nmsgid ""\n"a"\n"b"\nmsgstr ""\n"c"\n\nmsgid "ab"\nmsgstr ""\n',
            12,
            "duplicate entry",
        ),
        (HEAD + '\nmsgid ""\n"a"\nmsgstr[0] ""\n"c"\n', 8, "msgstr[N] on an entry without"),
        (HEAD + '\nmsgid ""\n"a"\n"b"\nmsgstr ""\n"c"\nmsgstr "d"\n', 11, "msgstr out of place"),
        ('msgid ""\nmsgstr ""\n"Language: es\\n"\n"Bad line\\n"\n', 4, "malformed header line"),
    ],
)
def test_errors_keep_their_line(text: str, line: int, message: str) -> None:
    with pytest.raises(InputError) as error:
        parse_catalog(text, "x.po")
    assert (error.value.path, error.value.line) == ("x.po", line)
    assert message in error.value.message
    assert plain_read(text) == outcome(text)


def test_entry_lines_after_joined_strings_are_the_files() -> None:
    text = (
        HEAD + '\n#. c\nmsgid ""\n"a"\n"b"\nmsgstr ""\n"c"\n\n#~ msgid "o"\n#~ "p"\n#~ msgstr "q"\n'
    )
    read = parse_catalog(text, "x.po")
    assert [(e.msgid, e.msgstr, e.line) for e in read.entries] == [
        ("ab", "c", 7),
        ("op", "q", 13),
    ]
    assert read.entries[1].obsolete
    assert plain_read(text) == outcome(text)


def test_a_previous_msgid_at_the_end_is_read_as_polib_reads_it() -> None:
    # polib drops an entry whose last line is a #| comment: a joined continuation must not
    # turn a string line into that last line (the catalog is not plain, so nothing joins).
    text = HEAD + '\nmsgid "a"\nmsgstr "b"\n\n#| msgid "x"\n"y"\n'
    assert not pocheck.is_plain(text)
    assert plain_read(text) == outcome(text)
