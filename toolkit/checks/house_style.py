"""Emphasis the target language's house style adds: names of publications set in italics.

Spanish style sets the names of newspapers and magazines in italics (*The New York Times*,
*El Universal*) where the English source has them in roman. A glossary term whose note
contains the flag ``[italics]`` may be set in italics (``*term*`` or ``_term_``) by the
translation; the ``markup`` check then does not count that emphasis, on either side, so a
translator may add it or drop it. Every other emphasis marker is counted as before: the
emphasis must wrap exactly the flagged term (or one of its translations), and strong
emphasis (``**term**``) is never exempt.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from toolkit.glossary import GlossaryTerm

ITALICS_FLAG = "[italics]"


def italic_terms(entries: Sequence[GlossaryTerm]) -> tuple[str, ...]:
    """Terms (and their accepted translations) the house style may set in italics."""
    terms: dict[str, None] = {}
    for entry in entries:
        if ITALICS_FLAG in entry.note:
            terms[entry.term] = None
            terms.update(dict.fromkeys(entry.alternatives))
    return tuple(terms)


@lru_cache(maxsize=8)
def _pattern(entries: tuple[GlossaryTerm, ...]) -> re.Pattern[str] | None:
    terms = sorted(italic_terms(entries), key=len, reverse=True)
    if not terms:
        return None
    names = "|".join(r"\s+".join(re.escape(word) for word in term.split()) for term in terms)
    # One * or _ on each side, not part of a longer run (** is strong emphasis) or a word.
    return re.compile(rf"(?<![*_\\\w])([*_])({names})\1(?![*_\w])")


def without_house_italics(text: str, entries: Sequence[GlossaryTerm]) -> str:
    """``text`` with the italics around flagged terms removed: "*Times*" becomes "Times"."""
    if "*" not in text and "_" not in text:
        return text
    pattern = _pattern(tuple(entries))
    return text if pattern is None else pattern.sub(r"\2", text)
