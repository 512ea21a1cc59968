"""Properties of the whole pipeline on random Markdown articles built from CommonMark constructs.

(a) extract, translate every entry as itself, build: the Spanish Markdown renders the same
    HTML as the source (the comparator of tests/test_identity.py: soft breaks as spaces);
(b) extract is idempotent: a second run writes nothing and changes no byte;
(c) pseudo-translate and build (fuzzy included): every link target, image source and code
    span of the source is in the Spanish Markdown, as often as in the source.

Each property runs on files in a real workspace through the library calls the CLI makes.
``L10N_PROPERTY_EXAMPLES`` sets the number of examples (100 by default, to keep the suite
fast); a fuzzing campaign runs the same tests with thousands:

    L10N_PROPERTY_EXAMPLES=3000 PYTHONPATH=. python -m pytest tests/test_properties.py
"""

from __future__ import annotations

import os
import re
import tempfile
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import yaml
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from markdown_it.token import Token

from tests.conftest import make_workspace
from tests.test_identity import render
from toolkit.build import build, edition_for
from toolkit.catalog import read_catalog, write_catalog
from toolkit.config import Workspace
from toolkit.extract import extract
from toolkit.markdown.parser import markdown
from toolkit.translate import translate

EXAMPLES = int(os.environ.get("L10N_PROPERTY_EXAMPLES", "100"))
PROPERTY = settings(
    max_examples=EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
SLUG = "story"
UNITS = ("paragraph", "sentence")

# --- inline constructs -------------------------------------------------------------------------

WORDS = st.sampled_from(
    [
        "word", "Pegasus", "spyware", "Mr.", "Dr.", "U.S.", "e.g.", "Jan.", "$1.5", "million.",
        "end.", "Why?", "Yes!", "¿Qué?", "año", "3.5", "R.", "J.", "...", '"quoted"', "it's",
        "(aside)", "1.", "2)", "#", "-", "+", ">", "=", "~", "|", "é", "🚀", "50%", "a.m.",
    ]
)  # fmt: skip
DESTINATIONS = st.sampled_from(
    [
        "https://example.org/a",
        "/relative/path",
        "https://example.org/q?x=1&y=2",
        "#fragment",
        "<with space/file.html>",
        "mailto:desk@example.org",
        "https://example.org/(parens)",
        "",
    ]
)
TITLES = st.sampled_from(
    ["", ' "Title"', " 'single quoted'", " (in parentheses)", ' "with \\"quotes\\""']
)
LABELS = st.sampled_from(["ref", "Citizen Lab", "a b"])
CODE_CONTENT = st.sampled_from(
    ["code", "a b", "x`y", "`tick", "*not emphasis*", "[not](a link)", "<b>", "  padded  "]
)
ENTITIES = st.sampled_from(["&amp;", "&copy;", "&#35;", "&#x22;", "&nbsp;", "&lt;"])
ESCAPES = st.sampled_from(["\\*", "\\_", "\\[", "\\]", "\\#", "\\`", "\\\\", "\\<", "\\|"])
AUTOLINKS = st.sampled_from(["<https://example.org/auto>", "<desk@example.org>"])
INLINE_HTML = st.sampled_from(['<span class="x">', "</span>", "<br>", "<!-- note -->"])


def code_span(content: str) -> str:
    """``content`` as a code span: a backtick string longer than any inside it."""
    longest = max((len(run) for run in re.findall("`+", content)), default=0)
    ticks = "`" * (longest + 1)
    pad = " " if content.startswith("`") or content.endswith("`") else ""
    return f"{ticks}{pad}{content}{pad}{ticks}"


@st.composite
def inline(draw: st.DrawFn, depth: int = 2) -> str:
    """One inline element: a word, or a construct that may hold inline content."""
    kinds = ["word", "word", "word", "code", "entity", "escape", "autolink", "html"]
    if depth > 0:
        kinds += ["emphasis", "strong", "link", "image", "reference"]
    kind = draw(st.sampled_from(kinds))
    if kind == "word":
        return draw(WORDS)
    if kind == "code":
        return code_span(draw(CODE_CONTENT))
    if kind == "entity":
        return draw(ENTITIES)
    if kind == "escape":
        return draw(ESCAPES)
    if kind == "autolink":
        return draw(AUTOLINKS)
    if kind == "html":
        return draw(INLINE_HTML)
    inner = draw(inline_text(depth - 1, max_size=3))
    if kind == "emphasis":
        mark = draw(st.sampled_from("*_"))
        return f"{mark}{inner}{mark}"
    if kind == "strong":
        mark = draw(st.sampled_from(["**", "__"]))
        return f"{mark}{inner}{mark}"
    if kind == "reference":
        label = draw(LABELS)
        return draw(st.sampled_from([f"[{inner}][{label}]", f"[{label}]", f"[{label}][]"]))
    target = f"({draw(DESTINATIONS)}{draw(TITLES)})"
    return f"![{inner}]{target}" if kind == "image" else f"[{inner}]{target}"


def inline_text(depth: int = 2, max_size: int = 8) -> st.SearchStrategy[str]:
    return st.lists(inline(depth), min_size=1, max_size=max_size).map(" ".join)


@st.composite
def paragraph_lines(draw: st.DrawFn) -> str:
    """One to three lines joined by soft breaks or hard breaks (two spaces, backslash)."""
    lines = draw(st.lists(inline_text(), min_size=1, max_size=3))
    out = lines[0]
    for line in lines[1:]:
        out += draw(st.sampled_from(["\n", "\n", "  \n", "\\\n"])) + line
    return out


# --- block constructs ---------------------------------------------------------------------------


def indent(text: str, first: str, rest: str) -> str:
    """Prefix the first line with ``first`` and every other non-blank line with ``rest``."""
    lines = text.split("\n")
    return "\n".join(
        [
            first + lines[0],
            *[(rest + line) if line.strip() else rest.rstrip() for line in lines[1:]],
        ]
    )


@st.composite
def block(draw: st.DrawFn, depth: int = 2) -> str:
    kinds = [
        "paragraph", "paragraph", "atx", "setext", "fenced", "indented", "html", "hr",
        "definition", "table",
    ]  # fmt: skip
    if depth > 0:
        kinds += ["quote", "bullets", "ordered"]
    kind = draw(st.sampled_from(kinds))
    match kind:
        case "paragraph":
            return draw(paragraph_lines())
        case "atx":
            level = draw(st.integers(1, 6))
            closing = draw(st.sampled_from(["", "", " " + "#" * level]))
            return "#" * level + " " + draw(inline_text()) + closing
        case "setext":
            return draw(paragraph_lines()) + "\n" + draw(st.sampled_from(["===", "---"]))
        case "fenced":
            fence = draw(st.sampled_from(["```", "~~~", "````"]))
            info = draw(st.sampled_from(["", "python", "js {.x}"]))
            body = "\n".join(draw(st.lists(inline_text(0), min_size=1, max_size=3)))
            return f"{fence}{info}\n{body}\n{fence}"
        case "indented":
            lines = draw(st.lists(inline_text(0), min_size=1, max_size=3))
            return "\n".join("    " + line for line in lines)
        case "html":
            return draw(
                st.sampled_from(
                    [
                        '<div class="box">\n*not Markdown* in a block\n</div>',
                        "<!-- an editor's note -->",
                        "<table><tr><td>cell</td></tr></table>",
                    ]
                )
            )
        case "hr":
            return draw(st.sampled_from(["***", "---", "___", "* * *", "- - -"]))
        case "definition":
            return f"[{draw(LABELS)}]: {draw(DESTINATIONS) or '/empty'}{draw(TITLES)}"
        case "table":
            columns = draw(st.integers(1, 3))
            cell = inline_text(1, max_size=3).map(lambda t: t.replace("|", "\\|"))
            rows = draw(st.lists(st.lists(cell, min_size=columns, max_size=columns), max_size=3))
            header = draw(st.lists(cell, min_size=columns, max_size=columns))
            align = draw(st.lists(st.sampled_from(["---", ":--", "--:", ":-:"]), min_size=columns, max_size=columns))  # fmt: skip
            return "\n".join("| " + " | ".join(row) + " |" for row in [header, align, *rows])
        case "quote":
            inner = "\n\n".join(draw(st.lists(block(depth - 1), min_size=1, max_size=2)))
            return indent(inner, "> ", "> ")
        case _:
            ordered = kind == "ordered"
            start = draw(st.integers(0, 12)) if ordered else 0
            marker = draw(st.sampled_from([".", ")"])) if ordered else draw(st.sampled_from("-*+"))
            loose = draw(st.booleans())
            items = draw(st.lists(st.lists(block(depth - 1), min_size=1, max_size=2), min_size=1, max_size=3))  # fmt: skip
            out = []
            for n, item in enumerate(items):
                bullet = f"{start + n}{marker} " if ordered else f"{marker} "
                content = "\n\n".join(item)
                out.append(indent(content, bullet, " " * len(bullet)))
            return ("\n\n" if loose else "\n").join(out)


documents = st.lists(block(), min_size=1, max_size=6).map(lambda bs: "\n\n".join(bs) + "\n")
titles = inline_text(0, max_size=5)


# --- the pipeline ---------------------------------------------------------------------------


@contextmanager
def workspace(title: str, body: str, unit: str = "paragraph") -> Iterator[Workspace]:
    front = yaml.safe_dump(
        {"title": title, "publisher": "Example News", "source_url": "https://example.org/s"},
        allow_unicode=True,
        sort_keys=False,
    )
    with tempfile.TemporaryDirectory() as tmp:
        root = make_workspace(Path(tmp), {SLUG: f"---\n{front}---\n\n{body}"}, f'unit = "{unit}"\n')
        yield Workspace.open(root)


def spanish_markdown(ws: Workspace) -> str:
    return (ws.build_path(SLUG) / f"{SLUG}.es.md").read_text("utf-8")


@PROPERTY
@given(titles, documents, st.sampled_from(UNITS))
# The title is also a block whose sentences extract split: the catalog was reported stale.
@example("Jan. Jan. word word", "Jan. Jan. word word\n", "sentence")
def test_identity_build_renders_the_source(title: str, body: str, unit: str) -> None:
    with workspace(title, body, unit) as ws:
        extract(ws, None)
        po = ws.po_path(SLUG, "es")
        catalog = read_catalog(po, "po")
        for entry in catalog.live:
            entry.msgstr = entry.msgid
        write_catalog(po, catalog, "po")
        # msgstr = msgid is what the check gate refuses (untranslated): --no-check.
        (result,) = build(ws, [SLUG], "es", check=False)
        assert result.reviewed == result.total
        edition, _ = edition_for(ws, SLUG, "es", False)
        assert render(edition.body) == render(body)
        # The file is that body, between the byline and the closing notes.
        assert "\n\n" + edition.body.strip("\n") + "\n\n* * *\n\n" in spanish_markdown(ws)
        assert edition.meta["title"] == title


def files(root: Path) -> dict[str, tuple[bytes, int]]:
    return {
        str(p.relative_to(root)): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in sorted(root.rglob("*"))
        if p.is_file()
    }


@PROPERTY
@given(titles, documents, st.sampled_from(UNITS))
def test_extract_is_idempotent(title: str, body: str, unit: str) -> None:
    with workspace(title, body, unit) as ws:
        extract(ws, None)
        before = files(ws.root)
        (again,) = extract(ws, None)
        assert again.written == []
        assert files(ws.root) == before


def targets(text: str) -> Counter[tuple[str, str]]:
    """Link targets, image sources and code spans of a Markdown document, counted."""
    env: dict[str, object] = {}
    found: Counter[tuple[str, str]] = Counter()

    def walk(tokens: list[Token]) -> None:
        for token in tokens:
            if token.type == "link_open":
                found["link", str(token.attrs.get("href", ""))] += 1
            elif token.type == "image":
                found["image", str(token.attrs.get("src", ""))] += 1
            elif token.type == "code_inline":
                found["code", token.content] += 1
            walk(token.children or [])

    walk(markdown().parse(text, env))
    return found


@PROPERTY
@given(titles, documents, st.sampled_from(UNITS))
def test_pseudo_translation_keeps_link_targets_and_code_spans(
    title: str, body: str, unit: str
) -> None:
    with workspace(title, body, unit) as ws:
        extract(ws, None)
        translate(ws, [SLUG], "es", "pseudo")
        # Pseudo output may well trip a check; what matters here is what reassembly keeps.
        build(ws, [SLUG], "es", min_translated=0, include_fuzzy=True, check=False)
        missing = targets(body) - targets(spanish_markdown(ws))
        assert not missing, missing
