"""``l10n import``: the generic furniture rules, the front matter it writes, several
authors, many pages over the cores, the progress bar on a terminal, slugs and metadata
that are never invented. The fixture pages and the workspace are ``tests/test_import.py``'s.
"""

from __future__ import annotations

import multiprocessing
import os
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import toolkit.importer.run as run
from tests.test_import import FIXTURES, PAGES, REPO, golden, l10n, workspace
from toolkit.article import load_article, parse_article
from toolkit.attribution import attribution
from toolkit.catalog import load_catalog
from toolkit.config import Workspace
from toolkit.importer.frontmatter import dump_front_matter
from toolkit.importer.furniture import furniture_heading, furniture_line, names_furniture, prune
from toolkit.importer.run import import_pages
from toolkit.markdown.assembly import assemble

# --- furniture: generic rules, not the fixtures' --------------------------------------------

# What each fixture's page shows a reader besides the article, as real sites word it.
FURNITURE_TEXT = {
    "ads-pullquotes.html": [
        "Support local journalism",
        "Subscribe today",
        "Advertisement",
        "Story continues below",
        "Get the morning briefing",
        "Read more",
        "cookies",
        "27 comments",
    ],
    "liveblog.html": [
        "Key events",
        "Show key events only",
        "Before you go",
        "Sign up to Election Briefing",
        "Advertisement",
        "Most viewed",
        "Share",
    ],
    "insightcrime-wordpress.html": [
        "Share this",
        "Related",
        "Sign up for our weekly newsletter",
        "Leave a Reply",
        "cookies",
    ],
    "table-caption.html": ["covers water and agriculture", "Newsletter", "Support us"],
    "latin1-legacy.html": ["Print this article"],
}


@pytest.mark.parametrize("name", sorted(FIXTURES))
def test_golden_files_hold_the_article_only(name: str) -> None:
    page = (PAGES / name).read_bytes().decode("cp1252" if "latin1" in name else "utf-8")
    body = golden(name).read_text("utf-8").split("\n---\n", 1)[1]
    for text in FURNITURE_TEXT[name]:
        assert text in page, text  # the page has it ...
        assert text not in body, text  # ... the article does not


@pytest.mark.parametrize(
    "value",
    [
        "subscribe-promo",
        "paywall-prompt",
        "keyEvents",
        "key-events-carousel",
        "Key events",
        "newsletter-signup-inline",
        "ad-slot ad-slot--inline",
        "arcad",
        "author-bio",
        "pull-quote",
        "sharedaddy sd-sharing-enabled",
        "contributions-epic",
        "onetrust-consent-sdk",
    ],
)
def test_names_of_furniture(value: str) -> None:
    assert names_furniture(value, phrase=" " in value and value[0].isupper())


@pytest.mark.parametrize(
    "value",
    [
        "entry-content",
        "article-body",
        "header",
        "shareholders-report",
        "leaderboard-results",
        "tag-newsletter category-advertising",  # a WordPress post's subjects
        "block-elements",
        "standfirst",
    ],
)
def test_names_of_content(value: str) -> None:
    assert not names_furniture(value)


def test_prune_keeps_the_story_whatever_its_container_is_called() -> None:
    """Sites put ``paywall`` on the container of the metered story itself: it holds most
    of the text, so it stays; the prompt inside the page goes."""
    import lxml.html

    story = "".join(
        f"<p>Paragraph {n} of the story, with enough words in it.</p>" for n in range(6)
    )
    tree = lxml.html.document_fromstring(
        "<html><body><article><h1>Title</h1>"
        f'<div class="article-body paywall" data-qa="article-body">{story}</div>'
        '<div data-qa="subscribe-promo"><p>Subscribe for $1.</p></div>'
        '<div data-config=\'{"ads": true}\' data-src="https://cdn.example/ads/x.js">'
        "<p>Kept: a data setting or an address names no component.</p></div>"
        "</article></body></html>"
    )
    assert prune(tree) == 1
    text = tree.text_content()
    assert "Paragraph 5" in text and "Kept:" in text and "Subscribe" not in text


@pytest.mark.parametrize(
    ("text", "furniture"),
    [
        ("Key events", True),
        ("Related content", True),
        ("More from Local", True),
        ("Read more", True),
        ("Most viewed", True),
        ("InSight Crime Analysis", False),
        ("What the district is doing", False),
        ("Related parties in the contract", False),
    ],
)
def test_furniture_headings(text: str, furniture: bool) -> None:
    assert furniture_heading(text) is furniture


def test_ambiguous_headings_are_furniture_only_over_links() -> None:
    assert furniture_heading("More from the minister", links_follow=True)
    assert not furniture_heading("More from the minister", links_follow=False)
    assert not furniture_heading("Comments", links_follow=False)
    assert furniture_heading("Key events", links_follow=False)  # never a story's section


def test_prune_keeps_a_subscribers_part_of_the_story() -> None:
    """Three paragraphs and a good part of the text in a ``subscription-content`` box: the
    second half of a story, not a prompt."""
    import lxml.html

    free = "".join(f"<p>Free paragraph {n}, as long as the others are.</p>" for n in range(5))
    paid = "".join(f"<p>Paid paragraph {n}, as long as the others are.</p>" for n in range(3))
    tree = lxml.html.document_fromstring(
        f"<html><body><article><h1>T</h1><div>{free}</div>"
        f'<div class="subscription-content">{paid}</div></article></body></html>'
    )
    assert prune(tree) == 0


def test_furniture_lines() -> None:
    assert furniture_line("Advertisement", 13)
    assert furniture_line("Story continues below advertisement", 31)
    assert furniture_line("Read more: Crane accident at Terminal 4", 8)  # the rest is a link
    assert not furniture_line("Read more: the union says the deal is fair", 33)
    assert furniture_line("Donate", 0, links=1)
    assert not furniture_line("Donate", 6)  # the word in a sentence's place: not a button


def test_generic_rules_work_without_a_profile(tmp_path: Path) -> None:
    """A workspace with no site profile: what the generic rules leave of the WordPress page
    is the article plus the site's own prose (donation appeal, comment invitation, licence
    notice), which only a profile can know."""
    root = tmp_path / "ws"
    root.mkdir()
    (root / "pyproject.toml").write_text("", "utf-8")
    ws = Workspace.open(root)
    [result] = import_pages(ws, [str(PAGES / "insightcrime-wordpress.html")], dry_run=True)
    want = golden("insightcrime-wordpress.html").read_text("utf-8").split("\n---\n", 1)[1]
    got = result.text.split("\n---\n", 1)[1]
    assert got.startswith(want.rstrip("\n") + "\n\n")
    extra = got[len(want) + 1 :].strip().split("\n\n")
    assert [b[:25] for b in extra] == [
        "We want to sustain Latin ",
        "What are your thoughts? [",
        "We encourage readers to c",
    ]


# --- front matter ------------------------------------------------------------------------------


def test_front_matter_is_written_like_the_hand_made_article() -> None:
    meta = {
        "title": "Port workers end strike",
        "language": "en",
        "publisher": "The Harbor Ledger",
        "author": ["Sam Kerr-Ward", "Priya Nand"],
        "date": date(2024, 5, 2),
        "source_url": "https://example.org/a/b/",
        "license": "CC BY-NC",
        "license_notice": "Copy us, with attribution.",
        "desk": "yes",  # read back as a boolean if plain
        "count": 3,
    }
    assert dump_front_matter(meta) == (
        "---\n"
        'title: "Port workers end strike"\n'
        "language: en\n"
        "publisher: The Harbor Ledger\n"
        "author:\n"
        "- Sam Kerr-Ward\n"
        "- Priya Nand\n"
        "date: 2024-05-02\n"
        "source_url: https://example.org/a/b/\n"
        "license: CC BY-NC\n"
        'license_notice: "Copy us, with attribution."\n'
        'desk: "yes"\n'
        "count: 3\n"
        "---\n"
    )


def test_a_value_that_reads_back_as_no_date_is_quoted() -> None:
    # Plain, 2017-13-45 is a timestamp YAML cannot build: the article's loader refuses it.
    assert dump_front_matter({"publisher": "2017-13-45"}) == '---\npublisher: "2017-13-45"\n---\n'


TEXT = st.text(
    alphabet=st.characters(exclude_categories=["Cs"], exclude_characters="\x00"),
    min_size=1,
    max_size=30,
)
KEYS = st.sampled_from(["title", "publisher", "author", "license", "license_notice", "desk"])


@settings(deadline=None)  # no timing assertion: a loaded machine is slow, not wrong
@given(st.dictionaries(KEYS, TEXT | st.lists(TEXT, min_size=1, max_size=3), min_size=1))
def test_front_matter_reads_back_as_written(meta: dict[str, Any]) -> None:
    meta = {"title": "T", **meta}
    if not isinstance(meta["title"], str) or not meta["title"].strip():
        meta["title"] = "T"
    text = dump_front_matter(meta)
    assert yaml.safe_load(text.removeprefix("---\n").removesuffix("---\n")) == meta


# --- several authors ---------------------------------------------------------------------------


def test_two_bylines_are_a_list_and_the_byline_names_both(tmp_path: Path) -> None:
    """trafilatura joins bylines with "; ", which no publisher writes: the article gets a
    list, and each edition's byline joins the names the way its language does."""
    root = workspace(tmp_path / "ws")
    slug = FIXTURES["liveblog.html"]
    assert l10n(root, "import", str(PAGES / "liveblog.html"))[0] == 0
    ws = Workspace.open(root)
    article = load_article(ws.article_path(slug), "a.md")
    assert article.meta["author"] == ["Sam Kerr-Ward", "Priya Nand"]
    assert l10n(root, "extract", slug)[0] == 0
    assert l10n(root, "translate", slug, "--engine", "pseudo")[0] == 0
    catalog = load_catalog(ws.po_path(slug, "es"), "es.po").catalog
    top = attribution(assemble(article, catalog, "es")).top
    assert top[0] == "Por "
    assert top[1] == "Sam Kerr-Ward y Priya Nand"
    code, _, err = l10n(root, "build", slug, "--include-fuzzy", "--min-translated", "0")
    assert (code, err) == (0, "")
    html = (root / "build" / slug / f"{slug}.es.html").read_text("utf-8")
    assert "Por Sam Kerr-Ward y Priya Nand, Northshire Evening Post" in html


def test_one_byline_stays_one_name() -> None:
    text = golden("ads-pullquotes.html").read_text("utf-8")
    assert "\nauthor: Maria Okafor\n" in text


def test_an_author_that_is_not_names_is_refused() -> None:
    from toolkit.errors import InputError

    with pytest.raises(InputError) as err:
        parse_article("---\ntitle: T\nauthor: {name: A}\n---\n\nBody.\n", "a.md")
    assert str(err.value) == "a.md:3: front matter 'author' must be text or a list of names"


# --- many pages, over the cores -----------------------------------------------------------------

_BARRIER: Any = None
_FIRST = [True]  # per process: a forked worker gets its own copy


def _spread_read_page(*args: Any, **kwargs: Any) -> Any:
    """Each worker's first page waits for the other worker's: both must take pages."""
    if _FIRST[0]:
        _FIRST[0] = False
        _BARRIER.wait(timeout=120)
    page = _REAL_READ_PAGE(*args, **kwargs)
    page.meta["worker"] = os.getpid()
    return page


_REAL_READ_PAGE = run.read_page


def test_many_pages_are_spread_over_two_workers(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if "fork" not in multiprocessing.get_all_start_methods():
        pytest.skip("no fork on this platform")
    global _BARRIER
    _BARRIER = multiprocessing.get_context("fork").Barrier(2)
    monkeypatch.setattr(run, "read_page", _spread_read_page)
    ws = Workspace.open(workspace(tmp_path / "ws"))
    sources = [str(PAGES / n) for n in sorted(FIXTURES)]
    results = import_pages(ws, sources, dry_run=True, jobs=2)
    workers = {parse_article(r.text, r.path).meta["worker"] for r in results}
    assert len(workers) == 2 and os.getpid() not in workers
    assert [r.source for r in results] == sources  # in the order given


# --- the progress bar ---------------------------------------------------------------------------

PROGRESS = """
import sys
import toolkit.cli
toolkit.cli.ProgressBar.DELAY = 0  # shown from the first page: no run is too quick for it
toolkit.cli.app(sys.argv[1:], prog_name="l10n")
"""


def _import_with_stderr(root: Path, stderr_tty: bool) -> tuple[int, str, bytes]:
    sources = [str(PAGES / n) for n in sorted(FIXTURES)]
    args = [sys.executable, "-c", PROGRESS, "--root", str(root), "import", *sources, "--dry-run"]
    env = {**os.environ, "PYTHONPATH": str(REPO), "COLUMNS": "100", "TERM": "xterm"}
    if not stderr_tty:
        done = subprocess.run(args, capture_output=True, env=env, timeout=300)
        return done.returncode, done.stdout.decode(), done.stderr
    master, slave = os.openpty()
    try:
        proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=slave, env=env)
        os.close(slave)
        drawn = b""
        while True:  # read the terminal until the child closes it (EIO on Linux)
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            drawn += chunk
        out = proc.stdout.read().decode() if proc.stdout else ""
        return proc.wait(timeout=300), out, drawn
    finally:
        os.close(master)


def test_progress_bar_on_a_terminal(tmp_path: Path) -> None:
    root = workspace(tmp_path / "ws")
    code, out, drawn = _import_with_stderr(root, stderr_tty=True)
    assert code == 0
    assert out.count("\n---\n") == 2 * len(FIXTURES)  # the articles, on stdout as ever
    text = drawn.decode("utf-8", "replace")
    assert "importing" in text and "pages" in text
    assert f"{len(FIXTURES)}/{len(FIXTURES)}" in text  # the bar reached the last page


def test_no_progress_bar_when_stderr_is_not_a_terminal(tmp_path: Path) -> None:
    root = workspace(tmp_path / "ws")
    code, out, err = _import_with_stderr(root, stderr_tty=False)
    assert (code, err) == (0, b"")
    assert out.count("\n---\n") == 2 * len(FIXTURES)


# --- re-import, slugs, metadata -----------------------------------------------------------------


def test_update_says_what_changed_in_one_line(tmp_path: Path) -> None:
    root = workspace(tmp_path / "ws")
    page = tmp_path / "story.html"
    original = (PAGES / "latin1-legacy.html").read_bytes()
    page.write_bytes(original)
    assert l10n(root, "import", str(page))[0] == 0
    page.write_bytes(original.replace(b"1,800 sacks", b"1,900 sacks"))
    code, out, err = l10n(root, "import", str(page), "--update")
    assert (code, err) == (0, "")
    assert (
        out
        == f"{page}: updated articles/coffee-hailstorm.md: 0 blocks added, 1 changed, 0 removed\n"
    )


@pytest.mark.parametrize(
    ("url", "slug"),
    [
        ("https://example.org/news/2024/05/02/../../../../etc/passwd", "passwd"),
        ("https://example.org/a/%2e%2e%2f%2e%2e%2fsecret.html", "secret"),
        (
            "https://example.org/story/index.html",
            "election-night-live-results-as-counting-continues-across-the-region",
        ),
        ("https://example.org/%C3%A1rbol-ca%C3%ADdo/", "arbol-caido"),
        ("https://example.org/..%5c..%5cwin.ini", "win-ini"),
    ],
)
def test_slugs_never_leave_articles(tmp_path: Path, url: str, slug: str) -> None:
    """A slug from any address is lowercase ASCII words and hyphens: a file in articles/."""
    root = workspace(tmp_path / "ws")
    page = tmp_path / "page.html"
    html = (PAGES / "liveblog.html").read_text("utf-8")
    page.write_text(html.replace('<meta property="og:url"', '<meta property="og:x"'), "utf-8")
    code, out, err = l10n(root, "import", str(page), "--url", url)
    assert (code, err) == (0, ""), err
    assert out.startswith(f"{page}: wrote articles/{slug}.md")
    assert [p.name for p in (root / "articles").iterdir()] == [f"{slug}.md"]
    assert sorted(p.name for p in root.iterdir()) == ["articles", "pyproject.toml"]


BARE_PAGE = """<!doctype html><html><head><meta charset="utf-8"><title>A bare page</title></head>
<body><main><h1>A bare page</h1><p>Its first paragraph says what happened, at some length,
so that it is a body.</p><p>A second paragraph, with a date in its text: 3 March 2021, which
is not the page's date.</p></main></body></html>"""


def test_metadata_is_never_invented(tmp_path: Path) -> None:
    """A page that says nothing of itself gets a title and the workspace's language: no
    author, date, publisher, address or licence; and the InSight Crime profile's defaults
    do not go to a page that names another publisher."""
    root = workspace(tmp_path / "ws")
    page = tmp_path / "bare.html"
    page.write_text(BARE_PAGE, "utf-8")
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "pyproject.toml").write_text("", "utf-8")
    [result] = import_pages(Workspace.open(empty), [str(page)], dry_run=True)
    assert parse_article(result.text, "a.md").meta == {"title": "A bare page", "language": "en"}
    # The report page has a <base href> on its own site and names its publisher: the
    # workspace's profile (InSight Crime's licence) is not its.
    [result] = import_pages(Workspace.open(root), [str(PAGES / "table-caption.html")], dry_run=True)
    meta = parse_article(result.text, "a.md").meta
    assert meta["publisher"] == "Valley Water Report"
    assert not {"license", "license_notice", "license_url", "source_url"} & set(meta)


def test_the_profile_goes_by_host_then_by_publisher(tmp_path: Path) -> None:
    """With no address to tell the site, a page naming another publisher gets none of the
    profile's defaults; on the profile's host, the page's own wording of its name does not
    matter."""
    ws = Workspace.open(workspace(tmp_path / "ws"))
    page = tmp_path / "other.html"
    page.write_text(
        BARE_PAGE.replace(
            "<title>", '<meta property="og:site_name" content="Another Paper"><title>'
        ),
        "utf-8",
    )
    [result] = import_pages(ws, [str(page)], dry_run=True)
    meta = parse_article(result.text, "a.md").meta
    assert meta["publisher"] == "Another Paper" and "license" not in meta
    page.write_text(
        BARE_PAGE.replace(
            "<title>", '<meta property="og:site_name" content="InSight Crime News"><title>'
        ),
        "utf-8",
    )
    url = "https://insightcrime.org/news/analysis/a-bare-page/"
    [result] = import_pages(ws, [str(page)], url=url, dry_run=True)
    meta = parse_article(result.text, "a.md").meta
    assert (meta["publisher"], meta["license"]) == ("InSight Crime News", "CC BY-NC")


def test_a_mailto_licence_link_is_no_license_url() -> None:
    """Only what the article's reader accepts (http(s)) becomes license_url."""
    from toolkit.importer.html import parse_html

    page = (PAGES / "table-caption.html").read_text("utf-8")
    mailto = '<p><a rel="license" href="mailto:rights@example.org">Rights</a></p></body>'
    meta = parse_html(page.replace("</body>", mailto), "p.html", None).meta
    assert "license_url" not in meta
