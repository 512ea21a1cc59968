"""The language's glossary: ``locales/<lang>/glossary.csv`` with columns term,translation,note.

An empty translation means "do not translate": the term stays as written (brand and
organization names such as NSO Group or Pegasus). A non-empty translation is the preferred
target-language term; ``a | b`` lists accepted alternatives, the first one preferred. The
note column may be left out.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from toolkit.errors import InputError
from toolkit.files.reading import read_text

if TYPE_CHECKING:
    from toolkit.config import Workspace

HEADER = ("term", "translation", "note")


@dataclass(frozen=True)
class GlossaryTerm:
    term: str
    translation: str = ""
    note: str = ""

    @property
    def do_not_translate(self) -> bool:
        return not self.translation

    @property
    def alternatives(self) -> tuple[str, ...]:
        """Accepted translations: "programa espía | software espía" gives two."""
        return tuple(t.strip() for t in self.translation.split("|") if t.strip())

    @property
    def preferred(self) -> str:
        """The translation machine translation writes: the first alternative."""
        alternatives = self.alternatives
        return alternatives[0] if alternatives else self.term


def workspace_terms(ws: Workspace, lang: str) -> list[GlossaryTerm] | None:
    """The terms of the language's glossary; None when the workspace has none."""
    path = ws.glossary_path(lang)
    return load_glossary(path, ws.rel(path)) if path.exists() else None


def load_glossary(path: Path, shown: str) -> list[GlossaryTerm]:
    """Read ``term,translation,note`` CSV (header row first; strict UTF-8, BOM allowed).

    An empty translation means "do not translate"; ``a | b`` gives alternatives. The note
    column may be left out. Malformed rows raise InputError naming ``shown`` and the line.
    """
    text = read_text(path, shown)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    entries: list[GlossaryTerm] = []
    first_line: dict[str, int] = {}
    columns = 0
    line = 1
    try:
        for row in reader:
            start, line = line, reader.line_num + 1
            if not row or all(not cell.strip() for cell in row):
                continue
            cells = [cell.strip() for cell in row]
            if not columns:
                if tuple(c.lower() for c in cells) not in (HEADER, HEADER[:2]):
                    raise InputError(
                        f"expected the header row 'term,translation,note', found {','.join(row)!r}",
                        shown,
                        start,
                    )
                columns = len(cells)
                continue
            if len(cells) > columns or len(cells) < 2:
                raise InputError(
                    f"{len(cells)} fields, expected {','.join(HEADER[:columns])} "
                    "(quote a field that contains a comma)",
                    shown,
                    start,
                )
            term, translation = cells[0], cells[1]
            if not term:
                raise InputError("empty term", shown, start)
            if term in first_line:
                raise InputError(
                    f"duplicate term {term!r} (first on line {first_line[term]})", shown, start
                )
            first_line[term] = start
            note = cells[2] if len(cells) > 2 else ""
            entries.append(GlossaryTerm(term, translation, note))
    except csv.Error as exc:
        raise InputError(f"malformed CSV: {exc}", shown, reader.line_num) from None
    if not columns:
        raise InputError(
            "empty glossary: expected the header row 'term,translation,note'", shown, 1
        )
    return entries
