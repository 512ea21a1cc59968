"""The language's glossary: ``locales/<lang>/glossary.csv`` with columns term,translation,note.

An empty translation means "do not translate": the term stays as written (brand and
organization names such as NSO Group or Pegasus). A non-empty translation is the preferred
target-language term.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

from toolkit.errors import InputError
from toolkit.files import read_text

HEADER = ("term", "translation", "note")


@dataclass(frozen=True)
class GlossaryTerm:
    term: str
    translation: str = ""
    note: str = ""

    @property
    def do_not_translate(self) -> bool:
        return not self.translation


def load_glossary(path: Path, shown: str) -> list[GlossaryTerm]:
    """Read a glossary; a malformed row raises InputError naming ``shown`` and its line."""
    text = read_text(path, shown)
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    terms: list[GlossaryTerm] = []
    seen: dict[str, int] = {}
    header_seen = False
    start = 1  # a quoted field may span lines: report the line where the row starts
    try:
        for row in reader:
            line, start = start, reader.line_num + 1
            if not row or (len(row) == 1 and not row[0].strip()):
                continue
            cells = [cell.strip() for cell in row]
            if not header_seen:  # the first row names the columns
                if tuple(c.lower() for c in cells) != HEADER:
                    raise InputError(
                        f"glossary header must be {','.join(HEADER)} (found {','.join(row)})",
                        shown,
                        line,
                    )
                header_seen = True
                continue
            if len(cells) not in (2, 3):
                raise InputError(
                    f"malformed glossary row: expected 3 fields (term,translation,note), "
                    f"found {len(cells)}",
                    shown,
                    line,
                )
            term, translation = cells[0], cells[1]
            if not term:
                raise InputError("malformed glossary row: empty term", shown, line)
            if term in seen:
                raise InputError(
                    f"duplicate glossary term {term!r} (first on line {seen[term]})", shown, line
                )
            seen[term] = line
            terms.append(GlossaryTerm(term, translation, cells[2] if len(cells) == 3 else ""))
    except csv.Error as exc:
        raise InputError(f"malformed glossary row: {exc}", shown, reader.line_num) from None
    return terms
