"""Shared fixtures: scratch workspaces with articles of our own."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _reproducible_dates(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    # Catalog headers carry dates; a fixed clock makes golden files comparable.
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    yield


def make_workspace(root: Path, articles: dict[str, str], config: str = "") -> Path:
    """A workspace with the given articles and an optional [tool.l10n] section."""
    (root / "articles").mkdir(parents=True, exist_ok=True)
    for slug, text in articles.items():
        (root / "articles" / f"{slug}.md").write_text(text, encoding="utf-8")
    if config:
        (root / "pyproject.toml").write_text(f"[tool.l10n]\n{config}", encoding="utf-8")
    return root


SAMPLE = """\
---
title: "Ten Things About *Spyware*"
language: en
publisher: Example News
source_url: https://example.org/news/spyware
date: 2017-06-19
---

# Spyware in the Americas

Mr. Smith met Dr. Jones in the U.S. on Jan. 5 at 10 a.m. They paid $1.5 million.
The deal was signed by R. J. Dominguez, who said "it ends now" and left.

> A quoted paragraph with a [link](https://example.org/a "Title") and *emphasis*.
> It continues here.

- First item, with `code` inside.
- Second item: 50 percent of 1,000 cases.
  1. Nested ordered item.

```python
print("code is not translated")
```

<div class="ad">HTML blocks are kept as they are.</div>

| Country | Cases |
|---------|------:|
| Mexico  | 70    |

Spyware in the Americas
"""


@pytest.fixture
def sample_workspace(tmp_path: Path) -> Path:
    return make_workspace(tmp_path / "ws", {"sample": SAMPLE})
