"""Argos Translate packages: list, find and install them with argostranslate's package API.

The packages folder is ``ARGOS_PACKAGES_DIR`` as it is *when a function is called*:
argostranslate reads its settings once, at import, so each function here resolves the folder
itself (environment, then argostranslate's settings.json, then its default) and hands it to
argostranslate. A test or a long-lived process can change the variable between calls.

Every call into argostranslate goes through ``toolkit.argos_packages``, which imports only
``argostranslate.package`` (~0.1 s, no torch or stanza), and works in the default install,
where argostranslate's translate module cannot be imported at all.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from toolkit import argos_packages
from toolkit.errors import EngineError, InputError

INSTALL_HINT = (
    "run `argospm install translate-{src}_{tgt}` on a machine with internet, "
    "or `l10n models install FILE.argosmodel`"
)


@dataclass(frozen=True)
class ModelInfo:
    """An installed Argos package."""

    from_code: str
    to_code: str
    package_version: str
    path: Path
    type: str = "translate"

    @property
    def name(self) -> str:
        """The argospm name, e.g. ``translate-en_es``."""
        return f"{self.type}-{self.from_code}_{self.to_code}"

    def describe(self) -> str:
        """e.g. ``translate-en_es 1.9``."""
        return f"{self.name} {self.package_version}".rstrip()


def packages_dir() -> Path:
    """The folder argostranslate installs into, as the environment says now."""
    return argos_packages.packages_dir()


def _info(pkg: Any) -> ModelInfo:
    return ModelInfo(
        from_code=str(pkg.from_code or ""),
        to_code=str(pkg.to_code or ""),
        package_version=str(pkg.package_version or ""),
        path=Path(pkg.package_path),
        type=str(pkg.type or "translate"),
    )


def _version_key(version: str) -> tuple[int, ...]:
    return tuple(int(n) for n in re.findall(r"\d+", version))


def list_models() -> list[ModelInfo]:
    """Every installed package, sorted by language pair then version."""
    directory = packages_dir()
    if not directory.is_dir():
        return []
    try:
        installed = argos_packages.installed(directory)
    except (OSError, ValueError) as exc:  # a folder without (valid) metadata.json
        raise InputError(f"unreadable Argos package: {exc}", directory) from None
    infos = [_info(pkg) for pkg in installed]
    return sorted(infos, key=lambda m: (m.from_code, m.to_code, _version_key(m.package_version)))


def _same_language(code: str, wanted: str) -> bool:
    return code.lower().replace("_", "-") == wanted.lower().replace("_", "-")


def find_model(source: str, target: str) -> ModelInfo:
    """The installed translate package for the pair (highest version); EngineError if none.

    An exact code match wins; otherwise the primary subtags are compared (``es-419`` finds
    an ``es`` package).
    """
    models = [m for m in list_models() if m.type == "translate"]
    for same in (_same_language, lambda a, b: _same_language(a, b.split("-")[0])):
        found = [m for m in models if same(m.from_code, source) and same(m.to_code, target)]
        if found:
            return found[-1]  # list_models sorts versions ascending
    src, tgt = source.split("-")[0].lower(), target.split("-")[0].lower()
    raise EngineError(
        f"no Argos package for {source}->{target} in {packages_dir()}: "
        + INSTALL_HINT.format(src=src, tgt=tgt)
    )


def _unsafe(name: str) -> bool:
    """Absolute, drive-qualified or parent-relative member paths, in either slash style."""
    parts = name.replace("\\", "/").split("/")
    return name.startswith(("/", "\\")) or ":" in parts[0] or ".." in parts


def _check_archive(path: Path) -> str:
    """Validate an .argosmodel before anything is written; returns its folder name."""
    shown = str(path)
    if not path.is_file():
        raise InputError("no such file", shown)
    if not zipfile.is_zipfile(path):
        raise InputError("not an Argos package (not a zip archive)", shown)
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            for name in names:
                if _unsafe(name):
                    raise InputError(f"refusing unsafe member path {name!r}", shown)
            parts = [PurePosixPath(n).parts for n in names]
            tops = {p[0] for p in parts if p}
            at_root = [
                n for n, p in zip(names, parts, strict=True) if len(p) == 1 and not n.endswith("/")
            ]
            if len(tops) != 1 or at_root:
                raise InputError(
                    "not an Argos package (expected one top-level folder holding "
                    "metadata.json and model/)",
                    shown,
                )
            folder = tops.pop()
            try:
                raw = archive.read(f"{folder}/metadata.json")
            except KeyError:
                raise InputError(f"no {folder}/metadata.json in the archive", shown) from None
            has_model = f"{folder}/model/model.bin" in names
    except (zipfile.BadZipFile, OSError) as exc:
        raise InputError(f"unreadable zip archive: {exc}", shown) from None
    try:
        meta = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise InputError("metadata.json is not UTF-8", shown) from None
    except json.JSONDecodeError as exc:
        raise InputError(
            f"metadata.json is not valid JSON (line {exc.lineno}: {exc.msg})", shown
        ) from None
    if not isinstance(meta, dict):
        raise InputError("metadata.json must hold a JSON object", shown)
    kind = meta.get("type", "translate")
    if kind == "translate":
        for key in ("from_code", "to_code"):
            if not isinstance(meta.get(key), str) or not meta[key]:
                raise InputError(f"metadata.json has no {key!r}", shown)
        if not has_model:
            raise InputError(f"no {folder}/model/model.bin (CTranslate2 model)", shown)
    return folder


def _check_writable(directory: Path) -> None:
    """Create the packages folder if needed and make sure a package can go in it, before an
    installed package is replaced: a read-only folder must not cost the model it holds."""
    try:
        directory.mkdir(parents=True, exist_ok=True)
        fd, probe = tempfile.mkstemp(prefix=".l10n-write-check.", dir=directory)
        os.close(fd)
        os.unlink(probe)
    except OSError as exc:
        reason = "permission denied" if isinstance(exc, PermissionError) else exc.strerror
        raise InputError(f"cannot write: {reason}", directory) from None


def install_model(path: Path | str) -> ModelInfo:
    """Install an .argosmodel file into the packages folder; returns what was installed.

    The archive is checked first (zip, one folder, no absolute or ``..`` member paths,
    metadata.json with the language codes, a CTranslate2 model); a bad file raises
    InputError and writes nothing. Installing replaces any installed package for the same
    language pair, as an upgrade would, so the pair never has two competing packages.
    """
    path = Path(path)
    folder = _check_archive(path)
    directory = packages_dir()
    _check_writable(directory)
    with argos_packages.pointed_at(directory):  # held for the whole replacement
        previous = list_models()
        # The same folder goes first, or the archive would be unpacked over stale files.
        for old in previous:
            if old.path.name == folder:
                argos_packages.uninstall(old.path)
        try:
            argos_packages.install(path, directory)
            installed = argos_packages.package_at(directory / folder)
        except Exception as exc:  # argostranslate raises bare Exception
            raise InputError(f"could not install: {exc}", str(path)) from None
        new = _info(installed)
        for old in previous:
            same_pair = (old.type, old.from_code, old.to_code) == (
                new.type,
                new.from_code,
                new.to_code,
            )
            if same_pair and old.path.name != folder:
                argos_packages.uninstall(old.path)
    return new
