"""``l10n extract`` updates a catalog as msgmerge does (docs/mutation.md): a changed source
within the 0.6 similarity cut-off keeps its translation as fuzzy with ``#| msgid``, one
beyond it goes to obsolete; the toolkit and ``msgmerge --previous`` agree on both."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.conftest import l10n, make_workspace
from tests.tools import require_tool
from toolkit.catalog import load_catalog, write_catalog
from toolkit.entry import Catalog, Entry

PO = "locales/es/talks.po"
TALKS = "The talks will resume next week in the capital."
STRIKE = "We did not want this strike, the union said on Monday."
SPANISH = {
    "Talks": "Negociaciones",
    TALKS: "Las negociaciones se reanudarán la semana que viene en la capital.",
    STRIKE: "No queríamos esta huelga, dijo el sindicato el lunes.",
}
# Similarity to TALKS (rapidfuzz's Indel ratio) 0.79: above the cut-off of 0.6, below 0.9.
NEAR = "The talks resume on Monday in the capital."
# 0.36 or less to every old source: no old translation is close enough.
FAR = "The strike goes on."


def _article(*paragraphs: str) -> str:
    return '---\ntitle: "Talks"\n---\n\n' + "\n\n".join(paragraphs) + "\n"


def _catalog(root: Path) -> Catalog:
    return load_catalog(root / PO, PO).catalog


def _reviewed(tmp_path: Path) -> Path:
    """A catalog whose every entry a translator has translated and reviewed."""
    root = make_workspace(tmp_path / "ws", {"talks": _article(TALKS, STRIKE)})
    assert l10n(root, "extract")[0] == 0
    catalog = _catalog(root)
    for entry in catalog.live:
        entry.msgstr = SPANISH[entry.msgid]
    write_catalog(root / PO, catalog, PO)
    return root


def _change(root: Path, *paragraphs: str) -> None:
    (root / "articles" / "talks.md").write_text(_article(*paragraphs), encoding="utf-8")


def _msgmerge(root: Path, old: bytes) -> Catalog:
    """What gettext's msgmerge --previous makes of the same old catalog and new template."""
    msgmerge = require_tool("msgmerge")
    merged = root / "msgmerge.po"
    merged.write_bytes(old)
    pot = root / "locales" / "talks.pot"
    subprocess.run(
        [msgmerge, "-q", "-U", "--previous", "--backup=off", str(merged), str(pot)], check=True
    )
    return load_catalog(merged, "msgmerge.po").catalog


def _seen(entry: Entry) -> tuple[str, str, bool, str | None]:
    return entry.msgid, entry.msgstr, entry.fuzzy, entry.previous_msgid


def test_a_source_within_the_cut_off_keeps_its_translation_as_fuzzy(tmp_path: Path) -> None:
    root = _reviewed(tmp_path)
    old = (root / PO).read_bytes()
    _change(root, NEAR, STRIKE)
    assert l10n(root, "extract")[0] == 0
    ours = {e.msgid: e for e in _catalog(root).live}
    assert _seen(ours[NEAR]) == (NEAR, SPANISH[TALKS], True, TALKS)
    assert not [e for e in _catalog(root).entries if e.obsolete]
    theirs = {e.msgid: e for e in _msgmerge(root, old).live}
    assert _seen(theirs[NEAR]) == _seen(ours[NEAR])


def test_a_source_beyond_the_cut_off_sends_the_old_translation_to_obsolete(
    tmp_path: Path,
) -> None:
    root = _reviewed(tmp_path)
    old = (root / PO).read_bytes()
    _change(root, FAR, STRIKE)
    assert l10n(root, "extract")[0] == 0
    catalog = _catalog(root)
    fresh = next(e for e in catalog.live if e.msgid == FAR)
    assert _seen(fresh) == (FAR, "", False, None)
    assert [(e.msgid, e.msgstr) for e in catalog.entries if e.obsolete] == [
        (TALKS, SPANISH[TALKS])
    ]  # nothing lost
    theirs = _msgmerge(root, old)
    assert _seen(next(e for e in theirs.live if e.msgid == FAR)) == _seen(fresh)
    assert [e.msgid for e in theirs.entries if e.obsolete] == [TALKS]


def test_a_second_change_keeps_the_msgid_the_translator_reviewed(tmp_path: Path) -> None:
    """``#| msgid`` is the text the translation was made for: a fuzzy entry whose source
    changes again keeps it, as msgmerge does, so the translator diffs against what they
    reviewed rather than against an intermediate text nobody translated."""
    root = _reviewed(tmp_path)
    _change(root, NEAR, STRIKE)
    assert l10n(root, "extract")[0] == 0
    once = (root / PO).read_bytes()
    again = NEAR.replace("Monday", "Tuesday")
    _change(root, again, STRIKE)
    assert l10n(root, "extract")[0] == 0
    entry = next(e for e in _catalog(root).live if e.msgid == again)
    assert _seen(entry) == (again, SPANISH[TALKS], True, TALKS)
    assert entry.flags == ["fuzzy"]  # once, though the old entry was fuzzy too
    theirs = next(e for e in _msgmerge(root, once).live if e.msgid == again)
    assert _seen(theirs) == _seen(entry)


def test_the_cut_off_itself_is_a_match(tmp_path: Path) -> None:
    """Similarity exactly 0.6 keeps the translation (Babel's and msgmerge's ``>=``); just
    below it does not."""
    root = _reviewed(tmp_path)
    at, below = "Next week in the capital in June.", "Talks will resume today."
    _change(root, at, STRIKE)
    assert l10n(root, "extract")[0] == 0
    entry = next(e for e in _catalog(root).live if e.msgid == at)
    assert _seen(entry) == (at, SPANISH[TALKS], True, TALKS)
    root = _reviewed(tmp_path / "again")
    _change(root, below, STRIKE)
    assert l10n(root, "extract")[0] == 0
    entry = next(e for e in _catalog(root).live if e.msgid == below)
    assert _seen(entry) == (below, "", False, None)


def test_a_new_source_without_a_match_does_not_stop_the_ones_after_it(tmp_path: Path) -> None:
    root = _reviewed(tmp_path)
    _change(root, FAR, NEAR.replace("talks", "strike talks"), STRIKE)
    assert l10n(root, "extract")[0] == 0
    entries = {e.msgid: e for e in _catalog(root).live}
    assert _seen(entries[FAR]) == (FAR, "", False, None)
    near = NEAR.replace("talks", "strike talks")
    assert _seen(entries[near]) == (near, SPANISH[TALKS], True, TALKS)


def test_extract_again_keeps_what_msgmerge_keeps(tmp_path: Path) -> None:
    """Re-extracting an unchanged article: a fuzzy entry keeps its ``#| msgid`` (without it
    ``--refill-fuzzy`` would take a translator's carried-over text for a machine
    suggestion); a reviewed one loses a stale ``#|`` line; obsolete entries stay."""
    root = _reviewed(tmp_path)
    _change(root, NEAR, STRIKE.replace("Monday", "Friday"))
    assert l10n(root, "extract")[0] == 0
    catalog = _catalog(root)
    strike = next(e for e in catalog.live if e.msgid.startswith("We did"))
    strike.fuzzy = False  # reviewed in an editor that left the #| line behind
    assert strike.previous_msgid == STRIKE
    catalog.entries.append(Entry(msgid="A paragraph long gone.", msgstr="Uno.", obsolete=True))
    write_catalog(root / PO, catalog, PO)
    before = (root / PO).read_bytes()
    assert l10n(root, "extract")[0] == 0
    ours = _catalog(root)
    by_id = {e.msgid: e for e in ours.live}
    assert _seen(by_id[NEAR]) == (NEAR, SPANISH[TALKS], True, TALKS)
    assert by_id[strike.msgid].previous_msgid is None
    assert [(e.msgid, e.msgstr) for e in ours.entries if e.obsolete] == [
        ("A paragraph long gone.", "Uno.")
    ]
    theirs = _msgmerge(root, before)
    assert [_seen(e) for e in theirs.live] == [_seen(e) for e in ours.live]
    assert [e.msgid for e in theirs.entries if e.obsolete] == ["A paragraph long gone."]


def test_a_machine_suggestion_whose_source_changes_gets_its_old_msgid(tmp_path: Path) -> None:
    """A fuzzy entry without ``#|`` (a machine suggestion) matched to a changed source gets
    the old source as ``#| msgid``, so the translator sees what changed. Here the toolkit
    parts from msgmerge --previous, which writes no ``#|`` for it (its old entry had none);
    the ``#|`` also keeps ``--refill-fuzzy`` off it, the cautious side."""
    root = make_workspace(tmp_path / "ws", {"talks": _article(TALKS, STRIKE)})
    assert l10n(root, "extract")[0] == 0
    assert l10n(root, "translate", "--engine", "pseudo")[0] == 0
    old = (root / PO).read_bytes()
    suggestion = next(e for e in _catalog(root).live if e.msgid == TALKS)
    assert suggestion.fuzzy and suggestion.previous_msgid is None
    _change(root, NEAR, STRIKE)
    assert l10n(root, "extract")[0] == 0
    entry = next(e for e in _catalog(root).live if e.msgid == NEAR)
    assert _seen(entry) == (NEAR, suggestion.msgstr, True, TALKS)
    theirs = next(e for e in _msgmerge(root, old).live if e.msgid == NEAR)
    assert _seen(theirs) == (NEAR, suggestion.msgstr, True, None)


def test_extract_clears_the_fuzzy_mark_of_a_header_msginit_wrote(tmp_path: Path) -> None:
    """msginit marks the header it writes ``#, fuzzy``; the first update clears it (msgfmt
    would otherwise hold the whole header for unreviewed), and keeps the header's comment."""
    root = _reviewed(tmp_path)
    catalog = _catalog(root)
    catalog.header_flags = ["fuzzy"]
    catalog.header_comment = ["Spanish translation of the talks article."]
    write_catalog(root / PO, catalog, PO)
    assert l10n(root, "extract")[0] == 0
    after = _catalog(root)
    assert after.header_flags == []
    assert after.header_comment == ["Spanish translation of the talks article."]
