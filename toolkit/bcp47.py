"""Well-formedness of BCP 47 language tags (RFC 5646, section 2.1), without locale data.

A language code names folders and files (``locales/es-MX/``, ``SLUG.en-es.html``) and is
written into HTML attributes and Markdown comments, so it is checked against the tag
grammar in full before anything else looks at it: Babel's parser reads ``en./../x`` as
``en`` and would let the rest through. Whether the language is *known* is ``toolkit.lang``'s
question (Babel's CLDR data), asked only of a well-formed tag.

gettext's spelling with underscores (``pt_BR``, the name of a catalog folder in many
projects) is read as the same tag with hyphens.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# RFC 5646 section 2.1, the ABNF of langtag, one subtag kind at a time.
_LANGUAGE = re.compile(r"[a-z]{2,8}", re.IGNORECASE)  # 2-3 letters, 4 (reserved), 5-8 (registered)
_EXTLANG = re.compile(r"[a-z]{3}", re.IGNORECASE)
_SCRIPT = re.compile(r"[a-z]{4}", re.IGNORECASE)
_REGION = re.compile(r"[a-z]{2}|[0-9]{3}", re.IGNORECASE)
_VARIANT = re.compile(r"[a-z0-9]{5,8}|[0-9][a-z0-9]{3}", re.IGNORECASE)
_SINGLETON = re.compile(r"[0-9a-wy-z]", re.IGNORECASE)
_EXTENSION_PART = re.compile(r"[a-z0-9]{2,8}", re.IGNORECASE)
_PRIVATE_PART = re.compile(r"[a-z0-9]{1,8}", re.IGNORECASE)
_CHARS = re.compile(r"[A-Za-z0-9_-]+")

# Section 2.2.8: the tags registered before RFC 4646 that the grammar above does not cover.
GRANDFATHERED = frozenset(
    {
        "en-gb-oed", "i-ami", "i-bnn", "i-default", "i-enochian", "i-hak", "i-klingon",
        "i-lux", "i-mingo", "i-navajo", "i-pwn", "i-tao", "i-tay", "i-tsu", "sgn-be-fr",
        "sgn-be-nl", "sgn-ch-de", "art-lojban", "cel-gaulish", "no-bok", "no-nyn",
        "zh-guoyu", "zh-hakka", "zh-min", "zh-min-nan", "zh-xiang",
    }
)  # fmt: skip


class MalformedTag(ValueError):
    """Not a BCP 47 tag; ``str()`` says why, in words for a user."""


@dataclass(frozen=True)
class Tag:
    """The subtags of a well-formed tag, in lower case (the code itself is kept as written)."""

    language: str  # "" for a private-use or grandfathered tag
    extlangs: tuple[str, ...] = ()
    script: str = ""
    region: str = ""
    variants: tuple[str, ...] = ()
    extensions: tuple[str, ...] = ()  # each "u-nu-latn"
    private: tuple[str, ...] = ()  # after "x"
    grandfathered: str = ""


def parse_tag(code: str) -> Tag:
    """The subtags of ``code``; MalformedTag when it is not a well-formed BCP 47 tag.

    Beyond the ABNF, a tag repeating a variant or an extension singleton is refused (the
    RFC's section 2.2.9 makes such a tag invalid whatever the registry says).
    """
    if not code:
        raise MalformedTag("empty")
    if not _CHARS.fullmatch(code):
        bad = next(ch for ch in code if not _CHARS.fullmatch(ch))
        raise MalformedTag(f"{bad!r} is not allowed in a BCP 47 tag (letters, digits, '-')")
    lowered = code.replace("_", "-").lower()
    if lowered in GRANDFATHERED:
        return Tag("", grandfathered=lowered)
    subtags = code.replace("_", "-").split("-")
    if any(not part for part in subtags):
        raise MalformedTag("an empty subtag (a '-' at the start or end, or two in a row)")
    if subtags[0].lower() == "x":
        return Tag("", private=_private(subtags[1:]))
    return _langtag(subtags)


def _langtag(subtags: list[str]) -> Tag:
    language, rest = subtags[0], subtags[1:]
    if not _LANGUAGE.fullmatch(language):
        raise MalformedTag(f"{language!r} is not a language subtag (2 to 8 letters)")
    extlangs: list[str] = []
    if len(language) <= 3:
        while rest and len(extlangs) < 3 and _EXTLANG.fullmatch(rest[0]):
            extlangs.append(rest.pop(0))
    script = rest.pop(0) if rest and _SCRIPT.fullmatch(rest[0]) else ""
    region = rest.pop(0) if rest and _REGION.fullmatch(rest[0]) else ""
    variants: list[str] = []
    while rest and _VARIANT.fullmatch(rest[0]):
        variant = rest.pop(0)
        if variant.lower() in (v.lower() for v in variants):
            raise MalformedTag(f"variant {variant!r} appears twice")
        variants.append(variant)
    extensions: list[str] = []
    while rest and _SINGLETON.fullmatch(rest[0]):
        singleton = rest.pop(0)
        parts: list[str] = []
        while rest and _EXTENSION_PART.fullmatch(rest[0]):
            parts.append(rest.pop(0))
        if not parts:
            raise MalformedTag(f"extension {singleton!r} has no subtags")
        if any(ext.split("-")[0].lower() == singleton.lower() for ext in extensions):
            raise MalformedTag(f"extension {singleton!r} appears twice")
        extensions.append("-".join([singleton, *parts]))
    private: tuple[str, ...] = ()
    if rest and rest[0].lower() == "x":
        private = _private(rest[1:])
        rest = []
    if rest:
        raise MalformedTag(
            f"{rest[0]!r} is out of place (a BCP 47 tag is language-script-region-variants, "
            "then extensions and private use)"
        )
    return Tag(
        language.lower(),
        tuple(e.lower() for e in extlangs),
        script.lower(),
        region.lower(),
        tuple(v.lower() for v in variants),
        tuple(e.lower() for e in extensions),
        private,
    )


def _private(parts: list[str]) -> tuple[str, ...]:
    if not parts:
        raise MalformedTag("private use 'x' has no subtags")
    for part in parts:
        if not _PRIVATE_PART.fullmatch(part):
            raise MalformedTag(f"{part!r} is not a private-use subtag (1 to 8 letters or digits)")
    return tuple(part.lower() for part in parts)
