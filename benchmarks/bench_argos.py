"""Benchmark: the argos fast path vs argostranslate called once per entry.

Builds the base-size copy model (d_model 512, 6+6 layers, 8 heads, FFN 2048, vocabulary
padded to 32k, int8; see tests/argos_model.py), installs it into a temporary
ARGOS_PACKAGES_DIR, generates news-like one-sentence entries, and in one run measures:

* fast path: ``toolkit.mt.argos`` translating all entries in one call (defaults:
  beam 4, compute type auto, intra_threads=1, inter_threads=cores);
* CTranslate2 alone: the same loaded ``Translator``'s own ``translate_batch`` on the same
  sentences, tokenized beforehand (untimed), with the same beam, batching and decoding
  options: the physical limit of this model here. The fast path's whole run (tokenize,
  translate, detokenize, re-join) should cost at most 1.1x that (printed as the overhead);
* argostranslate: ``argostranslate.translate.translate(entry, "en", "es")`` once per entry,
  the way argos-translate-files and transpolibre call it, with its own defaults (beam 4).
  It is timed on a subset (``--subset``) after one warm-up call, because it is slow.
  Its sentence splitter is replaced by a no-op (the package has no splitting model and
  this machine cannot download one), which only makes argostranslate faster.

Usage: ``python benchmarks/bench_argos.py [--entries 500] [--subset 50] [--model FILE]
[--device auto|cpu|cuda]`` (the device of the fast path and of CTranslate2 alone;
argostranslate runs on its own default, the CPU).
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Generic, TypeVar

REPO = Path(__file__).resolve().parent.parent
T = TypeVar("T")


@dataclass
class Timing(Generic[T]):
    value: T
    wall: float
    cpu: float  # all threads of this process


def timed(fn: Callable[[], T]) -> Timing[T]:
    wall, cpu = time.perf_counter(), time.process_time()
    value = fn()
    return Timing(value, time.perf_counter() - wall, time.process_time() - cpu)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=500)
    parser.add_argument("--subset", type=int, default=50, help="entries timed for argostranslate")
    parser.add_argument("--beam", type=int, default=4)
    parser.add_argument("--model", type=Path, help="a prebuilt base .argosmodel (else built)")
    parser.add_argument("--device", default="auto", choices=("auto", "cpu", "cuda"))
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="bench-argos-") as tmp:
        return run(args, Path(tmp))


def run(args: argparse.Namespace, work: Path) -> int:
    # Before argostranslate is imported: it reads its folders from the environment once.
    for name in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME"):
        os.environ[name] = str(work / name.lower())
    os.environ["ARGOS_PACKAGES_DIR"] = str(work / "packages")
    os.environ["ARGOS_BEAM_SIZE"] = str(args.beam)
    sys.path.insert(0, str(REPO))  # ahead of argostranslate's own top-level `tests` package

    from tests.argos_model import build_argosmodel, news_sentences
    from toolkit.models import install_model
    from toolkit.mt.argos import (
        DECODING_RATIO,
        LENGTH_PENALTY,
        MIN_DECODING_LENGTH,
        ArgosEngine,
    )
    from toolkit.mt.base import EngineOptions

    started = time.perf_counter()
    model_file = args.model or build_argosmodel(work / "base.argosmodel", base=True)
    built = time.perf_counter() - started if args.model is None else 0.0
    info = install_model(model_file)
    entries = news_sentences(args.entries)
    subset = entries[: args.subset]

    engine = ArgosEngine(EngineOptions(beam_size=args.beam, device=args.device))
    load_s = timed(lambda: engine.load("en", "es")).wall
    model = engine._loaded[("en", "es")]
    # CTranslate2 alone: the fast path's own call, options and all, on pre-tokenized input.
    # Sorted by length as the fast path sorts them: its best case is the limit's too.
    pretokenized = sorted(model.tokenizer.encode(sorted(set(entries)), out_type=str), key=len)
    longest = max(len(t) for t in pretokenized)

    def ctranslate2_alone() -> int:
        results = model.translator.translate_batch(
            pretokenized,
            max_batch_size=engine.settings.max_batch_tokens,
            batch_type="tokens",
            beam_size=args.beam,
            num_hypotheses=1,
            length_penalty=LENGTH_PENALTY,
            replace_unknowns=True,
            max_decoding_length=max(MIN_DECODING_LENGTH, DECODING_RATIO * longest + 16),
        )
        return len(results)

    import argostranslate.translate as at
    from argostranslate import sbd, settings

    sbd.MiniSBDSentencizer.split_sentences = lambda self, text: [text]
    at.translate(entries[-1], "en", "es")  # warm-up: loads the CTranslate2 model

    def per_entry(part: list[str]) -> list[str]:
        return [str(at.translate(entry, "en", "es")) for entry in part]

    # argostranslate runs half before and half after the fast path, so a change in the load
    # of a shared machine during the run weighs on both sides alike.
    load_before = os.getloadavg()[0]
    half = len(subset) // 2
    slow1 = timed(lambda: per_entry(subset[:half]))
    # CTranslate2 alone before and after the fast path, halves of the load each side.
    raw1 = timed(ctranslate2_alone)
    fast = timed(lambda: engine.translate_batch(entries, "en", "es"))
    raw2 = timed(ctranslate2_alone)
    slow2 = timed(lambda: per_entry(subset[half:]))
    load_after = os.getloadavg()[0]
    slow = Timing(slow1.value + slow2.value, slow1.wall + slow2.wall, slow1.cpu + slow2.cpu)
    raw = Timing(raw1.value, (raw1.wall + raw2.wall) / 2, (raw1.cpu + raw2.cpu) / 2)

    assert fast.value == entries, "fast path did not copy its input"
    assert slow.value == fast.value[: len(subset)], "argostranslate and the fast path disagree"

    import sentencepiece

    sp = sentencepiece.SentencePieceProcessor(model_file=str(info.path / "sentencepiece.model"))
    tokens = sum(len(t) for t in sp.encode(entries)) / len(entries)
    words = sum(len(e.split()) for e in entries) / len(entries)
    cores = len(os.sched_getaffinity(0))
    print(f"model: {info.describe()} (base-size copy model, int8; built in {built:.1f} s)")
    print(f"entries: {len(entries)} sentences, {words:.1f} words / {tokens:.1f} tokens each")
    print(f"machine: {cores} cores, load average {load_before:.1f} -> {load_after:.1f}")
    print(f"beam {args.beam} on every side; outputs identical on the common entries")
    print(f"device: {engine.settings.describe()} (fast path and CTranslate2 alone)")
    print()
    header = f"{'':<40} {'entries':>7} {'wall s':>7} {'seg/s':>6} {'CPU s':>7} {'seg/CPU-s':>9}"
    print(header)
    for label, n, t in (
        ("fast path, one batch", len(entries), fast),
        ("CTranslate2 alone, pre-tokenized", len(entries), raw),
        ("argostranslate.translate per entry", len(subset), slow),
    ):
        print(
            f"{label:<40} {n:>7} {t.wall:>7.1f} {n / t.wall:>6.2f} {t.cpu:>7.1f} {n / t.cpu:>9.2f}"
        )
    print(
        f"  fast path: intra_threads 1, inter_threads {cores}, model load {load_s:.2f} s; "
        f"argostranslate: inter {settings.inter_threads}, intra {settings.intra_threads or 'auto'}"
        f", timed on the first {len(subset)} entries"
    )
    overhead = fast.wall / raw.wall
    verdict = "[met]" if overhead <= 1.1 else "[NOT met]"
    print(
        f"fast path whole run vs CTranslate2 alone: {overhead:.2f}x the time "
        f"(goal <= 1.1x) {verdict}, {fast.cpu / raw.cpu:.2f}x the CPU time; CTranslate2 "
        f"alone {raw1.wall:.1f} s before and {raw2.wall:.1f} s after the fast path, averaged"
    )
    ratio_wall = (len(entries) / fast.wall) / (len(subset) / slow.wall)
    ratio_cpu = (len(entries) / fast.cpu) / (len(subset) / slow.cpu)
    print(f"ratio: {ratio_wall:.1f}x segments/s (wall), {ratio_cpu:.1f}x per CPU-second")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
