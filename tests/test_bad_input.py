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


# --- issue 12, items 2, 5, 6, 7, 8, 12 ----------------------------------------------------------


def msgstr_index_without_plural(case: Case) -> list[str]:
    case.extracted()
    case.set_po_line(19, 'msgstr[0] "Diez cosas sobre el *spyware*"')
    return ["extract"]


def invalid_escape(case: Case) -> list[str]:
    case.extracted()
    case.set_po_line(19, 'msgstr "Diez cosas \\q"')
    return ["extract"]


def nul_in_article(case: Case) -> list[str]:
    make_workspace(
        case.root, {"sample": SAMPLE.replace("It continues here.", "It \x00 continues.")}
    )
    return ["extract"]


def line_separator_in_article(case: Case) -> list[str]:
    make_workspace(
        case.root, {"sample": SAMPLE.replace("It continues here.", "It\u2028continues.")}
    )
    return ["extract"]


def catalog_reads_back(case: Case) -> None:
    from toolkit.catalog import read_catalog

    catalog = read_catalog(case.root / PO, PO)
    assert any("It\u2028continues." in e.msgid for e in catalog.live)
    assert runner.invoke(app, ["--root", str(case.root), "status"]).exit_code == 0


def line_separator_in_msgstr(case: Case) -> list[str]:
    case.extracted()
    case.set_po_line(19, 'msgstr "Diez cosas\u2028sobre el *spyware*"')
    return ["extract"]


def separator_translation_kept(case: Case) -> None:
    assert 'msgstr "Diez cosas\u2028sobre el *spyware*"' in case.po_lines()


def nested_list(levels: int) -> str:
    items = "".join("  " * i + f"- level {i + 1}\n" for i in range(levels))
    return f"---\ntitle: Deep\n---\n\n{items}\nAfter the list.\n"


def ten_nested_lists(case: Case) -> list[str]:
    make_workspace(case.root, {"deep": nested_list(10)})
    return ["extract"]


def every_level_extracted(case: Case) -> None:
    msgids = pot_msgids(case.root / "locales" / "deep.pot")
    assert msgids == ["Deep", *(f"level {i}" for i in range(1, 11)), "After the list."]


def sixty_nested_lists(case: Case) -> list[str]:
    make_workspace(case.root, {"deep": nested_list(60)})
    return ["extract"]


def ignore_numbers_flag(case: Case) -> list[str]:
    case.extracted()
    case.set_po_line(19, 'msgstr "Diez cosas sobre el *spyware*, 2017"')
    lines = case.po_lines()
    lines.insert(17, "#, ignore-numbers")  # before the title's msgid (line 18)
    (case.root / PO).write_text("\n".join(lines), "utf-8")
    return ["extract"]


def flag_kept(case: Case) -> None:
    lines = case.po_lines()
    assert lines[17:20] == [
        "#, ignore-numbers",
        'msgid "Ten Things About *Spyware*"',
        'msgstr "Diez cosas sobre el *spyware*, 2017"',
    ]
    check = runner.invoke(app, ["--root", str(case.root), "check"])
    assert "[numbers]" not in check.stdout


def ctrl_c(case: Case, module: object, name: str) -> None:
    """A real SIGINT to this process when ``module.name`` is first called."""
    import signal

    real = getattr(module, name)
    calls: list[int] = []

    def interrupted(*args: object, **kwargs: object) -> object:
        calls.append(1)
        if len(calls) == 1:
            os.kill(os.getpid(), signal.SIGINT)
        return real(*args, **kwargs)

    case.monkeypatch.setattr(module, name, interrupted)


def buildable(case: Case, again: bool = False) -> list[str]:
    """Every entry translated and reviewed (``translated``); ``again``: revised once more,
    so that every edition changes."""
    from toolkit.catalog import read_catalog, write_catalog

    if not again:
        case.extracted()
        translated(case)
    else:
        catalog = read_catalog(case.root / PO, PO)
        for entry in catalog.live:
            entry.msgstr = "ESR " + entry.msgid
        write_catalog(case.root / PO, catalog, PO)
    return ["build", "sample"]


def ctrl_c_while_build_renders(case: Case) -> list[str]:
    import toolkit.build

    args = buildable(case)
    ctrl_c(case, toolkit.build, "render_all")
    return args


def ctrl_c_between_build_renames(case: Case) -> list[str]:
    """The editions exist (built once), the translations change: four files replaced."""
    assert runner.invoke(app, ["--root", str(case.root), *buildable(case)]).exit_code == 0
    args = buildable(case, again=True)
    ctrl_c(case, os, "replace")
    return args


def four_editions_no_leftover(case: Case) -> None:
    folder = case.root / "build" / "sample"
    assert sorted(p.name for p in folder.iterdir()) == [
        "sample.en-es.html",
        "sample.en-es.md",
        "sample.es.html",
        "sample.es.md",
    ]


def save_while_translate_renders(case: Case) -> list[str]:
    import toolkit.translate
    from toolkit.catalog import render_catalog
    from toolkit.entry import Catalog

    case.extracted()

    def save_then_render(catalog: Catalog) -> str:
        case.set_po_line(24, 'msgstr "Spyware en las Américas"')  # the translator's save
        return render_catalog(catalog)

    case.monkeypatch.setattr(toolkit.translate, "render_catalog", save_then_render)
    return ["translate", "sample", "--engine", "pseudo"]


def save_kept_and_merged(case: Case) -> None:
    from toolkit.catalog import read_catalog

    entries = {e.msgid: e for e in read_catalog(case.root / PO, PO).live}
    mine = entries.pop("Spyware in the Americas")
    assert (mine.msgstr, mine.fuzzy) == ("Spyware en las Américas", False)
    assert all(e.fuzzy and e.msgstr for e in entries.values())  # the others: filled


def unknown_language(case: Case) -> list[str]:
    case.extracted()
    return ["translate", "sample", "--lang", "xx", "--engine", "pseudo"]


def no_argos_model(case: Case) -> list[str]:
    case.extracted()
    return ["translate", "sample", "--engine", "argos"]


def cuda_without_gpu(case: Case) -> list[str]:
    import ctranslate2

    case.extracted()
    case.monkeypatch.setattr(ctranslate2, "get_cuda_device_count", lambda: 0)
    return ["translate", "sample", "--engine", "argos", "--device", "cuda"]


def unknown_device(case: Case) -> list[str]:
    case.extracted()
    return ["translate", "sample", "--engine", "argos", "--device", "gpu"]


def no_cluster_extra(case: Case) -> list[str]:
    case.extracted()
    case.monkeypatch.setitem(sys.modules, "distributed", None)  # import -> ImportError
    return ["translate", "sample", "--engine", "argos", "--scheduler", "tcp://HOST:8786"]


def bad_scheduler(case: Case) -> list[str]:
    case.extracted()
    return ["translate", "sample", "--engine", "argos", "--scheduler", "http://example.org"]


def no_apertium(case: Case) -> list[str]:
    case.extracted()
    empty = case.tmp / "bin"
    empty.mkdir()
    case.monkeypatch.setenv("PATH", str(empty))
    return ["translate", "sample", "--engine", "apertium"]


def broken_engine_plugin(case: Case) -> list[str]:
    """A newsroom's engine package, installed, whose module imports what is not there."""
    from tests.plugin_wheel import install_plugin

    case.extracted()
    folder = case.request.getfixturevalue("tmp_path_factory").mktemp("plugin")
    site = install_plugin(
        folder,
        "newsroom-l10n",
        {"newsroom_l10n.libre": "import newsroom_secrets\n"},
        {"l10n.engines": {"libre": "newsroom_l10n.libre:LibreEngine"}},
    )
    case.monkeypatch.syspath_prepend(str(site))
    return ["translate", "sample", "--engine", "libre"]


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


def translated(case: Case) -> None:
    """Every entry translated and reviewed, in a form the check gate of `build` accepts."""
    from toolkit.catalog import read_catalog, write_catalog

    catalog = read_catalog(case.root / PO, PO)
    for entry in catalog.live:
        entry.msgstr = "ES " + entry.msgid
    write_catalog(case.root / PO, catalog, PO)


def read_only_build(case: Case) -> list[str]:
    case.extracted()
    translated(case)
    (case.root / "build" / "sample").mkdir(parents=True)
    case.read_only(case.root / "build" / "sample")
    return ["build", "sample"]


def stale_catalog(case: Case) -> list[str]:
    case.extracted()
    translated(case)
    article = case.root / "articles" / "sample.md"
    article.write_text(SAMPLE.replace("$1.5 million", "$2.5 million"), "utf-8")
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


def page_file(name: str, data: bytes) -> Callable[[Case], list[str]]:
    """``l10n import NAME``, run from the folder beside the workspace that holds the page."""

    def setup(case: Case) -> list[str]:
        case.root.mkdir()
        case.monkeypatch.chdir(case.tmp)
        (case.tmp / name).write_bytes(data)
        return ["import", name]

    return setup


def huge_page(case: Case) -> list[str]:
    case.root.mkdir()
    case.monkeypatch.chdir(case.tmp)
    with open(case.tmp / "huge.html", "wb") as f:  # sparse: no 51 MB written to the disk
        f.truncate(51 * 1024 * 1024)
    return ["import", "huge.html"]


def directory_source(case: Case) -> list[str]:
    case.root.mkdir()
    case.monkeypatch.chdir(case.tmp)
    (case.tmp / "saved").mkdir()
    (case.tmp / "saved" / "page.html").write_bytes(IMPORT_PAGE)
    return ["import", "saved"]


def fifo_source(case: Case) -> list[str]:
    """A named pipe nobody writes to: opening it to read would wait for ever."""
    if not hasattr(os, "mkfifo"):
        pytest.skip("no named pipes on this platform")
    case.root.mkdir()
    case.monkeypatch.chdir(case.tmp)
    os.mkfifo(case.tmp / "page.html")
    return ["import", "page.html"]


def device_source(case: Case) -> list[str]:
    if not Path("/dev/zero").exists():
        pytest.skip("no /dev/zero on this platform")
    case.root.mkdir()
    return ["import", "/dev/zero"]


def existing_slug(case: Case) -> list[str]:
    make_workspace(case.root, {"sample": SAMPLE})
    case.monkeypatch.chdir(case.tmp)
    (case.tmp / "page.html").write_bytes(IMPORT_PAGE)
    return ["import", "page.html", "--slug", "sample"]


IMPORT_PAGE = (
    b"<!doctype html><html lang='en'><head><meta charset='utf-8'><title>A story</title></head>"
    b"<body><article><h1>A story</h1><p>The first paragraph of a story that a newsroom"
    b" published, long enough to be a body.</p></article></body></html>"
)
NAV_ONLY = (
    b"<!doctype html><html><head><title>Home</title></head><body><nav><a href='/'>Home</a>"
    b" <a href='/news'>News</a></nav><footer>(c) 2024</footer></body></html>"
)


def hostile_source_url(case: Case) -> list[str]:
    evil = "source_url: \"https://example.org/><script>alert('src')</script>\""
    article = SAMPLE.replace("source_url: https://example.org/news/spyware", evil)
    make_workspace(case.root, {"sample": article})
    return ["extract"]


def javascript_licence_url(case: Case) -> list[str]:
    article = SAMPLE.replace(
        "date: 2017-06-19", "date: 2017-06-19\nlicense_url: javascript:alert(1)"
    )
    make_workspace(case.root, {"sample": article})
    return ["extract"]


HOSTILE_MSGSTR = (
    "\\\\<img src=x onerror=alert(2)> [clic](javascript:alert(1)) <javascript:alert(3)>"
)
EVERY_CHECK = (
    "markup, urls, numbers, endpunc, length, untranslated, quotes, brackets, dnt, glossary"
)


def hostile_msgstr(case: Case) -> list[str]:
    from toolkit.catalog import read_catalog, write_catalog

    case.extracted()
    catalog = read_catalog(case.root / PO, PO)
    for entry in catalog.live:
        if entry.msgid.startswith("Mr. Smith"):
            entry.msgstr = HOSTILE_MSGSTR
            entry.translator_comments = [f"l10n-ignore: {EVERY_CHECK}"]
    write_catalog(case.root / PO, catalog, PO)
    return ["build", "sample", "--lang", "es", "--min-translated", "0"]


def hostile_msgstr_inert(case: Case) -> None:
    for name in ("sample.es.md", "sample.en-es.md"):
        text = (case.root / "build" / "sample" / name).read_text("utf-8")
        inert = "\\\\\\<img src=x onerror=alert(2)> \\[clic](javascript:alert(1)) \\<javascript:alert(3)>"
        assert inert in text, name


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
        "po-msgstr-index",
        "`.po`: `msgstr[0]` on an entry without `msgid_plural` (line 19)",
        "l10n extract",
        1,
        f"Error: {PO}:19: malformed catalog: msgstr[N] on an entry without msgid_plural",
        msgstr_index_without_plural,
    ),
    Row(
        "po-invalid-escape",
        "`.po`: an escape gettext refuses (`\\q`) in a msgstr",
        "l10n extract",
        1,
        f"Error: {PO}:19: invalid control sequence '\\q' in a string",
        invalid_escape,
    ),
    Row(
        "po-line-separator",
        "`.po`: a translator's msgstr with U+2028 (LINE SEPARATOR)",
        "l10n extract",
        0,
        "",
        line_separator_in_msgstr,
        separator_translation_kept,
        "accepted: the translation kept as it is",
    ),
    Row(
        "po-ignore-flag",
        "`.po`: a translator's `#, ignore-numbers` flag",
        "l10n extract",
        0,
        "",
        ignore_numbers_flag,
        flag_kept,
        "accepted: the flag kept (msgcat would drop it); `check` stays silent on the entry",
    ),
    Row(
        "article-nul",
        "article: a NUL character on line 15",
        "l10n extract",
        1,
        "Error: articles/sample.md:15: a NUL character (U+0000) cannot be in a catalog",
        nul_in_article,
    ),
    Row(
        "article-line-separator",
        "article: U+2028 (LINE SEPARATOR) in a paragraph (also U+2029, U+0085, 0x1C-0x1E)",
        "l10n extract",
        0,
        "",
        line_separator_in_article,
        catalog_reads_back,
        "accepted: written as gettext writes it, and read back (before: every command failed)",
    ),
    Row(
        "article-10-nested-lists",
        "article: a list nested 10 levels deep",
        "l10n extract",
        0,
        "",
        ten_nested_lists,
        every_level_extracted,
        "accepted: every level and the text after it extracted (before: level 10 and the rest of "
        "the article were missing, exit 0)",
    ),
    Row(
        "article-60-nested-lists",
        "article: a list nested 60 levels deep (more than markdown-it is allowed to read)",
        "l10n extract",
        1,
        "Error: articles/deep.md:54: lists and block quotes nested more than 100 levels deep "
        "(a list counts two); the text inside would be lost: flatten them",
        sixty_nested_lists,
    ),
    Row(
        "translate-concurrent-save",
        "a Poedit save of the catalog while `translate` renders it",
        "l10n translate sample --engine pseudo",
        0,
        "",
        save_while_translate_renders,
        save_kept_and_merged,
        "accepted: read again and merged, the save kept",
    ),
    Row(
        "ctrl-c-build-render",
        "Ctrl-C (SIGINT) while `build` renders",
        "l10n build sample",
        130,
        "",
        ctrl_c_while_build_renders,
        accepted="nothing written, no temporary file left",
    ),
    Row(
        "ctrl-c-build-renames",
        "Ctrl-C (SIGINT) between `build`'s renames",
        "l10n build sample",
        0,
        "",
        ctrl_c_between_build_renames,
        four_editions_no_leftover,
        "accepted: the renames finish (exit 0), no `.bak` left (before: exit 130, all replaced)",
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
        "cuda-without-gpu",
        "`--device cuda` on a machine without a GPU",
        "l10n translate sample --engine argos --device cuda",
        1,
        "Error: --device cuda: CTranslate2 sees no CUDA device "
        "(ctranslate2.get_cuda_device_count() is 0); use --device cpu or auto",
        cuda_without_gpu,
    ),
    Row(
        "unknown-device",
        "unknown device",
        "l10n translate sample --engine argos --device gpu",
        2,
        "Error: unknown device 'gpu' (choose from auto, cpu, cuda)",
        unknown_device,
    ),
    Row(
        "no-cluster-extra",
        "`--scheduler` without the cluster extra (`distributed`)",
        "l10n translate sample --engine argos --scheduler tcp://HOST:8786",
        1,
        "Error: --scheduler needs Dask distributed: pip install 'article-l10n[cluster]'",
        no_cluster_extra,
    ),
    Row(
        "bad-scheduler",
        "not a scheduler address",
        "l10n translate sample --engine argos --scheduler http://example.org",
        2,
        "Error: invalid --scheduler 'http://example.org' (expected an address like "
        "tcp://HOST:8786, or local)",
        bad_scheduler,
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
        "broken-engine-plugin",
        "an installed engine plugin (entry point `l10n.engines`) whose module fails to import",
        "l10n translate sample --engine libre",
        1,
        "Error: entry point 'libre' (l10n.engines = newsroom_l10n.libre:LibreEngine) of "
        "distribution newsroom-l10n 1.0 failed to load: ModuleNotFoundError: "
        "No module named 'newsroom_secrets'",
        broken_engine_plugin,
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
        "stale-catalog",
        "article: a sentence changed since the last `l10n extract` (`$1.5 million` → `$2.5 million`)",
        "l10n build sample",
        1,
        f"Error: {PO}: out of date with articles/sample.md (changed since the last extract); "
        "run 'l10n extract sample'",
        stale_catalog,
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
    Row(
        "import-png",
        "`l10n import`: an image saved as `.html`",
        "l10n import photo.html",
        1,
        "Error: photo.html: not a web page (a PNG image)",
        page_file("photo.html", b"\x89PNG\r\n\x1a\n" + bytes(64)),
    ),
    Row(
        "import-no-markup",
        "`l10n import`: a `.html` file with no HTML in it",
        "l10n import notes.html",
        1,
        "Error: notes.html: not a web page (no HTML markup)",
        page_file("notes.html", b"Meeting notes, Tuesday.\nNothing to publish yet.\n"),
    ),
    Row(
        "import-no-body",
        "`l10n import`: a page with navigation and a footer, no article",
        "l10n import home.html",
        1,
        "Error: home.html: no article body found",
        page_file("home.html", NAV_ONLY),
    ),
    Row(
        "import-bad-bytes",
        "`l10n import`: a page declaring UTF-8 with a Latin-1 `é` on line 2",
        "l10n import latin.html",
        1,
        "Error: latin.html:2: not valid UTF-8 (byte 0xe9)",
        page_file("latin.html", IMPORT_PAGE.replace(b"<body>", b"\n<body>caf\xe9 ")),
    ),
    Row(
        "import-no-charset",
        "`l10n import`: a page declaring no charset, not UTF-8 (`é` in Latin-1)",
        "l10n import old.html",
        1,
        "Error: old.html:1: not valid UTF-8 (no charset declared) (byte 0xe9)",
        page_file(
            "old.html",
            IMPORT_PAGE.replace(b"<meta charset='utf-8'>", b"").replace(b"first", b"caf\xe9"),
        ),
    ),
    Row(
        "import-unknown-charset",
        "`l10n import`: a page declaring an encoding Python does not know",
        "l10n import klingon.html",
        1,
        "Error: klingon.html: unknown character encoding 'x-klingon' declared",
        page_file("klingon.html", IMPORT_PAGE.replace(b"utf-8", b"x-klingon")),
    ),
    Row(
        "import-huge",
        "`l10n import`: a 51 MB page",
        "l10n import huge.html",
        1,
        "Error: huge.html: over 50 MB (53 MB): not a web page",
        huge_page,
    ),
    Row(
        "import-directory",
        "`l10n import`: a directory as SOURCE",
        "l10n import saved",
        1,
        "Error: saved: not a regular file (a directory)",
        directory_source,
    ),
    Row(
        "import-fifo",
        "`l10n import`: a named pipe (FIFO) nobody writes to, as SOURCE",
        "l10n import page.html",
        1,
        "Error: page.html: not a regular file (a named pipe)",
        fifo_source,
    ),
    Row(
        "import-device",
        "`l10n import`: a device (endless) as SOURCE",
        "l10n import /dev/zero",
        1,
        "Error: /dev/zero: not a regular file (a device)",
        device_source,
    ),
    Row(
        "import-exists",
        "`l10n import`: the slug of an existing article, without `--update`",
        "l10n import page.html --slug sample",
        1,
        "Error: articles/sample.md: already exists; use --update to replace its body",
        existing_slug,
    ),
    Row(
        "front-matter-url-html",
        "article: `source_url: \"https://example.org/><script>alert('src')</script>\"` on line 5",
        "l10n extract",
        1,
        "Error: articles/sample.md:5: front matter 'source_url' is not a valid http(s) URL: "
        "it contains '>'",
        hostile_source_url,
    ),
    Row(
        "front-matter-url-scheme",
        "article: `license_url: javascript:alert(1)` on line 7",
        "l10n extract",
        1,
        "Error: articles/sample.md:7: front matter 'license_url' is not a valid http(s) URL: "
        "only http and https URLs are accepted",
        javascript_licence_url,
    ),
    Row(
        "hostile-msgstr",
        "`.po`: a reviewed msgstr `\\\\<img src=x onerror=alert(2)> [clic](javascript:alert(1)) "
        "<javascript:alert(3)>`, every check silenced with `# l10n-ignore`",
        "l10n build sample --lang es --min-translated 0",
        0,
        "",
        hostile_msgstr,
        hostile_msgstr_inert,
        "accepted: shown as the text typed in every edition; in the Markdown editions each "
        "`<` and `[` that would open HTML or a link the source lacks gets a backslash",
    ),
]


# --- hostile input (issue 12): paths that lead out, files that are not files, settings -----
# that inject, a damaged model, unbounded options. Each held on no earlier main.

OUTSIDE = "PWNED"  # what a path that escapes the workspace would create, beside it


def article_line(case: Case, number: int, text: str) -> None:
    path = case.root / "articles" / "sample.md"
    lines = path.read_text("utf-8").split("\n")
    lines[number - 1] = text
    path.write_text("\n".join(lines), "utf-8")


def language_escapes(case: Case) -> list[str]:
    # Babel reads this as "en"; the bilingual editions' names would climb out of build/.
    case.extracted()
    article_line(case, 3, 'language: "en./../../../../PWNED"')
    return ["build", "sample", "--include-fuzzy", "--min-translated", "0"]


def lang_option_escapes(case: Case) -> list[str]:
    case.extracted()
    return ["translate", "sample", "--lang", "es./../../../PWNED", "--engine", "pseudo"]


def setting(text: str, *articles: str) -> Callable[[Case], list[str]]:
    """A workspace whose ``[tool.l10n]`` holds ``text`` (on line 2), then ``articles``."""

    def setup(case: Case) -> list[str]:
        make_workspace(case.root, {"sample": SAMPLE}, text + "\n")
        return list(articles)

    return setup


def built_with_setting(text: str) -> Callable[[Case], list[str]]:
    def setup(case: Case) -> list[str]:
        case.extracted()
        (case.root / "pyproject.toml").write_text(f"[tool.l10n]\n{text}\n", "utf-8")
        return ["build", "sample", "--min-translated", "0"]

    return setup


def build_links_out(case: Case) -> list[str]:
    case.extracted()
    (case.tmp / OUTSIDE).mkdir()
    (case.root / "build").symlink_to(case.tmp / OUTSIDE)
    return ["build", "sample", "--min-translated", "0"]


def po_links_out(case: Case) -> list[str]:
    case.extracted()
    po = case.root / PO
    po.rename(case.tmp / "shared.po")
    po.symlink_to(case.tmp / "shared.po")
    return ["translate", "sample", "--engine", "pseudo"]


def po_links_inside(case: Case) -> list[str]:
    """A catalog kept in a shared folder of the workspace, linked from locales/es/."""
    case.extracted()
    shared = case.root / "shared"
    shared.mkdir()
    (case.root / PO).rename(shared / "sample.po")
    (case.root / PO).symlink_to(Path("../../shared/sample.po"))
    return ["translate", "sample", "--engine", "pseudo"]


def po_link_kept(case: Case) -> None:
    link = case.root / PO
    assert link.is_symlink()
    assert os.readlink(link) == "../../shared/sample.po"
    assert "#, fuzzy" in (case.root / "shared" / "sample.po").read_text("utf-8")


def article_is(kind: str) -> Callable[[Case], list[str]]:
    def setup(case: Case) -> list[str]:
        make_workspace(case.root, {"sample": SAMPLE})
        path = case.root / "articles" / "other.md"
        if kind == "fifo":
            os.mkfifo(path)
        else:
            path.symlink_to("/dev/zero")
        return ["extract"]

    return setup


def po_is_fifo(case: Case) -> list[str]:
    case.extracted()
    (case.root / PO).unlink()
    os.mkfifo(case.root / PO)
    return ["extract"]


def impossible_date(case: Case) -> list[str]:
    make_workspace(case.root, {"sample": SAMPLE.replace("2017-06-19", "2017-13-45")})
    return ["extract"]


def utf16_article(case: Case) -> list[str]:
    make_workspace(case.root, {"sample": SAMPLE})
    (case.root / "articles" / "utf16.md").write_bytes(SAMPLE.encode("utf-16-le"))
    return ["extract"]


def damaged_model(case: Case) -> list[str]:
    """The copy model installed, then a copy of its archive with 64 bytes flipped in the
    middle of model.bin: the installed package must not be touched."""
    from toolkit.models import install_model

    model: Path = case.request.getfixturevalue("copy_argosmodel")
    install_model(model)
    data = bytearray(model.read_bytes())
    with zipfile.ZipFile(model) as archive:
        member = next(i for i in archive.infolist() if i.filename.endswith("model/model.bin"))
    middle = member.header_offset + member.compress_size // 2
    for i in range(middle, middle + 64):
        data[i] ^= 0xFF
    case.monkeypatch.chdir(case.tmp)
    (case.tmp / "damaged.argosmodel").write_bytes(bytes(data))
    return ["models", "install", "damaged.argosmodel"]


def argos_option(*option: str) -> Callable[[Case], list[str]]:
    def setup(case: Case) -> list[str]:
        case.extracted()
        return ["translate", "sample", "--engine", "argos", *option]

    return setup


def bad_toml(case: Case) -> list[str]:
    make_workspace(case.root, {"sample": SAMPLE}, 'unit = "paragraph"\nteam = "Unclosed\n')
    return ["extract"]


LANG_DOT = "'.' is not allowed in a BCP 47 tag (letters, digits, '-')"
INSIDE = "must be a folder inside the workspace, not"
ONE_LINE = "must be one line of text (no line breaks or control characters)"
NOT_REGULAR = "not a regular file; refusing to read it"

ROWS += [
    Row(
        "language-escapes",
        'article: `language: "en./../../../../PWNED"` (Babel reads it as `en`)',
        "l10n build sample --include-fuzzy --min-translated 0",
        1,
        f"Error: articles/sample.md:3: invalid language code 'en./../../../../PWNED': {LANG_DOT}",
        language_escapes,
    ),
    Row(
        "lang-option-escapes",
        "`--lang` with a path in it",
        "l10n translate sample --lang es./../../../PWNED --engine pseudo",
        2,
        f"Error: invalid language code 'es./../../../PWNED': {LANG_DOT}",
        lang_option_escapes,
    ),
    Row(
        "target-language-escapes",
        'setting: `target_languages = ["es./../../../PWNED"]`',
        "l10n extract",
        1,
        "Error: pyproject.toml:2: [tool.l10n] target_languages: invalid language code "
        f"'es./../../../PWNED': {LANG_DOT}",
        setting('target_languages = ["es./../../../PWNED"]', "extract"),
    ),
    Row(
        "target-language-malformed",
        'setting: `target_languages = ["es-MX-MX"]` (two regions)',
        "l10n extract",
        1,
        "Error: pyproject.toml:2: [tool.l10n] target_languages: invalid language code "
        "'es-MX-MX': 'MX' is out of place (a BCP 47 tag is language-script-region-variants, "
        "then extensions and private use)",
        setting('target_languages = ["es-MX-MX"]', "extract"),
    ),
    Row(
        "build-dir-escapes",
        'setting: `build_dir = "../PWNED"`',
        "l10n build sample --min-translated 0",
        1,
        f"Error: pyproject.toml:2: [tool.l10n] build_dir {INSIDE} '../PWNED'",
        built_with_setting('build_dir = "../PWNED"'),
    ),
    Row(
        "locales-dir-absolute",
        'setting: `locales_dir = "/tmp/PWNED"`',
        "l10n extract",
        1,
        f"Error: pyproject.toml:2: [tool.l10n] locales_dir {INSIDE} '/tmp/PWNED'",
        setting('locales_dir = "/tmp/PWNED"', "extract"),
    ),
    Row(
        "articles-dir-escapes",
        'setting: `articles_dir = "articles/../.."`',
        "l10n extract",
        1,
        f"Error: pyproject.toml:2: [tool.l10n] articles_dir {INSIDE} 'articles/../..'",
        setting('articles_dir = "articles/../.."', "extract"),
    ),
    Row(
        "build-links-out",
        "`build/` a symbolic link to a folder outside the workspace",
        "l10n build sample --min-translated 0",
        1,
        "Error: build/sample/sample.es.md: leads outside the workspace (a symbolic link); "
        "nothing written",
        build_links_out,
    ),
    Row(
        "po-links-out",
        "`.po`: a symbolic link to a file outside the workspace",
        "l10n translate sample --engine pseudo",
        1,
        f"Error: {PO}: leads outside the workspace (a symbolic link); nothing written",
        po_links_out,
    ),
    Row(
        "po-links-inside",
        "`.po`: a symbolic link to `shared/sample.po` in the workspace",
        "l10n translate sample --engine pseudo",
        0,
        "",
        po_links_inside,
        po_link_kept,
        "accepted: the link stays a link; the file it points to is replaced atomically",
    ),
    Row(
        "team-newline",
        'setting: `team = "News\\nX-Injected: 1"` (a header line of its own)',
        "l10n extract",
        1,
        f"Error: pyproject.toml:2: [tool.l10n] team {ONE_LINE}",
        setting('team = "News\\nX-Injected: 1"', "extract"),
    ),
    Row(
        "translators-newline",
        'setting: `translators = ["Ana\\nX-Injected: 1"]`',
        "l10n extract",
        1,
        f"Error: pyproject.toml:2: [tool.l10n] translators {ONE_LINE}",
        setting('translators = ["Ana\\nX-Injected: 1"]', "extract"),
    ),
    Row(
        "translators-numbers",
        "setting: `translators = [1, 2]`",
        "l10n extract",
        1,
        "Error: pyproject.toml:2: [tool.l10n] translators must be a list of strings",
        setting("translators = [1, 2]", "extract"),
    ),
    Row(
        "target-languages-empty",
        "setting: `target_languages = []`",
        "l10n status",
        1,
        "Error: pyproject.toml:2: [tool.l10n] target_languages must name at least one language",
        setting("target_languages = []", "status"),
    ),
    Row(
        "bad-toml",
        "`pyproject.toml`: a string left open on line 3",
        "l10n extract",
        1,
        "Error: pyproject.toml:3: invalid TOML: Illegal character '\\n'",
        bad_toml,
    ),
    Row(
        "article-impossible-date",
        "article: `date: 2017-13-45`",
        "l10n extract",
        1,
        "Error: articles/sample.md:6: malformed front matter: '2017-13-45' is not a date "
        "(month must be in 1..12)",
        impossible_date,
    ),
    Row(
        "article-utf16",
        "article: UTF-16 without a byte-order mark",
        "l10n extract",
        1,
        "Error: articles/utf16.md:1: encoded in UTF-16 (little-endian, no byte-order mark), "
        "not UTF-8; convert it, e.g. with 'iconv -f UTF-16LE -t UTF-8'",
        utf16_article,
    ),
    Row(
        "article-dev-zero",
        "article: a symbolic link to `/dev/zero`",
        "l10n extract",
        1,
        f"Error: articles/other.md: is a character device, {NOT_REGULAR}",
        article_is("zero"),
    ),
    Row(
        "article-fifo",
        "article: a named pipe (FIFO)",
        "l10n extract",
        1,
        f"Error: articles/other.md: is a named pipe (FIFO), {NOT_REGULAR}",
        article_is("fifo"),
    ),
    Row(
        "po-fifo",
        "`.po`: a named pipe (FIFO)",
        "l10n extract",
        1,
        f"Error: {PO}: is a named pipe (FIFO), {NOT_REGULAR}",
        po_is_fifo,
    ),
    Row(
        "model-damaged",
        "`.argosmodel`: a copy of the installed model with 64 bytes flipped",
        "l10n models install damaged.argosmodel",
        1,
        "Error: damaged.argosmodel: damaged archive: translate-en_es-1_0/model/model.bin "
        "fails its CRC-32 check; nothing installed",
        damaged_model,
    ),
    Row(
        "beam-size-unbounded",
        "`--beam-size 100000` (reached 24 GB)",
        "l10n translate sample --engine argos --beam-size 100000",
        2,
        "Error: --beam-size must be between 1 and 32, not 100000",
        argos_option("--beam-size", "100000"),
    ),
    Row(
        "threads-unbounded",
        "`--threads 100000` (aborted)",
        "l10n translate sample --engine argos --threads 100000",
        2,
        "Error: --threads must be between 0 and 256, not 100000",
        argos_option("--threads", "100000"),
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
    # Ctrl-C (exit 130) prints nothing of ours: its row has no message.
    assert result.stderr == (
        row.message.format(packages=argos_packages) + "\n" if row.message else ""
    )
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


def test_readme_has_the_import_rows() -> None:
    """The README's "Bad input" table shows the rows of ``l10n import`` as the docs do."""
    readme = (REPO / "README.md").read_text("utf-8").split("\n")
    rows = [line for line in docs_table().split("\n") if line.startswith("| `l10n import`")]
    assert rows
    assert [line for line in rows if line not in readme] == []


if __name__ == "__main__":
    DOC.write_text(docs_table(), "utf-8")
    sys.stdout.write(f"wrote {DOC.relative_to(REPO)}\n")
