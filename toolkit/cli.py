"""The ``l10n`` command: parse arguments, call the library, render, map errors to exit codes.

Exit codes: 0 ok; 1 error (``Error: PATH:LINE: message`` on stderr; also a plugin that
fails to load, ``toolkit.plugins.PluginError``); 2 usage;
3 ``check`` found problems or ``build`` was refused by the completeness gate.
Heavy modules are imported inside the commands so that ``l10n --help`` stays instant.
"""

from __future__ import annotations

import functools
import json
import re
import sys
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer
from typer.core import TyperCommand, TyperGroup

from toolkit.errors import ToolkitError
from toolkit.mt.base import MAX_BEAM_SIZE, MAX_THREADS

# The order a translator meets the commands in, for --help (not the alphabet).
WORKFLOW = ("import", "extract", "translate", "status", "check", "build", "models")


def _engine_names() -> list[str]:
    from toolkit.mt.base import engine_names

    return engine_names()


def _engine_name(value: str) -> str:
    """``--engine``: a built-in or an installed plugin (``toolkit.mt.base.engine_names``),
    looked up only when a command needs them: ``l10n --help`` reads no package metadata."""
    names = _engine_names()
    if value not in names:
        raise typer.BadParameter(f"{value!r} is not one of {', '.join(map(repr, names))}.")
    return value


class TranslateCommand(TyperCommand):
    """``translate``, whose help lists the engines, plugins included (found by entry point:
    their packages are named, not imported)."""

    def format_help(self, ctx: Any, formatter: Any) -> None:
        for param in self.params:
            if param.name == "engine":  # the choices, known only now
                param.metavar = f"<{'|'.join(_engine_names())}>"
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


class UnitName(StrEnum):
    """``--unit``: ``toolkit.config.UNITS``."""

    paragraph = "paragraph"
    sentence = "sentence"


class EditionFormat(StrEnum):
    """``--format``: ``toolkit.editions.FORMATS``."""

    markdown = "markdown"
    html = "html"
    bilingual_html = "bilingual-html"
    bilingual_markdown = "bilingual-markdown"


# Option name -> (what the message calls it, its choices), for one-line choice errors.
_CHOICES: dict[str, tuple[str, Callable[[], list[str]]]] = {
    "engine": ("engine", _engine_names),
    "unit": ("unit", lambda: [str(member.value) for member in UnitName]),
    "formats": ("format", lambda: [str(member.value) for member in EditionFormat]),
}
_BAD_CHOICE = re.compile(r"'((?:[^'\\]|\\.)*)' is not one of")


def _usage_line(exc: typer.TyperException) -> typer.Exit:
    """Print a usage error as the one line ``Error: message`` (exit 2), like every other
    error; Typer's own form adds the usage and a hint. Help on no arguments stays help."""
    if getattr(exc, "exit_code", 1) != 2 or type(exc).__name__ == "NoArgsIsHelpError":
        raise exc
    message = exc.format_message()
    param = getattr(exc, "param", None)
    choice = _CHOICES.get(getattr(param, "name", None) or "")
    found = _BAD_CHOICE.search(message)
    if isinstance(exc, typer.BadParameter) and choice is not None and found is not None:
        import difflib

        label, names = choice
        values = names()
        message = f"unknown {label} {found.group(1)!r} (choose from {', '.join(values)})"
        close = difflib.get_close_matches(found.group(1), values, n=1)
        if close:
            message += f"; did you mean {close[0]!r}?"
    typer.echo(f"Error: {message}", err=True)
    return typer.Exit(2)


class WorkflowGroup(TyperGroup):
    """Commands in workflow order; usage errors as one line."""

    def list_commands(self, ctx: Any) -> list[str]:
        names = super().list_commands(ctx)
        rank = {name: i for i, name in enumerate(WORKFLOW)}
        return sorted(names, key=lambda name: rank.get(name, len(WORKFLOW)))

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().make_context(*args, **kwargs)
        except typer.TyperException as exc:
            raise _usage_line(exc) from None
        except ToolkitError as exc:  # a broken plugin met while reading --engine or --help
            raise fail(exc) from None

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except typer.TyperException as exc:
            raise _usage_line(exc) from None
        except ToolkitError as exc:
            raise fail(exc) from None


app = typer.Typer(
    name="l10n",
    help="Publish news articles in Spanish: extract, machine pre-fill, review, build.",
    cls=WorkflowGroup,
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help: no <bool> after flags, brackets kept as written
)

F = TypeVar("F", bound=Callable[..., Any])

RootOption = Annotated[
    Path, typer.Option("--root", help="Workspace folder (default: the current one).")
]
# The same option after the subcommand (``l10n status --root DIR``); it wins over the first.
CommandRoot = Annotated[
    Path | None,
    typer.Option("--root", help="Workspace folder (default: the current one).", show_default=False),
]
SlugsArg = Annotated[
    list[str] | None, typer.Argument(metavar="SLUG", help="Article slugs (default: all).")
]
LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        help="Target language, BCP 47. [default: the first of target_languages, es]",
    ),
]
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
        from toolkit.interrupts import guarded

        try:
            with guarded():  # exit 130 (Ctrl-C) means nothing was written
                return fn(*args, **kwargs)
        except ToolkitError as exc:
            raise fail(exc) from None

    return wrapper  # type: ignore[return-value]


def workspace(ctx: typer.Context, root: Path | None = None) -> Any:
    """The workspace of ``--root`` (given after the subcommand, or else before it)."""
    from toolkit.config import Workspace

    if root is not None and not root.is_dir():
        raise ToolkitError("no such workspace folder", root)
    chosen: Path = root if root is not None else ctx.obj
    return Workspace.open(chosen)


def _version(value: bool) -> None:
    if value:
        from importlib.metadata import version

        typer.echo(f"l10n {version('article-l10n')}")
        raise typer.Exit()


@app.callback()
def options(
    ctx: typer.Context,
    root: RootOption = Path("."),
    show_version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version."),
    ] = False,
) -> None:
    if not root.is_dir():
        raise fail(ToolkitError("no such workspace folder", root))
    ctx.obj = root


def target_language(ws: Any, lang: str | None) -> str:
    from toolkit.lang import check_language

    return check_language(lang or ws.config.target_languages[0])


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


@app.command(
    cls=TranslateCommand, short_help="Pre-fill untranslated entries with machine translation."
)
@handles_errors
def translate(
    ctx: typer.Context,
    engine: Annotated[
        str,
        typer.Option("--engine", parser=lambda v: _engine_name(v), help="The engine (see above)."),
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


class ProgressBar:
    """A rich progress bar on stderr, shown only on a terminal and once a run takes a while."""

    DELAY = 0.5  # seconds before the bar appears: quick runs stay quiet

    def __init__(self, label: str = "translating", unit: str = "segments") -> None:
        import time

        self._label, self._unit = label, unit
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
                self._label,
                BarColumn(),
                MofNCompleteColumn(),
                self._unit,
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self._task = self._bar.add_task("translate", total=total)
            self._bar.start()
        self._bar.update(self._task, completed=done, total=total)


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


def main() -> None:
    app(prog_name="l10n")


if __name__ == "__main__":  # pragma: no cover
    main()
