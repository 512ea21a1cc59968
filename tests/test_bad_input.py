"""The bad-input matrix: every bad input gets one line naming the file (and line), the
documented exit code, no traceback, and no file written.

Each row runs one command through the CLI on a workspace prepared for it. For an error row:
the exit code, stderr exactly one line (``Error: PATH:LINE: message``, asserted in full),
and every file under the test folder byte-identical with the same mtime, no file or folder
added or removed. For an accepted row (BOM, CRLF, a 1 MB paragraph): exit 0 and the output
the row describes.

The same rows are the table in ``docs/bad-input.md``; ``test_docs_table_is_current`` keeps
it in step. Regenerate it with ``PYTHONPATH=. python tests/test_bad_input.py``.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
import time
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from typer.testing import CliRunner

import toolkit.extract
from tests.archive import make_archive
from tests.conftest import SAMPLE, make_workspace
from toolkit.cli import app
from toolkit.config import Workspace
from toolkit.extract import extract

REPO = Path(__file__).resolve().parents[1]
DOC = REPO / "docs" / "bad-input.md"
PO = "locales/es/sample.po"
PACKAGES = "<packages folder>"  # how the docs show the absolute ARGOS_PACKAGES_DIR


# --- the workspace each row starts from ----------------------------------------------------


@dataclass
class Case:
    tmp: Path
    root: Path
    packages: Path  # ARGOS_PACKAGES_DIR, empty
    monkeypatch: pytest.MonkeyPatch
    request: pytest.FixtureRequest
    cleanup: contextlib.ExitStack
    expected: dict[str, object] = field(default_factory=dict)  # for a row's check

    def extracted(self, articles: dict[str, str] | None = None) -> Path:
        make_workspace(self.root, articles if articles is not None else {"sample": SAMPLE})
        extract(Workspace.open(self.root), None)
        return self.root

    def po_lines(self) -> list[str]:
        return (self.root / PO).read_text("utf-8").split("\n")

    def set_po_line(self, number: int, text: str) -> None:
        lines = self.po_lines()
        lines[number - 1] = text
        (self.root / PO).write_text("\n".join(lines), "utf-8")

    def read_only(self, path: Path) -> None:
        self.cleanup.enter_context(read_only(path))


@contextlib.contextmanager
def read_only(path: Path) -> Iterator[None]:
    """A folder nothing can be written to: ``chattr +i`` as root (chmod does not stop root),
    mode 0555 otherwise. Undone afterwards, so pytest can remove it."""
    if os.geteuid() != 0:
        mode = path.stat().st_mode
        path.chmod(0o555)
        try:
            yield
        finally:
            path.chmod(mode)
        return
    chattr = shutil.which("chattr")
    if chattr is None:
        pytest.skip("running as root without chattr: no way to make a folder read-only")
    done = subprocess.run([chattr, "+i", str(path)], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"chattr +i is not supported here: {done.stderr.strip()}")
    try:
        yield
    finally:
        subprocess.run([chattr, "-i", str(path)], check=True)


# --- the rows --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    id: str
    input: str  # Markdown, for the docs table
    command: str  # as a user types it, for the docs table
    code: int
    message: str  # the exact stderr line; {packages} is ARGOS_PACKAGES_DIR
    setup: Callable[[Case], list[str]]  # prepares the case; returns the CLI arguments
    check: Callable[[Case], None] | None = None  # what an accepted row must have produced
    accepted: str = ""  # for the docs: what happens to an accepted input


def typo_in_keyword(case: Case) -> list[str]:
    case.extracted()
    case.set_po_line(24, 'msgtsr ""')
    return ["extract"]


def msgstr_without_msgid(case: Case) -> list[str]:
    case.extracted()
    case.set_po_line(23, 'msgstr "Spyware en las Américas"')
    return ["extract"]


def line_separator_then_msgstr(case: Case) -> list[str]:
    # polib counts U+2028 as a line break; an editor, gettext and the toolkit do not.
    case.extracted()
    case.set_po_line(20, "# revisar\u2028# con la editora")
    case.set_po_line(23, 'msgstr "Spyware en las Américas"')
    return ["extract"]


def duplicate_msgid(case: Case) -> list[str]:
    case.extracted()
    with (case.root / PO).open("a", encoding="utf-8") as po:
        po.write('\nmsgid "Spyware in the Americas"\nmsgstr "Otra vez"\n')
    return ["extract"]


def header_without_colon(case: Case) -> list[str]:
    case.extracted()
    case.set_po_line(12, '"Language es\\n"')
    return ["extract"]


def latin1_charset(case: Case) -> list[str]:
    case.extracted()
    case.set_po_line(10, '"Content-Type: text/plain; charset=ISO-8859-1\\n"')
    return ["extract"]


def wrong_plural_count(case: Case) -> list[str]:
    case.extracted()
    with (case.root / PO).open("a", encoding="utf-8") as po:
        po.write('\nmsgid "one case"\nmsgid_plural "%d cases"\nmsgstr[0] "un caso"\n')
    return ["extract"]


def latin1_article(case: Case) -> list[str]:
    make_workspace(case.root, {"sample": SAMPLE})
    (case.root / "articles" / "latin.md").write_bytes(b"---\ntitle: Caf\xe9\n---\n\nCaf\xe9.\n")
    return ["extract"]


def latin1_po(case: Case) -> list[str]:
    case.extracted()
    data = (case.root / PO).read_bytes().split(b"\n")
    data[18] = b'msgstr "Diez cosas sobre el caf\xe9"'  # line 19, in Latin-1
    (case.root / PO).write_bytes(b"\n".join(data))
    return ["extract"]


def translated_po_text(case: Case) -> str:
    """The extracted catalog with its first entry translated, as extract would write it."""
    case.extracted()
    case.set_po_line(19, 'msgstr "Diez cosas sobre el *spyware*"')
    text = (case.root / PO).read_text("utf-8")
    case.expected["po"] = text.encode("utf-8")
    return text


def bom_po(case: Case) -> list[str]:
    (case.root / PO).write_bytes(b"\xef\xbb\xbf" + translated_po_text(case).encode("utf-8"))
    return ["extract"]


def crlf_po(case: Case) -> list[str]:
    (case.root / PO).write_bytes(translated_po_text(case).replace("\n", "\r\n").encode("utf-8"))
    return ["extract"]


def po_rewritten_canonical(case: Case) -> None:
    # The translation is kept; the file is gettext's canonical form again (UTF-8, no BOM, LF).
    assert (case.root / PO).read_bytes() == case.expected["po"]


def plain_twin(case: Case) -> None:
    """What extract writes for SAMPLE as plain UTF-8 with LF, in a twin workspace."""
    twin = make_workspace(case.tmp / "twin", {"sample": SAMPLE})
    extract(Workspace.open(twin), None)
    case.expected["files"] = {
        name: (twin / name).read_bytes() for name in ("locales/sample.pot", PO)
    }


def bom_article(case: Case) -> list[str]:
    plain_twin(case)
    make_workspace(case.root, {})
    (case.root / "articles" / "sample.md").write_bytes(b"\xef\xbb\xbf" + SAMPLE.encode())
    return ["extract"]


def crlf_article(case: Case) -> list[str]:
    plain_twin(case)
    make_workspace(case.root, {})
    (case.root / "articles" / "sample.md").write_bytes(SAMPLE.replace("\n", "\r\n").encode())
    return ["extract"]


def same_as_plain_twin(case: Case) -> None:
    expected = case.expected["files"]
    assert isinstance(expected, dict)
    for name, data in expected.items():
        assert (case.root / name).read_bytes() == data, name


def empty_article(case: Case) -> list[str]:
    make_workspace(case.root, {"sample": SAMPLE, "empty": ""})
    return ["extract"]


def no_front_matter(case: Case) -> list[str]:
    make_workspace(case.root, {"sample": SAMPLE, "plain": "Just a paragraph.\n"})
    return ["extract"]


# A 1 MB paragraph: distinct news sentences with abbreviations, initials, money, quotes,
# ellipses, links with titles, code spans and emphasis, hard-wrapped at 72 columns, every
# link title broken over two lines (that line ending is part of the title, not a space).
def long_sentence(i: int) -> str:
    name = ["Smith", "Jones", "Dominguez", "García", "O'Neil", "Ruiz", "Chen", "Okafor"][i % 8]
    return [
        f"Mr. {name} met Dr. Ruiz for meeting No. {i} in the U.S. on Jan. {i % 28 + 1} at "
        f"{i % 12 + 1} a.m.",
        f"They paid ${i}.{i % 10} million to R. J. {name} for "
        f'[case {i}](https://example.org/{i} "Case {i}").',
        f'"It ends now," {name} said of report No. {i}, and left.',
        f"Why did *{name}* wait {i} days?",
        f"Prices rose {i % 9}.{i % 7} percent... then fell again in St. Louis (item {i}).",
        f"Sen. {name} (D-Mass.) ran `query --id {i}` with Gov. Chen; e.g. the **budget {i}**.",
    ][i % 6]


def long_sentences(size: int = 1_000_000) -> list[str]:
    sentences: list[str] = []
    total = 0
    while total < size:
        sentences.append(long_sentence(len(sentences)))
        total += len(sentences[-1]) + 1
    assert len(set(sentences)) == len(sentences)  # one catalog entry each
    return sentences


LIMIT_SECONDS = 60  # measured ~8 s (sentence unit) here; before the fix: hours


def megabyte_paragraph(unit: str) -> Callable[[Case], list[str]]:
    def setup(case: Case) -> list[str]:
        sentences = long_sentences()
        wrapped = "\n".join(textwrap.wrap(" ".join(sentences), 72, break_on_hyphens=False))
        wrapped = wrapped.replace('"Case ', '"Case\n')  # every link title over two lines
        make_workspace(case.root, {"big": f"---\ntitle: Big\n---\n\n{wrapped}\n"})
        case.expected["sentences"] = sentences
        case.expected["started"] = time.monotonic()
        return ["extract", "--unit", unit]

    return setup


def pot_msgids(path: Path) -> list[str]:
    """The msgids of a template the toolkit wrote (canonical: ``msgid`` then its strings).
    Read here without polib, which takes seconds over 15,000 entries."""
    msgids: list[str] = []
    current: list[str] | None = None
    for line in path.read_text("utf-8").split("\n"):
        if line.startswith("msgid "):
            current = [json.loads(line[6:])]
        elif line.startswith('"') and current is not None:
            current.append(json.loads(line))
        elif current is not None:
            msgids.append("".join(current))
            current = None
    return msgids[1:]  # without the header's empty msgid


def megabyte_extracted(unit: str) -> Callable[[Case], None]:
    def check(case: Case) -> None:
        started = case.expected["started"]
        assert isinstance(started, float)
        assert time.monotonic() - started < LIMIT_SECONDS
        sentences = case.expected["sentences"]
        assert isinstance(sentences, list)
        msgids = pot_msgids(case.root / "locales" / "big.pot")
        # A line ending inside a link title is part of the title: it stays; every other
        # line ending of the hard-wrapped paragraph is a soft break, joined with a space.
        assert msgids[0] == "Big"
        titles = re.compile(r'"Case\s\d+"')
        assert all("\n" not in titles.sub("", m) for m in msgids)
        unwrapped = [m.replace("\n", " ") for m in msgids[1:]]
        if unit == "paragraph":
            assert unwrapped == [" ".join(sentences)]
        else:  # split exactly as each sentence alone is: the windows lose no boundary
            assert unwrapped == sentences
        titles_in_source = sum(s.count('"Case ') for s in sentences)
        assert sum(m.count("\n") for m in msgids) == titles_in_source > 2000

    return check


def worker_killed(case: Case) -> list[str]:
    """An archive big enough for worker processes; the one planning a13 is killed, as the
    out-of-memory killer would (the fork inherits the patched planner)."""
    make_archive(case.root)
    real = toolkit.extract.plan_extract

    def plan_or_die(ws: Workspace, slug: str, unit: str) -> object:
        if slug == "a13":
            os._exit(137)
        return real(ws, slug, unit=unit)

    case.monkeypatch.setattr(toolkit.extract, "plan_extract", plan_or_die)
    return ["extract", "--jobs", "2"]


def unknown_language(case: Case) -> list[str]:
    case.extracted()
    return ["translate", "sample", "--lang", "xx", "--engine", "pseudo"]


def no_argos_model(case: Case) -> list[str]:
    case.extracted()
    return ["translate", "sample", "--engine", "argos"]


def no_apertium(case: Case) -> list[str]:
    case.extracted()
    empty = case.tmp / "bin"
    empty.mkdir()
    case.monkeypatch.setenv("PATH", str(empty))
    return ["translate", "sample", "--engine", "apertium"]


def changed_article(case: Case) -> None:
    case.extracted()
    article = case.root / "articles" / "sample.md"
    article.write_text(SAMPLE.replace("Ten Things", "Eleven Things"), "utf-8")


def read_only_language_folder(case: Case) -> list[str]:
    changed_article(case)
    case.read_only(case.root / "locales" / "es")
    return ["extract"]


def read_only_locales(case: Case) -> list[str]:
    changed_article(case)
    case.read_only(case.root / "locales")
    return ["extract"]


def read_only_build(case: Case) -> list[str]:
    case.extracted()
    lines = case.po_lines()
    (case.root / PO).write_text(
        "\n".join('msgstr "Traducido"' if line == 'msgstr ""' and n > 2 else line
                  for n, line in enumerate(lines, 1)),
        "utf-8",
    )  # fmt: skip
    (case.root / "build" / "sample").mkdir(parents=True)
    case.read_only(case.root / "build" / "sample")
    return ["build", "sample"]


def unsafe_note(case: Case) -> list[str]:
    case.extracted()
    lines = case.po_lines()
    (case.root / PO).write_text(
        "\n".join('msgstr "Traducido"' if line == 'msgstr ""' and n > 2 else line
                  for n, line in enumerate(lines, 1)),
        "utf-8",
    )  # fmt: skip
    note = "Nota de la redacción.\n\n<script>alert(1)</script>\n"
    (case.root / "locales" / "es" / "sample.note.md").write_text(note, "utf-8")
    return ["build", "sample"]


def not_a_zip(case: Case) -> list[str]:
    case.monkeypatch.chdir(case.tmp)
    (case.tmp / "bad.argosmodel").write_bytes(b"PK\x03\x04 but truncated, not a zip archive")
    return ["models", "install", "bad.argosmodel"]


def zip_slip(case: Case) -> list[str]:
    case.monkeypatch.chdir(case.tmp)
    with zipfile.ZipFile(case.tmp / "evil.argosmodel", "w") as archive:
        archive.writestr("translate-en_es/metadata.json", '{"from_code": "en", "to_code": "es"}')
        archive.writestr("translate-en_es/model/model.bin", b"")
        archive.writestr("translate-en_es/../../escape.txt", "outside the packages folder")
    return ["models", "install", "evil.argosmodel"]


def read_only_packages(case: Case) -> list[str]:
    model: Path = case.request.getfixturevalue("copy_argosmodel")
    case.monkeypatch.chdir(case.tmp)
    shutil.copy(model, case.tmp / "translate-en_es.argosmodel")
    case.read_only(case.packages)
    return ["models", "install", "translate-en_es.argosmodel"]


ROWS = [
    Row(
        "po-syntax",
        "`.po`: a misspelt keyword (`msgtsr`) on line 24",
        "l10n extract",
        1,
        f"Error: {PO}:24: malformed catalog: unexpected text",
        typo_in_keyword,
    ),
    Row(
        "po-keyword-order",
        "`.po`: a `msgstr` where the `msgid` of line 23 was",
        "l10n extract",
        1,
        f"Error: {PO}:23: malformed catalog: msgstr out of place",
        msgstr_without_msgid,
    ),
    Row(
        "po-line-separator",
        "`.po`: the same, after a comment holding U+2028 (LINE SEPARATOR) on line 20",
        "l10n extract",
        1,
        f"Error: {PO}:23: malformed catalog: msgstr out of place",
        line_separator_then_msgstr,
    ),
    Row(
        "po-duplicate",
        "`.po`: the same msgid twice (again on line 71)",
        "l10n extract",
        1,
        f"Error: {PO}:71: malformed catalog: duplicate entry for msgid 'Spyware in the Americas'",
        duplicate_msgid,
    ),
    Row(
        "po-header-colon",
        "`.po`: a header line without a colon (`Language es`)",
        "l10n extract",
        1,
        f"Error: {PO}:12: malformed header line 'Language es', expected 'Field: value'",
        header_without_colon,
    ),
    Row(
        "po-header-charset",
        "`.po`: a header naming a charset other than UTF-8",
        "l10n extract",
        1,
        f"Error: {PO}:10: charset ISO-8859-1 is not supported; "
        "convert the catalog with 'msgconv --to-code=UTF-8'",
        latin1_charset,
    ),
    Row(
        "po-plurals",
        "`.po`: a plural entry with 1 form where `Plural-Forms` says 3",
        "l10n extract",
        1,
        f"Error: {PO}:71: 1 plural form, but the header's Plural-Forms says nplurals=3",
        wrong_plural_count,
    ),
    Row(
        "po-latin1",
        "`.po`: not UTF-8 (a Latin-1 `é` on line 19)",
        "l10n extract",
        1,
        f"Error: {PO}:19: not valid UTF-8 (byte 0xe9)",
        latin1_po,
    ),
    Row(
        "po-bom",
        "`.po`: UTF-8 with a byte-order mark",
        "l10n extract",
        0,
        "",
        bom_po,
        po_rewritten_canonical,
        "accepted: translations kept; rewritten without the BOM",
    ),
    Row(
        "po-crlf",
        "`.po`: CRLF line endings",
        "l10n extract",
        0,
        "",
        crlf_po,
        po_rewritten_canonical,
        "accepted: translations kept; rewritten with LF",
    ),
    Row(
        "article-latin1",
        "article: not UTF-8 (a Latin-1 `é` on line 2)",
        "l10n extract",
        1,
        "Error: articles/latin.md:2: not valid UTF-8 (byte 0xe9)",
        latin1_article,
    ),
    Row(
        "article-bom",
        "article: UTF-8 with a byte-order mark",
        "l10n extract",
        0,
        "",
        bom_article,
        same_as_plain_twin,
        "accepted: the same `.pot` and `.po` as without the BOM",
    ),
    Row(
        "article-crlf",
        "article: CRLF line endings",
        "l10n extract",
        0,
        "",
        crlf_article,
        same_as_plain_twin,
        "accepted: the same `.pot` and `.po` as with LF",
    ),
    Row(
        "article-empty",
        "article: an empty file",
        "l10n extract",
        1,
        "Error: articles/empty.md:1: empty article",
        empty_article,
    ),
    Row(
        "article-no-front-matter",
        "article: no front matter",
        "l10n extract",
        1,
        "Error: articles/plain.md:1: missing front matter (the file must start with a '---' line)",
        no_front_matter,
    ),
    Row(
        "megabyte-paragraph",
        "article: one 1 MB paragraph (15,000 sentences, hard-wrapped)",
        "l10n extract --unit paragraph",
        0,
        "",
        megabyte_paragraph("paragraph"),
        megabyte_extracted("paragraph"),
        "accepted: one entry (~2 s here)",
    ),
    Row(
        "megabyte-sentences",
        "article: the same 1 MB paragraph",
        "l10n extract --unit sentence",
        0,
        "",
        megabyte_paragraph("sentence"),
        megabyte_extracted("sentence"),
        "accepted: one entry per sentence (~8 s here)",
    ),
    Row(
        "unknown-language",
        "unknown language",
        "l10n translate sample --lang xx --engine pseudo",
        2,
        "Error: unknown language code 'xx' (expected a BCP 47 code such as 'es')",
        unknown_language,
    ),
    Row(
        "no-argos-model",
        "no Argos en→es model installed",
        "l10n translate sample --engine argos",
        1,
        "Error: no Argos package for en->es in {packages}: run `argospm install "
        "translate-en_es` on a machine with internet, or `l10n models install FILE.argosmodel`",
        no_argos_model,
    ),
    Row(
        "no-apertium",
        "apertium not installed (not on `PATH`)",
        "l10n translate sample --engine apertium",
        1,
        "Error: apertium is not installed (on Debian or Ubuntu: "
        "apt-get install apertium apertium-eng-spa)",
        no_apertium,
    ),
    Row(
        "read-only-language-folder",
        "read-only `locales/es/` (article changed: the `.pot` could be written, the `.po` not)",
        "l10n extract",
        1,
        f"Error: {PO}: cannot write: permission denied",
        read_only_language_folder,
    ),
    Row(
        "read-only-locales",
        "read-only `locales/`",
        "l10n extract",
        1,
        "Error: locales/sample.pot: cannot write: permission denied",
        read_only_locales,
    ),
    Row(
        "worker-killed",
        "an archive of 20 articles: the worker process planning one of them is killed "
        "(out of memory)",
        "l10n extract --jobs 2",
        1,
        "Error: a worker process died (out of memory?); nothing written, run again with --jobs 1",
        worker_killed,
    ),
    Row(
        "read-only-build",
        "read-only `build/sample/`",
        "l10n build sample",
        1,
        "Error: build/sample/sample.es.md: cannot write: permission denied",
        read_only_build,
    ),
    Row(
        "note-raw-html",
        "edition note `locales/es/sample.note.md`: raw HTML on line 3",
        "l10n build sample",
        1,
        "Error: locales/es/sample.note.md:3: raw HTML '<script>alert(1)</script>' is not "
        "allowed in a note (write Markdown)",
        unsafe_note,
    ),
    Row(
        "model-not-zip",
        "`.argosmodel` that is not a zip archive",
        "l10n models install bad.argosmodel",
        1,
        "Error: bad.argosmodel: not an Argos package (not a zip archive)",
        not_a_zip,
    ),
    Row(
        "model-zip-slip",
        "`.argosmodel` with a `..` member path",
        "l10n models install evil.argosmodel",
        1,
        "Error: evil.argosmodel: refusing unsafe member path 'translate-en_es/../../escape.txt'",
        zip_slip,
    ),
    Row(
        "model-read-only-packages",
        "read-only Argos packages folder",
        "l10n models install translate-en_es.argosmodel",
        1,
        "Error: {packages}: cannot write: permission denied",
        read_only_packages,
    ),
]


# --- the test --------------------------------------------------------------------------------


def tree(folder: Path) -> dict[str, tuple[bytes, int] | None]:
    """Every file's bytes and mtime, every folder by name: what "nothing changed" compares."""
    state: dict[str, tuple[bytes, int] | None] = {}
    for path in sorted(folder.rglob("*")):
        name = str(path.relative_to(folder))
        state[name] = (path.read_bytes(), path.stat().st_mtime_ns) if path.is_file() else None
    return state


runner = CliRunner()


@pytest.mark.parametrize("row", ROWS, ids=[row.id for row in ROWS])
def test_bad_input(
    row: Row,
    tmp_path: Path,
    argos_packages: Path,
    monkeypatch: pytest.MonkeyPatch,
    request: pytest.FixtureRequest,
) -> None:
    with contextlib.ExitStack() as cleanup:
        case = Case(tmp_path, tmp_path / "ws", argos_packages, monkeypatch, request, cleanup)
        args = row.setup(case)
        if args[0] != "models":
            args = ["--root", str(case.root), *args]
        before = tree(tmp_path)
        result = runner.invoke(app, args)
        after = tree(tmp_path)

    assert result.exception is None or isinstance(result.exception, SystemExit), repr(
        result.exception
    )
    assert "Traceback" not in result.stdout + result.stderr
    assert result.exit_code == row.code, result.stderr
    if row.code == 0:
        assert result.stderr == ""
        assert row.check is not None
        row.check(case)
        return
    assert result.stderr == row.message.format(packages=argos_packages) + "\n"
    assert result.stdout == ""
    assert after == before  # no byte, no mtime, no file or folder changed


# --- the table in the docs -----------------------------------------------------------------

INTRO = """\
# Bad input: what each command says

Every row is a test in `tests/test_bad_input.py` (which also checks that this file is in
step with it). An error is one line on stderr, `Error: PATH:LINE: message` (the line where
there is one), with the exit code of the CLI contract: 1 for an input or environment
problem, 2 for a usage error. A command that fails writes nothing: no file changes, not
even a file it could have written before it reached the one it could not (the writes of a
command are staged first and made all or nothing). Paths are relative to the workspace
(`--root`); `<packages folder>` stands for the absolute path of `ARGOS_PACKAGES_DIR`.
"Read-only" is `chmod a-w`, or `chattr +i` for root (whom file modes do not stop).

A byte-order mark and CRLF line endings are accepted in articles and catalogs: they are read
as if they were not there, and catalogs are written back in gettext's canonical form (UTF-8
without BOM, LF), as `msgcat` prints them.

"""


def cell(text: str) -> str:
    return text.replace("|", "\\|")


def code(text: str) -> str:
    """A Markdown code span, with double backticks around text that holds one."""
    return f"`` {text} ``" if "`" in text else f"`{text}`"


def docs_table() -> str:
    lines = [
        "| input | command | exit code | message |",
        "|---|---|---|---|",
    ]
    for row in ROWS:
        message = code(row.message.format(packages=PACKAGES)) if row.message else row.accepted
        lines.append(f"| {cell(row.input)} | `{row.command}` | {row.code} | {cell(message)} |")
    return INTRO + "\n".join(lines) + "\n"


def test_docs_table_is_current() -> None:
    assert DOC.read_text("utf-8") == docs_table(), (
        "docs/bad-input.md is out of date: PYTHONPATH=. python tests/test_bad_input.py"
    )


if __name__ == "__main__":
    DOC.write_text(docs_table(), "utf-8")
    sys.stdout.write(f"wrote {DOC.relative_to(REPO)}\n")
