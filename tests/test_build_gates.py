"""The gates of ``l10n build`` (issue 11): freshness, completeness, quality, one rounding.

Reproductions 1, 2 and 5 of the issue are the first test of each section: on the main branch
before this work, a stale catalog built with exit 0 (the changed paragraph in English), a
catalog that ``l10n check`` rejects built at 94%, and ``status`` said 41.2% where ``build``
said 41.1%.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.conftest import l10n
from toolkit.catalog import read_catalog, write_catalog
from toolkit.entry import Catalog, Entry

HEADER = {
    "Language": "es",
    "Content-Type": "text/plain; charset=UTF-8",
    "Plural-Forms": "nplurals=2; plural=(n != 1);",
    "Last-Translator": "Ana Pérez <ana@example.org>",
}
ARTICLE = """---
title: "Title"
publisher: Example News
source_url: https://example.org/a
date: 2017-06-19
---

One.

Two.

```
code
```

Three.

[r]: https://example.org/r
"""
SPANISH = {"Title": "Título", "One.": "Uno.", "Two.": "Dos.", "Three.": "Tres."}
FILES = ["a.es.md", "a.es.html", "a.en-es.html", "a.en-es.md"]
STALE = (
    "Error: locales/es/a.po: out of date with articles/a.md (changed since the last "
    "extract); run 'l10n extract a'\n"
)


def extracted(root: Path, article: str = ARTICLE, *args: str) -> Path:
    """A workspace where `l10n extract` made the catalog and a translator reviewed it all."""
    (root / "articles").mkdir(parents=True, exist_ok=True)
    (root / "articles" / "a.md").write_text(article, encoding="utf-8")
    code, _, err = l10n(root, "extract", *args)
    assert code == 0, err
    po = root / "locales" / "es" / "a.po"
    catalog = read_catalog(po, "po")
    for entry in catalog.live:
        entry.msgstr = " ".join(SPANISH.get(part, part) for part in entry.msgid.split(" "))
    write_catalog(po, catalog, "po")
    return root


def edit(root: Path, old: str, new: str) -> None:
    path = root / "articles" / "a.md"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


# --- freshness ------------------------------------------------------------------------------


def test_stale_catalog_is_refused_and_nothing_is_written(tmp_path: Path) -> None:
    """Reproduction 1: one sentence changed after review, no re-extract."""
    root = extracted(tmp_path)
    edit(root, "Two.", "Two, and then some.")
    code, out, err = l10n(root, "build", "a", "--lang", "es", "--min-translated", "0")
    assert (code, out, err) == (1, "", STALE)
    assert not (root / "build").exists()
    # `status` says so too, in its table and in its JSON.
    code, out, _ = l10n(root, "status", "a")
    assert code == 0
    assert out.splitlines() == [
        "catalog                                       reviewed  fuzzy untransl.      %  "
        "to review (words) stale",
        "locales/es/a.po                                      4      0         0 100.0% "
        "                 0   yes",
        "total                                                4      0         0 100.0% "
        "                 0     1",
        "out of date with its article: locales/es/a.po; run 'l10n extract a'",
    ]
    data = json.loads(l10n(root, "status", "a", "--json")[1])
    assert data["articles"][0]["stale"] is True
    assert data["total"]["stale"] == 1
    # After `l10n extract` the catalog is current again: the changed entry is fuzzy.
    assert l10n(root, "extract", "a")[0] == 0
    assert json.loads(l10n(root, "status", "--json")[1])["articles"][0]["stale"] is False
    code, out, err = l10n(root, "build", "a", "--lang", "es", "--min-translated", "0")
    assert (code, err) == (0, "")
    assert "Two, and then some." in (root / "build" / "a" / "a.es.md").read_text("utf-8")


def test_a_refused_stale_build_leaves_the_previous_edition(tmp_path: Path) -> None:
    root = extracted(tmp_path)
    assert l10n(root, "build", "a")[0] == 0
    before = {name: (root / "build" / "a" / name).read_bytes() for name in FILES}
    edit(root, 'title: "Title"', 'title: "A New Title"')
    assert l10n(root, "build", "a")[2] == STALE
    assert {name: (root / "build" / "a" / name).read_bytes() for name in FILES} == before


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ("Three.\n", "Three.\n\nA new paragraph.\n"),  # added
        ("Two.\n\n", ""),  # removed: the catalog still has its entry
        ('title: "Title"', 'title: "Another Title"'),  # a translated front-matter field
        ("Two.", "Two [with a link](https://example.org/x)."),  # a link target is in the unit
    ],
)
def test_every_change_of_a_unit_is_stale(tmp_path: Path, old: str, new: str) -> None:
    root = extracted(tmp_path)
    edit(root, old, new)
    assert l10n(root, "build", "a", "--min-translated", "0")[::2] == (1, STALE)


@pytest.mark.parametrize(
    ("old", "new", "published"),
    [
        ("```\ncode\n```", "```\nnew code\n```", "new code"),  # code is never translated
        ("[r]: https://example.org/r", "[r]: https://example.org/new", "example.org/new"),
        ("One.\n\nTwo.", "Two.\n\nOne.", "Dos.\n\nUno."),  # reordered: each unit is the same
        ("date: 2017-06-19", "date: 2017-06-20", "20 de junio de 2017"),  # metadata
        ("Three.\n", "Three.\n\n<div>HTML is kept as it is</div>\n", "HTML is kept"),
    ],
)
def test_an_edit_that_changes_no_unit_is_not_stale(
    tmp_path: Path, old: str, new: str, published: str
) -> None:
    """Harmless by construction: every unit keeps its reviewed translation, and everything
    else is published from the article as it is now."""
    root = extracted(tmp_path)
    edit(root, old, new)
    code, _, err = l10n(root, "build", "a")
    assert (code, err) == (0, "")
    assert published in (root / "build" / "a" / "a.es.md").read_text("utf-8")


def test_a_sentence_catalog_in_a_paragraph_workspace_is_current(tmp_path: Path) -> None:
    article = ARTICLE.replace("One.\n", "One. Two.\n")
    root = extracted(tmp_path, article, "--unit", "sentence")
    code, _, err = l10n(root, "build", "a")
    assert (code, err) == (0, ""), err
    assert "Uno. Dos." in (root / "build" / "a" / "a.es.md").read_text("utf-8")


# --- the check gate ---------------------------------------------------------------------------

PARAGRAPHS = [f"Paragraph number {word}." for word in "abcdefghijk"]
CHECKED = (
    "---\ntitle: Votes\npublisher: Example News\n---\n\n"
    "The council counted 12 votes.\n\n"
    "Read the [report](https://example.org/report).\n\n"
    "The mayor (who was absent) agreed.\n\n"
    "The town will vote again next year.\n\n" + "\n\n".join(PARAGRAPHS) + "\n\nNot done.\n"
)
TRANSLATED = {
    "Votes": "Votos",
    "The council counted 12 votes.": "El consejo contó 13 votos.",  # a wrong number
    "Read the [report](https://example.org/report).": "Lea el informe.",  # a dropped link
    "The mayor (who was absent) agreed.": "El alcalde (que estaba ausente aceptó.",
    "The town will vote again next year.": "The town will vote again next year.",  # a copy
    **{p: p.replace("Paragraph number", "Párrafo número") for p in PARAGRAPHS},
}


def checked_workspace(root: Path, **changes: Entry) -> Path:
    (root / "articles").mkdir(parents=True)
    (root / "articles" / "v.md").write_text(CHECKED, encoding="utf-8")
    entries = [Entry(k, v) for k, v in TRANSLATED.items()] + [Entry("Not done.")]
    entries = [changes.get(str(n), e) for n, e in enumerate(entries)]
    write_catalog(root / "locales/es/v.po", Catalog(header=dict(HEADER), entries=entries), "po")
    return root


def test_build_refuses_what_check_rejects(tmp_path: Path) -> None:
    """Reproduction 2: `check` exits 3, `build` built at 94% with exit 0 and no word."""
    root = checked_workspace(tmp_path)
    code, checked, _ = l10n(root, "check", "v")
    assert code == 3
    findings = checked.splitlines()[:-1]
    assert [line.split("] ")[0].split(": [")[1] for line in findings] == [
        "numbers", "markup", "markup", "brackets", "untranslated",
    ]  # fmt: skip
    code, out, err = l10n(root, "build", "v", "--lang", "es")
    assert (code, out) == (3, "")
    *printed, error = err.splitlines()
    assert printed == findings  # as `l10n check` prints them
    assert error == (
        "Error: locales/es/v.po: 5 finding(s) of 'l10n check' in what the edition would "
        "publish (numbers, markup, brackets, untranslated); nothing written (fix them, "
        "silence a false positive, or build with --no-check)"
    )
    assert not (root / "build").exists()


def test_no_check_builds_anyway_and_says_so_in_one_line(tmp_path: Path) -> None:
    root = checked_workspace(tmp_path)
    code, out, err = l10n(root, "build", "v", "--lang", "es", "--no-check")
    assert code == 0
    assert err == "warning: built with --no-check: 'l10n check' was not run\n"
    assert out.splitlines()[0] == "v: 16 of 17 entries reviewed (94.1%)"


def test_a_silenced_finding_does_not_block(tmp_path: Path) -> None:
    fixed = {
        "1": Entry(
            "The council counted 12 votes.",
            "El consejo contó 13 votos.",
            translator_comments=["l10n-ignore: numbers"],
        ),
        "2": Entry(
            "Read the [report](https://example.org/report).",
            "Lea el [informe](https://example.org/report).",
        ),
        "3": Entry("The mayor (who was absent) agreed.", "El alcalde (ausente) aceptó."),
        "4": Entry("The town will vote again next year.", "El pueblo votará el año próximo."),
    }
    root = checked_workspace(tmp_path, **fixed)
    code, _, err = l10n(root, "build", "v", "--lang", "es")
    assert (code, err) == (0, ""), err


def test_warnings_are_printed_and_never_block(tmp_path: Path) -> None:
    clean = {
        "1": Entry("The council counted 12 votes.", "El consejo contó 12 votos"),  # endpunc
        "2": Entry(
            "Read the [report](https://example.org/report).",
            "Lea el [informe](https://example.org/report).",
        ),
        "3": Entry("The mayor (who was absent) agreed.", "El alcalde (ausente) aceptó."),
        "4": Entry("The town will vote again next year.", "El pueblo votará el año próximo."),
    }
    root = checked_workspace(tmp_path, **clean)
    code, _, err = l10n(root, "build", "v", "--lang", "es")
    assert code == 0
    live = read_catalog(root / "locales/es/v.po", "po").live
    line = next(e.line for e in live if e.msgstr.startswith("El consejo"))
    assert err == (
        f'warning: locales/es/v.po:{line}: [endpunc] the source ends with "." '
        "but the translation has no end punctuation\n"
    )


def test_fuzzy_findings_block_only_when_fuzzy_is_published(tmp_path: Path) -> None:
    clean = {
        "2": Entry(
            "Read the [report](https://example.org/report).",
            "Lea el [informe](https://example.org/report).",
        ),
        "3": Entry("The mayor (who was absent) agreed.", "El alcalde (ausente) aceptó."),
        "4": Entry("The town will vote again next year.", "El pueblo votará el año próximo."),
        # Machine translation that kept the wrong number: unreviewed, so not published...
        "1": Entry(
            "The council counted 12 votes.",
            "El consejo contó 13 votos.",
            flags=["fuzzy"],
            translator_comments=["machine translation: pseudo"],
        ),
    }
    root = checked_workspace(tmp_path, **clean)
    code, _, err = l10n(root, "build", "v", "--min-translated", "80")
    assert (code, err) == (0, "")
    # ...unless --include-fuzzy publishes it.
    code, _, err = l10n(root, "build", "v", "--min-translated", "80", "--include-fuzzy")
    assert code == 3
    assert "[numbers]" in err.splitlines()[0]


def test_a_changed_link_target_is_a_check_finding(tmp_path: Path) -> None:
    """A msgstr linking somewhere else than the source: inline, reference, autolink, HTML,
    image. `check` reports it and `build` refuses to publish it."""
    from toolkit.checks.run import check_entry

    cases = [
        ("See the [council](https://example.org/c).", "Vea el [consejo](https://evil.example/c)."),
        ("See the [council][c].", "Vea el [consejo][evil]."),
        ("See <https://example.org/c>.", "Vea <https://evil.example/c>."),
        ('See <a href="https://example.org/c">it</a>.', 'Vea <a href="https://evil.example/c">.'),
        ("See ![the map](map.png).", "Vea ![el mapa](https://evil.example/map.png)."),
    ]
    for source, translation in cases:
        entry = Entry(source, translation)
        found = check_entry(entry, source_lang="en", target_lang="es", glossary=None)
        changed = [m for c, m in found if c in ("markup", "urls") and "evil" in m]
        assert changed, (source, found)
    root = checked_workspace(
        tmp_path,
        **{
            "2": Entry(
                "Read the [report](https://example.org/report).",
                "Lea el [informe](https://evil.example/report).",
            )
        },
    )
    code, _, err = l10n(root, "build", "v", "--no-check")
    assert code == 0
    code, _, err = l10n(root, "build", "v")
    assert code == 3
    assert '[markup] link target "https://evil.example/report" in the translation' in err


def test_the_pegasus_edition_passes_every_gate(tmp_path: Path) -> None:
    import shutil

    from tests.conftest import REPO

    for name in ("articles", "locales"):
        shutil.copytree(REPO / name, tmp_path / name)
    shutil.copy(REPO / "pyproject.toml", tmp_path / "pyproject.toml")
    code, out, err = l10n(tmp_path, "build", "mexico-pegasus-spyware", "--lang", "es")
    assert (code, err) == (0, "")
    assert out.startswith("mexico-pegasus-spyware: 13 of 13 entries reviewed (100.0%)\n")


# --- one rounding ----------------------------------------------------------------------------


def rounding_workspace(root: Path) -> Path:
    """17 entries, 7 reviewed: 41.176...%."""
    body = "\n\n".join(f"Paragraph {n}." for n in range(16))
    (root / "articles").mkdir(parents=True)
    (root / "articles" / "r.md").write_text(f"---\ntitle: T\n---\n\n{body}\n", "utf-8")
    entries = [Entry("T", "T.")] + [
        Entry(f"Paragraph {n}.", f"Párrafo {n}." if n < 6 else "") for n in range(16)
    ]
    write_catalog(root / "locales/es/r.po", Catalog(header=dict(HEADER), entries=entries), "po")
    return root


def test_status_and_build_give_the_same_percentage(tmp_path: Path) -> None:
    """Reproduction 5: `status` rounded to 41.2%, `build` truncated to 41.1%."""
    root = rounding_workspace(tmp_path)
    row = l10n(root, "status", "r")[1].splitlines()[1]
    assert " 41.1% " in row
    assert (
        json.loads(l10n(root, "status", "r", "--json")[1])["articles"][0]["percent_translated"]
        == 41.1
    )
    code, out, err = l10n(root, "build", "r", "--min-translated", "41.1", "--no-check")
    assert code == 0
    assert out.splitlines()[0] == "r: 7 of 17 entries reviewed (41.1%)"
    bilingual = (root / "build" / "r" / "r.en-es.html").read_text("utf-8")
    assert "7 de 17 pasajes revisados (41,1\u00a0%)" in bilingual
    # The gate compares the figure it shows: 41.1% is below a 41.2% threshold.
    code, _, err = l10n(root, "build", "r", "--min-translated", "41.2")
    assert (code, err) == (
        3,
        "Error: locales/es/r.po: 41.1% of entries translated and reviewed (7 of 17), "
        "below the 41.2% threshold; nothing written\n",
    )


@pytest.mark.parametrize(
    ("part", "whole", "shown"),
    [(7, 17, 41.1), (1999, 2000, 99.9), (7999, 10000, 79.9), (1, 3, 33.3), (2, 3, 66.6),
     (0, 5, 0.0), (5, 5, 100.0), (0, 0, 100.0)],
)  # fmt: skip
def test_one_rounding_rounds_down(part: int, whole: int, shown: float) -> None:
    from toolkit.percent import percent

    assert percent(part, whole) == shown
