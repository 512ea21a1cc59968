"""Switching ``--unit`` never repeats text in an edition (toolkit.unitswitch's three rules)."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import l10n, make_workspace
from toolkit.catalog import load_catalog, write_catalog
from toolkit.entry import Catalog
from toolkit.provenance import reviewer

ARTICLE = """\
---
title: "Strike"
---

We did not want this strike. We wanted a deal, the union said.

The talks resume on Monday.
"""
PO = "locales/es/strike.po"
TRANSLATIONS = {
    "Strike": "Huelga",
    "We did not want this strike. We wanted a deal, the union said.": (
        "No quisimos esta huelga. Queríamos un acuerdo, dijo el sindicato."
    ),
    "The talks resume on Monday.": "Las negociaciones se reanudan el lunes.",
}


def _catalog(root: Path) -> Catalog:
    return load_catalog(root / PO, PO).catalog


def _translated(tmp_path: Path, translations: dict[str, str], unit: str = "paragraph") -> Path:
    root = make_workspace(
        tmp_path / "ws", {"strike": ARTICLE}, 'translators = ["Ana <ana@example.org>"]\n'
    )
    assert l10n(root, "extract", "--unit", unit)[0] == 0
    catalog = _catalog(root)
    for entry in catalog.live:
        entry.msgstr = translations[entry.msgid]
    write_catalog(root / PO, catalog, PO)
    return root


def _edition(root: Path) -> str:
    code, _, err = l10n(root, "build", "--include-fuzzy", "--min-translated", "0")
    assert code in (0, 3), err
    text = (root / "build" / "strike" / "strike.es.md").read_text(encoding="utf-8")
    return text.split("---", 2)[2]


def _no_sentence_twice(edition: str) -> None:
    """No sentence of a translation twice (the toolkit's own notices may repeat: the
    unreviewed-translation notice stands at the top and at the bottom)."""
    known = " ".join([*TRANSLATIONS.values(), "No quisimos esta huelga."])
    sentences = re.findall(r"[A-ZÁÉÍÓÚÑ¿¡][^.!?\n]*[.!?]", edition)
    repeated = {s for s in sentences if s in known and sentences.count(s) > 1}
    assert not repeated, repeated


def test_paragraph_to_sentence_splits_an_aligned_translation(tmp_path: Path) -> None:
    root = _translated(tmp_path, TRANSLATIONS)
    code, out, _ = l10n(root, "extract", "--unit", "sentence")
    assert code == 0 and "set aside" not in out
    by_id = {e.msgid: e for e in _catalog(root).live}
    first, second = (
        by_id["We did not want this strike."],
        by_id["We wanted a deal, the union said."],
    )
    assert (first.msgstr, second.msgstr) == (
        "No quisimos esta huelga.",
        "Queríamos un acuerdo, dijo el sindicato.",
    )
    assert first.fuzzy and second.fuzzy
    paragraph = "We did not want this strike. We wanted a deal, the union said."
    assert first.previous_msgid == second.previous_msgid == paragraph
    assert reviewer(first) == "Ana <ana@example.org>"  # it was reviewed: never refilled
    edition = _edition(root)
    _no_sentence_twice(edition)
    assert "No quisimos esta huelga. Queríamos un acuerdo, dijo el sindicato." in edition


def test_unaligned_translation_is_set_aside_with_one_line(tmp_path: Path) -> None:
    merged = dict(TRANSLATIONS)
    key = "We did not want this strike. We wanted a deal, the union said."
    merged[key] = "No quisimos esta huelga: queríamos un acuerdo, dijo el sindicato."
    root = _translated(tmp_path, merged)
    code, out, _ = l10n(root, "extract", "--unit", "sentence")
    assert code == 0
    assert out.splitlines()[1] == (
        "strike: es: set aside 1 translation as obsolete (#~): its source is now split over "
        "several entries (unit changed?)"
    )
    catalog = _catalog(root)
    by_id = {e.msgid: e for e in catalog.live}
    assert not by_id["We did not want this strike."].translated
    assert not by_id["We wanted a deal, the union said."].translated
    obsolete = [e for e in catalog.entries if e.obsolete]
    assert [e.msgstr for e in obsolete] == [merged[key]]  # nothing lost
    _no_sentence_twice(_edition(root))


def test_sentence_to_paragraph_joins_the_translations(tmp_path: Path) -> None:
    sentences = {
        "Strike": "Huelga",
        "We did not want this strike.": "No quisimos esta huelga.",
        "We wanted a deal, the union said.": "Queríamos un acuerdo, dijo el sindicato.",
        "The talks resume on Monday.": "Las negociaciones se reanudan el lunes.",
    }
    root = _translated(tmp_path, sentences, unit="sentence")
    code, out, _ = l10n(root, "extract", "--unit", "paragraph")
    assert code == 0 and "set aside" not in out
    catalog = _catalog(root)
    paragraph = next(e for e in catalog.live if e.msgid.startswith("We did"))
    assert paragraph.fuzzy
    assert paragraph.msgstr == "No quisimos esta huelga. Queríamos un acuerdo, dijo el sindicato."
    assert not [e for e in catalog.entries if e.obsolete]
    _no_sentence_twice(_edition(root))


def test_an_edited_paragraph_is_still_a_fuzzy_match(tmp_path: Path) -> None:
    """The rules change nothing for a plain edit: msgmerge's fuzzy matching as before."""
    root = _translated(tmp_path, TRANSLATIONS)
    article = root / "articles" / "strike.md"
    article.write_text(ARTICLE.replace("a deal", "a fair deal"), encoding="utf-8")
    code, out, _ = l10n(root, "extract")
    assert code == 0 and "1 fuzzy" in out and "set aside" not in out
    entry = next(e for e in _catalog(root).live if e.msgid.startswith("We did"))
    assert entry.fuzzy and entry.msgstr.startswith("No quisimos esta huelga. Queríamos")
