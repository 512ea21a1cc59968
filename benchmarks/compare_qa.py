"""Our ``l10n check`` and translate-toolkit's ``pofilter`` on the same catalog, case by case.

Not a benchmark of speed: a table of which tool reports what on the cases issue 13 names
(start capitals, abbreviations at the end, URLs next to Markdown punctuation, numbers).
Usage: ``POFILTER=/path/to/pofilter python benchmarks/compare_qa.py`` (translate-toolkit in
a venv of its own; it is no dependency of the toolkit).
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from toolkit.catalog import parse_catalog, render_catalog
from toolkit.checks.run import check_catalog
from toolkit.entry import Catalog, Entry

# (what the case is, source, translation, the check that should speak or None)
CASES = [
    ("Apertium's capital on a list item", "a ban on spyware sales", "Una prohibición de ventas de software espía", "startcaps"),
    ("lower-case start kept", "a ban on spyware sales", "una prohibición de ventas de software espía", None),
    ("title ends with EE. UU.", "Spying in the US", "Espionaje en EE. UU.", None),
    ("sentence ends with U.S. / Estados Unidos", "It happened in the U.S.", "Ocurrió en Estados Unidos", None),
    ("end mark really dropped", "It ended.", "Terminó", "endpunc"),
    ("URL in brackets dropped", "Source: [https://example.org/a].", "Fuente: https://example.org/a.", None),
    ("URL before an em dash", "Read https://example.org/a—and more", "Lea https://example.org/a y más", None),
    ("URL before an ellipsis", "Read https://example.org/a…", "Lea https://example.org/a...", None),
    ("URL changed", "See https://example.org/a today.", "Vea https://example.org/b hoy.", "urls"),
    ("12,5 copied as is", "He got 12,5 votes", "Obtuvo 12,5 votos", None),
    ("number changed", "13 votes were cast.", "Se emitieron 12 votos.", "numbers"),
    ("Spanish thousands", "It cost 1,000 dollars.", "Costó 1.000 dólares.", None),
    ("the pseudo engine's old padding `~~`", "Hmm.", "[Ĥṁṁ.~~]", "markup"),
]  # fmt: skip


def catalog() -> Catalog:
    header = {
        "Content-Type": "text/plain; charset=UTF-8",
        "Language": "es",
        "Plural-Forms": "nplurals=2; plural=(n != 1);",
    }
    entries = [
        Entry(msgid=src, msgstr=tgt, msgctxt=f"case {i}")
        for i, (_, src, tgt, _) in enumerate(CASES)
    ]
    return Catalog(header=header, entries=entries)


def ours(path: Path) -> dict[int, set[str]]:
    cat = parse_catalog(path.read_text(encoding="utf-8"), path.name)
    found: dict[int, set[str]] = {}
    report = check_catalog(cat, path.name, source_lang="en", target_lang="es")
    by_line = {e.line: int((e.msgctxt or "case -1").split()[1]) for e in cat.entries}
    for f in report.findings:
        found.setdefault(by_line[f.line], set()).add(f.check)
    return found


def theirs(pofilter: str, path: Path, out: Path) -> dict[int, set[str]]:
    subprocess.run(
        [pofilter, "--language=es", "--nofuzzy", "-i", str(path), "-o", str(out)],
        check=True, capture_output=True,
    )  # fmt: skip
    found: dict[int, set[str]] = {}
    for block in out.read_text(encoding="utf-8").split("\n\n"):
        ctx = re.search(r'msgctxt "case (\d+)"', block)
        if ctx:
            found[int(ctx.group(1))] = set(re.findall(r"# \(pofilter\) (\w+):", block))
    return found


def main() -> None:
    pofilter = os.environ.get("POFILTER", "pofilter")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "cases.po"
        path.write_text(render_catalog(catalog()), encoding="utf-8")
        mine, other = ours(path), theirs(pofilter, path, Path(tmp) / "out.po")
    print("| case | should report | l10n check | pofilter |")
    print("|---|---|---|---|")
    for i, (what, _src, _tgt, expected) in enumerate(CASES):
        a = ", ".join(sorted(mine.get(i, ()))) or "nothing"
        b = ", ".join(sorted(other.get(i, ()))) or "nothing"
        print(f"| {what} | {expected or 'nothing'} | {a} | {b} |")


if __name__ == "__main__":
    main()
