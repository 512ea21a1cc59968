"""The toolkit and the translator's own tools (msgmerge, msgcat, msginit, Poedit) take turns
on one catalog without undoing each other: after ``l10n extract`` and ``l10n translate`` on
unchanged articles, a catalog those tools wrote keeps every byte."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from tests.conftest import SAMPLE, l10n, make_workspace
from tests.tools import require_tool

PO = Path("locales/es/sample.po")
POT = Path("locales/sample.pot")

# Poedit 3.2 saves the header in this order, whatever order it read: Language after
# Language-Team, Plural-Forms after Content-Transfer-Encoding, its X-Generator last; it also
# writes its own translator and a local revision date.
POEDIT_HEADER = """\
msgid ""
msgstr ""
"Project-Id-Version: sample\\n"
"Report-Msgid-Bugs-To: \\n"
"POT-Creation-Date: {created}\\n"
"PO-Revision-Date: 2026-12-01 20:05+0100\\n"
"Last-Translator: Ana López <ana@example.org>\\n"
"Language-Team: \\n"
"Language: es\\n"
"MIME-Version: 1.0\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Content-Transfer-Encoding: 8bit\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"
"X-Generator: Poedit 3.2\\n"
"""


def _translated_workspace(tmp_path: Path) -> Path:
    root = make_workspace(tmp_path / "ws", {"sample": SAMPLE})
    assert l10n(root, "extract")[0] == 0
    assert l10n(root, "translate", "sample", "--lang", "es", "--engine", "pseudo")[0] == 0
    return root


def _run(*args: str | Path) -> None:
    subprocess.run([str(a) for a in args], check=True, capture_output=True)


def _unchanged_by_the_toolkit(root: Path) -> str:
    """Run extract and translate; both must leave the catalog's bytes alone."""
    before = (root / PO).read_bytes()
    code, out, err = l10n(root, "extract")
    assert code == 0, err
    assert "nothing (up to date)" in out
    code, out, err = l10n(root, "translate", "sample", "--lang", "es", "--engine", "pseudo")
    assert code == 0, err
    after = (root / PO).read_bytes()
    assert after.decode() == before.decode()
    return after.decode()


def _header(text: str) -> str:
    return text.split("\n\n", 1)[0]


def test_msgmerge_output_survives_extract_and_translate(tmp_path: Path) -> None:
    msgmerge = require_tool("msgmerge")
    root = _translated_workspace(tmp_path)
    _run(msgmerge, "--quiet", "--update", "--backup=off", root / PO, root / POT)
    text = _unchanged_by_the_toolkit(root)
    # msgmerge's own order, which the toolkit used to undo on every extract:
    assert 'Language-Team: Spanish\\n"\n"Language: es\\n' in text


def test_msgcat_output_survives_extract_and_translate(tmp_path: Path) -> None:
    msgcat = require_tool("msgcat")
    root = _translated_workspace(tmp_path)
    _run(msgcat, "--use-first", "-o", root / PO, root / PO)
    _unchanged_by_the_toolkit(root)


def test_msginit_catalog_keeps_its_header(tmp_path: Path) -> None:
    msginit = require_tool("msginit")
    root = make_workspace(tmp_path / "ws", {"sample": SAMPLE})
    assert l10n(root, "extract")[0] == 0
    (root / PO).unlink()
    _run(msginit, "--no-translator", "-l", "es", "-i", root / POT, "-o", root / PO)
    started = (root / PO).read_text(encoding="utf-8")
    assert "Plural-Forms: nplurals=2; plural=(n != 1);" in started

    code, _out, err = l10n(root, "extract")
    assert code == 0, err
    assert (root / PO).read_text(encoding="utf-8") == started  # not CLDR's three forms

    # Filling entries changes those entries, never the header msginit wrote.
    assert l10n(root, "translate", "sample", "--lang", "es", "--engine", "pseudo")[0] == 0
    filled = (root / PO).read_text(encoding="utf-8")
    assert _header(filled) == _header(started)
    _unchanged_by_the_toolkit(root)


def test_poedit_header_layout_survives_extract_and_translate(tmp_path: Path) -> None:
    root = _translated_workspace(tmp_path)
    text = (root / PO).read_text(encoding="utf-8")
    created = re.search(r"POT-Creation-Date: ([^\\]+)\\n", text)
    assert created is not None
    header = POEDIT_HEADER.format(created=created.group(1))
    # The translator reviewed the first entry in Poedit: its fuzzy flag is gone.
    body = text.split("\n\n", 1)[1].replace("#, fuzzy\n", "", 1)
    (root / PO).write_text(f"{header}\n{body}", encoding="utf-8")
    after = _unchanged_by_the_toolkit(root)
    assert _header(after) == header.rstrip("\n")


def test_poedit_header_survives_a_translate_that_fills(tmp_path: Path) -> None:
    root = make_workspace(tmp_path / "ws", {"sample": SAMPLE})
    assert l10n(root, "extract")[0] == 0
    text = (root / PO).read_text(encoding="utf-8")
    created = re.search(r"POT-Creation-Date: ([^\\]+)\\n", text)
    assert created is not None
    header = POEDIT_HEADER.format(created=created.group(1))
    (root / PO).write_text(f"{header}\n{text.split(chr(10) * 2, 1)[1]}", encoding="utf-8")
    assert l10n(root, "translate", "sample", "--lang", "es", "--engine", "pseudo")[0] == 0
    assert _header((root / PO).read_text(encoding="utf-8")) == header.rstrip("\n")


@pytest.mark.parametrize("changed", [True, False])
def test_pot_creation_date_is_the_only_field_updated(tmp_path: Path, changed: bool) -> None:
    """The toolkit owns POT-Creation-Date: it follows the template, and only when the
    template changes; the translator's fields stay as Poedit wrote them."""
    root = _translated_workspace(tmp_path)
    text = (root / PO).read_text(encoding="utf-8")
    header = POEDIT_HEADER.format(created="2020-01-01 00:00+0000")
    (root / PO).write_text(f"{header}\n{text.split(chr(10) * 2, 1)[1]}", encoding="utf-8")
    (root / POT).write_text(
        re.sub(
            r"POT-Creation-Date: [^\\]+",
            "POT-Creation-Date: 2020-01-01 00:00+0000",
            (root / POT).read_text(encoding="utf-8"),
        ),
        encoding="utf-8",
    )
    if changed:
        article = root / "articles" / "sample.md"
        article.write_text(article.read_text(encoding="utf-8") + "\nOne more line.\n")
    assert l10n(root, "extract")[0] == 0
    after = _header((root / PO).read_text(encoding="utf-8"))
    expected = header.rstrip("\n")
    if changed:
        pot = (root / POT).read_text(encoding="utf-8")
        stamp = re.search(r"POT-Creation-Date: ([^\\]+)\\n", pot)
        assert stamp is not None and stamp.group(1) != "2020-01-01 00:00+0000"
        expected = expected.replace("2020-01-01 00:00+0000", stamp.group(1))
    assert after == expected
