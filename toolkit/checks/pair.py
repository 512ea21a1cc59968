"""One source text and its translation, with the derived texts every check reads.

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

if TYPE_CHECKING:
    from toolkit.checks.glossary import Glossary

MASK = "\ue000"  # stands in for removed spans: not a letter, digit or space
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})
_COMBINING = re.compile(r"[\u0300-\u036f]+")

CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.S)
# ](target "title"): one level of parentheses inside the target, as in Wikipedia URLs.
LINK_TARGET = re.compile(
    r"\]\(\s*(<[^<>\n]*>|(?:[^\s()]|\([^\s()]*\))*)"
    r"(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?\s*\)"
)
REF_LINK = re.compile(r"\]\[([^\[\]]+)\]")
AUTOLINK = re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)>")
# Not after a letter or digit ("_www." in emphasis is still a URL); never through brackets,
# quotes, dashes or ellipses, which no URL contains unescaped.
URL = re.compile(
    r"(?:(?<![A-Za-z0-9])(?:https?|ftp)://|(?<![A-Za-z0-9])www\.)"
    r"[^\s<>\"«»“”\u2018\u2019`\[\]{}|\\^—–…]+",
    re.I,
)
_URL_TRAILING = ".,;:!?'\")]*_~"
EMAIL = re.compile(r"(?<![\w.+-])(?:mailto:)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
HTML_TAG = re.compile(r"</?([A-Za-z][\w-]*)(?:\s[^<>]*)?/?>")
PLACEHOLDER = re.compile(
    r"(?<!%)%(?:\(\w+\)|\d+\$)?[-+#0]*(?:\d+|\*)?(?:\.(?:\d+|\*))?(?:hh|h|ll|l|L|j|z|t)?"
    r"[diouxXeEfFgGcsr]"  # printf and Python %-format; no space flag: "50 % de" is prose
    r"|\{\{\s*[\w.]+\s*\}\}"  # {{ name }}
    r"|\$\{\w+\}"  # ${name}
    r"|\{(?:\d+|[A-Za-z_]\w*(?:\.\w+|\[\w+\])*)?(?:![rsa])?(?::[^{}\s]*)?\}"  # {name!r:>5}
    r"|[⟦〚]\s*\w+\s*[⟧〛]|@@\w+@@"  # tokens that protect text from machine translation
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


def trim_url(url: str) -> str:
    # Sentence punctuation after a URL is not part of it; a ")" is, when it closes one inside.
    while url and url[-1] in _URL_TRAILING:
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        url = url[:-1]
    return url


def mask_urls(text: str) -> str:
    def repl(match: re.Match[str]) -> str:
        url = trim_url(match.group(0))
        return MASK + match.group(0)[len(url) :]

    return EMAIL.sub(MASK, URL.sub(repl, text))


def base_text(text: str) -> str:
    """Text without code spans, link targets, URLs, e-mails and HTML tags."""
    if "`" in text:
        text = CODE_SPAN.sub(MASK, text)
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
