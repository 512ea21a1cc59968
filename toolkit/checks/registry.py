"""The one table of checks: name, severity, family, scope, description, function.

Built-in checks are listed here, so a source checkout knows them without package metadata;
checks of other packages come from the entry point group ``l10n.checks`` (see
``toolkit.checks.contract`` for what such a check receives and returns). The table's order
is the order findings of one entry are reported in; plug-ins come after the built-ins.
"""

from __future__ import annotations

import sys
from functools import lru_cache

from toolkit.checks import glossary, markup, numbers, punctuation, style, validity
from toolkit.checks.contract import Check

BUILT_IN: tuple[Check, ...] = (
    Check("validity", validity.check_newlines, "warning", "validity", "pair",
          "catalog is valid for msgfmt --check: header charset, Plural-Forms, plural forms, "
          "newlines at both ends, duplicates"),
    Check("untranslated", style.check_untranslated, "error", "style", "pair",
          "translation is a copy of the source (names, numbers and URLs excepted)"),
    Check("numbers", numbers.check_numbers, "error", "numbers", "pair",
          "numbers of the source and the translation agree (Spanish number forms accepted)"),
    Check("urls", markup.check_urls, "error", "markup", "pair",
          "URLs and e-mail addresses are identical"),
    Check("markup", markup.check_markup, "error", "markup", "pair",
          "Markdown inline markup kept: links and their targets, images, emphasis, code "
          "spans, HTML tags"),
    Check("placeholders", markup.check_placeholders, "error", "markup", "pair",
          "placeholders kept: %s, %(name)s, {name}, {{name}}, ${name} and the like"),
    Check("dnt", glossary.check_dnt, "error", "glossary", "glossary",
          "do-not-translate glossary terms appear unchanged"),
    Check("glossary", glossary.check_glossary, "warning", "glossary", "glossary",
          "glossary terms use their preferred translation"),
    Check("endpunc", punctuation.check_endpunc, "warning", "punctuation", "pair",
          "sentence-final punctuation matches the source (an abbreviation's period, as in "
          "“EE. UU.”, is no end mark)"),
    Check("startcaps", punctuation.check_startcaps, "warning", "punctuation", "pair",
          "the first letter is a capital in both or in neither"),
    Check("brackets", punctuation.check_brackets, "error", "punctuation", "pair",
          "brackets ( ) [ ] balanced; Spanish ¿ ? and ¡ ! paired"),
    Check("quotes", punctuation.check_quotes, "warning", "punctuation", "pair",
          "quotes balanced: “ ”, « » and an even number of straight quotes"),
    Check("whitespace", style.check_whitespace, "warning", "style", "pair",
          "leading and trailing whitespace as in the source"),
    Check("doublespace", style.check_doublespace, "warning", "style", "pair",
          "no double spaces that the source does not have"),
    Check("doubledwords", style.check_doubledwords, "warning", "style", "pair",
          "no doubled words such as “de de”"),
    Check("length", style.check_length, "warning", "style", "pair",
          "translation length is 0.5x to 2.0x the source"),
)  # fmt: skip
CHECKS: dict[str, Check] = {c.name: c for c in BUILT_IN}


def all_checks() -> tuple[Check, ...]:
    """The built-in checks, then those of the installed plug-ins.

    Plug-ins are looked up once per ``sys.path`` (a scan of the installed distributions
    costs about 20 ms, too much for each of a thousand catalogs).
    """
    return BUILT_IN + _plugin_checks(tuple(sys.path))


@lru_cache(maxsize=4)
def _plugin_checks(path: tuple[str, ...]) -> tuple[Check, ...]:
    from toolkit.checks.plugins import plugin_checks

    return plugin_checks(CHECKS)


def severity(name: str) -> str:
    """A check's severity; ``error`` for a name no check declares (it blocks until known)."""
    for known in all_checks():
        if known.name == name:
            return known.severity
    return "error"
