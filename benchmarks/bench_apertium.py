"""Apertium over 100 news-like articles in one run, against one process per entry.

Run: ``PYTHONPATH=. python benchmarks/bench_apertium.py [--articles 100] [--subset 40]``

Articles of ~600 words are generated from the Pegasus article's sentences, with names,
places and numbers varied per article so that few sentences repeat (the pipeline sends an
identical sentence once, which would flatter the figures; the distinct count is printed).
The whole pipeline is timed: extract, then ``translate`` (sentence splitting, protection,
one apertium process, restoration, writing the catalogs).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from toolkit.config import Workspace
from toolkit.extract import extract
from toolkit.markdown.sentences import split_sentences
from toolkit.status import count_words
from toolkit.translate import translate

REPO = Path(__file__).resolve().parents[1]
SLUG = "mexico-pegasus-spyware"
GLOSSARY = "term,translation,note\nNSO Group,,\nPegasus,,\nInSight Crime,,\nCitizen Lab,,\nR3D,,\n"

SWAPS = {
    "Mexico": ["Colombia", "Guatemala", "Honduras", "Peru", "Ecuador", "Panama", "Venezuela"],
    "Mexican": ["Colombian", "Guatemalan", "Honduran", "Peruvian", "Ecuadorian", "Panamanian"],
    "journalists": ["reporters", "editors", "photographers", "columnists"],
    "activists": ["campaigners", "organizers", "advocates"],
    "officials": ["authorities", "officers", "agents"],
    "surveillance": ["monitoring", "surveillance", "espionage"],
    "June": ["January", "March", "April", "July", "September", "November"],
    "the New York Times": [
        "the Washington Post",
        "the Guardian",
        "Reuters",
        "the Associated Press",
    ],
    "Ricardo Martinelli": ["Juan Pérez", "Carlos Gómez", "Ana Torres", "Luis Herrera"],
    "smartphone": ["phone", "mobile phone", "laptop", "tablet", "computer"],
    "spyware": ["malware", "spyware", "spy software", "hacking software"],
    "Israeli": ["Italian", "German", "British", "Israeli", "Spanish"],
    "government": ["government", "administration", "presidency", "cabinet"],
    "technology": ["technology", "equipment", "software", "hardware"],
    "tools": ["tools", "systems", "programs", "devices"],
    "laws": ["laws", "rules", "regulations", "statutes"],
    "former": ["former", "ex-", "one-time"],
    "Colombia": ["Colombia", "Bolivia", "Chile", "Paraguay", "Uruguay"],
    "electronic": ["electronic", "digital", "online", "covert"],
}
LEADS = ["Meanwhile, ", "In addition, ", "According to the report, ", "Last year, ", "Today, "]
_NUMBER = re.compile(r"\b\d+\b")


def source_sentences() -> list[str]:
    text = (REPO / "articles" / f"{SLUG}.md").read_text(encoding="utf-8")
    body = text.split("---", 2)[2]
    paragraphs = [p.strip() for p in body.split("\n\n") if p.strip() and not p.startswith("#")]
    return [s for p in paragraphs for s, _ in split_sentences(p, "en")]


def vary(sentence: str, rng: random.Random) -> str:
    for word, options in SWAPS.items():
        if word in sentence:
            sentence = sentence.replace(word, rng.choice(options))
    sentence = _NUMBER.sub(lambda m: str(int(m[0]) + rng.randint(1, 40)), sentence)
    if rng.random() < 0.5:
        sentence = rng.choice(LEADS) + sentence[0].lower() + sentence[1:]
    return sentence


def make_article(n: int, sentences: list[str], rng: random.Random, words: int = 600) -> str:
    title = json.dumps(f"Report {n}: {vary(rng.choice(sentences)[:60], rng)}")  # valid YAML
    lines = ["---", f"title: {title}", "---", ""]
    total = 0
    while total < words:
        paragraph = " ".join(vary(rng.choice(sentences), rng) for _ in range(rng.randint(2, 4)))
        if rng.random() < 0.15:
            lines += [f"## {vary('InSight Crime Analysis of Mexico', rng)} {n}", ""]
        lines += [paragraph, ""]
        total += count_words(paragraph)
    return "\n".join(lines)


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def per_entry_processes(msgids: list[str]) -> float:
    """Seconds to translate ``msgids`` with one apertium process each (the naive way)."""
    started = time.perf_counter()
    for msgid in msgids:
        subprocess.run(
            ["apertium", "-u", "eng-spa"], input=msgid.encode(), capture_output=True, check=True
        )
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, default=100)
    parser.add_argument("--subset", type=int, default=40, help="entries for the naive run")
    args = parser.parse_args()
    if shutil.which("apertium") is None:
        print("apertium is not installed (apt-get install apertium apertium-eng-spa)")
        return 1
    rng = random.Random(20170619)
    sentences = source_sentences()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "articles").mkdir()
        (root / "pyproject.toml").write_text('[tool.l10n]\ntarget_languages = ["es"]\n')
        slugs = [f"article-{n:03d}" for n in range(args.articles)]
        for n, slug in enumerate(slugs):
            (root / "articles" / f"{slug}.md").write_text(make_article(n, sentences, rng))
        ws = Workspace.open(root)

        started = time.perf_counter()
        extract(ws, None)
        extract_s = time.perf_counter() - started
        (root / "locales" / "es" / "glossary.csv").write_text(GLOSSARY)

        from toolkit.catalog import read_catalog

        msgids = [
            e.msgid for slug in slugs for e in read_catalog(ws.po_path(slug, "es"), slug).live
        ]
        words = sum(count_words(m) for m in msgids)
        cpu = time.process_time()
        children = _children_cpu()
        report = translate(ws, slugs, "es", "apertium")
        translate_s = report.seconds
        python_cpu = time.process_time() - cpu
        apertium_cpu = _children_cpu() - children

        subset = msgids[: args.subset]
        naive_s = per_entry_processes(subset)
        naive_wps = sum(count_words(m) for m in subset) / naive_s

    one_run_wps = words / translate_s
    print(f"articles: {args.articles}, entries: {len(msgids)}, words: {words}")
    print(
        f"segments sent: {report.segments} distinct sentences "
        f"(filled {report.filled}, failed protection {report.failed})"
    )
    print(f"extract: {extract_s:.2f} s ({words / extract_s:,.0f} words/s)")
    print(
        f"translate, one apertium process: {translate_s:.2f} s -> {one_run_wps:,.0f} words/s, "
        f"{report.segments_per_second:,.0f} segments/s"
    )
    all_sentences = [x for m in dict.fromkeys(msgids) for x, _ in split_sentences(m, "en")]
    distinct = list(dict.fromkeys(all_sentences))
    sent_words = sum(count_words(x) for x in distinct)
    print(f"sentences: {len(all_sentences)}, distinct: {len(distinct)} ({sent_words} words)")
    print(
        f"  of which apertium: {report.engine_seconds:.2f} s for {sent_words} words sent "
        f"-> {sent_words / report.engine_seconds:,.0f} words/s"
    )
    print(
        f"extract + translate: {extract_s + translate_s:.2f} s -> "
        f"{words / (extract_s + translate_s):,.0f} words/s"
    )
    print(
        f"one apertium process per entry ({len(subset)} entries): {naive_s:.2f} s -> "
        f"{naive_wps:,.0f} words/s; all {len(msgids)} entries would take "
        f"~{naive_s / len(subset) * len(msgids):.0f} s ({one_run_wps / naive_wps:.0f}x slower)"
    )
    print(
        f"CPU: python {python_cpu:.2f} s, apertium processes {apertium_cpu:.2f} s; "
        f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores"
    )
    target = 10_000
    print(f"target >= {target:,} words/s: {'met' if one_run_wps >= target else 'NOT met'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
