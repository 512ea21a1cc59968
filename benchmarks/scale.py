"""How the toolkit scales: extract, status, pseudo-translate and rebuild at 10, 100, 1,000 articles.

``python benchmarks/scale.py`` (``--sizes 10 100 1000 --repeat 3``) generates each archive
with ``archive.py`` under ``benchmarks/out/scale/<N>/``. ``--repeat`` rounds each run every
size once, in a fresh process (so that its peak RSS is its own), one after the other, so
that the machine's slow spells fall on every size alike; the table shows each step's median
run. It also checks that re-running extract
(and translate, when it exists) on the unchanged archive writes nothing: no file's mtime,
inode or size changes. Prints a Markdown table and writes ``benchmarks/out/scale.md``.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from archive import write_archive
from bench_common import (
    OUT,
    REBUILD_OURS,
    ROOT,
    Samples,
    Timing,
    extract_ours,
    fill_identity_ours,
    fresh_dir,
    machine,
    markdown_table,
    open_workspace,
    peak_rss_mb,
    rebuild_ours,
    status_ours,
    timed,
    translate_available,
    translate_ours,
    tree_state,
)

STEPS = ("extract", "re-extract", "status", "translate", "re-translate", "rebuild")


def run_size(articles: int, repeat: int, workdir: Path) -> dict[str, Any]:
    """Every step on an archive of ``articles``, ``repeat`` times (runs in a child process)."""
    fresh_dir(workdir)
    words = write_archive(workdir, articles)
    ws = open_workspace(workdir)
    # Import everything the steps use before measuring the baseline memory.
    import toolkit.extract
    import toolkit.markdown.blocks
    import toolkit.status  # noqa: F401

    baseline = peak_rss_mb()
    no_translate = translate_available()
    samples = {step: Samples() for step in STEPS}
    checks: list[str] = []
    locales = workdir / ws.config.locales_dir
    for _ in range(repeat):
        fresh_dir(locales)
        fresh_dir(workdir / ws.config.build_dir)
        written, timing = timed(lambda: extract_ours(ws, 1))
        samples["extract"].add(timing)
        checks.append(_expect(written == 2 * articles, f"extract wrote {written} files"))
        problem, timing = _unchanged("re-extract", lambda: extract_ours(ws, 1), locales)
        samples["re-extract"].add(timing)
        checks.append(problem)
        entries, timing = timed(lambda: status_ours(ws))
        samples["status"].add(timing)
        if no_translate is None:
            _, timing = timed(lambda: translate_ours(ws))
            samples["translate"].add(timing)
            problem, timing = _unchanged("re-translate", lambda: translate_ours(ws), locales)
            samples["re-translate"].add(timing)
            checks.append(problem)
            problem, _ = _unchanged("extract after translate", lambda: extract_ours(ws, 1), locales)
            checks.append(problem)
        # Untimed: reviewed translations (msgstr = msgid) for every entry, as in compare.py;
        # machine translations are fuzzy, and editions leave fuzzy entries out.
        fill_identity_ours(ws)
        _, timing = timed(lambda: rebuild_ours(ws, 1))
        samples["rebuild"].add(timing)
    return {
        "articles": articles,
        "words": words,
        "entries": entries,
        "baseline_rss": baseline,
        "peak_rss": peak_rss_mb(),
        "no_translate": no_translate,
        "checks": sorted({c for c in checks if c}),
        "steps": {step: [t.__dict__ for t in s.runs] for step, s in samples.items() if s.runs},
    }


def _expect(ok: bool, problem: str) -> str:
    return "" if ok else problem


def _unchanged(label: str, step: Callable[[], object], folder: Path) -> tuple[str, Timing]:
    """Run ``step`` on unchanged input: a problem message if it wrote anything, and its time."""
    before = tree_state(folder)
    result, timing = timed(step)
    after = tree_state(folder)
    changed = sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
    reported = result if isinstance(result, int) else 0
    if changed or reported:
        problem = f"{label} on an unchanged archive changed {len(changed)} files: {changed[:3]}"
        return problem, timing
    return "", timing


def _child(args: argparse.Namespace) -> int:
    result = run_size(args.child, args.repeat, args.out / "scale" / str(args.child))
    print(json.dumps(result))
    return 0


def _ms(t: Timing, articles: int) -> str:
    per_article = 1000 / articles
    cell = f"{t.wall:.2f} s, {t.wall * per_article:.1f} ms/art. (CPU {t.cpu * per_article:.1f} ms"
    if t.fsync_calls:
        cell += f"; fsync wait {t.fsync_wall:.2f} s"
    return cell + ")"


def _per_article(result: dict[str, Any], step: str, attr: str) -> float:
    timing = Samples([Timing(**t) for t in result["steps"][step]]).median
    return float(getattr(timing, attr)) / int(result["articles"])


def report(results: list[dict[str, Any]], repeat: int, started: str) -> str:
    base = results[0]
    headers = [
        "articles",
        "words",
        "entries",
        "extract",
        "re-extract, unchanged",
        "status",
        "pseudo-translate",
        "rebuild",
        "peak RSS (x smallest)",
    ]
    rows = []
    for r in results:
        n = r["articles"]
        med = {k: Samples([Timing(**t) for t in v]).median for k, v in r["steps"].items()}
        ext = med["extract"]
        translate = _ms(med["translate"], n) if "translate" in med else "skipped¹"
        rows.append(
            [
                f"{n:,}",
                f"{r['words']:,}",
                f"{r['entries']:,}",
                _ms(ext, n),
                _ms(med["re-extract"], n) + ", 0 written" if not r["checks"] else "FAILED",
                _ms(med["status"], n),
                translate,
                _ms(med["rebuild"], n),
                f"{r['peak_rss']:.0f} MB ({r['peak_rss'] / base['peak_rss']:.2f}x)",
            ]
        )
    first, mid, last = results[0], results[len(results) // 2], results[-1]
    growth = []
    for step in ("extract", "re-extract", "status", "rebuild"):
        ratios = [
            f"{_per_article(last, step, attr) / _per_article(mid, step, attr):.2f}"
            for attr in ("cpu", "wall")
        ]
        growth.append(f"{step} {ratios[0]} ({ratios[1]})")
    mem_a = first["peak_rss"] - first["baseline_rss"]
    mem_b = last["peak_rss"] - last["baseline_rss"]
    notes = [
        f"Median (by wall time) of {repeat} rounds; each round runs every size once, in a "
        f"fresh process, one size after the other; {started}. CPU = user + system time per "
        "article.",
        f"Linear growth: per-article CPU time at {last['articles']:,} articles divided by "
        f"per-article CPU time at {mid['articles']:,} (wall time in brackets; 1.00 = "
        f"linear): {', '.join(growth)}. The smallest archive carries one-time costs "
        "(first parse, Babel's locale data). Wall time includes waiting for the disk in "
        "fsync, which other processes on this machine make noisy; CPU time does not.",
        f"Peak RSS above the process's after-import baseline: {mem_a:.0f} MB at "
        f"{first['articles']:,} articles, {mem_b:.0f} MB at {last['articles']:,}.",
        "Every step runs in one process (`jobs=1`, the CLI's `--jobs 1`), so that CPU per "
        "article compares across sizes; `compare.py` times the default, every core.",
        "extract: `toolkit.extract.extract(ws, None, jobs=1)` on a workspace without "
        "catalogs; writes locales/<slug>.pot and locales/es/<slug>.po per article, all or "
        "nothing, each atomically (temporary file on disk, rename, the folder on disk).",
        "re-extract: the same call again on the unchanged archive; verified to write nothing "
        "(no file's mtime, inode or size changed)."
        if not any(r["checks"] for r in results)
        else "re-extract: FAILED: " + "; ".join(c for r in results for c in r["checks"]),
        "status: `toolkit.status.status(ws, None, 'es')` (reads every .po with polib).",
        REBUILD_OURS + "; from catalogs with every msgstr set to its msgid (reviewed).",
    ]
    skipped = {r["no_translate"] for r in results if r["no_translate"]}
    if skipped:
        notes.append(
            "¹ pseudo-translate skipped: "
            + "; ".join(sorted(skipped))
            + " (the script calls `toolkit.translate.translate(ws, slugs, 'es', 'pseudo', "
            "EngineOptions())` as soon as it exists)."
        )
    return markdown_table(headers, rows) + "\n\n" + "\n".join(f"- {n}" for n in notes) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 100, 1000])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--child", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        return _child(args)
    env = dict(
        os.environ,
        PYTHONPATH=os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH", "")) if p),
    )
    started = machine()
    # Rounds: each runs every size once, in a fresh process, one after the other, so that a
    # slow spell of the machine falls on every size alike; each step's runs are pooled.
    by_size: dict[int, dict[str, Any]] = {}
    for round_number in range(1, args.repeat + 1):
        for size in args.sizes:
            print(f"scale: round {round_number}, {size} articles ...", file=sys.stderr, flush=True)
            argv_child = [
                sys.executable,
                __file__,
                "--child",
                str(size),
                "--repeat",
                "1",
                "--out",
                str(args.out),
            ]
            done = subprocess.run(argv_child, env=env, capture_output=True, text=True, check=False)
            if done.returncode != 0:
                print(done.stderr, file=sys.stderr)
                return 1
            one = json.loads(done.stdout.strip().splitlines()[-1])
            pooled = by_size.setdefault(size, one)
            if pooled is not one:
                for step, runs in one["steps"].items():
                    pooled["steps"].setdefault(step, []).extend(runs)
                pooled["checks"] = sorted(set(pooled["checks"]) | set(one["checks"]))
                pooled["peak_rss"] = max(pooled["peak_rss"], one["peak_rss"])
                pooled["baseline_rss"] = min(pooled["baseline_rss"], one["baseline_rss"])
    results = [by_size[size] for size in args.sizes]
    text = "## Scale\n\n" + report(results, args.repeat, started)
    args.out.mkdir(parents=True, exist_ok=True)
    (args.out / "scale.md").write_text(text, encoding="utf-8")
    print(text)
    return 1 if any(r["checks"] for r in results) else 0


if __name__ == "__main__":
    raise SystemExit(main())
