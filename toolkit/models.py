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

import errno
import json
import os
import re
import shutil
import tempfile
import zipfile
import zlib
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
        # argostranslate's get_installed_packages, without the folders of an install in
        # progress (or one a crash interrupted: the next install removes it).
        installed = [
            argos_packages.package_at(folder)
            for folder in sorted(directory.iterdir())
            if folder.is_dir() and not folder.name.startswith(_STAGING)
        ]
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
            _check_members(archive, shown)
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


def _check_members(archive: zipfile.ZipFile, shown: str) -> None:
    """Read every member to its end, which checks its CRC-32: a damaged archive is found
    here, before anything installed is touched, not halfway through unpacking it."""
    for info in archive.infolist():
        try:
            with archive.open(info) as member:
                while member.read(1 << 20):
                    pass
        except zipfile.BadZipFile:
            raise InputError(
                f"damaged archive: {info.filename} fails its CRC-32 check; nothing installed",
                shown,
            ) from None
        except (zlib.error, EOFError):
            raise InputError(
                f"damaged archive: {info.filename} cannot be decompressed; nothing installed",
                shown,
            ) from None
        except (NotImplementedError, RuntimeError) as exc:  # compression, encryption
            raise InputError(f"unreadable archive member {info.filename}: {exc}", shown) from None


# Where an install unpacks, inside the packages folder (the same filesystem, so the new
# package moves into place with one rename); the process id tells a stale one.
_STAGING = ".l10n-install-"


def _remove_stale_staging(directory: Path) -> None:
    """Remove what an install that was killed left behind (its process is gone)."""
    for folder in directory.glob(f"{_STAGING}*"):
        pid = folder.name[len(_STAGING) :].split("-")[0]
        if pid.isdigit() and not _alive(int(pid)):
            shutil.rmtree(folder, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


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

    The archive is checked first and in full (zip, one folder, no absolute or ``..`` member
    paths, metadata.json with the language codes, a CTranslate2 model, the CRC-32 of every
    member); a bad file raises InputError and writes nothing. It is then unpacked (by
    argostranslate) into a new folder beside the installed ones, and only once that worked
    does it take the place of the package of the same name, by renames: the installed model
    is never half replaced. Installing replaces any installed package for the same language
    pair, as an upgrade would, so the pair never has two competing packages.
    """
    path = Path(path)
    folder = _check_archive(path)
    directory = packages_dir()
    _check_writable(directory)
    _remove_stale_staging(directory)
    staging = Path(tempfile.mkdtemp(prefix=f"{_STAGING}{os.getpid()}-", dir=directory))
    try:
        try:
            argos_packages.install(path, staging)
            new = _info(argos_packages.package_at(staging / folder))
        except Exception as exc:  # argostranslate raises bare Exception
            raise InputError(f"could not install: {exc}", str(path)) from None
        target = directory / folder
        replaced = [
            old.path
            for old in list_models()
            if old.path.name == folder
            or (old.type, old.from_code, old.to_code) == (new.type, new.from_code, new.to_code)
        ]
        from toolkit.interrupts import committing

        with committing():  # Ctrl-C waits for the swap, then lets the command finish
            _swap_in(staging / folder, target, replaced, staging / "replaced")
    finally:
        shutil.rmtree(staging, ignore_errors=True)
        argos_packages.forget_installed()  # a cache filled before the swap
    return ModelInfo(new.from_code, new.to_code, new.package_version, target, new.type)


def _swap_in(new: Path, target: Path, replaced: list[Path], trash: Path) -> None:
    """Put the unpacked package ``new`` at ``target``; the other ``replaced`` packages (older
    versions of the pair) then go to ``trash``, removed with the staging folder.

    An installed package of the same name is exchanged with the new one in one atomic
    rename (Linux's RENAME_EXCHANGE), so no crash leaves the pair without a model; where
    that is not available, it is moved aside first and put back if the second rename fails.
    """
    trash.mkdir()
    try:
        if not target.exists():
            os.rename(new, target)
        elif not _exchange(new, target):
            os.rename(target, trash / "previous")
            try:
                os.rename(new, target)
            except OSError:
                os.rename(trash / "previous", target)
                raise
        for number, old in enumerate(p for p in replaced if p != target):
            os.rename(old, trash / str(number))
    except OSError as exc:
        reason = "permission denied" if isinstance(exc, PermissionError) else exc.strerror
        raise InputError(f"cannot install: {reason}", target) from None


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically (renameat2 with RENAME_EXCHANGE); False where unsupported."""
    import ctypes  # here: only an upgrade in place needs it

    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):  # not Linux, or a C library without it
        return False
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):  # kernel or filesystem
        return False
    raise OSError(err, os.strerror(err), str(b))
