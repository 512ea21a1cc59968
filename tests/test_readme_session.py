"""The README's "A session" transcript is real: the test builds the workspace it describes,
runs every ``$ ...`` line of its console block and compares the output, line for line.

The block is parsed, not copied: a command added to the transcript is run too. Understood
are ``l10n ARGS`` (run with ``--root`` set to the scratch workspace, stdout and stderr
interleaved as a terminal shows them, so ``2>&1`` is accepted), ``l10n ARGS | head -N`` and
``echo $?``. Timings ("in 0.3 s (43.3 segments/s)") are the only thing normalized.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from typer.testing import CliRunner

from tests.conftest import SAMPLE, make_workspace
from tests.tools import require_tool
from toolkit.cli import app

README = Path(__file__).resolve().parents[1] / "README.md"
SLUG = "spyware-brief"
GLOSSARY = "term,translation,note\nspyware,software espía,\n"
_TIMING = re.compile(r"in \d+(?:\.\d+)? s \(\d+(?:\.\d+)? segments/s\)")


def session_block(text: str) -> str:
    section = text.split("\n## A session\n", 1)[1].split("\n## ", 1)[0]
    match = re.search(r"```console\n(.*?)\n```", section, re.DOTALL)
    assert match is not None, "no ```console block under '## A session'"
    return match.group(1)


def steps(block: str) -> list[tuple[str, list[str]]]:
    """(command, expected output lines) for every ``$ `` line of the block."""
    out: list[tuple[str, list[str]]] = []
    for line in block.split("\n"):
        if line.startswith("$ "):
            out.append((line[2:], []))
        else:
            assert out, f"output before the first command: {line!r}"
            out[-1][1].append(line)
    return out


def normalized(lines: list[str]) -> list[str]:
    return [_TIMING.sub("in <time>", line) for line in lines]


def run(root: Path, command: str, last_code: int) -> tuple[list[str], int]:
    if command == "echo $?":
        return [str(last_code)], 0
    pipeline = [part.strip() for part in command.split("|")]
    # The terminal shows stdout and stderr together already: "2>&1" changes nothing here.
    args = [arg for arg in shlex.split(pipeline[0]) if arg != "2>&1"]
    assert args[0] == "l10n", f"the transcript runs only l10n commands here: {command!r}"
    result = CliRunner().invoke(app, ["--root", str(root), *args[1:]])
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit
    ), result.exception
    lines = result.output.splitlines()
    for stage in pipeline[1:]:
        head = re.fullmatch(r"head -(?:n ?)?(\d+)", stage)
        assert head is not None, f"unknown pipe stage {stage!r}"
        lines = lines[: int(head.group(1))]
    return lines, result.exit_code


def test_readme_session_is_reproducible(tmp_path: Path) -> None:
    require_tool("apertium")
    root = make_workspace(tmp_path / "scratch", {SLUG: SAMPLE})
    (root / "locales" / "es").mkdir(parents=True)
    (root / "locales" / "es" / "glossary.csv").write_text(GLOSSARY, encoding="utf-8")
    code = 0
    for command, expected in steps(session_block(README.read_text(encoding="utf-8"))):
        actual, code = run(root, command, code)
        assert normalized(actual) == normalized(expected), f"$ {command}"


def test_parser_reads_commands_outputs_and_pipes() -> None:
    block = "$ l10n status\na\nb\n$ l10n x | head -1\nc\n$ echo $?\n3"
    assert steps(block) == [
        ("l10n status", ["a", "b"]),
        ("l10n x | head -1", ["c"]),
        ("echo $?", ["3"]),
    ]
    text = "intro\n## A session\n\nSome words.\n\n```console\n$ l10n a\nout\n```\n\n## Next\n"
    assert session_block(text) == "$ l10n a\nout"
