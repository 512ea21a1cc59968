"""The ``startcaps`` check: source and translation start with a letter of the same case.

Apertium capitalizes the first word of its output ("Una prohibición..." for "a ban..."),
which is wrong when the source entry continues a sentence (a list item after a colon, a
table cell, a caption). pofilter's ``startcaps`` compares the same thing. Leading
punctuation and markup (``¿ ¡ « " ( [ * _ #``) are skipped; a text that starts with a digit
or a symbol, or a source word with a capital inside ("iPhone", "eBay"), is not judged.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Protocol

_MASK = "\ue000"  # what toolkit.qa puts where it removed code, URLs and placeholders
_LEAD = re.compile(r"^[\W_]*?(?=\w)", re.S)


class _Texts(Protocol):
    @property
    def src_prose(self) -> str: ...
    @property
    def tgt_prose(self) -> str: ...


def _first_word(text: str) -> str:
    match = _LEAD.match(text)
    if match is None or _MASK in match.group(0):
        return ""  # starts with code, a URL or a placeholder: its case is not the text's
    word = re.match(r"\w+", text[match.end() :])
    return word.group(0) if word else ""


def check_startcaps(p: _Texts) -> Iterator[str]:
    src, tgt = _first_word(p.src_prose), _first_word(p.tgt_prose)
    if not src or not tgt or not src[0].isalpha() or not tgt[0].isalpha():
        return
    if any(c.isupper() for c in src[1:]) and src[0].islower():
        return  # "iPhone": a name's own case
    if src[0].isupper() == tgt[0].isupper():
        return
    if src[0].islower():
        yield (
            f'the source starts with a lower-case letter ("{src}") but the translation '
            f'with a capital ("{tgt}")'
        )
    else:
        yield (
            f'the source starts with a capital ("{src}") but the translation with a '
            f'lower-case letter ("{tgt}")'
        )
