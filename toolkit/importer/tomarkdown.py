"""trafilatura's extracted body (its XML vocabulary) to CommonMark blocks.

trafilatura's own Markdown output drops block quotes' ``>`` and image captions, and resolves
relative links against the site's root instead of the page; so the toolkit writes the
Markdown itself, from the tree ``bare_extraction`` returns: ``p``, ``head rend=hN``,
``list rend=ul|ol`` / ``item``, ``quote``, ``code``, ``graphic``, ``table`` / ``row`` /
``cell``, inline ``hi rend=#b|#i|#t|...``, ``ref target``, ``lb`` and ``del``. Every block
comes with its plain text, which the site profile's patterns are matched against.

The Markdown is the toolkit's dialect (CommonMark plus tables, raw HTML off): text is
escaped where it would otherwise read as markup, and only http, https and mailto links
survive as links.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

Element = Any  # an lxml element (lxml ships no type information the toolkit relies on)


@dataclass(frozen=True)
class Block:
    markdown: str  # one CommonMark block, no trailing newline
    text: str  # its plain text, whitespace collapsed
    kind: str  # paragraph, heading N, list, quote, code, image, table
    links: int = 0  # links in it
    linked: bool = False  # every letter and digit of it is inside a link
    unlinked: int = 0  # its letters and digits outside links


_SPACE = re.compile(r"\s+")
_SAFE_SCHEMES = ("http", "https", "mailto")
# Characters that start inline markup anywhere in a line.
_INLINE = re.compile(r"([\\`*_\[\]])")
_ANGLE = re.compile(r"<(?=[A-Za-z/!?])")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_NEEDS_ESCAPE = re.compile(r"[\\`*_\[\]<&]")
# What a line must not start with to stay a paragraph line.
_LINE_START = re.compile(
    r"^(?:(?P<hash>#{1,6})(?:[ \t]|$)|(?P<gt>>)|(?P<bullet>[-+*])(?:[ \t]|$)"
    r"|(?P<num>\d{1,9})(?P<delim>[.)])(?:[ \t]|$)|(?P<rule>[-_*=])(?:[ \t]*(?P=rule)){1,}[ \t]*$"
    r"|(?P<fence>```|~~~))"
)


def escape_text(text: str) -> str:
    """Plain text as CommonMark inline content that renders as the same text; whitespace
    runs become one space (a newline in the result is always a hard break's)."""
    text = _SPACE.sub(" ", text)
    if _NEEDS_ESCAPE.search(text) is None:  # most text: nothing to escape
        return text
    text = _INLINE.sub(r"\\\1", text)
    text = _ANGLE.sub(r"\\<", text)
    return _ENTITY.sub(r"\\&", text)


def escape_line_starts(markdown: str) -> str:
    """Backslash the first character of any line that would start a block (heading, list,
    quote, rule, fence) instead of continuing a paragraph."""
    return "\n".join(_escape_start(line) for line in markdown.split("\n"))


def _escape_start(line: str) -> str:
    match = _LINE_START.match(line)
    if match is None:
        return line
    if match.group("num") is not None:
        end = match.end("num")
        return f"{line[:end]}\\{line[end:]}"
    return "\\" + line


def code_span(text: str) -> str:
    text = _SPACE.sub(" ", text)
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    ticks = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") or text.strip() != text else ""
    return f"{ticks}{pad}{text}{pad}{ticks}" if text.strip() else ""


def safe_url(url: str | None, base: str | None) -> str | None:
    """An absolute http(s)/mailto target, written so that CommonMark reads it whole."""
    if not url or not url.strip():
        return None
    url = url.strip()
    if url.startswith(("https://", "http://", "mailto:")):
        absolute = url  # the common case: made absolute before extraction
    else:
        try:
            absolute = urljoin(base, url) if base else url
            scheme = urlsplit(absolute).scheme.lower()
        except ValueError:
            return None
        if scheme not in _SAFE_SCHEMES:
            return None
    for char, code in ((" ", "%20"), ("(", "%28"), (")", "%29"), ("<", "%3C"), (">", "%3E")):
        absolute = absolute.replace(char, code)
    return absolute.replace("\\", "%5C")


class Writer:
    """One body tree to blocks; ``base`` resolves the relative links that are left."""

    def __init__(self, base: str | None) -> None:
        self.base = base
        self._links = 0  # links and their letters and digits in the paragraph being written
        self._linked = 0

    # -- blocks ------------------------------------------------------------------------

    def blocks(self, body: Element) -> list[Block]:
        return [b for b in self._children_blocks(body) if b.markdown.strip()]

    def _children_blocks(self, parent: Element) -> Iterator[Block]:
        """Block children of ``parent``; loose inline content between them makes paragraphs."""
        run: list[tuple[str | None, Element | None]] = [(parent.text, None)]
        for child in parent:
            if _is_block(child):
                yield from self._paragraph_from_run(run)
                run = []
                yield from self._block(child)
                run.append((child.tail, None))
            else:
                run.append((None, child))
        yield from self._paragraph_from_run(run)

    def _paragraph_from_run(self, run: list[tuple[str | None, Element | None]]) -> Iterator[Block]:
        self._links = self._linked = 0
        parts: list[str] = []
        texts: list[str] = []
        for text, element in run:
            if text:
                parts.append(escape_text(text))
                texts.append(text)
            if element is not None:
                md, plain = self._inline(element, with_tail=True)
                parts.append(md)
                texts.append(plain)
        yield from self._paragraph("".join(parts), "".join(texts))

    def _paragraph(self, markdown: str, text: str, kind: str = "paragraph") -> Iterator[Block]:
        markdown = _tidy(markdown)
        if markdown:
            unlinked = _alnum(text) - self._linked
            yield Block(
                escape_line_starts(markdown),
                _SPACE.sub(" ", text).strip(),
                kind,
                self._links,
                self._links > 0 and unlinked == 0,
                unlinked,
            )

    def _block(self, el: Element) -> Iterator[Block]:
        tag = el.tag
        if tag == "head":
            level = _heading_level(el.get("rend"))
            md, text = self._inline_content(el, breaks=False)
            md = _tidy(md)
            if md:
                yield Block(
                    f"{'#' * level} {md}", _SPACE.sub(" ", text).strip(), f"heading {level}"
                )
        elif tag == "list":
            block = self._list(el)
            if block is not None:
                yield block
        elif tag == "quote":
            inner = list(self._children_blocks(el))
            if inner and all(b.kind == "code" for b in inner) and not _has_block_child(el):
                yield from inner
                return
            if inner:
                md = "\n>\n".join(_prefix(b.markdown, "> ") for b in inner)
                yield Block(md, " ".join(b.text for b in inner), "quote")
        elif tag == "code":
            text = "".join(el.itertext())
            if text.strip():
                yield Block(_fence(text), text.strip(), "code")
        elif tag == "graphic":
            image = self._image(el)
            if image:
                yield Block(image, el.get("alt") or "", "image")
        elif tag == "table":
            block = self._table(el)
            if block is not None:
                yield block
        elif tag == "lb":
            return
        elif _has_block_child(el):
            yield from self._children_blocks(el)
        else:
            self._links = self._linked = 0
            md, text = self._inline_content(el, breaks=True)
            yield from self._paragraph(md, text)

    def _list(self, el: Element) -> Block | None:
        ordered = el.get("rend") == "ol"
        items: list[tuple[str, str]] = []
        self._links = self._linked = 0  # counted for a flat list (a list of links is furniture)
        for item in el:
            if item.tag != "item":
                continue
            if _has_block_child(item):
                inner = [b for b in self._children_blocks(item) if b.markdown.strip()]
                # A sub-list right after the item's text keeps the list tight (a bullet list,
                # or an ordered one from 1, may interrupt a paragraph).
                md = "".join(
                    ("" if n == 0 else "\n" if b.kind == "list" else "\n\n") + b.markdown
                    for n, b in enumerate(inner)
                )
                text = " ".join(b.text for b in inner)
            else:
                raw, text = self._inline_content(item, breaks=True)
                md = escape_line_starts(_tidy(raw))
            if md.strip():
                items.append((md, _SPACE.sub(" ", text).strip()))
        if not items:
            return None
        loose = any("\n\n" in md for md, _ in items)
        lines = []
        for n, (md, _) in enumerate(items, start=1):
            marker = f"{n}. " if ordered else "- "
            lines.append(marker + _indent(md, " " * len(marker)))
        text = " ".join(t for _, t in items)
        unlinked = _alnum(text) - self._linked
        markdown = ("\n\n" if loose else "\n").join(lines)
        return Block(
            markdown, text, "list", self._links, self._links > 0 and unlinked == 0, unlinked
        )

    def _table(self, el: Element) -> Block | None:
        rows: list[list[str]] = []
        texts: list[str] = []
        head = False
        for row in el.iter("row"):
            cells = []
            for cell in row:
                if cell.tag != "cell":
                    continue
                md, text = self._inline_content(cell, breaks=False)
                cells.append(_tidy(md).replace("|", "\\|"))
                texts.append(text)
                head = head or (not rows and cell.get("role") == "head")
            if any(c for c in cells):
                rows.append(cells)
        if not rows:
            return None
        width = max(len(r) for r in rows)
        rows = [r + [""] * (width - len(r)) for r in rows]
        if not head:  # a table needs a header row: an empty one keeps every row a body row
            rows.insert(0, [""] * width)
        lines = [_row(rows[0]), _row(["---"] * width)] + [_row(r) for r in rows[1:]]
        return Block("\n".join(lines), _SPACE.sub(" ", " ".join(texts)).strip(), "table")

    def _image(self, el: Element) -> str:
        src = safe_url(el.get("src"), self.base)
        if src is None:
            return ""
        alt = _SPACE.sub(" ", el.get("alt") or el.get("title") or "").strip()
        return f"![{escape_text(alt)}]({src})"

    # -- inline ------------------------------------------------------------------------

    def _inline_content(self, el: Element, breaks: bool) -> tuple[str, str]:
        """An element's own text and inline children (not its tail) as Markdown and text."""
        parts = [escape_text(el.text or "")]
        texts = [el.text or ""]
        for child in el:
            if child.tag == "lb":
                parts.append("\\\n" if breaks else " ")
                texts.append(" ")
                parts.append(escape_text(child.tail or ""))
                texts.append(child.tail or "")
                continue
            md, text = self._inline(child, with_tail=True)
            parts.append(md)
            texts.append(text)
        return "".join(parts), "".join(texts)

    def _inline(self, el: Element, with_tail: bool) -> tuple[str, str]:
        tag = el.tag
        tail_md = escape_text(el.tail or "") if with_tail else ""
        tail = (el.tail or "") if with_tail else ""
        if tag == "del":  # a struck-out correction: readers get the corrected text only
            return tail_md, tail
        if tag == "graphic":
            return self._image(el) + tail_md, (el.get("alt") or "") + tail
        if tag == "code" or (tag == "hi" and el.get("rend") == "#t"):
            text = "".join(el.itertext())
            return code_span(text) + tail_md, text + tail
        if tag == "lb":
            return " " + tail_md, " " + tail
        md, text = self._inline_content(el, breaks=False)
        if tag == "hi":
            marker = {"#b": "**", "#i": "*"}.get(el.get("rend") or "")
            if marker:
                md = _wrap(md, marker)
        elif tag == "ref":
            target = safe_url(el.get("target"), self.base)
            if target and md.strip():
                self._links += 1
                self._linked += _alnum(text)
                lead, core, trail = _split_space(md)
                md = f"{lead}[{core}]({target}){trail}"
        elif tag == "quote":  # an inline <q>
            md, text = f'"{md.strip()}"', f'"{text.strip()}"'
        elif tag in _BLOCKISH:
            md, text = f" {md} ", f" {text} "
        return md + tail_md, text + tail


_BLOCKISH = {"p", "head", "list", "item", "table", "row", "cell", "div"}
_BLOCK_TAGS = {"p", "head", "list", "quote", "table", "graphic", "div", "item", "ab"}


def _alnum(text: str) -> int:
    return sum(ch.isalnum() for ch in text)


def _is_block(el: Element) -> bool:
    if el.tag == "code":
        return "\n" in "".join(el.itertext())
    return el.tag in _BLOCK_TAGS


def _has_block_child(el: Element) -> bool:
    return any(_is_block(child) for child in el)


def _heading_level(rend: str | None) -> int:
    if rend and len(rend) == 2 and rend[0] == "h" and rend[1] in "123456":
        return int(rend[1])
    return 2


def _tidy(markdown: str) -> str:
    """Collapse whitespace (a hard break's newline survives) and trim."""
    lines = [_SPACE.sub(" ", line).strip() for line in markdown.split("\\\n")]
    lines = [line for line in lines if line]
    return "\\\n".join(lines)


def _split_space(md: str) -> tuple[str, str, str]:
    core = md.strip()
    if not core:
        return md, "", ""
    start = md.index(core[0])
    return md[:start], core, md[start + len(core) :]


def _wrap(md: str, marker: str) -> str:
    """Emphasis with the markers against the text (flanking rules), spaces outside."""
    lead, core, trail = _split_space(md)
    if not core:
        return md
    core = core.replace("\\\n", " ")
    return f"{lead}{marker}{core}{marker}{trail}"


def _fence(text: str) -> str:
    text = text.strip("\n")
    longest = max((len(run) for run in re.findall(r"^[ \t]*(`{3,})", text, re.M)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}\n{text}\n{fence}"


def _prefix(markdown: str, prefix: str) -> str:
    return "\n".join((prefix + line).rstrip() for line in markdown.split("\n"))


def _indent(markdown: str, pad: str) -> str:
    lines = markdown.split("\n")
    return "\n".join([lines[0]] + [(pad + line) if line else "" for line in lines[1:]])


def _row(cells: Iterable[str]) -> str:
    return "| " + " | ".join(cells) + " |"
