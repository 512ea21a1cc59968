"""Every help text of ``l10n``, byte for byte (issue 16): the commands moved into rooms of
``toolkit/cli/`` and their help did not change. The golden files were written by the
one-module CLI; set L10N_UPDATE_GOLDEN=1 to rewrite them after an intended change."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from tests.golden_util import assert_golden
from toolkit.cli import app

COMMANDS = [
    [],
    ["import"],
    ["extract"],
    ["translate"],
    ["status"],
    ["check"],
    ["build"],
    ["models"],
    ["models", "list"],
    ["models", "install"],
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: "-".join(c) or "l10n")
def test_help_is_unchanged(command: list[str]) -> None:
    # No plugin engine is installed here (tests/test_cli_translator.py says so), so the
    # help of translate lists the built-in engines only.
    result = CliRunner().invoke(app, [*command, "--help"], env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.output
    assert_golden(f"help/{'-'.join(command) or 'l10n'}.txt", result.stdout)
