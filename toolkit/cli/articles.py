"""The commands that make and update articles and catalogs: ``import`` (web pages to
articles) and ``extract`` (articles to templates and catalogs)."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from toolkit.cli.errors import handles_errors
from toolkit.cli.group import app
from toolkit.cli.options import CommandRoot, JobsOption, SlugsArg, UnitName, workspace
from toolkit.cli.progress import ProgressBar


@app.command("import", short_help="Turn saved web pages into articles.")
@handles_errors
def import_(
    ctx: typer.Context,
    sources: Annotated[
        list[str],
        typer.Argument(help="Saved pages (.html, .htm), text copies (.txt), '-' or http(s) URLs."),
    ],
    slug: Annotated[
        str | None, typer.Option("--slug", help="The article's slug (default: from its address).")
    ] = None,
    url: Annotated[
        str | None, typer.Option("--url", help="The page's address, when the file does not say.")
    ] = None,
    update: Annotated[
        bool, typer.Option("--update", help="Replace an existing article's body; keep its keys.")
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print the article(s); write nothing.")
    ] = False,
    jobs: JobsOption = None,
) -> None:
    """Turn web pages into articles/SLUG.md: the body as Markdown, front matter from the page."""
    from toolkit.importer.run import import_pages
    from toolkit.importer.source import STDIN, read_stdin

    stdin = read_stdin(sys.stdin.buffer) if STDIN in sources else None
    with ProgressBar("importing", "pages") as bar:
        results = import_pages(
            workspace(ctx), sources, slug, url, update, dry_run, jobs, stdin, progress=bar
        )
    for result in results:
        if dry_run:
            if len(results) > 1:
                typer.echo(f"==> {result.path} <==")
            typer.echo(result.text, nl=False)
        elif result.status == "new":
            typer.echo(f"{result.source}: wrote {result.path} ({result.blocks} blocks)")
        else:
            typer.echo(
                f"{result.source}: {result.status} {result.path}: {result.added} "
                f"block{'' if result.added == 1 else 's'} added, "
                f"{result.changed} changed, {result.removed} removed"
            )


@app.command(short_help="Write the templates and create or update the catalogs.")
@handles_errors
def extract(
    ctx: typer.Context,
    slugs: SlugsArg = None,
    unit: Annotated[
        UnitName | None,
        typer.Option("--unit", help="Entry per block or per sentence (default: the unit setting)."),
    ] = None,
    jobs: JobsOption = None,
    root: CommandRoot = None,
) -> None:
    """Write locales/SLUG.pot and create or update locales/LANG/SLUG.po."""
    from toolkit.extract import extract as run_extract

    chosen = unit.value if unit is not None else None
    for result in run_extract(workspace(ctx, root), slugs, chosen, jobs):
        merged = "; ".join(
            f"{lang}: {s.kept} kept, {s.fuzzy} fuzzy, {s.new} new, {s.obsolete} obsolete"
            for lang, s in result.catalogs.items()
        )
        changed = ", ".join(result.written) if result.written else "nothing (up to date)"
        typer.echo(f"{result.slug}: {result.entries} entries ({merged}); wrote {changed}")
        for lang, s in result.catalogs.items():
            if s.set_aside:
                typer.echo(
                    f"{result.slug}: {lang}: set aside {s.set_aside} translation"
                    f"{'' if s.set_aside == 1 else 's'} as obsolete (#~): "
                    f"{'its' if s.set_aside == 1 else 'their'} source is now split over "
                    "several entries (unit changed?)"
                )
