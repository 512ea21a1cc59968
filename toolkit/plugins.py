"""Third-party extensions found through Python entry points, as Babel finds its extractors.

A newsroom's package declares, in its ``pyproject.toml``::

    [project.entry-points."l10n.engines"]
    libre = "newsroom_l10n.libre:LibreEngine"

and the toolkit finds it by group and name with ``importlib.metadata`` (public API): no
registration code runs until a plugin is asked for, so listing names costs no imports.
Built-ins are never looked up here (a source checkout on ``PYTHONPATH`` has no metadata);
a plugin may not take a built-in's name, nor may two distributions claim the same name.
"""

from __future__ import annotations

from collections.abc import Collection
from importlib.metadata import EntryPoint, entry_points

from toolkit.errors import ToolkitError


class PluginError(ToolkitError):
    """A plugin is broken: it fails to import, or its name is already taken (exit 1)."""


def distribution(point: EntryPoint) -> str | None:
    """``DIST VERSION`` of the distribution that declares ``point``; None when unknown."""
    dist = getattr(point, "dist", None)
    return f"{dist.name} {dist.version}" if dist else None


def origin(point: EntryPoint) -> str:
    """``entry point 'NAME' (GROUP = VALUE) of distribution DIST VERSION``, for messages."""
    dist = distribution(point)
    where = f"distribution {dist}" if dist else "an unknown distribution"
    return f"entry point {point.name!r} ({point.group} = {point.value}) of {where}"


def find(group: str, builtins: Collection[str] = ()) -> dict[str, EntryPoint]:
    """The entry points of ``group`` by name, nothing imported.

    A name that clashes with one of ``builtins``, or that two distributions both declare, is
    refused with a PluginError naming both sides: which one the user meant is not ours to guess.
    """
    found: dict[str, EntryPoint] = {}
    for point in entry_points(group=group):
        if point.name in builtins:
            raise PluginError(f"{origin(point)} takes the name of a built-in; rename it")
        other = found.get(point.name)
        if other is not None and other.value != point.value:
            raise PluginError(f"{origin(point)} clashes with {origin(other)}; remove one")
        found[point.name] = point
    return dict(sorted(found.items()))


def load_one(point: EntryPoint) -> object:
    """The object an entry point names; any failure to import it becomes a PluginError."""
    try:
        return point.load()
    except Exception as exc:  # a plugin's import may fail in any way: say which plugin
        detail = f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
        raise PluginError(f"{origin(point)} failed to load: {detail}") from exc


def load(group: str, builtins: Collection[str] = ()) -> dict[str, object]:
    """Every plugin of ``group``, loaded, by name (see ``find`` for the refusals)."""
    return {name: load_one(point) for name, point in find(group, builtins).items()}
