"""One very long article: ``extract`` and ``build`` (all four editions) per MB, to show growth.

``python benchmarks/big_article.py`` (``--sizes 1 5 12.5 25 50``, in MB) writes, for each size,
a workspace under ``benchmarks/out/big/<MB>/`` with one article made of the seeded archive's
bodies one after the other (``archive.py``: headings, paragraphs with links, lists, quotes,
tables, hard-wrapped paragraphs), extracts it, gives every entry a reviewed translation that
differs from its source (a few words swapped, markup kept, so reassembly and the sanitizer
do their work), and times ``toolkit.build.build`` writing the four editions. Each size runs
in a fresh process (so its peak RSS is its own). The table shows seconds per MB: linear
growth keeps that column flat. Writes ``benchmarks/out/big_article.md``.

Issue 12, item 13: before this, build was quadratic in the number of paragraphs (10k
paragraphs 5 s, 20k 17 s, 40k 62 s; 50 MB did not finish in 600 s).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

from archive import generate_article
from bench_common import (
    OUT,
    ROOT,
    fresh_dir,
    machine,
    markdown_table,
    open_workspace,
    peak_rss_mb,
    timed,
    use_repo_toolkit,
)

use_repo_toolkit()

SLUG = "big"
SWAPS = ((" the ", " el "), (" of ", " de "), (" and ", " y "), (" in ", " en "))


def write_article(root: Path, megabytes: float) -> tuple[int, int]:
    """The article of about ``megabytes`` MB; returns (bytes, blocks)."""
    target = int(megabytes * 1_000_000)
    head = (
        "---\ntitle: A very long report\nlanguage: en\npublisher: InSight Crime\n"
        "source_url: https://insightcrime.org/news/big/\nlicense: CC BY-NC 4.0\n---\n\n"
    )
    parts = [head]
    size = len(head.encode())
    index = 0
    while size < target:
        body = generate_article(index).text.split("---\n", 2)[2].strip("\n") + "\n\n"
        parts.append(body)
        size += len(body.encode())
        index += 1
    text = "".join(parts)
    (root / "articles").mkdir(parents=True, exist_ok=True)
    (root / "articles" / f"{SLUG}.md").write_text(text, encoding="utf-8")
    (root / "pyproject.toml").write_text(
        '[tool.l10n]\nsource_language = "en"\ntarget_languages = ["es"]\n', encoding="utf-8"
    )
    return len(text.encode()), text.count("\n\n")


def translate_all(root: Path) -> int:
    """Untimed: every entry reviewed, its text a little changed, its markup kept."""
    from toolkit.catalog import read_catalog, write_catalog

    ws = open_workspace(root)
    path = ws.po_path(SLUG, "es")
    catalog = read_catalog(path, ws.rel(path))
    for entry in catalog.live:
        text = entry.msgid
        for old, new in SWAPS:
            text = text.replace(old, new)
        entry.msgstr = text
        entry.fuzzy = False
    write_catalog(path, catalog, ws.rel(path))
    return len(catalog.live)


def run_size(megabytes: float) -> dict[str, Any]:
    """One size, in this process: extract, then build every edition."""
    from toolkit.build import build
    from toolkit.extract import extract

    root = fresh_dir(OUT / "big" / f"{megabytes:g}")
    size, _blocks = write_article(root, megabytes)
    ws = open_workspace(root)
    _, extract_time = timed(lambda: extract(ws, [SLUG], jobs=1))
    entries = translate_all(root)
    ws = open_workspace(root)
    results, build_time = timed(lambda: build(ws, [SLUG], "es", jobs=1))
    (result,) = results
    assert result.reviewed == result.total, "every entry is reviewed"
    editions = sum((root / name).stat().st_size for name in result.written)
    return {
        "mb": size / 1e6,
        "entries": entries,
        "extract": extract_time.wall,
        "extract_cpu": extract_time.cpu,
        "build": build_time.wall,
        "build_cpu": build_time.cpu,
        "editions_mb": editions / 1e6,
        "rss": peak_rss_mb(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=float, nargs="+", default=[1, 5, 12.5, 25, 50])
    parser.add_argument("--one", type=float, help=argparse.SUPPRESS)  # child process
    args = parser.parse_args(argv)
    if args.one is not None:
        print(json.dumps(run_size(args.one)))
        return 0
    header = machine()
    rows = []
    for mb in args.sizes:
        done = subprocess.run(
            [sys.executable, __file__, "--one", str(mb)],
            capture_output=True,
            text=True,
            check=True,
            cwd=ROOT,
        )
        r = json.loads(done.stdout.strip().splitlines()[-1])
        rows.append(
            [
                f"{r['mb']:.1f}",
                f"{r['entries']:,}",
                f"{r['extract']:.1f} s ({r['extract'] / r['mb']:.2f} s/MB)",
                f"{r['build']:.1f} s ({r['build'] / r['mb']:.2f} s/MB; CPU {r['build_cpu']:.1f} s)",
                f"{r['editions_mb']:.0f} MB",
                f"{r['rss']:.0f} MB",
            ]
        )
        print(" | ".join(rows[-1]), flush=True)
    table = markdown_table(
        ["article MB", "entries", "extract", "build, 4 editions", "editions written", "peak RSS"],
        rows,
    )
    report = f"{table}\n\n{header}; one process (`--jobs 1`).\n"
    (OUT / "big_article.md").write_text(report, encoding="utf-8")
    print(report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
