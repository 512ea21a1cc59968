"""The four editions of a translated article, as text: rendering only, no files.

``<slug>.<lang>.md`` and ``.html`` are the translation a publisher posts;
``<slug>.<src>-<lang>.html`` and ``.md`` put each block of the original beside (or before)
its translation for readers and reviewers.

Safety: Markdown becomes HTML through markdown-it-py with raw HTML off (``<script>`` in an
article or a msgstr is shown as text) and its link validation on (no ``javascript:``,
``vbscript:``, ``file:`` or non-image ``data:`` URLs); the result then passes nh3 as a second
line of defence. Everything else that comes from an article or a catalog is escaped.
"""

from __future__ import annotations

import copy
import html
import math
import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from toolkit.article import TRANSLATABLE_FIELDS, dump_front_matter
from toolkit.assemble import Assembly, Row
from toolkit.attribution import Attribution, Inline, Link, attribution, safe_url
from toolkit.i18n import translations
from toolkit.lang import language_name, locale_for
from toolkit.note import quoted_markdown

if TYPE_CHECKING:
    from markdown_it import MarkdownIt


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

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&#!])")


def md_escape(text: str) -> str:
    """Plain text as inline Markdown that renders as exactly that text."""
    return _MD_SPECIAL.sub(r"\\\1", re.sub(r"\s+", " ", text))


def md_inline(paragraph: Sequence[Inline]) -> str:
    out: list[str] = []
    for piece in paragraph:
        if isinstance(piece, Link):
            url = piece.url
            target = f"<{url}>" if re.search(r"[()<>\\]", url) else url
            out.append(f"[{md_escape(piece.text)}]({target})")
        else:
            out.append(md_escape(piece))
    return "".join(out)


def _note_label(notes: Attribution) -> str:
    return translations(notes.lang).gettext("Editor's note")


def _note_markdown(edition: Assembly, notes: Attribution) -> str:
    """The edition's note (toolkit.note) as a block quote after the byline, or ""."""
    return quoted_markdown(md_escape(_note_label(notes)), edition.note) if edition.note else ""


def edition_markdown(edition: Assembly, notes: Attribution) -> str:
    parts = [md_inline(notes.top), _note_markdown(edition, notes), edition.body.strip("\n")]
    parts.append("* * *")
    parts += [md_inline(p) for p in notes.bottom]
    return dump_front_matter(edition.meta) + "\n" + "\n\n".join(p for p in parts if p) + "\n"


def bilingual_markdown(edition: Assembly, notes: Attribution) -> str:
    """Each row as the original then its translation, separated by HTML comments.

    The comments say which language follows (and the state of an unfinished translation);
    they also keep two list items or code blocks in a row from merging into one.
    """
    src, lang = edition.article.language, edition.lang
    parts = [md_inline(notes.top)]
    if edition.note:  # in the edition's language, like a translation
        parts += [f"<!-- {lang} -->", _note_markdown(edition, notes)]
    for row in edition.rows:
        source, target = _row_markdown(row)
        if row.state is None:
            parts += [f"<!-- {src} {lang} -->", source]
            continue
        state = "" if row.state == "reviewed" else f": {row.state}"
        parts += [f"<!-- {src} -->", source, f"<!-- {lang}{state} -->", target]
    parts += ["* * *", *(md_inline(p) for p in notes.bottom)]
    return dump_front_matter(edition.meta) + "\n" + "\n\n".join(parts) + "\n"


def _row_markdown(row: Row) -> tuple[str, str]:
    if row.kind == "title":
        return "# " + md_escape(row.source), "# " + md_escape(row.target)
    if _is_field(row):
        return md_escape(row.source), md_escape(row.target)
    return row.source.strip("\n"), row.target.strip("\n")


def _is_field(row: Row) -> bool:
    return row.kind in TRANSLATABLE_FIELDS


# --- HTML --------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _renderer() -> MarkdownIt:
    """CommonMark and tables, raw HTML off: what an article or a msgstr holds stays text."""
    from markdown_it import MarkdownIt

    return MarkdownIt("commonmark", {"html": False}).enable("table")


def _attributes() -> dict[str, set[str]]:
    import nh3

    allowed = copy.deepcopy(nh3.ALLOWED_ATTRIBUTES)
    allowed.setdefault("a", set()).add("title")
    allowed.setdefault("img", set()).add("title")
    allowed.setdefault("code", set()).add("class")  # language-xxx of fenced code
    for cell in ("td", "th"):
        allowed.setdefault(cell, set()).add("style")  # text-align of table columns
    return allowed


def render_markdown(text: str, env: dict[str, Any] | None = None) -> str:
    """Markdown to a safe HTML fragment; ``env`` carries link reference definitions."""
    import nh3

    fragment = _renderer().render(text, copy.deepcopy(env) if env else {})
    return nh3.clean(fragment, attributes=_attributes(), filter_style_properties={"text-align"})


def e(text: str) -> str:
    return html.escape(text, quote=True)


def html_inline(paragraph: Sequence[Inline]) -> str:
    out: list[str] = []
    for piece in paragraph:
        if isinstance(piece, Link):
            out.append(f'<a href="{e(piece.url)}">{e(piece.text)}</a>')
        else:
            out.append(e(piece))
    return "".join(out)


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


def _fields_html(edition: Assembly) -> str:
    """The title and any deck of the translated front matter."""
    out = []
    for row in edition.rows:
        if row.kind == "title":
            out.append(f"<h1>{e(row.target)}</h1>")
        elif _is_field(row):
            out.append(f'<p class="deck">{e(row.target)}</p>')
    return "\n".join(out)


def _ui(notes: Attribution, page_lang: str) -> str:
    """A ``lang`` attribute for the toolkit's own text when it is not in the page's language."""
    return "" if notes.lang == page_lang else f' lang="{e(bcp47(notes.lang))}"'


def _byline(notes: Attribution, page_lang: str) -> str:
    return f'<p class="byline"{_ui(notes, page_lang)}>{html_inline(notes.top)}</p>'


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
            _fields_html(edition),
            _byline(notes, edition.lang),
            *_note_html(edition, notes),
            "</header>",
            render_markdown(edition.body).rstrip("\n"),
            _footer(notes, edition.lang),
            "</article>",
            "</body>",
        ]
    )
    title = str(edition.meta.get("title", ""))
    css = stylesheet("edition.css", *_NOTE_CSS[: bool(edition.note)])
    return _page(edition.lang, title, css, body, _alternate(edition))


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
    for number, row in enumerate(edition.rows, start=1):
        rows.append(_pair_html(edition, row, number, (original, translation), marks))
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
        "percent": format_percent(math.floor(edition.percent) / 100, locale=where),
    }


def _pair_html(
    edition: Assembly,
    row: Row,
    number: int,
    labels: tuple[str, str],
    marks: dict[str, str],
) -> str:
    src, lang = edition.article.language, edition.lang
    state = row.state or "fixed"
    # A target that is still the original is in the original's language.
    target_lang = src if row.state == "untranslated" and row.target == row.source else lang
    mark = marks.get(state, "")
    source_html = _row_html(row, row.source, edition.env)
    target_html = _row_html(row, row.target, edition.env)
    return (
        f'<section class="pair {state}" id="b{number}">\n'
        f'<div class="col source" lang="{e(bcp47(src))}" data-label="{e(labels[0])}">\n'
        f"{source_html}\n</div>\n"
        f'<div class="col target" lang="{e(bcp47(target_lang))}" data-label="{e(labels[1])}">\n'
        f"{mark}{target_html}\n</div>\n</section>"
    )


def _row_html(row: Row, text: str, env: dict[str, Any]) -> str:
    if row.kind == "title":
        return f"<h1>{e(text)}</h1>"
    if _is_field(row):
        return f'<p class="deck">{e(text)}</p>'
    return render_markdown(text, env).rstrip("\n")


_RENDERERS: dict[str, Callable[[Assembly, Attribution], str]] = {
    "markdown": edition_markdown,
    "html": edition_html,
    "bilingual-html": bilingual_html,
    "bilingual-markdown": bilingual_markdown,
}
