"""No script in any edition: what a translation or a front matter can put into the Markdown
editions, read the way the least careful site generator reads them (raw HTML on, every link
scheme accepted), and what the toolkit itself writes there.

Issue 12, items 3 and 4: each reproduction is a build on a one-article workspace.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import make_workspace
from tests.html_tree import Element, _Builder
from toolkit.catalog import write_catalog
from toolkit.cli import app
from toolkit.entry import Entry

runner = CliRunner()

ARTICLE = """\
---
title: Title
publisher: Example News
source_url: https://example.org/news/a
---

Paragraph.

Use `<script>alert(1)</script>` here, and <b>bold</b> there.

A [link](/relative/page) and another.
"""


def permissive_render(markdown_text: str) -> Element:
    """The Markdown as a generator with raw HTML on and no link validation renders it."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return lenient_tree(md.render(markdown_text))


class _Lenient(_Builder):
    """A browser's reading: a stray end tag is ignored, an unclosed element closed at the end."""

    def handle_endtag(self, tag: str) -> None:
        if any(el.tag == tag for el in self.stack[1:]):
            super().handle_endtag(tag)


def lenient_tree(html: str) -> Element:
    builder = _Lenient()
    builder.feed(html)
    builder.close()
    return builder.root


SAFE_SCHEMES = ("http:", "https:", "mailto:")


def live_problems(page: Element, allowed_hrefs: set[str] = frozenset()) -> list[str]:  # type: ignore[assignment]
    """Everything that would run or navigate somewhere unsafe in a browser."""
    problems = []
    for el in page.iter():
        plain_img = el.tag == "img" and set(el.attrs) <= {"src", "alt"}
        if el.tag in ("script", "iframe", "object", "embed", "style", "img", "svg") and not (
            plain_img
        ):
            problems.append(f"<{el.tag}>")
        for name, value in el.attrs.items():
            if name.startswith("on"):
                problems.append(f"{el.tag} {name}")
            if name in ("href", "src"):
                squashed = "".join((value or "").split()).lower()
                if not squashed.startswith(SAFE_SCHEMES) and value not in allowed_hrefs:
                    problems.append(f"{el.tag} {name}={value}")
    return problems


def body_of(markdown_file: str) -> str:
    return markdown_file.split("---\n", 2)[2]


def build(
    tmp_path: Path,
    translations: dict[str, str],
    comments: list[str] | None = None,
    article: str = ARTICLE,
) -> tuple[int, str, dict[str, str]]:
    from toolkit.catalog import read_catalog
    from toolkit.config import Workspace
    from toolkit.extract import extract

    root = make_workspace(tmp_path / "ws", {"a": article})
    extract(Workspace.open(root), None)  # the build's freshness gate wants extract's catalog
    po = root / "locales" / "es" / "a.po"
    catalog = read_catalog(po, "a.po")
    for entry in catalog.live:
        if entry.msgid in translations:
            entry.msgstr = translations[entry.msgid]
            entry.translator_comments = list(comments or [])
    write_catalog(po, catalog, "a.po")
    result = runner.invoke(
        app,
        ["--root", str(root), "build", "a", "--lang", "es", "--min-translated", "0", "--no-check"],
    )
    folder = root / "build" / "a"
    files = {p.name: p.read_text("utf-8") for p in folder.glob("*")} if folder.exists() else {}
    # --no-check: the editions must be safe even when the check gate is bypassed.
    err = result.stderr.replace("warning: built with --no-check: 'l10n check' was not run\n", "")
    return result.exit_code, err, files


HOSTILE = [
    pytest.param("Paragraph.", "\\\\<img src=x onerror=alert(2)>", id="escaped-backslash-img"),
    pytest.param(
        "Use `<script>alert(1)</script>` here, and <b>bold</b> there.",
        "Usa <script>alert(1)</script> aquí, y <b>negrita</b> allí.",
        id="script-the-source-has-in-code",
    ),
    pytest.param(
        "Use `<script>alert(1)</script>` here, and <b>bold</b> there.",
        "Usa `<script>alert(1)</script>` aquí, y <b onclick=alert(1)>negrita</b> allí.",
        id="attribute-added-to-a-source-tag",
    ),
    pytest.param("Paragraph.", "[clic](javascript:alert(1))", id="javascript-link"),
    pytest.param("Paragraph.", "<javascript:alert(1)>", id="javascript-autolink"),
    pytest.param("Paragraph.", "![x](javascript:alert(1)) y", id="javascript-image"),
    pytest.param("Paragraph.", "[x](&#106;avascript:alert(1))", id="entity-scheme"),
    pytest.param("Paragraph.", "[x](<\x01javascript:alert(1)>)", id="control-char-scheme"),
    pytest.param("Paragraph.", '<a title="<img src=x onerror=alert(1)>">x', id="tag-in-tag"),
    pytest.param("Paragraph.", "<!-- x --><?php system(1) ?>", id="comment-and-pi"),
    pytest.param(
        "A [link](/relative/page) and another.",
        "Un [enlace](/otra/pagina) y [otro](//evil.example/x).",
        id="relative-link-the-source-lacks",
    ),
]


@pytest.mark.parametrize(("msgid", "msgstr"), HOSTILE)
@pytest.mark.parametrize("silenced", [False, True], ids=["checked", "silenced"])
def test_a_translation_puts_no_live_markup_in_the_markdown_editions(
    tmp_path: Path, msgid: str, msgstr: str, silenced: bool
) -> None:
    comments = ["l10n-ignore: markup, urls"] if silenced else []
    code, err, files = build(tmp_path, {msgid: msgstr}, comments)
    assert (code, err) == (0, "")
    for name in ("a.es.md", "a.en-es.md"):
        page = permissive_render(body_of(files[name]))
        assert live_problems(page, {"/relative/page"}) == [], name
    # Shown as the text the translator typed, not dropped: the HTML edition shows the same.
    shown = permissive_render(body_of(files["a.es.md"])).text
    for word in ("alert", "script", "onclick", "onerror", "php"):
        if word in msgstr and word not in msgid:
            assert word in shown


def test_what_the_source_has_stays_live(tmp_path: Path) -> None:
    code, err, files = build(
        tmp_path,
        {
            "Use `<script>alert(1)</script>` here, and <b>bold</b> there.": "Usa `<script>alert(1)</script>` aquí, y <b>negrita</b> allí.",
            "A [link](/relative/page) and another.": "Un [enlace](/relative/page) y [otro](https://example.org/b).",
        },
    )
    assert (code, err) == (0, "")
    page = permissive_render(body_of(files["a.es.md"]))
    assert [b.text for b in page.find_all("b")] == ["negrita"]
    assert [a.attrs["href"] for a in page.find_all("a")] == [
        "https://example.org/news/a",  # the byline
        "/relative/page",
        "https://example.org/b",
        "https://example.org/news/a",  # the footer
    ]
    assert "Usa <code>&lt;script&gt;" in files["a.es.html"] or "<code>" in files["a.es.html"]


@pytest.mark.parametrize(
    ("text", "source", "expected"),
    [
        ("\\\\<img src=x>", "x", "\\\\\\<img src=x>"),
        ("[a](javascript:x)", "x", "\\[a](javascript:x)"),
        ("![a](javascript:x)", "x", "!\\[a](javascript:x)"),
        ("<javascript:x>", "x", "\\<javascript:x>"),
        ("<b>y</b>", "<b>x</b>", "<b>y</b>"),
        ("<b onclick=x>y</b>", "<b>x</b>", "\\<b onclick=x>y</b>"),
        ("[a](https://e.org) `<b>`", "x", "[a](https://e.org) `<b>`"),
    ],
)
def test_safe_translation_escapes_only_what_the_source_lacks(
    text: str, source: str, expected: str
) -> None:
    from toolkit.sanitize import safe_translation

    assert safe_translation(text, source) == expected


def test_a_reference_link_to_an_unsafe_definition_is_inert() -> None:
    from toolkit.sanitize import references, safe_translation

    refs = references("x\n\n[r]: javascript:alert(1)\n[ok]: /page\n")
    assert safe_translation("[a][r] [ok]", "[b][ok]", refs) == "\\[a]\\[r] [ok]"
    page = permissive_render(
        safe_translation("[a][r] y [b][ok]", "[b][ok]", refs)
        + "\n\n[r]: javascript:alert(1)\n[ok]: /page\n"
    )
    assert live_problems(page, {"/page"}) == []


# --- front matter (item 4) ---------------------------------------------------------------


def front_matter_article(**fields: str) -> str:
    lines = [f"{key}: {value}" for key, value in fields.items()]
    return "---\ntitle: Title\n" + "\n".join(lines) + "\n---\n\nParagraph.\n"


@pytest.mark.parametrize(
    ("key", "value", "message"),
    [
        (
            "source_url",
            "\"https://example.org/><script>alert('src')</script>\"",
            "front matter 'source_url' is not a valid http(s) URL: it contains '>'",
        ),
        (
            "license_url",
            '"javascript:alert(1)"',
            "front matter 'license_url' is not a valid http(s) URL: "
            "only http and https URLs are accepted",
        ),
        (
            "source_url",
            '"https://example.org/a b"',
            "front matter 'source_url' is not a valid http(s) URL: it contains U+0020",
        ),
        (
            "source_url",
            '"https:///path"',
            "front matter 'source_url' is not a valid http(s) URL: it has no host name",
        ),
    ],
)
@pytest.mark.parametrize("command", ["extract", "build"])
def test_a_front_matter_url_is_validated(
    tmp_path: Path, key: str, value: str, message: str, command: str
) -> None:
    root = make_workspace(
        tmp_path / "ws", {"a": front_matter_article(publisher="P", **{key: value})}
    )
    args = ["--root", str(root), command]
    if command == "build":
        args += ["a", "--lang", "es"]
    result = runner.invoke(app, args)
    assert result.exit_code == 1
    assert result.stderr == f"Error: articles/a.md:4: {message}\n"
    assert not (root / "build").exists() and not (root / "locales").exists()


def test_front_matter_text_cannot_break_out_of_the_markdown(tmp_path: Path) -> None:
    article = front_matter_article(
        publisher="\"- <img src=x onerror=alert('pub')> [x](javascript:alert(1))\"",
        author="\"1. <script>alert('a')</script>\"",
        license='"<b onclick=alert(1)>CC</b>"',
        license_url="https://example.org/licence",
        source_url="https://example.org/(a)",
    )
    code, err, files = build(tmp_path, {"Paragraph.": "Párrafo."}, article=article)
    assert (code, err) == (0, "")
    for name in ("a.es.md", "a.en-es.md"):
        body = body_of(files[name])
        page = permissive_render(body)
        assert live_problems(page) == [], name
        assert "<ol" not in str(page.find_all("ol")) and not page.find_all("ul")
        assert "alert('pub')" in page.text  # shown, not dropped
        hrefs = [a.attrs["href"] for a in page.find_all("a")]
        assert "https://example.org/%28a%29" in hrefs


def test_a_language_cannot_break_out_of_the_bilingual_comments() -> None:
    """Refused where the article is read (BCP 47); the comment writer does not rely on it."""
    from toolkit.article import parse_article
    from toolkit.errors import InputError
    from toolkit.sanitize import comment_label

    evil = "en.--><img src=x onerror=alert(1)><!--"
    with pytest.raises(InputError):
        parse_article(front_matter_article(language=f'"{evil}"'), "a.md")
    label = comment_label(evil)
    page = permissive_render(f"<!-- {label} -->\n\nText.\n")
    assert live_problems(page) == [] and not page.find_all("img")
    assert re.fullmatch(r"[\w.-]+", label)


def test_toolkit_text_helpers() -> None:
    from toolkit.sanitize import comment_label, md_destination, md_paragraph, md_text, url_problem

    assert md_paragraph(md_text("- a <b> [c](d) & `e`")) == ("\\- a \\<b\\> \\[c\\](d) \\& \\`e\\`")
    assert md_paragraph(md_text("1. one")) == "1\\. one"
    assert md_paragraph("===") == "\\==="
    assert md_destination("https://e.org/a b>(c)") == "https://e.org/a%20b%3E%28c%29"
    assert comment_label("en.--><img>") == "en.--img"
    assert url_problem("https://example.org/a?b=c#d") is None
    assert url_problem("HTTPS://EXAMPLE.ORG") is None
    assert url_problem("https://example.org:99999/") is not None


# --- footnotes ("Also") ------------------------------------------------------------------

FOOTNOTE_ARTICLE = """\
---
title: Title
---

A claim that needs a source.[^1]

[^1]: The source of the claim, in full.
"""


def test_a_footnote_definition_stays_a_footnote(tmp_path: Path) -> None:
    code, err, files = build(
        tmp_path,
        {
            "A claim that needs a source.[^1]": "Una afirmación que necesita una fuente.[^1]",
            "[^1]: The source of the claim, in full.": "[^1]: La fuente de la afirmación, completa.",
        },
        article=FOOTNOTE_ARTICLE,
    )
    assert (code, err) == (0, "")
    assert "\n[^1]: La fuente de la afirmación, completa.\n" in files["a.es.md"]
    assert "\n[^1]: La fuente de la afirmación, completa.\n" in files["a.en-es.md"]


def test_a_footnote_label_that_would_make_a_link_definition_is_escaped(tmp_path: Path) -> None:
    # "[^1]: Fuente." alone is a CommonMark link reference definition: the paragraph would
    # vanish in every renderer without footnotes, so it is escaped like any other.
    code, err, files = build(
        tmp_path,
        {"[^1]: The source of the claim, in full.": "[^1]: Fuente."},
        article=FOOTNOTE_ARTICLE,
    )
    assert (code, err) == (0, "")
    assert "\n\\[^1]: Fuente.\n" in files["a.es.md"]


# --- check ("Also") ------------------------------------------------------------------------


def test_check_reports_an_attribute_added_to_a_tag_the_source_has() -> None:
    from toolkit.checks.run import Glossary, check_entry

    entry = Entry("Some <b>bold</b> text.", "Un texto <b onclick=alert(1)>negrita</b>.")
    found = check_entry(entry, source_lang="en", target_lang="es", glossary=Glossary(()))
    assert found == [("markup", "HTML tags differ: missing <b>; added <b onclick=alert(1)>")]


def test_the_bilingual_markdown_keeps_the_link_definitions(tmp_path: Path) -> None:
    # Found by tests/test_edition_safety.py: definitions make no row, so the bilingual
    # Markdown lost them and [text][label] became text, or a link to the next "(...)".
    article = '---\ntitle: T\n---\n\nSee [the report][ref].\n\n[ref]: /reports/1 "The report"\n'
    code, err, files = build(
        tmp_path, {"See [the report][ref].": "Ver [el informe][ref]."}, article=article
    )
    assert (code, err) == (0, "")
    page = permissive_render(body_of(files["a.en-es.md"]))
    links = [(a.attrs["href"], a.attrs.get("title"), a.text) for a in page.find_all("a")]
    assert links == [
        ("/reports/1", "The report", "the report"),
        ("/reports/1", "The report", "el informe"),
    ]


def test_the_bilingual_markdown_resolves_a_label_as_the_source_does(tmp_path: Path) -> None:
    # Found by tests/test_edition_safety.py: the first definition of a label wins. The
    # bilingual Markdown wrote the top-level definitions after the rows, so one the source
    # shadows (in a list item, a quote: it stays in its row) won there: [x][ref] linked to
    # "#fragment", which the source never links to.
    article = (
        "---\ntitle: T\n---\n\n[ref]: /first\n\nSee [the report][ref].\n\n"
        "- [ref]: #fragment\n\n  An item.\n"
    )
    code, err, files = build(
        tmp_path, {"See [the report][ref].": "Ver [el informe][ref]."}, article=article
    )
    assert (code, err) == (0, "")
    page = permissive_render(body_of(files["a.en-es.md"]))
    links = [(a.attrs["href"], a.text) for a in page.find_all("a")]
    assert links == [("/first", "the report"), ("/first", "el informe")]


JS = "[x](javascript:alert(1))"
PARAGRAPH = "---\ntitle: T\n---\n\nParagraph.\n"
# What placement escapes at a line's start must not change what the sanitizer saw there.
PLACED = [
    # A backslash before a line's ``` shortens the run: the code span would not close.
    pytest.param(PARAGRAPH, "Paragraph.", f"w\n```b\n{JS} ```", id="fence-after-a-line"),
    pytest.param(PARAGRAPH, "Paragraph.", f"```b\n{JS} ```", id="fence-first-line"),
    pytest.param(PARAGRAPH, "Paragraph.", f"w\n````\n{JS} ````", id="fence-of-four"),
    # Escapes that leave a code span opening on the line as it was.
    *(
        pytest.param(PARAGRAPH, "Paragraph.", f"w\n{opener}`b\n{JS}`", id=f"opener-{name}")
        for name, opener in [
            ("heading", "# "),
            ("quote", "> "),
            ("item", "- "),
            ("ordered", "1. "),
            ("tilde-fence", "~~~"),
            ("indented", "    "),
        ]
    ),
    # ``[x]:`` escaped: the shortcut link [x] is gone (the bracket before it is judged whole).
    pytest.param(
        PARAGRAPH + "\n[x]: https://example.org/x\n",
        "Paragraph.",
        "[ver\n[x]: y](javascript:alert(1))",
        id="definition-line",
    ),
    # A heading's pipes become ``&#124;``: the label [a|b] no longer matches, and the link
    # the shortcut [a|b] kept from opening opens.
    pytest.param(
        "---\ntitle: T\n---\n\n# Heading\n\n[a|b]: https://example.org/ab\n",
        "Heading",
        "Ver [ver [a|b]](javascript:alert(1))",
        id="heading-pipe",
    ),
    # An HTML block start escaped: the comment the source has, kept, is text, its link live.
    pytest.param(
        f"---\ntitle: T\n---\n\nText <!-- {JS} --> more.\n",
        f"Text <!-- {JS} --> more.",
        f"Texto\n<!-- {JS} --> más.",
        id="html-block-line",
    ),
]


@pytest.mark.parametrize("edition", ["a.es.md", "a.en-es.md"])
@pytest.mark.parametrize(("article", "msgid", "msgstr"), PLACED)
def test_a_link_the_sanitizer_saw_in_code_stays_inert_once_placed(
    tmp_path: Path, article: str, msgid: str, msgstr: str, edition: str
) -> None:
    code, err, files = build(tmp_path, {msgid: msgstr}, article=article)
    assert (code, err) == (0, "")
    page = permissive_render(body_of(files[edition]))
    assert "alert" in page.text  # shown as typed, not dropped
    assert not [a for a in page.find_all("a") if "javascript" in (a.attrs.get("href") or "")]
