"""The security property of the editions (issue 12, acceptance): for any article and any
catalog text, the Markdown and HTML editions hold no tag, attribute or link scheme that the
source does not have.

The articles are the random CommonMark documents of tests/test_properties.py with a
paragraph of the source's own HTML and code; every entry gets a random translation built
from its source and hostile pieces (script, event handlers, javascript: links, entities,
backslashes, brackets), reviewed or fuzzy, and a random ``l10n-ignore`` comment. The Markdown
editions are read as a careless site generator reads them: raw HTML on, every link scheme
accepted (``tests.test_sanitize.permissive_render``). ``L10N_PROPERTY_EXAMPLES`` sets the
number of examples, as for the other properties.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import unquote

from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it.token import Token

from tests.test_properties import EXAMPLES, PROPERTY, SLUG, documents, titles, workspace
from tests.test_sanitize import lenient_tree
from toolkit.build import build
from toolkit.catalog import read_catalog, write_catalog
from toolkit.extract import extract

SOURCE_EXTRAS = st.sampled_from(
    [
        "",
        "Use `<script>alert(1)</script>` and <b>bold</b> here.",
        'A <span class="x">span</span> and a [page](/relative/page).',
        "See [the note][ref] and `[x](javascript:alert(1))`.",
    ]
)
HOSTILE = st.sampled_from(
    [
        "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "\\", "\\\\", "<", ">",
        "[", "]", "(", ")", "`", "!", "&#106;", "&lt;", "javascript:alert(1)", "<b>", "</b>",
        "<b onclick=alert(1)>", '<span class="x">', "<span onmouseover=x>", "[ref]", "[x][ref]",
        "[x](javascript:alert(1))", "[x](JaVa&#83;cript:alert(1))", "<javascript:alert(1)>",
        "![i](javascript:alert(1))", "[x](<\x01javascript:alert(1)>)", "[x](//evil.example)",
        "[x](/relative/page)", "[x](/other)", "<!--", "-->", "<!-- c -->", "<?php x ?>",
        "<a href='javascript:alert(1)'>", "</a>", '"', "'", "=", " ", "\n", "word", "*", "_",
        "https://ok.example/", "<https://ok.example/>", "[^1]:", "1. ", "- ", "# ", "|",
    ]
)  # fmt: skip
SAFE_COMMENT = re.compile(r"<!-- [\w.-]+(?: [\w.-]+)?(?:: \w+)? -->\n")
LINK_ATTRIBUTES = ("href", "src")


def scheme_allowed(href: str) -> bool:
    """http, https or mailto, as a browser reads the address (controls and spaces dropped)."""
    squashed = re.sub(r"[\x00-\x20\x7f]+", "", unquote(href)).lower()
    return squashed.startswith(("http:", "https:", "mailto:"))


def permissive(text: str, html_on: bool = True) -> tuple[set[str], set[str]]:
    """Raw HTML and link destinations of a Markdown text read with raw HTML on (or off, as
    the HTML editions render it: links may then span differently) and every link scheme
    accepted."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": html_on}).enable("table")
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    html: set[str] = set()
    hrefs: set[str] = set()

    def walk(tokens: list[Token]) -> None:
        for token in tokens:
            if token.type in ("html_inline", "html_block"):
                html.add(token.content)
            for name in LINK_ATTRIBUTES:
                if token.attrGet(name) is not None:
                    hrefs.add(str(token.attrGet(name)))
            walk(token.children or [])

    env: dict[str, Any] = {}
    walk(md.parse(text, env))
    return html, hrefs


def body_of(markdown_file: str) -> str:
    return markdown_file.split("---\n", 2)[2]


@settings(PROPERTY, max_examples=max(EXAMPLES // 2, 1))  # each example builds four editions
@given(titles, documents, SOURCE_EXTRAS, st.data())
def test_no_edition_holds_markup_or_a_scheme_the_source_lacks(
    title: str, body: str, extra: str, data: st.DataObject
) -> None:
    body = body + ("\n" + extra + "\n\n[ref]: /ref-target\n" if extra else "")
    with workspace(title, body) as ws:
        extract(ws, None)
        po = ws.po_path(SLUG, "es")
        catalog = read_catalog(po, "po")
        for entry in catalog.live:
            pieces = st.one_of(st.just(entry.msgid), HOSTILE)
            entry.msgstr = "".join(data.draw(st.lists(pieces, min_size=1, max_size=6))) or "x"
            entry.fuzzy = data.draw(st.booleans())
            if data.draw(st.booleans()):
                entry.translator_comments = ["l10n-ignore: markup, urls"]
        write_catalog(po, catalog, "po")
        build(ws, [SLUG], "es", min_translated=0, include_fuzzy=True, check=False)
        folder = ws.build_path(SLUG)
        source_html, source_hrefs = permissive(body)

        for name in (f"{SLUG}.es.md", f"{SLUG}.en-es.md"):
            html, hrefs = permissive(body_of((folder / name).read_text("utf-8")))
            added = {h for h in html - source_html if not SAFE_COMMENT.fullmatch(h)}
            assert not added, (name, added)
            bad = {h for h in hrefs - source_hrefs if not scheme_allowed(h)}
            assert not bad, (name, bad)

        source_hrefs |= permissive(body, html_on=False)[1]
        for name in (f"{SLUG}.es.html", f"{SLUG}.en-es.html"):
            page = lenient_tree((folder / name).read_text("utf-8"))
            for el in page.iter():
                assert el.tag not in ("script", "iframe", "object", "embed", "svg", "form")
                for attribute, value in el.attrs.items():
                    assert not attribute.startswith("on"), (name, el.tag, attribute)
                    if attribute in LINK_ATTRIBUTES and value not in source_hrefs:
                        assert scheme_allowed(value or ""), (name, el.tag, value)
                    if attribute == "style":
                        assert re.fullmatch(r"text-align:\s*\w+;?", value or ""), value
