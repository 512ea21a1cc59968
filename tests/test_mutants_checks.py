"""Edges of two checks of ``l10n check`` (docs/mutation.md): ``doublespace`` counts the
double spaces the source does not have, inside the text (the ends are ``whitespace``'s), a
no-break space included; ``length`` accepts 0.5x to 2.0x, both ends included, for a
source of 20 characters or more.

Each check's cases sit in one catalog, checked once through the CLI."""

from __future__ import annotations

import json
from pathlib import Path

from tests.conftest import l10n, make_workspace
from tests.test_qa import HEADER
from toolkit.catalog import write_catalog
from toolkit.entry import Catalog, Entry

# (source, translation, the doublespace message or None)
DOUBLE_SPACES = [
    ("The report was released.", "El informe  fue publicado.", 'after "informe"'),
    # As many as the source has: the translation keeps the source's layout.
    ("The report  was released.", "El informe  fue publicado.", None),
    ("The study  was  released.", "El estudio  fue publicado.", None),
    # One more than the source has.
    ("The paper  was released.", "El  artículo  fue publicado.", 'after "El"'),
    # A no-break space beside a space is a double space too, either way round.
    ("The note was released.", "La nota\u00a0 fue publicada.", 'after "nota"'),
    ("The memo was released.", "El memorando \u00a0fue publicado.", 'after "memorando"'),
    # At the ends: the whitespace check's business, not this one's.
    ("Hello world", "  Hola mundo", None),
    ("Hello there", "Hola a todos  ", None),
    # The source's own leading spaces are no double space inside its text.
    ("  Hello again", "  Hola  de nuevo", 'after "Hola"'),
]

SOURCE_20 = "The agency paid him."  # 20 characters: the shortest source measured
SOURCE_19 = "The court ruled it."  # 19: too short to judge by length
# (source, translation, the length message or None)
LENGTHS = [
    (SOURCE_20, "Le pagaron", None),  # 10 characters: 0.50x, the lower end, accepted
    ("The agents paid him.", "Le pagaba", "0.45x"),  # 9: below, and 20 is long enough
    ("The agency paid her.", "La agencia le pagó a ella con su dinero.", None),  # 40: 2.00x
    ("The agents paid her.", "La agencia le pagó a ella, con su dinero.", "2.05x"),  # 41
    ("The police paid him. ", "Le pagó.", "0.40x"),  # the ends do not count: 8 of 20
    (SOURCE_19, "Sí.", None),
]


def _findings(tmp_path: Path, pairs: list[tuple[str, str]], check: str) -> dict[str, str]:
    """msgid -> message of ``check`` for a catalog of these pairs, through ``l10n check``."""
    root = make_workspace(tmp_path / "ws", {"x": "# X\n"})
    po = root / "locales" / "es" / "x.po"
    po.parent.mkdir(parents=True)
    entries = [Entry(msgid=s, msgstr=t) for s, t in pairs]
    write_catalog(po, Catalog(header=dict(HEADER), entries=entries), "po")
    code, out, err = l10n(root, "check", "x", "--json")
    assert code in (0, 3), err
    found = json.loads(out)["findings"]
    return {f["msgid"]: f["message"] for f in found if f["check"] == check}


# One catalog (one `l10n check`) per check, every case in it: a failure shows the whole table.
def test_double_spaces_the_source_does_not_have(tmp_path: Path) -> None:
    found = _findings(tmp_path, [(s, t) for s, t, _ in DOUBLE_SPACES], "doublespace")
    expected = {
        s: f"double space in the translation {e}" for s, _, e in DOUBLE_SPACES if e is not None
    }
    assert found == expected


def test_length_ratio_ends_are_included(tmp_path: Path) -> None:
    found = _findings(tmp_path, [(s, t) for s, t, _ in LENGTHS], "length")
    expected = {
        s: f"translation is {e} the length of the source (expected 0.5x to 2.0x): "
        "something missing or added?"
        for s, _, e in LENGTHS
        if e is not None
    }
    assert found == expected


# (source, translation, the findings of markup, urls and numbers for it)
WHAT_CHANGED = [
    (
        "Run `make all` first.",
        "Ejecute `make todo` primero.",
        [
            (
                "markup",
                "code span `make all` missing or changed in the translation (code is not translated)",
            )
        ],
    ),
    (
        "Run the tests first.",
        "Ejecute `make test` primero.",
        [("markup", "code span `make test` in the translation not in the source")],
    ),
    (
        "It is <b>bold</b> here.",
        "Es <i>negrita</i> aquí.",
        [("markup", "HTML tags differ: missing <b> </b>; added <i> </i>")],
    ),
    # An address without a scheme is an address too.
    (
        "See www.example.org for details.",
        "Vea www.ejemplo.org para más detalles.",
        [
            ("urls", '"www.example.org" of the source missing or changed in the translation'),
            ("urls", '"www.ejemplo.org" in the translation not in the source'),
        ],
    ),
    # Each side read in its own language: 1.500 is Spanish for 1,500.
    ("About 1,500 people marched.", "Unas 1.500 personas marcharon.", []),
]


def test_markup_urls_and_numbers_findings_say_what_changed(tmp_path: Path) -> None:
    root = make_workspace(tmp_path / "ws", {"x": "# X\n"})
    po = root / "locales" / "es" / "x.po"
    po.parent.mkdir(parents=True)
    entries = [Entry(msgid=s, msgstr=t) for s, t, _ in WHAT_CHANGED]
    write_catalog(po, Catalog(header=dict(HEADER), entries=entries), "po")
    out = l10n(root, "check", "x", "--json")[1]
    found: dict[str, list[tuple[str, str]]] = {s: [] for s, _, _ in WHAT_CHANGED}
    for f in json.loads(out)["findings"]:
        if f["check"] in ("markup", "urls", "numbers"):
            found[f["msgid"]].append((f["check"], f["message"]))
    assert found == {s: expected for s, _, expected in WHAT_CHANGED}
