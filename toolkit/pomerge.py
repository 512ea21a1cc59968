"""Updating a catalog to a new template, as msgmerge does: exact matches keep their
translation, a changed source keeps its old translation as fuzzy with ``#| msgid``
(similarity cut-off 0.6), and what is no longer in the source becomes obsolete rather than
being dropped. A changed unit (paragraph to sentence, or back) carries translations over
without one ending up on two entries (``toolkit.unitswitch``).

It works on ``toolkit.entry`` catalogs only: reading and writing them is ``toolkit.catalog``'s.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass

from toolkit.entry import Catalog, Entry, Key
from toolkit.provenance import mark_reviewed, translator_name
from toolkit.unitswitch import covers, join_sentences, split_paragraphs

SIMILARITY_CUTOFF = 0.6  # gettext's msgmerge and Babel use the same


@dataclass
class MergeStats:
    kept: int = 0
    fuzzy: int = 0
    new: int = 0
    obsolete: int = 0
    set_aside: int = 0  # of the obsolete: translations whose text is now in several entries


def merge(
    old: Catalog | None, template: Catalog, header: dict[str, str], source_lang: str = "en"
) -> tuple[Catalog, MergeStats]:
    """Update a catalog to a new template the way msgmerge does, except that a translation
    never ends up on two entries when the unit changes (``toolkit.unitswitch``)."""
    stats = MergeStats()
    result = Catalog(
        header_comment=list(old.header_comment) if old else [],
        header=header,
        header_flags=[f for f in (old.header_flags if old else []) if f != "fuzzy"],
    )
    name = translator_name(old.header) if old else ""
    old_live = old.index() if old else {}
    old_obsolete = old.index(obsolete=True) if old else {}
    used: set[Key] = set()
    pending: list[tuple[int, Entry]] = []
    for t in template.entries:
        fresh = Entry(
            msgid=t.msgid,
            msgctxt=t.msgctxt,
            msgid_plural=t.msgid_plural,
            references=list(t.references),
            extracted_comments=list(t.extracted_comments),
        )
        match = old_live.get(t.key)
        if match is None and t.key in old_obsolete:
            match = old_obsolete[t.key]
            match = copy.deepcopy(match)
            if match.reviewed:
                mark_reviewed(match, name)  # fuzzy below, but a translator decided it
            match.fuzzy = True  # revived from obsolete: its context changed, look again
        if match is not None:
            used.add(t.key)
            _carry(fresh, match, keep_flags=True)
            stats.kept += 1
        else:
            pending.append((len(result.entries), fresh))
            stats.new += 1
        result.entries.append(fresh)
    candidates = [e for k, e in old_live.items() if k not in used and e.translated]
    if pending and candidates:
        target_lang = header.get("Language") or "es"
        open_ = {fresh.msgid: fresh for _, fresh in pending if fresh.msgctxt is None}
        taken = split_paragraphs(open_, candidates, source_lang, target_lang, name)
        taken |= join_sentences(open_, candidates, source_lang, name, taken)
        filled = len([f for _, f in pending if f.translated])
        stats.new -= filled
        stats.fuzzy += filled
        used.update(c.key for i, c in enumerate(candidates) if i in taken)
        pending = [(i, f) for i, f in pending if not f.translated]
        candidates = [c for i, c in enumerate(candidates) if i not in taken]
    refused: set[Key] = set()
    if pending and candidates:
        others = "".join(f"{e.msgid}\0" for e in template.entries)
        refused = _fuzzy_fill(pending, candidates, stats, name, others, source_lang)
    fuzzy_sources = _fuzzy_sources(result)  # the loop below adds no fuzzy-filled entry
    for key, entry in old_live.items():
        if key not in used and entry.translated and key not in fuzzy_sources:
            gone = copy.deepcopy(entry)
            gone.obsolete = True
            gone.references = []
            gone.extracted_comments = []
            result.entries.append(gone)
            stats.obsolete += 1
            stats.set_aside += key in refused
    live_keys = {e.key for e in result.entries}
    for key, entry in old_obsolete.items():
        if key not in live_keys:
            result.entries.append(copy.deepcopy(entry))
    return result, stats


def _carry(fresh: Entry, old: Entry, keep_flags: bool) -> None:
    fresh.msgstr = old.msgstr
    fresh.msgstr_plural = dict(old.msgstr_plural)
    fresh.translator_comments = list(old.translator_comments)
    if keep_flags:
        fresh.flags = list(old.flags)
        fresh.previous_msgid = old.previous_msgid if old.fuzzy else None
        fresh.previous_msgctxt = old.previous_msgctxt if old.fuzzy else None
        fresh.previous_msgid_plural = old.previous_msgid_plural if old.fuzzy else None


def _fuzzy_fill(
    pending: list[tuple[int, Entry]],
    candidates: list[Entry],
    stats: MergeStats,
    name: str,
    others: str,
    source_lang: str,
) -> set[Key]:
    """Give each new entry the old translation of its most similar vanished source, unless
    part of that source is now another entry (``toolkit.unitswitch.covers``); returns the
    keys of the translations refused that way."""
    refused: set[Key] = set()
    if not pending or not candidates:
        return refused
    from rapidfuzz import fuzz, process

    choices = [c.msgid for c in candidates]
    for _, fresh in pending:
        # Indel similarity without autojunk: Babel's difflib default once sent long msgids
        # to obsolete after a one-word edit (python-babel/babel#969).
        hits = process.extract(
            fresh.msgid, choices, scorer=fuzz.ratio, score_cutoff=SIMILARITY_CUTOFF * 100, limit=3
        )
        old = None
        for hit in hits:
            if covers(candidates[hit[2]], fresh, others, source_lang):
                old = candidates[hit[2]]
                break
            refused.add(candidates[hit[2]].key)
        if old is None:
            continue
        _carry(fresh, old, keep_flags=False)
        if old.reviewed:
            mark_reviewed(fresh, name)  # provenance: a translator's work, now to update
        fresh.flags = ["fuzzy", *[f for f in old.flags if f != "fuzzy"]]
        fresh.previous_msgctxt = old.msgctxt
        fresh.previous_msgid = old.previous_msgid if old.fuzzy and old.previous_msgid else old.msgid
        fresh.previous_msgid_plural = old.msgid_plural
        fresh._fuzzy_source = old.key  # type: ignore[attr-defined]
        stats.new -= 1
        stats.fuzzy += 1
    return refused


def _fuzzy_sources(catalog: Catalog) -> set[Key]:
    return {k for e in catalog.entries if (k := getattr(e, "_fuzzy_source", None)) is not None}
