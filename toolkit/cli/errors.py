"""Errors to exit codes: every error is one line ``Error: message`` on stderr, no traceback.

A ``ToolkitError`` exits with the code its class carries (``toolkit.errors``: 1, 2 or 3);
Ctrl-C exits 130 with nothing written (``toolkit.interrupts.guarded``); a usage error Typer
finds exits 2, an unknown choice with a suggestion.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any, TypeVar

import typer

from toolkit.cli.options import CHOICES
from toolkit.errors import ToolkitError

F = TypeVar("F", bound=Callable[..., Any])

_BAD_CHOICE = re.compile(r"'((?:[^'\\]|\\.)*)' is not one of")


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


def usage_line(exc: typer.TyperException) -> typer.Exit:
    """Print a usage error as the one line ``Error: message`` (exit 2), like every other
    error; Typer's own form adds the usage and a hint. Help on no arguments stays help."""
    if getattr(exc, "exit_code", 1) != 2 or type(exc).__name__ == "NoArgsIsHelpError":
        raise exc
    message = exc.format_message()
    param = getattr(exc, "param", None)
    choice = CHOICES.get(getattr(param, "name", None) or "")
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
