"""``l10n build``: the Spanish and bilingual editions of articles, behind three gates.

Freshness, completeness and quality (``toolkit.gates``): no edition is made from a catalog
that no longer matches its article, from one with fewer than ``min_translated`` percent of
its entries translated and reviewed (fuzzy ones do not count, even with ``include_fuzzy``),
or from one where ``l10n check`` finds an error in what would be published. Every output of
every article is computed first; a refusal or an error writes nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import closing
from dataclasses import dataclass, field, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from toolkit.article import load_article
from toolkit.catalog import read_catalog
from toolkit.config import Workspace
from toolkit.editions import FORMATS, render_all
from toolkit.entry import Catalog
from toolkit.errors import UsageError
from toolkit.files.batch import WriteBatch
from toolkit.gates import completeness_gate, freshness_gate, quality_gate
from toolkit.markdown.assembly import Assembly, assemble
from toolkit.note import load_note
from toolkit.parallel import ordered_map

if TYPE_CHECKING:
    from toolkit.checks.glossary import Glossary
    from toolkit.checks.report import Finding


@dataclass
class BuildResult:
    slug: str
    reviewed: int
    total: int
    percent: float  # toolkit.percent: rounded down to one decimal
    written: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    warnings: list[Finding] = field(default_factory=list)  # check findings that do not block


def edition_for(ws: Workspace, slug: str, lang: str, include_fuzzy: bool) -> tuple[Assembly, str]:
    """The assembled edition of one article and the catalog's path as shown."""
    edition, shown, _catalog = _edition(ws, slug, lang, include_fuzzy)
    return edition, shown


def _edition(
    ws: Workspace, slug: str, lang: str, include_fuzzy: bool
) -> tuple[Assembly, str, Catalog]:
    path = ws.article_path(slug)
    article = load_article(path, ws.rel(path))
    po = ws.po_path(slug, lang)
    shown = ws.rel(po)
    catalog = read_catalog(po, shown)
    edition = assemble(article, catalog, lang, ws.config.unit, include_fuzzy, ws.config.translators)
    note = load_note(ws, slug, lang)
    return (replace(edition, note=note) if note else edition), shown, catalog


def build(
    ws: Workspace,
    slugs: list[str],
    lang: str,
    min_translated: float | None = None,
    include_fuzzy: bool = False,
    formats: Sequence[str] = FORMATS,
    jobs: int | None = None,
    check: bool = True,
) -> list[BuildResult]:
    """Build the editions in ``formats`` (all four by default) of each article.

    ``jobs``: processes for an archive (0: one per core; default ``[tool.l10n] jobs``).
    ``check``: False skips the quality gate (``--no-check``); the other two always apply.
    """
    threshold = ws.config.min_translated if min_translated is None else min_translated
    if not 0 <= threshold <= 100:
        raise UsageError(f"--min-translated must be between 0 and 100, not {threshold:g}")
    unknown = [name for name in formats if name not in FORMATS]
    if unknown or not formats:
        raise UsageError(
            f"unknown format {unknown[0]!r} (choose from {', '.join(FORMATS)})"
            if unknown
            else "no format to build"
        )
    plan = partial(
        _plan_build,
        ws,
        lang=lang,
        threshold=threshold,
        include_fuzzy=include_fuzzy,
        formats=tuple(formats),
        glossary=_glossary(ws, lang) if check else None,
        check=check,
    )
    plans: list[tuple[BuildResult, list[tuple[Path, str, str]]]] = []
    batch = WriteBatch(ws.root)  # each file starts to disk while the next article is computed
    try:
        planned = ordered_map(
            plan, ws.resolve_slugs(slugs), ws.config.jobs if jobs is None else jobs
        )
        with closing(planned):  # an error here stops the workers now, not when collected
            for result, outputs in planned:
                plans.append((result, outputs))
                for path, shown, text in outputs:
                    batch.add(path, text, shown)
        flags = batch.commit()
    except BaseException:
        batch.abort()  # a refusal, an error or Ctrl-C writes nothing
        raise
    everything = [(result, shown) for result, outputs in plans for _, shown, _ in outputs]
    for (result, shown), written in zip(everything, flags, strict=True):
        (result.written if written else result.unchanged).append(shown)
    return [result for result, _ in plans]


def _glossary(ws: Workspace, lang: str) -> Glossary | None:
    from toolkit.review import workspace_glossary  # toolkit.checks only when the checks run

    return workspace_glossary(ws, lang)


def _plan_build(
    ws: Workspace,
    slug: str,
    lang: str,
    threshold: float,
    include_fuzzy: bool,
    formats: tuple[str, ...],
    glossary: Glossary | None,
    check: bool,
) -> tuple[BuildResult, list[tuple[Path, str, str]]]:
    """One article's editions as (path, path shown, text), computed without writing."""
    edition, shown, catalog = _edition(ws, slug, lang, include_fuzzy)
    freshness_gate(edition, shown, slug)
    completeness_gate(edition, shown, threshold)
    warnings: list[Finding] = []
    if check:
        warnings = quality_gate(
            catalog,
            shown,
            include_fuzzy=include_fuzzy,
            source_lang=ws.config.source_language,
            target_lang=lang,
            glossary=glossary,
        )
    folder = ws.build_path(slug)
    outputs = [
        (path, ws.rel(path), text)
        for name, text in render_all(edition, slug, formats).items()
        for path in (folder / name,)
    ]
    result = BuildResult(slug, edition.reviewed, edition.total, edition.percent, warnings=warnings)
    return result, outputs
