"""Putting translations back: each unit replaced, the document's blocks unchanged."""

from __future__ import annotations

import pytest

from toolkit.article import Article
from toolkit.entry import Catalog, Entry
from toolkit.markdown.assembly import assemble
from toolkit.markdown.blocks import parse
from toolkit.markdown.parser import markdown
from toolkit.markdown.reassemble import rebuild


def html(text: str) -> str:
    return str(markdown().render(text))


def translated(body: str, *translations: str) -> str:
    doc = parse(body)
    assert len(doc.blocks) == len(translations)
    return rebuild(doc, list(translations))


@pytest.mark.parametrize(
    ("translation", "expected"),
    [
        ("# no es un título", "<p># no es un título</p>\n"),
        ("1. de enero", "<p>1. de enero</p>\n"),
        ("2017. Año", "<p>2017. Año</p>\n"),
        ("- guion", "<p>- guion</p>\n"),
        ("> cita", "<p>&gt; cita</p>\n"),
        ("***", "<p>***</p>\n"),
        ("___", "<p>___</p>\n"),
        ("_ _ _", "<p>_ _ _</p>\n"),
        ("[nota]: /enlace", "<p>[nota]: /enlace</p>\n"),
        ("```", "<p>```</p>\n"),
        ("<div>bloque</div>", "<p>&lt;div&gt;bloque</div></p>\n"),
        ("    sangrado", "<p>sangrado</p>\n"),
    ],
)
def test_a_translation_cannot_open_a_block(translation: str, expected: str) -> None:
    assert html(translated("A paragraph.\n", translation)) == expected


def test_line_starts_inside_a_translation_are_escaped_too() -> None:
    out = translated("Para.\n", "uno\n===\n- dos\n|-|-|\n***")
    assert [t.type for t in markdown().parse(out)] == [
        "paragraph_open",
        "inline",
        "paragraph_close",
    ]


def test_autolinks_and_inline_html_at_a_line_start_survive() -> None:
    out = translated("Para.\n", "<https://example.org> dice")
    assert html(out) == '<p><a href="https://example.org">https://example.org</a> dice</p>\n'


def test_hard_breaks_survive_translation() -> None:
    body = "- first  \n  second\\\n  third\n"
    out = translated(body, "primero  \nsegundo\\\ntercero")
    assert out == "- primero  \n  segundo\\\n  tercero\n"
    assert html(out).count("<br />") == 2


def test_blank_lines_in_a_translation_do_not_split_the_block() -> None:
    out = translated("- one\n- two\n", "uno\n\n\ncontinúa", "dos")
    assert html(out) == "<ul>\n<li>uno\ncontinúa</li>\n<li>dos</li>\n</ul>\n"


def test_a_blank_translation_keeps_the_source() -> None:
    assert translated("Keep me.\n", "  \n") == "Keep me.\n"


def test_table_cells_stay_cells() -> None:
    body = "| a | b |\n|---|---|\n| c | d |\n"
    out = translated(body, "x | y", "b\nb", "fin\\", "d")
    assert out == "| x \\| y | b b |\n|---|---|\n| fin\\  | d |\n"
    assert html(out).count("<td>") == 2


def test_headings_stay_headings() -> None:
    out = translated("## Analysis\n\nTitle\n---\n", "Análisis #1 ##", "a | b")
    assert out == "## Análisis #1 \\##\n\na &#124; b\n---\n"
    assert html(out) == "<h2>Análisis #1 ##</h2>\n<h2>a | b</h2>\n"


def test_a_translation_with_a_pipe_over_a_lazy_rule_is_no_table() -> None:
    out = translated("> foo\n---\n", "a | b")
    assert html(out) == "<blockquote>\n<p>a | b</p>\n</blockquote>\n<hr />\n"


def test_line_breaks_inside_code_spans_and_html_are_kept_exact() -> None:
    # Joining these lines the plain way would change the rendering: the spaces before the
    # line ending are code, the newline inside the tag is HTML.
    body = '`foo   bar \nbaz` and <del\nclass="x">y</del>\n'
    (block,) = parse(body).blocks
    assert block.text == '`foo   bar  baz` and <del\nclass="x">y</del>'


# --- units and states ----------------------------------------------------------------------

BODY = "First sentence. Second one.\n\nAnother paragraph.\n"


def article(body: str = BODY) -> Article:
    return Article("a.md", {"title": "Title", "language": "en"}, body, 4, {"title": 2})


def test_paragraph_unit_states() -> None:
    catalog = Catalog(
        entries=[
            Entry("Title", "Título"),
            Entry("First sentence. Second one.", "Primera frase. Segunda.", flags=["fuzzy"]),
            Entry("Another paragraph.", ""),
        ]
    )
    edition = assemble(article(), catalog, "es")
    assert [u.state for u in edition.units] == ["reviewed", "untranslated", "untranslated"]
    assert edition.body == BODY
    assert (edition.reviewed, edition.total) == (1, 3)
    with_fuzzy = assemble(article(), catalog, "es", include_fuzzy=True)
    assert with_fuzzy.body == "Primera frase. Segunda.\n\nAnother paragraph.\n"
    assert [r.state for r in with_fuzzy.rows] == ["reviewed", "fuzzy", "untranslated"]
    assert with_fuzzy.reviewed == 1  # fuzzy never counts as reviewed


def test_sentence_unit_catalog_reassembles() -> None:
    catalog = Catalog(
        entries=[
            Entry("First sentence.", "Primera frase."),
            Entry("Second one.", "Segunda."),
            Entry("Another paragraph.", "Otro párrafo."),
        ]
    )
    for unit in ("sentence", "paragraph"):  # a sentence catalog in a paragraph workspace too
        edition = assemble(article(), catalog, "es", unit)
        assert edition.body == "Primera frase. Segunda.\n\nOtro párrafo.\n"
        assert edition.reviewed == 3
        assert edition.total == 4  # the title is untranslated


def test_partly_translated_sentences_keep_their_order() -> None:
    catalog = Catalog(entries=[Entry("Second one.", "Segunda.")])
    edition = assemble(article(), catalog, "es", "sentence")
    assert edition.body.startswith("First sentence. Segunda.\n")
    assert edition.rows[1].state == "untranslated"


def test_front_matter_of_the_translation() -> None:
    meta = {"title": "Title", "language": "en", "date": "2017-06-19", "extra": [1, 2]}
    source = Article("a.md", meta, "Body.\n", 6, {})
    catalog = Catalog(
        header={"Last-Translator": "Ana Pérez <ana@example.org>"},
        entries=[
            Entry(
                "Title",
                "Título",
                flags=["fuzzy"],
                translator_comments=["machine translation: apertium eng-spa"],
            ),
            Entry("Body.", "Cuerpo."),
        ],
    )
    edition = assemble(source, catalog, "es", include_fuzzy=True, translators=["Luis"])
    assert edition.meta == {
        "title": "Título",
        "language": "es",
        "date": "2017-06-19",
        "extra": [1, 2],
        "translation_of": {"language": "en", "title": "Title"},
        "translators": ["Ana Pérez", "Luis"],
        "machine_translation": ["apertium eng-spa"],
        "unreviewed": ["title"],
    }
    assert source.meta["title"] == "Title"  # the article itself is untouched


def test_nobody_is_credited_when_nothing_is_reviewed() -> None:
    source = Article("a.md", {"title": "Title"}, "Body.\n", 4, {})
    catalog = Catalog(
        header={"Last-Translator": "Ana Pérez <ana@example.org>"},
        entries=[
            Entry("Title", "Título", flags=["fuzzy"]),
            Entry("Body.", "Cuerpo.", flags=["fuzzy"]),
        ],
    )
    edition = assemble(source, catalog, "es", include_fuzzy=True, translators=["Luis"])
    assert edition.translators == ()
    assert "translators" not in edition.meta


def test_rows_follow_top_level_blocks_and_list_items() -> None:
    body = "Intro.\n\n- one\n- two\n\n```\ncode\n```\n\n[r]: /x\n"
    catalog = Catalog(entries=[Entry("one", "uno")])
    edition = assemble(article(body), catalog, "es")
    kinds = [(r.kind, r.source, r.target, r.state) for r in edition.rows]
    assert kinds == [
        ("title", "Title", "Title", "untranslated"),
        ("paragraph", "Intro.", "Intro.", "untranslated"),
        ("list item", "- one", "- uno", "reviewed"),
        ("list item", "- two", "- two", "untranslated"),
        ("code", "```\ncode\n```", "```\ncode\n```", None),
    ]
