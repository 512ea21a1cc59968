"""The argos engine and Argos package management, through the real libraries.

The copy model (tests/argos_model.py) outputs its input, so every expected translation is
the source text itself.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.argos_model import retag
from tests.conftest import argos_env
from toolkit.errors import EngineError, InputError
from toolkit.models import ModelInfo, install_model, list_models, packages_dir
from toolkit.mt.argos import ArgosEngine
from toolkit.mt.base import EngineOptions, get_engine

REPO = Path(__file__).resolve().parent.parent

SENTENCES = [
    "Mexican authorities used Pegasus to spy on journalists, lawyers and activists.",
    "Según el informe, al menos 76 personas fueron blanco entre 2015 y 2016.",
    "The program cost $32 million (about €28.5 million) on June 19, 2017.",
    "«¿Quién autorizó el espionaje?», preguntó la diputada; ¡nadie respondió!",
    "Zürich, São Paulo, Kraków and 東京 — “curly quotes” and an emoji 🚀.",
    "NSO Group",
    "x",
]
# Long enough to pass CTranslate2's default 256-token output cut with the test tokenizer.
LONG = ", and ".join(SENTENCES[:3] * 4)


def engine() -> ArgosEngine:
    found = get_engine("argos", EngineOptions())
    assert isinstance(found, ArgosEngine)
    return found


def token_count(model: ModelInfo, text: str) -> int:
    import sentencepiece

    sp = sentencepiece.SentencePieceProcessor(model_file=str(model.path / "sentencepiece.model"))
    return len(sp.encode(text))


# -- package management -----------------------------------------------------------------


def test_install_then_list(argos_packages: Path, copy_argosmodel: Path) -> None:
    assert list_models() == []
    info = install_model(copy_argosmodel)
    assert info == ModelInfo("en", "es", "1.0", argos_packages / "translate-en_es-1_0")
    assert info.describe() == "translate-en_es 1.0"
    assert (info.path / "model" / "model.bin").is_file()
    assert list_models() == [info]
    assert packages_dir() == argos_packages


def test_packages_dir_is_read_at_call_time(
    argos_packages: Path, copy_model_installed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert [m.path.parent for m in list_models()] == [copy_model_installed]
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(argos_packages))
    assert list_models() == []


def test_install_replaces_the_same_pair(
    argos_packages: Path, copy_argosmodel: Path, tmp_path: Path
) -> None:
    install_model(copy_argosmodel)
    newer = install_model(retag(copy_argosmodel, tmp_path / "newer.argosmodel", "1.1"))
    assert list_models() == [newer]
    assert sorted(p.name for p in argos_packages.iterdir()) == ["translate-en_es-1_1"]
    again = install_model(retag(copy_argosmodel, tmp_path / "again.argosmodel", "1.1"))
    assert list_models() == [again]


def _zip(path: Path, members: dict[str, str]) -> Path:
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    return path


GOOD_META = json.dumps({"package_version": "1.0", "from_code": "en", "to_code": "es"})
BAD_ARCHIVES: dict[str, tuple[dict[str, str] | None, str]] = {
    "not-a-zip": (None, "not a zip archive"),
    "dotdot": (
        {"p/metadata.json": GOOD_META, "p/model/model.bin": "", "p/../../evil.txt": "x"},
        "unsafe member path 'p/../../evil.txt'",
    ),
    "absolute": (
        {"p/metadata.json": GOOD_META, "p/model/model.bin": "", "/tmp/evil.txt": "x"},
        "unsafe member path '/tmp/evil.txt'",
    ),
    "no-metadata": ({"p/model/model.bin": ""}, "no p/metadata.json in the archive"),
    "bad-json": (
        {"p/metadata.json": '{"from_code": "en",\n "to_code": es}', "p/model/model.bin": ""},
        "metadata.json is not valid JSON (line 2: Expecting value)",
    ),
    "no-codes": ({"p/metadata.json": "{}", "p/model/model.bin": ""}, "has no 'from_code'"),
    "files-at-root": (
        {"metadata.json": GOOD_META, "model/model.bin": ""},
        "expected one top-level folder",
    ),
    "no-model": ({"p/metadata.json": GOOD_META}, "no p/model/model.bin"),
}


@pytest.mark.parametrize("case", sorted(BAD_ARCHIVES))
def test_bad_archive_is_refused_and_nothing_written(
    case: str, argos_packages: Path, tmp_path: Path
) -> None:
    members, message = BAD_ARCHIVES[case]
    path = tmp_path / f"{case}.argosmodel"
    if members is None:
        path.write_text("metadata.json: this is not a zip\n")
    else:
        _zip(path, members)
    with pytest.raises(InputError) as caught:
        install_model(path)
    assert caught.value.path == str(path)
    assert message in caught.value.message
    assert str(caught.value).startswith(f"{path}: ")
    assert list(argos_packages.iterdir()) == []
    assert not (tmp_path / "evil.txt").exists()


def test_missing_file(argos_packages: Path, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        install_model(tmp_path / "absent.argosmodel")


# -- the engine -------------------------------------------------------------------------


def test_no_package_names_the_fix(argos_packages: Path) -> None:
    with pytest.raises(EngineError) as caught:
        engine().translate_batch(["Hello."], "en", "es")
    message = str(caught.value)
    assert "no Argos package for en->es" in message
    assert "`argospm install translate-en_es` on a machine with internet" in message
    assert "`l10n models install FILE.argosmodel`" in message
    assert "\n" not in message


def test_other_pair_is_not_found(copy_model_installed: Path) -> None:
    with pytest.raises(EngineError, match="argospm install translate-en_fr"):
        engine().translate_batch(["Hello."], "en", "fr")


def test_fast_path_copies_exactly(copy_model_installed: Path) -> None:
    texts = ["", *SENTENCES, "", SENTENCES[0], "  ", "first line\nsecond line"]
    got = engine().translate_batch(texts, "en", "es")
    assert got == texts  # order kept; empty, blank and repeated texts included


def test_fast_path_is_not_cut_at_256_tokens(copy_model_installed: Path) -> None:
    eng = engine()
    model = eng.load("en", "es")
    assert token_count(model, LONG) > 300
    assert eng.translate_batch([LONG, "Short."], "en", "es") == [LONG, "Short."]


def test_describe_and_region_subtag(copy_model_installed: Path) -> None:
    eng = engine()
    assert eng.describe() == "argos"
    assert eng.translate_batch(["Hola."], "en", "es-419") == ["Hola."]
    assert eng.describe() == "argos translate-en_es 1.0"


def test_progress_reports_every_line(copy_model_installed: Path) -> None:
    calls: list[tuple[int, int]] = []
    eng = ArgosEngine(EngineOptions(), progress=lambda done, total: calls.append((done, total)))
    eng.translate_batch(SENTENCES, "en", "es")
    assert calls == [(n, len(SENTENCES)) for n in range(1, len(SENTENCES) + 1)]


# -- parity with argostranslate ---------------------------------------------------------


@pytest.fixture
def argostranslate_translate(
    copy_model_installed: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Callable[[str], str]]:
    """``argostranslate.translate.translate(q, "en", "es")`` on the installed copy model.

    Two things keep it honest and offline: the module-level ``installed_translates`` cache
    (it outlives uninstalls and packages-folder changes) is replaced by an empty list, and
    the sentence splitter, which would download a MiniSBD model for a package without one,
    returns the text whole: the engine's inputs are single sentences already.
    """
    import argostranslate.translate as at
    from argostranslate import sbd

    from toolkit.argos_packages import pointed_at

    monkeypatch.setattr(at, "installed_translates", [])
    monkeypatch.setattr(sbd.MiniSBDSentencizer, "split_sentences", lambda self, text: [text])
    at.get_installed_languages.cache_clear()
    with pointed_at(copy_model_installed):
        yield lambda q: str(at.translate(q, "en", "es"))
    at.get_installed_languages.cache_clear()


def test_same_output_as_argostranslate(argostranslate_translate: Callable[[str], str]) -> None:
    from argostranslate import settings

    # Underscores show a shared quirk: argostranslate's detokenizer turns them into spaces.
    sentences = [*SENTENCES, "A snake_case word."]
    eng = ArgosEngine(EngineOptions(beam_size=settings.beam_size))
    ours = eng.translate_batch(sentences, "en", "es")
    theirs = [argostranslate_translate(s) for s in sentences]
    assert ours == theirs
    assert ours[-1] == "A snake case word."
    assert ours[:-1] == SENTENCES


def test_argostranslate_cuts_long_sentences(
    argostranslate_translate: Callable[[str], str],
) -> None:
    # Documents the difference: CTranslate2's default max_decoding_length of 256 tokens.
    cut = argostranslate_translate(LONG)
    assert LONG.startswith(cut) and len(cut) < len(LONG)
    assert engine().translate_batch([LONG], "en", "es") == [LONG]


# -- import cost ------------------------------------------------------------------------


def test_fast_path_never_imports_argostranslate_translate(
    copy_model_installed: Path, argos_home: Path
) -> None:
    code = (
        "import json, sys\n"
        "from toolkit.mt.base import get_engine\n"
        "out = get_engine('argos').translate_batch(['Pegasus cost $32 million.'], 'en', 'es')\n"
        "heavy = ['argostranslate.translate', 'torch', 'stanza', 'spacy', 'minisbd']\n"
        "print(json.dumps([out, [m for m in heavy if m in sys.modules]]))\n"
    )
    env = {
        **os.environ,
        **argos_env(argos_home),
        "ARGOS_PACKAGES_DIR": str(copy_model_installed),
        "PYTHONPATH": str(REPO),
    }
    done = subprocess.run(
        [sys.executable, "-c", code], env=env, cwd=REPO, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == [["Pegasus cost $32 million."], []]
