"""Who did what: an entry's provenance, kept in translator comments.

Translator comments (``# ...``) are the part of an entry that Poedit, Lokalize, msgmerge and
msgcat all keep and let the translator see, so provenance lives there:

- ``# machine translation: apertium eng-spa 0.8.1`` (or ``memory 92% from PATH``): written by
  ``l10n translate`` when it fills an entry. It stays after review: it says where the first
  draft came from.
- ``# reviewed by: NAME``: written by ``l10n extract`` when a change of the source turns a
  reviewed translation fuzzy again (or revives a reviewed obsolete one). The fuzzy flag alone
  would make it look like an unreviewed suggestion; this line says a translator decided it,
  so ``status`` credits the translator ("needs update") and ``translate --refill-fuzzy``
  never replaces it. NAME is the catalog's ``Last-Translator`` (``a translator`` when that is
  still gettext's placeholder). A later change replaces the line with the latest reviewer.

A reviewed entry needs no mark of its own: not being fuzzy is the mark. Nothing is written on
unchanged input, so a translator's save and the next ``l10n extract`` do not fight.
"""

from __future__ import annotations

from toolkit.entry import Entry, mt_engine

REVIEWED_PREFIX = "reviewed by: "
UNNAMED = "a translator"
_PLACEHOLDERS = {"", "FULL NAME <EMAIL@ADDRESS>", "Automatically generated"}


def reviewer(entry: Entry) -> str | None:
    """Who reviewed the translation an entry holds before its source changed, if recorded."""
    for comment in entry.translator_comments:
        if comment.startswith(REVIEWED_PREFIX):
            return comment[len(REVIEWED_PREFIX) :].strip() or UNNAMED
    return None


def translator_name(header: dict[str, str]) -> str:
    name = header.get("Last-Translator", "").strip()
    return UNNAMED if name in _PLACEHOLDERS else name


def mark_reviewed(entry: Entry, name: str) -> None:
    """Record that the translation in ``entry`` was reviewed by ``name``; one such line."""
    kept = [c for c in entry.translator_comments if not c.startswith(REVIEWED_PREFIX)]
    entry.translator_comments = [*kept, f"{REVIEWED_PREFIX}{name}"]


def ever_reviewed(entry: Entry) -> bool:
    """Reviewed now, or reviewed before a source change made it fuzzy (recorded)."""
    return entry.reviewed or reviewer(entry) is not None


def machine_suggestion(entry: Entry) -> str | None:
    """The engine of a fuzzy entry that is still an unreviewed machine suggestion, or None.

    Not a suggestion: an entry ever reviewed, or one carried over from an older source
    (``#| msgid``), which may hold a translator's reviewed text of that source (msgmerge
    keeps no record of the review)."""
    if not entry.fuzzy or entry.previous_msgid is not None or reviewer(entry) is not None:
        return None
    return mt_engine(entry)
