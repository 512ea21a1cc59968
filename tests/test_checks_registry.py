"""The registry is the one table of checks: the README's table, the build gate and the
driver all read it."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import REPO, l10n
from toolkit.checks.registry import BUILT_IN, CHECKS, all_checks, severity
from toolkit.gates import is_error


def readme_rows() -> list[list[str]]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    table = text.split("| check | what it reports | in `build` |\n|---|---|---|\n", 1)[1]
    rows = []
    for line in table.splitlines():
        if not line.startswith("|"):
            break
        rows.append([cell.strip() for cell in line.strip("|").split("|")])
    return rows


def test_the_readme_table_is_the_registry() -> None:
    assert [(row[0], row[-1]) for row in readme_rows()] == [
        (f"`{c.name}`", c.severity) for c in BUILT_IN
    ]


def test_every_built_in_is_declared_once_and_fully() -> None:
    assert len(CHECKS) == len(BUILT_IN) == 16
    for check in BUILT_IN:
        assert check.severity in {"error", "warning"}
        assert check.needs in {"pair", "glossary", "entry"}
        assert check.family and check.description and check.origin == "built-in"
    assert {c.name for c in BUILT_IN if c.needs == "glossary"} == {"dnt", "glossary"}


def test_the_gate_reads_the_registry() -> None:
    assert [c.name for c in BUILT_IN if is_error(c.name)] == [
        "untranslated", "numbers", "urls", "markup", "placeholders", "dnt", "brackets",
    ]  # fmt: skip
    assert severity("no-such-check") == "error" and is_error("no-such-check")


def test_without_plugins_the_checks_are_the_built_ins() -> None:
    assert all_checks() == BUILT_IN


def test_l10n_check_list_prints_the_registry(tmp_path: Path) -> None:
    code, out, err = l10n(tmp_path, "check", "--list")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert [line.split()[:4] for line in lines] == [
        [c.name, c.severity, c.family, c.needs] for c in BUILT_IN
    ]
    assert lines[1] == (
        "untranslated  error    style        pair      translation is a copy of the source "
        "(names, numbers and URLs excepted)"
    )
    code, out, _ = l10n(tmp_path, "check", "--list", "--json")
    assert code == 0
    assert json.loads(out)[6] == {
        "name": "dnt",
        "severity": "error",
        "family": "glossary",
        "needs": "glossary",
        "description": "do-not-translate glossary terms appear unchanged",
        "origin": "built-in",
    }


def test_the_gate_names_the_built_ins_of_each_severity() -> None:
    from toolkit.gates import ERRORS, WARNINGS

    assert {c.name for c in BUILT_IN if c.severity == "error"} == ERRORS
    assert {c.name for c in BUILT_IN if c.severity == "warning"} == WARNINGS
    assert set(CHECKS) == ERRORS | WARNINGS and not ERRORS & WARNINGS
