"""Extraction quality of ``l10n import`` on the fixture pages, option by option.

The reference is each fixture's golden file (``tests/pages/NAME.expected.md``: the article
and nothing else, checked by eye). For each option set (trafilatura's three modes, with and
without the toolkit's generic furniture rules of ``toolkit/importer/furniture.py``, with and
without the site profile, and trafilatura's own ``prune_xpath`` given the same kind of
names) every fixture is imported and compared with its reference, block for block: the
blocks kept that the article does not have (furniture), the article's blocks lost, and word
precision and recall (the multiset of words, as article-extraction benchmarks score). Run:
``PYTHONPATH=. .venv/bin/python benchmarks/import_quality.py [--blocks]`` (``--blocks``
also prints the first words of each block kept or lost).
"""

from __future__ import annotations

import re
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from tests.test_import import FIXTURES, PAGES, golden  # noqa: E402
from toolkit.config import Workspace  # noqa: E402
from toolkit.importer.profile import Profile  # noqa: E402
from toolkit.importer.run import read_page  # noqa: E402
from toolkit.importer.source import read_source  # noqa: E402

# Furniture named the way the generic rules name it, as trafilatura's prune_xpath takes it
# (XPath 1.0, applied without trafilatura's over-pruning guard).
PRUNE_XPATH = [
    "//*[contains(@class, 'paywall') or contains(@class, 'subscribe')"
    " or contains(@data-qa, 'subscribe') or contains(@data-gu-name, 'key-events')"
    " or contains(@aria-label, 'Key events') or contains(@data-component, 'epic')]"
]


@dataclass
class Option:
    name: str
    traf: dict[str, Any] = field(default_factory=dict)
    generic: bool = True
    profile: bool = True


OPTIONS = [
    Option("trafilatura favor_precision", {"favor_precision": True}, generic=False),
    Option("trafilatura balanced", {}, generic=False),
    Option("trafilatura favor_recall", {"favor_recall": True}, generic=False),
    Option("balanced + prune_xpath", {"prune_xpath": PRUNE_XPATH}, generic=False),
    Option("favor_precision + generic rules", {"favor_precision": True}),
    Option("**balanced + generic rules (ours)**", {}),
    Option("favor_recall + generic rules", {"favor_recall": True}),
    Option("balanced + generic rules, no profile", {}, profile=False),
]
_WORD = re.compile(r"\w+")


def _in_header(html: str) -> str:
    """The live blog with its headline and standfirst in a <header>, as many templates
    have them (the first live-blog fixture did); its reference is the live blog's."""
    html = html.replace('<div data-gu-name="headline">', '<header class="liveblog-header"><div>')
    return html.replace(
        "expected after midnight.</p></div>", "expected after midnight.</p></div></header>"
    )


# A variant of a fixture: the fixture it changes (and whose golden file it is compared
# with), and the change.
VARIANTS: dict[str, tuple[str, Callable[[str], str] | None]] = {
    "liveblog (header)": ("liveblog.html", _in_header)
}


def body_blocks(markdown: str) -> list[str]:
    return [b for b in markdown.strip().split("\n\n") if b.strip()]


def words(blocks: list[str]) -> Counter[str]:
    text = re.sub(r"\]\([^)]*\)", "]", "\n".join(blocks))  # link targets are not words
    return Counter(w.lower() for w in _WORD.findall(text))


def main() -> None:
    show = "--blocks" in sys.argv
    with tempfile.TemporaryDirectory() as tmp:
        (Path(tmp) / "pyproject.toml").write_bytes((REPO / "pyproject.toml").read_bytes())
        profile = Workspace.open(Path(tmp)).config.import_profile
    names = sorted(FIXTURES) + list(VARIANTS)
    print("| option | " + " | ".join(n.removesuffix(".html") for n in names) + " | words P / R |")
    print("|---|" + "---|" * len(names) + "---|")
    for option in OPTIONS:
        cells: list[str] = []
        totals = Counter[str]()
        notes: list[str] = []
        for name in names:
            fixture, change = VARIANTS.get(name, (name, None))
            want = body_blocks(golden(fixture).read_text("utf-8").split("\n---\n", 1)[1])
            raw = read_source(str(PAGES / fixture))
            if change is not None:
                raw = replace(raw, data=change(raw.data.decode("utf-8")).encode("utf-8"))
            page = read_page(
                raw,
                None,
                profile if option.profile else Profile(),
                option.traf,
                option.generic,
            )
            have = [b.markdown for b in page.blocks]
            extra = [b for b in have if b not in want]
            lost = [b for b in want if b not in have]
            cells.append(f"+{len(extra)} / -{len(lost)}")
            common = sum((words(want) & words(have)).values())
            totals.update(
                common=common, have=sum(words(have).values()), want=sum(words(want).values())
            )
            notes += [f"  {name}: kept {b[:60]!r}" for b in extra]
            notes += [f"  {name}: lost {b[:60]!r}" for b in lost]
        precision = totals["common"] / max(1, totals["have"])
        recall = totals["common"] / max(1, totals["want"])
        print(f"| {option.name} | " + " | ".join(cells) + f" | {precision:.3f} / {recall:.3f} |")
        if show:
            print("\n".join(notes), file=sys.stderr)


if __name__ == "__main__":
    main()
