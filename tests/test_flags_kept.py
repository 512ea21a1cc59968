"""A translator's flags survive the next extract (issue 12, item 8): gettext's own reader
ignores flags it does not know, so msgcat drops them; the toolkit keeps them, because
``#, ignore-<check>`` is how a translator silences a check (toolkit.checks.run)."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from tests.conftest import make_workspace
from toolkit.catalog import read_catalog
from toolkit.cli import app

runner = CliRunner()
PO = "locales/es/a.po"
ARTICLE = (
    "---\ntitle: Votes\n---\n\nThe council counted 12 votes in the 1990s.\n\nA second paragraph.\n"
)


def flagged(tmp_path: Path) -> Path:
    root = make_workspace(tmp_path, {"a": ARTICLE})
    assert runner.invoke(app, ["--root", str(root), "extract"]).exit_code == 0
    po = root / PO
    po.write_text(
        po.read_text("utf-8").replace(
            'msgid "The council counted 12 votes in the 1990s."\nmsgstr ""',
            "#, ignore-numbers, my-tool-flag\n"
            'msgid "The council counted 12 votes in the 1990s."\n'
            'msgstr "El concejo contó doce votos en los noventa."',
        ),
        "utf-8",
    )
    return root


def test_extract_keeps_a_translator_s_flags_and_check_honours_them(tmp_path: Path) -> None:
    root = flagged(tmp_path)
    before = (root / PO).read_bytes()
    result = runner.invoke(app, ["--root", str(root), "extract"])
    assert "wrote nothing (up to date)" in result.stdout
    assert (root / PO).read_bytes() == before
    entry = read_catalog(root / PO, PO).live[1]
    assert entry.flags == ["ignore-numbers", "my-tool-flag"]
    check = runner.invoke(app, ["--root", str(root), "check"])
    assert "[numbers]" not in check.stdout


def test_a_changed_source_carries_the_flags_but_check_looks_again(tmp_path: Path) -> None:
    """msgmerge-style fuzzy match: the old translation and its flags come along, marked
    fuzzy with ``#| msgid``; a silence is not honoured on such an entry (its source changed
    since the translator decided), so the changed number is reported."""
    root = flagged(tmp_path)
    article = root / "articles" / "a.md"
    article.write_text(ARTICLE.replace("12 votes", "13 votes"), "utf-8")
    assert runner.invoke(app, ["--root", str(root), "extract"]).exit_code == 0
    entry = read_catalog(root / PO, PO).live[1]
    assert entry.msgid == "The council counted 13 votes in the 1990s."
    assert entry.flags == ["fuzzy", "ignore-numbers", "my-tool-flag"]
    assert entry.previous_msgid == "The council counted 12 votes in the 1990s."
    check = runner.invoke(app, ["--root", str(root), "check"])
    assert "[numbers]" in check.stdout
