"""The four editions: golden files, attribution at the top and the bottom, HTML structure,
and escaping of everything that comes from an article or a catalog.

Golden files live in tests/golden/editions/expected/, built from the small workspace beside
them (an article of our own, a Spanish catalog with one fuzzy machine translation and one
untranslated entry, built with --include-fuzzy). After an intended change, regenerate them
with ``L10N_REGENERATE_GOLDEN=1 pytest tests/test_editions.py`` and review the diff.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.html_tree import Element, parse_html
from tests.test_sanitize import permissive_render
from toolkit.cli import app
from toolkit.markdown.parser import markdown

GOLDEN = Path(__file__).parent / "golden" / "editions"
SLUG = "river-towns"
URL = "https://example.org/news/river-towns-flood-warnings"
NAMES = (
    "river-towns.es.md",
    "river-towns.es.html",
    "river-towns.en-es.html",
    "river-towns.en-es.md",
)


def run(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, list(args))
    return result.exit_code, result.stdout, result.stderr


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    root = tmp_path_factory.mktemp("ws") / "ws"
    shutil.copytree(GOLDEN / "workspace", root)
    code, out, err = run("--root", str(root), "build", SLUG, "--lang", "es", "--include-fuzzy")
    assert (code, err) == (0, ""), err
    assert out.splitlines() == [
        "river-towns: 12 of 14 entries reviewed (85.7%)",
        *(f"wrote build/river-towns/{name}" for name in NAMES),
    ]
    return {name: (root / "build" / SLUG / name).read_text(encoding="utf-8") for name in NAMES}


@pytest.mark.parametrize("name", NAMES)
def test_golden(built: dict[str, str], name: str) -> None:
    expected = GOLDEN / "expected" / name
    if os.environ.get("L10N_REGENERATE_GOLDEN"):
        expected.parent.mkdir(parents=True, exist_ok=True)
        expected.write_text(built[name], encoding="utf-8")
    assert built[name] == expected.read_text(encoding="utf-8")


# --- attribution -----------------------------------------------------------------------------


def links(element: Element) -> list[str]:
    return [a.attrs.get("href") or "" for a in element.find_all("a")]


def top_and_bottom(page: Element) -> tuple[Element, Element, list[Element]]:
    """The byline, the footer, and every element in document order."""
    order = list(page.iter())
    return page.find(cls="byline"), page.find("footer", cls="attribution"), order


def check_attribution_html(text: str) -> None:
    page, _ = parse_html(text)
    byline, footer, order = top_and_bottom(page)
    assert (
        byline.text
        == "Por Dana Ortiz, Valley Courier · 19 de junio de 2017 · Leer el original en inglés"
    )
    assert URL in links(byline)
    first, licence, translators, machine, missing = footer.find_all("p")
    assert first.text == (
        "Publicado originalmente en inglés por Valley Courier el 19 de junio de 2017: "
        "River Towns Vote to Share Flood Warnings"
    )
    assert links(first) == [URL]
    assert licence.text == "Licencia: CC BY 4.0"
    assert links(licence) == ["https://creativecommons.org/licenses/by/4.0/"]
    assert translators.text == "Traducción: Ana Pérez y Marta Gil"
    assert machine.text == (
        "Esta edición incluye traducción automática que ningún traductor ha revisado "
        "todavía (argos translate-en_es 1.9)."
    )
    assert missing.text == "Algunos pasajes aún no se han traducido y aparecen en inglés."
    # The byline comes before the article's text, the credits after all of it.
    body_paragraphs = [el for el in order if el.tag == "p" and "tres pueblos" in el.text.lower()]
    assert body_paragraphs
    assert order.index(byline) < order.index(body_paragraphs[0]) < order.index(footer)
    last_text = [el for el in order if el.tag in ("p", "h1", "h2", "li", "td", "pre")][-1]
    assert last_text in list(footer.iter())


@pytest.mark.parametrize("name", [n for n in NAMES if n.endswith(".html")])
def test_attribution_in_html(built: dict[str, str], name: str) -> None:
    check_attribution_html(built[name])


@pytest.mark.parametrize("name", [n for n in NAMES if n.endswith(".md")])
def test_attribution_in_markdown(built: dict[str, str], name: str) -> None:
    text = built[name]
    body = text.split("---\n", 2)[2]
    paragraphs = [p for p in body.strip().split("\n\n") if p]
    assert paragraphs[0] == (
        "Por Dana Ortiz, Valley Courier · 19 de junio de 2017 · "
        f"[Leer el original en inglés]({URL})"
    )
    assert paragraphs[-6] == "* * *"
    assert paragraphs[-5] == (
        "Publicado originalmente en inglés por Valley Courier el 19 de junio de 2017: "
        f"[River Towns Vote to Share Flood Warnings]({URL})"
    )
    assert paragraphs[-4] == "Licencia: [CC BY 4.0](https://creativecommons.org/licenses/by/4.0/)"
    assert paragraphs[-3] == "Traducción: Ana Pérez y Marta Gil"
    # Rendered, the notices are the same as in the HTML editions.
    rendered = "<footer class='attribution'>" + markdown().render(body) + "</footer>"
    tree, _ = parse_html(rendered)
    assert URL in links(tree)


def test_front_matter_of_the_spanish_edition(built: dict[str, str]) -> None:
    import yaml

    meta = yaml.safe_load(built["river-towns.es.md"].split("---\n")[1])
    assert meta["title"] == "Los pueblos del río acuerdan compartir las alertas de inundación"
    assert meta["deck"] == "Tres municipios pondrán en común sus sensores y sus alertas."
    assert meta["language"] == "es"
    assert meta["translation_of"] == {
        "language": "en",
        "title": "River Towns Vote to Share Flood Warnings",
    }
    for key in ("publisher", "author", "source_url", "license", "license_url"):
        assert key in meta
    assert str(meta["date"]) == "2017-06-19"


# --- HTML structure --------------------------------------------------------------------------


@pytest.mark.parametrize("name", [n for n in NAMES if n.endswith(".html")])
def test_standalone_html(built: dict[str, str], name: str) -> None:
    page, doctype = parse_html(built[name])
    assert doctype == "DOCTYPE html"
    (root,) = page.find_all("html")
    assert root.attrs["lang"] == "es"
    assert page.find("meta").attrs == {"charset": "utf-8"}
    assert page.find("title").text.startswith("Los pueblos del río")
    assert "font-family" in page.find("style").text
    alternate = page.find("link").attrs
    assert alternate == {"rel": "alternate", "hreflang": "en", "href": URL}
    assert not page.find_all("script")


def test_spanish_html_body(built: dict[str, str]) -> None:
    page, _ = parse_html(built["river-towns.es.html"])
    assert (
        page.find("h1").text == "Los pueblos del río acuerdan compartir las alertas de inundación"
    )
    assert page.find("h2").text == "Qué cambia"
    assert page.find("li").text == ("Los sensores de los tres pueblos alimentan un único mapa.")
    assert page.find("img").attrs["alt"] == "Mapa de los tres pueblos"
    assert page.find("code", cls="language-text").text == "ALERT LEVEL 3: LEAVE LOW GROUND\n"
    assert page.find("td", None).attrs.get("style") is None
    assert [td.attrs.get("style") for td in page.find_all("td")][1] == "text-align:right"


def test_bilingual_rows(built: dict[str, str]) -> None:
    page, _ = parse_html(built["river-towns.en-es.html"])
    pairs = page.find_all("section", cls="pair")
    # title, deck, paragraph, heading, 3 list items, quote, table, paragraph, code, image
    assert len(pairs) == 12
    for pair in pairs:
        source, target = (c for c in pair.children if isinstance(c, Element))
        assert source.classes == ["col", "source"] and source.attrs["lang"] == "en"
        assert target.classes == ["col", "target"]
        assert source.attrs["data-label"] == "Original (inglés)"
        assert target.attrs["data-label"] == "Traducción (español)"
    states = [p.classes[1] for p in pairs]
    assert states == [
        "reviewed", "fuzzy", "reviewed", "reviewed", "reviewed", "reviewed", "reviewed",
        "reviewed", "reviewed", "untranslated", "fixed", "reviewed",
    ]  # fmt: skip
    fuzzy, untranslated = pairs[1], pairs[9]
    assert fuzzy.find(cls="mark").text == "Traducción sin revisar"
    assert fuzzy.find(cls="target").attrs["lang"] == "es"
    assert untranslated.find(cls="mark").text == "Sin traducir: texto original"
    # The untranslated column holds English: its lang says so.
    assert untranslated.find(cls="target").attrs["lang"] == "en"
    assert page.find(cls="progress").text == "12 de 14 pasajes revisados (85,7\u00a0%)"
    heads = page.find(cls="heads")
    assert heads.text == "Original (inglés)Traducción (español)"


def test_bilingual_css_stacks_on_narrow_screens_and_prints(built: dict[str, str]) -> None:
    page, _ = parse_html(built["river-towns.en-es.html"])
    css = page.find("style").text
    assert "grid-template-columns: minmax(0, 1fr) minmax(0, 1fr)" in css
    assert "@media screen and (max-width: 48rem)" in css
    assert "@media print" in css


def test_bilingual_markdown_interleaves(built: dict[str, str]) -> None:
    body = built["river-towns.en-es.md"].split("---\n", 2)[2]
    assert (
        "<!-- en -->\n\n# River Towns Vote to Share Flood Warnings\n\n<!-- es -->\n\n# Los pueblos"
        in body
    )
    assert "<!-- es: fuzzy -->\n\n*(sin revisar)* Tres municipios" in body
    assert "<!-- es: untranslated -->\n\nThe system costs" in body
    assert "<!-- en es -->\n\n```text\n" in body
    # Interleaved list items stay separate lists, one item each.
    rendered = markdown().render(body)
    assert rendered.count("<ul>") == 6


# --- safety --------------------------------------------------------------------------------

EVIL_ARTICLE = """---
title: "<script>alert('title')</script> & co"
publisher: "\\"><img src=x onerror=alert(1)>"
author: "<b>Eve</b>"
source_url: "https://example.org/evil?a=1&b=2#x"
license: "<i>CC</i>"
---

Paragraph one.

Paragraph two.

Paragraph three.

Paragraph four.

Paragraph five.

Paragraph six.

Paragraph seven.

Paragraph eight.

[r]: /safe
"""

EVIL_TRANSLATIONS = {
    "Paragraph one.": "<script>alert(1)</script> uno",
    "Paragraph two.": "[clic](javascript:alert(1)) y [dos](JaVaScRiPt:alert(1))",
    "Paragraph three.": '<a href="javascript:alert(1)">tres</a> <img src=x onerror=alert(1)>',
    "Paragraph four.": "![img](javascript:alert(1)) <javascript:alert(1)>",
    "Paragraph five.": "[x](&#106;avascript:alert(1)) [y](vbscript:msgbox(1)) "
    "[z](data:text/html,x)",
    "Paragraph six.": "<div onclick=alert(1)>seis</div>\n<style>body{}</style>",
    "Paragraph seven.": "[r] and <!-- comment --> and <?php x ?>",
    "Paragraph eight.": '[ok](https://example.org "t\\" onmouseover=alert(1)")',
}


def evil_workspace(root: Path) -> None:
    from toolkit.catalog import write_catalog
    from toolkit.entry import Catalog, Entry

    (root / "articles").mkdir(parents=True)
    (root / "articles" / "evil.md").write_text(EVIL_ARTICLE, encoding="utf-8")
    entries = [Entry("<script>alert('title')</script> & co", "<script>x</script> título")]
    entries += [Entry(k, v) for k, v in EVIL_TRANSLATIONS.items()]
    catalog = Catalog(header={"Last-Translator": "<img src=x onerror=alert(3)>"}, entries=entries)
    write_catalog(root / "locales" / "es" / "evil.po", catalog, "evil.po")


SCHEMES = ("javascript:", "vbscript:", "data:text")


def check_no_script(page: Element) -> None:
    for el in page.iter():
        assert el.tag not in ("script", "iframe", "object", "embed"), el.tag
        for name, value in el.attrs.items():
            assert not name.startswith("on"), (el.tag, name)
            if name in ("href", "src", "action", "formaction"):
                squashed = "".join((value or "").split()).lower()
                assert not squashed.startswith(SCHEMES), (el.tag, value)
    assert not page.find_all("script")
    assert not [el for el in page.iter() if el.tag == "style" and "body{}" in el.text]


NO_CHECK = "warning: built with --no-check: 'l10n check' was not run\n"


def test_the_check_gate_refuses_the_evil_catalog(tmp_path: Path) -> None:
    evil_workspace(tmp_path)
    code, out, err = run("--root", str(tmp_path), "build", "evil", "--lang", "es")
    assert (code, out) == (3, "")
    assert "] HTML tags differ: added <script> </script>\n" in err
    assert err.splitlines()[-1].startswith("Error: locales/es/evil.po: ")
    assert not (tmp_path / "build").exists()


def test_nothing_from_article_or_catalog_can_inject_script(tmp_path: Path) -> None:
    """Even past the check gate (``--no-check``), the editions carry no script."""
    evil_workspace(tmp_path)
    code, _, err = run("--root", str(tmp_path), "build", "evil", "--lang", "es", "--no-check")
    assert (code, err) == (0, NO_CHECK)
    folder = tmp_path / "build" / "evil"
    for name in ("evil.es.html", "evil.en-es.html"):
        text = (folder / name).read_text(encoding="utf-8")
        page, _ = parse_html(text)
        check_no_script(page)
        assert "&lt;script&gt;" in text  # shown as text, not dropped silently
        # Unsafe addresses from the article are not linked at all.
        assert not [a for a in page.find_all("a") if "alert" in (a.attrs.get("href") or "")]
    for name in ("evil.es.md", "evil.en-es.md"):
        # A publisher's generator may render raw HTML and accept any link scheme: the
        # Markdown must be safe read that way as well (front-matter URLs that are no
        # http(s) URLs are refused, see tests/test_sanitize.py).
        body = (folder / name).read_text(encoding="utf-8").split("---\n", 2)[2]
        check_no_script(permissive_render(body))
