"""What ``l10n build`` must know before an edition goes out: the three gates, in order.

1. Freshness: the catalog matches the article as it is now (``Assembly.stale``), else
   exit 1 and a pointer to ``l10n extract``: a stale catalog would publish the changed
   passages in the original language, or the old translation of a removed one.
2. Completeness: like po4a's ``--keep``, at least ``min_translated`` percent of the entries
   translated and reviewed (``toolkit.percent``: the figure shown is the figure compared).
3. Quality: the checks of ``l10n check`` on exactly what the edition publishes (reviewed
   entries, and fuzzy ones with ``--include-fuzzy``). A finding of an *error* check blocks
   the build (exit 3) unless silenced in the catalog or the build runs with ``--no-check``;
   a finding of a *warning* check is reported and never blocks.

Pure: these raise or return findings; the CLI prints.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from toolkit.entry import Catalog, Entry
from toolkit.errors import CheckGateError, GateError, StaleError
from toolkit.markdown.assembly import Assembly

if TYPE_CHECKING:
    from toolkit.checks.glossary import Glossary
    from toolkit.checks.report import Finding


def __getattr__(name: str) -> frozenset[str]:
    """``ERRORS`` and ``WARNINGS``: the built-in checks of each severity, read from the
    registry when asked for (importing this module loads no check)."""
    if name in ("ERRORS", "WARNINGS"):
        from toolkit.checks.registry import BUILT_IN

        wanted = "error" if name == "ERRORS" else "warning"
        return frozenset(c.name for c in BUILT_IN if c.severity == wanted)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def is_error(check: str) -> bool:
    """Does a finding of ``check`` block the build? The registry's severity says; a check
    nobody has classified (a plug-in's without one) blocks until someone does."""
    from toolkit.checks.registry import severity

    return severity(check) == "error"


def freshness_gate(edition: Assembly, po_shown: str, slug: str) -> None:
    if edition.stale:
        raise StaleError(
            f"out of date with {edition.article.path} (changed since the last extract); "
            f"run 'l10n extract {slug}'",
            po_shown,
        )


def completeness_gate(edition: Assembly, po_shown: str, min_translated: float) -> None:
    if edition.percent < min_translated:
        raise GateError(
            f"{edition.percent:.1f}% of entries translated and reviewed "
            f"({edition.reviewed} of {edition.total}), below the {min_translated:g}% "
            "threshold; nothing written",
            po_shown,
        )


def published(catalog: Catalog, include_fuzzy: bool) -> Catalog:
    """The catalog cut down to the entries whose translation the edition shows."""

    def shown(entry: Entry) -> bool:
        return entry.translated and (include_fuzzy or not entry.fuzzy)

    return Catalog(
        catalog.header_comment,
        catalog.header,
        catalog.header_flags,
        [e for e in catalog.entries if not e.obsolete and shown(e)],
    )


def quality_gate(
    catalog: Catalog,
    po_shown: str,
    *,
    include_fuzzy: bool,
    source_lang: str,
    target_lang: str,
    glossary: Glossary | None,
) -> list[Finding]:
    """The warnings to report; raises :class:`CheckGateError` with the error findings."""
    from toolkit.checks.run import check_catalog  # imported only when the checks run

    report = check_catalog(
        published(catalog, include_fuzzy),
        po_shown,
        source_lang=source_lang,
        target_lang=target_lang,
        glossary=glossary,
    )
    errors = [f for f in report.findings if is_error(f.check)]
    if errors:
        names = ", ".join(dict.fromkeys(f.check for f in errors))
        raise CheckGateError(
            f"{len(errors)} finding(s) of 'l10n check' in what the edition would publish "
            f"({names}); nothing written (fix them, silence a false positive, or build "
            "with --no-check)",
            po_shown,
            errors,
        )
    return report.findings
