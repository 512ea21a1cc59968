"""Workspace settings from ``[tool.l10n]`` in the workspace's pyproject.toml, and its paths."""

from __future__ import annotations

import contextlib
import os
import re
import tomllib
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

from toolkit.errors import InputError, UsageError
from toolkit.files.reading import decode_text, read_regular
from toolkit.importer.profile import Profile, parse_profile
from toolkit.lang import check_language, language_error

UNITS = ("paragraph", "sentence")
DEVICES = ("auto", "cpu", "cuda")  # as toolkit.mt.device, which the CLI's start-up must not import
# A Dask scheduler's address: tcp:// or tls://, a host, a port (always fullmatch).
_SCHEDULER = re.compile(r"(tcp|tls)://([^\s/:\[\]]+|\[[0-9a-fA-F:]+\]):[0-9]{1,5}")
_SLUG = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]*")  # always fullmatch: "$" would take "a\n"


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
    import_profile: Profile = field(default_factory=Profile)  # [tool.l10n.import]


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
_FOLDERS = ("articles_dir", "locales_dir", "build_dir")
# Settings that go into catalog headers and credits: one line of text each. A line break
# (or any control character) would add header lines of its own to every catalog.
_ONE_LINE = ("project", "team", "translators")
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")
SHOWN = "pyproject.toml"  # as messages name it: relative to the workspace, like every path


def load_config(root: Path) -> Config:
    """Read ``[tool.l10n]``; a workspace without pyproject.toml gets the defaults.

    Every value is checked here, before any command uses it: an error names the file and
    the line of the setting.
    """
    path = root / "pyproject.toml"
    if not os.path.lexists(path):
        return Config()
    text = decode_text(read_regular(path, SHOWN), SHOWN)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        # Python 3.14 gives lineno; before, the message ends "(at line 3, column 24)".
        at = re.search(r"\(at line (\d+)", exc.args[0])
        line = getattr(exc, "lineno", None) or (int(at.group(1)) if at else None)
        raise InputError(f"invalid TOML: {exc.args[0].split(' (at')[0]}", SHOWN, line) from None
    section: dict[str, Any] = data.get("tool", {}).get("l10n", {})
    lines = _setting_lines(text)
    values: dict[str, Any] = {}
    for key, value in section.items():
        if key == "import":
            values["import_profile"] = parse_profile(value, SHOWN, lines)
            continue
        expected = _KEYS.get(key)

        def refuse(message: str, key: str = key) -> InputError:
            joined = message if message.startswith(":") else f" {message}"
            return InputError(f"[tool.l10n] {key}{joined}", SHOWN, lines.get(key))

        if expected is None:
            raise InputError(f"unknown setting [tool.l10n] {key}", SHOWN, lines.get(key))
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, expected) or (expected is int and isinstance(value, bool)):
            raise refuse(f"must be {_KINDS[expected]}")
        if isinstance(value, list):
            if not all(isinstance(item, str) for item in value):
                raise refuse("must be a list of strings")
            value = tuple(value)
        problem = _problem(key, value)
        if problem is not None:
            raise refuse(problem)
        values[key] = value
    return Config(**values)


def _problem(key: str, value: Any) -> str | None:
    """What is wrong with one setting's value (of the right type), or None."""
    if key == "unit" and value not in UNITS:
        return f"must be one of {', '.join(UNITS)}"
    if key == "jobs" and value < 0:
        return "must be 0 (one per core) or more"
    if key == "min_translated" and not 0 <= value <= 100:
        return "must be a percentage between 0 and 100"
    if key == "target_languages" and not value:
        return "must name at least one language"
    if key in ("source_language", "target_languages"):
        for code in (value,) if isinstance(value, str) else value:
            problem = language_error(code)
            if problem is not None:
                return f": {problem}"
    if key == "device" and value not in DEVICES:
        return f"must be one of {', '.join(DEVICES)}"
    if key == "scheduler" and value and not valid_scheduler(value):
        return "must be an address like tcp://HOST:8786"
    if key in _FOLDERS:
        return folder_problem(value)
    if key in _ONE_LINE:
        for text in (value,) if isinstance(value, str) else value:
            if _CONTROL.search(text):
                return "must be one line of text (no line breaks or control characters)"
    return None


def folder_problem(value: str) -> str | None:
    """Why ``value`` cannot name a folder of the workspace, or None: it must stay inside."""
    if not value.strip():
        return "must name a folder"
    if _CONTROL.search(value):
        return "must not contain control characters"
    pure = PurePosixPath(value.replace("\\", "/"))
    if pure.is_absolute() or PureWindowsPath(value).drive or ".." in pure.parts:
        return f"must be a folder inside the workspace, not {value!r}"
    return None


def _setting_lines(text: str) -> dict[str, int]:
    """The line of each key of the ``[tool.l10n]`` table (1-based), for messages."""
    lines: dict[str, int] = {}
    table = ""
    for number, line in enumerate(text.split("\n"), start=1):
        header = _TABLE.match(line)
        if header:
            table = header.group(1).replace(" ", "").replace('"', "")
            if table.startswith("tool.l10n.import"):  # the import profile's keys: "import.drop"
                lines.setdefault(table[len("tool.l10n.") :], number)
            continue
        key = _KEY.match(line)
        if key is None:
            continue
        name = key.group(1).strip('"')
        if table == "tool.l10n":
            lines.setdefault(name, number)
        elif table == "tool.l10n.import":
            lines.setdefault(f"import.{name}", number)
        elif table == "tool" and name.startswith("l10n."):
            lines.setdefault(name[5:], number)
    return lines


_TABLE = re.compile(r"^\s*\[([^\[\]]+)\]\s*(?:#.*)?$")
_KEY = re.compile(r'^\s*("?[A-Za-z0-9_.-]+"?)\s*=')


def valid_scheduler(address: str) -> bool:
    return bool(_SCHEDULER.fullmatch(address))


def check_slug(slug: str) -> str:
    """A slug names a file inside the workspace; refuse anything that could escape it."""
    if not _SLUG.fullmatch(slug) or ".." in slug:
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
        if isinstance(path, PurePosixPath):
            # A normalized path whose text starts with the root's and a separator has the
            # root's parts first: the rest of the text is relative_to's answer, sooner.
            text, prefix = str(path), self._root_prefix
            if text.startswith(prefix) and len(text) > len(prefix):
                return text[len(prefix) :]
        try:
            return path.relative_to(self.root).as_posix()
        except ValueError:
            return str(path)

    # The folders as Paths, joined once: pathlib parses every part it joins (Python 3.11).
    @cached_property
    def _root_prefix(self) -> str:
        text = str(self.root)
        return text if text.endswith("/") else text + "/"

    @cached_property
    def _articles(self) -> Path:
        return self.root / self.config.articles_dir

    @cached_property
    def _locales(self) -> Path:
        return self.root / self.config.locales_dir

    @cached_property
    def _build(self) -> Path:
        return self.root / self.config.build_dir

    @cached_property
    def _lang_folders(self) -> dict[str, Path]:
        return {}  # language code (checked) -> locales/<lang>

    def lang_folder(self, lang: str) -> Path:
        """``locales/<lang>``, the catalogs (and notes, glossary) of a language."""
        folder = self._lang_folders.get(lang)
        if folder is None:
            folder = self._lang_folders[lang] = self._locales / check_language(lang)
        return folder

    def article_path(self, slug: str) -> Path:
        return self._articles / f"{check_slug(slug)}.md"

    def pot_path(self, slug: str) -> Path:
        return self._locales / f"{check_slug(slug)}.pot"

    def po_path(self, slug: str, lang: str) -> Path:
        return self.lang_folder(lang) / f"{check_slug(slug)}.po"

    def glossary_path(self, lang: str) -> Path:
        return self.lang_folder(lang) / "glossary.csv"

    def build_path(self, slug: str) -> Path:
        return self._build / check_slug(slug)

    def slugs(self) -> list[str]:
        """Every article of the workspace, sorted."""
        folder = self.root / self.config.articles_dir
        if not folder.is_dir():
            return []
        return sorted(p.stem for p in folder.glob("*.md") if _SLUG.fullmatch(p.stem))

    def resolve_slugs(self, slugs: list[str] | None) -> list[str]:
        """The slugs asked for (each must exist), or all of them."""
        if not slugs:
            found = self.slugs()
            if not found:
                folder = self.root / self.config.articles_dir
                raise UsageError(f"no articles found in {self.rel(folder)}/")
            return found
        listed: set[str] = set()  # for many slugs, one listing instead of a look-up each
        if len(slugs) > 8:
            with contextlib.suppress(OSError):  # what it lacks is looked up, as without it
                listed = set(os.listdir(self._articles))
        for slug in slugs:
            path = self.article_path(slug)
            if path.name in listed:
                continue
            if not os.path.lexists(path):  # anything else there is read, and refused if need be
                raise UsageError(f"no such article: {self.rel(path)}")
        return list(slugs)
