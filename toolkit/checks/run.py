"""The driver of ``l10n check``: every check of the registry over a catalog's entries.

Every live entry that has a translation (reviewed or fuzzy) is compared with its source, in
the spirit of translate-toolkit's pofilter; each problem becomes a
:class:`~toolkit.checks.report.Finding` printed as ``PATH:LINE: [check] message``, LINE being
the line of the entry's ``msgid``. The checks are those of ``toolkit.checks.registry``.
This module never prints and never exits.

Silencing a false positive (one entry at a time)
------------------------------------------------
A translator comment, which Poedit and other editors let the translator edit::

    # l10n-ignore: numbers, endpunc

or a flag, like Weblate's ``ignore-<check>`` flags::

    #, fuzzy, ignore-numbers

Names are those of the registry (``toolkit.checks.registry``), separated by commas or spaces; unknown names are ignored
(the finding then still shows, which is how a typo is noticed). Silenced findings are not
reported but counted in :attr:`CheckReport.silenced`. A silence is *not* honoured on a fuzzy
entry that carries a previous msgid (``#| msgid``): the source changed after the translator
decided, so the decision is re-examined. That is what keeps an old translation with an old
number ("12 votes" kept for "13 votes") always reported.
"""

from __future__ import annotations

import re

from toolkit.checks.contract import ORIGIN_BUILT_IN, Check, Context
from toolkit.checks.glossary import Glossary
from toolkit.checks.pair import Pair, primary_language
from toolkit.checks.registry import all_checks
from toolkit.checks.report import CheckReport, Finding
from toolkit.checks.validity import header_problems, structure_problems
from toolkit.entry import Catalog, Entry
from toolkit.plugins import PluginError

__all__ = ["CheckReport", "Finding", "Glossary", "check_catalog", "check_entry", "silenced_checks"]

_IGNORE_COMMENT = re.compile(r"^\s*#?\s*l10n-ignore\s*:\s*(.*?)\s*$", re.I)
_NAME_SEP = re.compile(r"[\s,]+")


def _translations(entry: Entry) -> list[tuple[str, str]]:
    """(source, translation) pairs; msgstr[0] goes with msgid, the others with msgid_plural."""
    if entry.msgid_plural is None:
        return [(entry.msgid, entry.msgstr)] if entry.msgstr else []
    return [
        (entry.msgid if n == 0 else entry.msgid_plural, text)
        for n, text in sorted(entry.msgstr_plural.items())
        if text
    ]


def check_entry(
    entry: Entry, *, source_lang: str, target_lang: str, glossary: Glossary | None
) -> list[tuple[str, str]]:
    """Every (check, message) for one entry, silences not applied; [] if it has no msgstr."""
    translations = _translations(entry)
    if not translations:
        return []
    return _entry_findings(
        entry, translations, source_lang, target_lang, glossary, _scoped(glossary)
    )


def _scoped(glossary: Glossary | None) -> tuple[list[Check], list[Check]]:
    """The pair checks and the entry checks to run (glossary checks only with a glossary)."""
    checks = [c for c in all_checks() if glossary is not None or c.needs != "glossary"]
    return [c for c in checks if c.needs != "entry"], [c for c in checks if c.needs == "entry"]


def _entry_findings(
    entry: Entry,
    translations: list[tuple[str, str]],
    source_lang: str,
    target_lang: str,
    glossary: Glossary | None,
    checks: tuple[list[Check], list[Check]],
) -> list[tuple[str, str]]:
    found: dict[tuple[str, str], None] = {}
    pair_checks, entry_checks = checks
    kept_from_earlier = entry.fuzzy and entry.previous_msgid is not None
    for source, translation in translations:
        pair = Pair.make(source, translation, source_lang, target_lang, glossary)
        for check in pair_checks:
            messages = check.run(pair) if check.origin == ORIGIN_BUILT_IN else _foreign(check, pair)
            for message in messages:
                if check.name == "numbers" and kept_from_earlier:
                    message += " (translation kept from an earlier version of the source)"
                found[(check.name, message)] = None
    if entry_checks:
        context = Context(primary_language(source_lang), primary_language(target_lang), glossary)
        for check in entry_checks:
            found.update(((check.name, m), None) for m in _foreign(check, entry, context))
    return list(found)


def _foreign(check: Check, *args: object) -> list[str]:
    """A plug-in's messages; its failure is one line naming it, never a traceback."""
    try:
        messages = list(check.run(*args))
    except Exception as exc:  # foreign code may fail in any way: say which check
        raise PluginError(f"check {check.name!r} of {check.origin} failed: {_error(exc)}") from exc
    for message in messages:
        if not isinstance(message, str):
            raise PluginError(
                f"check {check.name!r} of {check.origin} yielded {message!r}, not a message (str)"
            )
    return messages


def _error(exc: Exception) -> str:
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__


def silenced_checks(entry: Entry) -> frozenset[str]:
    """Checks silenced for this entry by ``# l10n-ignore: a, b`` or ``#, ignore-a`` flags.

    Empty for a fuzzy entry with a previous msgid: its source changed since the silence.
    """
    if entry.fuzzy and entry.previous_msgid is not None:
        return frozenset()
    names: set[str] = set()
    for comment in entry.translator_comments:
        for line in comment.splitlines():
            match = _IGNORE_COMMENT.match(line)
            if match:
                names.update(n for n in _NAME_SEP.split(match.group(1).lower()) if n)
    names.update(f[len("ignore-") :].lower() for f in entry.flags if f.startswith("ignore-"))
    return frozenset(names)


def check_catalog(
    catalog: Catalog,
    path: str,
    *,
    source_lang: str,
    target_lang: str,
    glossary: Glossary | None = None,
) -> CheckReport:
    """Check a catalog's header and every live entry that has a translation (fuzzy too)."""
    report = CheckReport()
    checks = _scoped(glossary)
    problems, nplurals = header_problems(catalog)
    report.findings.extend(Finding(path, 1, "validity", message, "") for message in problems)
    seen: dict[tuple[str | None, str], Entry] = {}
    for entry in catalog.entries:
        if entry.obsolete or (entry.msgid == "" and entry.msgctxt is None):
            continue
        raw: list[tuple[str, str]] = []
        first = seen.setdefault(entry.key, entry)
        if first is not entry:
            raw.append(("validity", f"duplicate of the entry on line {first.line}"))
        raw.extend(("validity", message) for message in structure_problems(entry, nplurals))
        translations = _translations(entry)
        if translations:
            report.checked += 1
            try:
                raw.extend(
                    _entry_findings(entry, translations, source_lang, target_lang, glossary, checks)
                )
            except PluginError as exc:
                raise PluginError(exc.message, path, entry.line) from exc.__cause__
        if not raw:
            continue
        silenced = silenced_checks(entry)
        for check, message in raw:
            if check in silenced:
                report.silenced += 1
            else:
                report.findings.append(Finding(path, entry.line, check, message, entry.msgid))
    return report
