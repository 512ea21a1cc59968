"""The ``l10n`` command: parse arguments, call the library, render, map errors to exit codes.

Exit codes: 0 ok; 1 error (``Error: PATH:LINE: message`` on stderr; also a plugin that
fails to load, ``toolkit.plugins.PluginError``); 2 usage;
3 ``check`` found problems or ``build`` was refused by the completeness gate.
Heavy modules are imported inside the commands so that ``l10n --help`` stays instant.

The rooms: ``group`` (the ``l10n`` group, workflow order, ``--root`` and ``--version``),
``options`` (the shared options and their choices), ``errors`` (errors to exit codes),
``progress`` (the progress bar), and the commands by workflow: ``articles`` (import,
extract), ``translation`` (translate, models), ``review`` (status, check) and
``publishing`` (build). The library never prints or exits; only these modules do.
"""

from __future__ import annotations

from toolkit.cli import articles, publishing, review, translation
from toolkit.cli.group import app
from toolkit.cli.options import EditionFormat, UnitName
from toolkit.cli.progress import ProgressBar

__all__ = [
    "EditionFormat",
    "ProgressBar",
    "UnitName",
    "app",
    "articles",
    "main",
    "publishing",
    "review",
    "translation",
]


def main() -> None:
    app(prog_name="l10n")
