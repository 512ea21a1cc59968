"""Work once across an archive: every distinct sentence goes to the engine once per run, and
reviewed translation memory answers before machine translation; the run says how much each
saved."""

from __future__ import annotations

from pathlib import Path

import pytest

import toolkit.translate as pipeline
from tests.conftest import l10n, make_workspace
from tests.test_translate import FakeEngine, use_engine
from toolkit.catalog import load_catalog, write_catalog
from toolkit.config import Workspace
from toolkit.entry import mt_engine
from toolkit.translate import translate

DATELINE = "MEXICO CITY (Example News) — Officials spoke on Monday."
BOILERPLATE = "Example News is a non-profit newsroom. Support our work."
QUOTE = '"We will investigate," the attorney general said.'


def article(title: str, *paragraphs: str) -> str:
    body = "\n\n".join(paragraphs)
    return f'---\ntitle: "{title}"\n---\n\n{body}\n'


ARTICLES = {
    # Each article: its own title and news, the shared dateline, quote and boilerplate.
    "a": article("First story", f"{DATELINE} The probe began.", QUOTE, BOILERPLATE),
    "b": article("Second story", f"{DATELINE} The probe widened.", QUOTE, BOILERPLATE),
    "c": article("Third story", "A paragraph of its own.", BOILERPLATE),
}


def workspace(tmp_path: Path) -> Workspace:
    root = make_workspace(tmp_path / "ws", ARTICLES)
    assert l10n(root, "extract")[0] == 0
    return Workspace.open(root)


def upper(texts: list[str]) -> list[str]:
    return [t.upper() for t in texts]


def test_each_distinct_sentence_is_sent_once_and_the_repeats_are_counted(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = workspace(tmp_path)
    sent: list[str] = []

    def record(texts: list[str]) -> list[str]:
        sent.extend(texts)
        return upper(texts)

    use_engine(monkeypatch, FakeEngine(record))
    report = translate(ws, ["a", "b", "c"], "es", "fake")
    assert len(sent) == len(set(sent))
    # Sentences in the entries to fill: a and b each title 1 + dateline paragraph 2 + quote 1
    # + boilerplate 2 = 6, c title 1 + 1 + boilerplate 2 = 4: 16. Distinct: 3 titles, the
    # dateline, "The probe began." and "...widened.", the quote, 2 boilerplate sentences and
    # "A paragraph of its own." = 10. So 6 repeats were not sent.
    assert len(sent) == 10 and report.segments == 10
    assert report.deduplicated == 6
    assert report.from_memory == 0
    for slug in "abc":
        catalog = load_catalog(ws.po_path(slug, "es"), slug).catalog
        assert all(e.msgstr == e.msgid.upper() and e.fuzzy for e in catalog.live)


def test_reviewed_memory_answers_before_machine_translation(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ws = workspace(tmp_path)
    # A translator reviewed the boilerplate and the quote in article c's and a's catalogs.
    reviewed = {BOILERPLATE: "Example News es una redacción sin fines de lucro. Apóyenos."}
    quote_es = "«Investigaremos», dijo el fiscal general."
    for slug, msgid, msgstr in (("c", BOILERPLATE, reviewed[BOILERPLATE]), ("a", QUOTE, quote_es)):
        path = ws.po_path(slug, "es")
        catalog = load_catalog(path, slug).catalog
        entry = next(e for e in catalog.live if e.msgid == msgid)
        entry.msgstr = msgstr
        write_catalog(path, catalog, slug)

    sent: list[str] = []

    def record(texts: list[str]) -> list[str]:
        sent.extend(texts)
        return upper(texts)

    use_engine(monkeypatch, FakeEngine(record))
    report = translate(ws, ["a", "b", "c"], "es", "fake")
    # Boilerplate in a and b, the quote in b: three entries from memory, none sent to MT.
    assert report.from_memory == 3
    assert not any(s in BOILERPLATE or s == QUOTE for s in sent)
    b = load_catalog(ws.po_path("b", "es"), "b").catalog
    quote = next(e for e in b.live if e.msgid == QUOTE)
    assert quote.msgstr == quote_es and quote.fuzzy
    assert mt_engine(quote) == "memory 100% from locales/es/a.po"
    boiler = next(e for e in b.live if e.msgid == BOILERPLATE)
    assert boiler.msgstr == reviewed[BOILERPLATE]
    assert mt_engine(boiler) == "memory 100% from locales/es/c.po"
    # The reviewed entries themselves are untouched.
    c = load_catalog(ws.po_path("c", "es"), "c").catalog
    assert not next(e for e in c.live if e.msgid == BOILERPLATE).fuzzy


def test_the_cli_reports_repeats_and_memory(tmp_path: Path) -> None:
    ws = workspace(tmp_path)
    path = ws.po_path("c", "es")
    catalog = load_catalog(path, "c").catalog
    next(e for e in catalog.live if e.msgid == BOILERPLATE).msgstr = "Apóyenos."
    write_catalog(path, catalog, "c")
    code, out, err = l10n(ws.root, "translate", "a", "b", "c", "--engine", "apertium")
    if code == 1 and "apertium is not installed" in err:
        pytest.skip("apertium is not installed")
    assert code == 0, err
    # As above, less the boilerplate: reviewed in c, from memory in a and b. Left: a and b 4
    # sentences each, c 2 = 10, of which 8 distinct: the dateline and the quote repeat.
    assert out.splitlines()[-1] == (
        "work once: 2 repeated sentences translated once, "
        "2 entries from reviewed translation memory"
    )


def test_pseudo_does_not_take_memory(tmp_path: Path) -> None:
    ws = workspace(tmp_path)
    path = ws.po_path("c", "es")
    catalog = load_catalog(path, "c").catalog
    next(e for e in catalog.live if e.msgid == BOILERPLATE).msgstr = "Apóyenos."
    write_catalog(path, catalog, "c")
    report = pipeline.translate(ws, ["a", "b"], "es", "pseudo")
    assert report.from_memory == 0
