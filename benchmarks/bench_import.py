"""``l10n import`` on a 1,000-page archive against trafilatura's own ``extract``, same run.

The archive: the five fixture pages of ``tests/pages/`` (WordPress, ads and pull quotes,
live blog, table and caption, windows-1252), each copied 200 times with its headline,
address and figures numbered, so that every page is a different article. Both sides run in
this process on one core, in rounds (each round times both, alternating which goes first):

- trafilatura: ``trafilatura.extract(page_bytes, url=..., output_format="markdown",
  with_metadata=True, **the same extraction options as ours)`` per page: what a user who
  only wanted the Markdown would run;
- ours: ``toolkit.importer.run.import_pages(ws, paths, jobs=1)``: the whole of ``l10n
  import`` (read, decode, extract, our Markdown, front matter, profile, slugs, and the
  1,000 articles written atomically), into an empty ``articles/`` each round.

Each round gives a ratio (wall and CPU time of this process); the median of the
rounds' ratios is the figure. On a loaded machine the CPU ratio is the steadier one. Also timed
once: ours with one process per core (``l10n import``'s default). Goal: ours at
most 1.3x trafilatura's extraction alone. Run:
``PYTHONPATH=. .venv/bin/python benchmarks/bench_import.py [--pages 1000] [--rounds 3]``.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

import trafilatura  # noqa: E402

from toolkit.config import Workspace  # noqa: E402
from toolkit.importer.html import EXTRACT_OPTIONS  # noqa: E402
from toolkit.importer.run import import_pages  # noqa: E402

PAGES = REPO / "tests" / "pages"
FIXTURES = [
    "insightcrime-wordpress.html",
    "ads-pullquotes.html",
    "liveblog.html",
    "table-caption.html",
    "latin1-legacy.html",
]
_URL = re.compile(rb'((?:rel="canonical" href|property="og:url" content)="[^"]*?)(/?)(")')


def make_archive(folder: Path, pages: int) -> list[Path]:
    """``pages`` pages, round-robin over the fixtures, each numbered in its title and
    address (so each gets its own slug) and in its first figure of text."""
    templates = [(PAGES / name).read_bytes() for name in FIXTURES]
    paths = []
    for n in range(pages):
        data = templates[n % len(templates)]
        data = data.replace(b"<title>", f"<title>No. {n}: ".encode(), 1)
        data = data.replace(b'og:title" content="', f'og:title" content="No. {n}: '.encode(), 1)
        data = data.replace(b"<h1", f"<p>Dispatch number {n} of the archive.</p><h1".encode(), 1)
        if _URL.search(data):
            data = _URL.sub(rb"\g<1>-" + str(n).encode() + rb"\g<2>\g<3>", data)
        path = folder / f"page-{n:04d}.html"
        path.write_bytes(data)
        paths.append(path)
    return paths


def addresses(paths: list[Path]) -> list[str]:
    return [f"https://archive.example/pages/{p.stem}/" for p in paths]


Timing = tuple[float, float]  # wall seconds, CPU seconds of this process


def time_trafilatura(paths: list[Path]) -> Timing:
    options = dict(EXTRACT_OPTIONS)
    start, cpu = time.perf_counter(), time.process_time()
    for path, url in zip(paths, addresses(paths), strict=True):
        out = trafilatura.extract(
            path.read_bytes(), url=url, output_format="markdown", with_metadata=True, **options
        )
        assert out, path
    return time.perf_counter() - start, time.process_time() - cpu


def time_ours(paths: list[Path], root: Path, jobs: int) -> Timing:
    shutil.rmtree(root / "articles", ignore_errors=True)
    ws = Workspace.open(root)
    start, cpu = time.perf_counter(), time.process_time()
    results = import_pages(ws, [str(p) for p in paths], jobs=jobs)
    elapsed = time.perf_counter() - start, time.process_time() - cpu
    assert len(results) == len(paths)
    assert len(list((root / "articles").glob("*.md"))) == len(paths)
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    print(f"load average at start: {os.getloadavg()}")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "archive"
        folder.mkdir()
        root = Path(tmp) / "ws"
        root.mkdir()
        shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
        paths = make_archive(folder, args.pages)
        size = sum(p.stat().st_size for p in paths)
        print(f"{len(paths)} pages, {size / 1e6:.1f} MB")
        theirs: list[Timing] = []
        ours: list[Timing] = []
        for n in range(args.rounds):
            if n % 2 == 0:
                theirs.append(time_trafilatura(paths))
                ours.append(time_ours(paths, root, jobs=1))
            else:
                ours.append(time_ours(paths, root, jobs=1))
                theirs.append(time_trafilatura(paths))
            (tw, tc), (ow, oc) = theirs[-1], ours[-1]
            print(
                f"round {n + 1}: trafilatura {tw:.2f} s (CPU {tc:.2f} s), "
                f"ours {ow:.2f} s (CPU {oc:.2f} s); ratio {ow / tw:.2f}x wall, {oc / tc:.2f}x CPU"
            )
        parallel = time_ours(paths, root, jobs=0)
        wall = statistics.median(o[0] / t[0] for o, t in zip(ours, theirs, strict=True))
        cpu = statistics.median(o[1] / t[1] for o, t in zip(ours, theirs, strict=True))
        per_page = statistics.median(t[1] for t in theirs) / len(paths) * 1000
        print(f"trafilatura.extract: median CPU {per_page:.1f} ms/page")
        print(f"ratio ours / trafilatura, median of the rounds: {wall:.2f}x wall, {cpu:.2f}x CPU")
        print(f"ours, one process per core ({os.cpu_count()}): {parallel[0]:.2f} s wall")
        print(f"load average at end: {os.getloadavg()}")


if __name__ == "__main__":
    main()
