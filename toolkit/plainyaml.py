"""Front matter of one-line ``key: value`` entries, read and written without PyYAML's Python
layers; anything else goes to PyYAML itself (``toolkit.article``).

PyYAML with libyaml parses and emits in C, but its constructor and representer stay in
Python and cost more than the rest of reading or writing an article's front matter (about
0.15 ms each per article here). An article's front matter is mostly ``key: value`` lines of
plain or quoted text and a date, so these are done here, exactly as PyYAML does them, and
everything outside that subset returns None for the caller to hand to PyYAML:

- reading: each line ``key: value`` at the margin, the key and a plain value resolving to
  text through the loader's own implicit resolvers (so ``no``, ``1.5`` or ``~`` go to
  PyYAML), a ``YYYY-MM-DD`` date, or a quoted value with no escape; no comment, no
  continuation line, no character YAML reads specially (tabs, NEL, U+2028, a BOM...);
- writing: text, dates, lists and one level of mappings of them, each text written plain
  or single-quoted by the rules of libyaml's emitter (``yaml_emitter_analyze_scalar`` and
  ``select_scalar_style``, libyaml 0.2.5 through PyYAML 6.0), with PyYAML's anchors for an
  object met twice left to PyYAML. Only with libyaml's dumper, the one those rules are of.

``tests/test_plainyaml.py`` holds both to PyYAML's output on generated front matter.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import yaml

_STR = "tag:yaml.org,2002:str"
_TIMESTAMP = "tag:yaml.org,2002:timestamp"
_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_-]{0,99}")
# What YAML reads as itself in every position of a line: printable characters except the
# ones it treats as line breaks (U+0085, U+2028, U+2029), a BOM, tabs and supplementary
# characters (which libyaml's emitter escapes).
_UNSAFE = re.compile(r"[^\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd]")
_LINE = re.compile(r"([A-Za-z_][A-Za-z0-9_-]{0,99}): +(.*)")
_DOUBLE = re.compile(r'"([^"\\]*)" *')
_SINGLE = re.compile(r"'([^']*)' *")
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
# A plain scalar cannot start with these (PyYAML's check_plain, conservatively).
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")
_MAX_LINE = 9000  # below the dump's width (10,000): libyaml breaks no line
_LIBYAML_DUMPER: Any = getattr(yaml, "CSafeDumper", None)


def _tag(resolvers: dict[Any, list[tuple[str, re.Pattern[str]]]], value: str) -> str:
    """The tag a plain ``value`` resolves to: ``Resolver.resolve`` for an implicit scalar."""
    candidates = resolvers.get(value[0] if value else "", []) + resolvers.get(None, [])
    for tag, regexp in candidates:
        if regexp.match(value):
            return tag
    return _STR


def load(raw: str, loader: Any) -> dict[str, Any] | None:
    """``yaml.load(raw, Loader=loader)`` for simple front matter, or None for PyYAML's turn."""
    if not raw or _UNSAFE.search(raw.replace("\n", " ")):
        return None
    resolvers = loader.yaml_implicit_resolvers
    meta: dict[str, Any] = {}
    for line in raw.split("\n"):
        match = _LINE.fullmatch(line)
        if match is None:
            return None
        key, text = match.groups()
        if _tag(resolvers, key) != _STR:
            return None
        value: Any
        first = text[:1]
        if first == '"' or first == "'":
            quoted = (_DOUBLE if first == '"' else _SINGLE).fullmatch(text)
            if quoted is None:
                return None
            value = quoted.group(1)
        else:
            value = text.rstrip(" ")
            if (
                not value
                or first in _INDICATORS
                or ": " in value
                or value.endswith(":")
                or " #" in value
            ):
                return None
            tag = _tag(resolvers, value)
            if tag == _TIMESTAMP and _DATE.fullmatch(value):
                try:
                    value = date(int(value[:4]), int(value[5:7]), int(value[8:]))
                except ValueError:  # not a date: PyYAML's error, from the loader
                    return None
            elif tag != _STR:
                return None
        meta[key] = value
    return meta


def dump(meta: dict[str, Any], dumper: Any) -> str | None:
    """``yaml.dump(meta, Dumper=dumper, allow_unicode=True, sort_keys=False, width=10_000)``
    for simple front matter, or None for PyYAML's turn."""
    if not meta or _LIBYAML_DUMPER is None or dumper is not _LIBYAML_DUMPER:
        return None
    resolvers = dumper.yaml_implicit_resolvers
    seen: set[int] = set()  # PyYAML anchors a date, list or mapping met twice
    lines: list[str] = []
    for key, value in meta.items():
        if not _plain_key(key, resolvers):
            return None
        if type(value) is dict:
            if not value or id(value) in seen:
                return None
            seen.add(id(value))
            lines.append(f"{key}:")
            for inner, item in value.items():
                if not _plain_key(inner, resolvers) or not _entry(
                    lines, f"  {inner}", item, resolvers, seen, "  "
                ):
                    return None
        elif not _entry(lines, key, value, resolvers, seen, ""):
            return None
    return "".join(line + "\n" for line in lines)


def _plain_key(key: object, resolvers: Any) -> bool:
    return type(key) is str and _KEY.fullmatch(key) is not None and _tag(resolvers, key) == _STR


def _entry(
    lines: list[str], head: str, value: object, resolvers: Any, seen: set[int], indent: str
) -> bool:
    """``head: value`` (a list as its own ``- item`` lines at ``indent``); False: not simple."""
    if type(value) is list:
        if not value or id(value) in seen:
            return False
        seen.add(id(value))
        lines.append(f"{head}:")
        for item in value:
            text = _scalar(item, resolvers, seen)
            if text is None or len(indent) + 2 + len(text) > _MAX_LINE:
                return False
            lines.append(f"{indent}- {text}")
        return True
    text = _scalar(value, resolvers, seen)
    if text is None or len(head) + 2 + len(text) > _MAX_LINE:
        return False
    lines.append(f"{head}: {text}")
    return True


def _scalar(value: object, resolvers: Any, seen: set[int]) -> str | None:
    """A text or date as libyaml writes it in a block mapping or sequence, or None."""
    if type(value) is date:
        if id(value) in seen:
            return None
        seen.add(id(value))
        text = value.isoformat()
        return text if _tag(resolvers, text) == _TIMESTAMP else None
    if type(value) is not str or not value or _UNSAFE.search(value):
        return None
    if _plain_allowed(value) and _tag(resolvers, value) == _STR:
        return value
    return "'" + value.replace("'", "''") + "'"


def _plain_allowed(text: str) -> bool:
    """libyaml's ``block_plain_allowed`` for a one-line text of safe characters: no space at
    either end, no indicator at its start, no ``: `` or `` #`` (a ``:`` at the end too)."""
    if text[0] == " " or text[-1] == " " or text.startswith(("---", "...")):
        return False
    first = text[0]
    after = text[1:2]  # followed by whitespace: a space or the end
    if first in "#,[]{}&*!|>'\"%@`":
        return False
    if first in "?:-" and after in ("", " "):
        return False
    return ": " not in text and not text.endswith(":") and " #" not in text
