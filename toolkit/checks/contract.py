"""The contract between the driver and a check, built-in or a plug-in's.

A check is a function with a name, a severity, a family and a scope (what it needs):

- ``pair``: ``run(pair: Pair) -> Iterable[str]``, called for each (source, translation) of a
  translated entry (a plural entry has several); :class:`~toolkit.checks.pair.Pair` holds the
  texts as written (``src``, ``tgt``), without code, URLs and tags (``src_base``...), and as
  a reader sees the words (``src_prose``...), the languages and the glossary.
- ``glossary``: the same, called only when the language has a glossary (``pair.glossary``).
- ``entry``: ``run(entry: Entry, context: Context) -> Iterable[str]``, once per translated
  entry, for what a text alone does not tell (flags, comments, plural forms).

Each message yielded is one finding, printed ``PATH:LINE: [name] message``. A check never
prints, exits, or changes what it receives. ``severity`` says what a finding does to
``l10n build``: an ``error`` blocks it, a ``warning`` is printed. A plug-in declares all this
with :func:`check` on its function (or the same attributes set by hand); the entry point's
name is the check's name.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast, get_args

if TYPE_CHECKING:
    from toolkit.checks.glossary import Glossary

Severity = Literal["error", "warning"]
Scope = Literal["pair", "glossary", "entry"]
ORIGIN_BUILT_IN = "built-in"
SEVERITIES: tuple[str, ...] = get_args(Severity)
SCOPES: tuple[str, ...] = get_args(Scope)
# What ``# l10n-ignore: a, b`` can name: lower case, no spaces or commas.
NAME = re.compile(r"[a-z][a-z0-9_-]*")


@dataclass(frozen=True, slots=True)
class Context:
    """What an ``entry`` check knows besides its entry (languages are primary subtags)."""

    source_lang: str
    target_lang: str
    glossary: Glossary | None


@dataclass(frozen=True)
class Check:
    """One row of the registry."""

    name: str
    run: Callable[..., Iterable[str]]
    severity: Severity
    family: str
    needs: Scope
    description: str
    origin: str = ORIGIN_BUILT_IN  # or the plug-in's distribution: "newsroom-checks 1.0"


F = TypeVar("F", bound=Callable[..., Iterable[str]])


def check(
    *,
    severity: Severity = "error",
    family: str = "house",
    needs: Scope = "pair",
    description: str | None = None,
) -> Callable[[F], F]:
    """Declare a plug-in check's severity, family and scope (the description defaults to
    the first line of the function's docstring)."""

    def mark(function: F) -> F:
        marks: Any = function
        marks.severity, marks.family, marks.needs = severity, family, needs
        if description is not None:
            marks.description = description
        return function

    return mark


def declared(name: str, run: Any, origin: str) -> Check:
    """The registry row of a plug-in's function; ValueError says what is wrong with it."""
    if not NAME.fullmatch(name):
        raise ValueError(f"{name!r} is not a check name (lower case letters, digits, - and _)")
    if not callable(run):
        raise ValueError(f"{type(run).__name__} object is not callable")
    severity = getattr(run, "severity", "error")
    needs = getattr(run, "needs", "pair")
    family = getattr(run, "family", "house")
    if severity not in SEVERITIES:
        raise ValueError(f"severity {severity!r} is not one of {', '.join(SEVERITIES)}")
    if needs not in SCOPES:
        raise ValueError(f"needs {needs!r} is not one of {', '.join(SCOPES)}")
    if not isinstance(family, str) or not family:
        raise ValueError(f"family {family!r} is not a name")
    description = getattr(run, "description", None)
    if not isinstance(description, str):
        description = (getattr(run, "__doc__", None) or "").strip().split("\n")[0]
    return Check(
        name, run, cast(Severity, severity), family, cast(Scope, needs), description, origin
    )
