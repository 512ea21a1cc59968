"""The ``l10n`` command: parse arguments, call the library, render, map errors to exit codes.

Exit codes: 0 ok; 1 error (``Error: PATH:LINE: message`` on stderr); 2 usage;
3 ``check`` found problems or ``build`` was refused by the completeness gate.
Heavy modules are imported inside the commands so that ``l10n --help`` stays instant.
"""

from __future__ import annotations

import functools
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from toolkit.errors import ToolkitError
from toolkit.mt.base import MAX_BEAM_SIZE, MAX_THREADS

app = typer.Typer(
    name="l10n",
    help="Publish news articles in Spanish: extract, machine pre-fill, review, build.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

F = TypeVar("F", bound=Callable[..., Any])

RootOption = Annotated[
    Path, typer.Option("--root", help="Workspace folder (default: the current one).")
]
SlugsArg = Annotated[list[str] | None, typer.Argument(help="Article slugs (default: all).")]
LangOption = Annotated[str | None, typer.Option("--lang", help="Target language (BCP 47).")]
JsonOption = Annotated[bool, typer.Option("--json", help="Machine-readable output.")]
JobsOption = Annotated[
    int | None,
    typer.Option(
        "--jobs",
        "-j",
        min=0,
        help="Processes for many articles (0: one per core; default: the jobs setting, 0).",
    ),
]


def fail(exc: ToolkitError) -> typer.Exit:
    typer.echo(f"Error: {exc}", err=True)
    return typer.Exit(exc.exit_code)


def handles_errors(fn: F) -> F:
    """Turn a ToolkitError into its one-line message and exit code; no traceback."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except ToolkitError as exc:
            raise fail(exc) from None

    return wrapper  # type: ignore[return-value]


def workspace(ctx: typer.Context) -> Any:
    from toolkit.config import Workspace

    root: Path = ctx.obj
    return Workspace.open(root)


@app.callback()
def options(ctx: typer.Context, root: RootOption = Path(".")) -> None:
    if not root.is_dir():
        raise fail(ToolkitError("no such workspace folder", root))
    ctx.obj = root


def target_language(ws: Any, lang: str | None) -> str:
    from toolkit.lang import check_language

    return check_language(lang or ws.config.target_languages[0])


@app.command()
@handles_errors
def extract(
    ctx: typer.Context,
    slugs: SlugsArg = None,
    unit: Annotated[
        str | None, typer.Option("--unit", help="paragraph (default) or sentence.")
    ] = None,
    jobs: JobsOption = None,
) -> None:
    """Write locales/SLUG.pot and create or update locales/LANG/SLUG.po."""
    from toolkit.config import UNITS
    from toolkit.errors import UsageError
    from toolkit.extract import extract as run_extract

    if unit is not None and unit not in UNITS:
        raise UsageError(f"unknown unit {unit!r} (choose from {', '.join(UNITS)})")
    for result in run_extract(workspace(ctx), slugs, unit, jobs):
        merged = "; ".join(
            f"{lang}: {s.kept} kept, {s.fuzzy} fuzzy, {s.new} new, {s.obsolete} obsolete"
            for lang, s in result.catalogs.items()
        )
        changed = ", ".join(result.written) if result.written else "nothing (up to date)"
        typer.echo(f"{result.slug}: {result.entries} entries ({merged}); wrote {changed}")


@app.command()
@handles_errors
def status(
    ctx: typer.Context, slugs: SlugsArg = None, lang: LangOption = None, as_json: JsonOption = False
) -> None:
    """Translated (reviewed), fuzzy and untranslated entries and words."""
    from toolkit.status import status as run_status

    ws = workspace(ctx)
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
            f"{name:<44} {e.translated:>9} {e.fuzzy:>6} {e.untranslated:>9} "
            f"{c.percent:>5.1f}% {c.words_to_review:>18} {flag:>5}"
        )
    for c in stale:
        typer.echo(f"out of date with its article: {c.path}; run 'l10n extract {c.slug}'")
    total = report.total
    for engine, n in total.engines.most_common():
        typer.echo(f"machine-filled, awaiting review: {n} by {engine}")
    for person, n in total.translators.most_common():
        typer.echo(f"reviewed: {n} by {person}")


@app.command()
@handles_errors
def check(
    ctx: typer.Context, slugs: SlugsArg = None, lang: LangOption = None, as_json: JsonOption = False
) -> None:
    """Quality checks on translated and fuzzy entries; exit 3 when anything is found."""
    from toolkit.review import check as run_check

    ws = workspace(ctx)
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


@app.command()
@handles_errors
def build(
    ctx: typer.Context,
    slugs: Annotated[list[str], typer.Argument(help="Article slugs.")],
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
        list[str] | None,
        typer.Option(
            "--format",
            help="Only this edition: markdown, html, bilingual-html or bilingual-markdown "
            "(repeatable; default: all four).",
        ),
    ] = None,
    jobs: JobsOption = None,
    no_check: Annotated[
        bool,
        typer.Option(
            "--no-check", help="Build even if 'l10n check' finds errors in what is published."
        ),
    ] = False,
) -> None:
    """Write the translated and bilingual editions to build/SLUG/ (Markdown and HTML)."""
    from toolkit.build import build as run_build
    from toolkit.errors import CheckGateError

    ws = workspace(ctx)
    from toolkit.editions import FORMATS

    try:
        results = run_build(
            ws,
            slugs,
            target_language(ws, lang),
            min_translated,
            include_fuzzy,
            formats or FORMATS,
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


@app.command()
@handles_errors
def translate(
    ctx: typer.Context,
    slugs: Annotated[list[str], typer.Argument(help="Article slugs.")],
    engine: Annotated[str, typer.Option("--engine", help="argos, apertium, pseudo or memory.")],
    lang: LangOption = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would be filled; write nothing.")
    ] = False,
    refill_fuzzy: Annotated[
        bool,
        typer.Option("--refill-fuzzy", help="Redo entries machine translation filled before."),
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
) -> None:
    """Pre-fill untranslated entries with machine translation, marked fuzzy for review."""
    from toolkit.config import DEVICES, valid_scheduler
    from toolkit.errors import UsageError
    from toolkit.mt.base import EngineOptions
    from toolkit.translate import FAILED, FILLED, NO_MATCH
    from toolkit.translate import translate as run_translate

    if device is not None and device not in DEVICES:
        raise UsageError(f"unknown device {device!r} (choose from {', '.join(DEVICES)})")
    if scheduler is not None and scheduler != "local" and not valid_scheduler(scheduler):
        raise UsageError(
            f"invalid --scheduler {scheduler!r} (expected an address like tcp://HOST:8786, "
            "or local)"
        )
    ws = workspace(ctx)
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


class ProgressBar:
    """A rich progress bar on stderr, shown only on a terminal and once a run takes a while."""

    DELAY = 0.5  # seconds before the bar appears: quick runs stay quiet

    def __init__(self) -> None:
        import time

        self._clock = time.monotonic
        self._started = self._clock()
        self._bar: Any = None
        self._task: Any = None

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()

    def __call__(self, done: int, total: int) -> None:
        if self._bar is None:
            if not sys.stderr.isatty() or self._clock() - self._started < self.DELAY:
                return
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

            self._bar = Progress(
                "translating",
                BarColumn(),
                MofNCompleteColumn(),
                "segments",
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self._task = self._bar.add_task("translate", total=total)
            self._bar.start()
        self._bar.update(self._task, completed=done, total=total)


models_app = typer.Typer(
    help="Argos Translate models (packages) for the argos engine.", no_args_is_help=True
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


def main() -> None:
    app(prog_name="l10n")


if __name__ == "__main__":  # pragma: no cover
    main()
