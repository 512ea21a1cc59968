"""Edges of the build gates (docs/mutation.md): the percentage of a one-entry catalog, and
a check that nobody has classified as a warning."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import l10n, make_workspace
from toolkit.catalog import load_catalog, write_catalog
from toolkit.gates import ERRORS, WARNINGS, is_error

PO = "locales/es/one.po"


def _one_entry(tmp_path: Path, translation: str) -> Path:
    root = make_workspace(tmp_path / "ws", {"one": '---\ntitle: "Strike"\n---\n'})
    assert l10n(root, "extract")[0] == 0
    catalog = load_catalog(root / PO, PO).catalog
    (entry,) = catalog.live
    entry.msgstr = translation
    write_catalog(root / PO, catalog, PO)
    return root


def test_a_one_entry_catalog_is_0_percent_until_its_entry_is_translated(tmp_path: Path) -> None:
    root = _one_entry(tmp_path, "")
    code, out, _ = l10n(root, "status", "--json")
    assert code == 0
    assert json.loads(out)["articles"][0]["percent_translated"] == 0.0
    code, _, err = l10n(root, "build", "one", "--min-translated", "1")
    assert (code, err) == (
        3,
        "Error: locales/es/one.po: 0.0% of entries translated and reviewed (0 of 1), "
        "below the 1% threshold; nothing written\n",
    )
    assert not (root / "build").exists()


def test_a_one_entry_catalog_translated_is_100_percent(tmp_path: Path) -> None:
    root = _one_entry(tmp_path, "Huelga")
    code, out, _ = l10n(root, "status", "--json")
    assert json.loads(out)["articles"][0]["percent_translated"] == 100.0
    code, out, err = l10n(root, "build", "one", "--min-translated", "100")
    assert code == 0, err
    assert out.splitlines()[0] == "one: 1 of 1 entries reviewed (100.0%)"


def test_a_check_nobody_classified_blocks_the_build() -> None:
    """A new check, or a plug-in's, is an error until someone lists it as a warning."""
    assert is_error("a-newsroom-house-check")
    assert all(is_error(name) for name in ERRORS)
    assert not any(is_error(name) for name in WARNINGS)
