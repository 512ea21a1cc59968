"""An archive of small articles: enough of them for extract and build to use worker processes."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import make_workspace
from toolkit.catalog import load_catalog, write_catalog
from toolkit.config import Workspace
from toolkit.extract import extract
from toolkit.parallel import MIN_PARALLEL

COUNT = 20  # articles: more than MIN_PARALLEL, so a run with jobs != 1 forks its workers
assert COUNT >= MIN_PARALLEL


def article(n: int) -> str:
    """A different article per number, so that a result filed under the wrong slug shows."""
    return f"""---
title: "Article {n}"
publisher: Example News
source_url: https://example.org/news/{n}
---

# Section {n}

The first paragraph of article {n}, with *emphasis* and a [link](https://example.org/{n}).

- An item that counts {n} cases.
- Another item.
"""


def slug(n: int) -> str:
    return f"a{n:02d}"


SLUGS = [slug(n) for n in range(COUNT)]


def make_archive(root: Path, config: str = "") -> Path:
    """A workspace of ``COUNT`` articles, nothing extracted yet."""
    return make_workspace(root, {slug(n): article(n) for n in range(COUNT)}, config)


def translate(
    root: Path, slugs: list[str], reviewed: int | None = None, prefix: str = "ES"
) -> None:
    """Fill the Spanish catalogs: every entry, or only the first ``reviewed`` of each."""
    for name in slugs:
        shown = f"locales/es/{name}.po"
        catalog = load_catalog(root / shown, shown).catalog
        for n, entry in enumerate(catalog.live):
            entry.msgstr = f"{prefix} {entry.msgid}" if reviewed is None or n < reviewed else ""
        write_catalog(root / shown, catalog, shown)


def translated_archive(root: Path) -> Path:
    """An archive extracted (in this process) and fully translated: ready to build."""
    make_archive(root)
    extract(Workspace.open(root), None, jobs=1)
    translate(root, SLUGS)
    return root


def tree(root: Path) -> dict[str, tuple[bytes, int]]:
    """Every file under ``root`` (hidden ones too) with its bytes and mtime: to see a write."""
    return {
        p.relative_to(root).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


def folders(root: Path) -> list[str]:
    return sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_dir())


def contents(root: Path, under: str) -> dict[str, bytes]:
    """The files under ``root/under`` by path relative to it, bytes only."""
    base = root / under
    return {p.relative_to(base).as_posix(): p.read_bytes() for p in base.rglob("*") if p.is_file()}
