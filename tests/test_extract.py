"""Extraction end to end: article -> .pot -> .po, gettext-canonical, msgmerge-style updates."""

from __future__ import annotations

import subprocess
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import make_workspace
from tests.golden_util import assert_golden
from tests.tools import require_tool
from toolkit.catalog import read_catalog, write_catalog
from toolkit.config import Workspace
from toolkit.extract import extract


def run_extract(root: Path, unit: str | None = None) -> None:
    extract(Workspace.open(root), None, unit)


def test_golden_template_and_catalog(sample_workspace: Path) -> None:
    run_extract(sample_workspace)
    assert_golden("sample.pot", (sample_workspace / "locales/sample.pot").read_text("utf-8"))
    assert_golden("sample.es.po", (sample_workspace / "locales/es/sample.po").read_text("utf-8"))


def test_golden_sentence_unit(sample_workspace: Path) -> None:
    run_extract(sample_workspace, "sentence")
    assert_golden(
        "sample.sentence.pot", (sample_workspace / "locales/sample.pot").read_text("utf-8")
    )


def test_msgfmt_accepts_and_msgcat_reproduces(sample_workspace: Path) -> None:
    msgfmt, msgcat = require_tool("msgfmt"), require_tool("msgcat")
    run_extract(sample_workspace)
    for name in ("locales/sample.pot", "locales/es/sample.po"):
        path = sample_workspace / name
        if name.endswith(".po"):
            check = subprocess.run(
                [msgfmt, "--check-format", "--check-header", "-o", "/dev/null", str(path)],
                capture_output=True,
                text=True,
            )
            assert check.returncode == 0 and check.stderr == "", check.stderr
        again = subprocess.run([msgcat, str(path)], capture_output=True, check=True)
        assert again.stdout == path.read_bytes()


def test_extract_twice_changes_no_byte(sample_workspace: Path) -> None:
    run_extract(sample_workspace)
    before = {p: p.read_bytes() for p in (sample_workspace / "locales").rglob("*.po*")}
    mtimes = {p: p.stat().st_mtime_ns for p in before}
    result = extract(Workspace.open(sample_workspace), None)
    assert result[0].written == []
    assert {p: p.read_bytes() for p in before} == before
    assert {p: p.stat().st_mtime_ns for p in before} == mtimes


def test_editing_one_sentence_fuzzies_only_that_entry(sample_workspace: Path) -> None:
    run_extract(sample_workspace)
    po_path = sample_workspace / "locales/es/sample.po"
    catalog = read_catalog(po_path, "po")
    for entry in catalog.entries:
        entry.msgstr = "ES " + entry.msgid
    write_catalog(po_path, catalog, "po")
    article = sample_workspace / "articles/sample.md"
    old = "First item, with `code` inside."
    article.write_text(
        article.read_text("utf-8").replace(old, "First item, with `code` inside it."), "utf-8"
    )
    run_extract(sample_workspace)
    after = read_catalog(po_path, "po")
    changed = [e for e in after.live if e.fuzzy]
    assert [(e.msgid, e.previous_msgid, e.msgstr) for e in changed] == [
        ("First item, with `code` inside it.", old, "ES " + old)
    ]
    untouched = [e for e in after.live if not e.fuzzy]
    assert len(untouched) == len(catalog.entries) - 1
    assert all(e.msgstr == "ES " + e.msgid for e in untouched)


def test_identity_of_translated_catalog_across_runs(sample_workspace: Path) -> None:
    run_extract(sample_workspace)
    po_path = sample_workspace / "locales/es/sample.po"
    catalog = read_catalog(po_path, "po")
    catalog.entries[0].msgstr = "Diez cosas"
    catalog.entries[0].translator_comments = ["revisado"]
    write_catalog(po_path, catalog, "po")
    snapshot = po_path.read_bytes()
    run_extract(sample_workspace)
    assert po_path.read_bytes() == snapshot


text_line = st.text(
    alphabet=st.sampled_from(list("abcdefgh ÁéñÜ.,;:!?\"'()-*_`[]$%0123456789")),
    min_size=1,
    max_size=60,
).filter(lambda s: s.strip() != "")


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(text_line, min_size=1, max_size=8))
def test_extract_is_idempotent_on_random_articles(tmp_path: Path, paras: list[str]) -> None:
    root = tmp_path / f"ws{abs(hash(tuple(paras)))}"
    body = "\n\n".join(paras)
    make_workspace(root, {"rand": f"---\ntitle: Random\n---\n\n{body}\n"})
    run_extract(root)
    first = {p: p.read_bytes() for p in (root / "locales").rglob("*.po*")}
    run_extract(root)
    assert {p: p.read_bytes() for p in first} == first
