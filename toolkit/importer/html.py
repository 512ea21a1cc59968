"""A saved web page to the article's blocks and front matter, with trafilatura.

trafilatura finds the main text (its own rules, with readability and jusText as fallbacks)
and the metadata (title, author, date, site name). The toolkit reads what trafilatura does
not give or gets wrong for our purpose: the page's ``lang``, its canonical address, its
licence link, and links resolved against the page's own address before extraction (which
resolves them against the site's root). Imported only by ``l10n import``: trafilatura
costs ~0.4 s to import.
"""

from __future__ import annotations

import re
from datetime import date
from functools import lru_cache
from typing import Any
from urllib.parse import urljoin, urlsplit

from toolkit.errors import InputError
from toolkit.importer.furniture import prune
from toolkit.importer.page import Page
from toolkit.importer.tomarkdown import Writer, safe_url

# The balanced mode (neither favor_precision nor favor_recall), measured on the fixtures
# (benchmarks/import_quality.py, README "Importing web pages"): precision mode lost a live
# blog's standfirst; balanced and recall lost nothing and kept a paywall prompt that a
# profile line can drop. A lost paragraph is worse for a translation than a visible extra.
EXTRACT_OPTIONS: dict[str, Any] = {
    "include_comments": False,  # reader comments are not the article
    "include_formatting": True,
    "include_links": True,
    "include_images": True,
    "include_tables": True,
    "deduplicate": False,
    "favor_precision": False,
    "favor_recall": False,
    # trafilatura's date is not used (see published_date); its search is kept short.
    "date_extraction_params": {"extensive_search": False, "original_date": True},
}
_XML_DECLARATION = re.compile(r"^\s*<\?xml[^>]*\?>")
_LAZY_SOURCES = ("data-src", "data-lazy-src", "data-original")
_ABSOLUTE = ("https://", "http://", "mailto:", "#")
_CC = re.compile(
    r"creativecommons\.org/(licenses|publicdomain)/([a-z-]+)(?:/(\d+(?:\.\d+)?))?", re.I
)


def parse_html(
    text: str,
    shown: str,
    address: str | None,
    container: str | None = None,
    options: dict[str, Any] | None = None,
    generic: bool = True,
) -> Page:
    """Blocks and metadata of one page; ``address`` is where the page was (``--url``, or
    the address it was fetched from), against which relative links resolve."""
    import lxml.etree
    import lxml.html
    import trafilatura

    try:
        tree = lxml.html.document_fromstring(_XML_DECLARATION.sub("", text, count=1))
    except (lxml.etree.ParserError, ValueError):
        raise InputError("not a web page (no HTML document)", shown) from None
    canonical = _canonical(tree, address)
    base = _base(tree, address or canonical)
    if base:
        _absolute_links(tree, base, canonical or address)
    when = published_date(tree, canonical or address)
    _captions_as_paragraphs(tree)
    _entry_times(tree)
    meta_tree = tree
    settings = {**EXTRACT_OPTIONS, **(options or {})}
    url = address or canonical
    # The metadata first, from the whole page: a byline or a licence link may sit in what
    # the pruning below removes.
    metadata = trafilatura.extract_metadata(meta_tree, url, settings["date_extraction_params"])
    meta = _front_matter(meta_tree, metadata, when, canonical or address, base)
    if container:
        tree = _only(tree, container, shown)
    if generic:
        prune(tree)
    # output_format="xml": the body tree alone, without the plain text trafilatura would
    # also render for its "python" format (unused here).
    document = trafilatura.bare_extraction(
        tree, url=url, with_metadata=False, output_format="xml", **settings
    )
    body = getattr(document, "body", None)  # a Document (as_dict is not asked for)
    if body is None:
        raise InputError("no article body found", shown)
    blocks = Writer(base).blocks(body)
    return Page(shown, meta, blocks, canonical or address, site=base)


def _front_matter(
    tree: Any, metadata: Any, when: date | None, address: str | None, base: str | None
) -> dict[str, Any]:
    """What the page says of itself, in the article format's keys."""
    meta: dict[str, Any] = {}
    title = _clean(getattr(metadata, "title", None)) or _first_h1(tree)
    if title:
        meta["title"] = title
    language = _language(tree)
    if language:
        meta["language"] = language
    publisher = _publisher(tree, _clean(getattr(metadata, "sitename", None)), title)
    if publisher:
        meta["publisher"] = publisher
    authors = _authors(getattr(metadata, "author", None))
    if authors:
        meta["author"] = authors[0] if len(authors) == 1 else authors
    if when is not None:
        meta["date"] = when
    if address:
        meta["source_url"] = address
    meta.update(_license(tree, base))
    return meta


def _authors(value: object) -> list[str]:
    """trafilatura joins several bylines with "; " ("Sam Kerr-Ward; Priya Nand")."""
    if not isinstance(value, str):
        return []
    names = [_clean(name) for name in value.split(";")]
    return list(dict.fromkeys(name for name in names if name))


def _absolute_links(tree: Any, base: str, page: str | None) -> None:
    """Links and image sources resolved against the page's address. Only those: lxml's
    ``make_links_absolute`` rewrites every URL of the page (styles, scripts, forms) and took
    a fifth of an import's time. A link to a part of the page itself (a live blog entry's
    time, linked to the entry) is text: in the article it would point back to the source."""
    here = _without_query(page) if page else None
    for element in list(tree.iter("a", "img")):
        for attr in ("href",) if element.tag == "a" else ("src", *_LAZY_SOURCES):
            value = element.get(attr)
            if value and not value.startswith(_ABSOLUTE):
                try:
                    value = urljoin(base, value.strip())
                except ValueError:  # a malformed address: left as it is, dropped later
                    continue
                element.set(attr, value)
            if attr == "href" and here and value and "#" in value and _without_query(value) == here:
                element.drop_tag()


_LIVE_BLOG = re.compile(r"LiveBlogPosting")
_TEXT_HOLDERS = {"p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "td", "th", "figcaption"}


def _entry_times(tree: Any) -> None:
    """A live blog's entry times (schema.org ``LiveBlogPosting``: what search engines ask
    live pages to declare) become paragraphs: trafilatura drops a lone <time>, and a reader
    of a live blog needs them. Elsewhere a <time> is the date line, already read as the
    publication date; its text stays where it is."""
    import lxml.etree

    marked = tree.xpath('//script[@type="application/ld+json"]/text() | //*/@itemtype')
    if any(_LIVE_BLOG.search(str(value)) for value in marked):
        for time in list(tree.iter("time")):
            if any(a.tag in _TEXT_HOLDERS for a in time.iterancestors()):
                continue
            text = time.text_content().strip()
            top = time
            for ancestor in time.iterancestors():
                if ancestor.tag in ("body", "article", "section") or (
                    ancestor.text_content().strip() != text
                ):
                    break
                top = ancestor
            top.tag = "p"
    lxml.etree.strip_tags(tree, "time")


def _without_query(url: str) -> str:
    try:
        parts = urlsplit(url)
    except ValueError:  # a malformed address is no page's
        return ""
    return f"{parts.scheme}://{parts.netloc.lower()}{parts.path.rstrip('/')}"


def _captions_as_paragraphs(tree: Any) -> None:
    """A photo's caption and a table's title are text readers read (and translators
    translate); trafilatura drops the first and makes the second a table row. As a
    paragraph after the figure (before the table) they stay what they are."""
    for caption in list(tree.iter("figcaption")):
        figure = caption.getparent()
        if figure is None:
            continue
        caption.tail = None
        figure.remove(caption)
        caption.tag = "p"
        figure.addnext(caption)
    for caption in list(tree.iter("caption")):
        table = caption.getparent()
        if table is None or table.tag != "table":
            continue
        caption.tail = None
        table.remove(caption)
        caption.tag = "p"
        table.addprevious(caption)


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


_HOST_NAME = re.compile(r"^[a-z0-9-]+(\.[a-z0-9-]+)+$")
_TITLE_SEPARATORS = (" | ", " :: ", " — ", " – ", " - ", " · ")


def _publisher(tree: Any, sitename: str | None, title: str | None) -> str | None:
    """The site's name as the page gives it. trafilatura falls back to the host name
    ("example.org"), which names a server, not a publisher: then the <title>'s last part
    after the headline ("Headline :: Andean Dispatch") is asked instead."""
    if sitename and not _HOST_NAME.match(sitename):
        return sitename
    full = _clean(tree.findtext(".//title"))
    if full and title and full.startswith(title):
        rest = full[len(title) :]
        for separator in _TITLE_SEPARATORS:
            if rest.startswith(separator) and rest[len(separator) :].strip():
                return rest[len(separator) :].strip()
    return None


def _web_url(value: str | None, base: str | None) -> str | None:
    """``safe_url``, http(s) only: what the article's front matter accepts (no mailto:)."""
    url = safe_url(value, base)
    return url if url and urlsplit(url).scheme in ("http", "https") else None


def _canonical(tree: Any, address: str | None) -> str | None:
    for xpath in ('//link[@rel="canonical"]/@href', '//meta[@property="og:url"]/@content'):
        for value in tree.xpath(xpath):
            url = _web_url(str(value), address)
            if url:
                return url
    return None


def _base(tree: Any, address: str | None) -> str | None:
    for value in tree.xpath("//base/@href"):
        url = safe_url(str(value), address)
        if url:
            return url
    return address


def _only(tree: Any, selector: str, shown: str) -> Any:
    """A copy of the page whose body is only the elements the profile's selector matches
    (the whole page when none does: a profile is a hint, not a requirement)."""
    import copy

    import lxml.html
    from cssselect import SelectorError

    try:
        found = tree.cssselect(selector)
    except SelectorError as exc:
        raise InputError(
            f"[tool.l10n.import] container: invalid CSS selector {selector!r} ({exc})"
        ) from None
    if not found:
        return tree
    page = lxml.html.Element("html")
    head = tree.find("head")
    if head is not None:
        page.append(copy.deepcopy(head))
    body = lxml.html.Element("body")
    page.append(body)
    for element in found:
        if not any(a in found for a in element.iterancestors()):
            body.append(copy.deepcopy(element))
    return page


def _first_h1(tree: Any) -> str | None:
    for h1 in tree.iter("h1"):
        text = _clean(h1.text_content())
        if text:
            return text
    return None


def _language(tree: Any) -> str | None:
    """The page's own language tag (``<html lang>``), if it is a valid BCP 47 code."""
    from toolkit.errors import UsageError
    from toolkit.lang import check_language

    values = [tree.get("lang"), tree.get("{http://www.w3.org/XML/1998/namespace}lang")]
    if not any(values):
        values = tree.xpath('//head/meta[@http-equiv="content-language"]/@content')
    for value in values:
        if not value or not str(value).strip():
            continue
        parts = str(value).strip().replace("_", "-").split("-")
        code = "-".join([parts[0].lower(), *(p.upper() if len(p) == 2 else p for p in parts[1:])])
        try:
            return check_language(code)
        except UsageError:
            continue
    return None


_DATE_META = (
    '//meta[@property="article:published_time" or @property="og:published_time"'
    ' or @itemprop="datePublished" or @name="article:published_time"'
    ' or @name="date" or @name="DC.date.issued" or @name="dc.date" or @name="pubdate"'
    ' or @name="publishdate" or @name="parsely-pub-date" or @name="sailthru.date"]/@content',
    '//*[@itemprop="datePublished"]/@datetime',
    "//time[@pubdate]/@datetime",
)
_ISO_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_JSON_LD_DATE = re.compile(r'"datePublished"\s*:\s*"(\d{4}-\d{2}-\d{2})')
_URL_DAY = re.compile(r"/((?:19|20)\d{2})/(\d{2})/(\d{2})/")


def published_date(tree: Any, address: str | None) -> date | None:
    """The publication date the page states: its metadata (meta tags, schema.org, JSON-LD)
    or a /YYYY/MM/DD/ address. Never a date found in the text or a comment's timestamp,
    which trafilatura's date search can return when the page states none."""
    for value in _date_xpath()(tree):  # in document order: the head's meta tags first
        text = str(value).strip()
        found = _day(_ISO_DAY.match(text) or _JSON_LD_DATE.search(text))
        if found:
            return found
    return _day(_URL_DAY.search(urlsplit(address).path)) if address else None


@lru_cache(maxsize=1)
def _date_xpath() -> Any:
    import lxml.etree

    return lxml.etree.XPath(
        " | ".join([*_DATE_META, '//script[@type="application/ld+json"]/text()'])
    )


def _day(match: re.Match[str] | None) -> date | None:
    if match is None:
        return None
    try:
        return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return None


def _license(tree: Any, base: str | None) -> dict[str, str]:
    """``rel="license"`` first; else a Creative Commons link outside figures (a photo's
    own licence is not the article's)."""
    links = tree.xpath('//*[contains(concat(" ", normalize-space(@rel), " "), " license ")]')
    for link in links:
        href = _web_url(link.get("href"), base)
        if href:
            name = _cc_name(href) or _clean(link.text_content() if link.tag == "a" else None)
            return {"license": name, "license_url": href} if name else {"license_url": href}
    for link in tree.xpath('//a[contains(@href, "creativecommons.org/")]'):
        if any(a.tag in ("figure", "figcaption") for a in link.iterancestors()):
            continue
        href = _web_url(link.get("href"), base)
        name = _cc_name(href or "")
        if href and name:
            return {"license": name, "license_url": href}
    return {}


def _cc_name(url: str) -> str | None:
    """``https://creativecommons.org/licenses/by-nc/4.0/`` → ``CC BY-NC 4.0``."""
    match = _CC.search(url)
    if match is None:
        return None
    kind, code, version = match.group(1).lower(), match.group(2).lower(), match.group(3)
    if kind == "publicdomain":
        name = {"zero": "CC0", "mark": "Public Domain Mark"}.get(code)
    else:
        name = "CC " + code.upper()
    if name is None:
        return None
    return f"{name} {version}" if version else name
