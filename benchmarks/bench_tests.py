"""The timings that used to sit in unit tests, as ratios against a baseline of the same run.

``python benchmarks/bench_tests.py [--repeat 3]`` (about a minute on a quiet machine). The unit
tests keep the behaviour (what is extracted, which error is raised); how long it takes is
measured here, where a loaded machine makes a figure slower but never a test red:

- a hard-wrapped paragraph of 8,000 lines, link titles and code spans broken over two
  (tests/test_segment.py), against one of 800: ``l10n extract``'s CPU time per line. Linear is
  1x; the quadratic joining of issue 12 gave about 10x.
- one paragraph of 1 MB of long sentences, ``--unit sentence`` (tests/test_bad_input.py,
  ``megabyte-sentences``), against 100 kB of the same: CPU time per MB. Before the fix it took
  hours.
- a worker of ``ordered_map`` that dies (tests/test_parallel.py) against a run that
  completes: the wall time to the error against that of the whole run on two workers.
  Noticing the death must not wait for anything longer than the run itself.

Prints a table (and writes ``benchmarks/out/bench_tests.md``) with the load average before
and after; each figure is the median of ``--repeat`` runs.
"""

from __future__ import annotations

import argparse
import os
import statistics
import textwrap
import time
from collections.abc import Callable
from pathlib import Path

from bench_common import OUT, fresh_dir, machine, markdown_table, use_repo_toolkit

use_repo_toolkit()

GOALS = {"hard-wrapped paragraph": 2.0, "megabyte sentences": 2.0, "dead worker": 1.5}


def _median_seconds(
    run: Callable[[], object], repeat: int, clock: Callable[[], float] = time.perf_counter
) -> float:
    times = []
    for _ in range(repeat):
        start = clock()
        run()
        times.append(clock() - start)
    return statistics.median(times)


def _workspace(root: Path, body: str, unit: str) -> Path:
    fresh_dir(root)
    (root / "articles").mkdir()
    (root / "articles" / "big.md").write_text(f"---\ntitle: Big\n---\n\n{body}\n", "utf-8")
    (root / "pyproject.toml").write_text(f'[tool.l10n]\nunit = "{unit}"\n', "utf-8")
    return root


def _extract_seconds(root: Path, repeat: int) -> float:
    from toolkit.config import Workspace
    from toolkit.extract import extract

    def run() -> None:
        fresh_dir(root / "locales")  # a first extract each time, not an update
        extract(Workspace.open(root), None, jobs=1)

    # CPU time of this one process (jobs=1): what a loaded machine changes least.
    return _median_seconds(run, repeat, time.process_time)


def hard_wrapped(lines: int) -> str:
    row = 'Text with a [link](/u "a\ntitle") and `code\nspan` and more words here.'
    return "\n".join([row] * (lines // 3))


def bench_hard_wrapped(repeat: int) -> tuple[float, float]:
    """Seconds per line for 800 and 8,000 lines."""
    out = []
    for lines in (800, 8_000):
        root = _workspace(OUT / "bench_tests" / f"wrapped{lines}", hard_wrapped(lines), "paragraph")
        out.append(_extract_seconds(root, repeat) / lines)
    return out[0], out[1]


def megabyte(size: int) -> str:
    from tests.test_bad_input import long_sentences

    text = " ".join(long_sentences(size))
    return "\n".join(textwrap.wrap(text, 72, break_on_hyphens=False)).replace('"Case ', '"Case\n')


def bench_megabyte(repeat: int) -> tuple[float, float]:
    """Seconds per MB for 100 kB and 1 MB, sentence unit."""
    out = []
    for size in (100_000, 1_000_000):
        root = _workspace(OUT / "bench_tests" / f"sentences{size}", megabyte(size), "sentence")
        out.append(_extract_seconds(root, 1 if size > 100_000 else repeat) / (size / 1e6))
    return out[0], out[1]


def _die_at_5(n: int) -> int:
    if n == 5:
        os._exit(1)
    return n


def _same(n: int) -> int:
    return n


def bench_dead_worker(repeat: int) -> tuple[float, float]:
    """Seconds of a whole 40-item run on two workers, and to the error of a dead worker."""
    from toolkit.errors import ToolkitError
    from toolkit.parallel import ordered_map

    def whole() -> None:
        assert list(ordered_map(_same, range(40), jobs=2)) == list(range(40))

    def dies() -> None:
        try:
            list(ordered_map(_die_at_5, range(40), jobs=2))
        except ToolkitError:
            return
        raise AssertionError("the dead worker went unnoticed")

    return _median_seconds(whole, repeat), _median_seconds(dies, repeat)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    header = machine()
    rows: list[tuple[str, str, str, float]] = []
    small, big = bench_hard_wrapped(args.repeat)
    rows.append(
        (
            "hard-wrapped paragraph",
            f"{small * 1e6:.0f} µs CPU/line (800 lines)",
            f"{big * 1e6:.0f} µs CPU/line (8,000 lines)",
            big / small,
        )
    )
    small, big = bench_megabyte(args.repeat)
    rows.append(
        (
            "megabyte sentences",
            f"{small:.2f} s CPU/MB (100 kB)",
            f"{big:.2f} s CPU/MB (1 MB)",
            big / small,
        )
    )
    whole, dies = bench_dead_worker(args.repeat)
    rows.append(
        (
            "dead worker",
            f"{whole * 1e3:.0f} ms (whole run)",
            f"{dies * 1e3:.0f} ms (to the error)",
            dies / whole,
        )
    )
    table = markdown_table(
        ["what", "baseline", "measured", "ratio (goal)"],
        [[w, b, m, f"{r:.2f}x (< {GOALS[w]}x)"] for w, b, m, r in rows],
    )
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    report = f"{table}\n\n{header}; load average {load} at the end.\n"
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "bench_tests.md").write_text(report, encoding="utf-8")
    print(report)
    return 0 if all(r < GOALS[w] for w, _, _, r in rows) else 1


if __name__ == "__main__":
    raise SystemExit(main())
