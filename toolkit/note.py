"""The edition's note: target-language text that translates nothing.

A newsroom that republishes an archive piece does not change the translation when the facts
have moved on; it adds a dated editor's note. ``locales/<lang>/<slug>.note.md`` holds it, in
Markdown, written in the edition's language. Every edition shows it right after the byline,
under the toolkit's own label ("Editor's note", translated like the other notices), so a
reader never takes it for the original's text. A missing or blank file means no note.

The note goes into the Markdown editions as it is, so it must be safe there too: no raw HTML
and no link but http, https and mailto (images: http and https). ``l10n check`` reports a
problem as a ``markup`` finding; ``l10n build`` refuses the note with ``Error: PATH:LINE``.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from toolkit.config import Workspace, check_slug
from toolkit.errors import InputError
from toolkit.files.reading import read_text

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.token import Token

    from toolkit.checks.report import CheckReport

SUFFIX = ".note.md"
LINK_SCHEMES = ("http", "https", "mailto")
IMAGE_SCHEMES = ("http", "https")


def note_path(ws: Workspace, slug: str, lang: str) -> Path:
    """``locales/<lang>/<slug>.note.md``, beside the catalog."""
    folder = ws.lang_folder(lang)  # as po_path: the language checked, then the slug
    return folder / (check_slug(slug) + SUFFIX)


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    """CommonMark that shows raw HTML and every link as tokens, so each can be judged."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


def problems(text: str) -> Iterator[tuple[int, str]]:
    """(line, message) for each unsafe construct of a note, in order."""
    for block in _parser().parse(text):
        line = block.map[0] + 1 if block.map else 1
        if block.type == "html_block":
            first = block.content.strip().split("\n")[0][:60]
            yield line, f"raw HTML {first!r} is not allowed in a note (write Markdown)"
        for child in block.children or []:
            yield from _inline_problem(child, line)
            if child.type in ("softbreak", "hardbreak"):
                line += 1


def _inline_problem(token: Token, line: int) -> Iterator[tuple[int, str]]:
    if token.type == "html_inline":
        yield line, f"raw HTML {token.content!r} is not allowed in a note (write Markdown)"
    elif token.type in ("link_open", "image"):
        attr = "href" if token.type == "link_open" else "src"
        url = str(token.attrGet(attr) or "")
        schemes = LINK_SCHEMES if token.type == "link_open" else IMAGE_SCHEMES
        scheme = urlsplit(url).scheme.lower() if ":" in url else ""
        if scheme not in schemes:
            kind = "link" if token.type == "link_open" else "image"
            allowed = ", ".join(schemes[:-1]) + " or " + schemes[-1]
            yield line, f"{kind} {url!r} in a note must be an absolute {allowed} URL"


def load_note(ws: Workspace, slug: str, lang: str) -> str | None:
    """The note's Markdown for an edition, or None; an unsafe note raises InputError."""
    path = note_path(ws, slug, lang)
    if not path.is_file():
        return None
    shown = ws.rel(path)
    text = read_text(path, shown)
    if not text.strip():
        return None
    for line, message in problems(text):
        raise InputError(message, shown, line)
    return text.strip()


def check_note(ws: Workspace, slug: str, lang: str) -> CheckReport:
    """``l10n check`` on the note: its unsafe markup as ``markup`` findings."""
    from toolkit.checks.report import CheckReport, Finding  # a build loading notes runs no check

    report = CheckReport()
    path = note_path(ws, slug, lang)
    if path.is_file():
        shown = ws.rel(path)
        report.findings.extend(
            Finding(shown, line, "markup", message, "")
            for line, message in problems(read_text(path, shown))
        )
    return report


def quoted_markdown(label: str, text: str) -> str:
    """The note as a Markdown block quote: the label (already escaped) in bold, then the text."""
    lines = [f"**{label}**", "", *text.splitlines()]
    return "\n".join(f"> {line}" if line.strip() else ">" for line in lines)
