"""``l10n check`` over a workspace: each catalog of a language against its glossary."""

from __future__ import annotations

from toolkit.catalog import load_catalog
from toolkit.checks.glossary import Glossary
from toolkit.checks.report import CheckReport
from toolkit.checks.run import check_catalog
from toolkit.config import Workspace
from toolkit.glossary import workspace_terms
from toolkit.note import check_note


def workspace_glossary(ws: Workspace, lang: str) -> Glossary | None:
    terms = workspace_terms(ws, lang)
    return None if terms is None else Glossary(tuple(terms))


def check(ws: Workspace, slugs: list[str] | None, lang: str) -> CheckReport:
    """Run every check on the catalogs of ``slugs`` (all articles by default)."""
    glossary = workspace_glossary(ws, lang)
    report = CheckReport()
    for slug in ws.resolve_slugs(slugs):
        path = ws.po_path(slug, lang)
        shown = ws.rel(path)
        catalog = load_catalog(path, shown).catalog
        report.merge(
            check_catalog(
                catalog,
                shown,
                source_lang=ws.config.source_language,
                target_lang=lang,
                glossary=glossary,
            )
        )
        report.merge(check_note(ws, slug, lang))
    return report
