"""QA that translators trust (issue 13): each false positive or miss that was seen, as a
test; compared with pofilter in the README."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tests.archive import article, slug
from tests.conftest import SAMPLE, l10n, make_workspace
from tests.tools import require_tool
from toolkit.checks.run import check_entry
from toolkit.entry import Entry
from toolkit.glossary import GlossaryTerm
from toolkit.mt.protect import Protector, restore
from toolkit.mt.pseudo import pseudolocalize

REPO = Path(__file__).resolve().parents[1]


def findings(source: str, translation: str) -> list[tuple[str, str]]:
    entry = Entry(msgid=source, msgstr=translation)
    return check_entry(entry, source_lang="en", target_lang="es", glossary=None)


# --- startcaps ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "translation"),
    [
        ("a ban on the sale of spyware", "Una prohibición de la venta de software espía"),
        ("Spyware in Mexico", "software espía en México"),
        ("*a ban* on spyware", "*Una prohibición* del software espía"),
    ],
)
def test_startcaps_reports_a_changed_first_capital(source: str, translation: str) -> None:
    assert [c for c, _ in findings(source, translation)] == ["startcaps"]


@pytest.mark.parametrize(
    ("source", "translation"),
    [
        ("Why did it happen?", "¿Por qué ocurrió?"),
        ("iPhone sales fell.", "Las ventas del iPhone cayeron."),
        ("50 percent of cases", "El 50 % de los casos"),
        ("`grep` finds it.", "`grep` lo encuentra."),
        ("%d files were checked.", "Se revisaron %d archivos."),
        ("“We did not want it,” he said.", "«No lo quisimos», dijo."),
    ],
)
def test_startcaps_leaves_alone(source: str, translation: str) -> None:
    assert "startcaps" not in [c for c, _ in findings(source, translation)]


def test_startcaps_catches_apertiums_capital(tmp_path: Path) -> None:
    require_tool("apertium")
    from toolkit.mt.apertium import create
    from toolkit.mt.base import EngineOptions

    [out] = create(EngineOptions()).translate_batch(["a ban on spyware sales"], "en", "es")
    assert out[0].isupper()  # what Apertium does with any first word
    assert "startcaps" in [c for c, _ in findings("a ban on spyware sales", out)]


# --- endpunc: abbreviations -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("source", "translation"),
    [
        ("Spying in the US", "Espionaje en EE. UU."),
        ("Spying in the US", "Espionaje en EE.UU."),
        ("It happened in the U.S.", "Ocurrió en Estados Unidos"),
        ("Founded by NSO Group Technologies", "Fundada por NSO Group S. A."),
        ("The meeting at 10", "La reunión a las 10 a. m."),
        ("Cars, boats and more", "Autos, barcos, etc."),
    ],
)
def test_endpunc_accepts_an_abbreviations_period(source: str, translation: str) -> None:
    assert "endpunc" not in [c for c, _ in findings(source, translation)]


@pytest.mark.parametrize(
    ("source", "translation"),
    [
        ("Spying in the US", "Espionaje en Estados Unidos."),
        ("It ended.", "Terminó"),
        ("Did it end?", "¿Terminó."),
    ],
)
def test_endpunc_still_reports_real_changes(source: str, translation: str) -> None:
    assert "endpunc" in [c for c, _ in findings(source, translation)]


# --- glossary replacement keeps a capital at a sentence start ------------------------------------


@pytest.mark.parametrize(
    ("source", "engine_output", "expected"),
    [
        ("They bought spyware.", "{} fue comprado.", "Software espía fue comprado."),
        ("The spyware was sold.", "¿{} fue vendido?", "¿Software espía fue vendido?"),
        ("Spyware firms grew.", "Las empresas de {} crecieron.", "Las empresas de software espía crecieron."),
        ("Spyware is sold.", "{} se vende.", "Software espía se vende."),
        ("It is spyware. Spyware spreads.", "Es {}. {} se propaga.", None),
    ],
)  # fmt: skip
def test_glossary_term_case_follows_its_place_in_the_translation(
    source: str, engine_output: str, expected: str | None
) -> None:
    protected = Protector([GlossaryTerm("spyware", "software espía")]).protect(source)
    tokens = [p.token for p in protected.placeholders]
    out = restore(protected, engine_output.format(*tokens))
    if expected is None:
        assert out == "Es software espía. Software espía se propaga."
    else:
        assert out == expected


# --- urls: no brackets or Markdown punctuation in the URL ------------------------------------------


@pytest.mark.parametrize(
    ("source", "translation"),
    [
        ("Source: [https://example.org/a].", "Fuente: https://example.org/a."),
        ("Source: ~~https://example.org/a~~ now", "Fuente: ~~https://example.org/a~~ ahora"),
        ("Source: {https://example.org/a}", "Fuente: {https://example.org/a}."),
        ("Read https://example.org/a…", "Lea https://example.org/a..."),
        ("Read https://example.org/a—and more", "Lea https://example.org/a y más"),
        ("See https://example.org/a\\.", "Vea https://example.org/a."),
        ("Go to _www.example.org_ now", "Vaya a _www.example.org_ ahora"),
        ("See (https://example.org/a).", "Vea https://example.org/a."),
        ("See https://en.wikipedia.org/wiki/Pegasus_(spyware).", "Vea https://en.wikipedia.org/wiki/Pegasus_(spyware)."),
    ],
)  # fmt: skip
def test_url_check_keeps_punctuation_out_of_urls(source: str, translation: str) -> None:
    assert "urls" not in [c for c, _ in findings(source, translation)]


def test_url_check_still_reports_a_changed_url() -> None:
    found = findings("Source: [https://example.org/a].", "Fuente: [https://example.org/b].")
    assert (
        "urls",
        '"https://example.org/a" of the source missing or changed in the translation',
    ) in found


# --- numbers: never both missing and extra ----------------------------------------------------------

_LISTED = re.compile(r'"([^"]+)"')


def _missing_and_extra(message: str) -> tuple[set[str], set[str]]:
    missing: set[str] = set()
    extra: set[str] = set()
    for part in message.split("; "):
        target = missing if "missing" in part else extra
        target.update(_LISTED.findall(part))
    return missing, extra


def test_numbers_12_5_is_not_both_missing_and_extra() -> None:
    assert findings("He got 12,5 votes", "Obtuvo 12,5 votos") == []


_numbers = st.lists(
    st.one_of(
        st.integers(0, 100_000).map(str),
        st.from_regex(r"\A\d{1,3}([.,]\d{1,3}){0,2}\Z"),
        st.from_regex(r"\A\d{1,3} \d{3}\Z"),
    ),
    min_size=1,
    max_size=4,
)


@given(_numbers, _numbers)
def test_numbers_never_reports_a_number_as_both_missing_and_extra(
    source: list[str], translation: list[str]
) -> None:
    for check, message in findings(" and ".join(source), " y ".join(translation)):
        if check == "numbers":
            missing, extra = _missing_and_extra(message)
            assert not missing & extra, message


# --- pseudo: no Markdown in the padding ---------------------------------------------------------


def test_pseudo_padding_is_no_markdown() -> None:
    out = pseudolocalize("Hmm, 123 456 789 qwrtz.")
    assert "~" not in out and "·" in out
    assert out.endswith(".]")  # the padding leaves the end punctuation last


def test_pseudo_translated_articles_pass_the_markup_check(tmp_path: Path) -> None:
    articles = {slug(n): article(n) for n in range(6)}
    articles["sample"] = SAMPLE
    root = make_workspace(tmp_path / "ws", articles)
    shutil.copy(REPO / "articles" / "mexico-pegasus-spyware.md", root / "articles")
    assert l10n(root, "extract")[0] == 0
    assert l10n(root, "translate", "--engine", "pseudo")[0] == 0
    _code, out, _ = l10n(root, "check")
    for check in ("markup", "urls", "endpunc", "startcaps"):
        assert f"[{check}]" not in out, out
