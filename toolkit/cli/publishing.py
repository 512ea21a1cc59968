"""The command that publishes: ``build`` writes the editions once the gates let it
(``toolkit.gates``), printing the check gate's findings before its refusal."""

from __future__ import annotations

from typing import Annotated

import typer

from toolkit.cli.errors import handles_errors
from toolkit.cli.group import app
from toolkit.cli.options import (
    CommandRoot,
    EditionFormat,
    JobsOption,
    LangOption,
    SlugsArg,
    target_language,
    workspace,
)


@app.command(short_help="Write the Spanish and bilingual editions to build/SLUG/.")
@handles_errors
def build(
    ctx: typer.Context,
    slugs: SlugsArg = None,
    lang: LangOption = None,
    min_translated: Annotated[
        float | None,
        typer.Option(
            "--min-translated",
            help="Refuse below this percent of entries translated and reviewed "
            "(default: the min_translated setting, 80).",
        ),
    ] = None,
    include_fuzzy: Annotated[
        bool,
        typer.Option(
            "--include-fuzzy", help="Publish unreviewed (fuzzy) translations, with a notice."
        ),
    ] = False,
    formats: Annotated[
        list[EditionFormat] | None,
        typer.Option(
            "--format",
            help="Only this edition (repeatable; default: all four).",
        ),
    ] = None,
    jobs: JobsOption = None,
    no_check: Annotated[
        bool,
        typer.Option(
            "--no-check", help="Build even if 'l10n check' finds errors in what is published."
        ),
    ] = False,
    root: CommandRoot = None,
) -> None:
    """Write the translated and bilingual editions to build/SLUG/ (Markdown and HTML)."""
    from toolkit.build import build as run_build
    from toolkit.errors import CheckGateError

    ws = workspace(ctx, root)
    from toolkit.editions import FORMATS

    try:
        results = run_build(
            ws,
            slugs or [],
            target_language(ws, lang),
            min_translated,
            include_fuzzy,
            [f.value for f in formats] if formats else FORMATS,
            jobs,
            check=not no_check,
        )
    except CheckGateError as exc:
        for finding in exc.findings:  # as `l10n check` prints them, then the refusal
            typer.echo(str(finding), err=True)
        raise
    if no_check:
        typer.echo("warning: built with --no-check: 'l10n check' was not run", err=True)
    for result in results:
        for finding in result.warnings:
            typer.echo(f"warning: {finding}", err=True)
        typer.echo(
            f"{result.slug}: {result.reviewed} of {result.total} entries reviewed "
            f"({result.percent:.1f}%)"
        )
        for shown in result.written:
            typer.echo(f"wrote {shown}")
        for shown in result.unchanged:
            typer.echo(f"unchanged {shown}")
