"""toolkit.poformat writes PO text byte for byte as GNU gettext's msgcat (0.21) does.

The golden texts below were checked against msgcat, and ``test_golden_is_msgcat_output``
keeps checking them; the property test sends random catalogs through msgcat.
"""

from __future__ import annotations

import subprocess
import tempfile
from itertools import accumulate
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.tools import require_tool
from toolkit.entry import Catalog, Entry
from toolkit.linebreak import Portion, greedy_lines
from toolkit.poformat import _escape, format_catalog, format_entry

UTF8 = {"Content-Type": "text/plain; charset=UTF-8"}
HEADER_BLOCK = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n'
FULL_HEADER = {
    "Project-Id-Version": "news-site 2026.1",
    "Report-Msgid-Bugs-To": "desk@example.org",
    "POT-Creation-Date": "2026-01-05 10:00+0000",
    "PO-Revision-Date": "2026-01-06 12:30+0100",
    "Last-Translator": "Ana Pérez <ana@example.org>",
    "Language-Team": "Spanish <es@example.org>",
    "Language": "es",
    "MIME-Version": "1.0",
    "Content-Type": "text/plain; charset=UTF-8",
    "Content-Transfer-Encoding": "8bit",
    "Plural-Forms": "nplurals=2; plural=(n != 1);",
}


def run_tool(exe: str, *args: str, po_text: str) -> subprocess.CompletedProcess[bytes]:
    """Run a gettext program on ``po_text`` written to a temporary file."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "in.po"
        path.write_bytes(po_text.encode("utf-8"))
        return subprocess.run([exe, *args, str(path)], capture_output=True, check=False)


@pytest.fixture(scope="module")
def msgcat_exe() -> str:
    return require_tool("msgcat")


def msgcat(exe: str, po_text: str) -> bytes:
    """What ``msgcat FILE`` prints for ``po_text``."""
    result = run_tool(exe, po_text=po_text)
    assert result.returncode == 0, result.stderr.decode()
    return result.stdout


# (id, entry, what format_entry returns)
GOLDEN: list[tuple[str, Entry, str]] = [
    ("simple", Entry(msgid="Hello", msgstr="Hola"), 'msgid "Hello"\nmsgstr "Hola"'),
    (
        "comment-order",
        Entry(
            msgid="One file",
            msgid_plural="%d files",
            msgstr_plural={0: "Un archivo", 1: "%d archivos"},
            msgctxt="menu",
            flags=["c-format", "fuzzy"],
            references=[("articles/a.md", 3), ("articles/b.md", None)],
            extracted_comments=["type: heading 2"],
            translator_comments=["checked", ""],
            previous_msgctxt="old menu",
            previous_msgid="One old file",
            previous_msgid_plural="%d old files",
        ),
        "# checked\n"
        "#\n"
        "#. type: heading 2\n"
        "#: articles/a.md:3 articles/b.md\n"
        "#, fuzzy, c-format\n"
        '#| msgctxt "old menu"\n'
        '#| msgid "One old file"\n'
        '#| msgid_plural "%d old files"\n'
        'msgctxt "menu"\n'
        'msgid "One file"\n'
        'msgid_plural "%d files"\n'
        'msgstr[0] "Un archivo"\n'
        'msgstr[1] "%d archivos"',
    ),
    (
        "references-wrap-dedup-dot-slash",
        Entry(
            msgid="Budget",
            references=[
                ("articles/the-budget-vote.md", 12),
                ("articles/the-budget-vote.md", 40),
                ("./articles/the-budget-vote.md", 40),
                ("articles/elections-2026.md", None),
                ("articles/x.md", 7),
                ("articles/the-mayor-resigns-after-a-long-scandal.md", 104),
                ("articles/y.md", 1),
            ],
        ),
        "#: articles/the-budget-vote.md:12 articles/the-budget-vote.md:40\n"
        "#: articles/elections-2026.md articles/x.md:7\n"
        "#: articles/the-mayor-resigns-after-a-long-scandal.md:104 articles/y.md:1\n"
        'msgid "Budget"\n'
        'msgstr ""',
    ),
    (
        "references-exactly-79-columns",
        Entry(msgid="Fits", references=[("a" * 66, 1), ("b.md", 12)]),
        f'#: {"a" * 66}:1 b.md:12\nmsgid "Fits"\nmsgstr ""',
    ),
    (
        "references-80-columns-wrap",
        Entry(msgid="Wraps", references=[("a" * 66, 1), ("b.md", 123)]),
        f'#: {"a" * 66}:1\n#: b.md:123\nmsgid "Wraps"\nmsgstr ""',
    ),
    (
        "flags-canonical-order-unknown-kept",
        Entry(
            msgid="Flags",
            msgstr="Banderas",
            flags=[
                "no-wrap",
                "python-format",
                "my-tool-flag",
                "fuzzy",
                "possible-c-format",
                "impossible-sh-format",
                "range: 1..3",
            ],
        ),
        '#, fuzzy, c-format, python-format, range: 1..3, no-wrap, my-tool-flag\nmsgid "Flags"\n'
        'msgstr "Banderas"',
    ),
    (
        "fuzzy-dropped-when-untranslated",
        Entry(msgid="Untranslated", flags=["fuzzy", "c-format"]),
        '#, c-format\nmsgid "Untranslated"\nmsgstr ""',
    ),
    (
        "escapes-and-raw-control-character",
        Entry(msgid='Tab\there, quote " and backslash \\ and \a\b\f\r\v, raw \x01 end'),
        'msgid "Tab\\there, quote \\" and backslash \\\\ and \\a\\b\\f\\r\\v, raw \x01 end"\n'
        'msgstr ""',
    ),
    (
        "newlines",
        Entry(msgid="line one\nline two\n", msgstr="a\n\nb"),
        'msgid ""\n"line one\\n"\n"line two\\n"\nmsgstr ""\n"a\\n"\n"\\n"\n"b"',
    ),
    (
        "only-final-newline-stays-on-one-line",
        Entry(msgid="only trailing\n", msgstr="x"),
        'msgid "only trailing\\n"\nmsgstr "x"',
    ),
    (
        "exactly-79-columns-fit",
        Entry(msgid="x" * 71, msgstr="y " * 35 + "yy"),
        f'msgid "{"x" * 71}"\nmsgstr ""\n"{"y " * 35}yy"',
    ),
    (
        "80-columns-wrap-or-overflow-without-break",
        Entry(msgid="x" * 72, msgstr="y " * 35 + "yyy"),
        f'msgid "{"x" * 72}"\nmsgstr ""\n"{"y " * 35}yyy"',
    ),
    (
        "english-wraps-after-spaces",
        Entry(
            msgid="The committee, which met on Tuesday for the first time since the election, "
            "said it would publish a full report before the end of the year."
        ),
        'msgid ""\n'
        '"The committee, which met on Tuesday for the first time since the election, "\n'
        '"said it would publish a full report before the end of the year."\n'
        'msgstr ""',
    ),
    (
        "hyphens-slashes-url",
        Entry(
            msgid="A well-known, long-standing state-of-the-art approach: see "
            "https://example.org/news/2024/10/some-long-article-slug-here?id=12 and/or ask."
        ),
        'msgid ""\n'
        '"A well-known, long-standing state-of-the-art approach: see https://example."\n'
        '"org/news/2024/10/some-long-article-slug-here?id=12 and/or ask."\n'
        'msgstr ""',
    ),
    (
        "dashes-and-hyphenated-run",
        Entry(
            msgid="Dashes—em dashes—and en–dashes, slashes/and/more, "
            "hyphen-ated-words-all-the-way-down-to-the-end-of-line."
        ),
        'msgid ""\n'
        '"Dashes—em dashes—and en–dashes, slashes/and/more, hyphen-ated-words-all-the-"\n'
        '"way-down-to-the-end-of-line."\n'
        'msgstr ""',
    ),
    (
        "spanish-punctuation",
        Entry(
            msgid="x",
            msgstr="¿Qué dijo el presidente? «No habrá más recortes», respondió —sin dudarlo— "
            "ante la comisión, según la agencia de noticias.",
        ),
        'msgid "x"\n'
        'msgstr ""\n'
        '"¿Qué dijo el presidente? «No habrá más recortes», respondió —sin dudarlo— "\n'
        '"ante la comisión, según la agencia de noticias."',
    ),
    (
        "quotes-and-symbols",
        Entry(
            msgid="Ellipsis… «guillemets» ‘quotes’ “double” ¿questions? ¡exclamations! "
            "(parentheses) [brackets] {braces} 50 % 3,5 €"
        ),
        'msgid ""\n'
        '"Ellipsis… «guillemets» ‘quotes’ “double” ¿questions? ¡exclamations! "\n'
        '"(parentheses) [brackets] {braces} 50 % 3,5 €"\n'
        'msgstr ""',
    ),
    (
        "cjk-counts-two-columns",
        Entry(
            msgid="cjk",
            msgstr="東京都の新しい条例は、来年四月から施行される予定であり、市民の間で大きな議論"
            "を呼んでいる。関係者によると、詳細は来月発表される。",
        ),
        'msgid "cjk"\n'
        'msgstr ""\n'
        '"東京都の新しい条例は、来年四月から施行される予定であり、市民の間で大きな議論"\n'
        '"を呼んでいる。関係者によると、詳細は来月発表される。"',
    ),
    (
        "long-word-overflows",
        Entry(msgid="Supercalifragilisticexpialidocious" * 3 + " end"),
        'msgid ""\n"' + "Supercalifragilisticexpialidocious" * 3 + ' "\n"end"\nmsgstr ""',
    ),
    (
        "escape-sequences-stay-whole",
        Entry(
            msgid='Tab\tseparated\tcolumns and "quotes" and a back\\slash, repeated: '
            'Tab\tseparated\tcolumns and "quotes".'
        ),
        'msgid ""\n'
        '"Tab\\tseparated\\tcolumns and \\"quotes\\" and a back\\\\slash, repeated: "\n'
        '"Tab\\tseparated\\tcolumns and \\"quotes\\"."\n'
        'msgstr ""',
    ),
    (
        "no-wrap",
        Entry(
            msgid="A long no-wrap string that goes well past the seventy-nine column limit of "
            "gettext.",
            flags=["no-wrap"],
        ),
        "#, no-wrap\n"
        'msgid "A long no-wrap string that goes well past the seventy-nine column limit of '
        'gettext."\n'
        'msgstr ""',
    ),
    (
        "c-format-directive-not-split",
        Entry(msgid="Votes: " + "x" * 66 + " %  d counted so far", flags=["c-format"]),
        f'#, c-format\nmsgid ""\n"Votes: {"x" * 66} "\n"%  d counted so far"\nmsgstr ""',
    ),
    (
        "same-text-without-c-format",
        Entry(msgid="Votes: " + "x" * 66 + " %  d counted so far"),
        f'msgid ""\n"Votes: {"x" * 66} %  "\n"d counted so far"\nmsgstr ""',
    ),
    (
        "python-format-named-directive-not-split",
        Entry(
            msgid="Votes: " + "x" * 55 + " %(total count)s counted so far", flags=["python-format"]
        ),
        f'#, python-format\nmsgid ""\n"Votes: {"x" * 55} "\n"%(total count)s counted so far"\n'
        'msgstr ""',
    ),
    (
        "plural-missing-index-filled",
        Entry(
            msgid="%d vote",
            msgid_plural="%d votes",
            msgstr_plural={2: "%d votos (pl2)", 0: "%d voto"},
            flags=["c-format"],
        ),
        '#, c-format\nmsgid "%d vote"\nmsgid_plural "%d votes"\n'
        'msgstr[0] "%d voto"\nmsgstr[1] ""\nmsgstr[2] "%d votos (pl2)"',
    ),
    (
        "comments-with-newlines-become-lines",
        Entry(
            msgid="Multi-line\ncomment",
            translator_comments=["first line\nsecond line", ""],
            extracted_comments=["type: paragraph", ""],
        ),
        "# first line\n# second line\n#\n#. type: paragraph\n#.\n"
        'msgid ""\n"Multi-line\\n"\n"comment"\nmsgstr ""',
    ),
    (
        "obsolete-comments-plain-range-dropped",
        Entry(
            msgid="Old",
            msgstr="Viejo",
            obsolete=True,
            translator_comments=["kept for reference"],
            flags=["fuzzy", "c-format", "range: 1..2"],
            previous_msgid="Older",
            references=[("articles/a.md", 3)],
        ),
        "# kept for reference\n"
        "#: articles/a.md:3\n"
        "#, fuzzy, c-format\n"
        '#~| msgid "Older"\n'
        '#~ msgid "Old"\n'
        '#~ msgstr "Viejo"',
    ),
    (
        "obsolete-wraps-with-prefix",
        Entry(
            msgid="An obsolete paragraph that is long enough to need wrapping with the "
            "obsolete prefix.",
            msgstr="Un párrafo obsoleto lo bastante largo como para necesitar el prefijo de "
            "obsoleto.",
            obsolete=True,
            previous_msgid="An older paragraph that was long enough to need wrapping with the "
            "previous prefix too.",
        ),
        '#~| msgid ""\n'
        '#~| "An older paragraph that was long enough to need wrapping with the "\n'
        '#~| "previous prefix too."\n'
        '#~ msgid ""\n'
        '#~ "An obsolete paragraph that is long enough to need wrapping with the "\n'
        '#~ "obsolete prefix."\n'
        '#~ msgstr ""\n'
        '#~ "Un párrafo obsoleto lo bastante largo como para necesitar el prefijo de "\n'
        '#~ "obsoleto."',
    ),
]


@pytest.mark.parametrize(("entry", "expected"), [g[1:] for g in GOLDEN], ids=[g[0] for g in GOLDEN])
def test_golden_entry(entry: Entry, expected: str) -> None:
    assert format_entry(entry) == expected


@pytest.mark.parametrize(("entry", "expected"), [g[1:] for g in GOLDEN], ids=[g[0] for g in GOLDEN])
def test_golden_is_msgcat_output(msgcat_exe: str, entry: Entry, expected: str) -> None:
    text = HEADER_BLOCK + "\n" + expected + "\n"
    assert format_catalog(Catalog(header=dict(UTF8), entries=[entry])) == text
    assert msgcat(msgcat_exe, text) == without_unknown_flags(text).encode()


def without_unknown_flags(text: str) -> str:
    """``text`` as msgcat prints it: without the flags gettext does not know, which the
    toolkit keeps (a translator's ``ignore-numbers``, issue 12 item 8)."""
    lines = []
    for line in text.split("\n"):
        if line.startswith("#, "):
            known = [f for f in line[3:].split(", ") if f not in ("my-tool-flag", "custom-flag")]
            if not known:
                continue
            line = "#, " + ", ".join(known)
        lines.append(line)
    return "\n".join(lines)


def test_obsolete_entry_without_translation_is_not_written() -> None:
    # msgcat drops it; for a plural entry the first form decides.
    assert format_entry(Entry(msgid="Gone", obsolete=True)) == ""
    plural = Entry(msgid="a", msgid_plural="b", msgstr_plural={0: "", 1: "x"}, obsolete=True)
    assert format_entry(plural) == ""


FULL_CATALOG_TEXT = """\
# Spanish translation of the news site.
#
# Ana Pérez <ana@example.org>, 2026.
#, fuzzy
msgid ""
msgstr ""
"Project-Id-Version: news-site 2026.1\\n"
"Report-Msgid-Bugs-To: desk@example.org\\n"
"POT-Creation-Date: 2026-01-05 10:00+0000\\n"
"PO-Revision-Date: 2026-01-06 12:30+0100\\n"
"Last-Translator: Ana Pérez <ana@example.org>\\n"
"Language-Team: Spanish <es@example.org>\\n"
"Language: es\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && "
"n%10<=4 && (n%100<10 || n%100>=20) ? 1 : 2);\\n"

msgid "Hello"
msgstr "Hola"

msgid "Bye"
msgstr "Adiós"

#~ msgid "Gone"
#~ msgstr "Ido"
"""


def full_catalog() -> Catalog:
    header = dict(FULL_HEADER)
    header["Plural-Forms"] = (
        "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
        "(n%100<10 || n%100>=20) ? 1 : 2);"
    )
    return Catalog(
        header_comment=[
            "Spanish translation of the news site.",
            "",
            "Ana Pérez <ana@example.org>, 2026.",
        ],
        header=header,
        header_flags=["fuzzy"],
        entries=[
            Entry(msgid="Hello", msgstr="Hola"),
            Entry(msgid="Gone", msgstr="Ido", obsolete=True),
            Entry(msgid="Bye", msgstr="Adiós"),
        ],
    )


def test_catalog_header_then_live_then_obsolete() -> None:
    assert format_catalog(full_catalog()) == FULL_CATALOG_TEXT


def test_catalog_matches_msgcat(msgcat_exe: str) -> None:
    assert msgcat(msgcat_exe, FULL_CATALOG_TEXT) == FULL_CATALOG_TEXT.encode()


def test_omitted_obsolete_entry_leaves_no_blank_line(msgcat_exe: str) -> None:
    catalog = Catalog(
        entries=[Entry(msgid="a", obsolete=True), Entry(msgid="b", msgstr="B", obsolete=True)]
    )
    text = '#~ msgid "b"\n#~ msgstr "B"\n'
    assert format_catalog(catalog) == text
    assert msgcat(msgcat_exe, text) == text.encode()


def test_header_only_catalog_is_written_like_force_po(msgcat_exe: str) -> None:
    # Plain msgcat writes nothing at all for a catalog without messages; the header matters
    # to us (language, plural forms), so it is written, as --force-po does.
    text = format_catalog(Catalog(header=dict(UTF8)))
    assert text == HEADER_BLOCK
    assert run_tool(msgcat_exe, "--force-po", po_text=text).stdout == text.encode()


def test_empty_catalog_is_empty_text() -> None:
    assert format_catalog(Catalog()) == ""


def test_deterministic() -> None:
    one = Entry(msgid="%d day", msgid_plural="%d days", msgstr_plural={0: "%d día", 1: "%d días"})
    other = Entry(msgid="%d day", msgid_plural="%d days", msgstr_plural={1: "%d días", 0: "%d día"})
    assert format_entry(one) == format_entry(other)
    assert format_catalog(full_catalog()) == format_catalog(full_catalog())


def test_msgfmt_accepts_full_header() -> None:
    catalog = Catalog(
        header=dict(FULL_HEADER),
        entries=[
            Entry(msgid="Hello", msgstr="Hola", references=[("articles/a.md", 1)]),
            Entry(
                msgid="%d vote",
                msgid_plural="%d votes",
                msgstr_plural={0: "%d voto", 1: "%d votos"},
                flags=["c-format"],
            ),
            Entry(msgid="Old", msgstr="Viejo", obsolete=True),
        ],
    )
    msgfmt = require_tool("msgfmt")
    checks = ("--check-format", "--check-header", "-o", "/dev/null")
    result = run_tool(msgfmt, *checks, po_text=format_catalog(catalog))
    assert result.returncode == 0, result.stderr.decode()
    assert result.stderr == b""


# --- property: msgcat gives back exactly what we wrote --------------------------------------

WORDS = [
    "the", "committee", "said", "on", "Tuesday", "it", "would", "publish", "report", "el",
    "comité", "dijo", "martes", "publicaría", "informe", "según", "año", "pingüino", "acción",
    "well-known", "state-of-the-art", "y/o", "https://example.org/news/2026/10/slug?id=3&x=1",
    "—dijo—", "–", "…", "«cita»", "“quoted”", "‘single’", "¿Qué?", "¡Ya!", "50 %", "3,5", "€",
    "100%", "%s", "%d", "%%", "% d", "%(name)s", "%(a b)s", "东京", "条例。", "、", "\u00a0",
    "x" * 40, "y" * 75, "back\\slash", '"', "\t", "(paréntesis)", "[1]", "{a}", "e.g.",
]  # fmt: skip
ALPHABET = (
    "abcdefghijklmnopqrstuvwxyz ABCXYZ 0123456789 -/.,;:!?'\"\\\t\n()[]{}%#&*+=<>@_|~"
    "áéíóúñüÁÉÑ¿¡«»—–…“”‘’€° 中文字。、\u00a0"
)
COMMENT_ALPHABET = ALPHABET.replace("\\", "")  # a "\" at a line end would continue the line

words = st.one_of(st.sampled_from(WORDS), st.text(ALPHABET, min_size=1, max_size=12))
separators = st.sampled_from([" ", " ", " ", " ", "  ", "", "\n", ", ", ". ", "-", "/"])


def join_words(parts: list[tuple[str, str]]) -> str:
    return "".join(word + sep for word, sep in parts)


texts = st.lists(st.tuples(words, separators), max_size=30).map(join_words)
nonempty_texts = st.lists(st.tuples(words, separators), min_size=1, max_size=30).map(join_words)
short_texts = st.text(ALPHABET, max_size=20)
comments = st.lists(st.text(COMMENT_ALPHABET, max_size=30), max_size=3)
paths = st.from_regex(r"(\./)?(articles/)?[a-z0-9][a-z0-9_.-]{0,40}\.md", fullmatch=True)
references = st.lists(st.tuples(paths, st.one_of(st.none(), st.integers(0, 99_999))), max_size=12)
flags = st.lists(
    st.sampled_from(
        [
            "fuzzy", "c-format", "no-c-format", "python-format", "possible-python-format",
            "no-wrap", "wrap", "range: 1..5", "custom-flag", "impossible-sh-format",
            "no-lua-format",
        ]
    ),
    max_size=4,
)  # fmt: skip


@st.composite
def entries(draw: st.DrawFn) -> Entry:
    plural = draw(st.booleans())
    entry = Entry(
        msgid=draw(nonempty_texts),
        msgctxt=draw(st.none() | short_texts),
        flags=draw(flags),
        references=draw(references),
        extracted_comments=draw(comments),
        translator_comments=draw(comments),
        obsolete=draw(st.booleans()),
    )
    if plural:
        entry.msgid_plural = draw(texts)
        forms = draw(st.lists(texts, min_size=1, max_size=3))
        entry.msgstr_plural = dict(enumerate(forms))
    else:
        entry.msgstr = draw(texts)
    if draw(st.booleans()):
        entry.previous_msgid = draw(texts)
        entry.previous_msgctxt = draw(st.none() | short_texts)
        entry.previous_msgid_plural = draw(st.none() | texts)
    return entry


catalogs = st.builds(
    Catalog,
    header_comment=comments,
    header=st.just(dict(UTF8)),
    header_flags=st.lists(st.sampled_from(["fuzzy", "no-wrap"]), max_size=2),
    entries=st.lists(entries(), min_size=6, max_size=24, unique_by=lambda e: (e.msgctxt, e.msgid)),
)


@settings(
    max_examples=50,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(catalogs)
def test_msgcat_prints_back_the_same_bytes(msgcat_exe: str, catalog: Catalog) -> None:
    text = format_catalog(catalog)
    if any(format_entry(entry) for entry in catalog.entries):
        assert msgcat(msgcat_exe, text) == without_unknown_flags(text).encode("utf-8")
    else:  # only the header is left (see test_header_only_catalog_is_written_like_force_po)
        assert run_tool(msgcat_exe, "--force-po", po_text=text).stdout == text.encode("utf-8")


# --- property: the line scan breaks lines where the full break table does --------------------


@settings(max_examples=500, deadline=None)
@given(nonempty_texts, st.booleans(), st.integers(0, 90), st.integers(1, 90))
def test_the_line_scan_breaks_where_the_whole_break_table_does(
    text: str, newline: bool, startcol: int, width: int
) -> None:
    # A portion as the writer makes one: one line of the string, escaped, maybe its "\n".
    raw = text.replace("\n", " ") + ("\n" if newline else "")
    portion = Portion(_escape(raw), newline, set())
    # Plain text asks the pair table only where lines end; the same greedy lines over every
    # break opportunity of the string must agree.
    possible, mandatory = portion._opportunities()
    columns = None if portion.plain else [0, *accumulate(map(portion.measure, portion.escaped))]
    whole = greedy_lines(
        len(portion.escaped), set(possible).__contains__, columns, mandatory, startcol, width
    )
    assert portion.breaks(startcol, width) == whole
