"""The ``dnt`` and ``glossary`` checks, and :class:`Glossary`, the compiled glossary they read.

- dnt: do-not-translate terms are matched case-sensitively, in the source and the translation.
- glossary: the source term is matched case-insensitively, also in the plural ("cartels");
  the preferred translation is matched without case and accents and with simple Spanish
  inflection (``toolkit.checks.lang.es.variants``: plural -s/-es/-ces, gender -o/-a), word
  by word: "programa espía" accepts "programas espía". Alternatives may be given as
  "programa espía | software espía". A preferred term inside a do-not-translate term is not
  checked ("Sinaloa Cartel" kept).

Both run only when a glossary is given (the registry's ``glossary`` scope).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from toolkit.checks.lang.es import variants
from toolkit.checks.pair import MASK, Pair, fold, straight, unique
from toolkit.glossary import GlossaryTerm


def _term_pattern(term: str) -> str:
    return r"[\s\u00a0]+".join(re.escape(word) for word in term.split())


class GlossaryIndex:
    """Patterns compiled once per glossary, so each entry costs two regex scans."""

    def __init__(self, entries: Sequence[GlossaryTerm]) -> None:
        dnt = sorted({e.term for e in entries if e.do_not_translate}, key=len, reverse=True)
        self.dnt_source = (
            re.compile(r"(?<!\w)(?:" + "|".join(_term_pattern(t) for t in dnt) + r")(?!\w)")
            if dnt
            else None
        )
        self.dnt_target = {
            " ".join(t.split()): re.compile(r"(?<!\w)" + _term_pattern(t) + r"(?!\w)") for t in dnt
        }
        preferred = [e for e in entries if not e.do_not_translate]
        self.preferred: dict[str, GlossaryTerm] = {}
        self.forms: dict[str, tuple[tuple[frozenset[str], ...], ...]] = {}
        for entry in preferred:
            key = " ".join(fold(entry.term).split())
            self.preferred.setdefault(key, entry)
            self.forms[key] = tuple(
                tuple(variants(w) for w in re.findall(r"\w+", fold(alt)))
                for alt in entry.alternatives
            )
        keys = sorted(self.preferred, key=len, reverse=True)
        self.preferred_source = (
            re.compile(
                r"(?<!\w)(?:" + "|".join(_term_pattern(k) for k in keys) + r")(?:e?s)?(?!\w)"
            )
            if keys
            else None
        )

    def preferred_key(self, matched: str) -> str | None:
        key = " ".join(matched.split())
        for candidate in (key, key[:-1], key[:-2]):
            if candidate in self.preferred:
                return candidate
        return None


@dataclass(frozen=True)
class Glossary:
    entries: tuple[GlossaryTerm, ...] = ()
    index: GlossaryIndex = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "entries", tuple(self.entries))
        object.__setattr__(self, "index", GlossaryIndex(self.entries))

    @property
    def do_not_translate(self) -> list[str]:
        return [e.term for e in self.entries if e.do_not_translate]


def check_dnt(p: Pair) -> Iterator[str]:
    assert p.glossary is not None
    index = p.glossary.index
    if index.dnt_source is None:
        return
    src = straight(p.src_base)
    tgt = straight(p.tgt_base)
    for term in unique(" ".join(m.group(0).split()) for m in index.dnt_source.finditer(src)):
        if not index.dnt_target[term].search(tgt):
            yield f'do-not-translate term "{term}" must appear unchanged in the translation'


def check_glossary(p: Pair) -> Iterator[str]:
    assert p.glossary is not None
    index = p.glossary.index
    if index.preferred_source is None:
        return
    src = straight(p.src_base)
    if index.dnt_source is not None:  # "Sinaloa Cartel" kept as a name is not "cartel"
        src = index.dnt_source.sub(MASK, src)
    keys = [index.preferred_key(m.group(0)) for m in index.preferred_source.finditer(fold(src))]
    words: list[str] | None = None
    for key in unique(k for k in keys if k):
        if words is None:
            words = re.findall(r"\w+", fold(p.tgt_base))
        if not any(_contains(words, form) for form in index.forms[key]):
            entry = index.preferred[key]
            note = f" ({entry.note})" if entry.note else ""
            wanted = " or ".join(f'"{alt}"' for alt in entry.alternatives)
            yield f'"{entry.term}" should be translated as {wanted}{note}'


def _contains(words: list[str], form: tuple[frozenset[str], ...]) -> bool:
    size = len(form)
    if not size:
        return True
    first = form[0]
    return any(
        word in first and all(words[i + k] in form[k] for k in range(1, size))
        for i, word in enumerate(words[: len(words) - size + 1])
    )
