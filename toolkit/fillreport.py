"""What ``l10n translate`` found and did: the result for each distinct msgid (filled, failed
protection, no match), the outcome for each entry (at its line in the catalog as written), a
report per catalog, and the run's totals and speed.

``toolkit.translate`` fills these in; the CLI renders them, ``--dry-run`` included.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from toolkit.entry import Entry, Key

FILLED = "filled"
FAILED = "failed protection"
NO_MATCH = "no match"


@dataclass(frozen=True)
class Result:
    """The outcome for one distinct msgid, shared by every entry that has it."""

    status: str  # FILLED, FAILED or NO_MATCH
    translation: str = ""
    comment: str = ""  # the translator comment a fill is written with
    detail: str = ""


@dataclass
class EntryOutcome:
    path: str
    line: int
    msgid: str
    status: str  # FILLED, FAILED or NO_MATCH
    translation: str = ""
    detail: str = ""
    msgctxt: str | None = None

    @property
    def key(self) -> Key:
        return (self.msgctxt, self.msgid)


@dataclass
class CatalogReport:
    slug: str
    path: str
    outcomes: list[EntryOutcome] = field(default_factory=list)
    skipped: int = 0  # already translated or reviewed, or fuzzy and not ours to refill
    written: bool = False
    merged: bool = False  # read again after a concurrent edit

    def count(self, status: str) -> int:
        return sum(1 for o in self.outcomes if o.status == status)


@dataclass
class TranslateReport:
    engine: str
    language: str
    dry_run: bool
    catalogs: list[CatalogReport] = field(default_factory=list)
    segments: int = 0  # texts sent to the engine
    deduplicated: int = 0  # sentence occurrences not sent: an identical one was
    from_memory: int = 0  # entries filled from reviewed translation memory
    engine_seconds: float = 0.0  # in the engine's batch call
    seconds: float = 0.0  # the whole run

    @property
    def filled(self) -> int:
        return sum(c.count(FILLED) for c in self.catalogs)

    @property
    def failed(self) -> int:
        return sum(c.count(FAILED) for c in self.catalogs)

    @property
    def unmatched(self) -> int:
        return sum(c.count(NO_MATCH) for c in self.catalogs)

    @property
    def skipped(self) -> int:
        return sum(c.skipped for c in self.catalogs)

    @property
    def segments_per_second(self) -> float:
        return self.segments / self.seconds if self.seconds > 0 else 0.0


def entry_outcome(shown: str, entry: Entry, result: Result) -> EntryOutcome:
    return EntryOutcome(
        shown,
        entry.line,
        entry.msgid,
        result.status,
        result.translation,
        result.detail,
        entry.msgctxt,
    )
