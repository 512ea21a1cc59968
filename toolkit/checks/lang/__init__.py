"""Per-language data for the checks, one module per language, as translate-toolkit keeps them.

Each module (``en``, ``es``) holds the words a check needs (number words, abbreviations,
common words) and small rules of the language (Spanish inflection); the checks themselves
stay language-neutral. A language with no module here simply gets no language-specific help.
"""

from __future__ import annotations

from types import ModuleType
from typing import Any

from toolkit.checks.lang import en, es

LANGUAGES: dict[str, ModuleType] = {"en": en, "es": es}


def data(lang: str) -> ModuleType | None:
    """The data module of a primary language subtag ("es", not "es-MX"), or None."""
    return LANGUAGES.get(lang)


def attribute(lang: str, name: str, default: Any) -> Any:
    """One item of a language's data, ``default`` when the language or the item is missing."""
    module = LANGUAGES.get(lang)
    return default if module is None else getattr(module, name, default)


def union(name: str) -> frozenset[str]:
    """A word set over every language (words a check accepts whatever the language)."""
    out: set[str] = set()
    for module in LANGUAGES.values():
        out.update(getattr(module, name, ()))
    return frozenset(out)
