"""The ``urls``, ``markup`` and ``placeholders`` checks: what the translator must carry over.

- urls: URLs and e-mail addresses written in the text are identical (link targets are the
  markup check's). Sentence punctuation after a URL is not part of it.
- markup: links and their targets, images, emphasis, strikethrough, code spans and HTML tags
  (with their attributes) are kept. Italics around a glossary term flagged ``[italics]``
  (names of publications) are house style and not counted (``toolkit.checks.house_style``).
- placeholders: %s, %(name)s, {name}, {{name}}, ${name}, %NAME% and protection tokens.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from toolkit.checks.house_style import without_house_italics
from toolkit.checks.pair import (
    AUTOLINK,
    CODE_SPAN,
    EMAIL,
    HTML_TAG,
    LINK_TARGET,
    MASK,
    PLACEHOLDER,
    REF_LINK,
    URL,
    Pair,
    mask_urls,
    quoted,
    trim_url,
    unique,
)

_ESCAPE = re.compile(r"\\[!-/:-@\[-`{-~]")


def _urls(text: str) -> list[str]:
    found = [trim_url(m.group(0)) for m in URL.finditer(text)]
    rest = URL.sub(MASK, text) if found else text
    found.extend(m.group(0).removeprefix("mailto:") for m in EMAIL.finditer(rest))
    return found


def check_urls(p: Pair) -> Iterator[str]:
    # Link targets are the markup check's; here the URLs and addresses written in the text.
    def visible(text: str) -> str:
        if "`" in text:
            text = CODE_SPAN.sub(MASK, text)
        return LINK_TARGET.sub("]", text) if "](" in text else text

    src_text, tgt_text = p.src, p.tgt
    if not any(mark in src_text + tgt_text for mark in ("://", "www.", "@")):
        return
    src, tgt = Counter(_urls(visible(src_text))), Counter(_urls(visible(tgt_text)))
    missing, extra = list((src - tgt).elements()), list((tgt - src).elements())
    if missing:
        yield f"{quoted(unique(missing))} of the source missing or changed in the translation"
    if extra:
        yield f"{quoted(unique(extra))} in the translation not in the source"


@dataclass(frozen=True, slots=True)
class _Markup:
    targets: Counter[str]
    links: int
    images: int
    strong: int
    emphasis: int
    strike: int
    code: Counter[str]
    tags: Counter[str]


_MARKER_RUN = re.compile(r"\*+|_+|~~")


def _markup(text: str) -> _Markup:
    code: Counter[str] = Counter()
    if "`" in text:
        code.update(m.group(2).strip() for m in CODE_SPAN.finditer(text))
        text = CODE_SPAN.sub(MASK, text)
    targets: Counter[str] = Counter()
    links = 0
    if "](" in text:
        for m in LINK_TARGET.finditer(text):
            targets[m.group(1).strip("<>")] += 1
            links += 1
        text = LINK_TARGET.sub("]", text)
    if "][" in text:
        for m in REF_LINK.finditer(text):
            targets[f"[{' '.join(m.group(1).lower().split())}]"] += 1
            links += 1
    images = text.count("![")
    tags: Counter[str] = Counter()
    if "<" in text:
        links += len(AUTOLINK.findall(text))
        text = AUTOLINK.sub(MASK, text)
        tags.update(_tag_key(m) for m in HTML_TAG.finditer(text))
        text = HTML_TAG.sub(MASK, text)
    strong = emphasis = strike = 0
    if "*" in text or "_" in text or "~" in text:
        text = mask_urls(_ESCAPE.sub(MASK, text))
        for m in _MARKER_RUN.finditer(text):
            run = m.group(0)
            if run == "~~":
                strike += 1
                continue
            if run[0] == "_":
                before = text[m.start() - 1 : m.start()]
                after = text[m.end() : m.end() + 1]
                if before.isalnum() and after.isalnum():
                    continue  # snake_case: CommonMark does not emphasize inside words
            strong += len(run) // 2
            emphasis += len(run) % 2
    return _Markup(targets, links, images, strong, emphasis, strike, code, tags)


def _tag_key(match: re.Match[str]) -> str:
    """A tag with its attributes (spaces collapsed): ``onclick`` added to the source's ``<b>``
    is a different tag, not the same one."""
    tag = match.group(0)
    if tag.startswith("</"):
        return f"</{match.group(1).lower()}>"
    attributes = " ".join(tag[1 + len(match.group(1)) : -1].rstrip("/").split())
    return f"<{match.group(1).lower()}{' ' + attributes if attributes else ''}>"


def check_markup(p: Pair) -> Iterator[str]:
    if not any(c in p.src or c in p.tgt for c in "[]`*_~<"):
        return
    src_text, tgt_text = p.src, p.tgt
    if p.glossary is not None:  # italics the house style adds to names (toolkit.checks.house_style)
        src_text = without_house_italics(src_text, p.glossary.entries)
        tgt_text = without_house_italics(tgt_text, p.glossary.entries)
    src, tgt = _markup(src_text), _markup(tgt_text)
    if src.links != tgt.links:
        yield f"links: {src.links} in the source, {tgt.links} in the translation"
    missing = list((src.targets - tgt.targets).elements())
    extra = list((tgt.targets - src.targets).elements())
    if missing:
        yield f"link target {quoted(unique(missing))} missing or changed in the translation"
    if extra:
        yield f"link target {quoted(unique(extra))} in the translation not in the source"
    if src.images != tgt.images:
        yield f"images: {src.images} in the source, {tgt.images} in the translation"
    for name, marker, a, b in (
        ("strong emphasis", "** or __", src.strong, tgt.strong),
        ("emphasis", "* or _", src.emphasis, tgt.emphasis),
        ("strikethrough", "~~", src.strike, tgt.strike),
    ):
        if a != b:
            yield f"{name} markers ({marker}): {a} in the source, {b} in the translation"
    missing_code = list((src.code - tgt.code).elements())
    if missing_code:
        spans = ", ".join(f"`{c}`" for c in unique(missing_code))
        yield f"code span {spans} missing or changed in the translation (code is not translated)"
    extra_code = list((tgt.code - src.code).elements())
    if extra_code and not missing_code:
        spans = ", ".join(f"`{c}`" for c in unique(extra_code))
        yield f"code span {spans} in the translation not in the source"
    if src.tags != tgt.tags:
        lost = unique((src.tags - tgt.tags).elements())
        added = unique((tgt.tags - src.tags).elements())
        detail = "; ".join(
            x
            for x in (
                f"missing {' '.join(lost)}" if lost else "",
                f"added {' '.join(added)}" if added else "",
            )
            if x
        )
        yield f"HTML tags differ: {detail}"


def check_placeholders(p: Pair) -> Iterator[str]:
    if not any(c in p.src_base or c in p.tgt_base for c in "%{$@⟦〚"):
        return
    src = Counter(PLACEHOLDER.findall(p.src_base))
    tgt = Counter(PLACEHOLDER.findall(p.tgt_base))
    if src == tgt:
        return
    missing, extra = list((src - tgt).elements()), list((tgt - src).elements())
    if missing:
        yield f"placeholder {quoted(unique(missing))} missing from the translation"
    if extra:
        yield f"placeholder {quoted(unique(extra))} in the translation not in the source"
