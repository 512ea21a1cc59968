"""``build`` grows linearly with the article (issue 12, item 13), asserted by counting work,
not by timing it: ``benchmarks/big_article.py`` measures the time per MB up to 50 MB.

Before: the bilingual rows looked at every block once per row (10k paragraphs 5 s, 20k 17 s,
40k 62 s), and the plain HTML edition made those rows just to find its title.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pytest

import toolkit.assemble
from toolkit.article import parse_article
from toolkit.assemble import assemble
from toolkit.editions import render_all
from toolkit.entry import Catalog, Entry


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
    rows = toolkit.assemble._body_rows(dataclasses.replace(parts, doc=counted), parts.texts)
    assert len(rows) == paragraphs + paragraphs // 10
    assert CountingBlocks.looked <= 10 * len(parts.doc.blocks)  # main: once per row


def test_the_plain_editions_do_not_make_the_bilingual_rows(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    article, catalog = long_article(50)

    def refuse(*args: object) -> None:
        raise AssertionError("the bilingual rows were made for a plain edition")

    monkeypatch.setattr(toolkit.assemble, "_body_rows", refuse)
    edition = assemble(article, catalog, "es")
    files = render_all(edition, "a", ("markdown", "html"))
    assert "<h1>Long</h1>" in files["a.es.html"]
