"""Pseudo-localization, in the spirit of translate-toolkit's podebug: "[Ŧĥéé šþýýŵåŕé]".

Accented letters show text that escaped translation; doubled vowels (or middle dots "·"
when there are too few vowels) make each text about 30% longer, to find layouts that break
on Spanish (which runs ~20-30% longer than English); brackets show where each translated
segment starts and ends (so also where the sentence splitter cut). Placeholder tokens,
code, tags, entities, URLs, link targets and format placeholders are left exactly as they
are.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable

from toolkit.markdown.inline import EMAIL, LINK_TARGET, URL, code_spans, mask, trim_url
from toolkit.mt.base import EngineOptions
from toolkit.mt.protect import TOKEN_RE

EXPANSION = 0.3
PAD = "\u00b7"  # middle dot

_ACCENTED = dict(
    zip(
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz",
        "ÅƁÇĐÉƑĜĤÎĴĶĹṀÑÖÞǪŔŠŢÛṼŴẊÝŽåƀçđéƒĝĥîĵķĺṁñöþǫŕšţûṽŵẋýž",
        strict=True,
    )
)
_VOWELS = frozenset("aeiouAEIOU")
_END_PUNCTUATION = re.compile(r"[.!?…:;]+[\"'”’»)]*$")

# What stays as written, besides code spans (found first: nothing inside one is anything else).
_KEEP = re.compile(
    "|".join(
        [
            TOKEN_RE.pattern,
            r"<[^<>]*>",  # tag or autolink
            r"&#?\w+;",  # entity
            LINK_TARGET.pattern,
            f"(?P<url>(?i:{URL.pattern}))",
            EMAIL.pattern,
            r"%(?:\(\w+\))?[-#0 +]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa%]",  # printf
            r"\{[\w.\[\]]*\}",  # str.format / ICU argument
        ]
    ),
    re.DOTALL,
)


def _kept(body: str) -> list[tuple[int, int]]:
    """Spans of ``body`` left exactly as they are, in order."""
    spans = [(span.start, span.end) for span in code_spans(body)]
    work = mask(body, spans, "\0", keep=True) if spans else body
    for match in _KEEP.finditer(work):
        if "\0" in match[0]:
            continue  # reaches into a code span: CommonMark reads the code span first
        end = match.start() + len(trim_url(match[0])) if match.lastgroup == "url" else match.end()
        spans.append((match.start(), end))
    return sorted(spans)


def pseudolocalize(text: str) -> str:
    """``text`` accented, ~30% longer and bracketed; protected pieces untouched."""
    body = text.strip()
    if not body:
        return text
    lead, trail = text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]
    pieces: list[tuple[str, bool]] = []  # (text, translatable)
    pos = 0
    for start, stop in _kept(body):
        pieces.append((body[pos:start], True))
        pieces.append((body[start:stop], False))
        pos = stop
    pieces.append((body[pos:], True))
    vowels = sum(1 for piece, free in pieces if free for c in piece if c in _VOWELS)
    extra = max(0, math.ceil(EXPANSION * len(body)) - 2)  # the brackets count too
    doubling = min(extra, vowels)
    out: list[str] = []
    seen = 0
    for piece, free in pieces:
        if not free:
            out.append(piece)
            continue
        for char in piece:
            accented = _ACCENTED.get(char, char)
            out.append(accented)
            if char in _VOWELS:
                # Spread the doubled vowels evenly over the text (Bresenham).
                if (seen + 1) * doubling // vowels > seen * doubling // vowels:
                    out.append(accented.lower())
                seen += 1
    # Too few vowels: pad to the length with a mark that is no Markdown syntax ("~~" was
    # strikethrough to every renderer and to the markup check), before the closing
    # punctuation so that the text still ends with its own.
    padding = PAD * (extra - doubling)
    body_out = "".join(out)
    end = _END_PUNCTUATION.search(body_out)
    cut = end.start() if end else len(body_out)
    if padding and cut and not body_out[cut - 1].isspace():
        padding = " " + padding[1:]  # apart from the last word, which may be a URL
    return f"{lead}[{body_out[:cut]}{padding}{body_out[cut:]}]{trail}"


class PseudoEngine:
    name = "pseudo"

    def __init__(self) -> None:
        self._progress: Callable[[int, int], None] | None = None

    def set_progress(self, callback: Callable[[int, int], None] | None) -> None:
        self._progress = callback

    def describe(self) -> str:
        return "pseudo"

    def translate_batch(self, texts: list[str], source: str, target: str) -> list[str]:
        results = [pseudolocalize(text) for text in texts]
        if self._progress is not None:
            self._progress(len(texts), len(texts))
        return results


def create(options: EngineOptions) -> PseudoEngine:
    return PseudoEngine()
