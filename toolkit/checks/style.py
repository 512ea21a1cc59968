"""Style: the ``untranslated``, ``whitespace``, ``doublespace``, ``doubledwords`` and
``length`` checks.

- untranslated: a copy is fine when the text is only names (every word capitalized, none a
  common word of the source language such as "Analysis"), numbers, URLs, code or
  do-not-translate terms.
- whitespace ignores a newline at either end: ``validity`` reports that one, as msgfmt does.
- doubledwords: "de de" and also "que que" are reported; Spanish "que qué" (a reported
  question) is not a doubled word because the accent differs. Not reported: numbers, a
  doubling the source has too (names, quoted speech) and the colloquial "casi casi", "muy
  muy", "ya ya".
- length: Spanish news runs about 1.0-1.35x the English; a translation under 0.5x or over
  2.0x the source is reported when the source has at least 20 characters of text (URLs and
  link targets not counted).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from toolkit.checks.lang import attribute, union
from toolkit.checks.pair import MASK, Pair, straight, unique

LENGTH_MIN_SOURCE = 20
LENGTH_RATIO = (0.5, 2.0)

_NAME_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*")


def _needs_translation(p: Pair) -> bool:
    text = p.src_prose
    if p.glossary is not None and p.glossary.index.dnt_source is not None:
        text = p.glossary.index.dnt_source.sub(MASK, straight(text))
    words = _NAME_WORD.findall(text)
    if not words:
        return False  # numbers, URLs, code, placeholders: nothing to translate
    common = attribute(p.source_lang, "COMMON_WORDS", frozenset())
    return any(not w[0].isupper() or w.lower() in common for w in words)


def check_untranslated(p: Pair) -> Iterator[str]:
    if p.src.strip() == p.tgt.strip() and p.source_lang != p.target_lang and _needs_translation(p):
        yield "the translation is a copy of the source"


def _edges(text: str) -> tuple[str, str]:
    stripped = text.strip()
    if not stripped:
        return text, ""
    start = text.index(stripped[0])
    return text[:start], text[start + len(stripped) :]


def check_whitespace(p: Pair) -> Iterator[str]:
    (src_lead, src_trail), (tgt_lead, tgt_trail) = _edges(p.src), _edges(p.tgt)
    # A newline at either end is validity's (msgfmt refuses it); the rest is style.
    if src_lead.replace("\n", "") != tgt_lead.replace("\n", ""):
        yield f"leading whitespace {tgt_lead!r} differs from the source's {src_lead!r}"
    if src_trail.replace("\n", "") != tgt_trail.replace("\n", ""):
        yield f"trailing whitespace {tgt_trail!r} differs from the source's {src_trail!r}"


_DOUBLE_SPACE = re.compile(r"(\S*)[ \u00a0]{2,}(?=\S)")


def check_doublespace(p: Pair) -> Iterator[str]:
    if "  " not in p.tgt and "\u00a0 " not in p.tgt and " \u00a0" not in p.tgt:
        return
    body = p.tgt.strip()
    tgt = _DOUBLE_SPACE.findall(body)
    if len(tgt) > len(_DOUBLE_SPACE.findall(p.src.strip())):
        after = f' after "{tgt[0]}"' if tgt[0] else ""
        yield f"double space in the translation{after}"


_DOUBLED = re.compile(r"(?<!\w)([^\W\d_]+)[ \u00a0]+(\1)(?!\w)", re.I)
_DOUBLED_OK = union("DOUBLED_OK")  # "casi casi", "muy muy": any language's


def check_doubledwords(p: Pair) -> Iterator[str]:
    doubled = [m.group(1).lower() for m in _DOUBLED.finditer(p.tgt_prose)]
    if not doubled:
        return
    allowed = _DOUBLED_OK | {m.group(1).lower() for m in _DOUBLED.finditer(p.src_prose)}
    for word in unique(w for w in doubled if w not in allowed):
        yield f'doubled word "{word} {word}"'


def check_length(p: Pair) -> Iterator[str]:
    src, tgt = len(p.src_prose.strip()), len(p.tgt_prose.strip())
    if src < LENGTH_MIN_SOURCE:
        return
    ratio = tgt / src
    low, high = LENGTH_RATIO
    if ratio < low or ratio > high:
        yield (
            f"translation is {ratio:.2f}x the length of the source "
            f"(expected {low}x to {high}x): something missing or added?"
        )
