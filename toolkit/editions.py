"""The four editions of a translated article, as text: rendering only, no files.

``<slug>.<lang>.md`` and ``.html`` are the translation a publisher posts;
``<slug>.<src>-<lang>.html`` and ``.md`` put each block of the original beside (or before)
its translation for readers and reviewers.

Safety: Markdown becomes HTML through markdown-it-py with raw HTML off (``<script>`` in an
article or a msgstr is shown as text) and its link validation on (no ``javascript:``,
``vbscript:``, ``file:`` or non-image ``data:`` URLs); the result then passes nh3 as a second
line of defence. Everything else that comes from an article or a catalog is escaped.

Honesty: with ``--include-fuzzy``, every block that shows an unreviewed translation is
marked where it stands: in Markdown by a short localized marker at the start of the block
(``*(sin revisar)*``, which a publisher can search for; the front matter lists unreviewed
prose fields under ``unreviewed``), in HTML by a visible marker and the class ``unreviewed``
with ``data-l10n-state="fuzzy"`` on the block. The notices about unreviewed or missing
translation appear under the byline as well as in the footer. The Markdown editions close a
fence or HTML block the article leaves open (``toolkit.blockend``), so the footer always
renders as its own paragraphs.
The Markdown editions get translations already held to their source blocks
(toolkit.sanitize, in toolkit.markdown.assembly), and the toolkit's own text through toolkit.sanitize's
writers.
"""

from __future__ import annotations

import copy
import html
import re
from collections.abc import Callable, Sequence
from decimal import Decimal
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from toolkit.article import TRANSLATABLE_FIELDS, dump_front_matter
from toolkit.attribution import Attribution, Inline, Link, attribution, safe_url
from toolkit.blockend import close_open_blocks
from toolkit.i18n import translations
from toolkit.lang import language_name, locale_for
from toolkit.markdown.assembly import Assembly
from toolkit.markdown.rows import Row
from toolkit.note import quoted_markdown
from toolkit.sanitize import (
    comment_label,
    link_definitions,
    md_destination,
    md_paragraph,
    md_text,
)
from toolkit.typography import keep_together

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token


# The editions `l10n build --format` names, in the order they are written.
FORMATS = ("markdown", "html", "bilingual-html", "bilingual-markdown")


def file_names(slug: str, source: str, lang: str) -> dict[str, str]:
    """Format → file name inside ``build/<slug>/``."""
    return {
        "markdown": f"{slug}.{lang}.md",
        "html": f"{slug}.{lang}.html",
        "bilingual-html": f"{slug}.{source}-{lang}.html",
        "bilingual-markdown": f"{slug}.{source}-{lang}.md",
    }


def render_all(edition: Assembly, slug: str, formats: Sequence[str] = FORMATS) -> dict[str, str]:
    """File name → content of the editions asked for (all four by default)."""
    notes = attribution(edition)
    names = file_names(slug, edition.article.language, edition.lang)
    return {names[name]: _RENDERERS[name](edition, notes) for name in FORMATS if name in formats}


# --- Markdown ----------------------------------------------------------------------------


def render_inline(
    paragraph: Sequence[Inline], link: Callable[[Link], str], text: Callable[[str], str]
) -> str:
    """A notice's pieces in one format: each link through ``link``, each text through ``text``."""
    return "".join(link(piece) if isinstance(piece, Link) else text(piece) for piece in paragraph)


def md_inline(paragraph: Sequence[Inline]) -> str:
    """One of the toolkit's notices as a Markdown paragraph; every piece escaped."""
    return md_paragraph(
        render_inline(paragraph, lambda a: f"[{md_text(a.text)}]({md_destination(a.url)})", md_text)
    )


def _md_mark(notes: Attribution) -> str:
    """The Markdown marker of a block showing unreviewed text: ``*(sin revisar)* ``."""
    # Translators: marks each passage of an edition whose translation nobody has reviewed.
    label = translations(notes.lang).gettext("(unreviewed)")
    return f"*{md_text(label)}* "


def _head_markdown(notes: Attribution) -> list[str]:
    """The byline, then what a reader must know before reading (unreviewed text...)."""
    return [md_inline(notes.top), *(md_inline(p) for p in notes.notices)]


def _note_label(notes: Attribution) -> str:
    return translations(notes.lang).gettext("Editor's note")


def _note_markdown(edition: Assembly, notes: Attribution) -> str:
    """The edition's note (toolkit.note) as a block quote after the byline, or ""."""
    return quoted_markdown(md_text(_note_label(notes)), edition.note) if edition.note else ""


def edition_markdown(edition: Assembly, notes: Attribution) -> str:
    body = edition.marked_body(_md_mark(notes)) if edition.has_fuzzy else edition.body
    parts = [*_head_markdown(notes), _note_markdown(edition, notes)]
    parts += [close_open_blocks(body).strip("\n"), "* * *"]
    parts += [md_inline(p) for p in notes.bottom]
    return dump_front_matter(edition.meta) + "\n" + "\n\n".join(p for p in parts if p) + "\n"


def bilingual_markdown(edition: Assembly, notes: Attribution) -> str:
    """Each row as the original then its translation, separated by HTML comments.

    The comments say which language follows (and the state of an unfinished translation);
    they also keep two list items or code blocks in a row from merging into one.
    """
    # The labels go inside HTML comments: nothing in them may end or open one.
    src, lang = comment_label(edition.article.language), comment_label(edition.lang)
    parts = _head_markdown(notes)
    if edition.note:  # in the edition's language, like a translation
        parts += [f"<!-- {lang} -->", _note_markdown(edition, notes)]
    # Definitions make no row: without them the rows' [text][label] links would be text.
    # They come before the rows: the first definition of a label wins, and a row keeps any
    # the source has inside a list item or quote, which may be one the source shadows.
    definitions = link_definitions(edition.env.get("references", {}))
    if definitions:
        parts.append(f"<!-- {src} {lang} -->\n\n" + "\n".join(definitions))
    mark = _md_mark(notes)
    for row in edition.marked_rows(mark):
        source, target = _row_markdown(row)
        if _is_field(row) and row.state == "fuzzy":
            target = re.sub(r"^(# )?", lambda m: m.group() + mark, target, count=1)
        # An open fence or HTML block would swallow the next row, and at the end the footer.
        source, target = close_open_blocks(source), close_open_blocks(target)
        if row.state is None:
            parts += [f"<!-- {src} {lang} -->", source]
            continue
        state = "" if row.state == "reviewed" else f": {row.state}"
        parts += [f"<!-- {src} -->", source, f"<!-- {lang}{state} -->", target]
    parts += ["* * *", *(md_inline(p) for p in notes.bottom)]
    return dump_front_matter(edition.meta) + "\n" + "\n\n".join(parts) + "\n"


def _row_markdown(row: Row) -> tuple[str, str]:
    if row.kind == "title":
        return "# " + md_text(row.source), "# " + md_text(row.target)
    if _is_field(row):
        return md_paragraph(md_text(row.source)), md_paragraph(md_text(row.target))
    return row.source.strip("\n"), row.target.strip("\n")


def _is_field(row: Row) -> bool:
    return row.kind in TRANSLATABLE_FIELDS


# --- HTML --------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _renderer() -> MarkdownIt:
    """CommonMark and tables, raw HTML off: what an article or a msgstr holds stays text."""
    from markdown_it import MarkdownIt

    from toolkit.markdown.parser import MAX_NESTING

    return MarkdownIt("commonmark", {"html": False, "maxNesting": MAX_NESTING}).enable("table")


@lru_cache(maxsize=1)
def _attributes() -> dict[str, set[str]]:
    import nh3

    allowed = copy.deepcopy(nh3.ALLOWED_ATTRIBUTES)
    allowed.setdefault("a", set()).add("title")
    allowed.setdefault("img", set()).add("title")
    allowed.setdefault("code", set()).add("class")  # language-xxx of fenced code
    allowed.setdefault("span", set()).add("class")  # the marker of unreviewed text
    for block in ("p", "li", "td", "th", "blockquote", *(f"h{n}" for n in range(1, 7))):
        allowed.setdefault(block, set()).update(_UNREVIEWED_ATTRS)
    for cell in ("td", "th"):
        allowed.setdefault(cell, set()).add("style")  # text-align of table columns
    return allowed


# Put at the start of each block showing unreviewed text (``Assembly.marked_body``) and
# turned by ``render_markdown`` into the block's class and visible marker. A noncharacter
# (plain text to the parser, never in an article) and a space, so that emphasis or a link
# opening the block still parses as it would without it.
UNREVIEWED = "\ufdd0 "
_UNREVIEWED_ATTRS = {"class": "unreviewed", "data-l10n-state": "fuzzy"}


def render_markdown(text: str, env: dict[str, Any] | None = None, mark: str | None = None) -> str:
    """Markdown to a safe HTML fragment; ``env`` carries link reference definitions.

    A block starting with :data:`UNREVIEWED` gets the class ``unreviewed``, the attribute
    ``data-l10n-state="fuzzy"`` and, if ``mark`` is given, a ``<span class="mark">`` with it.
    """
    md = _renderer()
    env = copy.deepcopy(env) if env else {}
    if UNREVIEWED[0] in text:
        tokens = md.parse(text, env)
        _mark_unreviewed(tokens, mark)
        fragment = md.renderer.render(tokens, md.options, env)
    else:
        fragment = md.render(text, env)
    return clean_html(fragment)


def clean_html(fragment: str) -> str:
    """The second line of defence: nh3 (ammonia) keeps only safe tags, attributes and URLs."""
    import nh3

    return nh3.clean(fragment, attributes=_attributes(), filter_style_properties={"text-align"})


def _mark_unreviewed(tokens: list[Token], mark: str | None) -> None:
    from markdown_it.token import Token

    for i, tok in enumerate(tokens):
        children = tok.children or []
        if tok.type != "inline" or not children or children[0].type != "text":
            continue
        if not children[0].content.startswith(UNREVIEWED):
            continue
        children[0].content = children[0].content[len(UNREVIEWED) :]
        tok.content = tok.content[len(UNREVIEWED) :]
        j = i - 1  # the element that holds the text: an item's, when its <p> is hidden
        while j > 0 and (tokens[j].hidden or tokens[j].nesting != 1):
            j -= 1
        for name, value in _UNREVIEWED_ATTRS.items():
            tokens[j].attrSet(name, value)
        if mark:
            label = Token("text", "", 0, content=mark)
            tok.children = [
                Token("l10n_mark_open", "span", 1, attrs={"class": "mark"}),
                label,
                Token("l10n_mark_close", "span", -1),
                Token("text", "", 0, content=" "),
                *children,
            ]


def e(text: str) -> str:
    return html.escape(text, quote=True)


def html_inline(paragraph: Sequence[Inline]) -> str:
    return render_inline(paragraph, lambda a: f'<a href="{e(a.url)}">{e(a.text)}</a>', e)


@lru_cache(maxsize=4)
def stylesheet(*names: str) -> str:
    folder = resources.files("toolkit").joinpath("templates")
    return "".join(folder.joinpath(name).read_text(encoding="utf-8") for name in names)


def _page(lang: str, title: str, css: str, body: str, head: Sequence[str] = ()) -> str:
    lines = [
        "<!DOCTYPE html>",
        f'<html lang="{e(bcp47(lang))}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{e(title)}</title>",
        *head,
        '<meta name="generator" content="article-l10n">',
        f"<style>\n{css}</style>",
        "</head>",
        body,
        "</html>",
    ]
    return "\n".join(lines) + "\n"


def bcp47(code: str) -> str:
    return code.replace("_", "-")


def _alternate(edition: Assembly) -> list[str]:
    """The original as the same page in another language, for readers and search engines."""
    url = safe_url(edition.article.get("source_url"))
    if url is None:
        return []
    hreflang = e(bcp47(edition.article.language))
    return [f'<link rel="alternate" hreflang="{hreflang}" href="{e(url)}">']


def _unreviewed_label(notes: Attribution) -> str:
    return translations(notes.lang).gettext("Unreviewed translation")


def _marker_html(notes: Attribution) -> str:
    return f'<span class="mark">{e(_unreviewed_label(notes))}</span> '


def _fields_html(edition: Assembly, notes: Attribution) -> str:
    """The title and any deck of the translated front matter."""
    out = []
    # Not ``rows``: the plain edition needs no bilingual pairs; ``fields`` holds only rows
    # of TRANSLATABLE_FIELDS (Article.translatable_fields).
    for row in edition.fields:
        tag, classes = ("h1", []) if row.kind == "title" else ("p", ["deck"])
        text, extra = e(row.target), ""
        if row.state == "fuzzy":
            classes.append("unreviewed")
            text, extra = _marker_html(notes) + text, ' data-l10n-state="fuzzy"'
        attrs = f' class="{" ".join(classes)}"' if classes else ""
        out.append(f"<{tag}{attrs}{extra}>{text}</{tag}>")
    return "\n".join(out)


def _ui(notes: Attribution, page_lang: str) -> str:
    """A ``lang`` attribute for the toolkit's own text when it is not in the page's language."""
    return "" if notes.lang == page_lang else f' lang="{e(bcp47(notes.lang))}"'


def _byline(notes: Attribution, page_lang: str) -> str:
    """The byline, then what a reader must know before reading (unreviewed text...)."""
    ui = _ui(notes, page_lang)
    lines = [f'<p class="byline"{ui}>{html_inline(notes.top)}</p>']
    lines += [f'<p class="notice"{ui}>{html_inline(p)}</p>' for p in notes.notices]
    return "\n".join(lines)


_NOTE_CSS = ("note.css",)  # only in a page that has a note


def _note_html(edition: Assembly, notes: Attribution) -> list[str]:
    """The edition's note after the byline: its label, then its Markdown made safe HTML."""
    if not edition.note:
        return []
    label = f'<p class="note-label"{_ui(notes, edition.lang)}>{e(_note_label(notes))}</p>'
    text = render_markdown(edition.note).rstrip("\n")
    return [f'<aside class="note" role="note">\n{label}\n{text}\n</aside>']


def _footer(notes: Attribution, page_lang: str) -> str:
    paragraphs = "\n".join(f"<p>{html_inline(p)}</p>" for p in notes.bottom)
    return f'<footer class="attribution"{_ui(notes, page_lang)}>\n{paragraphs}\n</footer>'


def edition_html(edition: Assembly, notes: Attribution) -> str:
    body = "\n".join(
        [
            "<body>",
            '<article class="page">',
            "<header>",
            keep_together(_fields_html(edition, notes), edition.lang),
            _byline(notes, edition.lang),
            *_note_html(edition, notes),
            "</header>",
            keep_together(_body_html(edition, notes), edition.lang),
            _footer(notes, edition.lang),
            "</article>",
            "</body>",
        ]
    )
    title = str(edition.meta.get("title", ""))
    css = stylesheet("edition.css", *_NOTE_CSS[: bool(edition.note)])
    return _page(edition.lang, title, css, body, _alternate(edition))


def _body_html(edition: Assembly, notes: Attribution) -> str:
    if not edition.has_fuzzy:
        return render_markdown(edition.body).rstrip("\n")
    body = edition.marked_body(UNREVIEWED)
    return render_markdown(body, mark=_unreviewed_label(notes)).rstrip("\n")


def bilingual_html(edition: Assembly, notes: Attribution) -> str:
    src, lang, ui = edition.article.language, edition.lang, notes.lang
    tr = translations(ui)
    _: Callable[[str], str] = tr.gettext
    original = _("Original ({language})").format(language=language_name(src, ui))
    translation = _("Translation ({language})").format(language=language_name(lang, ui))
    marks = {
        "fuzzy": _("Unreviewed translation"),
        "untranslated": _("Not translated yet: original text"),
    }
    progress = tr.ngettext(
        "{reviewed} of {total} passage reviewed ({percent})",
        "{reviewed} of {total} passages reviewed ({percent})",
        edition.total,
    ).format(**_progress_numbers(edition, ui))
    attr = _ui(notes, lang)
    rows = [
        f'<div class="pair heads"{attr}>'
        f'<div class="col">{e(original)}</div><div class="col">{e(translation)}</div></div>'
    ]
    marks = {state: f'<p class="mark"{attr}>{e(text)}</p>\n' for state, text in marks.items()}
    inline_mark = _unreviewed_label(notes)
    # The marked rows alone: their states are the rows' (marking changes only the texts).
    for number, row in enumerate(edition.marked_rows(UNREVIEWED), 1):
        # Each unreviewed block gets its class; a fuzzy row already shows the row's mark,
        # a row of another state (an untranslated item with one fuzzy block, say) shows
        # the marker at the block too.
        label = None if row.state == "fuzzy" else inline_mark
        rows.append(_pair_html(edition, row, number, (original, translation), marks, label))
    title = str(edition.meta.get("title", ""))
    body = "\n".join(
        [
            '<body class="bilingual">',
            '<div class="page">',
            "<header>",
            _byline(notes, lang),
            *_note_html(edition, notes),
            f'<p class="progress"{attr}>{e(progress)}</p>',
            "</header>",
            '<main class="pairs">',
            *rows,
            "</main>",
            _footer(notes, lang),
            "</div>",
            "</body>",
        ]
    )
    page_title = _("{title} (bilingual edition)").format(title=title)
    css = stylesheet("edition.css", "bilingual.css", *_NOTE_CSS[: bool(edition.note)])
    return _page(lang, page_title, css, body, _alternate(edition))


def _progress_numbers(edition: Assembly, ui: str) -> dict[str, str]:
    from babel.numbers import format_decimal, format_percent

    where = locale_for(ui)
    return {
        "reviewed": format_decimal(edition.reviewed, locale=where),
        "total": format_decimal(edition.total, locale=where),
        # The one percentage (toolkit.percent), written the reader's way: "85,7 %".
        "percent": format_percent(
            Decimal(str(edition.percent)) / 100, locale=where, decimal_quantization=False
        ),
    }


def _pair_html(
    edition: Assembly,
    row: Row,
    number: int,
    labels: tuple[str, str],
    marks: dict[str, str],
    inline_mark: str | None = None,
) -> str:
    src, lang = edition.article.language, edition.lang
    state = row.state or "fixed"
    # A target that is still the original is in the original's language.
    target_lang = src if row.state == "untranslated" and row.target == row.source else lang
    mark = marks.get(state, "")
    source_html = _row_html(row, row.source, edition.env)
    # No-break spaces ("EE. UU.", "3,5 %") in the HTML only: the catalog keeps plain ones.
    target_html = keep_together(_row_html(row, row.target, edition.env, inline_mark), target_lang)
    return (
        f'<section class="pair {state}" id="b{number}">\n'
        f'<div class="col source" lang="{e(bcp47(src))}" data-label="{e(labels[0])}">\n'
        f"{source_html}\n</div>\n"
        f'<div class="col target" lang="{e(bcp47(target_lang))}" data-label="{e(labels[1])}">\n'
        f"{mark}{target_html}\n</div>\n</section>"
    )


def _row_html(row: Row, text: str, env: dict[str, Any], mark: str | None = None) -> str:
    if row.kind == "title":
        return f"<h1>{e(text)}</h1>"
    if _is_field(row):
        return f'<p class="deck">{e(text)}</p>'
    return render_markdown(text, env, mark).rstrip("\n")


_RENDERERS: dict[str, Callable[[Assembly, Attribution], str]] = {
    "markdown": edition_markdown,
    "html": edition_html,
    "bilingual-html": bilingual_html,
    "bilingual-markdown": bilingual_markdown,
}
