"""``l10n status``: how much of each catalog is reviewed, machine-filled or still empty."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from toolkit.article import load_article
from toolkit.catalog import load_catalog
from toolkit.config import Workspace
from toolkit.entry import Catalog, Entry
from toolkit.markdown.assembly import assemble
from toolkit.percent import percent
from toolkit.provenance import machine_suggestion, reviewer

UNKNOWN = "(unknown)"

_WORD = re.compile(r"\w+(?:['’.-]\w+)*")


def count_words(text: str) -> int:
    """Words of a source text, with Markdown link targets left out."""
    return len(_WORD.findall(re.sub(r"\]\([^)]*\)", "]", text)))


@dataclass
class Counts:
    """Entries (or their words) by state; ``fuzzy`` and ``reviewed`` both have a translation
    (``Entry.translated``), only ``reviewed`` counts for the completeness gate."""

    reviewed: int = 0  # has a translation and is not fuzzy (``Entry.reviewed``)
    fuzzy: int = 0
    untranslated: int = 0

    @property
    def total(self) -> int:
        return self.reviewed + self.fuzzy + self.untranslated

    def add(self, other: Counts) -> None:
        self.reviewed += other.reviewed
        self.fuzzy += other.fuzzy
        self.untranslated += other.untranslated

    def as_dict(self) -> dict[str, int]:
        # The JSON keeps the key it has always had (README, `l10n status --json`).
        return {
            "translated": self.reviewed,
            "fuzzy": self.fuzzy,
            "untranslated": self.untranslated,
            "total": self.total,
        }


@dataclass
class CatalogStatus:
    slug: str
    path: str
    entries: Counts = field(default_factory=Counts)
    words: Counts = field(default_factory=Counts)
    engines: Counter[str] = field(default_factory=Counter)  # machine-filled entries by engine
    translators: Counter[str] = field(default_factory=Counter)  # reviewed entries by translator
    # Fuzzy entries a translator had reviewed before the source changed, by reviewer
    # (``UNKNOWN`` when msgmerge carried one over from an older source without a record).
    needs_update: Counter[str] = field(default_factory=Counter)
    stale: bool = False  # the article changed since the last extract (``build`` refuses it)

    @property
    def percent(self) -> float:
        return percent(self.entries.reviewed, self.entries.total)

    @property
    def words_to_review(self) -> int:
        return self.words.fuzzy + self.words.untranslated

    def as_dict(self) -> dict[str, Any]:
        return {
            "slug": self.slug,
            "path": self.path,
            "entries": self.entries.as_dict(),
            "words": self.words.as_dict(),
            "percent_translated": self.percent,
            "words_to_review": self.words_to_review,
            "engines": dict(sorted(self.engines.items())),
            "translators": dict(sorted(self.translators.items())),
            "needs_update": dict(sorted(self.needs_update.items())),
            "stale": self.stale,
        }


def catalog_status(slug: str, path: str, catalog: Catalog) -> CatalogStatus:
    status = CatalogStatus(slug, path)
    translator = catalog.header.get("Last-Translator", "").strip()
    for entry in catalog.live:
        words = count_words(entry.msgid)
        state = entry_state(entry)
        setattr(status.entries, state, getattr(status.entries, state) + 1)
        setattr(status.words, state, getattr(status.words, state) + words)
        engine = machine_suggestion(entry)
        if engine:
            status.engines[engine] += 1
        elif entry.fuzzy and entry.translated:
            who = reviewer(entry)
            if who is None and entry.previous_msgid is not None:
                who = UNKNOWN  # carried over from an older source: maybe reviewed, say so
            if who is not None:
                status.needs_update[who] += 1
        if state == "reviewed" and translator:
            status.translators[translator] += 1
    return status


def entry_state(entry: Entry) -> str:
    """The ``Counts`` field an entry counts in: reviewed, fuzzy or untranslated."""
    if entry.reviewed:
        return "reviewed"
    return "fuzzy" if entry.translated else "untranslated"


@dataclass
class StatusReport:
    language: str
    catalogs: list[CatalogStatus]

    @property
    def total(self) -> CatalogStatus:
        total = CatalogStatus("total", "")
        for c in self.catalogs:
            total.entries.add(c.entries)
            total.words.add(c.words)
            total.engines.update(c.engines)
            total.translators.update(c.translators)
            total.needs_update.update(c.needs_update)
        return total

    def as_dict(self) -> dict[str, Any]:
        total: dict[str, Any] = self.total.as_dict()
        del total["slug"], total["path"]
        total["stale"] = sum(c.stale for c in self.catalogs)  # how many catalogs are stale
        return {
            "language": self.language,
            "articles": [c.as_dict() for c in self.catalogs],
            "total": total,
        }


def status(ws: Workspace, slugs: list[str] | None, lang: str) -> StatusReport:
    report = StatusReport(lang, [])
    for slug in ws.resolve_slugs(slugs):
        path = ws.po_path(slug, lang)
        shown = ws.rel(path)
        catalog = load_catalog(path, shown).catalog
        found = catalog_status(slug, shown, catalog)
        source = ws.article_path(slug)
        article = load_article(source, ws.rel(source))
        # The same comparison with a fresh parse of the article that `build` refuses on.
        found.stale = assemble(article, catalog, lang, ws.config.unit).stale
        report.catalogs.append(found)
    return report
