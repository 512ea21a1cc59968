"""Checks from other packages (issue 16): the README's house-style check, installed for real
from a tiny wheel, is found through the ``l10n.checks`` entry point and run by ``l10n check``
like a built-in: its findings, its silence, its severity at the build gate, its place in
``l10n check --list``; a broken plug-in is one line naming its entry point, exit 1."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.conftest import REPO, make_workspace
from tests.conftest import l10n as in_process
from tests.plugin_wheel import install_plugin, l10n
from toolkit.catalog import read_catalog, write_catalog

README = REPO / "README.md"
ARTICLE = """\
---
title: Spying in the US
---

The agencies of the U.S. bought the spyware.

Nobody answered.
"""
TRANSLATIONS = {
    "Spying in the US": "Espionaje en EE. UU.",
    "The agencies of the U.S. bought the spyware.": "Las agencias de EE.UU. compraron el programa.",
    "Nobody answered.": "Nadie respondió.",
}


def readme_example() -> tuple[str, str]:
    """The entry point line and the module of the README's "A house-style check"."""
    text = README.read_text(encoding="utf-8")
    section = text.split("### A house-style check\n", 1)[1].split("\n### ", 1)[0]
    toml = re.search(r"```toml\n(.*?)```", section, re.S)
    python = re.search(r"```python\n(.*?)```", section, re.S)
    assert toml and python, "the README's example lost its code blocks"
    assert '[project.entry-points."l10n.checks"]' in toml.group(1)
    return toml.group(1).splitlines()[1], python.group(1)


def install(tmp_path: Path, source: str, points: dict[str, str]) -> Path:
    return install_plugin(
        tmp_path / "plugin", "newsroom-checks", {"newsroom_checks": source}, {"l10n.checks": points}
    )


@pytest.fixture(scope="module")
def house(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The README's example, installed once."""
    line, source = readme_example()
    name, value = (part.strip().strip('"') for part in line.split("="))
    return install(tmp_path_factory.mktemp("house"), source, {name: value})


@pytest.fixture
def root(tmp_path: Path) -> Path:
    ws = make_workspace(tmp_path / "ws", {"us": ARTICLE})
    assert in_process(ws, "extract")[0] == 0
    po = ws / "locales/es/us.po"
    catalog = read_catalog(po, "po")
    for entry in catalog.entries:
        entry.msgstr = TRANSLATIONS[entry.msgid]
    write_catalog(po, catalog, "po")
    return ws


def line_of(root: Path, msgid: str) -> int:
    catalog = read_catalog(root / "locales/es/us.po", "po")
    return next(e.line for e in catalog.entries if e.msgid == msgid)


def test_the_readme_check_is_found_and_run(house: Path, root: Path) -> None:
    run = l10n(house, root, "check")
    line = line_of(root, "The agencies of the U.S. bought the spyware.")
    assert (run.returncode, run.stderr) == (3, "")
    assert run.stdout == (
        f'locales/es/us.po:{line}: [eeuu] write "EE. UU." (with a space), not "EE.UU."\n'
        "1 finding(s) in 3 entries checked, 0 silenced\n"
    )
    # Without the plug-in on the path, the same catalog is clean.
    assert in_process(root, "check")[:2] == (0, "0 finding(s) in 3 entries checked, 0 silenced\n")


def test_a_translator_silences_it_by_name(house: Path, root: Path) -> None:
    po = root / "locales/es/us.po"
    catalog = read_catalog(po, "po")
    for entry in catalog.entries:
        if "U.S." in entry.msgid:
            entry.translator_comments = ["l10n-ignore: eeuu"]
    write_catalog(po, catalog, "po")
    run = l10n(house, root, "check")
    assert (run.returncode, run.stdout) == (0, "0 finding(s) in 3 entries checked, 1 silenced\n")


def test_it_is_listed_with_its_distribution(house: Path, root: Path) -> None:
    run = l10n(house, root, "check", "--list")
    assert run.returncode == 0
    lines = run.stdout.splitlines()
    assert lines[-1].split() == [
        "eeuu", "warning", "house", "pair", "Estados", "Unidos", "abbreviated", '"EE.', 'UU.",',
        "with", "its", "space", "[newsroom-checks", "1.0]",
    ]  # fmt: skip
    assert [line.split()[0] for line in lines[:-1]][:3] == ["validity", "untranslated", "numbers"]


def test_its_severity_decides_the_build_gate(tmp_path: Path, root: Path) -> None:
    # A warning (the README's) is printed and never blocks; the same check as an error does.
    _, source = readme_example()
    site = install(tmp_path, source.replace('severity="warning"', 'severity="error"'),
                   {"eeuu": "newsroom_checks:eeuu"})  # fmt: skip
    run = l10n(site, root, "build")
    assert run.returncode == 3
    assert "[eeuu]" in run.stderr
    assert "1 finding(s) of 'l10n check' in what the edition would publish (eeuu)" in run.stderr
    assert not (root / "build").exists()


def test_an_entry_check_receives_the_entry_and_its_context(tmp_path: Path, root: Path) -> None:
    source = (
        "from toolkit.checks.contract import check\n\n"
        '@check(needs="entry", severity="warning")\n'
        "def reviewer(entry, context):\n"
        '    """a reviewed entry names its reviewer"""\n'
        "    if not entry.fuzzy and not entry.translator_comments:\n"
        '        yield f"reviewed {context.source_lang}->{context.target_lang} without a name"\n'
    )
    site = install(tmp_path, source, {"reviewer": "newsroom_checks:reviewer"})
    run = l10n(site, root, "check")
    assert run.returncode == 3
    found = [line for line in run.stdout.splitlines() if "[reviewer]" in line]
    assert len(found) == 3
    assert found[0].endswith("[reviewer] reviewed en->es without a name")


@pytest.mark.parametrize(
    ("source", "points", "message"),
    [
        (
            "import newsroom_secrets\n",
            {"eeuu": "newsroom_checks:eeuu"},
            "Error: entry point 'eeuu' (l10n.checks = newsroom_checks:eeuu) of distribution "
            "newsroom-checks 1.0 failed to load: "
            "ModuleNotFoundError: No module named 'newsroom_secrets'",
        ),
        (
            "def numbers(pair):\n    return []\n",
            {"numbers": "newsroom_checks:numbers"},
            "Error: entry point 'numbers' (l10n.checks = newsroom_checks:numbers) of distribution "
            "newsroom-checks 1.0 takes the name of a built-in; rename it",
        ),
        (
            "def eeuu(pair):\n    return []\n\neeuu.severity = 'fatal'\n",
            {"eeuu": "newsroom_checks:eeuu"},
            "Error: entry point 'eeuu' (l10n.checks = newsroom_checks:eeuu) of distribution "
            "newsroom-checks 1.0 is not a check: severity 'fatal' is not one of error, warning",
        ),
        (
            "EEUU = 'EE. UU.'\n",
            {"eeuu": "newsroom_checks:EEUU"},
            "Error: entry point 'eeuu' (l10n.checks = newsroom_checks:EEUU) of distribution "
            "newsroom-checks 1.0 is not a check: str object is not callable",
        ),
    ],
    ids=["import-fails", "built-in-name", "bad-severity", "not-callable"],
)
def test_a_broken_plugin_is_one_line(
    tmp_path: Path, root: Path, source: str, points: dict[str, str], message: str
) -> None:
    site = install(tmp_path, source, points)
    for args in (("check",), ("check", "--list"), ("build",)):
        run = l10n(site, root, *args)
        assert (run.returncode, run.stdout, run.stderr) == (1, "", message + "\n"), args
    assert not (root / "build").exists()


def test_a_plugin_check_that_fails_while_checking_is_one_line(tmp_path: Path, root: Path) -> None:
    source = "def eeuu(pair):\n    return [len(pair.tgt) / 0]\n"
    site = install(tmp_path, source, {"eeuu": "newsroom_checks:eeuu"})
    run = l10n(site, root, "check")
    line = line_of(root, "Spying in the US")
    assert (run.returncode, run.stdout) == (1, "")
    assert run.stderr == (
        f"Error: locales/es/us.po:{line}: check 'eeuu' of newsroom-checks 1.0 failed: "
        "ZeroDivisionError: division by zero\n"
    )
