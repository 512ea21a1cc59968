"""Translation memory: reuse reviewed translations from every catalog of the language.

Units are whole entries (msgid -> msgstr) of every reviewed (translated, not fuzzy) entry in
``locales/<lang>/*.po``, obsolete ones included: an obsolete entry's source left the
article, but its translation is still a human's translation of that source. An exact match
scores 100; otherwise rapidfuzz's Indel ratio (the measure msgmerge-style fuzzy matching
uses elsewhere in the toolkit) above a 75% cut-off. Ties go to the first unit in path order.

The engine interface has no room for a score, so the pipeline uses :meth:`suggest`, which
says where each suggestion came from; the entry's comment then reads
``machine translation: memory 87% from locales/es/other.po``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from toolkit.mt.base import EngineOptions

CUTOFF = 75.0


@dataclass(frozen=True)
class Match:
    translation: str
    score: float  # 0-100
    origin: str  # the catalog it came from, relative to the workspace root
    source: str  # the msgid it translated

    def describe(self) -> str:
        return f"memory {round(self.score)}% from {self.origin}"


@dataclass(frozen=True)
class _Unit:
    source: str
    translation: str
    origin: str


class MemoryEngine:
    name = "memory"

    def __init__(self, folders: list[Path], root: Path, cutoff: float = CUTOFF) -> None:
        self._folders = folders
        self._root = root
        self.cutoff = cutoff
        self._progress: Callable[[int, int], None] | None = None

    def set_progress(self, callback: Callable[[int, int], None] | None) -> None:
        self._progress = callback

    def describe(self) -> str:
        return "memory"

    @cached_property
    def _units(self) -> list[_Unit]:
        from toolkit.catalog import read_catalog

        units: list[_Unit] = []
        for folder in self._folders:
            for path in sorted(folder.glob("*.po")):
                shown = _shown(path, self._root)
                for entry in read_catalog(path, shown).entries:
                    if entry.reviewed and entry.msgid_plural is None and entry.msgid:
                        units.append(_Unit(entry.msgid, entry.msgstr, shown))
        return units

    @cached_property
    def _sources(self) -> list[str]:
        return [unit.source for unit in self._units]

    @cached_property
    def _exact(self) -> dict[str, _Unit]:
        exact: dict[str, _Unit] = {}
        for unit in self._units:
            exact.setdefault(unit.source, unit)
        return exact

    def exact(self, text: str) -> Match | None:
        """A reviewed translation of exactly ``text`` (what answers before machine translation)."""
        unit = self._exact.get(text)
        return None if unit is None else Match(unit.translation, 100.0, unit.origin, unit.source)

    def lookup(self, text: str) -> Match | None:
        """The best reviewed translation of ``text`` scoring at least the cut-off."""
        match = self.exact(text)
        if match is not None:
            return match
        if not self._units:
            return None
        from rapidfuzz import fuzz, process

        hit = process.extractOne(text, self._sources, scorer=fuzz.ratio, score_cutoff=self.cutoff)
        if hit is None:
            return None
        unit = self._units[hit[2]]
        # Never round a fuzzy match up to "100%": that would read as exact.
        return Match(unit.translation, min(float(hit[1]), 99.0), unit.origin, unit.source)

    def suggest(self, texts: list[str], source: str, target: str) -> list[Match | None]:
        results: list[Match | None] = []
        for done, text in enumerate(texts, 1):
            results.append(self.lookup(text))
            if self._progress is not None:
                self._progress(done, len(texts))
        return results

    def translate_batch(self, texts: list[str], source: str, target: str) -> list[str]:
        """The engine interface: a translation per text, '' where memory has none."""
        return [m.translation if m else "" for m in self.suggest(texts, source, target)]


def _shown(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return str(path)


def create(options: EngineOptions) -> MemoryEngine:
    """The pipeline passes the language's catalog folder in ``options.lang_dirs``."""
    root = Path(options.root)
    return MemoryEngine([Path(d) for d in options.lang_dirs], root)
