"""The commands of machine translation: ``translate`` (pre-fill with an engine, its help
listing the engines, plugins included) and ``models`` (the Argos packages it runs)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperCommand

from toolkit.cli.errors import handles_errors
from toolkit.cli.group import WorkflowGroup, app
from toolkit.cli.options import (
    CommandRoot,
    LangOption,
    SlugsArg,
    engine_name,
    engine_names,
    target_language,
    workspace,
)
from toolkit.cli.progress import ProgressBar
from toolkit.mt.base import MAX_BEAM_SIZE, MAX_THREADS


class TranslateCommand(TyperCommand):
    """``translate``, whose help lists the engines, plugins included (found by entry point:
    their packages are named, not imported)."""

    def format_help(self, ctx: Any, formatter: Any) -> None:
        for param in self.params:
            if param.name == "engine":  # the choices, known only now
                param.metavar = f"<{'|'.join(engine_names())}>"
        super().format_help(ctx, formatter)

    def format_help_text(self, ctx: Any, formatter: Any) -> None:
        super().format_help_text(ctx, formatter)
        from toolkit.mt.base import plugin_engines

        found = plugin_engines()
        if found:
            formatter.write_paragraph()
            formatter.write_text("Plugin engines (installed packages, entry points l10n.engines):")
            rows = [(name, _plugin_line(point)) for name, point in found.items()]
            with formatter.indentation():
                formatter.write_dl(rows, col_max=10, col_spacing=2)


def _plugin_line(point: Any) -> str:
    """The package's own one-line summary (its metadata, so nothing is imported) and name."""
    dist = getattr(point, "dist", None)
    if dist is None:
        return f"from {point.value}"
    summary = (dist.metadata.get("Summary") or "").strip()
    origin = f"from {dist.name} {dist.version}"
    return f"{summary} ({origin})" if summary else origin


@app.command(
    cls=TranslateCommand, short_help="Pre-fill untranslated entries with machine translation."
)
@handles_errors
def translate(
    ctx: typer.Context,
    engine: Annotated[
        str,
        typer.Option("--engine", parser=lambda v: engine_name(v), help="The engine (see above)."),
    ],
    slugs: SlugsArg = None,
    lang: LangOption = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would be filled; write nothing.")
    ] = False,
    refill_fuzzy: Annotated[
        bool,
        typer.Option(
            "--refill-fuzzy", help="Redo machine suggestions that no translator ever reviewed."
        ),
    ] = False,
    beam_size: Annotated[
        int, typer.Option("--beam-size", help=f"argos: beam width, 1 to {MAX_BEAM_SIZE}.")
    ] = 4,
    compute_type: Annotated[
        str, typer.Option("--compute-type", help="argos: CTranslate2 compute type.")
    ] = "auto",
    threads: Annotated[
        int,
        typer.Option(
            "--threads", help=f"argos: parallel workers, 0 (one per core) to {MAX_THREADS}."
        ),
    ] = 0,
    device: Annotated[
        str | None,
        typer.Option(
            "--device",
            help="argos: auto (a GPU if CTranslate2 sees one), cpu or cuda "
            "(default: the device setting, auto).",
        ),
    ] = None,
    scheduler: Annotated[
        str | None,
        typer.Option(
            "--scheduler",
            help="Translate on the workers of this Dask scheduler (tcp://HOST:8786); "
            "'local': on this machine (default: the scheduler setting, else local).",
        ),
    ] = None,
    root: CommandRoot = None,
) -> None:
    """Pre-fill untranslated entries with machine translation, marked fuzzy for review.

    Only untranslated entries are filled (with --refill-fuzzy, also earlier machine
    suggestions nobody reviewed); each gets the fuzzy flag and a translator comment naming
    the engine.

    \b
    Engines (--engine):
      argos     Argos Translate: an installed package (l10n models install FILE) run
                offline through CTranslate2, every sentence of the run in one batch.
      apertium  Apertium's rule-based translation (Debian: apt-get install apertium
                apertium-eng-spa), one process for the whole run.
      pseudo    Pseudo-localization: accented, about 30% longer and bracketed, markup
                intact; to test layouts and the pipeline, not to publish.
      memory    Translation memory: reviewed entries of this language's other catalogs,
                exact or similar (similarity 0.6 and up).
    argos and apertium take reviewed memory's exact matches first. --scheduler runs
    the engine on the workers of a Dask cluster; --device puts argos on a GPU.
    """
    from toolkit.config import DEVICES, valid_scheduler
    from toolkit.errors import UsageError
    from toolkit.fillreport import FAILED, FILLED, NO_MATCH
    from toolkit.mt.base import EngineOptions
    from toolkit.translate import translate as run_translate

    if device is not None and device not in DEVICES:
        raise UsageError(f"unknown device {device!r} (choose from {', '.join(DEVICES)})")
    if scheduler is not None and scheduler != "local" and not valid_scheduler(scheduler):
        raise UsageError(
            f"invalid --scheduler {scheduler!r} (expected an address like tcp://HOST:8786, "
            "or local)"
        )
    ws = workspace(ctx, root)
    options = EngineOptions(
        beam_size=beam_size,
        compute_type=compute_type,
        inter_threads=threads,
        device=device or ws.config.device,
    )
    address = ws.config.scheduler if scheduler is None else scheduler
    with ProgressBar() as bar:
        report = run_translate(
            ws,
            slugs,
            target_language(ws, lang),
            engine,
            options,
            refill_fuzzy=refill_fuzzy,
            dry_run=dry_run,
            progress=bar,
            scheduler=None if address in ("", "local") else address,
        )
    labels = {FILLED: "would fill" if dry_run else "", FAILED: FAILED, NO_MATCH: NO_MATCH}
    for catalog in report.catalogs:
        for outcome in catalog.outcomes:
            label = labels[outcome.status]
            if label:
                detail = f": {outcome.detail}" if outcome.detail else ""
                typer.echo(f"{outcome.path}:{outcome.line}: {label}{detail}")
    counts = [
        f"{'would fill' if dry_run else 'filled'} {report.filled}",
        f"skipped {report.skipped}",
    ]
    if report.unmatched:
        counts.append(f"no match {report.unmatched}")
    counts.append(f"failed protection {report.failed}")
    typer.echo(
        f"{', '.join(counts)} in {report.seconds:.1f} s "
        f"({report.segments_per_second:.1f} segments/s)"
    )
    if report.deduplicated or report.from_memory:
        typer.echo(
            f"work once: {report.deduplicated} repeated sentences translated once, "
            f"{report.from_memory} entries from reviewed translation memory"
        )


models_app = typer.Typer(
    help="Argos Translate models (packages) for the argos engine.",
    cls=WorkflowGroup,
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(models_app, name="models")


@models_app.command("list")
@handles_errors
def models_list() -> None:
    """Installed Argos packages (honours ARGOS_PACKAGES_DIR)."""
    from toolkit.models import list_models, packages_dir

    models = list_models()
    if not models:
        typer.echo(f"no Argos packages installed in {packages_dir()}")
        return
    for model in models:
        typer.echo(f"{model.from_code} -> {model.to_code}  {model.describe()}  {model.path}")


@models_app.command("install")
@handles_errors
def models_install(
    file: Annotated[Path, typer.Argument(help="An .argosmodel package file.")],
) -> None:
    """Install an .argosmodel file (checked first: a bad archive installs nothing)."""
    from toolkit.models import install_model

    model = install_model(file)
    typer.echo(
        f"installed {model.describe()} ({model.from_code} -> {model.to_code}) in {model.path}"
    )
