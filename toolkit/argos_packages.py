"""argostranslate's package API, and the one module that calls into argostranslate.

Written against argostranslate 1.11.0; pyproject.toml allows ``SUPPORTED`` and
tests/test_install.py fails when the installed version is outside it. Only
``argostranslate.package`` and ``argostranslate.settings`` are imported (~0.1 s), and only
when called. Two things here lean on how 1.11 works inside, because nothing public does
the job:

* ``package.install_from_path`` unpacks into ``settings.package_data_dir``, a module global
  that argostranslate computes once, at import, from ``ARGOS_PACKAGES_DIR``. To install
  into the folder the environment names *now*, :func:`pointed_at` sets that global (and
  ``settings.package_dirs``, which argostranslate's translate module lists) for the
  duration of a call, under a lock, and puts it back.
* ``install_from_path`` ends by importing ``argostranslate.translate`` to clear its cache
  of installed languages. In the default install that import fails (stanza, spacy and
  minisbd are left out: requirements/lean-excludes.txt) after the package was unpacked;
  then no translate module was ever loaded, there is no cache to clear, and that
  ImportError is no failure. :func:`forget_installed` clears the same cache, when there is
  one, after toolkit.models has moved packages itself.
"""

from __future__ import annotations

import contextlib
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from toolkit.errors import EngineError

SUPPORTED = ">=1.11,<1.12"  # the same bound as pyproject.toml's argos-full extra
WRITTEN_AGAINST = "1.11.0"

NOT_INSTALLED = (
    "argostranslate is not installed: the default install has it (bash scripts/setup.sh), "
    "or run `pip install --no-deps 'argostranslate>=1.11,<1.12'`"
)

# What argostranslate.translate imports and the default install leaves out.
TRANSLATE_STACK = frozenset({"stanza", "spacy", "minisbd", "sacremoses", "torch", "onnxruntime"})

_settings_lock = threading.RLock()


def _modules() -> tuple[Any, Any]:
    """``argostranslate.package`` and ``argostranslate.settings``."""
    try:
        from argostranslate import package, settings
    except ModuleNotFoundError as exc:
        if (exc.name or "").split(".")[0] != "argostranslate":
            raise
        raise EngineError(NOT_INSTALLED) from None
    return package, settings


def packages_dir() -> Path:
    """The folder argostranslate installs into, as the environment says now."""
    _, settings = _modules()
    value = settings.get_setting("ARGOS_PACKAGES_DIR", default=settings.data_dir / "packages")
    return Path(value)


def package_at(path: Path) -> Any:
    """The installed package in the folder ``path``."""
    package, _ = _modules()
    return package.Package(path)


@contextlib.contextmanager
def pointed_at(directory: Path) -> Iterator[None]:
    """argostranslate's settings pointed at ``directory`` for the duration of the block."""
    _, settings = _modules()
    with _settings_lock:
        saved = settings.package_data_dir, list(settings.package_dirs)
        settings.package_data_dir = directory
        settings.package_dirs[:] = [directory]
        try:
            yield
        finally:
            settings.package_data_dir = saved[0]
            settings.package_dirs[:] = saved[1]


@contextlib.contextmanager
def _translate_cache_clear() -> Iterator[None]:
    """Let the final cache clear of an install fail without the translate stack."""
    try:
        yield
    except ImportError as exc:
        if (exc.name or "").split(".")[0] not in TRANSLATE_STACK:
            raise


def install(archive: Path, directory: Path) -> None:
    """Unpack the .argosmodel ``archive`` into ``directory`` (argostranslate raises bare
    ``Exception`` for a file that is no zip archive)."""
    package, _ = _modules()
    with pointed_at(directory), _translate_cache_clear():
        package.install_from_path(archive)


def forget_installed() -> None:
    """Clear argostranslate.translate's cache of installed languages, if it was imported."""
    translate = sys.modules.get("argostranslate.translate")
    if translate is not None:
        translate.get_installed_languages.cache_clear()
