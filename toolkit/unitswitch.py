"""Carrying translations over a change of unit (``extract --unit``) without repeating text.

msgmerge's fuzzy matching alone would give the translation of a whole paragraph to the
entry of its first sentence (a sentence is similar enough to its paragraph), and an edition
built with ``--include-fuzzy`` would then say the paragraph's second sentence twice. The
rules, in the order ``toolkit.pomerge.merge`` applies them:

1. **Split** (paragraph -> sentences). When every sentence of an old paragraph is now an
   entry of its own, and the paragraph's translation splits into as many sentences, the
   i-th translated sentence becomes the fuzzy suggestion for the i-th sentence, with the
   old paragraph as ``#| msgid``. (The alignment is by position; the fuzzy flag asks the
   translator to check it.)
2. **Join** (sentences -> paragraph). When every sentence of a new paragraph entry was an
   entry with a translation, their translations joined become its fuzzy suggestion.
3. **Cover** (everything else). An old translation becomes a fuzzy suggestion for a new
   entry only if no sentence of its old source now sits, word for word, in a *different*
   entry: otherwise the translation would be published twice. Such a translation is set
   aside as obsolete (``#~``), where the translator can still copy from it, and
   ``l10n extract`` says in one line how many were set aside.

A translation that was reviewed keeps that provenance (``reviewed by``) on whatever it
becomes, so ``--refill-fuzzy`` never replaces it.
"""

from __future__ import annotations

from functools import lru_cache

from toolkit.entry import Entry
from toolkit.provenance import mark_reviewed


@lru_cache(maxsize=4096)
def _sentences(text: str, lang: str) -> tuple[tuple[str, str], ...]:
    """Sentences with their separators; cached: a text is asked about once per candidate."""
    from toolkit.markdown.sentences import split_sentences

    return tuple(split_sentences(text, lang))


def split_paragraphs(
    pending: dict[str, Entry],
    candidates: list[Entry],
    source_lang: str,
    target_lang: str,
    reviewer: str,
) -> set[int]:
    """Rule 1; fills entries of ``pending`` (by msgid) and returns the candidates used."""
    used: set[int] = set()
    for i, old in enumerate(candidates):
        if old.msgctxt is not None or old.msgid_plural is not None:
            continue
        if not any(text != old.msgid and text in old.msgid for text in pending):
            continue  # cheap test first: no new entry is a part of this old one
        parts = _sentences(old.msgid, source_lang)
        if len(parts) < 2 or any(p not in pending for p, _ in parts):
            continue
        translated = _sentences(old.msgstr, target_lang)
        if len(translated) != len(parts):
            continue
        for (part, _), (sentence, _) in zip(parts, translated, strict=True):
            fresh = pending.pop(part)
            _suggest(fresh, [old], sentence, reviewer)
            fresh.previous_msgid = old.msgid
        used.add(i)
    return used


def join_sentences(
    pending: dict[str, Entry],
    candidates: list[Entry],
    source_lang: str,
    reviewer: str,
    taken: set[int],
) -> set[int]:
    """Rule 2; fills entries of ``pending`` and returns the candidates used (of those not
    ``taken`` by rule 1)."""
    by_text = {
        c.msgid: i
        for i, c in enumerate(candidates)
        if c.msgctxt is None and c.msgid_plural is None and i not in taken
    }
    used: set[int] = set()
    for text in list(pending):
        if not any(part != text and part in text for part in by_text):
            continue
        parts = _sentences(text, source_lang)
        found = [by_text.get(p) for p, _ in parts]
        if len(parts) < 2 or any(i is None or i in used for i in found):
            continue
        olds = [candidates[i] for i in found if i is not None]
        joined = "".join(old.msgstr + sep for old, (_, sep) in zip(olds, parts, strict=True))
        _suggest(pending.pop(text), olds, joined, reviewer)
        used.update(i for i in found if i is not None)
    return used


def covers(old: Entry, fresh: Entry, others: str, source_lang: str) -> bool:
    """Rule 3: may ``old``'s translation be ``fresh``'s fuzzy suggestion? ``others`` holds
    every new msgid, each followed by a NUL, so a sentence is found only inside one."""
    for sentence, _ in _sentences(old.msgid, source_lang):
        if sentence and sentence not in fresh.msgid and sentence in others:
            return False  # that sentence has an entry of its own now
    return True


def _suggest(fresh: Entry, olds: list[Entry], translation: str, reviewer: str) -> None:
    fresh.msgstr = translation
    comments: list[str] = []
    for old in olds:
        comments += [c for c in old.translator_comments if c not in comments]
    fresh.translator_comments = comments
    fresh.flags = ["fuzzy", *dict.fromkeys(f for old in olds for f in old.flags if f != "fuzzy")]
    if any(old.reviewed for old in olds):
        mark_reviewed(fresh, reviewer)
