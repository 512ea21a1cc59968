"""What may reach a Markdown edition: the one place that decides it.

The Markdown editions go to a publisher's site generator, which may render raw HTML and may
not validate link schemes (Python-Markdown, goldmark with ``unsafe``, kramdown). So a
translation is held to its source, block by block, whatever ``check`` says or silences, as
the edition places it (the escapes placement adds can change how a line parses):

- raw HTML (a tag, a comment, a processing instruction) is kept only if the source block has
  the very same markup as raw HTML (not inside a code span);
- a link, image or autolink is kept if its destination is ``http:``, ``https:`` or
  ``mailto:``, or is one of the source block's own destinations (a relative link, say).

Anything else is made inert: a backslash before its ``<`` or ``[``, so that it reads as the
text the translator typed, as the HTML editions show it. The result is parsed again until
nothing is left to escape; should that not settle, the whole block is escaped as plain text.

The toolkit's own text (byline, footer, comment labels, link destinations) is written with
:func:`md_text`, :func:`md_destination` and :func:`comment_label`, and a front-matter URL
must pass :func:`url_problem` before it is used at all.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote, urlsplit

from toolkit.markdown.inline import destination, inline_rules, walk

if TYPE_CHECKING:
    from collections.abc import Callable

    from markdown_it import MarkdownIt

# --- translations -----------------------------------------------------------------------

_SAFE_SCHEME = re.compile(r"(?:https?|mailto):", re.IGNORECASE)
# What a browser ignores in a URL: C0 controls and spaces around it, tabs and newlines in it.
_IGNORED = re.compile(r"[\x00-\x20\x7f]+")
# Inline links whose destination plainly starts with an allowed scheme: no parse needed.
_PLAIN_LINK = re.compile(r"\]\((?:https?://|mailto:)")
_KEY = "toolkit.sanitize.spans"


def scheme_allowed(href: str) -> bool:
    """Does ``href`` (as a renderer may write it) start with http:, https: or mailto:?"""
    return _SAFE_SCHEME.match(_IGNORED.sub("", unquote(href))) is not None


def references(body: str) -> dict[str, Any]:
    """The link reference definitions of a Markdown body, as markdown-it's env holds them."""
    env: dict[str, Any] = {}
    if "]:" in body:  # a definition needs one
        _block_parser().parse(body, env)
    found: dict[str, Any] = env.get("references", {})
    return found


def safe_translation(
    text: str,
    source: str,
    refs: dict[str, Any] | None = None,
    placed: Callable[[str], str] | None = None,
) -> str:
    """``text`` with every raw HTML and link that ``source`` does not have made inert.

    ``refs``: the article's link reference definitions (see :func:`references`), which a
    ``[text][label]`` in either resolves through. ``placed``: what the edition writes for a
    text (:func:`toolkit.markdown.reassemble.placed_text`), whose escapes can change how
    it parses; that is what is judged and what comes back (placing it again changes
    nothing), unless only escaping all of ``text`` as plain text settles it.
    """
    if text == source or not _may_hold_markup(text, bool(refs)):
        return text  # placement adds no ``<`` or ``[``: nothing to judge there either
    typed = text
    if placed is not None:
        # What comes back is the placed text, escapes included: a mark put before it
        # (Assembly.marked_body) then changes nothing placement escaped.
        text = placed(text)
    judged = _judged(text, source, refs)
    if judged is None or (placed is not None and placed(judged) != judged):
        # Every ASCII punctuation escaped: no markup, and none that placement can make.
        return plain_markdown(typed)
    return judged


def _judged(text: str, source: str, refs: dict[str, Any] | None) -> str | None:
    """``text`` with what ``source`` lacks escaped, or None if no backslash can do it."""
    found = _Found.of(text, refs)
    if found.safe_alone():
        return text
    allowed = _Found.of(source, refs)
    for _round in range(8):
        cuts = found.escapes(allowed)
        if not cuts:
            return text
        if cuts[0] < 0:
            return None  # only nested (an image's alt): no position to escape
        text = _insert_backslashes(text, cuts)
        found = _Found.of(text, refs)
    return None if found.escapes(allowed) else text


def _may_hold_markup(text: str, has_refs: bool) -> bool:
    """Could ``text`` hold raw HTML or a link not plainly http(s)/mailto? (No false no.)"""
    if "<" in text:
        return True  # raw HTML or an autolink
    if "[" not in text:
        return False
    if text.count("](") != len(_PLAIN_LINK.findall(text)):
        return True
    return has_refs and re.search(r"\](?!\()", text) is not None  # [x][ref], [ref]


class _Found:
    """Raw HTML and link destinations of one text, each with where it starts."""

    def __init__(self) -> None:
        self.html: list[tuple[int, int, str]] = []  # (start, end, markup) at the top level
        self.links: list[tuple[int, str]] = []  # (where to escape, destination)
        self.all_html: set[str] = set()  # everywhere, nested parses (image alt) included
        self.all_hrefs: set[str] = set()

    @classmethod
    def of(cls, text: str, refs: dict[str, Any] | None) -> _Found:
        found = cls()
        env: dict[str, Any] = {_KEY: found, "toolkit.sanitize.text": text}
        if refs:
            env["references"] = refs
        tokens = _parser().parseInline(text, env)
        for token in walk(tokens):
            if token.type == "html_inline":
                found.all_html.add(token.content)
            elif token.type in ("link_open", "image"):
                found.all_hrefs.add(destination(token))
        return found

    def safe_alone(self) -> bool:
        """Nothing to compare with the source: no raw HTML, only http(s)/mailto links."""
        return not self.all_html and all(scheme_allowed(h) for h in self.all_hrefs)

    def escapes(self, source: _Found) -> list[int]:
        """Positions where a backslash makes what the source lacks inert (empty: all kept)."""
        cuts: set[int] = set()
        for start, _end, markup in self.html:
            if markup not in source.all_html:
                cuts.add(start)
                cuts.update(start + 1 + i for i, c in enumerate(markup[1:]) if c == "<")
        for where, href in self.links:
            if not scheme_allowed(href) and href not in source.all_hrefs:
                cuts.add(where)
        if cuts:
            return sorted(cuts)
        bad_html = self.all_html - source.all_html
        bad_links = {h for h in self.all_hrefs - source.all_hrefs if not scheme_allowed(h)}
        return [-1] if bad_html or bad_links else []  # only nested: no position to escape


def _insert_backslashes(text: str, cuts: list[int]) -> str:
    pieces: list[str] = []
    pos = 0
    for cut in cuts:
        pieces += [text[pos:cut], "\\"]
        pos = cut
    pieces.append(text[pos:])
    return "".join(pieces)


_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def plain_markdown(text: str) -> str:
    """``text`` as Markdown that shows every character as typed: all ASCII punctuation
    backslash-escaped (CommonMark allows it for each), line breaks kept."""
    return _PUNCTUATION.sub(r"\\\1", text)


_TOKEN_OF = {
    "html_inline": "html_inline",
    "link": "link_open",
    "autolink": "link_open",
    "image": "image",
}


def _track(name: str, rule: Callable[[Any, bool], bool]) -> Callable[[Any, bool], bool]:
    """``rule``, reporting to the text's :class:`_Found` what it parsed and where."""

    def tracked(state: Any, silent: bool) -> bool:
        found = state.env.get(_KEY) if isinstance(state.env, dict) else None
        start, count = state.pos, len(state.tokens)
        if not rule(state, silent):
            return False
        # Only the text's own parse has positions in it (an image's alt is parsed apart),
        # and only when the parser did not normalize it (CR, NUL): else the walk decides.
        if silent or found is None or state.src != state.env.get("toolkit.sanitize.text"):
            return True
        # The rule's own token (text pending before it is flushed first, as a text token).
        wanted = _TOKEN_OF[name]
        token = next((t for t in state.tokens[count:] if t.type == wanted), None)
        if token is None:
            return True
        if name == "html_inline":
            found.html.append((start, state.pos, token.content))
        elif name == "image":  # ![alt](src): the backslash goes before the bracket
            found.links.append((start + 1, destination(token)))
        else:
            found.links.append((start, destination(token)))
        return True

    return tracked


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    """The most permissive common renderer: raw HTML on, every link scheme accepted."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    # The public rule functions, replaced by name through the ruler's public API (inline
    # rules have no alternates).
    rules = inline_rules()
    for name in ("link", "image", "autolink", "html_inline"):
        md.inline.ruler.at(name, _track(name, rules[name]))
    return md


@lru_cache(maxsize=1)
def _block_parser() -> MarkdownIt:
    """Block rules only, every scheme accepted: the definitions a permissive renderer sees."""
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable("table").disable("inline")
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    return md


# --- the toolkit's own text --------------------------------------------------------------

# Markdown's special characters in text, each written after a backslash: str.translate
# does it without the Python call per match of re.sub's template expansion.
_MD_ESCAPES = {ord(c): "\\" + c for c in "\\`*_[]<>|~&#!{}"}
_SPACES = re.compile(r"\s+")
# What opens a block at the start of a line: a list marker, a rule, a setext underline...
_BLOCK_OPENER = re.compile(r"(?:[-+=]|\d{1,9}[.)](?=\s|$))")


def md_text(text: str) -> str:
    """Plain text as inline Markdown that renders as exactly that text (spaces collapsed):
    no raw HTML, entity, link, emphasis or code can come out of it."""
    return _SPACES.sub(" ", text).translate(_MD_ESCAPES)


def md_paragraph(markdown: str) -> str:
    """Inline Markdown as a paragraph of its own: nothing at its start opens another block
    (``- ``, ``1. ``, ``===``), whatever an article's front matter says."""
    out = markdown.strip(" ")
    opener = _BLOCK_OPENER.match(out)
    if opener:
        cut = opener.end() - 1
        out = out[:cut] + "\\" + out[cut:]
    return out


# Characters that would end or confuse a bare link destination, or that no URL needs raw.
_DESTINATION_UNSAFE = re.compile(r"[\x00-\x20\x7f<>()\"'`\\\[\]{}|^]")


def md_destination(url: str) -> str:
    """A URL as a Markdown link destination that cannot end early or carry markup."""
    return _DESTINATION_UNSAFE.sub(lambda m: f"%{ord(m.group()):02X}", url)


def link_definitions(refs: dict[str, Any]) -> list[str]:
    """The article's link reference definitions written back, one line each, for a text
    that holds its blocks but not its definitions (the bilingual Markdown's rows)."""
    lines = []
    for label, ref in refs.items():
        # Between angle brackets the parser's own (normalized) address comes back the same.
        href = re.sub(r"[\\<>]", r"\\\g<0>", re.sub(r"[\x00-\x1f\x7f]", "", str(ref["href"])))
        line = f"[{label}]: <{href}>"
        title = " ".join(str(ref.get("title") or "").split())
        if title:
            line += ' "' + title.replace("\\", "\\\\").replace('"', '\\"') + '"'
        lines.append(line)
    return lines


_COMMENT_UNSAFE = re.compile(r"[^A-Za-z0-9_.-]")


def comment_label(text: str) -> str:
    """Text fit inside ``<!-- ... -->``: no ``>``, ``<`` or space can end or open anything."""
    return _COMMENT_UNSAFE.sub("", text).strip("-") or "?"


# --- front-matter URLs -------------------------------------------------------------------

_URL_FORBIDDEN = re.compile(r"[\s<>\"'`\\\x00-\x1f\x7f]")


def url_problem(value: str) -> str | None:
    """Why ``value`` is not an absolute http(s) URL fit for a link, or None if it is."""
    bad = _URL_FORBIDDEN.search(value)
    if bad:
        char = bad.group()
        shown = repr(char) if char.isprintable() and char != " " else f"U+{ord(char):04X}"
        return f"it contains {shown}"
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 (raises on a bad port)
    except ValueError as exc:
        return f"it does not parse ({exc})"
    if parts.scheme.lower() not in ("http", "https"):
        return "only http and https URLs are accepted"
    if not parts.hostname:
        return "it has no host name"
    return None
