"""Language codes and locale data, all from Babel's CLDR tables."""

from __future__ import annotations

from functools import lru_cache

from babel import Locale, UnknownLocaleError

from toolkit.errors import UsageError


@lru_cache(maxsize=64)
def locale_for(code: str) -> Locale:
    """Return Babel's locale for a BCP 47 code (``es``, ``es-MX``, ``pt_BR``).

    Raises UsageError for a code Babel does not know, so a typo such as ``--lang sp``
    is caught before any file is written.
    """
    try:
        return Locale.parse(code.replace("-", "_"))
    except (UnknownLocaleError, ValueError, TypeError):
        raise UsageError(
            f"unknown language code {code!r} (expected a BCP 47 code such as 'es')"
        ) from None


def check_language(code: str) -> str:
    """Validate ``code`` and return it unchanged."""
    locale_for(code)
    return code


def language_name(code: str, in_language: str) -> str:
    """The name of ``code`` as written in ``in_language`` ("inglés" for en in es)."""
    name = locale_for(code).get_display_name(locale_for(in_language))
    return name or code


def plural_forms(code: str) -> str:
    """The gettext ``Plural-Forms`` header value from Babel's plural data."""
    from babel.messages.plurals import get_plural

    plural = get_plural(code.replace("-", "_"))
    return f"nplurals={plural.num_plurals}; plural={plural.plural_expr};"
