"""Pseudo-localization: accents, ~30% expansion, brackets, markup intact."""

from __future__ import annotations

from pathlib import Path

from tests.mtworkspace import make_workspace, read_po
from toolkit.markdown.inline import markup_signature
from toolkit.mt.base import get_engine
from toolkit.mt.pseudo import pseudolocalize
from toolkit.translate import translate

PARAGRAPH = (
    "The spyware, known as Pegasus, is manufactured by an Israeli firm called the NSO Group "
    "and is sold exclusively to governments."
)


def test_accents_expansion_and_brackets() -> None:
    out = pseudolocalize(PARAGRAPH)
    assert out.startswith("[Ţĥé šþýŵååŕéé, ķñööŵñ") and out.endswith("]")
    assert 1.25 <= len(out) / len(PARAGRAPH) <= 1.4
    assert not any(c in out for c in "aeiou")


def test_keeps_tokens_code_tags_urls_and_format_placeholders() -> None:
    text = "See XQX1X and `the code` <b>here</b> https://x.org/path %s {count} &amp; a@b.org"
    out = pseudolocalize(text)
    for kept in ["XQX1X", "`the code`", "<b>", "</b>", "https://x.org/path", "%s", "{count}"]:
        assert kept in out
    assert "&amp;" in out and "a@b.org" in out and "Šéé" in out


def test_whitespace_stays_outside_the_brackets() -> None:
    assert pseudolocalize("  Hi  ") == "  [Ĥî]  "
    assert pseudolocalize("   ") == "   "


def test_engine_interface() -> None:
    engine = get_engine("pseudo")
    assert engine.describe() == "pseudo"
    assert engine.translate_batch(["Hi", "Yes"], "en", "es") == ["[Ĥî]", "[Ýéš]"]


ARTICLE = """A [link to *the report*](https://citizenlab.ca/2017/06/reckless "Report") by \
**Citizen Lab**, with `code`. Second sentence by the NSO Group, see https://x.org/a.b.

![An image of *Pegasus*](img/pegasus.png) and <span lang="es">Hola</span>{hard_break}
and a hard break, e-mail press@insightcrime.org.
""".format(hard_break="  ")


def test_placeholders_survive_the_pipeline(tmp_path: Path) -> None:
    ws = make_workspace(tmp_path, article=ARTICLE)
    report = translate(ws, ["mexico-pegasus-spyware"], "es", "pseudo")
    assert report.failed == 0 and report.filled == 3
    for entry in read_po(ws).live:
        assert entry.fuzzy and entry.msgstr.startswith("[")
        assert markup_signature(entry.msgstr) == markup_signature(entry.msgid)
        for kept in [
            "https://citizenlab.ca/2017/06/reckless",
            "`code`",
            "https://x.org/a.b",
            "Citizen Lab",
            "NSO Group",
            "img/pegasus.png",
            "press@insightcrime.org",
        ]:
            assert (kept in entry.msgid) == (kept in entry.msgstr), kept
    first = read_po(ws).live[1].msgstr
    assert first.startswith("[Åå [ĺîîñķ ţöö *ţĥéé")  # link text and emphasis are translated
    assert "] [Šééçööñđ" in first  # one bracket pair per sentence
