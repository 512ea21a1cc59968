"""The acceptance of machine pre-fill with Argos, through the CLI and a model built here.

`l10n models install` installs the offline copy model (it outputs its input), then
`l10n translate --engine argos` must fill every untranslated entry with its own source text
(placeholders restored), fuzzy and commented, and leave reviewed entries byte-identical.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from typer.testing import CliRunner

from tests.mtworkspace import PO, SLUG, entry_blocks, make_workspace, read_po, write_po
from toolkit.cli import app
from toolkit.entry import mt_engine

runner = CliRunner()


def test_install_list_and_translate_with_argos(
    argos_packages: Path, copy_argosmodel: Path, tmp_path: Path
) -> None:
    result = runner.invoke(app, ["models", "install", str(copy_argosmodel)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("installed translate-en_es ")
    listed = runner.invoke(app, ["models", "list"])
    assert listed.stdout.startswith("en -> es  translate-en_es ")

    ws = make_workspace(tmp_path / "ws")
    catalog = read_po(ws)
    reviewed = catalog.entries[1]
    reviewed.msgstr = "Traducción revisada por una persona."
    write_po(ws, catalog)
    before = entry_blocks((ws.root / PO).read_text("utf-8"))

    result = runner.invoke(
        app, ["--root", str(ws.root), "translate", SLUG, "--lang", "es", "--engine", "argos"]
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("filled 12, skipped 1, failed protection 0 in ")

    after_text = (ws.root / PO).read_text("utf-8")
    after = read_po(ws)
    for entry in after.live:
        if entry.msgid == reviewed.msgid:
            assert entry.msgstr == reviewed.msgstr and not entry.fuzzy
            continue
        # The copy model gives back each sentence: markup, names and numbers intact.
        assert entry.msgstr == entry.msgid
        assert entry.fuzzy
        assert (mt_engine(entry) or "").startswith("argos translate-en_es ")
    key = next(k for k in before if reviewed.msgid[:30] in k)
    assert entry_blocks(after_text)[key] == before[key]


def test_install_refuses_zip_slip(argos_packages: Path, tmp_path: Path) -> None:
    bad = tmp_path / "evil.argosmodel"
    with zipfile.ZipFile(bad, "w") as archive:
        archive.writestr("pkg/metadata.json", '{"from_code": "en", "to_code": "es"}')
        archive.writestr("pkg/../../escape.txt", "x")
    result = runner.invoke(app, ["models", "install", str(bad)])
    assert result.exit_code == 1
    assert result.stderr.startswith(f"Error: {bad}: ")
    assert result.stderr.count("\n") == 1
    assert list(argos_packages.iterdir()) == []
    assert not (tmp_path / "escape.txt").exists()


def test_translate_without_a_model_names_the_fix(argos_packages: Path, tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    before = (ws.root / PO).read_bytes()
    result = runner.invoke(
        app, ["--root", str(ws.root), "translate", SLUG, "--lang", "es", "--engine", "argos"]
    )
    assert result.exit_code == 1
    assert "argospm install translate-en_es" in result.stderr
    assert "l10n models install" in result.stderr
    assert result.stderr.count("\n") == 1
    assert (ws.root / PO).read_bytes() == before
