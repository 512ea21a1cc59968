"""Import pages into ``articles/``: slugs, front matter, re-import, atomic writes."""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Sequence
from contextlib import closing
from dataclasses import dataclass
from functools import partial
from typing import Any
from urllib.parse import unquote, urlsplit

from toolkit.article import parse_article
from toolkit.config import Workspace
from toolkit.errors import ConflictError, InputError, UsageError
from toolkit.files.batch import WriteBatch
from toolkit.files.reading import Snapshot, decode_text
from toolkit.importer.frontmatter import dump_front_matter
from toolkit.importer.furniture import furniture_heading, furniture_line
from toolkit.importer.page import Page
from toolkit.importer.profile import Profile
from toolkit.importer.source import Raw, decode_page, read_source
from toolkit.importer.tomarkdown import Block
from toolkit.parallel import ordered_map
from toolkit.sanitize import url_problem

# Front-matter keys in the order the article format lists them; others follow.
KEY_ORDER = (
    "title",
    "language",
    "publisher",
    "author",
    "date",
    "source_url",
    "license",
    "license_url",
    "license_notice",
)
IMPORTED_KEYS = frozenset(KEY_ORDER)
_SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
_MAX_SLUG = 80
# Path segments that name a kind of page, not the page.
_GENERIC_SEGMENTS = {"index", "default", "amp", "article", "articles", "story", "news", "print"}
_PAGE_SUFFIX = re.compile(r"\.(?:s?html?|php|aspx?|jsp)$", re.I)
_MIN_WORDS = 5  # a body has a sentence somewhere
# A page takes 20-100 ms to extract, an article 2-4 ms: workers pay off from a few pages
# on, and pages go to them two at a time (not extract's eight), or a call with fewer than
# nine pages would keep one core.
MIN_PARALLEL_PAGES = 4
PAGES_PER_MESSAGE = 2


@dataclass
class Imported:
    source: str  # as shown
    slug: str
    path: str  # articles/<slug>.md, as shown
    text: str  # the article file
    blocks: int
    status: str  # "new", "updated", "unchanged"
    added: int = 0
    changed: int = 0
    removed: int = 0


def import_pages(
    ws: Workspace,
    sources: Sequence[str],
    slug: str | None = None,
    url: str | None = None,
    update: bool = False,
    dry_run: bool = False,
    jobs: int | None = None,
    stdin: bytes | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[Imported]:
    """Import every source; all or nothing: an error in one page writes no article."""
    if not sources:
        raise UsageError("give at least one SOURCE (a file, '-' or an http(s) address)")
    if len(sources) > 1 and (slug or url):
        raise UsageError("--slug and --url name one page: give one SOURCE with them")
    if slug is not None and not _SLUG.match(slug):
        raise UsageError(f"invalid slug {slug!r} (lowercase ASCII letters, digits and hyphens)")
    if url is not None and url_problem(url) is not None:  # the article reader's own check
        raise UsageError(f"--url must be an http(s) address, not {url!r}")
    if sources.count("-") > 1:
        raise UsageError("standard input ('-') can be read once")
    if any(not s.endswith(".txt") for s in sources):
        import trafilatura  # noqa: F401 - before the workers fork: each inherits it

    planned = ordered_map(
        partial(plan_page, ws, slug=slug, url=url, stdin=stdin),
        list(sources),
        ws.config.jobs if jobs is None else jobs,
        min_items=MIN_PARALLEL_PAGES,
        chunk=PAGES_PER_MESSAGE,
    )
    results: list[Imported] = []
    snapshots: list[Snapshot] = []
    seen: dict[str, str] = {}
    batch = WriteBatch()
    try:
        with closing(planned):
            for n, (page, chosen) in enumerate(planned, start=1):
                if chosen in seen:
                    raise InputError(
                        f"gives the slug {chosen!r} as {seen[chosen]} does; "
                        "import it alone with --slug",
                        page.shown,
                    )
                seen[chosen] = page.shown
                result, snapshot = _article(ws, page, chosen, update, dry_run)
                results.append(result)
                if not dry_run and result.status != "unchanged":
                    snapshots.append(snapshot)
                    batch.add(snapshot.path, result.text, result.path, snapshot)
                if progress is not None:
                    progress(n, len(sources))
        for snapshot in snapshots:
            if snapshot.changed():
                raise ConflictError(
                    "changed on disk while importing; nothing written, run again",
                    ws.rel(snapshot.path),
                )
    except BaseException:
        batch.abort()
        raise
    if not dry_run:
        batch.commit()
    return results


def plan_page(
    ws: Workspace, source: str, slug: str | None, url: str | None, stdin: bytes | None
) -> tuple[Page, str]:
    """One source to its page (profile applied, defaults filled) and slug; writes nothing."""
    raw = read_source(source, stdin)
    page = read_page(raw, url, ws.config.import_profile)
    page.meta = front_matter(page, ws.config.source_language, ws.config.import_profile)
    return page, slug or slug_for(page)


def read_page(
    raw: Raw,
    url: str | None,
    profile: Profile,
    options: dict[str, Any] | None = None,
    generic: bool = True,
) -> Page:
    """The page's body (profile applied) and what it says of itself; ``options``:
    trafilatura's, over ``html.EXTRACT_OPTIONS``, and ``generic``: the furniture rules of
    ``furniture`` (the quality benchmark compares them)."""
    text = decode_page(raw)
    address = url or raw.address
    applies = profile.applies_to(address)
    if raw.kind == "text":
        from toolkit.importer.textcopy import parse_text

        page = parse_text(text, raw.shown)
        if address:
            page.meta["source_url"] = address
            page.address = address
    else:
        from toolkit.importer.html import parse_html

        container = profile.container if applies else None
        page = parse_html(text, raw.shown, address, container, options, generic)
        applies = profile.applies_to(page.address or page.site)
    known_site = profile.hosts and (page.address or page.site)  # the host decided above
    if applies and not known_site and not profile.same_publisher(page.meta.get("publisher")):
        applies = False  # another publisher's page: its furniture, its licence are not ours
    title = page.meta.get("title")
    blocks = [b for b in page.blocks if not _same_text(b.text, title) or not _heading(b.kind)]
    if applies:  # the site's own rules first: a stop line may be furniture the rules drop
        kept = []
        for block in blocks:
            if profile.stops(block.text):
                break
            if not profile.dropped(block.text):
                kept.append(block)
        blocks = kept
    if generic:
        blocks = without_furniture(blocks)
    if not any(len(b.text.split()) >= _MIN_WORDS and not b.linked for b in blocks):
        # Navigation alone ("Home", a menu) is what an extractor returns from a page with
        # no article: not a body.
        raise InputError("no article body found", raw.shown)
    if not title:
        raise InputError("no title found (no <title>, og:title or <h1>)", raw.shown)
    page.blocks = blocks
    page.profiled = applies
    return page


def without_furniture(blocks: list[Block]) -> list[Block]:
    """What no article body holds, whatever the site: a paragraph of links alone ("Print |
    E-mail | More from the archive"), an ad's label, a "Read more: <link>" line, a heading
    that labels furniture ("Key events") with the links under it, and a heading with
    nothing under it (a box whose links the extractor dropped)."""
    kept: list[Block] = []
    labelled = False  # under a furniture heading: its links go with it
    for n, block in enumerate(blocks):
        if _heading(block.kind):
            following = blocks[n + 1] if n + 1 < len(blocks) else None
            links_follow = following is None or _heading(following.kind) or _links(following)
            labelled = furniture_heading(block.text, links_follow)
            if labelled:
                continue
        elif labelled and _links(block):
            continue
        else:
            labelled = False
        if block.kind == "paragraph" and (
            (block.links >= 2 and block.linked)
            or furniture_line(block.text, block.unlinked, block.links)
        ):
            continue
        kept.append(block)
    out: list[Block] = []
    for n, block in enumerate(kept):
        if _heading(block.kind):
            following = kept[n + 1] if n + 1 < len(kept) else None
            level = int(block.kind.split()[1])
            if following is None or (
                _heading(following.kind) and int(following.kind.split()[1]) <= level
            ):
                continue
        out.append(block)
    return out


def front_matter(page: Page, source_language: str, profile: Profile) -> dict[str, Any]:
    """The page's metadata, the profile's defaults for what it does not say, in order."""
    meta = dict(page.meta)
    meta.setdefault("language", source_language)
    if page.profiled:
        for key, value in profile.defaults.items():
            meta.setdefault(key, value)
    ordered = {key: meta.pop(key) for key in KEY_ORDER if key in meta}
    ordered.update(meta)
    return ordered


def render(meta: dict[str, Any], body: str) -> str:
    return f"{dump_front_matter(meta)}\n{body}\n"


def _article(
    ws: Workspace, page: Page, slug: str, update: bool, dry_run: bool
) -> tuple[Imported, Snapshot]:
    path = ws.article_path(slug)
    shown = ws.rel(path)
    snapshot = Snapshot.take(path)
    meta = page.meta
    body = "\n\n".join(b.markdown for b in page.blocks)
    if snapshot.data is None or (dry_run and not update):
        text = render(meta, body)
        status = "new"
        return Imported(page.shown, slug, shown, text, len(page.blocks), status), snapshot
    if not update:
        raise InputError("already exists; use --update to replace its body", shown)
    old = parse_article(decode_text(snapshot.data, shown), shown)
    merged = dict(old.meta)  # the publisher's keys and their order stay
    merged.update(meta)
    text = render(merged, body)
    added, changed, removed = block_changes(old.body, body)
    status = "unchanged" if text.encode() == snapshot.data else "updated"
    result = Imported(page.shown, slug, shown, text, len(page.blocks), status)
    result.added, result.changed, result.removed = added, changed, removed
    return result, snapshot


def block_changes(old_body: str, new_body: str) -> tuple[int, int, int]:
    """Blocks (translation units, as ``extract`` sees them) added, changed and removed."""
    from toolkit.markdown.blocks import parse

    old = [b.text for b in parse(old_body).blocks]
    new = [b.text for b in parse(new_body).blocks]
    added = changed = removed = 0
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "replace":
            common = min(i2 - i1, j2 - j1)
            changed += common
            added += (j2 - j1) - common
            removed += (i2 - i1) - common
        elif tag == "insert":
            added += j2 - j1
        elif tag == "delete":
            removed += i2 - i1
    return added, changed, removed


def slug_for(page: Page) -> str:
    """The last meaningful segment of the page's address, else its title."""
    address = page.meta.get("source_url") or page.address
    if isinstance(address, str):
        for segment in reversed(urlsplit(address).path.split("/")):
            candidate = slugify(_PAGE_SUFFIX.sub("", unquote(segment)))
            if candidate not in _GENERIC_SEGMENTS and re.search("[a-z]", candidate):
                return candidate
    candidate = slugify(str(page.meta.get("title", "")))
    if not candidate:
        raise InputError(
            "no slug: the page has no address or title to name it; use --slug", page.shown
        )
    return candidate


def slugify(text: str) -> str:
    """Lowercase ASCII words joined by hyphens, at most 80 characters, cut at a hyphen."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > _MAX_SLUG:
        slug = slug[:_MAX_SLUG].rsplit("-", 1)[0]
    return slug


def _same_text(a: str, b: object) -> bool:
    return isinstance(b, str) and " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def _links(block: Block) -> bool:
    """A paragraph or a list of links only (a box of pointers to other pages)."""
    return block.linked and block.kind in ("paragraph", "list")


def _heading(kind: str) -> bool:
    return kind.startswith("heading")
