"""A workspace with the Pegasus article extracted, for the machine-translation tests."""

from __future__ import annotations

import shutil
from pathlib import Path

from toolkit.catalog import load_catalog, write_catalog
from toolkit.config import Workspace
from toolkit.entry import Catalog
from toolkit.extract import extract

REPO = Path(__file__).resolve().parents[1]
SLUG = "mexico-pegasus-spyware"
PO = f"locales/es/{SLUG}.po"

GLOSSARY = """term,translation,note
NSO Group,,company: keep
Pegasus,,spyware product: keep
InSight Crime,,publisher: keep
Citizen Lab,,research lab: keep
R3D,,Red en Defensa de los Derechos Digitales: keep
New York Times,,newspaper: keep
"""

PYPROJECT = """[tool.l10n]
source_language = "en"
target_languages = ["es"]
"""


def make_workspace(root: Path, *, glossary: bool = True, article: str | None = None) -> Workspace:
    """Extract the Pegasus article (or ``article`` as its body) into a fresh workspace."""
    (root / "articles").mkdir(parents=True)
    (root / "pyproject.toml").write_text(PYPROJECT, encoding="utf-8")
    target = root / "articles" / f"{SLUG}.md"
    if article is None:
        shutil.copy(REPO / "articles" / f"{SLUG}.md", target)
    else:
        target.write_text(f'---\ntitle: "Test"\n---\n\n{article}', encoding="utf-8")
    ws = Workspace.open(root)
    extract(ws, None)
    if glossary:
        (root / "locales" / "es" / "glossary.csv").write_text(GLOSSARY, encoding="utf-8")
    return ws


def read_po(ws: Workspace, rel: str = PO) -> Catalog:
    return load_catalog(ws.root / rel, rel).catalog


def write_po(ws: Workspace, catalog: Catalog, rel: str = PO) -> None:
    write_catalog(ws.root / rel, catalog, rel)


def entry_blocks(text: str) -> dict[str, str]:
    """Each entry's block of PO text keyed by its msgid lines, to compare bytes per entry."""
    blocks: dict[str, str] = {}
    for block in text.split("\n\n"):
        lines = block.split("\n")
        start = next((i for i, line in enumerate(lines) if line.startswith("msgid ")), None)
        if start is None:
            continue
        end = next(i for i, line in enumerate(lines) if line.startswith("msgstr"))
        blocks["\n".join(lines[start:end])] = block
    return blocks
