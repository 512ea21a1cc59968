"""Benchmark: ``l10n translate --engine argos`` here vs on a Dask cluster, and what dedup saves.

In one run, on one seeded archive (``archive.py`` articles plus realistic repetition, below),
with the base-size copy model (tests/argos_model.py; beam 4, int8):

1. local: the fast path in this process, ``--threads 1`` (one core);
2. Dask, 1 worker: ``dask scheduler`` and one ``dask worker --nthreads 1`` on 127.0.0.1, the
   same command with ``--scheduler`` (the worker's engine also ``--threads 1``);
3. Dask, 2 workers: a second worker joins; same command on a fresh copy of the archive;
4. dedup: the engine's time over every sentence occurrence of the archive vs over the
   distinct sentences only (what the pipeline sends), same model, same process.

Every worker and the local run use one core each, so that "2 workers" means twice the
hardware of "1 worker" on this 2-core machine: that is what a second machine adds. The
catalogs of the three runs must be byte-identical (checked). Goals, printed with the
ratios: 2 workers >= 1.7x the speed of 1 worker; 1 worker <= 1.15x the time of local.

Repetition (the assumption behind the dedup figure): each article ends with one of three
standard closing paragraphs of the publisher; 30% of articles are follow-ups that repeat one
paragraph (a quote, a background paragraph) of one of the five articles before them; and
``archive.py``'s analysis headings recur as they do.

Usage: ``python benchmarks/bench_cluster.py [--articles 40] [--model FILE]``. Prints the
load average before and after: on a busy machine the ratios are noise.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))  # ahead of argostranslate's own top-level `tests` package
sys.path.insert(1, str(REPO / "benchmarks"))

CLOSINGS = (
    "InSight Crime is a think tank dedicated to the study of organized crime in the Americas.",
    "This article is part of a series on surveillance and organized crime. Read the full "
    "investigation on our website.",
    "Support our work: InSight Crime is an independent, non-profit newsroom.",
)
FOLLOW_UP_RATE = 0.3


def repetitive_archive(root: Path, articles: int, seed: int) -> list[str]:
    """``archive.py``'s articles, plus closings and follow-ups; returns the slugs."""
    from archive import generate_article, write_archive

    write_archive(root, articles, seed)
    rng = random.Random(seed)
    generated = [generate_article(i, seed) for i in range(articles)]
    for i, art in enumerate(generated):
        extra = []
        if i and rng.random() < FOLLOW_UP_RATE:
            earlier = generated[rng.randint(max(0, i - 5), i - 1)]
            paragraphs = [
                b for b in earlier.text.split("\n\n")[1:] if b[:1].isalpha() and "\n" not in b
            ]
            if paragraphs:
                extra.append(rng.choice(paragraphs))
        extra.append(rng.choice(CLOSINGS))
        path = root / "articles" / f"{art.slug}.md"
        path.write_text(art.text + "\n" + "\n\n".join(extra) + "\n", encoding="utf-8")
    return [art.slug for art in generated]


def catalogs(root: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted((root / "locales" / "es").glob("*.po"))}


@contextmanager
def scheduler(work: Path, env: dict[str, str]) -> Iterator[tuple[str, Path]]:
    file = work / "scheduler.json"
    args = ["--host", "127.0.0.1", "--no-dashboard", "--port", "0", "--scheduler-file", str(file)]
    proc = _dask("scheduler", args, env, work / "scheduler.log")
    try:
        while not file.exists():
            if proc.poll() is not None:
                raise SystemExit(f"dask scheduler failed: see {work / 'scheduler.log'}")
            time.sleep(0.1)
        yield json.loads(file.read_text())["address"], file
    finally:
        _stop(proc)


def start_worker(file: Path, name: str, env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    args = ["--scheduler-file", str(file), "--host", "127.0.0.1", "--no-dashboard"]
    args += ["--nthreads", "1", "--no-nanny", "--name", name]
    return _dask("worker", args, env, log)


def _dask(kind: str, args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as out:
        command = [sys.executable, "-m", f"distributed.cli.dask_{kind}", *args]
        print("  $", " ".join(command[2:]), file=sys.stderr)
        return subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def wait_for_workers(address: str, n: int) -> None:
    import importlib

    distributed: Any = importlib.import_module("distributed")  # untyped Client
    with distributed.Client(address, set_as_default=False, timeout=60) as client:
        client.wait_for_workers(n, timeout=300)


def occurrences(ws: Any, slugs: list[str]) -> list[str]:
    """Every protected sentence the entries to fill hold, repeats included (as translate
    plans them: split, protected, only sentences with a word outside placeholders)."""
    import re

    from toolkit.catalog import load_catalog
    from toolkit.markdown.sentences import split_sentences
    from toolkit.mt.protect import TOKEN_RE, Protector

    letter = re.compile(r"[^\W\d_]")
    protector = Protector([])
    texts: list[str] = []
    for slug in slugs:
        path = ws.po_path(slug, "es")
        for entry in load_catalog(path, slug).catalog.live:
            if entry.translated or not entry.msgid.strip():
                continue
            for sentence, _ in split_sentences(entry.msgid, "en"):
                text = protector.protect(sentence).text
                if letter.search(TOKEN_RE.sub("", text)):
                    texts.append(text)
    return texts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=40)
    parser.add_argument("--seed", type=int, default=20170619)
    parser.add_argument("--beam", type=int, default=4)
    parser.add_argument("--model", type=Path, help="a prebuilt base .argosmodel (else built)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-cluster-") as tmp:
        return run(args, Path(tmp))


def run(args: argparse.Namespace, work: Path) -> int:
    env_vars = {name: str(work / name.lower()) for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME")}
    env_vars["XDG_CACHE_HOME"] = str(work / "xdg_cache_home")
    env_vars["ARGOS_PACKAGES_DIR"] = str(work / "packages")
    os.environ.update(env_vars)
    env = {**os.environ, "PYTHONPATH": str(REPO)}

    from tests.argos_model import build_argosmodel
    from toolkit.config import Workspace
    from toolkit.extract import extract
    from toolkit.models import install_model
    from toolkit.mt.argos import ArgosEngine
    from toolkit.mt.base import EngineOptions
    from toolkit.translate import translate

    model_file = args.model or build_argosmodel(work / "base.argosmodel", base=True)
    info = install_model(model_file)
    base = work / "archive"
    slugs = repetitive_archive(base, args.articles, args.seed)
    extract(Workspace.open(base), None)
    copies = {}
    for name in ("local", "dask1", "dask2"):
        copies[name] = work / name
        shutil.copytree(base, copies[name])
    options = EngineOptions(beam_size=args.beam, inter_threads=1)
    load_before = os.getloadavg()
    started = time.strftime("%H:%M:%S UTC", time.gmtime())

    timings: dict[str, float] = {}
    reports: dict[str, Any] = {}
    logs = work / "logs"
    logs.mkdir()

    def timed_run(name: str, address: str | None) -> None:
        t0 = time.perf_counter()
        reports[name] = translate(
            Workspace.open(copies[name]), slugs, "es", "argos", options, scheduler=address
        )
        timings[name] = time.perf_counter() - t0

    timed_run("local", None)
    with scheduler(work, env) as (address, file):
        workers = [start_worker(file, "w0", env, logs / "w0.log")]
        try:
            wait_for_workers(address, 1)
            timed_run("dask1", address)
            workers.append(start_worker(file, "w1", env, logs / "w1.log"))
            wait_for_workers(address, 2)
            timed_run("dask2", address)
        finally:
            for proc in workers:
                _stop(proc)

    same = catalogs(copies["local"]) == catalogs(copies["dask1"]) == catalogs(copies["dask2"])
    assert same, "the cluster runs wrote different catalogs than the local run"

    # Dedup: the engine over every occurrence vs over the distinct sentences.
    every = occurrences(Workspace.open(base), slugs)
    distinct = list(dict.fromkeys(every))
    engine = ArgosEngine(options)
    engine.load("en", "es")
    model = engine._loaded[("en", "es")]  # the engine's own call, without its line dedup
    t0 = time.perf_counter()
    engine._translate(model, every)
    all_s = time.perf_counter() - t0
    t0 = time.perf_counter()
    engine._translate(model, distinct)
    distinct_s = time.perf_counter() - t0
    load_after = os.getloadavg()

    local = reports["local"]
    entries = local.filled
    print(f"model: {info.describe()} (base-size copy model, int8), beam {args.beam}")
    print(
        f"archive: {args.articles} articles (archive.py seed {args.seed} + closings and "
        f"{FOLLOW_UP_RATE:.0%} follow-ups), {entries} entries, {local.segments} distinct "
        f"sentences sent ({local.deduplicated} repeats not sent)"
    )
    print(f"machine: {os.cpu_count()} cores; started {started}")
    print(
        "load average (1, 5, 15 min): "
        + ", ".join(f"{x:.1f}" for x in load_before)
        + " before -> "
        + ", ".join(f"{x:.1f}" for x in load_after)
        + " after"
    )
    print("every run: one core per engine (--threads 1; workers --nthreads 1)")
    print()
    print(f"{'':<28} {'wall s':>7} {'sentences/s':>12}")
    labels = {"local": "local fast path", "dask1": "Dask, 1 worker", "dask2": "Dask, 2 workers"}
    for name, label in labels.items():
        print(f"{label:<28} {timings[name]:>7.1f} {local.segments / timings[name]:>12.1f}")
    speedup = timings["dask1"] / timings["dask2"]
    overhead = timings["dask1"] / timings["local"]
    print()
    print(f"2 workers vs 1 worker: {speedup:.2f}x faster (goal >= 1.7x) " + _ok(speedup >= 1.7))
    print(f"1 worker vs local: {overhead:.2f}x the time (goal <= 1.15x) " + _ok(overhead <= 1.15))
    print("catalogs: byte-identical in the three runs")
    print(
        f"dedup: {len(every)} sentence occurrences, {len(distinct)} distinct "
        f"({1 - len(distinct) / len(every):.0%} repeats); engine {all_s:.1f} s over all vs "
        f"{distinct_s:.1f} s over distinct: {all_s / distinct_s:.2f}x"
    )
    # Amdahl: the client's own work (read, plan, restore, write) stays serial; the engine's
    # share divides over the workers, each added one adding what the second one added.
    client_s = timings["local"] - local.engine_seconds
    gain = 1 + 9 * max(0.0, speedup - 1)
    ten = client_s + (timings["dask1"] - client_s) / gain
    print(
        f"10 machines, by extrapolation: ~{timings['dask1'] / ten:.1f}x one worker, "
        f"~{local.segments / ten:.0f} sentences/s. Assumed: each added worker adds what the "
        f"second added here ({speedup - 1:.2f} of one), and the client's own work "
        f"({client_s:.1f} s here: read, split, protect, restore, write) stays on one core"
    )
    return 0


def _ok(met: bool) -> str:
    return "[met]" if met else "[NOT met]"


if __name__ == "__main__":
    raise SystemExit(main())
