"""Language codes and locale data, all from Babel's CLDR tables.

A code is accepted in two steps: it must be a well-formed BCP 47 tag (``toolkit.bcp47``, the
RFC's grammar in full: it becomes part of file names), then Babel must know its language
(with its script, region and first variant, when it has them).
"""

from __future__ import annotations

from functools import lru_cache

from babel import Locale, UnknownLocaleError

from toolkit.bcp47 import MalformedTag, parse_tag
from toolkit.errors import UsageError

# Tags that are well-formed and that Babel would read as some locale, but that name no
# language to translate into or from (Babel reads "und" as en_US).
_NOT_A_LANGUAGE = frozenset({"und", "mul", "mis", "zxx"})


def language_error(code: object) -> str | None:
    """Why ``code`` is not a usable language code, or None when it is one."""
    if not isinstance(code, str):
        return f"language code must be text, not {code!r}"
    try:
        _locale(code)
    except MalformedTag as exc:
        return f"invalid language code {code!r}: {exc}"
    except (UnknownLocaleError, ValueError, TypeError):
        return f"unknown language code {code!r} (expected a BCP 47 code such as 'es')"
    return None


@lru_cache(maxsize=256)
def _locale(code: str) -> Locale:
    tag = parse_tag(code)
    if not tag.language or tag.language in _NOT_A_LANGUAGE:
        raise UnknownLocaleError(code)
    # An extended language subtag is the language itself ("zh-yue" is Cantonese, "yue").
    parts = [tag.extlangs[0] if tag.extlangs else tag.language]
    parts += [p for p in (tag.script, tag.region, *tag.variants[:1]) if p]
    return Locale.parse("_".join(parts))


def locale_for(code: str) -> Locale:
    """Return Babel's locale for a BCP 47 code (``es``, ``es-MX``, ``pt-BR`` or ``pt_BR``).

    Raises UsageError for a malformed tag or a language Babel does not know, so a typo such
    as ``--lang sp`` is caught before any file is written.
    """
    problem = language_error(code)
    if problem is not None:
        raise UsageError(problem)
    return _locale(code)


def check_language(code: str) -> str:
    """Validate ``code`` and return it unchanged."""
    locale_for(code)
    return code


@lru_cache(maxsize=256)  # Babel's data for two codes: the same answer all run long
def language_name(code: str, in_language: str) -> str:
    """The name of ``code`` as written in ``in_language`` ("inglés" for en in es)."""
    name = locale_for(code).get_display_name(locale_for(in_language))
    return name or code


def plural_forms(code: str) -> str:
    """The gettext ``Plural-Forms`` header value from Babel's plural data."""
    from babel.messages.plurals import get_plural

    plural = get_plural(str(locale_for(code)))
    return f"nplurals={plural.num_plurals}; plural={plural.plural_expr};"
