"""Engines from other packages (issue 16): a newsroom's engine, installed for real from a
tiny wheel, is found through the ``l10n.engines`` entry point and used by ``l10n translate``
like a built-in: placeholders protected, fills fuzzy, the translator comment naming it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import REPO, SAMPLE, make_workspace
from tests.plugin_wheel import install_plugin, l10n
from toolkit.catalog import load_catalog

ENGINE = '''\
from toolkit.mt.base import EngineOptions


class BracketEngine:
    """A stand-in for a LibreTranslate client: brackets every text, keeps its tokens."""

    name = "bracket"

    def __init__(self, options: EngineOptions) -> None:
        self.options = options

    def describe(self) -> str:
        return "bracket 2.1 (house test engine)"

    def translate_batch(self, texts, source, target):
        return [f"[{target}] {text}" for text in texts]
'''


def _site(tmp_path: Path, source: str = ENGINE, points: dict[str, str] | None = None) -> Path:
    points = points or {"bracket": "newsroom_engine:BracketEngine"}
    return install_plugin(
        tmp_path / "plugin",
        "newsroom-engine",
        {"newsroom_engine": source},
        {"l10n.engines": points},
        summary="The newsroom's bracket engine",
    )


@pytest.fixture(scope="module")
def bracket(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The working plugin, installed once for the tests that only use it."""
    return _site(tmp_path_factory.mktemp("bracket"))


@pytest.fixture
def root(tmp_path: Path) -> Path:
    ws = make_workspace(tmp_path / "ws", {"sample": SAMPLE})
    from tests.conftest import l10n as in_process

    assert in_process(ws, "extract")[0] == 0
    return ws


def test_a_plugin_engine_fills_the_catalog_fuzzy(bracket: Path, root: Path) -> None:
    site = bracket
    run = l10n(site, root, "translate", "--engine", "bracket")
    assert (run.returncode, run.stderr) == (0, "")
    assert run.stdout.startswith("filled ")
    catalog = load_catalog(root / "locales/es/sample.po", "sample.po").catalog
    filled = [e for e in catalog.live if e.msgstr]
    assert filled and all(e.fuzzy for e in filled)
    assert all(
        "machine translation: bracket 2.1 (house test engine)" in e.translator_comments
        for e in filled
    )
    entry = next(e for e in filled if e.msgid.startswith("First item"))
    # Protection ran around it: the code span came back as written, not as a token.
    assert entry.msgstr == "[es] First item, with `code` inside."


def test_help_and_choices_include_the_plugin(bracket: Path, root: Path) -> None:
    site = bracket
    helped = l10n(site, root, "translate", "--help")
    assert helped.returncode == 0
    assert "--engine <apertium|argos|bracket|memory|pseudo>" in helped.stdout
    assert "bracket  The newsroom's bracket engine (from newsroom-engine 1.0)" in helped.stdout
    wrong = l10n(site, root, "translate", "--engine", "braket")
    assert (wrong.returncode, wrong.stderr) == (
        2,
        "Error: unknown engine 'braket' (choose from apertium, argos, bracket, memory, pseudo); "
        "did you mean 'bracket'?\n",
    )


def test_a_plugin_that_fails_to_import_is_one_line(tmp_path: Path, root: Path) -> None:
    site = _site(tmp_path, "import newsroom_secrets\n")
    before = (root / "locales/es/sample.po").read_bytes()
    run = l10n(site, root, "translate", "--engine", "bracket")
    assert (run.returncode, run.stdout) == (1, "")
    assert run.stderr == (
        "Error: entry point 'bracket' (l10n.engines = newsroom_engine:BracketEngine) of "
        "distribution newsroom-engine 1.0 failed to load: "
        "ModuleNotFoundError: No module named 'newsroom_secrets'\n"
    )
    assert (root / "locales/es/sample.po").read_bytes() == before


def test_a_plugin_may_not_replace_a_builtin(tmp_path: Path, root: Path) -> None:
    site = _site(tmp_path, points={"pseudo": "newsroom_engine:BracketEngine"})
    run = l10n(site, root, "translate", "--engine", "pseudo")
    assert run.returncode == 1
    assert run.stderr == (
        "Error: entry point 'pseudo' (l10n.engines = newsroom_engine:BracketEngine) of "
        "distribution newsroom-engine 1.0 takes the name of a built-in; rename it\n"
    )


def test_an_object_that_is_not_an_engine_is_named(tmp_path: Path, root: Path) -> None:
    site = _site(
        tmp_path,
        "class Half:\n    def __init__(self, options):\n        pass\n",
        {"half": "newsroom_engine:Half"},
    )
    run = l10n(site, root, "translate", "--engine", "half")
    assert (run.returncode, run.stderr) == (
        1,
        "Error: entry point 'half' (l10n.engines = newsroom_engine:Half) of distribution "
        "newsroom-engine 1.0 is not an engine: it has no name, describe, translate_batch\n",
    )


def _readme_example() -> tuple[str, str]:
    """The pyproject entry point and the module of README's "### An engine"."""
    text = (REPO / "README.md").read_text(encoding="utf-8")
    section = text.split("### An engine\n", 1)[1].split("\n## ", 1)[0]
    toml = section.split("```toml\n", 1)[1].split("```", 1)[0]
    python = section.split("```python\n", 1)[1].split("```", 1)[0]
    return toml, python


def test_the_readme_libretranslate_engine_works(tmp_path: Path, root: Path) -> None:
    import json
    import threading
    from http.server import BaseHTTPRequestHandler, HTTPServer

    class FakeLibreTranslate(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            asked = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
            assert (asked["source"], asked["target"], self.path) == ("en", "es", "/translate")
            reply = json.dumps({"translatedText": [f"ES {q}" for q in asked["q"]]}).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(reply)))
            self.end_headers()
            self.wfile.write(reply)

        def log_message(self, *args: object) -> None:
            pass

    toml, python = _readme_example()
    name, value = toml.split("\n", 1)[1].strip().split(" = ")
    module = value.strip('"').split(":")[0]
    site = install_plugin(
        tmp_path / "libre",
        "newsroom-l10n",
        {module: python},
        {"l10n.engines": {name: value.strip('"')}},
    )
    server = HTTPServer(("127.0.0.1", 0), FakeLibreTranslate)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_port}"
    try:
        env = {
            **os.environ,
            "PYTHONPATH": os.pathsep.join([str(REPO), str(site)]),
            "LIBRETRANSLATE_URL": url,
        }
        run = subprocess.run(
            [
                sys.executable,
                "-m",
                "toolkit",
                "--root",
                str(root),
                "translate",
                "--engine",
                "libre",
            ],
            capture_output=True,
            text=True,
            env=env,
            check=False,
        )
    finally:
        server.shutdown()
    assert (run.returncode, run.stderr) == (0, "")
    catalog = load_catalog(root / "locales/es/sample.po", "sample.po").catalog
    entry = next(e for e in catalog.live if e.msgid.startswith("First item"))
    assert (entry.msgstr, entry.fuzzy) == ("ES First item, with `code` inside.", True)
    assert f"machine translation: LibreTranslate at {url}" in entry.translator_comments
