"""The Apertium engine, run for real (Debian's apertium + apertium-eng-spa)."""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import pytest

from tests.tools import require_tool
from toolkit.errors import EngineError
from toolkit.glossary import GlossaryTerm
from toolkit.markdown.sentences import split_sentences
from toolkit.mt.apertium import ApertiumEngine, mode_candidates
from toolkit.mt.base import get_engine
from toolkit.mt.protect import Protector, restore

REPO = Path(__file__).resolve().parents[1]
TERMS = ["NSO Group", "Pegasus", "InSight Crime", "Citizen Lab", "R3D"]


@pytest.fixture(scope="module")
def engine() -> ApertiumEngine:
    require_tool("apertium")
    found = get_engine("apertium")
    assert isinstance(found, ApertiumEngine)
    if "eng-spa" not in found.modes:
        pytest.fail("apertium-eng-spa is not installed (apt-get install apertium-eng-spa)")
    return found


def article_sentences() -> list[str]:
    body = (REPO / "articles" / "mexico-pegasus-spyware.md").read_text(encoding="utf-8")
    paragraphs = [p for p in body.split("---", 2)[2].split("\n\n") if p.strip()]
    return [s for p in paragraphs for s, _ in split_sentences(p.strip().lstrip("# "), "en")]


def test_mode_names() -> None:
    assert mode_candidates("en", "es") == ["eng-spa"]
    assert mode_candidates("es", "en-US") == ["spa-eng_US", "spa-eng"]
    assert mode_candidates("pt-BR", "ca") == ["por-cat"]


def test_translates_aligned_in_one_process(engine: ApertiumEngine) -> None:
    texts = ["Hello world.", "", "The red", "house is big", "Two lines\nof text"]
    calls: list[tuple[int, int]] = []
    engine.set_progress(lambda done, total: calls.append((done, total)))
    out = engine.translate_batch(texts, "en", "es")
    engine.set_progress(None)
    assert calls[-1] == (5, 5)  # paragraphs: the empty text is not sent, two lines are two
    assert len(out) == len(texts)
    assert "Hola" in out[0] and out[1] == ""
    assert "rojo" in out[2] and "casa" not in out[2]  # nothing crossed into the next text
    assert "casa" in out[3] and out[4].count("\n") == 1
    assert re.fullmatch(r"apertium eng-spa( \d[\w.+~]*)?", engine.describe())


def test_describe_names_the_package_version(engine: ApertiumEngine) -> None:
    require_tool("dpkg-query")
    engine.translate_batch(["Hi."], "en", "es")
    assert re.fullmatch(r"apertium eng-spa \d+(\.\d+)+", engine.describe())


def test_glossary_terms_survive_in_the_pegasus_article(engine: ApertiumEngine) -> None:
    protector = Protector([GlossaryTerm(t) for t in TERMS])
    sentences = [s for s in article_sentences() if any(t in s for t in TERMS)]
    assert len(sentences) >= 5
    protected = [protector.protect(s) for s in sentences]
    out = engine.translate_batch([p.text for p in protected], "en", "es")
    spanish = [restore(p, o) for p, o in zip(protected, out, strict=True)]
    for source, target in zip(sentences, spanish, strict=True):
        for term in TERMS:
            assert source.count(term) == target.count(term), (source, target)
    assert "Grupo" not in " ".join(spanish)  # unprotected, eng-spa says "NSO Grupo"


def test_placeholders_survive_every_sentence_of_the_article(engine: ApertiumEngine) -> None:
    protector = Protector()
    sentences = [
        f"See *{s[:40].strip()}* in [the report](https://x.org/a) and `code`, e-mail a@b.org."
        for s in article_sentences()
    ]
    protected = [protector.protect(s) for s in sentences]
    out = engine.translate_batch([p.text for p in protected], "en", "es")
    for p, o in zip(protected, out, strict=True):
        spanish = restore(p, o)
        assert "](https://x.org/a)" in spanish and "`code`" in spanish and "a@b.org" in spanish
        assert re.search(r"\*\S.*\S\*", spanish)


# --- failures, with stand-in programs on PATH -------------------------------------------------


def fake_apertium(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, script: str) -> None:
    folder = tmp_path / "bin"
    folder.mkdir()
    path = folder / "apertium"
    path.write_text("#!/bin/sh\n" + script, encoding="utf-8")
    path.chmod(path.stat().st_mode | stat.S_IEXEC)
    monkeypatch.setenv("PATH", f"{folder}{os.pathsep}{os.environ['PATH']}")


def test_missing_apertium_names_the_packages(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))
    with pytest.raises(EngineError) as info:
        ApertiumEngine().translate_batch(["Hello."], "en", "es")
    assert str(info.value) == (
        "apertium is not installed (on Debian or Ubuntu: apt-get install apertium apertium-eng-spa)"
    )


def test_missing_pair_names_the_package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_apertium(tmp_path, monkeypatch, 'echo "  spa-cat"\n')
    with pytest.raises(EngineError) as info:
        ApertiumEngine().translate_batch(["Hello."], "en", "es")
    assert str(info.value) == (
        "no Apertium mode eng-spa for en->es (installed: spa-cat); "
        "on Debian or Ubuntu: apt-get install apertium apertium-eng-spa"
    )


def test_a_missing_paragraph_is_an_error_not_a_shift(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Drops the first paragraph: returning the rest would shift every translation by one.
    fake_apertium(
        tmp_path, monkeypatch, '[ "$1" = -l ] && { echo eng-spa; exit 0; }\nexec sed 1,2d\n'
    )
    with pytest.raises(EngineError, match="returned 2 paragraphs for 3"):
        ApertiumEngine().translate_batch(["One.", "Two.", "Three."], "en", "es")


def test_failure_and_timeout(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_apertium(
        tmp_path,
        monkeypatch,
        '[ "$1" = -l ] && { echo eng-spa; exit 0; }\n'
        '[ -e "$0.slow" ] && exec sleep 30\n'
        'echo "Error: broken mode file" >&2; exit 3\n',
    )
    with pytest.raises(EngineError, match="apertium eng-spa failed: Error: broken mode file"):
        ApertiumEngine().translate_batch(["One."], "en", "es")
    (tmp_path / "bin" / "apertium.slow").touch()
    with pytest.raises(EngineError, match=r"did not finish within 0\.5 s"):
        ApertiumEngine(timeout=0.5).translate_batch(["One."], "en", "es")
