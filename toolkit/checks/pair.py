"""One source text and its translation, with the derived texts every check reads.

What a code span, a link target, an autolink, a URL or an e-mail address is comes from
``toolkit.markdown.inline``, the vocabulary MT protection and segmentation use too.

``src``/``tgt`` are the texts as in the catalog. ``*_base`` are those texts with code spans,
link targets, autolinks, URLs, e-mail addresses and HTML tags masked (:data:`MASK`);
``*_prose`` also without placeholders and image marks: what a reader sees as words.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from toolkit.markdown.inline import AUTOLINK, EMAIL, LINK_TARGET, bare_urls, code_spans, mask

if TYPE_CHECKING:
    from toolkit.checks.glossary import Glossary

MASK = "\ue000"  # stands in for removed spans: not a letter, digit or space
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})
_COMBINING = re.compile(r"[\u0300-\u036f]+")
# HTML tags as a reader of the text sees them (the inline vocabulary has no HTML of its own).
HTML_TAG = re.compile(r"</?([A-Za-z][\w-]*)(?:\s[^<>]*)?/?>")
PLACEHOLDER = re.compile(
    r"(?<!%)%(?:\(\w+\)|\d+\$)?[-+#0]*(?:\d+|\*)?(?:\.(?:\d+|\*))?(?:hh|h|ll|l|L|j|z|t)?"
    r"[diouxXeEfFgGcsr]"  # printf and Python %-format; no space flag: "50 % de" is prose
    r"|\{\{\s*[\w.]+\s*\}\}"  # {{ name }}
    r"|\$\{\w+\}"  # ${name}
    r"|\{(?:\d+|[A-Za-z_]\w*(?:\.\w+|\[\w+\])*)?(?:![rsa])?(?::[^{}\s]*)?\}"  # {name!r:>5}
    # ⟦1⟧, @@1@@: placeholder styles of MT pipelines (ours, XQX<n>X, never reach a catalog)
    r"|[⟦〚]\s*\w+\s*[⟧〛]|@@\w+@@"
    r"|%[A-Za-z_]\w*%"  # %NAME%
)
_IMAGE_BANG = re.compile(r"!(?=\[)")


def straight(text: str) -> str:
    """Typographic apostrophes made straight (str.translate is slow: only when needed)."""
    if "\u2019" in text or "\u2018" in text or "\u02bc" in text:
        return text.translate(_APOSTROPHES)
    return text


def fold(text: str) -> str:
    """Lower case, no accents, straight apostrophes: "Cártel\u2019s" -> "cartel's"."""
    text = straight(text.lower())
    if text.isascii():
        return text
    return _COMBINING.sub("", unicodedata.normalize("NFD", text))


def mask_code(text: str) -> str:
    """``text`` with each code span (the inline vocabulary's) replaced by :data:`MASK`."""
    if "`" not in text:
        return text
    return mask(text, [(span.start, span.end) for span in code_spans(text)], MASK)


def mask_urls(text: str) -> str:
    """Bare URLs (trimmed of the sentence's punctuation) and e-mail addresses masked."""
    return EMAIL.sub(MASK, mask(text, bare_urls(text), MASK))


def base_text(text: str) -> str:
    """Text without code spans, link targets, URLs, e-mails and HTML tags."""
    text = mask_code(text)
    if "](" in text:
        text = LINK_TARGET.sub("]", text)
    if "<" in text:
        text = AUTOLINK.sub(MASK, text)
    if "://" in text or "www." in text or "@" in text:
        text = mask_urls(text)
    if "<" in text:
        text = HTML_TAG.sub(MASK, text)
    return text


def prose_text(base: str) -> str:
    """The base text without placeholders and image marks: what a reader sees as words."""
    if "%" in base or "{" in base or "$" in base or "@@" in base or "⟦" in base or "〚" in base:
        base = PLACEHOLDER.sub(MASK, base)
    if "![" in base:
        base = _IMAGE_BANG.sub("", base)
    return base


def primary_language(code: str) -> str:
    """ "es" for "es_MX", "es-419" or "ES"."""
    return code.replace("_", "-").split("-")[0].lower()


def unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def quoted(items: Iterable[str]) -> str:
    return ", ".join(f'"{item}"' for item in items)


@dataclass(frozen=True, slots=True)
class Pair:
    """One source text and its translation, with the derived texts every check needs.

    This is what a ``pair`` or ``glossary`` check receives (plug-ins too): read it, never
    change it. Languages are primary subtags ("es"); ``glossary`` is None without one.
    """

    src: str
    tgt: str
    src_base: str
    tgt_base: str
    src_prose: str
    tgt_prose: str
    source_lang: str
    target_lang: str
    glossary: Glossary | None

    @classmethod
    def make(
        cls, src: str, tgt: str, source_lang: str, target_lang: str, glossary: Glossary | None
    ) -> Pair:
        src_base, tgt_base = base_text(src), base_text(tgt)
        return cls(
            src, tgt, src_base, tgt_base, prose_text(src_base), prose_text(tgt_base),
            primary_language(source_lang), primary_language(target_lang), glossary,
        )  # fmt: skip
