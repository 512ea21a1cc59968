"""Checks of other packages, registered under the entry point group ``l10n.checks``.

``name = "package.module:function"`` in the package's ``[project.entry-points."l10n.checks"]``:
the name is the check's, the function follows ``toolkit.checks.contract``. Found and loaded
by ``toolkit.plugins`` (the one loader): a plug-in that cannot be imported, takes a built-in's
name, or declares what the contract does not allow stops the run with one line naming its
entry point and distribution (``PluginError``, exit 1).
"""

from __future__ import annotations

from collections.abc import Collection

from toolkit import plugins
from toolkit.checks.contract import Check, declared

GROUP = "l10n.checks"


def plugin_checks(built_in: Collection[str]) -> tuple[Check, ...]:
    """Every installed plug-in check, in the order of their names."""
    found: list[Check] = []
    for name, point in plugins.find(GROUP, built_in).items():
        where = plugins.origin(point)
        source = plugins.distribution(point) or "an unknown distribution"
        try:
            found.append(declared(name, plugins.load_one(point), source))
        except ValueError as exc:
            raise plugins.PluginError(f"{where} is not a check: {exc}") from None
    return tuple(found)
