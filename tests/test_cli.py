"""The CLI contract: exit codes and the exact one-line errors, and nothing written on error."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import SAMPLE, l10n, make_workspace


def files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_extract_then_status(sample_workspace: Path) -> None:
    code, out, err = l10n(sample_workspace, "extract")
    assert code == 0, err
    assert out.startswith("sample: 10 entries (es: 0 kept, 0 fuzzy, 10 new, 0 obsolete); wrote ")
    code, out, _ = l10n(sample_workspace, "extract")
    assert out == (
        "sample: 10 entries (es: 10 kept, 0 fuzzy, 0 new, 0 obsolete); wrote nothing (up to date)\n"
    )
    code, out, _ = l10n(sample_workspace, "status", "--json")
    assert code == 0
    data = json.loads(out)
    article = data["articles"][0]
    assert article["entries"] == {"translated": 0, "fuzzy": 0, "untranslated": 10, "total": 10}
    assert article["percent_translated"] == 0.0
    assert data["total"]["words_to_review"] == article["words"]["total"] > 0


BAD_FRONT_MATTER = "---\ntitle: [unclosed\n---\n\nBody.\n"


@pytest.mark.parametrize(
    ("article", "expected"),
    [
        (BAD_FRONT_MATTER, "Error: articles/bad.md:2: malformed front matter: "),
        ("No front matter here.\n", "Error: articles/bad.md:1: missing front matter"),
        ("", "Error: articles/bad.md:1: empty article\n"),
        (
            "---\ntitle: x\n",
            "Error: articles/bad.md:1: front matter is not closed by a '---' line\n",
        ),
        (
            "---\nlanguage: en\n---\nBody\n",
            "Error: articles/bad.md:1: front matter needs a 'title'\n",
        ),
    ],
)
def test_bad_article_is_one_line_error_and_writes_nothing(
    tmp_path: Path, article: str, expected: str
) -> None:
    root = make_workspace(tmp_path, {"bad": article, "good": SAMPLE})
    before = files(root)
    code, _, err = l10n(root, "extract")
    assert code == 1
    assert err.startswith(expected) and err.count("\n") == 1, err
    assert "Traceback" not in err
    assert files(root) == before


def test_non_utf8_article_names_the_line(tmp_path: Path) -> None:
    root = make_workspace(tmp_path, {})
    (root / "articles" / "latin.md").write_bytes(b"---\ntitle: x\n---\n\nCaf\xe9\n")
    code, _, err = l10n(root, "extract")
    assert (code, err) == (1, "Error: articles/latin.md:5: not valid UTF-8 (byte 0xe9)\n")
    assert not (root / "locales").exists()


def test_bom_and_crlf_article_is_accepted(tmp_path: Path) -> None:
    root = make_workspace(tmp_path, {})
    (root / "articles" / "win.md").write_bytes(
        b"\xef\xbb\xbf---\r\ntitle: Windows\r\n---\r\n\r\nA line.\r\nSame paragraph.\r\n"
    )
    code, _, err = l10n(root, "extract")
    assert code == 0, err
    assert 'msgid "A line. Same paragraph."' in (root / "locales/win.pot").read_text("utf-8")


def test_malformed_catalog_names_polib_line_and_writes_nothing(sample_workspace: Path) -> None:
    l10n(sample_workspace, "extract")
    po = sample_workspace / "locales/es/sample.po"
    lines = po.read_text("utf-8").split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith('msgid "Spyware'))
    lines[at] = 'msgid "Spyware in the Americas'
    po.write_text("\n".join(lines), "utf-8")
    (sample_workspace / "articles/sample.md").write_text(SAMPLE.replace("Ten", "Eleven"), "utf-8")
    before = files(sample_workspace)
    code, _, err = l10n(sample_workspace, "extract")
    assert (code, err) == (
        1,
        f"Error: locales/es/sample.po:{at + 1}: malformed catalog: unterminated string\n",
    )
    assert files(sample_workspace) == before


@pytest.mark.parametrize(
    ("args", "code", "expected"),
    [
        (
            ["extract", "../etc"],
            2,
            "Error: invalid article slug '../etc' (letters, digits, '.', '_', '-' only)\n",
        ),
        (
            ["extract", "a/b"],
            2,
            "Error: invalid article slug 'a/b' (letters, digits, '.', '_', '-' only)\n",
        ),
        (["extract", "missing"], 2, "Error: no such article: articles/missing.md\n"),
        (
            ["status", "--lang", "xx-nope"],
            2,
            "Error: unknown language code 'xx-nope' (expected a BCP 47 code such as 'es')\n",
        ),
        (
            ["extract", "--unit", "word"],
            2,
            "Error: unknown unit 'word' (choose from paragraph, sentence)\n",
        ),
        (
            ["status"],
            1,
            "Error: locales/es/sample.po: no such catalog (run 'l10n extract' first)\n",
        ),
    ],
)
def test_usage_errors(sample_workspace: Path, args: list[str], code: int, expected: str) -> None:
    before = files(sample_workspace)
    result = l10n(sample_workspace, *args)
    assert (result[0], result[2]) == (code, expected)
    assert files(sample_workspace) == before


def test_unknown_target_language_in_config(tmp_path: Path) -> None:
    root = make_workspace(tmp_path, {"a": SAMPLE}, 'target_languages = ["zz"]\n')
    code, _, err = l10n(root, "extract")
    # A setting is file content: exit 1, naming the file and line (issue 12).
    assert (code, err) == (
        1,
        "Error: pyproject.toml:2: [tool.l10n] target_languages: unknown language code 'zz' "
        "(expected a BCP 47 code such as 'es')\n",
    )


def test_help_imports_no_machine_translation() -> None:
    # Start-up time itself is measured in benchmarks/bench_startup.py, not asserted here.
    probe = (
        "import sys, contextlib, io\n"
        "from toolkit import cli\n"
        "with contextlib.suppress(SystemExit), contextlib.redirect_stdout(io.StringIO()):\n"
        "    cli.app(['--help'], prog_name='l10n')\n"
        "heavy = [m for m in ('torch', 'stanza', 'spacy', 'argostranslate.translate',"
        " 'ctranslate2', 'polib', 'trafilatura', 'lxml') if m in sys.modules]\n"
        "print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
