"""The CLI a translator meets in the first hour (issue 13): --root in either place, unknown
slugs and languages as usage errors, choices listed and checked, defaults shown."""

from __future__ import annotations

import re
import shutil
from importlib.metadata import version
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import SAMPLE, make_workspace
from toolkit.cli import EditionFormat, UnitName, app
from toolkit.config import UNITS
from toolkit.editions import FORMATS
from toolkit.mt.base import ENGINES, engine_names

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, list(args))
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit
    ), result.exception
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture
def root(tmp_path: Path) -> Path:
    ws = make_workspace(tmp_path / "ws", {"one": SAMPLE, "two": SAMPLE})
    assert run("--root", str(ws), "extract")[0] == 0
    return ws


def test_choices_are_the_registries() -> None:
    assert engine_names() == sorted(ENGINES)  # no plugin engine installed here
    assert tuple(u.value for u in UnitName) == UNITS
    assert tuple(f.value for f in EditionFormat) == tuple(FORMATS)


@pytest.mark.parametrize(
    "command",
    [
        ["extract"],
        ["translate", "--engine", "pseudo"],
        ["status"],
        ["check"],
        ["build", "--include-fuzzy", "--min-translated", "0"],
    ],
)
def test_root_after_the_subcommand(root: Path, command: list[str]) -> None:
    twin = root.parent / "twin"
    shutil.copytree(root, twin)
    before = run("--root", str(root), *command)
    after = run(*command, "--root", str(twin))
    assert after[0] == before[0] and after[0] in (0, 3)
    timing = re.compile(r"in \d+\.\d s \(\d+\.\d segments/s\)")
    assert timing.sub("", after[1]) == timing.sub("", before[1])
    assert sorted(p.relative_to(twin) for p in twin.rglob("*")) == sorted(
        p.relative_to(root) for p in root.rglob("*")
    )


def test_root_after_the_subcommand_must_exist(tmp_path: Path) -> None:
    code, _, err = run("status", "--root", str(tmp_path / "nope"))
    assert (code, err) == (1, f"Error: {tmp_path / 'nope'}: no such workspace folder\n")


@pytest.mark.parametrize(
    "command",
    [
        ["extract"],
        ["translate", "--engine", "pseudo"],
        ["status"],
        ["check"],
        ["build"],
    ],
)
def test_unknown_slug_is_a_usage_error_everywhere(root: Path, command: list[str]) -> None:
    before = sorted(p.as_posix() for p in root.rglob("*"))
    code, out, err = run("--root", str(root), command[0], "nosuch", *command[1:])
    assert (code, out, err) == (2, "", "Error: no such article: articles/nosuch.md\n")
    assert sorted(p.as_posix() for p in root.rglob("*")) == before


def test_translate_into_a_language_that_is_no_target(root: Path) -> None:
    code, _, err = run("--root", str(root), "translate", "--lang", "fr", "--engine", "pseudo")
    assert (code, err) == (
        2,
        "Error: 'fr' is not a target language: add it to target_languages in [tool.l10n] "
        "(pyproject.toml), then run 'l10n extract'\n",
    )


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["translate", "--engine", "pseudoo"],
            "Error: unknown engine 'pseudoo' (choose from apertium, argos, memory, pseudo); "
            "did you mean 'pseudo'?\n",
        ),
        (
            ["extract", "--unit", "sentense"],
            "Error: unknown unit 'sentense' (choose from paragraph, sentence); "
            "did you mean 'sentence'?\n",
        ),
        (
            ["build", "--format", "htm"],
            "Error: unknown format 'htm' (choose from markdown, html, bilingual-html, "
            "bilingual-markdown); did you mean 'html'?\n",
        ),
    ],
)
def test_a_typo_in_a_choice_gets_did_you_mean(root: Path, args: list[str], message: str) -> None:
    assert run("--root", str(root), *args)[::2] == (2, message)


def test_help_lists_the_choices_and_the_defaults() -> None:
    helps = {name: run(name, "--help")[1] for name in ("extract", "translate", "build")}
    assert "<apertium|argos|memory|pseudo>" in helps["translate"]
    assert "<paragraph|sentence>" in helps["extract"]
    assert "markdown|html|bilingual-html|bilingual-markdown" in helps["build"]
    lang = re.search(r"--lang <str>\s+(.*?)\n  --", helps["build"], re.DOTALL)
    assert lang is not None
    assert "[default: the first of target_languages, es]" in " ".join(lang.group(1).split())


def test_no_help_shows_bool() -> None:
    for args in ([], ["extract"], ["translate"], ["status"], ["check"], ["build"], ["models"]):
        code, out, _ = run(*args, "--help")
        assert code == 0
        assert "<bool>" not in out, args


def test_every_engine_is_explained_in_translate_help() -> None:
    out = run("translate", "--help")[1]
    for name in ENGINES:
        line = re.search(rf"^\s+{name}\s+(\S.*)$", out, re.MULTILINE)
        assert line is not None and len(line.group(1)) > 20, name


def test_commands_in_workflow_order() -> None:
    out = run("--help")[1]
    listed = re.findall(r"^  (\w+)  ", out.split("Commands:")[1], re.MULTILINE)
    expected = [n for n in ("import", "extract", "translate", "status", "check", "build")]
    assert [n for n in listed if n != "models"] == [n for n in expected if n in listed]
    assert listed[-1] == "models"


def test_version() -> None:
    assert run("--version") == (0, f"l10n {version('article-l10n')}\n", "")


def test_translate_and_build_default_to_every_article(root: Path) -> None:
    code, out, _ = run("--root", str(root), "translate", "--engine", "pseudo")
    assert code == 0 and out.startswith("filled 20, skipped 0,")
    code, out, _ = run("--root", str(root), "build", "--include-fuzzy", "--min-translated", "0")
    assert code in (0, 3)
    assert "wrote build/one/one.es.md" in out and "wrote build/two/two.es.md" in out
