"""Translation memory from the reviewed entries of every catalog of the language."""

from __future__ import annotations

from pathlib import Path

from tests.mtworkspace import SLUG, make_workspace, read_po, write_po
from toolkit.config import Workspace
from toolkit.entry import Catalog, Entry, mt_engine
from toolkit.mt.base import EngineOptions, get_engine
from toolkit.mt.memory import MemoryEngine
from toolkit.translate import translate

TITLE = "Mexico Authorities Misusing Surveillance Tech to Spy on Political Opponents: Reports"
TITLE_ES = "Autoridades de México usan tecnología de vigilancia para espiar a opositores: informes"
HEADING = "InSight Crime Analysis"
PEGASUS = (
    "The spyware, known as Pegasus, is manufactured by an Israeli firm called the NSO Group "
    "and is sold exclusively to governments."
)
PEGASUS_ES = (
    "El programa espía, conocido como Pegasus, es fabricado por una empresa israelí llamada "
    "NSO Group y se vende exclusivamente a gobiernos."
)


def other_catalog(ws: Workspace) -> None:
    catalog = Catalog(header={"Language": "es", "Content-Type": "text/plain; charset=UTF-8"})
    catalog.entries = [
        Entry(TITLE, TITLE_ES),
        Entry(PEGASUS.replace("governments", "states"), PEGASUS_ES),
        Entry(HEADING + ":", "Análisis de InSight Crime:"),
        Entry(TITLE.upper(), "NO REVISADO", flags=["fuzzy"]),
        Entry("Unrelated sentence about the weather in Bogotá.", "Otra cosa."),
    ]
    write_po(ws, catalog, "locales/es/other.po")


def engine_for(ws: Workspace) -> MemoryEngine:
    options = EngineOptions(root=str(ws.root), lang_dirs=(str(ws.root / "locales" / "es"),))
    engine = get_engine("memory", options)
    assert isinstance(engine, MemoryEngine)
    return engine


def test_exact_fuzzy_and_no_match(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path)
    other_catalog(ws)
    engine = engine_for(ws)
    exact = engine.lookup(TITLE)
    assert exact is not None and exact.translation == TITLE_ES
    assert exact.describe() == "memory 100% from locales/es/other.po"
    fuzzy = engine.lookup(PEGASUS)
    assert fuzzy is not None and fuzzy.translation == PEGASUS_ES
    assert 90 <= fuzzy.score < 100 and fuzzy.describe().startswith("memory 9")
    assert engine.lookup(TITLE.upper()) is None  # only a fuzzy entry has it
    assert engine.lookup("Something else entirely.") is None
    assert engine.translate_batch([TITLE, "Nothing."], "en", "es") == [TITLE_ES, ""]


def test_memory_fills_with_score_and_origin_in_the_comment(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path)
    other_catalog(ws)
    report = translate(ws, [SLUG], "es", "memory")
    assert report.filled == 2 and report.unmatched == 11 and report.failed == 0
    by_id = {e.msgid: e for e in read_po(ws).live}
    title = by_id[TITLE]
    assert title.msgstr == TITLE_ES and title.fuzzy
    assert title.translator_comments == [
        "machine translation: memory 100% from locales/es/other.po"
    ]
    heading = by_id[HEADING]
    assert heading.msgstr == "Análisis de InSight Crime:" and heading.fuzzy
    assert mt_engine(heading) == "memory 98% from locales/es/other.po"
    # The article's entry is the whole paragraph; a one-sentence unit scores below 75%.
    assert not any(e.msgstr for e in read_po(ws).live if e.msgid.startswith(PEGASUS))


def test_reviewed_entries_of_the_same_catalog_count(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path)
    catalog = read_po(ws)
    catalog.live[0].msgstr = TITLE_ES  # reviewed in this very catalog
    write_po(ws, catalog)
    other = make_workspace(tmp_path / "second")
    (other.root / "locales" / "es" / "mexico-pegasus-spyware.po").rename(
        other.root / "locales" / "es" / "copy.po"
    )
    engine = engine_for(ws)
    match = engine.lookup(TITLE)
    assert match is not None
    assert match.origin == "locales/es/mexico-pegasus-spyware.po"
