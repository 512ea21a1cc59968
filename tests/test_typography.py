"""No-break spaces in the HTML editions keep "EE. UU.", "3,5 %" and "80 millones" together;
catalogs and Markdown editions keep the translator's plain spaces."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import l10n, make_workspace
from toolkit.catalog import load_catalog, write_catalog
from toolkit.typography import NBSP, keep_together

ARTICLE = """\
---
title: "Spying in the US"
---

The US spent 3.5 percent, $80 million, at 10 a.m.

```
3 % stays 3 %
```
"""
SPANISH = {
    "Spying in the US": "Espionaje en EE. UU.",
    "The US spent 3.5 percent, $80 million, at 10 a.m.": (
        "EE. UU. gastó el 3,5 %, 80 millones de dólares, a las 10 a. m."
    ),
}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("<p>en EE. UU. hoy</p>", f"<p>en EE.{NBSP}UU. hoy</p>"),
        ("<p>el 3,5 % del total</p>", f"<p>el 3,5{NBSP}% del total</p>"),
        ("<p>80 millones de dólares</p>", f"<p>80{NBSP}millones de dólares</p>"),
        ("<p>a las 10 a. m.</p>", f"<p>a las 10{NBSP}a.{NBSP}m.</p>"),
        ("<p>NSO Group S. A. vende</p>", f"<p>NSO Group S.{NBSP}A. vende</p>"),
        ("<p>recorrió 12 km</p>", f"<p>recorrió 12{NBSP}km</p>"),
        ("<p>en 2017 300 personas</p>", "<p>en 2017 300 personas</p>"),
        ("<p>los 3 mismos</p>", "<p>los 3 mismos</p>"),
        ("<pre><code>3 % y EE. UU.</code></pre>", "<pre><code>3 % y EE. UU.</code></pre>"),
        ('<a title="3 %" href="/a">3 %</a>', f'<a title="3 %" href="/a">3{NBSP}%</a>'),
    ],
)
def test_keep_together_in_spanish(text: str, expected: str) -> None:
    assert keep_together(text, "es") == expected


def test_other_languages_are_left_alone() -> None:
    assert keep_together("<p>3 % EE. UU.</p>", "en") == "<p>3 % EE. UU.</p>"


def test_html_editions_keep_units_together_and_catalogs_do_not_change(tmp_path: Path) -> None:
    root = make_workspace(tmp_path / "ws", {"us": ARTICLE})
    assert l10n(root, "extract")[0] == 0
    po = root / "locales" / "es" / "us.po"
    catalog = load_catalog(po, "us.po").catalog
    for entry in catalog.live:
        entry.msgstr = SPANISH[entry.msgid]
    write_catalog(po, catalog, "us.po")
    before = po.read_bytes()
    assert l10n(root, "build")[0] == 0
    assert po.read_bytes() == before
    folder = root / "build" / "us"
    html = (folder / "us.es.html").read_text(encoding="utf-8")
    bilingual = (folder / "us.en-es.html").read_text(encoding="utf-8")
    for page in (html, bilingual):
        assert f"EE.{NBSP}UU. gastó el 3,5{NBSP}%, 80{NBSP}millones de dólares" in page
        assert f"a las 10{NBSP}a.{NBSP}m." in page
        assert "3 % stays 3 %" in page  # code as written
    assert f"Espionaje en EE.{NBSP}UU." in html
    assert "The US spent 3.5 percent, $80 million" in bilingual  # the English column as is
    markdown = (folder / "us.es.md").read_text(encoding="utf-8")
    assert NBSP not in markdown and "EE. UU. gastó el 3,5 %" in markdown
