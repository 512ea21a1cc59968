"""The published Spanish edition of the Pegasus article stays publishable.

These tests run on the repository's own workspace (copied, so nothing in it changes): the
reviewed catalog must stay complete, clean and gettext-canonical, match the article, and
build into all four editions with the licence's attribution at the top and the bottom.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import REPO
from tests.tools import require_tool
from toolkit.cli import app

SLUG = "mexico-pegasus-spyware"
ORIGINAL = (
    "https://insightcrime.org/news/brief/"
    "mexican-authorities-misusing-surveillance-technology-spy-political-opponents/"
)
runner = CliRunner()


@pytest.fixture
def workspace(tmp_path: Path) -> Path:
    root = tmp_path / "ws"
    root.mkdir()
    for name in ("articles", "locales"):
        shutil.copytree(REPO / name, root / name)
    shutil.copy(REPO / "pyproject.toml", root / "pyproject.toml")
    return root


def l10n(root: Path, *args: str) -> tuple[int, str]:
    result = runner.invoke(app, ["--root", str(root), *args])
    return result.exit_code, result.stdout


def test_article_is_the_seed_text_without_site_furniture() -> None:
    article = (REPO / "articles" / f"{SLUG}.md").read_text("utf-8")
    assert "SEE ALSO" not in article and "Related Content" not in article
    assert "\n## InSight Crime Analysis\n" in article
    assert "author:" not in article and "date:" not in article
    assert f"source_url: {ORIGINAL}\n" in article


def test_catalog_is_in_sync_reviewed_and_clean(workspace: Path) -> None:
    before = (workspace / "locales" / "es" / f"{SLUG}.po").read_bytes()
    code, out = l10n(workspace, "extract", SLUG)
    assert code == 0 and out.endswith("wrote nothing (up to date)\n"), out
    assert (workspace / "locales" / "es" / f"{SLUG}.po").read_bytes() == before
    code, out = l10n(workspace, "status", SLUG, "--json")
    total = json.loads(out)["total"]
    assert total["percent_translated"] == 100.0
    assert total["entries"]["fuzzy"] == total["entries"]["untranslated"] == 0
    code, out = l10n(workspace, "check", SLUG)
    assert (code, out) == (0, "0 finding(s) in 13 entries checked, 0 silenced\n")


def test_catalog_is_gettext_canonical() -> None:
    msgfmt, msgcat = require_tool("msgfmt"), require_tool("msgcat")
    po = REPO / "locales" / "es" / f"{SLUG}.po"
    checked = subprocess.run(
        [msgfmt, "--check-format", "--check-header", "-o", "/dev/null", str(po)],
        capture_output=True,
        text=True,
    )
    assert (checked.returncode, checked.stderr) == (0, "")
    assert (
        subprocess.run([msgcat, str(po)], capture_output=True, check=True).stdout == po.read_bytes()
    )


def test_edition_carries_attribution_top_and_bottom(workspace: Path) -> None:
    code, out = l10n(workspace, "build", SLUG, "--lang", "es")
    assert code == 0, out
    folder = workspace / "build" / SLUG
    for name in (f"{SLUG}.es.md", f"{SLUG}.es.html", f"{SLUG}.en-es.html", f"{SLUG}.en-es.md"):
        text = (folder / name).read_text("utf-8")
        if text.startswith("---\n"):  # the front matter repeats the metadata: skip it
            text = text[text.index("\n---\n", 4) + 5 :]
        first, last = text.find(ORIGINAL), text.rfind(ORIGINAL)
        body_at = text.find("Pegasus")
        assert -1 < first < body_at < last, name
        assert "InSight Crime" in text[:body_at]
    spanish = (folder / f"{SLUG}.es.html").read_text("utf-8")
    assert '<html lang="es">' in spanish
    # A number and its scale word stay on one line in HTML (issue 13): a no-break space.
    assert "80\u00a0millones de dólares" in spanish and "el 19 de junio" in spanish
    assert "Publicado originalmente en inglés por InSight Crime" in spanish
