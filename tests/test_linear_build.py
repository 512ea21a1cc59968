"""``build`` grows linearly with the article (issue 12, item 13), asserted by counting work,
not by timing it: ``benchmarks/big_article.py`` measures the time per MB up to 50 MB.

Before: the bilingual rows looked at every block once per row (10k paragraphs 5 s, 20k 17 s,
40k 62 s), and the plain HTML edition made those rows just to find its title.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

import toolkit.markdown.assembly
import toolkit.markdown.rows
import toolkit.markdown.sentences
from toolkit.article import parse_article
from toolkit.editions import render_all
from toolkit.entry import Catalog, Entry
from toolkit.markdown.assembly import assemble


class CountingBlocks(tuple):  # type: ignore[type-arg]
    """A tuple of blocks that counts how many times a block is looked at."""

    looked = 0

    def __iter__(self) -> Any:
        for item in super().__iter__():
            CountingBlocks.looked += 1
            yield item

    def __getitem__(self, index: Any) -> Any:
        CountingBlocks.looked += 1
        return super().__getitem__(index)


def long_article(paragraphs: int) -> tuple[Any, Catalog]:
    texts = [f"Paragraph {i} with a [link](https://example.org/{i})." for i in range(paragraphs)]
    items = "\n".join(f"- Item {i}." for i in range(paragraphs // 10))
    body = "\n\n".join(texts) + "\n\n" + items + "\n"
    article = parse_article("---\ntitle: Long\n---\n\n" + body, "a.md")
    entries = [Entry(t, t.replace("Paragraph", "Párrafo")) for t in texts]
    return article, Catalog(entries=entries)


@pytest.mark.parametrize("paragraphs", [500, 2000])
def test_bilingual_rows_look_at_each_block_a_bounded_number_of_times(
    paragraphs: int,
) -> None:
    article, catalog = long_article(paragraphs)
    parts = assemble(article, catalog, "es").parts
    counted = type(parts.doc)(parts.doc.body, CountingBlocks(parts.doc.blocks))
    CountingBlocks.looked = 0
    rows = toolkit.markdown.rows.body_rows(dataclasses.replace(parts, doc=counted), parts.texts)
    assert len(rows) == paragraphs + paragraphs // 10
    assert CountingBlocks.looked <= 10 * len(parts.doc.blocks)  # main: once per row


def test_the_plain_editions_do_not_make_the_bilingual_rows(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    article, catalog = long_article(50)

    def refuse(*args: object) -> None:
        raise AssertionError("the bilingual rows were made for a plain edition")

    monkeypatch.setattr(toolkit.markdown.assembly, "body_rows", refuse)
    edition = assemble(article, catalog, "es")
    files = render_all(edition, "a", ("markdown", "html"))
    assert "<h1>Long</h1>" in files["a.es.html"]


def test_a_paragraph_unit_build_never_runs_the_sentence_splitter(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # The README: "Paragraph unit never runs the segmenter". Each block found whole needs
    # no sentences; splitting every block anyway made pysbd nine tenths of a rebuild.
    texts = [f"Paragraph {i}. It has two sentences, Mr. Smith said." for i in range(20)]
    article = parse_article("---\ntitle: Long\n---\n\n" + "\n\n".join(texts) + "\n", "a.md")
    catalog = Catalog(entries=[Entry(t, t.replace("Paragraph", "Párrafo")) for t in texts])

    def refuse(*args: object) -> None:
        raise AssertionError("the sentence splitter ran in paragraph unit")

    monkeypatch.setattr(toolkit.markdown.sentences, "_pysbd_pieces", refuse)
    edition = assemble(article, catalog, "es", unit="paragraph")
    assert edition.reviewed == len(texts)
    assert "Párrafo 19. It has" in render_all(edition, "a", ("markdown",))["a.es.md"]
