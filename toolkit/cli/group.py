"""The ``l10n`` group itself: its help, the commands in workflow order, ``--root`` and
``--version`` before the subcommand, and usage errors as one line."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

from toolkit.cli.errors import fail, usage_line
from toolkit.cli.options import RootOption
from toolkit.errors import ToolkitError

# The order a translator meets the commands in, for --help (not the alphabet).
WORKFLOW = ("import", "extract", "translate", "status", "check", "build", "models")


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
            raise usage_line(exc) from None
        except ToolkitError as exc:  # a broken plugin met while reading --engine or --help
            raise fail(exc) from None

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)
        except typer.TyperException as exc:
            raise usage_line(exc) from None
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
