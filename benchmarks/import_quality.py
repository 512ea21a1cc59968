"""Extraction quality of ``l10n import`` on the fixture pages, for trafilatura's three modes.

The reference is each fixture's golden file (``tests/pages/NAME.expected.md``, what the
import gives today, checked by eye) less the blocks a careful editor would also have
removed, listed in ``FURNITURE`` below: furniture the import still keeps. For
each mode (``favor_precision``, the balanced default, ``favor_recall``) the imported body
is compared with the expected body: word precision and recall (the multiset of words, as
article-extraction benchmarks score), and whether the whole body is the same, block for
block. Run: ``PYTHONPATH=. .venv/bin/python benchmarks/import_quality.py``.
"""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
from collections import Counter
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.test_import import FIXTURES, PAGES, golden  # noqa: E402
from toolkit.config import Workspace  # noqa: E402
from toolkit.importer.run import read_page  # noqa: E402
from toolkit.importer.source import read_source  # noqa: E402

MODES = {
    "favor_precision": {"favor_precision": True},
    "balanced (ours)": {},
    "favor_recall": {"favor_recall": True},
}
_WORD = re.compile(r"\w+")
# Blocks of the golden files that are site furniture the import did not recognize.
FURNITURE = {
    "ads-pullquotes.html": [
        "### Support local journalism",
        "Subscribe today for unlimited access to The Harbor Ledger. Cancel anytime.",
        "[Subscribe](https://harborledger.example/subscribe/)",
    ],
    "liveblog.html": ["## Key events"],
}


def reference(name: str) -> str:
    blocks = golden(name).read_text("utf-8").split("\n---\n", 1)[1].strip().split("\n\n")
    for furniture in FURNITURE.get(name, []):
        blocks.remove(furniture)  # ValueError if the golden file no longer has it
    return "\n\n".join(blocks)


def words(markdown: str) -> Counter[str]:
    text = re.sub(r"\]\([^)]*\)", "]", markdown)  # link targets are not words of the text
    return Counter(w.lower() for w in _WORD.findall(text))


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copy(REPO / "pyproject.toml", Path(tmp) / "pyproject.toml")
        ws = Workspace.open(Path(tmp))
        print("| mode | fixture | word precision | word recall | body as expected |")
        print("|---|---|---|---|---|")
        for mode, options in MODES.items():
            totals = Counter[str]()
            exact = 0
            for name in sorted(FIXTURES):
                expected = reference(name)
                page = read_page(
                    read_source(str(PAGES / name)), None, ws.config.import_profile, options
                )
                got = "\n\n".join(b.markdown for b in page.blocks)
                want, have = words(expected), words(got)
                common = sum((want & have).values())
                totals.update(common=common, have=sum(have.values()), want=sum(want.values()))
                same = got == expected
                exact += same
                print(
                    f"| {mode} | {name} | {common / max(1, sum(have.values())):.3f} "
                    f"| {common / max(1, sum(want.values())):.3f} | {'yes' if same else 'no'} |"
                )
            print(
                f"| **{mode}** | all {len(FIXTURES)} | **{totals['common'] / totals['have']:.3f}** "
                f"| **{totals['common'] / totals['want']:.3f}** | {exact} of {len(FIXTURES)} |"
            )


if __name__ == "__main__":
    main()
