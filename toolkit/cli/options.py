"""The options and arguments several commands share, their choices, and the workspace they name.

``--root`` may come before the subcommand (``l10n --root DIR status``) or after it; the one
after wins. ``--engine``'s choices include installed plugins, looked up only when a command
needs them: ``l10n --help`` reads no package metadata.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from toolkit.errors import ToolkitError


def engine_names() -> list[str]:
    from toolkit.mt import base

    return base.engine_names()


def engine_name(value: str) -> str:
    """``--engine``: a built-in or an installed plugin (``toolkit.mt.base.engine_names``),
    looked up only when a command needs them: ``l10n --help`` reads no package metadata."""
    names = engine_names()
    if value not in names:
        raise typer.BadParameter(f"{value!r} is not one of {', '.join(map(repr, names))}.")
    return value


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
CHOICES: dict[str, tuple[str, Callable[[], list[str]]]] = {
    "engine": ("engine", engine_names),
    "unit": ("unit", lambda: [str(member.value) for member in UnitName]),
    "formats": ("format", lambda: [str(member.value) for member in EditionFormat]),
}

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


def workspace(ctx: typer.Context, root: Path | None = None) -> Any:
    """The workspace of ``--root`` (given after the subcommand, or else before it)."""
    from toolkit.config import Workspace

    if root is not None and not root.is_dir():
        raise ToolkitError("no such workspace folder", root)
    chosen: Path = root if root is not None else ctx.obj
    return Workspace.open(chosen)


def target_language(ws: Any, lang: str | None) -> str:
    from toolkit.lang import check_language

    return check_language(lang or ws.config.target_languages[0])
