"""Shield what an engine must not translate behind placeholder tokens, and put it back after.

Protected: code spans, inline HTML and autolinks, backslash escapes and hard breaks, link
and image brackets with their targets (``[`` and ``](url "title")``; the link text itself is
translated), reference labels, bare URLs and e-mails, HTML entities, emphasis markers, and
the glossary's terms.

The token is ``XQX<n>X``: one ASCII word of capitals and digits. Tried for real, Apertium
(eng-spa, ``-u``) copies it as an unknown word, unchanged in case and spelling, wherever the
sentence puts it (after articles, inside quotes and brackets, before commas, at the start of
a sentence), and SentencePiece (byte fallback) encodes and decodes it back exactly, so a
copy model returns it too. Candidates that failed: lower-case nonce words (Apertium may
capitalize them at a sentence start), bare numbers (MT may reformat them: 1000 -> 1.000),
and bracket or sigil forms (``{1}``, ``⟦1⟧``, ``@@1@@``) that tokenizers split into pieces
an NMT model may drop or rewrite.

A token that touches a word in the source is written with a space around it so the engine
sees it as a word of its own; restoring removes that space again. Markup tokens (emphasis,
link brackets, tags) also absorb whatever space the engine puts on the side that touched
text in the source, because ``* bold*`` is no longer emphasis.

Glossary terms with a preferred translation are protected *as their translation*: the token
comes back as the preferred Spanish term, so terminology is consistent whatever the engine
knows. The cost is agreement (an engine cannot inflect around a token), which the fuzzy flag
and the reviewer cover. Do-not-translate terms (empty translation) come back as written.

:func:`restore` refuses output in which a token is missing, repeated or unknown, and
:func:`toolkit.markdown.inline.markup_signature` lets the caller check that the Markdown structure survived; an
entry that fails either check is never filled.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

from toolkit.glossary import GlossaryTerm
from toolkit.markdown.inline import AUTOLINK, EMAIL, bare_urls, code_spans, link_tail

TOKEN_RE = re.compile(r"XQX(\d+)X")
_MASK = "\0"

# Kinds whose tokens absorb the engine's spacing on every side that touched text.
_MARKUP = frozenset({"emphasis", "link", "html", "break"})

_HTML = re.compile(
    r"<!--.*?-->|" + AUTOLINK.pattern + r"|</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>\0]*)?/?>",  # tag
    re.DOTALL,
)
_ESCAPE = re.compile(r"\\[!-/:-@\[-`{-~]?")
_BREAK = re.compile(r"(?: {2,})?\n")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_STARS = re.compile(r"\*+")
_UNDERSCORES = re.compile(r"_+")


class PlaceholderError(Exception):
    """The engine's output lost, repeated or invented a placeholder."""


@dataclass(frozen=True)
class Placeholder:
    token: str
    source: str  # the text it replaced
    restore: str  # what it becomes again (a preferred translation for a glossary term)
    kind: str
    strip_left: bool  # remove the whitespace the engine puts before the token
    strip_right: bool


@dataclass(frozen=True)
class Protected:
    source: str
    text: str  # what the engine sees
    placeholders: tuple[Placeholder, ...]


@dataclass
class _Span:
    start: int
    end: int
    kind: str
    restore: str | None = None


class Protector:
    """Protects texts against one glossary (compiled once, used for every sentence)."""

    def __init__(self, glossary: Iterable[GlossaryTerm] = ()) -> None:
        self._terms: dict[str, GlossaryTerm] = {}
        for term in glossary:
            self._terms.setdefault(term.term, term)
        for term in list(self._terms.values()):  # a sentence may capitalize a term's first letter
            variant = term.term[0].swapcase() + term.term[1:]
            self._terms.setdefault(variant, term)
        # Longest first: at any position "NSO Group" wins over "NSO".
        names = sorted(self._terms, key=len, reverse=True)
        self._term_re = (
            re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, names)) + r")(?!\w)")
            if names
            else None
        )

    def protect(self, text: str) -> Protected:
        clash = TOKEN_RE.search(text)
        if clash:  # restoring would be ambiguous
            raise PlaceholderError(f"the text already contains {clash[0]!r}")
        spans = self._spans(text)
        return _build(text, spans)

    # --- finding what to protect -----------------------------------------------------------

    def _spans(self, text: str) -> list[_Span]:
        found = _Found(text)
        for span in code_spans(text):
            found.add(span.start, span.end, "code")
        found.add_all(_HTML, "html")
        found.add_all(_ESCAPE, "escape")
        found.add_all(_BREAK, "break")
        _links(found)
        for start, end in bare_urls(found.work):
            found.add(start, end, "url")
        found.add_all(EMAIL, "url")
        if self._term_re is not None:
            for match in self._term_re.finditer(found.work):
                found.add(match.start(), match.end(), "term", self._term_restore(match[0]))
        found.add_all(_ENTITY, "entity")
        found.add_all(_STARS, "emphasis")
        for match in _UNDERSCORES.finditer(found.work):
            before = text[match.start() - 1] if match.start() else " "
            after = text[match.end()] if match.end() < len(text) else " "
            if not (before.isalnum() and after.isalnum()):  # snake_case is not emphasis
                found.add(match.start(), match.end(), "emphasis")
        return sorted(found.spans, key=lambda s: s.start)

    def _term_restore(self, matched: str) -> str:
        # The case of a preferred translation follows where it lands in the translation
        # (see restore), not where the term stood in the source.
        term = self._terms[matched]
        return matched if term.do_not_translate else term.preferred


class _Found:
    """Spans found so far; ``work`` is the text with them masked so later patterns skip them."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.work = text
        self.spans: list[_Span] = []

    def add(self, start: int, end: int, kind: str, restore: str | None = None) -> None:
        if start >= end:
            return
        # A link target may contain spans found earlier (escapes): absorb them.
        self.spans = [s for s in self.spans if not (start <= s.start and s.end <= end)]
        self.spans.append(_Span(start, end, kind, restore))
        self.work = self.work[:start] + _MASK * (end - start) + self.work[end:]

    def add_all(self, pattern: re.Pattern[str], kind: str) -> None:
        for match in pattern.finditer(self.work):
            self.add(match.start(), match.end(), kind)


def _links(found: _Found) -> None:
    """Link and image brackets: ``[``/``![`` and ``](target)`` or ``][label]`` become tokens.

    A bracketed text with no target (``[label]``, ``[label][]``) is a reference whose label
    must match its definition, so it is protected whole.
    """
    work = found.work
    openers: list[int] = []
    i = 0
    while i < len(work):
        char = work[i]
        if char == "[":
            openers.append(i - 1 if i and work[i - 1] == "!" else i)
        elif char == "]" and openers:
            start = openers.pop()
            tail = link_tail(work, i + 1)
            inner = any(start < s.start < i for s in found.spans)
            if tail is not None and work[i + 1 : tail] != "[]":
                found.add(start, start + (1 if work[start] == "[" else 2), "link")
                found.add(i, tail, "link")
                i = tail
                continue
            if not inner:
                end = tail if tail is not None else i + 1
                found.add(start, end, "link")
                i = end
                continue
        i += 1


def _build(text: str, spans: list[_Span]) -> Protected:
    out: list[str] = []
    placeholders: list[Placeholder] = []
    pos = 0
    for n, span in enumerate(spans, 1):
        token = f"XQX{n}X"
        prev_end = spans[n - 2].end if n > 1 else -1
        next_start = spans[n].start if n < len(spans) else -1
        glued_left = span.start > 0 and not text[span.start - 1].isspace()
        glued_right = span.end < len(text) and not text[span.end].isspace()
        spaced_left = glued_left and (text[span.start - 1].isalnum() or prev_end == span.start)
        spaced_right = glued_right and (text[span.end].isalnum() or next_start == span.end)
        markup = span.kind in _MARKUP
        out.append(text[pos : span.start])
        if spaced_left and not "".join(out[-2:]).endswith(" "):  # one space between tokens
            out.append(" ")
        out.append(token)
        if spaced_right:
            out.append(" ")
        pos = span.end
        source = text[span.start : span.end]
        placeholders.append(
            Placeholder(
                token,
                source,
                source if span.restore is None else span.restore,
                span.kind,
                strip_left=glued_left if markup else spaced_left,
                strip_right=glued_right if markup else spaced_right,
            )
        )
    out.append(text[pos:])
    return Protected(text, "".join(out), tuple(placeholders))


def restore(protected: Protected, translated: str) -> str:
    """The engine's output with every token replaced; PlaceholderError if any is not there once."""
    parts = TOKEN_RE.split(translated)  # text, number, text, number, ..., text
    numbers = [int(n) for n in parts[1::2]]
    count = Counter(numbers)
    total = len(protected.placeholders)
    problems = [
        f"{p.source!r} missing" for n, p in enumerate(protected.placeholders, 1) if not count[n]
    ]
    problems += [
        f"{protected.placeholders[n - 1].source!r} repeated"
        for n, c in sorted(count.items())
        if c > 1 and 0 < n <= total
    ]
    problems += [f"unknown placeholder XQX{n}X" for n in sorted(count) if not 0 < n <= total]
    if problems:
        raise PlaceholderError("; ".join(problems))
    texts = parts[0::2]
    for i, n in enumerate(numbers):
        placeholder = protected.placeholders[n - 1]
        if placeholder.strip_left:
            texts[i] = texts[i].rstrip(" \t")
        if placeholder.strip_right:
            texts[i + 1] = texts[i + 1].lstrip(" \t")
    out = [texts[0]]
    for i, n in enumerate(numbers):
        placeholder = protected.placeholders[n - 1]
        value = placeholder.restore
        if placeholder.kind == "term" and value != placeholder.source:
            value = _cased(value, "".join(out))
        out.append(value)
        out.append(texts[i + 1])
    return "".join(out)


# Only opening punctuation, markup or whitespace since the start or a sentence's end mark.
_SENTENCE_START = re.compile(r"(?:^|[.!?…]\s)[\s\"'“‘«¿¡(\[*_]*$")


def _cased(preferred: str, before: str) -> str:
    """A glossary's preferred translation, capitalized at the start of a sentence ("Software
    espía es...") and as the glossary writes it elsewhere ("compró software espía")."""
    if preferred[:1].islower() and _SENTENCE_START.search(before):
        return preferred[:1].upper() + preferred[1:]
    return preferred
