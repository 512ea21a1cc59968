"""Shared fixtures, grouped by the part of the toolkit they serve."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _reproducible_dates(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    # Catalog headers carry dates; a fixed clock makes golden files comparable.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    yield


def make_workspace(root: Path, articles: dict[str, str], config: str = "") -> Path:
    """A workspace with the given articles and an optional [tool.l10n] section."""
    (root / "articles").mkdir(parents=True, exist_ok=True)
    for slug, text in articles.items():
        (root / "articles" / f"{slug}.md").write_text(text, encoding="utf-8")
    if config:
        (root / "pyproject.toml").write_text(f"[tool.l10n]\n{config}", encoding="utf-8")
    return root


SAMPLE = """\
---
title: "Ten Things About *Spyware*"
language: en
publisher: Example News
source_url: https://example.org/news/spyware
date: 2017-06-19
---

# Spyware in the Americas

Mr. Smith met Dr. Jones in the U.S. on Jan. 5 at 10 a.m. They paid $1.5 million.
The deal was signed by R. J. Dominguez, who said "it ends now" and left.

> A quoted paragraph with a [link](https://example.org/a "Title") and *emphasis*.
> It continues here.

- First item, with `code` inside.
- Second item: 50 percent of 1,000 cases.
  1. Nested ordered item.

```python
print("code is not translated")
```

<div class="ad">HTML blocks are kept as they are.</div>

| Country | Cases |
|---------|------:|
| Mexico  | 70    |

Spyware in the Americas
"""


@pytest.fixture
def sample_workspace(tmp_path: Path) -> Path:
    return make_workspace(tmp_path / "ws", {"sample": SAMPLE})


# ---------------------------------------------------------------------------------------
# Argos (toolkit.mt.argos, toolkit.models): copy-model packages built offline, installed
# into temporary ARGOS_PACKAGES_DIR folders. `tests` must stay a package (tests/__init__.py):
# argostranslate ships a top-level `tests` package of its own that would otherwise shadow
# `tests.argos_model`.
# ---------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def argos_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A temporary home for argostranslate's data, config and cache folders.

    ``argostranslate.settings`` creates those folders (and reads settings.json) when it is
    first imported, so it is imported here with the XDG variables pointing at a temporary
    folder; the variables are restored right after, since the paths are fixed by then.
    Subprocesses get the same variables through :func:`argos_env`.
    """
    home = tmp_path_factory.mktemp("argos-home")
    with pytest.MonkeyPatch.context() as mp:
        for name, value in argos_env(home).items():
            mp.setenv(name, value)
        import argostranslate.settings  # noqa: F401
    return home


def argos_env(home: Path) -> dict[str, str]:
    """Environment variables that keep argostranslate inside ``home``."""
    return {
        "XDG_DATA_HOME": str(home / "data"),
        "XDG_CONFIG_HOME": str(home / "config"),
        "XDG_CACHE_HOME": str(home / "cache"),
    }


@pytest.fixture(scope="session")
def copy_argosmodel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The tiny en->es copy model, built once per session (a few seconds)."""
    from tests.argos_model import build_argosmodel

    return build_argosmodel(tmp_path_factory.mktemp("argosmodel") / "translate-en_es.argosmodel")


@pytest.fixture
def argos_packages(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, argos_home: Path) -> Path:
    """An empty ARGOS_PACKAGES_DIR for one test."""
    directory = tmp_path / "argos-packages"
    directory.mkdir()
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(directory))
    return directory


@pytest.fixture(scope="session")
def _installed_copy_model(
    tmp_path_factory: pytest.TempPathFactory, argos_home: Path, copy_argosmodel: Path
) -> Path:
    """A packages folder with the copy model installed by ``install_model``, once."""
    from toolkit.models import install_model

    directory = tmp_path_factory.mktemp("argos-installed")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("ARGOS_PACKAGES_DIR", str(directory))
        install_model(copy_argosmodel)
    return directory


@pytest.fixture
def copy_model_installed(
    _installed_copy_model: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    """ARGOS_PACKAGES_DIR pointing at the session's installed copy model (do not modify)."""
    monkeypatch.setenv("ARGOS_PACKAGES_DIR", str(_installed_copy_model))
    yield _installed_copy_model


_runner = CliRunner()


def l10n(root: Path, *args: str) -> tuple[int, str, str]:
    """``l10n --root ROOT ARGS...`` through CliRunner: exit code, stdout, stderr. An
    exception other than the exit itself fails the test (the CLI must never traceback)."""
    from toolkit.cli import app

    result = _runner.invoke(app, ["--root", str(root), *args])
    assert not isinstance(result.exception, Exception) or isinstance(
        result.exception, SystemExit
    ), result.exception
    return result.exit_code, result.stdout, result.stderr


# ---------------------------------------------------------------------------------------
# GPU tests (``@pytest.mark.gpu``) run wherever a CUDA device is visible, and then must pass:
# a GPU machine whose CTranslate2 cannot use its GPU fails them. Elsewhere they are skipped
# with the reason shown in pytest's summary (``-ra``), never counted as passed or failed.
# ---------------------------------------------------------------------------------------


def gpu_visible() -> bool:
    """CUDA_VISIBLE_DEVICES names a device, or (unset) the machine has an NVIDIA device."""
    import os

    value = os.environ.get("CUDA_VISIBLE_DEVICES")
    if value is not None:
        first = value.split(",")[0].strip()
        return first not in ("", "-1")
    return Path("/dev/nvidia0").exists()


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if gpu_visible():
        return
    skip = pytest.mark.skip(reason="needs a CUDA device; none visible (CUDA_VISIBLE_DEVICES)")
    for item in items:
        if "gpu" in item.keywords:
            item.add_marker(skip)
