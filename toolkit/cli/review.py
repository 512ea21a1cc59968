"""The commands that tell a translator where a translation stands: ``status`` (what is
reviewed, fuzzy, untranslated, stale) and ``check`` (the quality checks, exit 3 on findings)."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from toolkit.cli.errors import handles_errors
from toolkit.cli.group import app
from toolkit.cli.options import (
    CommandRoot,
    JsonOption,
    LangOption,
    SlugsArg,
    target_language,
    workspace,
)


@app.command(short_help="Reviewed, fuzzy and untranslated entries and words.")
@handles_errors
def status(
    ctx: typer.Context,
    slugs: SlugsArg = None,
    lang: LangOption = None,
    as_json: JsonOption = False,
    root: CommandRoot = None,
) -> None:
    """Translated (reviewed), fuzzy and untranslated entries and words."""
    from toolkit.status import UNKNOWN
    from toolkit.status import status as run_status

    ws = workspace(ctx, root)
    report = run_status(ws, slugs, target_language(ws, lang))
    if as_json:
        typer.echo(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
        return
    header = (
        f"{'catalog':<44} {'reviewed':>9} {'fuzzy':>6} {'untransl.':>9} {'%':>6} "
        f"{'to review (words)':>18} {'stale':>5}"
    )
    typer.echo(header)
    stale = [c for c in report.catalogs if c.stale]
    for c in [*report.catalogs, report.total]:
        e = c.entries
        name = c.path or "total"
        flag = ("yes" if c.stale else "no") if c.path else str(len(stale))
        typer.echo(
            f"{name:<44} {e.reviewed:>9} {e.fuzzy:>6} {e.untranslated:>9} "
            f"{c.percent:>5.1f}% {c.words_to_review:>18} {flag:>5}"
        )
    for c in stale:
        typer.echo(f"out of date with its article: {c.path}; run 'l10n extract {c.slug}'")
    total = report.total
    for engine, n in total.engines.most_common():
        typer.echo(f"machine-filled, awaiting review: {n} by {engine}")
    for person, n in total.translators.most_common():
        typer.echo(f"reviewed: {n} by {person}")
    for person, n in total.needs_update.most_common():
        if person == UNKNOWN:
            typer.echo(f"needs update, carried over from an older source: {n}")
        else:
            typer.echo(f"needs update, reviewed before the source changed: {n} by {person}")


@app.command(short_help="Quality checks for translators (exit 3 on findings).")
@handles_errors
def check(
    ctx: typer.Context,
    slugs: SlugsArg = None,
    lang: LangOption = None,
    as_json: JsonOption = False,
    list_checks: Annotated[
        bool,
        typer.Option("--list", help="List the checks, built-in and from plug-ins, and exit."),
    ] = False,
    root: CommandRoot = None,
) -> None:
    """Quality checks on translated and fuzzy entries; exit 3 when anything is found."""
    from toolkit.review import check as run_check

    if list_checks:
        _list_checks(as_json)
        return
    ws = workspace(ctx, root)
    report = run_check(ws, slugs, target_language(ws, lang))
    if as_json:
        data = {
            "findings": [
                {
                    "path": f.path,
                    "line": f.line,
                    "check": f.check,
                    "message": f.message,
                    "msgid": f.msgid,
                }
                for f in report.findings
            ],
            "checked": report.checked,
            "silenced": report.silenced,
        }
        typer.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        for finding in report.findings:
            typer.echo(str(finding))
        typer.echo(
            f"{len(report.findings)} finding(s) in {report.checked} entries checked, "
            f"{report.silenced} silenced"
        )
    if report.findings:
        raise typer.Exit(3)


def _list_checks(as_json: bool) -> None:
    from toolkit.checks.registry import all_checks

    rows = [
        {
            "name": c.name,
            "severity": c.severity,
            "family": c.family,
            "needs": c.needs,
            "description": c.description,
            "origin": c.origin,
        }
        for c in all_checks()
    ]
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    width = max(len(row["name"]) for row in rows)
    for row in rows:
        origin = "" if row["origin"] == "built-in" else f" [{row['origin']}]"
        typer.echo(
            f"{row['name']:<{width}}  {row['severity']:<7}  {row['family']:<11}  "
            f"{row['needs']:<8}  {row['description']}{origin}"
        )
