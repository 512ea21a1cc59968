"""Checks of other packages, registered under the entry point group ``l10n.checks``.

``name = "package.module:function"``: the name is the check's, the function follows
``toolkit.checks.contract``. A plug-in that cannot be imported, or declares something the
contract does not allow, stops the run with one line naming its entry point.
"""

from __future__ import annotations

from importlib.metadata import entry_points

from toolkit.checks.contract import Check, declared
from toolkit.errors import ToolkitError

GROUP = "l10n.checks"


class PluginError(ToolkitError):
    """An installed plug-in cannot be loaded (exit code 1)."""


def plugin_checks(built_in: frozenset[str]) -> tuple[Check, ...]:
    found: dict[str, Check] = {}
    for point in sorted(entry_points(group=GROUP), key=lambda p: p.name):
        where = f"entry point {point.name} = {point.value} ({GROUP})"
        if point.name in built_in or point.name in found:
            raise PluginError(f"{where}: a check named {point.name!r} already exists")
        try:
            run = point.load()
        except Exception as exc:  # any failure of foreign code is reported, in one line
            raise PluginError(f"{where}: cannot be loaded: {type(exc).__name__}: {exc}") from None
        try:
            found[point.name] = declared(point.name, run, where)
        except ValueError as exc:
            raise PluginError(f"{where}: {exc}") from None
    return tuple(found.values())
