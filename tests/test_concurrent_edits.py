"""A translator saving in Poedit while the toolkit works on the same catalog loses nothing.

extract refuses (ConflictError, exit 1, nothing written) when a catalog changed between its
read and its write; translate reads the catalog again and fills only what is still open.
Each edit is made at a fixed point of the run (a hook around a toolkit function), so the
tests are deterministic. tests/test_translate.py covers a save made while the engine runs,
through the toolkit's own writer, and a save that leaves the catalog unreadable.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

import toolkit.extract
import toolkit.files.batch
import toolkit.files.disk
import toolkit.files.tempnames
import toolkit.translate as pipeline
from tests.conftest import SAMPLE, make_workspace
from tests.mtworkspace import PO, SLUG, read_po
from tests.mtworkspace import make_workspace as make_mt_workspace
from toolkit.catalog import parse_catalog
from toolkit.cli import app
from toolkit.config import Workspace
from toolkit.errors import ConflictError
from toolkit.extract import extract
from toolkit.translate import translate

runner = CliRunner()
SAMPLE_PO = "locales/es/sample.po"


def tree(root: Path) -> dict[str, tuple[bytes, int]]:
    return {
        str(p.relative_to(root)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def poedit_save(path: Path, msgid: str, translation: str) -> None:
    """Translate the entry ``msgid`` the way Poedit saves a file: its own header field added,
    the msgstr changed, every other line as it was."""
    text = path.read_text("utf-8")
    entry = next(e for e in parse_catalog(text, str(path)).live if e.msgid == msgid)
    lines = text.split("\n")
    at = lines.index('msgstr ""', entry.line - 1)
    lines[at] = f'msgstr "{translation}"'
    language = lines.index('"Language: es\\n"')
    lines.insert(language + 1, '"X-Generator: Poedit 3.4.2\\n"')
    path.write_text("\n".join(lines), "utf-8")


# --- extract -----------------------------------------------------------------------------------


def test_extract_refuses_a_catalog_saved_between_read_and_write(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = make_workspace(tmp_path / "ws", {"sample": SAMPLE})
    extract(Workspace.open(root), None)
    # The source changes (so extract has a new template and catalog to write) ...
    article = root / "articles" / "sample.md"
    article.write_text(SAMPLE.replace("Ten Things", "Eleven Things"), "utf-8")
    real_plan = toolkit.extract.plan_extract

    def plan_then_translator_saves(*args: Any, **kwargs: Any) -> Any:
        planned = real_plan(*args, **kwargs)  # everything read, nothing written yet
        poedit_save(root / SAMPLE_PO, "Spyware in the Americas", "El spyware en América")
        return planned

    monkeypatch.setattr(toolkit.extract, "plan_extract", plan_then_translator_saves)
    result = runner.invoke(app, ["--root", str(root), "extract"])
    saved = tree(root)  # the translator's file, and the old template
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {SAMPLE_PO}: changed on disk while extracting; nothing written, run again\n"
    )

    # ... and nothing was written: the translator's save is the file, the template is old.
    assert tree(root) == saved
    assert 'msgid "Ten Things About *Spyware*"' in (root / "locales/sample.pot").read_text()
    monkeypatch.undo()
    result = runner.invoke(app, ["--root", str(root), "extract"])  # "run again"
    assert result.exit_code == 0, result.stderr
    after = parse_catalog((root / SAMPLE_PO).read_text("utf-8"), SAMPLE_PO)
    kept = {e.msgid: e.msgstr for e in after.live}
    assert kept["Spyware in the Americas"] == "El spyware en América"
    assert "Eleven Things About *Spyware*" in kept


def test_extract_refuses_before_writing_any_article(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second article's catalog is saved meanwhile: the first article's files, which
    could have been written, are not either."""
    root = make_workspace(tmp_path / "ws", {"a": SAMPLE, "b": SAMPLE.replace("Ten", "Nine")})
    extract(Workspace.open(root), None)
    for slug in ("a", "b"):
        path = root / "articles" / f"{slug}.md"
        path.write_text(path.read_text("utf-8") + "\nA new closing paragraph.\n", "utf-8")
    before = tree(root)
    real_plan = toolkit.extract.plan_extract

    def translator_saves_b(ws: Workspace, slug: str, unit: str) -> Any:
        planned = real_plan(ws, slug, unit)
        if slug == "b":
            poedit_save(root / "locales/es/b.po", "Spyware in the Americas", "Sí")
        return planned

    monkeypatch.setattr(toolkit.extract, "plan_extract", translator_saves_b)
    with pytest.raises(ConflictError, match=r"^locales/es/b\.po: changed on disk"):
        extract(Workspace.open(root), None)
    after = tree(root)
    changed = sorted(name for name in after if after[name] != before.get(name))
    assert changed == ["locales/es/b.po"]  # the translator's save, nothing of ours


# --- translate ---------------------------------------------------------------------------------


def engine_hook(monkeypatch: pytest.MonkeyPatch, during: Callable[[], None]) -> None:
    """The pseudo engine, with ``during`` run while it translates (a Poedit save)."""
    from toolkit.mt.pseudo import pseudolocalize

    class Engine:
        name = "fake"

        def describe(self) -> str:
            return "fake 1.0"

        def translate_batch(self, texts: list[str], source: str, target: str) -> list[str]:
            during()
            return [pseudolocalize(t) for t in texts]

    monkeypatch.setattr(pipeline, "get_engine", lambda name, options=None: Engine())


def test_a_poedit_save_while_the_engine_runs_keeps_the_translator_s_work(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = make_mt_workspace(tmp_path)
    po = ws.root / PO
    target = read_po(ws).live[2].msgid
    engine_hook(monkeypatch, lambda: poedit_save(po, target, "Traducción de la traductora."))

    report = translate(ws, [SLUG], "es", "fake")

    catalog = read_po(ws)
    assert report.catalogs[0].merged and report.filled == 12 and report.skipped == 1
    mine = catalog.live[2]
    assert (mine.msgstr, mine.fuzzy, mine.translator_comments) == (
        "Traducción de la traductora.",
        False,
        [],
    )
    others = [e for i, e in enumerate(catalog.live) if i != 2]
    assert all(e.fuzzy and e.msgstr.startswith("[") for e in others)  # filled, for review
    assert catalog.header["X-Generator"] == "Poedit 3.4.2"  # the header Poedit wrote, kept


def test_a_save_after_the_fills_were_applied_is_still_merged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The last look before writing: a save that lands after the catalog was read again
    and filled, but before it is written, is read and merged too."""
    ws = make_mt_workspace(tmp_path)
    po = ws.root / PO
    target = read_po(ws).live[5].msgid
    real_settle = pipeline._settle
    saves: list[str] = []

    def settle_then_save(*args: Any) -> Any:
        settled = real_settle(*args)
        if not saves:
            saves.append("saved")
            poedit_save(po, target, "Guardado en el último momento.")
        return settled

    monkeypatch.setattr(pipeline, "_settle", settle_then_save)
    report = translate(ws, [SLUG], "es", "pseudo")

    catalog = read_po(ws)
    assert catalog.live[5].msgstr == "Guardado en el último momento." and not catalog.live[5].fuzzy
    assert report.catalogs[0].merged and report.filled == 12
    assert all(e.fuzzy for i, e in enumerate(catalog.live) if i != 5)


def test_a_conflict_on_one_catalog_writes_no_catalog(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Two articles translated in one run; the second catalog becomes unreadable while the
    engine runs: the first one, which could be written, is not either."""
    ws = make_mt_workspace(tmp_path)
    other = ws.root / "articles" / "other.md"
    other.write_text('---\ntitle: "Other"\n---\n\nA second article.\n', "utf-8")
    extract(ws, None)
    first = ws.root / PO
    second = ws.root / "locales/es/other.po"
    before = first.read_bytes(), first.stat().st_mtime_ns

    def break_second() -> None:
        second.write_bytes(b'msgid "caf\xe9"\nmsgstr ""\n')  # Latin-1, from some other tool

    engine_hook(monkeypatch, break_second)
    with pytest.raises(ConflictError, match=r"^locales/es/other\.po: changed on disk"):
        translate(ws, [SLUG, "other"], "es", "fake")
    assert (first.read_bytes(), first.stat().st_mtime_ns) == before


# --- a save in the window between the last check and the rename (issue 12, item 2) --------------

# A translator's editor in its own process: for each line on stdin it saves the catalog the
# way Poedit does (a new file renamed over the old one), with msgstr "HUMANO <line>" for the
# entry whose msgid is its argument, and answers "saved" once the rename is done.
WRITER = r"""
import os, sys
path, msgid = sys.argv[1], sys.argv[2]
for request in sys.stdin:
    lines = open(path, encoding="utf-8").read().split("\n")
    at = lines.index(f"msgid {msgid!s}")
    while not lines[at].startswith("msgstr"):
        at += 1
    lines[at] = f'msgstr "HUMANO {request.strip()}"'
    tmp = path + ".poedit-save"
    with open(tmp, "w", encoding="utf-8") as out:
        out.write("\n".join(lines))
    os.replace(tmp, path)
    print("saved", flush=True)
"""


class Editor:
    """The writer process, driven through pipes: ``save(n)`` returns once the save is on disk."""

    def __init__(self, po: Path, msgid: str) -> None:
        import json
        import subprocess
        import sys

        self.proc = subprocess.Popen(
            [sys.executable, "-c", WRITER, str(po), json.dumps(msgid)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )

    def save(self, n: int) -> None:
        import select

        assert self.proc.stdin is not None and self.proc.stdout is not None
        self.proc.stdin.write(f"{n}\n")
        self.proc.stdin.flush()
        ready, _, _ = select.select([self.proc.stdout], [], [], 30)  # bounded: never hangs
        assert ready, "the editor did not answer"
        assert self.proc.stdout.readline() == "saved\n"

    def close(self) -> None:
        assert self.proc.stdin is not None
        self.proc.stdin.close()
        self.proc.wait(timeout=30)


# The points of the write path after the last check translate made before this fix: rendering
# each catalog, staging its temporary file, the backups of a batch of several files, and the
# batch's own last look before its renames (a save just before it is still caught).
WRITE_PATH = [
    (pipeline, "render_catalog"),
    (toolkit.files.disk, "stage"),
    (toolkit.files.batch, "_backup"),
    (toolkit.files.batch, "_unchanged"),
]


def hook_write_path(monkeypatch: pytest.MonkeyPatch, at_event: Callable[[int], None]) -> None:
    """Call ``at_event(n)`` before the n-th call (from 1) of any function of WRITE_PATH."""
    import threading

    count = [0]
    lock = threading.Lock()  # staging runs on threads
    for module, name in WRITE_PATH:
        real = getattr(module, name, None)
        if real is None:  # not on main before the fix: the event does not happen there
            continue

        def hooked(*args: Any, _real: Any = real, **kwargs: Any) -> Any:
            with lock:
                count[0] += 1
                at_event(count[0])
            return _real(*args, **kwargs)

        monkeypatch.setattr(module, name, hooked)


def short_entry(ws: Workspace) -> tuple[int, str]:
    """An entry on one line (the editor finds it by its msgid line)."""
    return next((i, e.msgid) for i, e in enumerate(read_po(ws).live) if 0 < len(e.msgid) < 50)


def two_catalogs(root: Path) -> Workspace:
    ws = make_mt_workspace(root)
    other = ws.root / "articles" / "other.md"
    other.write_text('---\ntitle: "Other"\n---\n\nA second article.\n', "utf-8")
    extract(ws, None)
    return ws


def events_of_a_quiet_run(tmp_path: Path) -> int:
    ws = two_catalogs(tmp_path / "quiet")
    seen: list[int] = []
    with pytest.MonkeyPatch.context() as hooks:
        hook_write_path(hooks, seen.append)
        translate(ws, [SLUG, "other"], "es", "pseudo")
    return len(seen)


def test_a_save_at_any_point_of_the_write_path_is_kept(tmp_path: Path) -> None:
    """A real second process saves the catalog at each point of translate's write path in
    turn (one run per point); every save survives, merged with the machine's fills."""
    events = events_of_a_quiet_run(tmp_path)
    assert events >= 6  # 2 renders, 2 stagings, 2 backups (and the last looks)
    from toolkit import interrupts

    for n in range(1, events + 1):
        ws = two_catalogs(tmp_path / f"run{n}")
        po = ws.root / PO
        at, target = short_entry(ws)
        editor = Editor(po, target)

        def save_at(k: int, n: int = n, editor: Editor = editor) -> None:
            if k == n:
                editor.save(n)

        try:
            with pytest.MonkeyPatch.context() as hooks:
                hook_write_path(hooks, save_at)
                report = translate(ws, [SLUG, "other"], "es", "pseudo")
        finally:
            editor.close()
        catalog = read_po(ws)
        mine = catalog.live[at]
        assert (mine.msgstr, mine.fuzzy) == (f"HUMANO {n}", False), f"save at event {n} lost"
        assert report.catalogs[0].merged
        others = [e for i, e in enumerate(catalog.live) if i != at]
        assert all(e.fuzzy and e.msgstr.startswith("[") for e in others), n
        assert read_po(ws, "locales/es/other.po").live[0].fuzzy  # the other catalog: filled
        assert not [p for p in po.parent.iterdir() if p.name.startswith(".")]
        assert interrupts.state.deferring == 0


def test_a_catalog_saved_at_every_look_is_refused_and_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A save at every point of every attempt: after WRITE_ATTEMPTS translate gives up
    (exit 1, one line); the translator's last save is the file, the other catalog as it was."""
    ws = two_catalogs(tmp_path / "ws")
    po = ws.root / PO
    other_before = (ws.root / "locales/es/other.po").read_bytes()
    at, target = short_entry(ws)
    editor = Editor(po, target)
    saves: list[int] = []

    def save_always(k: int) -> None:
        saves.append(k)
        editor.save(k)

    try:
        hook_write_path(monkeypatch, save_always)
        result = runner.invoke(
            app, ["--root", str(ws.root), "translate", SLUG, "other", "--engine", "pseudo"]
        )
    finally:
        monkeypatch.undo()
        editor.close()
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {PO}: kept changing on disk while translating; not written, run again\n"
    )
    assert read_po(ws).live[at].msgstr == f"HUMANO {saves[-1]}"
    assert (ws.root / "locales/es/other.po").read_bytes() == other_before


def test_extract_refuses_a_save_made_while_it_renders_and_stages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """extract's narrower window: after its own check, before its renames."""
    root = make_workspace(tmp_path / "ws", {"sample": SAMPLE})
    extract(Workspace.open(root), None)
    article = root / "articles" / "sample.md"
    article.write_text(SAMPLE.replace("Ten Things", "Eleven Things"), "utf-8")
    editor = Editor(root / SAMPLE_PO, "Spyware in the Americas")
    real = toolkit.files.batch._backup

    def save_then_backup(plan: Any) -> Any:
        if plan.path.name == "sample.pot":  # after extract's check, before any rename
            editor.save(1)
        return real(plan)

    try:
        monkeypatch.setattr(toolkit.files.batch, "_backup", save_then_backup)
        result = runner.invoke(app, ["--root", str(root), "extract"])
    finally:
        monkeypatch.undo()
        editor.close()
    assert result.exit_code == 1
    assert result.stderr == (
        f"Error: {SAMPLE_PO}: changed on disk while extracting; nothing written, run again\n"
    )
    assert 'msgstr "HUMANO 1"' in (root / SAMPLE_PO).read_text("utf-8")
    assert 'msgid "Ten Things About *Spyware*"' in (root / "locales/sample.pot").read_text()
    assert not [p for p in (root / "locales").rglob(".*")]
