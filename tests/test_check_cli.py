"""``l10n check`` end to end: findings with their lines, exit codes 0 and 3, JSON."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from tests.conftest import make_workspace
from toolkit.catalog import read_catalog, write_catalog
from toolkit.cli import app

ARTICLE = """\
---
title: The Report
---

The agencies paid $80 million in 2016.

Read [the report](https://example.org/report) by NSO Group.

Is the spyware legal?

It spied on 70 journalists.

Nothing to see here.
"""

GOOD = {
    "The Report": "El informe",
    "The agencies paid $80 million in 2016.": "Las dependencias pagaron 80 millones de dólares en 2016.",
    "Read [the report](https://example.org/report) by NSO Group.": (
        "Lea [el informe](https://example.org/report) de NSO Group."
    ),
    "Is the spyware legal?": "¿Es legal el software espía?",
    "It spied on 70 journalists.": "Espió a 70 periodistas.",
    "Nothing to see here.": "Nada que ver aquí.",
}

BAD = {
    "The agencies paid $80 million in 2016.": "Las dependencias pagaron 90 millones de dólares en 2016.",
    "Read [the report](https://example.org/report) by NSO Group.": (
        "Lea [el informe](https://example.org/otro) de Grupo NSO."
    ),
    "Is the spyware legal?": "Es legal el software espía?",
    "It spied on 70 journalists.": "Espió a 70 periodistas",
}

runner = CliRunner()


def workspace(tmp_path: Path, translations: dict[str, str]) -> Path:
    root = make_workspace(tmp_path / "ws", {"report": ARTICLE})
    glossary = root / "locales/es/glossary.csv"
    glossary.parent.mkdir(parents=True)
    glossary.write_text("term,translation,note\nNSO Group,,company name\n", "utf-8")
    assert runner.invoke(app, ["--root", str(root), "extract"]).exit_code == 0
    po = root / "locales/es/report.po"
    catalog = read_catalog(po, "po")
    for entry in catalog.entries:
        entry.msgstr = translations.get(entry.msgid, GOOD[entry.msgid])
    write_catalog(po, catalog, "po")
    return root


def line_of(root: Path, msgid: str) -> int:
    catalog = read_catalog(root / "locales/es/report.po", "po")
    return next(e.line for e in catalog.entries if e.msgid == msgid)


def test_clean_catalog_exits_0(tmp_path: Path) -> None:
    root = workspace(tmp_path, {})
    result = runner.invoke(app, ["--root", str(root), "check"])
    assert result.exit_code == 0, result.stdout
    assert result.stdout == "0 finding(s) in 6 entries checked, 0 silenced\n"


def test_each_defect_is_found_at_its_line(tmp_path: Path) -> None:
    root = workspace(tmp_path, BAD)
    result = runner.invoke(app, ["--root", str(root), "check"])
    assert result.exit_code == 3
    found = {
        (line.split(": [")[0], line.split("[")[1].split("]")[0])
        for line in result.stdout.splitlines()[:-1]
    }
    po = "locales/es/report.po"
    expected = {
        (f"{po}:{line_of(root, 'The agencies paid $80 million in 2016.')}", "numbers"),
        (
            f"{po}:{line_of(root, 'Read [the report](https://example.org/report) by NSO Group.')}",
            "markup",
        ),
        (
            f"{po}:{line_of(root, 'Read [the report](https://example.org/report) by NSO Group.')}",
            "dnt",
        ),
        (f"{po}:{line_of(root, 'Is the spyware legal?')}", "brackets"),
        (f"{po}:{line_of(root, 'It spied on 70 journalists.')}", "endpunc"),
    }
    assert expected <= found
    clean_lines = {f"{po}:{line_of(root, m)}" for m in ("The Report", "Nothing to see here.")}
    assert not any(where in clean_lines for where, _ in found)


def test_json_output_parses_and_silencing_is_counted(tmp_path: Path) -> None:
    root = workspace(tmp_path, {"It spied on 70 journalists.": "Espió a 70 periodistas"})
    po = root / "locales/es/report.po"
    catalog = read_catalog(po, "po")
    for entry in catalog.entries:
        if entry.msgid == "It spied on 70 journalists.":
            entry.translator_comments = ["l10n-ignore: endpunc"]
    write_catalog(po, catalog, "po")
    result = runner.invoke(app, ["--root", str(root), "check", "--json"])
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert data == {"findings": [], "checked": 6, "silenced": 1}
