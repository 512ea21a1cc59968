"""What an imported page gives: its blocks and the front matter it states."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from toolkit.importer.tomarkdown import Block


@dataclass
class Page:
    shown: str  # the source as errors and reports name it
    meta: dict[str, Any]  # only what the page itself says
    blocks: list[Block]
    address: str | None  # the page's address (canonical, else where it came from)
    profiled: bool = False  # the workspace's site profile applied to it
    site: str | None = None  # an address on the page's site (its <base href>), if no other
