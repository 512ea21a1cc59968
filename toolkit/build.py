"""``l10n build``: the Spanish and bilingual editions of articles, behind a completeness gate.

Like po4a's ``--keep``, no edition is made from a catalog with fewer than ``min_translated``
percent of its entries translated and reviewed (fuzzy ones do not count, even with
``include_fuzzy``). Every output of every article is computed first; a refusal or an error
writes nothing.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path

from toolkit.article import load_article
from toolkit.assemble import Assembly, assemble
from toolkit.catalog import read_catalog
from toolkit.config import Workspace
from toolkit.editions import render_all
from toolkit.errors import GateError, UsageError
from toolkit.files import write_all


@dataclass
class BuildResult:
    slug: str
    reviewed: int
    total: int
    percent: float
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)


def floor1(value: float) -> float:
    """Round down to one decimal: 79.96% must not read as 80.0% when it fails an 80% gate."""
    return math.floor(value * 10 + 1e-9) / 10


def edition_for(ws: Workspace, slug: str, lang: str, include_fuzzy: bool) -> tuple[Assembly, str]:
    """The assembled edition of one article and the catalog's path as shown."""
    path = ws.article_path(slug)
    article = load_article(path, ws.rel(path))
    po = ws.po_path(slug, lang)
    shown = ws.rel(po)
    catalog = read_catalog(po, shown)
    edition = assemble(article, catalog, lang, ws.config.unit, include_fuzzy, ws.config.translators)
    return edition, shown


def check_gate(edition: Assembly, shown: str, min_translated: float) -> None:
    if edition.percent + 1e-9 < min_translated:
        raise GateError(
            f"{floor1(edition.percent):.1f}% of entries translated and reviewed "
            f"({edition.reviewed} of {edition.total}), below the {min_translated:g}% "
            "threshold; nothing written",
            shown,
        )


def build(
    ws: Workspace,
    slugs: list[str],
    lang: str,
    min_translated: float | None = None,
    include_fuzzy: bool = False,
) -> list[BuildResult]:
    threshold = ws.config.min_translated if min_translated is None else min_translated
    if not 0 <= threshold <= 100:
        raise UsageError(f"--min-translated must be between 0 and 100, not {threshold:g}")
    plans: list[tuple[BuildResult, list[tuple[Path, str, str]]]] = []
    for slug in ws.resolve_slugs(slugs):
        edition, shown = edition_for(ws, slug, lang, include_fuzzy)
        check_gate(edition, shown, threshold)
        folder = ws.build_path(slug)
        outputs = [
            (folder / name, ws.rel(folder / name), text)
            for name, text in render_all(edition, slug).items()
        ]
        result = BuildResult(slug, edition.reviewed, edition.total, edition.percent)
        plans.append((result, outputs))
    everything = [
        (result, path, shown, text) for result, outputs in plans for path, shown, text in outputs
    ]
    flags = write_all([(path, text, shown) for _, path, shown, text in everything])
    for (result, _, shown, _), written in zip(everything, flags, strict=True):
        (result.written if written else result.unchanged).append(shown)
    return [result for result, _ in plans]
