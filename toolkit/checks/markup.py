"""The ``urls``, ``markup`` and ``placeholders`` checks: what the translator must carry over.

- urls: URLs and e-mail addresses written in the text are identical (link targets are the
  markup check's). Sentence punctuation after a URL is not part of it.
- markup: links and their targets, images, emphasis, strikethrough, code spans and HTML tags
  (with their attributes) are kept. Code spans, link targets, reference links, autolinks and
  URLs are found by ``toolkit.markdown.inline``, as MT protection finds them; emphasis is
  counted by marker runs and, when the counts differ or a marker stands between spaces,
  settled by the parser's ``markup_signature``, which protection compares: "4 * 5" is no
  emphasis, so check and protection agree about the same text. Reference links (``[a][b]``,
  which the parser of one entry cannot resolve) and ``~~`` are counted by their marks. Italics around a glossary term flagged ``[italics]``
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
    HTML_TAG,
    MASK,
    PLACEHOLDER,
    Pair,
    mask_code,
    mask_urls,
    quoted,
    unique,
)
from toolkit.markdown.inline import (
    AUTOLINK,
    LINK_TARGET,
    REF_LINK,
    addresses,
    code_spans,
    link_destination,
    markup_signature,
    mask,
)

_ESCAPE = re.compile(r"\\[!-/:-@\[-`{-~]")


def check_urls(p: Pair) -> Iterator[str]:
    # Link targets are the markup check's; here the URLs and addresses written in the text.
    def visible(text: str) -> str:
        text = mask_code(text)
        return LINK_TARGET.sub("]", text) if "](" in text else text

    src_text, tgt_text = p.src, p.tgt
    if not any(mark in src_text + tgt_text for mark in ("://", "www.", "@")):
        return
    src, tgt = Counter(addresses(visible(src_text))), Counter(addresses(visible(tgt_text)))
    missing, extra = list((src - tgt).elements()), list((tgt - src).elements())
    if missing:
        yield f"{quoted(unique(missing))} of the source missing or changed in the translation"
    if extra:
        yield f"{quoted(unique(extra))} in the translation not in the source"


@dataclass(slots=True)
class _Markup:
    targets: Counter[str]
    links: int
    images: int
    strong: int
    emphasis: int
    strike: int
    code: Counter[str]
    tags: Counter[str]
    spaced: bool  # a * or _ with a space on each side: what the marker count cannot judge


_MARKER_RUN = re.compile(r"\*+|_+|~~")


def _markup(text: str) -> _Markup:
    """The markup of ``text`` by the inline vocabulary's scanners; emphasis is a first count
    of marker runs, which :func:`_parsed_emphasis` settles when it is not clear-cut."""
    code: Counter[str] = Counter()
    if "`" in text:
        spans = code_spans(text)
        code.update(span.inner.strip() for span in spans)
        text = mask(text, [(span.start, span.end) for span in spans], MASK)
    targets: Counter[str] = Counter()
    links = 0
    if "](" in text:
        for m in LINK_TARGET.finditer(text):
            targets[link_destination(m.group(1))] += 1
            links += 1
        text = LINK_TARGET.sub("]", text)
    if "][" in text:
        for m in REF_LINK.finditer(text):
            if m.group(1):  # [text][]: its label is its text, which is translated
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
    spaced = False
    if "*" in text or "_" in text or "~" in text:
        text = mask_urls(_ESCAPE.sub(MASK, text))
        for m in _MARKER_RUN.finditer(text):
            run = m.group(0)
            if run == "~~":
                strike += 1
                continue
            before = text[m.start() - 1 : m.start()]
            after = text[m.end() : m.end() + 1]
            if run[0] == "_" and before.isalnum() and after.isalnum():
                continue  # snake_case: CommonMark does not emphasize inside words
            spaced = spaced or ((not before or before.isspace()) and (not after or after.isspace()))
            strong += len(run) // 2
            emphasis += len(run) % 2
    return _Markup(targets, links, images, strong, emphasis, strike, code, tags, spaced)


def _parsed_emphasis(markup: _Markup, text: str) -> None:
    """Emphasis and strong emphasis as the parser reads ``text``, from the markup signature
    that MT protection compares: delimiters that open or close, not every ``*`` or ``_``."""
    signature = markup_signature(text)
    markup.strong = sum(n for (kind, _), n in signature.items() if kind.startswith("strong_"))
    markup.emphasis = sum(n for (kind, _), n in signature.items() if kind.startswith("em_"))


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
    if (src.strong, src.emphasis) != (tgt.strong, tgt.emphasis) or src.spaced or tgt.spaced:
        # The parser decides, as for MT protection: "4 * 5" is no emphasis, "a * b * c" lost it.
        _parsed_emphasis(src, src_text)
        _parsed_emphasis(tgt, tgt_text)
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
