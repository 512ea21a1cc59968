"""How long ``l10n --help`` takes, against a bare ``python -c pass`` in the same run.

Run: ``.venv/bin/python benchmarks/bench_startup.py``. The target is well under half a
second; the ratio to the interpreter's own start-up shows what the toolkit adds.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time


def best_of(command: list[str], runs: int = 15) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(command, capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    bare = best_of([sys.executable, "-c", "pass"])
    helped = best_of([sys.executable, "-m", "toolkit", "--help"])
    print(f"python -c pass      {bare * 1000:7.1f} ms")
    print(f"l10n --help         {helped * 1000:7.1f} ms  ({helped / bare:.1f}x the interpreter)")


if __name__ == "__main__":
    main()
