"""What the catalog writer writes, the reader reads back identically, for any character
and any of gettext's C escapes; what no catalog can hold is refused with the file and line
(issue 12, item 5). msgcat and msgfmt accept what the toolkit writes.

polib splits lines with str.splitlines (U+2028, U+2029, U+0085, 0x1C-0x1E, VT, FF) and reads
only some escapes; toolkit.polex gives it text it reads without loss.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tests.conftest import make_workspace
from tests.tools import require_tool
from toolkit.catalog import parse_catalog
from toolkit.cli import app
from toolkit.entry import Catalog, Entry
from toolkit.errors import InputError
from toolkit.poformat import format_catalog

runner = CliRunner()
UTF8 = {"Content-Type": "text/plain; charset=UTF-8"}
HEADER = 'msgid ""\nmsgstr "Content-Type: text/plain; charset=UTF-8\\n"\n\n'
# Every character a catalog can hold: all of Unicode but NUL and lone surrogates (not text).
ANY = st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00")
# polib splits lines at these, besides "\n"; the writer writes them raw (gettext does too).
BREAKERS = "\u2028\u2029\x85\x1c\x1d\x1e\x0b\x0c\r"
text = st.text(st.one_of(ANY, st.sampled_from(BREAKERS + '\a\\"\n\t\b\uffff')), max_size=40)
one_line = st.text(
    st.one_of(ANY, st.sampled_from(BREAKERS + "\uffff")).filter(lambda c: c != "\n"), max_size=30
)


def round_trip(entry: Entry, header: dict[str, str] | None = None) -> Catalog:
    written = format_catalog(Catalog(header=header or dict(UTF8), entries=[entry]))
    return parse_catalog(written, "x.po")


@st.composite
def entries(draw: st.DrawFn) -> Entry:
    entry = Entry(
        msgid=draw(text.filter(bool)),
        msgctxt=draw(st.none() | text),
        flags=draw(st.lists(st.sampled_from(["fuzzy", "c-format", "ignore-numbers"]), unique=True)),
        # Comment text stays as written when it does not start or end with white space
        # (gettext and polib both trim a comment's edges).
        translator_comments=draw(st.lists(one_line.map(str.strip).filter(bool), max_size=2)),
        extracted_comments=draw(st.lists(one_line.map(str.strip).filter(bool), max_size=2)),
    )
    if draw(st.booleans()):
        entry.msgid_plural = draw(text)
        entry.msgstr_plural = dict(enumerate(draw(st.lists(text, min_size=1, max_size=3))))
    else:
        entry.msgstr = draw(text)
    if draw(st.booleans()):
        entry.previous_msgid = draw(text)
        entry.previous_msgctxt = draw(st.none() | text)
    return entry


def fields(entry: Entry) -> tuple[object, ...]:
    return (
        entry.msgid,
        entry.msgstr,
        entry.msgctxt,
        entry.msgid_plural,
        entry.msgstr_plural,
        entry.previous_msgid,
        entry.previous_msgctxt,
        entry.translator_comments,
        entry.extracted_comments,
    )


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(entries())
def test_the_reader_reads_back_what_the_writer_wrote(entry: Entry) -> None:
    (back,) = round_trip(entry).entries
    assert fields(back) == fields(entry)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.from_regex(r"X-[A-Za-z]{1,8}", fullmatch=True), one_line, max_size=3))
def test_header_values_with_any_character_come_back(extra: dict[str, str]) -> None:
    header = dict(UTF8) | {k: v.strip() for k, v in extra.items()}
    catalog = round_trip(Entry(msgid="a"), header)
    assert catalog.header == header


# --- gettext's C escapes --------------------------------------------------------------------

NAMED = {"\n": "\\n", "\t": "\\t", "\b": "\\b", "\r": "\\r", "\f": "\\f", "\v": "\\v",
         "\a": "\\a", "\\": "\\\\", '"': '\\"'}  # fmt: skip


@st.composite
def escaped(draw: st.DrawFn) -> tuple[str, str]:
    """A string and one of the many ways gettext's lexer accepts of writing it."""
    value = draw(st.text(ANY, max_size=20))
    parts: list[tuple[str, bool, bool]] = []
    for char in value:
        data = char.encode("utf-8")
        ways = [
            "".join(f"\\{b:o}" for b in data),  # octal, up to three digits a byte
            "".join(f"\\{b:03o}" for b in data),
            "".join(f"\\x{b:02x}" for b in data),  # hex
            "".join(f"\\x{b:X}" for b in data),
        ]
        if char in NAMED:
            ways.append(NAMED[char])
        elif char != "\n":
            ways.append(char)  # as it is
        part = draw(st.sampled_from(ways))
        # Hex runs on while digits follow ("\x41" then "1" is "\x411"): end the escape.
        if parts and parts[-1][1] and part[:1] in "0123456789abcdefABCDEF" and part[:1]:
            part = "".join(f"\\{b:03o}" for b in data)
        octal_tail = bool(parts) and parts[-1][2] and part[:1] in "01234567" and part[:1] != ""
        if octal_tail:  # "\1" then "1" would be "\11"
            part = "".join(f"\\x{b:02x}" for b in data)
            if parts[-1][1]:
                part = "".join(f"\\{b:03o}" for b in data)
        parts.append((part, part.startswith("\\x"), _short_octal_end(part)))
    return value, "".join(p for p, _, _ in parts)


def _short_octal_end(part: str) -> bool:
    """Whether ``part`` ends in an octal escape of fewer than three digits."""
    tail = part.rsplit("\\", 1)[-1] if "\\" in part else ""
    return bool(tail) and tail.isdigit() and len(tail) < 3 and set(tail) <= set("01234567")


@settings(max_examples=200, deadline=None)
@given(escaped())
def test_the_reader_decodes_every_escape_as_gettext_does(case: tuple[str, str]) -> None:
    value, source = case
    catalog = parse_catalog(f'{HEADER}msgid "k"\nmsgstr "{source}"\n', "x.po")
    assert catalog.entries[0].msgstr == value


def test_msgcat_reads_the_escapes_as_the_toolkit_does() -> None:
    """Real gettext: the same escapes through msgcat, read back by the toolkit."""
    msgcat = require_tool("msgcat")
    source = 'msgstr "\\a\\101\\x41\\x41\\x42\\303\\251\\xc3\\xa9\\v \\u2028 \\"\\\\"'.replace(
        "\\u2028", "\u2028"
    )
    text = f'{HEADER}msgid "k"\n{source}\n'
    ours = parse_catalog(text, "x.po").entries[0].msgstr
    printed = subprocess.run([msgcat, "-"], input=text.encode(), capture_output=True, check=True)
    theirs = parse_catalog(printed.stdout.decode(), "msgcat").entries[0].msgstr
    assert ours == theirs == '\aAAABéé\v \u2028 "\\'


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("\\q", "x.po:5: invalid control sequence '\\q' in a string"),
        ("a\\0b", "x.po:5: a NUL character (U+0000) cannot be in a catalog"),
        ("\\x00", "x.po:5: a NUL character (U+0000) cannot be in a catalog"),
        ("a\x00b", "x.po:5: a NUL character (U+0000) cannot be in a catalog"),
        ("\\xff", "x.po:5: escapes in a string that are not UTF-8"),
        ("\\x100", "x.po:5: escape '\\x100' is more than one byte"),
    ],
)
def test_what_gettext_refuses_or_no_catalog_holds_is_refused_with_the_line(
    source: str, message: str
) -> None:
    with pytest.raises(InputError) as info:
        parse_catalog(f'{HEADER}msgid "k"\nmsgstr "{source}"\n', "x.po")
    assert str(info.value) == message


# --- through the CLI, with the real gettext tools ------------------------------------------------

ODD = {
    "U+2028": "\u2028",
    "U+2029": "\u2029",
    "U+0085": "\x85",
    "0x1C": "\x1c",
    "0x1D": "\x1d",
    "0x1E": "\x1e",
    "BEL": "\a",
}


@pytest.mark.parametrize("name", list(ODD))
def test_an_article_with_a_line_separator_or_control_character_round_trips(
    tmp_path: Path, name: str
) -> None:
    char = ODD[name]
    article = f"---\ntitle: Title\n---\n\nA paragraph {char} with it.\n\n# A {char} heading\n\nAnother one.\n"
    root = make_workspace(tmp_path, {"a": article})
    assert runner.invoke(app, ["--root", str(root), "extract"]).exit_code == 0
    po = root / "locales" / "es" / "a.po"
    # a translator's msgstr with the character too
    po.write_text(
        po.read_text("utf-8").replace(
            'msgid "Another one."\nmsgstr ""', f'msgid "Another one."\nmsgstr "Otro {char} más."'
        ),
        "utf-8",
    )
    for command in (["status"], ["check"], ["extract"]):
        result = runner.invoke(app, ["--root", str(root), *command])
        assert result.exit_code in (0, 3), (command, result.stderr)
        assert "Error" not in result.stderr
    catalog = parse_catalog(po.read_text("utf-8"), "a.po")
    msgids = [e.msgid for e in catalog.entries]
    assert msgids == ["Title", f"A paragraph {char} with it.", f"A {char} heading", "Another one."]
    assert catalog.entries[3].msgstr == f"Otro {char} más."
    again = runner.invoke(app, ["--root", str(root), "extract"])
    assert "wrote nothing (up to date)" in again.stdout
    # gettext accepts the file and prints it back byte for byte.
    msgcat, msgfmt = require_tool("msgcat"), require_tool("msgfmt")
    assert (
        subprocess.run([msgcat, str(po)], capture_output=True, check=True).stdout == po.read_bytes()
    )
    assert subprocess.run([msgfmt, "--check", "-o", "/dev/null", str(po)]).returncode == 0


def test_a_nul_in_an_article_is_refused_with_its_line(tmp_path: Path) -> None:
    root = make_workspace(tmp_path, {"a": "---\ntitle: T\n---\n\nFirst.\n\nSecond \x00 one.\n"})
    result = runner.invoke(app, ["--root", str(root), "extract"])
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: articles/a.md:7: a NUL character (U+0000) cannot be in a catalog\n",
    )
    assert not (root / "locales").exists()


def test_a_nul_in_the_title_is_refused_with_its_line(tmp_path: Path) -> None:
    root = make_workspace(tmp_path, {"a": '---\nlanguage: en\ntitle: "T\\0x"\n---\n\nBody.\n'})
    result = runner.invoke(app, ["--root", str(root), "extract"])
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: articles/a.md:3: a NUL character (U+0000) cannot be in a catalog\n",
    )
    assert not (root / "locales").exists()


# --- msgstr[N] and msgid_plural (issue 12, item 7) ----------------------------------------------


@pytest.mark.parametrize(
    ("entry", "message"),
    [
        (
            'msgid "k"\nmsgstr[0] "uno"\n',
            "x.po:5: malformed catalog: msgstr[N] on an entry without msgid_plural",
        ),
        (
            'msgid "k"\nmsgid_plural "ks"\nmsgstr "uno"\n',
            "x.po:6: malformed catalog: msgstr on an entry with msgid_plural (use msgstr[0])",
        ),
    ],
)
def test_plural_forms_without_a_plural_entry_are_refused_as_msgfmt_does(
    entry: str, message: str
) -> None:
    with pytest.raises(InputError) as info:
        parse_catalog(HEADER + entry, "x.po")
    assert str(info.value) == message


def test_an_empty_msgid_plural_keeps_its_forms() -> None:
    text = f'{HEADER}msgid "k"\nmsgid_plural ""\nmsgstr[0] "uno"\nmsgstr[1] "varios"\n'
    (entry,) = parse_catalog(text, "x.po").entries
    assert (entry.msgid_plural, entry.msgstr_plural) == ("", {0: "uno", 1: "varios"})
    assert format_catalog(parse_catalog(text, "x.po")) == text
