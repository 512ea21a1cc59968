"""``l10n build --format``: only the editions asked for, each the bytes a full build writes."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.archive import SLUGS, article, contents, translate, translated_archive, tree
from tests.conftest import l10n, make_workspace
from toolkit.build import build
from toolkit.config import Workspace
from toolkit.errors import UsageError
from toolkit.extract import extract

NAMES = {
    "markdown": "a.es.md",
    "html": "a.es.html",
    "bilingual-html": "a.en-es.html",
    "bilingual-markdown": "a.en-es.md",
}
UNKNOWN = (
    "Error: unknown format 'pdf' (choose from markdown, html, bilingual-html, bilingual-markdown)\n"
)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """One article, ``a``, extracted and fully translated (five entries)."""
    root = make_workspace(tmp_path / "ws", {"a": article(1)})
    extract(Workspace.open(root), None, jobs=1)
    translate(root, ["a"])
    return root


def built(root: Path) -> list[str]:
    folder = root / "build" / "a"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_two_formats_write_those_two_editions_only(root: Path) -> None:
    code, out, err = l10n(root, "build", "a", "--format", "markdown", "--format", "html")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "a: 5 of 5 entries reviewed (100.0%)",
        "wrote build/a/a.es.md",
        "wrote build/a/a.es.html",
    ]
    assert built(root) == ["a.es.html", "a.es.md"]


@pytest.mark.parametrize("fmt", list(NAMES))
def test_one_format_is_the_edition_a_full_build_writes(root: Path, fmt: str) -> None:
    code, out, err = l10n(root, "build", "a", "--format", fmt)
    assert (code, err) == (0, "")
    assert out.splitlines()[1:] == [f"wrote build/a/{NAMES[fmt]}"]
    assert built(root) == [NAMES[fmt]]
    alone = (root / "build" / "a" / NAMES[fmt]).read_bytes()
    shutil.rmtree(root / "build")
    assert l10n(root, "build", "a")[0] == 0
    assert built(root) == sorted(NAMES.values())
    assert (root / "build" / "a" / NAMES[fmt]).read_bytes() == alone


def test_a_later_format_leaves_the_other_editions_alone(root: Path) -> None:
    assert l10n(root, "build", "a")[0] == 0
    translate(root, ["a"], prefix="ESB")
    before = tree(root / "build")
    code, out, _ = l10n(root, "build", "a", "--format", "bilingual-markdown")
    assert code == 0 and out.splitlines()[1:] == ["wrote build/a/a.en-es.md"]
    after = tree(root / "build")
    assert after["a/a.en-es.md"] != before["a/a.en-es.md"]
    assert {k: v for k, v in after.items() if k != "a/a.en-es.md"} == {
        k: v for k, v in before.items() if k != "a/a.en-es.md"
    }


@pytest.mark.parametrize(
    "formats",
    [["--format", "pdf"], ["--format", "markdown", "--format", "pdf"]],
)
def test_an_unknown_format_is_a_usage_error_and_writes_nothing(
    root: Path, formats: list[str]
) -> None:
    before = tree(root)
    assert l10n(root, "build", "a", *formats) == (2, "", UNKNOWN)
    assert tree(root) == before
    assert not (root / "build").exists()


def test_no_format_at_all_is_refused(root: Path) -> None:
    with pytest.raises(UsageError, match=r"^no format to build$"):
        build(Workspace.open(root), ["a"], "es", formats=())
    assert not (root / "build").exists()


def test_an_archive_in_parallel_gets_only_the_format_asked_for(tmp_path: Path) -> None:
    root = translated_archive(tmp_path / "ws")
    code, _, err = l10n(root, "build", *SLUGS, "--jobs", "2", "--format", "html")
    assert (code, err) == (0, "")
    html = contents(root, "build")
    assert sorted(html) == [f"{slug}/{slug}.es.html" for slug in SLUGS]
    shutil.rmtree(root / "build")
    assert l10n(root, "build", *SLUGS, "--jobs", "1")[0] == 0
    full = contents(root, "build")
    assert len(full) == 4 * len(SLUGS)
    assert {name: full[name] for name in html} == html
