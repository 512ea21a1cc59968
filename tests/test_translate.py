"""The translate pipeline and the ``l10n translate`` command."""

from __future__ import annotations

import itertools
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

import toolkit.translate as pipeline
from tests.mtworkspace import PO, SLUG, entry_blocks, make_workspace, read_po, write_po
from tests.tools import require_tool
from toolkit.cli import app
from toolkit.config import Workspace
from toolkit.entry import mt_engine
from toolkit.errors import ConflictError, EngineError, UsageError
from toolkit.fillreport import FAILED, FILLED
from toolkit.mt.protect import TOKEN_RE
from toolkit.mt.pseudo import pseudolocalize
from toolkit.translate import translate

TERMS = ["NSO Group", "Pegasus", "InSight Crime", "Citizen Lab", "R3D"]
SUMMARY = (
    r"(?:would fill|filled) (\d+), skipped (\d+), failed protection (\d+) "
    r"in \d+\.\d s \(\d+\.\d+ segments/s\)"
)


class FakeEngine:
    name = "fake"

    def __init__(self, fn: Callable[[list[str]], list[str]]) -> None:
        self.fn = fn
        self.calls = 0

    def describe(self) -> str:
        return "fake 1.0"

    def translate_batch(self, texts: list[str], source: str, target: str) -> list[str]:
        self.calls += 1
        return self.fn(texts)


def use_engine(monkeypatch: pytest.MonkeyPatch, engine: FakeEngine) -> None:
    monkeypatch.setattr(pipeline, "get_engine", lambda name, options=None: engine)


def pseudo_all(texts: list[str]) -> list[str]:
    return [pseudolocalize(t) for t in texts]


def prepare_states(ws: Workspace) -> tuple[str, str, str]:
    """Entry 0 reviewed, entry 1 a human's fuzzy (msgmerge), entry 2 machine-filled fuzzy."""
    catalog = read_po(ws)
    reviewed, human, machine = catalog.live[:3]
    reviewed.msgstr = "Autoridades de México espían a opositores: informes"
    reviewed.translator_comments = ["revisado por Ana"]
    human.msgstr = "Traducción humana de la versión anterior."
    human.fuzzy = True
    human.previous_msgid = "An older version of the paragraph."
    machine.msgstr = "Traducción automática antigua."
    machine.fuzzy = True
    machine.translator_comments = ["nota", "machine translation: apertium eng-spa 0.8.0"]
    write_po(ws, catalog)
    return reviewed.msgid, human.msgid, machine.msgid


def entry_at(text: str, line: int) -> str:
    """The msgid of the entry whose ``msgid`` keyword is on ``line``, unwrapped."""
    lines = text.split("\n")[line - 1 :]
    assert lines[0].startswith("msgid ")
    parts = [lines[0][len("msgid ") :]]
    parts += [x for x in itertools.takewhile(lambda x: x.startswith('"'), lines[1:])]
    return "msgid " + json.dumps("".join(json.loads(p) for p in parts), ensure_ascii=False)


# --- policy -----------------------------------------------------------------------------------


def test_fills_only_untranslated_and_never_touches_reviewed(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path)
    reviewed, human, machine = prepare_states(ws)
    before = entry_blocks((ws.root / PO).read_text(encoding="utf-8"))
    report = translate(ws, [SLUG], "es", "pseudo")
    assert (report.filled, report.skipped, report.failed) == (10, 3, 0)
    assert report.engine == "pseudo" and report.segments > 10
    after_text = (ws.root / PO).read_text(encoding="utf-8")
    after = entry_blocks(after_text)
    for msgid in (reviewed, human, machine):
        key = next(k for k in before if msgid[:20] in k)
        assert after[key] == before[key]  # byte-identical
    for entry in read_po(ws).live[3:]:
        assert entry.fuzzy and entry.msgstr.startswith("[")
        assert entry.translator_comments == ["machine translation: pseudo"]
    filled = [o for o in report.catalogs[0].outcomes if o.status == FILLED]
    for outcome in filled:  # lines point at the entry in the file as written
        assert entry_at(after_text, outcome.line).startswith(f'msgid "{outcome.msgid[:20]}')


def test_refill_fuzzy_redoes_only_machine_entries(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path)
    reviewed, human, machine = prepare_states(ws)
    translate(ws, [SLUG], "es", "pseudo")
    report = translate(ws, [SLUG], "es", "pseudo", refill_fuzzy=True)
    assert report.filled == 11  # the old machine entry and the 10 filled by the first run
    by_id = {e.msgid: e for e in read_po(ws).live}
    assert by_id[machine].msgstr.startswith("[") and by_id[machine].fuzzy
    assert by_id[machine].translator_comments == ["nota", "machine translation: pseudo"]
    assert by_id[human].msgstr == "Traducción humana de la versión anterior."
    assert by_id[reviewed].msgstr.startswith("Autoridades") and not by_id[reviewed].fuzzy


def test_dry_run_writes_nothing_and_lists_the_fills(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path)
    path = ws.root / PO
    data, mtime = path.read_bytes(), path.stat().st_mtime_ns
    report = translate(ws, [SLUG], "es", "pseudo", dry_run=True)
    assert path.read_bytes() == data and path.stat().st_mtime_ns == mtime
    assert report.dry_run and report.filled == 13
    lines = [o.line for o in report.catalogs[0].outcomes]
    assert lines == sorted(lines) and not report.catalogs[0].written


def test_progress_is_reported_in_segments(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path)
    calls: list[tuple[int, int]] = []
    report = translate(ws, [SLUG], "es", "pseudo", progress=lambda d, t: calls.append((d, t)))
    assert calls[0] == (0, report.segments) and calls[-1] == (report.segments, report.segments)


def test_apertium_keeps_glossary_terms_in_the_pegasus_article(tmp_path: Path) -> None:
    require_tool("apertium")
    ws = make_workspace(tmp_path)
    report = translate(ws, [SLUG], "es", "apertium")
    assert (report.filled, report.failed) == (13, 0)
    assert re.fullmatch(r"apertium eng-spa( [\d.]+)?", report.engine)
    for entry in read_po(ws).live:
        assert entry.fuzzy and mt_engine(entry) == report.engine
        for term in TERMS:
            assert entry.msgid.count(term) == entry.msgstr.count(term), (term, entry.msgstr)
    assert "InSight Crime" in read_po(ws).live[8].msgstr


# --- failures ---------------------------------------------------------------------------------

LINKS = """A paragraph with [a link](https://example.org/a) and `code`.

A plain paragraph without markup.

Some *emphasis* here.
"""


def test_failed_protection_leaves_the_entry_untranslated(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = make_workspace(tmp_path, article=LINKS)
    drop = FakeEngine(lambda texts: [TOKEN_RE.sub("", t).replace("XQX", "") for t in texts])
    use_engine(monkeypatch, drop)
    report = translate(ws, [SLUG], "es", "fake")
    assert drop.calls == 1
    assert (report.filled, report.failed) == (2, 2)
    text = (ws.root / PO).read_text(encoding="utf-8")
    failed = [o for o in report.catalogs[0].outcomes if o.status == FAILED]
    assert [o.msgid for o in failed] == [LINKS.split("\n")[0], "Some *emphasis* here."]
    assert "'](https://example.org/a)' missing" in failed[0].detail
    for outcome in failed:
        assert entry_at(text, outcome.line) == f'msgid "{outcome.msgid}"'
    by_id = {e.msgid: e for e in read_po(ws).live}
    assert by_id[failed[0].msgid].msgstr == "" and not by_id[failed[0].msgid].fuzzy
    assert by_id["A plain paragraph without markup."].msgstr != ""


def test_markup_moved_by_the_engine_fails_protection(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = make_workspace(tmp_path, article="Some *emphasis* here.\n")
    swap = FakeEngine(lambda ts: ["XQX2X Algo XQX1X énfasis." if "XQX" in t else t for t in ts])
    use_engine(monkeypatch, swap)
    report = translate(ws, [SLUG], "es", "fake")
    assert report.failed == 1
    assert report.catalogs[0].outcomes[-1].detail == "the Markdown markup did not survive"


def test_engine_returning_too_few_translations_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = make_workspace(tmp_path)
    data = (ws.root / PO).read_bytes()
    use_engine(monkeypatch, FakeEngine(lambda texts: texts[1:]))
    with pytest.raises(EngineError, match=r"fake returned \d+ translations for \d+"):
        translate(ws, [SLUG], "es", "fake")
    assert (ws.root / PO).read_bytes() == data


def test_unknown_engine_and_language() -> None:
    ws = Workspace.open(Path("."))
    with pytest.raises(UsageError, match="unknown engine 'nope'"):
        translate(ws, [SLUG], "es", "nope")
    with pytest.raises(UsageError, match="source language"):
        translate(ws, [SLUG], "en", "pseudo")


# --- concurrency ------------------------------------------------------------------------------


def test_a_translator_saving_meanwhile_is_merged_not_clobbered(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = make_workspace(tmp_path)

    def translator_saves_then_translate(texts: list[str]) -> list[str]:
        catalog = read_po(ws)  # as Poedit would: the translator translates entry 4
        catalog.live[4].msgstr = "Traducción de la traductora."
        write_po(ws, catalog)
        return pseudo_all(texts)

    use_engine(monkeypatch, FakeEngine(translator_saves_then_translate))
    report = translate(ws, [SLUG], "es", "fake")
    assert report.catalogs[0].merged and report.filled == 12 and report.skipped == 1
    entries = read_po(ws).live
    assert entries[4].msgstr == "Traducción de la traductora." and not entries[4].fuzzy
    assert all(e.msgstr.startswith("[") and e.fuzzy for i, e in enumerate(entries) if i != 4)


def test_an_unreadable_change_is_a_conflict(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = make_workspace(tmp_path)
    broken = b'msgid "caf\xe9"\nmsgstr ""\n'  # Latin-1 from some other tool

    def break_file(texts: list[str]) -> list[str]:
        (ws.root / PO).write_bytes(broken)
        return pseudo_all(texts)

    use_engine(monkeypatch, FakeEngine(break_file))
    with pytest.raises(ConflictError) as info:
        translate(ws, [SLUG], "es", "fake")
    assert str(info.value) == (
        f"{PO}: changed on disk while translating and cannot be read again "
        f"({PO}:1: not valid UTF-8 (byte 0xe9)); not written, run again"
    )
    assert (ws.root / PO).read_bytes() == broken


# --- the command ------------------------------------------------------------------------------

runner = CliRunner()


def l10n(root: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--root", str(root), *args])
    return result.exit_code, result.stdout, result.stderr


def test_cli_dry_run_and_summary(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path)
    code, out, err = l10n(
        ws.root, "translate", SLUG, "--lang", "es", "--engine", "pseudo", "--dry-run"
    )
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == f"{PO}:18: would fill" and len(lines) == 14
    assert re.fullmatch(SUMMARY, lines[-1]) and lines[-1].startswith("would fill 13,")
    code, out, err = l10n(ws.root, "translate", SLUG, "--engine", "pseudo")
    assert code == 0
    match = re.fullmatch(SUMMARY, out.strip())
    assert match and match.groups() == ("13", "0", "0")


def test_cli_reports_failed_protection(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ws = make_workspace(tmp_path, article="Some *emphasis* here.\n")
    use_engine(monkeypatch, FakeEngine(lambda texts: ["Algo." for _ in texts]))
    # (--engine takes only registered names; the fake stands in for pseudo)
    code, out, _ = l10n(ws.root, "translate", SLUG, "--engine", "pseudo")
    assert code == 0
    assert out.splitlines()[0] == f"{PO}:25: failed protection: '*' missing; '*' missing"
    match = re.fullmatch(SUMMARY, out.splitlines()[1])
    assert match and match.groups() == ("1", "0", "1")


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (
            ["--engine", "nope"],
            2,
            "Error: unknown engine 'nope' (choose from apertium, argos, memory, pseudo)",
        ),
        (
            ["--engine", "pseudo", "--lang", "xx-nope"],
            2,
            "Error: unknown language code 'xx-nope' (expected a BCP 47 code such as 'es')",
        ),
    ],
)
def test_cli_usage_errors(tmp_path: Path, args: list[str], code: int, message: str) -> None:
    ws = make_workspace(tmp_path)
    result = l10n(ws.root, "translate", SLUG, *args)
    assert result[0] == code and result[2] == message + "\n"


def test_cli_missing_engine_option_is_a_usage_error(tmp_path: Path) -> None:
    assert l10n(tmp_path, "translate", SLUG)[0] == 2


def test_cli_missing_apertium(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    ws = make_workspace(tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    code, out, err = l10n(ws.root, "translate", SLUG, "--engine", "apertium")
    assert code == 1 and out == ""
    assert err == (
        "Error: apertium is not installed (on Debian or Ubuntu: "
        "apt-get install apertium apertium-eng-spa)\n"
    )


def test_cli_input_errors(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path)
    glossary = ws.root / "locales" / "es" / "glossary.csv"
    glossary.write_text("term,translation,note\nPegasus,,\nNSO,,a,b\n", encoding="utf-8")
    code, _, err = l10n(ws.root, "translate", SLUG, "--engine", "pseudo")
    assert code == 1
    assert err == (
        "Error: locales/es/glossary.csv:3: 4 fields, expected term,translation,note "
        "(quote a field that contains a comma)\n"
    )
    glossary.unlink()
    # An unknown slug is a usage error (exit 2), as for status and build (issue 13).
    code, _, err = l10n(ws.root, "translate", "other", "--engine", "pseudo")
    assert (code, err) == (2, "Error: no such article: articles/other.md\n")
    (ws.root / "articles" / "other.md").write_text('---\ntitle: "Other"\n---\n\nText.\n')
    code, _, err = l10n(ws.root, "translate", "other", "--engine", "pseudo")
    assert (code, err) == (
        1,
        "Error: locales/es/other.po: no such catalog (run 'l10n extract' first)\n",
    )
