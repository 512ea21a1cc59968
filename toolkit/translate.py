"""``l10n translate``: pre-fill catalogs with machine translation, marked fuzzy for review.

Policy:

- Only untranslated entries are filled. With ``refill_fuzzy``, also fuzzy entries that
  machine translation filled earlier (their translator comment says so) and that no
  translator ever reviewed (``toolkit.provenance.machine_suggestion``): not carried over by
  msgmerge from an older source (``#| msgid``), which may hold a human's reviewed
  translation of the old text, and without the ``reviewed by`` comment ``l10n extract``
  leaves when a source change makes a reviewed entry fuzzy. A reviewed (non-fuzzy) entry
  is never changed.
- Each distinct msgid of all catalogs is split into sentences once, protected
  (``toolkit.mt.protect``), and every sentence goes to the engine in ONE ``translate_batch``
  call; engines batch internally. Identical sentences are sent once: the report counts the
  sentence occurrences this saved (``deduplicated``).
- Reviewed translation memory answers before machine translation: an msgid with a reviewed
  translation anywhere in the language's catalogs (an exact match) is filled from it, marked
  fuzzy like any suggestion, and never sent to the engine (``from_memory``). Not for the
  pseudo engine, whose output is for testing layouts.
- With ``scheduler`` (a Dask scheduler's address), the engine's batches run on that
  cluster's workers (``toolkit.mt.cluster``); everything else, writing included, stays here.
- An entry whose placeholders or Markdown structure do not come back intact is not filled
  and is reported as "failed protection".
- A filled entry gets ``#, fuzzy`` and the translator comment
  ``machine translation: <engine, model, version>``, replacing an earlier one of ours.
- PO-Revision-Date and Last-Translator are left alone: like msgmerge, machine filling is not
  a revision by a translator (the per-entry comment records it), and leaving the header
  alone keeps runs free of date churn in ``git diff``.
- Writes happen after the engine has finished (an engine error writes nothing), all
  catalogs together, all or nothing (``toolkit.files.batch.write_all``). If a catalog changed on
  disk while the engine worked (a translator saved in Poedit), it is read again and only
  entries still open to filling are filled; if it can no longer be read, ConflictError and
  no catalog is written.
- With ``dry_run`` everything is computed, including the engine's output, and nothing is
  written.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Protocol, runtime_checkable

from toolkit.catalog import load_catalog, parse_catalog, render_catalog
from toolkit.config import Workspace
from toolkit.entry import MT_COMMENT_PREFIX, Catalog, Entry, Key
from toolkit.errors import ConflictError, EngineError, InputError, UsageError
from toolkit.files.batch import ChangedOnDisk, WriteBatch
from toolkit.files.reading import Snapshot
from toolkit.fillreport import (
    FAILED,
    FILLED,
    NO_MATCH,
    CatalogReport,
    Result,
    TranslateReport,
    entry_outcome,
)
from toolkit.glossary import workspace_terms
from toolkit.lang import check_language
from toolkit.markdown.inline import markup_signature
from toolkit.mt.base import Engine, EngineOptions, get_engine
from toolkit.mt.protect import (
    TOKEN_RE,
    PlaceholderError,
    Protected,
    Protector,
    restore,
)
from toolkit.provenance import machine_suggestion

Progress = Callable[[int, int], None]

WRITE_ATTEMPTS = 3
_LETTER = re.compile(r"[^\W\d_]")
_SPACES = re.compile(r"[ \t]{2,}")


@runtime_checkable
class ReportsProgress(Protocol):
    """An engine that can report (done, total) while its one batch call runs."""

    def set_progress(self, callback: Progress | None) -> None: ...


@runtime_checkable
class Suggests(Protocol):
    """An engine whose suggestions each say where they came from (translation memory)."""

    def suggest(self, texts: list[str], source: str, target: str) -> list[_Suggestion | None]: ...


class _Suggestion(Protocol):
    @property
    def translation(self) -> str: ...

    def describe(self) -> str: ...


@dataclass
class _Job:
    slug: str
    path: Path
    shown: str
    catalog: Catalog
    snapshot: Snapshot
    targets: list[Entry]
    report: CatalogReport


# --- which entries --------------------------------------------------------------------------


def refillable(entry: Entry) -> bool:
    """A fuzzy entry machine translation filled that no translator ever reviewed: not
    carried over by msgmerge (``#| msgid``), no ``reviewed by`` provenance."""
    return machine_suggestion(entry) is not None


def eligible(entry: Entry, refill_fuzzy: bool) -> bool:
    if entry.obsolete or entry.msgid_plural is not None or not entry.msgid.strip():
        return False
    if not entry.translated:
        return True
    return refill_fuzzy and refillable(entry)


# --- the pipeline -----------------------------------------------------------------------------


def translate(
    ws: Workspace,
    slugs: list[str] | None,
    lang: str,
    engine_name: str,
    options: EngineOptions | None = None,
    *,
    refill_fuzzy: bool = False,
    dry_run: bool = False,
    progress: Progress | None = None,
    scheduler: str | None = None,
) -> TranslateReport:
    started = time.perf_counter()
    source = ws.config.source_language
    check_language(lang)
    if lang.split("-")[0].lower() == source.split("-")[0].lower():
        raise UsageError(f"cannot translate into {lang!r}: it is the articles' source language")
    if lang.lower() not in {code.lower() for code in ws.config.target_languages}:
        raise UsageError(
            f"{lang!r} is not a target language: add it to target_languages in [tool.l10n] "
            "(pyproject.toml), then run 'l10n extract'"
        )
    slugs = ws.resolve_slugs(slugs)  # every article by default; an unknown slug is usage
    lang_dir = ws.root / ws.config.locales_dir / lang
    options = replace(options or EngineOptions(), root=str(ws.root), lang_dirs=(str(lang_dir),))
    engine = _engine(engine_name, options, scheduler)
    protector = Protector(workspace_terms(ws, lang) or [])

    jobs = [_load(ws, slug, lang, refill_fuzzy) for slug in dict.fromkeys(slugs)]
    uses = Counter(e.msgid for job in jobs for e in job.targets)
    remembered = _recall(engine_name, options, list(uses), source, lang)
    msgids = [m for m in uses if m not in remembered]
    results, segments, engine_seconds, deduplicated = _run_engine(
        engine, msgids, protector, source, lang, progress, uses
    )
    results.update(remembered)
    report = TranslateReport(
        engine.describe(),
        lang,
        dry_run,
        segments=segments,
        engine_seconds=engine_seconds,
        deduplicated=deduplicated,
        from_memory=sum(uses[m] for m in remembered),
    )

    settled: list[_Settled] = []
    for job in jobs:
        fills = {e.key: results[e.msgid] for e in job.targets if results[e.msgid].status == FILLED}
        for entry in job.targets:
            result = results[entry.msgid]
            if result.status != FILLED:
                job.report.outcomes.append(entry_outcome(job.shown, entry, result))
        if dry_run:
            for entry in job.targets:
                if entry.key in fills:
                    job.report.outcomes.append(entry_outcome(job.shown, entry, fills[entry.key]))
        elif fills:
            settled.append(_settle(job, fills, refill_fuzzy))
        report.catalogs.append(job.report)
    _commit(settled, refill_fuzzy, ws.root)
    for job in jobs:
        job.report.outcomes.sort(key=lambda o: o.line)
    report.seconds = time.perf_counter() - started
    return report


def _engine(name: str, options: EngineOptions, scheduler: str | None) -> Engine:
    if not scheduler:
        return get_engine(name, options)
    # Only here: `distributed` is an optional extra, and importing it costs ~0.5 s.
    from toolkit.mt.cluster import ClusterEngine

    return ClusterEngine(scheduler, name, options)


def _recall(
    engine_name: str, options: EngineOptions, msgids: list[str], source: str, target: str
) -> dict[str, Result]:
    """Exact matches from reviewed translation memory, for the msgids that have one."""
    if engine_name in ("memory", "pseudo") or not msgids:
        return {}
    from toolkit.mt.memory import create as create_memory

    memory = create_memory(options)
    found: dict[str, Result] = {}
    for msgid in msgids:
        match = memory.exact(msgid)
        if match is not None and match.translation:
            found[msgid] = _suggested(match)
    return found


def _load(ws: Workspace, slug: str, lang: str, refill_fuzzy: bool) -> _Job:
    path = ws.po_path(slug, lang)
    shown = ws.rel(path)
    loaded = load_catalog(path, shown)
    report = CatalogReport(slug, shown)
    targets: list[Entry] = []
    for entry in loaded.catalog.live:
        if eligible(entry, refill_fuzzy):
            targets.append(entry)
        else:
            report.skipped += 1
    return _Job(slug, path, shown, loaded.catalog, loaded.snapshot, targets, report)


def _run_engine(
    engine: Engine,
    msgids: list[str],
    protector: Protector,
    source: str,
    target: str,
    progress: Progress | None,
    uses: Counter[str],
) -> tuple[dict[str, Result], int, float, int]:
    """The result per msgid, the number of segments sent, the seconds the engine took and
    the sentence occurrences (in the ``uses`` entries of each msgid) not sent as repeats."""
    if not msgids:
        return {}, 0, 0.0, 0
    if isinstance(engine, ReportsProgress):
        engine.set_progress(progress)
    if isinstance(engine, Suggests):
        started = time.perf_counter()
        suggested = _run_suggestions(engine, msgids, source, target, progress)
        return suggested, len(msgids), time.perf_counter() - started, 0

    plans: dict[str, list[tuple[Protected, str]] | Result] = {}
    batch: dict[str, int] = {}  # protected sentence -> position in the engine's batch
    for msgid in msgids:
        plans[msgid] = _plan(msgid, protector, source, batch)
    texts = list(batch)
    occurrences = sum(
        uses[msgid] * sum(1 for p, _ in plan if p.text in batch)
        for msgid, plan in plans.items()
        if not isinstance(plan, Result)
    )
    if progress is not None:
        progress(0, len(texts))
    engine_started = time.perf_counter()
    outputs = engine.translate_batch(texts, source, target) if texts else []
    engine_seconds = time.perf_counter() - engine_started
    if len(outputs) != len(texts):
        raise EngineError(f"{engine.name} returned {len(outputs)} translations for {len(texts)}")
    if progress is not None:
        progress(len(texts), len(texts))
    comment = MT_COMMENT_PREFIX + engine.describe()
    results: dict[str, Result] = {}
    for msgid, plan in plans.items():
        if isinstance(plan, Result):
            results[msgid] = plan
            continue
        mine = [outputs[batch[p.text]] for p, _ in plan if p.text in batch]
        results[msgid] = _assemble(msgid, plan, mine, comment)
    return results, len(texts), engine_seconds, occurrences - len(texts)


def _plan(
    msgid: str, protector: Protector, source: str, batch: dict[str, int]
) -> list[tuple[Protected, str]] | Result:
    from toolkit.markdown.sentences import split_sentences

    plan: list[tuple[Protected, str]] = []
    for sentence, sep in split_sentences(msgid, source):
        try:
            protected = protector.protect(sentence)
        except PlaceholderError as exc:
            return Result(FAILED, detail=str(exc))
        plan.append((protected, sep))
        # A sentence with no words outside its tokens (a lone link or code span) stays as is.
        if _LETTER.search(TOKEN_RE.sub("", protected.text)):
            batch.setdefault(protected.text, len(batch))
    return plan


def _assemble(
    msgid: str, plan: list[tuple[Protected, str]], outputs: list[str], comment: str
) -> Result:
    it = iter(outputs)
    parts: list[str] = []
    for protected, sep in plan:
        sent = protected.text
        if _LETTER.search(TOKEN_RE.sub("", sent)):
            # Engines leave double spaces where they drop a word ("Toronto's" -> "Toronto  ");
            # inside a one-line sentence they mean nothing in Markdown.
            sent = _SPACES.sub(" ", next(it).strip())
            if not sent:
                return Result(NO_MATCH, detail="the engine returned nothing")
        try:
            parts.append(restore(protected, sent) + sep)
        except PlaceholderError as exc:
            return Result(FAILED, detail=str(exc))
    translation = "".join(parts)
    if "\x00" in translation:  # a catalog cannot hold it
        return Result(FAILED, detail="the engine returned a NUL character")
    if markup_signature(translation) != markup_signature(msgid):
        return Result(FAILED, detail="the Markdown markup did not survive")
    return Result(FILLED, translation, comment)


def _run_suggestions(
    engine: Suggests, msgids: list[str], source: str, target: str, progress: Progress | None
) -> dict[str, Result]:
    """Memory matches whole entries (its units are entries), unprotected: a human's text."""
    results: dict[str, Result] = {}
    for msgid, match in zip(msgids, engine.suggest(msgids, source, target), strict=True):
        if match is None or not match.translation:
            results[msgid] = Result(NO_MATCH)
        else:
            results[msgid] = _suggested(match)
    return results


def _suggested(match: _Suggestion) -> Result:
    """A memory match as a fill: its text, and the comment that names where it came from."""
    return Result(FILLED, match.translation, MT_COMMENT_PREFIX + match.describe())


# --- writing -----------------------------------------------------------------------------------


def fill(entry: Entry, translation: str, comment: str) -> None:
    entry.msgstr = translation
    entry.fuzzy = True
    kept = [c for c in entry.translator_comments if not c.startswith(MT_COMMENT_PREFIX)]
    entry.translator_comments = [*kept, comment]


def _apply(
    catalog: Catalog, fills: dict[Key, Result], old: dict[Key, str], refill: bool
) -> set[Key]:
    """Fill the entries still open to it; an entry someone translated meanwhile is left alone."""
    applied: set[Key] = set()
    for entry in catalog.live:
        result = fills.get(entry.key)
        if result is None or not eligible(entry, refill):
            continue
        if entry.translated and entry.msgstr != old.get(entry.key):
            continue  # a refill target someone edited meanwhile
        fill(entry, result.translation, result.comment)
        applied.add(entry.key)
    return applied


@dataclass
class _Settled:
    """A catalog with the fills applied to what is on disk now, ready to be written."""

    job: _Job
    fills: dict[Key, Result]
    catalog: Catalog
    snapshot: Snapshot
    applied: set[Key]


def _settle(job: _Job, fills: dict[Key, Result], refill: bool, force: bool = False) -> _Settled:
    """Apply the fills; if the file changed since it was read (``force``: it did), read it
    again and re-apply."""
    old = {e.key: e.msgstr for e in job.targets}
    catalog, snapshot = job.catalog, job.snapshot
    applied = _apply(catalog, fills, old, refill)
    for _attempt in range(WRITE_ATTEMPTS):
        if not force and not snapshot.changed():
            return _Settled(job, fills, catalog, snapshot, applied)
        force = False
        try:
            fresh = load_catalog(job.path, job.shown)
        except InputError as exc:
            raise ConflictError(
                f"changed on disk while translating and cannot be read again ({exc}); "
                "not written, run again",
                job.shown,
            ) from None
        catalog, snapshot = fresh.catalog, fresh.snapshot
        applied = _apply(catalog, fills, old, refill)
        job.report.merged = True
    raise ConflictError(
        "kept changing on disk while translating; not written, run again", job.shown
    )


def _commit(settled: list[_Settled], refill: bool, root: Path) -> None:
    """Write every filled catalog, all or nothing, and report where each fill landed.

    A catalog saved meanwhile is read again and the fills re-applied: when the earlier
    checks see the save, and when the writer's own last look, just before its rename, does.
    ``root``: the workspace, which every write must stay inside.
    """
    conflict = ""
    for _attempt in range(WRITE_ATTEMPTS):
        for i, s in enumerate(settled):
            if s.snapshot.changed():
                settled[i] = _settle(s.job, s.fills, refill)
        texts = [render_catalog(s.catalog) if s.applied else "" for s in settled]
        batch = WriteBatch(root)
        try:
            for s, text in zip(settled, texts, strict=True):
                if s.applied:
                    batch.add(s.job.path, text, s.job.shown, s.snapshot)
            flags = batch.commit()
            break
        except ChangedOnDisk as exc:
            conflict = exc.path or ""
        except BaseException:  # Ctrl-C included: no temporary file stays
            batch.abort()
            raise
        for i, s in enumerate(settled):
            if s.job.shown == conflict:  # changed() may miss a same-size, same-tick save
                settled[i] = _settle(s.job, s.fills, refill, force=True)
    else:
        raise ConflictError(
            "kept changing on disk while translating; not written, run again", conflict
        )
    written = iter(flags)
    for s, text in zip(settled, texts, strict=True):
        if s.applied:
            s.job.report.written = next(written)
            # Report the lines of the file as written: that is where the translator looks.
            index = parse_catalog(text, s.job.shown).index()
        else:
            index = s.catalog.index()
        lines = {key: entry.line for key, entry in index.items()}
        _report_fills(s.job, s.fills, s.applied, lines)


def _report_fills(
    job: _Job, fills: dict[Key, Result], applied: set[Key], lines: dict[Key, int]
) -> None:
    for outcome in job.report.outcomes:
        outcome.line = lines.get(outcome.key, outcome.line)
    for entry in job.targets:
        if entry.key in applied:
            outcome = entry_outcome(job.shown, entry, fills[entry.key])
            outcome.line = lines.get(entry.key, entry.line)
            job.report.outcomes.append(outcome)
        elif entry.key in fills:
            job.report.skipped += 1  # translated by someone else meanwhile
