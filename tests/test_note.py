"""The edition's note (``locales/<lang>/<slug>.note.md``): after the byline in all four
editions, under the toolkit's label, escaped in HTML, and held to the Markdown safety rules
by ``check`` and ``build``.

The golden files in tests/golden/note/ are each edition from its byline to the end of the
note. Regenerate them after an intended change with ``L10N_REGENERATE_GOLDEN=1`` and review
the diff.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.conftest import make_workspace
from tests.html_tree import parse_html
from toolkit.cli import app

GOLDEN = Path(__file__).parent / "golden" / "note"
SLUG = "flood"
ARTICLE = """\
---
title: "River Towns Brace for Floods"
publisher: Valley Courier
source_url: https://example.org/news/flood
---

The river rose two metres overnight, the mayor said.

Officials are accused of ignoring the warnings.
"""
TRANSLATIONS = {
    "River Towns Brace for Floods": "Los pueblos del río se preparan para las crecidas",
    "The river rose two metres overnight, the mayor said.": (
        "El río subió dos metros durante la noche, dijo el alcalde."
    ),
    "Officials are accused of ignoring the warnings.": (
        "Los funcionarios están acusados de ignorar las alertas."
    ),
}
NOTE = """\
Marzo de 2026. Un tribunal absolvió a los funcionarios en 2025 (véase el
[fallo](https://example.org/fallo?a=1&b=2) y escriba a <mailto:redaccion@example.org>).

Las cifras de *A & B* no cambian: 2 < 3.
"""
NAMES = {
    "markdown": f"{SLUG}.es.md",
    "html": f"{SLUG}.es.html",
    "bilingual-html": f"{SLUG}.en-es.html",
    "bilingual-markdown": f"{SLUG}.en-es.md",
}
runner = CliRunner()


def l10n(root: Path, *args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["--root", str(root), *args])
    return result.exit_code, result.stdout, result.stderr


def reviewed_workspace(root: Path) -> Path:
    make_workspace(root, {SLUG: ARTICLE})
    assert l10n(root, "extract")[0] == 0
    po = root / "locales" / "es" / f"{SLUG}.po"
    text = po.read_text("utf-8")
    for source, target in TRANSLATIONS.items():
        text = text.replace(f'msgid "{source}"\nmsgstr ""', f'msgid "{source}"\nmsgstr "{target}"')
    po.write_text(text, "utf-8")
    return root


def note_file(root: Path) -> Path:
    return root / "locales" / "es" / f"{SLUG}.note.md"


def build(root: Path) -> dict[str, str]:
    code, _out, err = l10n(root, "build", SLUG, "--lang", "es")
    assert (code, err) == (0, "")
    folder = root / "build" / SLUG
    return {fmt: (folder / name).read_text("utf-8") for fmt, name in NAMES.items()}


@pytest.fixture(scope="module")
def with_note(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    root = reviewed_workspace(tmp_path_factory.mktemp("note") / "ws")
    note_file(root).write_text(NOTE, "utf-8")
    return build(root)


def from_byline_to_note_end(text: str, fmt: str) -> str:
    start = text.index("Por Valley Courier")
    start = text.rindex("\n", 0, start) + 1
    if fmt.endswith("html"):
        end = text.index("</aside>", start) + len("</aside>")
    else:
        end = text.index("no cambian: 2 < 3.", start) + len("no cambian: 2 < 3.")
    return text[start:end] + "\n"


@pytest.mark.parametrize("fmt", list(NAMES))
def test_the_note_follows_the_byline(with_note: dict[str, str], fmt: str) -> None:
    fragment = from_byline_to_note_end(with_note[fmt], fmt)
    expected = GOLDEN / f"{NAMES[fmt]}.fragment"
    if os.environ.get("L10N_REGENERATE_GOLDEN"):
        expected.parent.mkdir(parents=True, exist_ok=True)
        expected.write_text(fragment, encoding="utf-8")
    assert fragment == expected.read_text(encoding="utf-8")
    # Once, right after the byline and before the article's first paragraph.
    text = with_note[fmt]
    assert text.count("Nota de la redacción") == 1
    assert text.index("Nota de la redacción") < text.index("El río subió")


@pytest.mark.parametrize("fmt", ["html", "bilingual-html"])
def test_the_note_is_escaped_html_with_its_links(with_note: dict[str, str], fmt: str) -> None:
    page, _ = parse_html(with_note[fmt])
    (note,) = [el for el in page.iter() if el.attrs.get("class") == "note"]
    assert note.tag == "aside" and note.attrs.get("role") == "note"
    assert [a.attrs.get("href") for a in note.find_all("a")] == [
        "https://example.org/fallo?a=1&b=2",
        "mailto:redaccion@example.org",
    ]
    assert "2 &lt; 3" in with_note[fmt] and "A &amp; B" in with_note[fmt]
    assert "<em>A &amp; B</em>" in with_note[fmt]


def test_no_note_or_a_blank_one_changes_nothing(tmp_path: Path) -> None:
    root = reviewed_workspace(tmp_path / "ws")
    without = build(root)
    assert not any("Nota de la redacción" in text for text in without.values())
    assert '<aside class="note"' not in without["html"] + without["bilingual-html"]
    note_file(root).write_text("\n  \n", "utf-8")
    assert build(root) == without


BAD_NOTE = """\
Texto con <b>negritas</b> y un [enlace](javascript:alert(1)).

<script>alert(1)</script>

Un [enlace relativo](/otra/pagina), una ![imagen](data:image/png;base64,AAAA) y
un [correo](mailto:a@example.org) y [la web](https://example.org/).
"""


def test_check_reports_unsafe_markup_in_the_note(tmp_path: Path) -> None:
    root = reviewed_workspace(tmp_path / "ws")
    note_file(root).write_text(BAD_NOTE, "utf-8")
    code, out, err = l10n(root, "check", SLUG)
    path = f"locales/es/{SLUG}.note.md"
    assert (code, err) == (3, "")
    assert out.splitlines() == [
        f"{path}:1: [markup] raw HTML '<b>' is not allowed in a note (write Markdown)",
        f"{path}:1: [markup] raw HTML '</b>' is not allowed in a note (write Markdown)",
        f"{path}:1: [markup] link 'javascript:alert(1)' in a note must be an absolute http, "
        "https or mailto URL",
        f"{path}:3: [markup] raw HTML '<script>alert(1)</script>' is not allowed in a note "
        "(write Markdown)",
        f"{path}:5: [markup] link '/otra/pagina' in a note must be an absolute http, https or "
        "mailto URL",
        f"{path}:5: [markup] image 'data:image/png;base64,AAAA' in a note must be an absolute "
        "http or https URL",
        "6 finding(s) in 3 entries checked, 0 silenced",
    ]


def test_build_refuses_an_unsafe_note_and_writes_nothing(tmp_path: Path) -> None:
    root = reviewed_workspace(tmp_path / "ws")
    note_file(root).write_text("Bien.\n\nUn [enlace](javascript:alert(1)).\n", "utf-8")
    code, out, err = l10n(root, "build", SLUG, "--lang", "es")
    assert (code, out) == (1, "")
    assert err == (
        f"Error: locales/es/{SLUG}.note.md:3: link 'javascript:alert(1)' in a note must be "
        "an absolute http, https or mailto URL\n"
    )
    assert not (root / "build").exists()


def test_a_clean_note_passes_check(tmp_path: Path) -> None:
    root = reviewed_workspace(tmp_path / "ws")
    note_file(root).write_text(NOTE, "utf-8")
    assert l10n(root, "check", SLUG) == (0, "0 finding(s) in 3 entries checked, 0 silenced\n", "")
