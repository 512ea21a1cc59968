"""``l10n build``: the completeness gate, its exit code and message, and all-or-nothing writes."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from toolkit.catalog import write_catalog
from toolkit.cli import app
from toolkit.entry import Catalog, Entry

ARTICLE = """---
title: "Title"
publisher: Example News
source_url: https://example.org/a
---

One.

Two.

Three.
"""


# What extract writes and msgfmt needs: without it, build warns (the validity check).
HEADER = {
    "Language": "es",
    "Content-Type": "text/plain; charset=UTF-8",
    "Plural-Forms": "nplurals=2; plural=(n != 1);",
}


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


def workspace(root: Path, slug: str = "a", reviewed: int = 4, fuzzy: int = 0) -> Path:
    """An article of four entries: ``reviewed`` translated, then ``fuzzy``, then empty."""
    (root / "articles").mkdir(parents=True, exist_ok=True)
    (root / "articles" / f"{slug}.md").write_text(ARTICLE, encoding="utf-8")
    entries = []
    for n, msgid in enumerate(["Title", "One.", "Two.", "Three."]):
        entry = Entry(msgid)
        if n < reviewed + fuzzy:
            entry.msgstr = f"ES {msgid}"
            entry.fuzzy = n >= reviewed
        entries.append(entry)
    catalog = Catalog(header=dict(HEADER), entries=entries)
    write_catalog(root / "locales" / "es" / f"{slug}.po", catalog, "po")
    return root


def test_gate_refuses_below_80_percent_and_writes_nothing(tmp_path: Path) -> None:
    root = workspace(tmp_path, reviewed=3)
    code, out, err = run("--root", str(root), "build", "a", "--lang", "es")
    assert code == 3
    assert out == ""
    assert err == (
        "Error: locales/es/a.po: 75.0% of entries translated and reviewed (3 of 4), "
        "below the 80% threshold; nothing written\n"
    )
    assert not (root / "build").exists()


def test_fuzzy_does_not_count_even_when_included(tmp_path: Path) -> None:
    root = workspace(tmp_path, reviewed=1, fuzzy=3)
    code, _, err = run("--root", str(root), "build", "a", "--lang", "es", "--include-fuzzy")
    assert code == 3
    assert "25.0% of entries translated and reviewed (1 of 4)" in err
    assert not (root / "build").exists()


def test_threshold_from_the_option_and_from_the_config(tmp_path: Path) -> None:
    root = workspace(tmp_path, reviewed=2)
    code, out, _ = run("--root", str(root), "build", "a", "--min-translated", "50")
    assert code == 0
    assert out.splitlines()[0] == "a: 2 of 4 entries reviewed (50.0%)"
    (root / "pyproject.toml").write_text("[tool.l10n]\nmin_translated = 60\n", encoding="utf-8")
    code, _, err = run("--root", str(root), "build", "a")
    assert code == 3
    assert err.endswith("below the 60% threshold; nothing written\n")


def test_success_lists_the_files_then_reports_them_unchanged(tmp_path: Path) -> None:
    root = workspace(tmp_path)
    code, out, err = run("--root", str(root), "build", "a", "--lang", "es")
    assert (code, err) == (0, "")
    files = ["a.es.md", "a.es.html", "a.en-es.html", "a.en-es.md"]
    assert out.splitlines() == [
        "a: 4 of 4 entries reviewed (100.0%)",
        *(f"wrote build/a/{name}" for name in files),
    ]
    assert sorted(p.name for p in (root / "build" / "a").iterdir()) == sorted(files)
    code, out, _ = run("--root", str(root), "build", "a", "--lang", "es")
    assert out.splitlines()[1:] == [f"unchanged build/a/{name}" for name in files]


def test_one_refused_article_stops_the_whole_build(tmp_path: Path) -> None:
    workspace(tmp_path, "good")
    workspace(tmp_path, "bad", reviewed=1)
    code, _, err = run("--root", str(tmp_path), "build", "good", "bad", "--lang", "es")
    assert code == 3
    assert err.startswith("Error: locales/es/bad.po: 25.0% of entries")
    assert not (tmp_path / "build").exists()


def test_a_refusal_leaves_a_previous_edition_alone(tmp_path: Path) -> None:
    root = workspace(tmp_path)
    assert run("--root", str(root), "build", "a")[0] == 0
    before = (root / "build" / "a" / "a.es.html").read_bytes()
    workspace(tmp_path, reviewed=0)
    assert run("--root", str(root), "build", "a")[0] == 3
    assert (root / "build" / "a" / "a.es.html").read_bytes() == before


def test_usage_errors(tmp_path: Path) -> None:
    root = workspace(tmp_path)
    code, _, err = run("--root", str(root), "build", "a", "--min-translated", "150")
    assert (code, err) == (2, "Error: --min-translated must be between 0 and 100, not 150\n")
    code, _, err = run("--root", str(root), "build", "nope")
    assert (code, err) == (2, "Error: no such article: articles/nope.md\n")
    code, _, err = run("--root", str(root), "build", "a", "--lang", "xx-invalid")
    assert code == 2
    code, out, err = run("--root", str(root), "build")
    assert code == 0 and "wrote build/a/a.es.md" in out  # every article, like extract


def test_missing_catalog(tmp_path: Path) -> None:
    root = workspace(tmp_path)
    (root / "locales" / "es" / "a.po").unlink()
    code, _, err = run("--root", str(root), "build", "a", "--lang", "es")
    assert (code, err) == (
        1,
        "Error: locales/es/a.po: no such catalog (run 'l10n extract' first)\n",
    )
