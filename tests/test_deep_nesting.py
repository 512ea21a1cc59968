"""Deep nesting never drops text (issue 12, item 6): markdown-it's CommonMark preset stops
at 20 parser levels (ten nested lists) and silently skips the rest of the article; the
toolkit reads 100 levels and refuses a deeper article with its line."""

from __future__ import annotations

import re
from pathlib import Path

from typer.testing import CliRunner

from tests.conftest import make_workspace
from toolkit.cli import app

MAX_NESTING = 100  # toolkit.markdown.parser.MAX_NESTING: parser levels read (a list takes two)

runner = CliRunner()


def nested(levels: int, quote_every: int = 0) -> str:
    lines, prefix = [], ""
    for i in range(levels):
        quoted = quote_every and i % quote_every == quote_every - 1
        lines.append(f"{prefix}{'> ' if quoted else '- '}level {i + 1}")
        prefix += "> " if quoted else "  "
    return "---\ntitle: Deep\n---\n\n" + "\n".join(lines) + "\n\nAfter the list.\n"


def test_every_level_of_a_deep_list_reaches_the_catalog_and_the_editions(tmp_path: Path) -> None:
    levels = MAX_NESTING // 2 - 1  # the deepest list read whole: 49
    root = make_workspace(tmp_path, {"deep": nested(levels)})
    assert runner.invoke(app, app_args(root, "extract")).exit_code == 0
    po = root / "locales" / "es" / "deep.po"
    text = po.read_text("utf-8")
    assert all(f'msgid "level {i}"' in text for i in range(1, levels + 1))
    assert 'msgid "After the list."' in text
    # Every entry translated (upper case), then the editions: every level is there.
    po.write_text(
        re.sub(
            r'msgid "(.+)"\nmsgstr ""', lambda m: f'msgid "{m[1]}"\nmsgstr "{m[1].upper()}"', text
        ),
        "utf-8",
    )
    result = runner.invoke(app, app_args(root, "build", "deep"))
    assert result.exit_code == 0, result.stderr
    for name in ("deep.es.md", "deep.es.html", "deep.en-es.html", "deep.en-es.md"):
        edition = (root / "build" / "deep" / name).read_text("utf-8")
        assert f"LEVEL {levels}" in edition and "AFTER THE LIST." in edition, name


def test_one_level_more_is_refused_with_its_line(tmp_path: Path) -> None:
    root = make_workspace(tmp_path, {"deep": nested(MAX_NESTING // 2)})
    result = runner.invoke(app, app_args(root, "extract"))
    assert (result.exit_code, result.stderr) == (
        1,
        "Error: articles/deep.md:54: lists and block quotes nested more than 100 levels deep "
        "(a list counts two); the text inside would be lost: flatten them\n",
    )
    assert not (root / "locales").exists()


def test_quotes_inside_lists_count_too(tmp_path: Path) -> None:
    root = make_workspace(tmp_path, {"deep": nested(80, quote_every=3)})
    result = runner.invoke(app, app_args(root, "extract"))
    assert result.exit_code == 1
    assert "nested more than 100 levels deep" in result.stderr


def app_args(root: Path, *args: str) -> list[str]:
    return ["--root", str(root), *args]
