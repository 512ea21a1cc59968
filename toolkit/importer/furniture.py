"""Site furniture that no article body holds, recognised on any site.

trafilatura drops most furniture by its own rules (navigation, share bars, comments,
``aside`` and ``footer`` elements, ``related``/``newsletter``/``cookie`` class names), and
keeps what its vocabulary misses: a paywall or subscription prompt after the story, a live
blog's "Key events" box, a donation box, an author's bio. Two generic layers drop those:

- ``prune``, before extraction: elements whose ``class``, ``id``, ``data-*`` values (the
  component names of Arc, WordPress blocks, the Guardian's ``data-gu-name``) or
  ``aria-label`` name furniture ("paywall", "subscribe-promo", "key-events",
  "newsletter-signup", "author-bio", "ad-slot", ...), and dialogs (cookie banners). An
  element holding the headline or most of the page's paragraph text is never pruned: some
  sites put ``paywall`` on the container of the whole (metered) story.
- ``furniture_block``, after: a heading that is a furniture label ("Key events", "Related
  content", "Read more") and a line that is one ("Advertisement", "Read more: <link>").

The vocabulary is matched on whole words of a name ("ad-slot" → ad, slot; "keyEvents" →
key, events), never inside one ("header", "shareholders"). WordPress puts a post's
taxonomy on its ``<article>`` as ``tag-*``/``category-*`` classes: those are the article's
subjects, not furniture, and are not read.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import pairwise
from typing import Any

# One word, or two words in a row, of a class, id, data-* value or aria-label.
_WORDS = frozenset(
    {
        "paywall",
        "subscribe",
        "subscription",
        "subscriptions",
        "newsletter",
        "newsletters",
        "signup",
        "donate",
        "donation",
        "donations",
        "advertisement",
        "advert",
        "ad",
        "ads",
        "adslot",
        "arcad",
        "sponsored",
        "promo",
        "cta",
        "upsell",
        "paygate",
        "regwall",
        "cookie",
        "cookies",
        "consent",
        "gdpr",
        "sharing",
        "sharedaddy",
        "addtoany",
        "relatedposts",
        "outbrain",
        "taboola",
        "keyevents",
        "readmore",
        "pullquote",
        "byline",
        "epic",
    }
)
_PAIRS = frozenset(
    {
        ("key", "events"),
        ("key", "event"),
        ("read", "more"),
        ("read", "next"),
        ("more", "stories"),
        ("most", "popular"),
        ("most", "read"),
        ("most", "viewed"),
        ("author", "bio"),
        ("author", "box"),
        ("author", "card"),
        ("about", "author"),
        ("pull", "quote"),
        ("sign", "up"),
        ("share", "bar"),
        ("share", "tools"),
        ("share", "buttons"),
        ("social", "share"),
        ("share", "block"),
        ("share", "links"),
        ("share", "icons"),
        ("share", "menu"),
        ("also", "read"),
        ("contributor", "info"),
        ("support", "us"),
        ("support", "banner"),
    }
)
_SPLIT = re.compile(r"[^a-z0-9]+")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_TAXONOMY = ("tag-", "category-", "tag_", "category_")
_DIALOG_ROLES = {"dialog", "alertdialog"}
# <address>: the author's or the site's contact details, shown as a byline.
_FURNITURE_TAGS = {"address"}
_NAME_CHARS = 60
_NOT_A_NAME = re.compile(r"[/{}\[\]:=.]")
_MOST_TEXT = 0.5  # an element with more of the page's paragraph text than this is the story
_SEVERAL, _PART = 3, 0.2  # ... and so is one with this many paragraphs and this much of it


def _words(value: str) -> list[str]:
    return [w for w in _SPLIT.split(_CAMEL.sub("-", value).lower()) if w]


@lru_cache(maxsize=8192)  # a page repeats its class names, and a site its pages'
def names_furniture(value: str, phrase: bool = False) -> bool:
    """Whether a class/id/data value names furniture; ``phrase``: ``value`` is words of
    text (an aria-label, "Key events"), not a list of names."""
    for token in [value] if phrase else value.split():
        if token.lower().startswith(_TAXONOMY):
            continue
        words = _words(token)
        if any(w in _WORDS for w in words) or any(p in _PAIRS for p in pairwise(words)):
            return True
    return False


def _is_furniture(element: Any) -> bool:
    if element.tag in _FURNITURE_TAGS or element.get("role") in _DIALOG_ROLES:
        return True
    for name, value in element.attrib.items():
        if name in ("class", "id", "aria-label"):
            named = names_furniture(value, phrase=name == "aria-label")
        else:  # a data-* component name ("subscribe-promo"), not an address or a setting
            named = (
                name.startswith("data-")
                and len(value) <= _NAME_CHARS
                and _NOT_A_NAME.search(value) is None
                and names_furniture(value)
            )
        if named:
            return True
    return False


def prune(tree: Any) -> int:
    """Remove the furniture elements of ``tree`` (in place); how many were removed."""
    body = tree.find("body")
    if body is None:
        return 0
    total = _paragraph_text(body)
    removed = 0
    stack = list(reversed(body))
    while stack:
        element = stack.pop()
        if not isinstance(element.tag, str):  # a comment or a processing instruction
            continue
        if element.tag != "h1" and _is_furniture(element) and not _holds_story(element, total):
            _remove(element)
            removed += 1
            continue
        stack.extend(reversed(element))
    return removed


def _holds_story(element: Any, total: int) -> bool:
    """The headline, most of the page's paragraph text, or a good part of it in several
    paragraphs (a story split into a free and a subscribers' part): a lost paragraph is
    worse for a translation than a prompt left in."""
    if element.find(".//h1") is not None:
        return True
    paragraphs = [len(p.text_content()) for p in element.iter("p")]
    text = sum(paragraphs)
    return text > _MOST_TEXT * total or (len(paragraphs) >= _SEVERAL and text > _PART * total)


def _remove(element: Any) -> None:
    """Remove ``element``, keeping the text after it (its tail belongs to its parent)."""
    parent = element.getparent()
    tail = element.tail
    if tail and tail.strip():
        previous = element.getprevious()
        if previous is not None:
            previous.tail = (previous.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(element)


def _paragraph_text(element: Any) -> int:
    return sum(len(p.text_content()) for p in element.iter("p"))


# A heading whose whole text is one of these heads furniture, not a section of the story.
_LABEL = re.compile(
    r"^(?:key events|related(?: content| articles| stories| posts| coverage| links)?"
    r"|read (?:more|next|also)|more stories|most (?:popular|read|viewed|shared)"
    r"|you (?:may|might) also like|advertisement|sponsored content"
    r"|share(?: this(?: article| story| page)?)?|leave a (?:reply|comment)"
    r"|about the authors?|sign up(?: for .{1,60})?|newsletter|support (?:us|our journalism))$",
    re.I,
)
# ... and these only when nothing but links follows them: a story may have a section
# "More from the minister" or "Comments" of its own.
_LABEL_OF_LINKS = re.compile(
    r"^(?:more (?:from|on) .{1,60}|see also|comments?|recommended(?: for you)?|trending(?: now)?)$",
    re.I,
)


# A line that is an advertisement's label, or a pointer to another article.
_AD_LINE = re.compile(
    r"^(?:advertisement|advertising|ad|sponsored|story continues below(?: this)? advertisement"
    r"|continue reading below|scroll to continue(?: with content)?|article continues below)$",
    re.I,
)
_POINTER = re.compile(
    r"^(?:read more|read also|also read|related|see also|more|watch|listen)\s*:", re.I
)


# A paragraph that is one link saying this is a button ("Donate", "Subscribe"), not text.
_CALL = re.compile(
    r"^(?:donate|subscribe|sign up|log in|register|support us|contribute|share|tweet|print"
    r"|e-?mail|comments?|reply|follow us|read more|continue reading|gift (?:this )?article)"
    r"(?: now| today| here)?$",
    re.I,
)


def _plain(text: str) -> str:
    return text.strip().strip(".:!?…-–—|").strip()


def furniture_heading(text: str, links_follow: bool = True) -> bool:
    """Whether a heading labels furniture; ``links_follow``: only links (or nothing) are
    under it."""
    plain = _plain(text)
    return _LABEL.match(plain) is not None or (
        links_follow and _LABEL_OF_LINKS.match(plain) is not None
    )


def furniture_line(text: str, unlinked: int, links: int = 0) -> bool:
    """A paragraph that is an ad label, a button ("Donate" alone, linked), or "Read more:"
    with only links after it; ``unlinked``: its letters and digits outside links."""
    if _AD_LINE.match(_plain(text)):
        return True
    if links == 1 and unlinked == 0 and _CALL.match(_plain(text)):
        return True
    match = _POINTER.match(text.strip())
    return match is not None and unlinked == sum(c.isalnum() for c in match.group(0))
