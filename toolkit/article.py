"""Articles: YAML front matter plus a Markdown body."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from toolkit.errors import InputError
from toolkit.files.reading import read_text
from toolkit.lang import language_error
from toolkit.sanitize import url_problem

# Front-matter fields a reader sees as prose; everything else (URLs, dates, licence ids,
# unknown keys) is metadata and passes through untouched.
TRANSLATABLE_FIELDS = ("title", "deck", "summary", "subtitle")
# Front-matter URLs the editions link to: each must be an absolute http(s) URL (see
# toolkit.sanitize.url_problem), or the article is refused where it is read.
URL_FIELDS = ("source_url", "license_url")
_FENCE = re.compile(r"^---[ \t]*$")
# libyaml's parser when PyYAML was built with it: the same safe loader, several times faster.
_BASE_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Loader(_BASE_LOADER):  # type: ignore[misc]
    """The safe loader, with a date that does not exist (2017-13-45) an error at its line."""


def _timestamp(loader: Any, node: Any) -> Any:
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except ValueError as exc:
        raise yaml.constructor.ConstructorError(
            None, None, f"{node.value!r} is not a date ({exc})", node.start_mark
        ) from None


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _timestamp)
LOADER: Any = _Loader  # also the importer's, to check that a value reads back
DUMPER: Any = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


@dataclass(frozen=True)
class Article:
    path: str  # as shown in references and messages: relative to the workspace root
    meta: dict[str, Any]
    body: str
    body_line: int  # file line of the body's first line (1-based)
    field_lines: dict[str, int]  # file line of each top-level front-matter key

    @property
    def title(self) -> str:
        return str(self.meta["title"])

    @property
    def language(self) -> str:
        return str(self.meta.get("language") or "en")

    def get(self, key: str) -> str | None:
        value = self.meta.get(key)
        return None if value is None or value == "" else str(value)

    def translatable_fields(self) -> list[tuple[str, str, int]]:
        """(key, text, line) for each prose field present."""
        return [
            (key, str(self.meta[key]), self.field_lines.get(key, 1))
            for key in TRANSLATABLE_FIELDS
            if isinstance(self.meta.get(key), str) and self.meta[key].strip()
        ]


def parse_article(text: str, shown: str) -> Article:
    """Split and validate front matter; every error names the file and line."""
    lines = text.split("\n")
    if not lines or not _FENCE.match(lines[0]):
        if not text.strip():
            raise InputError("empty article", shown, 1)
        raise InputError("missing front matter (the file must start with a '---' line)", shown, 1)
    close = next((i for i in range(1, len(lines)) if _FENCE.match(lines[i])), None)
    if close is None:
        raise InputError("front matter is not closed by a '---' line", shown, 1)
    raw = "\n".join(lines[1:close])
    try:
        meta = yaml.load(raw, Loader=LOADER) if raw.strip() else {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        if mark is not None and mark.line >= close - 1:
            # Found at the end of the front matter: the construct left open is the news.
            mark = getattr(exc, "context_mark", None) or mark
        line = mark.line + 2 if mark is not None else 1
        problem = getattr(exc, "problem", None) or "malformed YAML"
        raise InputError(f"malformed front matter: {problem}", shown, line) from None
    if not isinstance(meta, dict):
        raise InputError("front matter must be a mapping of 'key: value' lines", shown, 2)
    field_lines = {}
    for number, line in enumerate(lines[1:close], start=2):
        match = re.match(r"^([A-Za-z_][\w-]*)\s*:", line)
        if match and match.group(1) not in field_lines:
            field_lines[match.group(1)] = number
    if not isinstance(meta.get("title"), str) or not meta["title"].strip():
        raise InputError("front matter needs a 'title'", shown, 1)
    for key in ("language", "source_url", "publisher"):
        value = meta.get(key)
        if value is not None and not isinstance(value, str):
            raise InputError(f"front matter '{key}' must be text", shown, field_lines.get(key, 1))
    author = meta.get("author")  # one name, or a list of names (several bylines)
    if author is not None and not (
        isinstance(author, str)
        or (isinstance(author, list) and all(isinstance(a, str) for a in author))
    ):
        raise InputError(
            "front matter 'author' must be text or a list of names",
            shown,
            field_lines.get("author", 1),
        )
    if meta.get("language"):  # it names files of the editions: a BCP 47 tag Babel knows
        problem = language_error(meta["language"])
        if problem is not None:
            raise InputError(problem, shown, field_lines.get("language", 1))
    for key in URL_FIELDS:
        value = meta.get(key)
        if value is None or value == "":
            continue
        problem = "it is not text" if not isinstance(value, str) else url_problem(value)
        if problem:
            raise InputError(
                f"front matter '{key}' is not a valid http(s) URL: {problem}",
                shown,
                field_lines.get(key, 1),
            )
    body = "\n".join(lines[close + 1 :])
    return Article(shown, meta, body, close + 2, field_lines)


def load_article(path: Path, shown: str) -> Article:
    return parse_article(read_text(path, shown), shown)


def dump_front_matter(meta: dict[str, Any]) -> str:
    """Front matter as YAML between fences, keys in their original order."""
    text = yaml.dump(meta, Dumper=DUMPER, allow_unicode=True, sort_keys=False, width=10_000)
    return f"---\n{text}---\n"
