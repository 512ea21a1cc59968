"""Workspace settings from ``[tool.l10n]`` in the workspace's pyproject.toml, and its paths."""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from toolkit.errors import InputError, UsageError
from toolkit.lang import check_language

UNITS = ("paragraph", "sentence")
DEVICES = ("auto", "cpu", "cuda")  # as toolkit.mt.device, which the CLI's start-up must not import
# A Dask scheduler's address: tcp:// or tls://, a host, a port.
_SCHEDULER = re.compile(r"^(tcp|tls)://([^\s/:\[\]]+|\[[0-9a-fA-F:]+\]):[0-9]{1,5}$")
_SLUG = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]*$")


@dataclass(frozen=True)
class Config:
    source_language: str = "en"
    target_languages: tuple[str, ...] = ("es",)
    articles_dir: str = "articles"
    locales_dir: str = "locales"
    build_dir: str = "build"
    unit: str = "paragraph"
    min_translated: float = 80.0
    project: str = "article-l10n"
    team: str = ""
    translators: tuple[str, ...] = field(default_factory=tuple)
    jobs: int = 0  # processes for a whole archive; 0: one per core
    device: str = "auto"  # where argos runs: auto, cpu, cuda
    scheduler: str = ""  # a Dask scheduler (tcp://HOST:8786) for translate; "": this machine


_KEYS: dict[str, type] = {
    "source_language": str,
    "target_languages": list,
    "articles_dir": str,
    "locales_dir": str,
    "build_dir": str,
    "unit": str,
    "min_translated": float,
    "project": str,
    "team": str,
    "translators": list,
    "jobs": int,
    "device": str,
    "scheduler": str,
}


_KINDS = {str: "a string", list: "a list", float: "a number", int: "a whole number"}


def load_config(root: Path) -> Config:
    """Read ``[tool.l10n]``; a workspace without pyproject.toml gets the defaults."""
    path = root / "pyproject.toml"
    if not path.exists():
        return Config()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError:
        raise InputError("not valid UTF-8", path) from None
    except tomllib.TOMLDecodeError as exc:
        line = getattr(exc, "lineno", None)
        raise InputError(f"invalid TOML: {exc.args[0].split(' (at')[0]}", path, line) from None
    section: dict[str, Any] = data.get("tool", {}).get("l10n", {})
    values: dict[str, Any] = {}
    for key, value in section.items():
        expected = _KEYS.get(key)
        if expected is None:
            raise InputError(f"unknown setting [tool.l10n] {key}", path)
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            raise InputError(f"[tool.l10n] {key} must be {_KINDS[expected]}", path)
        values[key] = tuple(value) if isinstance(value, list) else value
    config = Config(**values)
    if config.unit not in UNITS:
        raise InputError(f"[tool.l10n] unit must be one of {', '.join(UNITS)}", path)
    if config.jobs < 0:
        raise InputError("[tool.l10n] jobs must be 0 (one per core) or more", path)
    if config.device not in DEVICES:
        raise InputError(f"[tool.l10n] device must be one of {', '.join(DEVICES)}", path)
    if config.scheduler and not valid_scheduler(config.scheduler):
        raise InputError("[tool.l10n] scheduler must be an address like tcp://HOST:8786", path)
    for code in (config.source_language, *config.target_languages):
        check_language(code)
    return config


def valid_scheduler(address: str) -> bool:
    return bool(_SCHEDULER.match(address))


def check_slug(slug: str) -> str:
    """A slug names a file inside the workspace; refuse anything that could escape it."""
    if not _SLUG.match(slug) or ".." in slug:
        raise UsageError(f"invalid article slug {slug!r} (letters, digits, '.', '_', '-' only)")
    return slug


@dataclass(frozen=True)
class Workspace:
    """Where each artifact of an article lives, relative to the workspace root."""

    root: Path
    config: Config

    @classmethod
    def open(cls, root: Path) -> Workspace:
        return cls(root, load_config(root))

    def rel(self, path: Path) -> str:
        """A path as shown in messages and references: relative to the root, POSIX style."""
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    def article_path(self, slug: str) -> Path:
        return self.root / self.config.articles_dir / f"{check_slug(slug)}.md"

    def pot_path(self, slug: str) -> Path:
        return self.root / self.config.locales_dir / f"{check_slug(slug)}.pot"

    def po_path(self, slug: str, lang: str) -> Path:
        return self.root / self.config.locales_dir / check_language(lang) / f"{check_slug(slug)}.po"

    def glossary_path(self, lang: str) -> Path:
        return self.root / self.config.locales_dir / lang / "glossary.csv"

    def build_path(self, slug: str) -> Path:
        return self.root / self.config.build_dir / check_slug(slug)

    def slugs(self) -> list[str]:
        """Every article of the workspace, sorted."""
        folder = self.root / self.config.articles_dir
        if not folder.is_dir():
            return []
        return sorted(p.stem for p in folder.glob("*.md") if _SLUG.match(p.stem))

    def resolve_slugs(self, slugs: list[str] | None) -> list[str]:
        """The slugs asked for (each must exist), or all of them."""
        if not slugs:
            found = self.slugs()
            if not found:
                folder = self.root / self.config.articles_dir
                raise UsageError(f"no articles found in {self.rel(folder)}/")
            return found
        for slug in slugs:
            path = self.article_path(slug)
            if not path.is_file():
                raise UsageError(f"no such article: {self.rel(path)}")
        return list(slugs)
