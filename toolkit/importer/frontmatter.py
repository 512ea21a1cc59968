"""The front matter of an imported article, written the way the hand-made articles are.

``articles/mexico-pegasus-spyware.md`` writes prose in double quotes (``title``, the
licence notice) and names, codes, addresses and dates plain. The importer follows that
style, so an imported article reads like the hand-made one (and the seed's import is the
same file byte for byte): a reader's text is quoted even where YAML would not need it, so
that an editor adding a colon or a ``#`` to a title never changes what it means; anything
else is plain when YAML reads it back as the same string, double-quoted when not. Several
authors are a list, one per line. Values of other types (a publisher's own keys, kept by
``--update``) are written by PyYAML as they are.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import yaml

from toolkit.article import DUMPER, LOADER, TRANSLATABLE_FIELDS

PROSE_KEYS = frozenset((*TRANSLATABLE_FIELDS, "license_notice"))
_WIDTH = 1_000_000  # one line per value, however long


def dump_front_matter(meta: dict[str, Any]) -> str:
    """``meta`` as YAML between ``---`` fences, keys in their order."""
    lines = ["---"]
    for key, value in meta.items():
        if isinstance(value, str):
            lines.append(f"{key}: {_string(value, key in PROSE_KEYS)}")
        elif isinstance(value, date):
            lines.append(f"{key}: {value.isoformat()}")
        elif isinstance(value, list) and value and all(isinstance(v, str) for v in value):
            lines.append(f"{key}:")
            lines.extend(f"- {_string(v, key in PROSE_KEYS)}" for v in value)
        else:
            dumped = yaml.dump(
                {key: value}, Dumper=DUMPER, allow_unicode=True, sort_keys=False, width=_WIDTH
            )
            lines.append(dumped.rstrip("\n"))
    lines.append("---")
    return "\n".join(lines) + "\n"


def _string(value: str, prose: bool) -> str:
    if not prose and _reads_back(value):
        return value
    quoted: str = yaml.dump(
        value, Dumper=DUMPER, default_style='"', allow_unicode=True, width=_WIDTH
    )
    return quoted.rstrip("\n")


def _reads_back(value: str) -> bool:
    """Whether ``value`` written plain after ``key:`` is read back as the same string."""
    if not value or value != value.strip() or not value.isprintable():
        return False  # a tab, a line break, a control character: quoted, and escaped
    if value[0] in "'\"&*!|>%@`{}[],?-:#":
        return False
    try:
        return bool(yaml.load(f"k: {value}", Loader=LOADER) == {"k": value})
    except yaml.YAMLError:
        return False
