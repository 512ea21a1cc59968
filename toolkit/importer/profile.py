"""The site profile of ``l10n import``: ``[tool.l10n.import]`` in the workspace's pyproject.toml.

A publisher's pages share furniture that a generic extractor keeps (InSight Crime's "SEE
ALSO:" lines sit inside the body). The profile says what is site-specific::

    [tool.l10n.import]
    hosts = ["insightcrime.org"]      # pages it applies to (and their subdomains); [] = all
    drop = ['^SEE ALSO:']             # a block whose text matches one of these is dropped
    stop = ['^Related Content$']      # the body ends before the first block matching one
    container = "div.entry-content"   # optional CSS selector of the article's container
    [tool.l10n.import.defaults]       # front-matter keys for what the page does not say
    publisher = "InSight Crime"

Patterns are Python regular expressions searched in a block's plain text. This module is
read by every command (through ``toolkit.config``), so it imports nothing heavy.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from toolkit.errors import InputError

SECTION = "[tool.l10n.import]"


@dataclass(frozen=True)
class Profile:
    hosts: tuple[str, ...] = ()
    drop: tuple[re.Pattern[str], ...] = ()
    stop: tuple[re.Pattern[str], ...] = ()
    container: str | None = None
    defaults: dict[str, str] = field(default_factory=dict, hash=False)  # Config stays hashable

    def applies_to(self, address: str | None) -> bool:
        """A page on a host outside ``hosts`` is another site's; a page without an address
        (a text copy, standard input) gets the workspace's profile."""
        if not self.hosts or not address:
            return True
        host = (urlsplit(address).hostname or "").lower()
        if host.startswith("www."):
            host = host[4:]
        return any(host == h or host.endswith("." + h) for h in self.hosts)

    def same_publisher(self, publisher: object) -> bool:
        """A page naming a publisher other than the profile's is another site's page."""
        ours = self.defaults.get("publisher")
        return not ours or not publisher or str(publisher).casefold() == ours.casefold()

    def dropped(self, text: str) -> bool:
        return any(p.search(text) for p in self.drop)

    def stops(self, text: str) -> bool:
        return any(p.search(text) for p in self.stop)


_LISTS = ("hosts", "drop", "stop")


def parse_profile(section: Any, path: Path | str, lines: dict[str, int] | None = None) -> Profile:
    """Validate the section's types; each error is one line naming the key (and its line,
    from ``lines``: ``import.KEY`` → line number, as ``toolkit.config`` finds them)."""
    where = lines or {}
    if not isinstance(section, dict):
        raise InputError(f"{SECTION} must be a table", path, where.get("import"))
    values: dict[str, Any] = {}
    for key, value in section.items():
        line = where.get(f"import.{key}")
        if key in _LISTS:
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise InputError(f"{SECTION} {key} must be a list of strings", path, line)
            if key == "hosts":
                values[key] = tuple(_host(v) for v in value)
            else:
                values[key] = tuple(_pattern(key, v, path, line) for v in value)
        elif key == "container":
            if not isinstance(value, str) or not value.strip():
                raise InputError(
                    f"{SECTION} container must be a CSS selector (a string)", path, line
                )
            values[key] = value.strip()
        elif key == "defaults":
            if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
                raise InputError(f"{SECTION} defaults must be a table of strings", path, line)
            values[key] = dict(value)
        else:
            raise InputError(f"unknown setting {SECTION} {key}", path, line)
    return Profile(**values)


def _host(value: str) -> str:
    host = value.strip().lower()
    return host[4:] if host.startswith("www.") else host


def _pattern(key: str, value: str, path: Path | str, line: int | None) -> re.Pattern[str]:
    try:
        return re.compile(value)
    except re.error as exc:
        message = f"{SECTION} {key}: invalid pattern {value!r}: {exc}"
        raise InputError(message, path, line) from None
