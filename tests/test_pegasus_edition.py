"""The published Spanish edition of the Pegasus article stays publishable.

These tests run on the repository's own workspace (copied, so nothing in it changes): the
reviewed catalog must stay complete, clean and gettext-canonical, match the article, and
build into all four editions with the licence's attribution at the top and the bottom. The
conventions decided in docs/translation-notes-es.md hold in every entry, and the editor's
note (``locales/es/mexico-pegasus-spyware.note.md``) follows the byline of each edition.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import REPO
from tests.tools import require_tool
from toolkit.catalog import read_catalog
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
    # The one silence: the year 2017 the translator added to "el 19 de junio" (numbers).
    assert (code, out) == (0, "0 finding(s) in 13 entries checked, 1 silenced\n")


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
    assert "80\u00a0millones de dólares" in spanish and "el 19 de junio de 2017" in spanish
    assert "Publicado originalmente en inglés por InSight Crime" in spanish


def msgstrs() -> dict[str, str]:
    po = REPO / "locales" / "es" / f"{SLUG}.po"
    return {e.msgid: e.msgstr for e in read_catalog(po, "po").live if e.msgid}


def test_one_quotation_mark_convention() -> None:
    """Curly double quotes “…” everywhere, as the notes decide; none straight, no «»."""
    for msgid, msgstr in msgstrs().items():
        assert '"' not in msgstr and "«" not in msgstr and "»" not in msgstr, msgid
        assert msgstr.count("“") == msgstr.count("”") == msgid.count('"') // 2, msgid
        # Periods and commas after the closing quote, as Spanish sets them.
        assert ".”" not in msgstr and ",”" not in msgstr, msgid


def test_the_newspaper_is_in_italics() -> None:
    found = 0
    for msgid, msgstr in msgstrs().items():
        if "Times" not in msgid:
            continue
        found += 1
        roman = re.sub(r"\*(The New York Times|Times)\*", "", msgstr)
        assert "Times" not in roman, msgstr
        assert msgstr.count("*The New York Times*") == msgid.count("the New York Times"), msgid
    assert found == 5


def test_the_editors_marked_phrasings_are_gone() -> None:
    text = " ".join(msgstrs().values())
    for marked in (
        "vinculados con",
        "constató",
        "han adquirido",
        "es fabricado por",
        "se desvirtúen",
        "leyes de vigilancia",
        "que tecnología de ciberseguridad",
        "políticos de oposición",
    ):
        assert marked not in text, marked


def test_the_editors_note_follows_the_byline_of_every_edition(workspace: Path) -> None:
    assert l10n(workspace, "build", SLUG, "--lang", "es")[0] == 0
    folder = workspace / "build" / SLUG
    for name in (f"{SLUG}.es.md", f"{SLUG}.es.html", f"{SLUG}.en-es.html", f"{SLUG}.en-es.md"):
        text = (folder / name).read_text("utf-8")
        byline = text.index("Por InSight Crime")
        label = text.index("Nota de la redacción")
        assert byline < label < text.index("Diciembre de 2026") < text.index("Según informes")
        for fact in ("agosto de 2019", "en 2020", "noviembre de 2021"):
            assert fact in text[label : text.index("Según informes")], (name, fact)
