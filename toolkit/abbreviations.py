"""Abbreviations whose final period can also end a sentence or a title ("EE. UU.", "U.S.").

The end-punctuation check must not read that period as the translator's sentence-final
mark: "Espionaje en EE. UU." translates the title "Spying in the US", which has none.
"""

from __future__ import annotations

import re

# Per language, as written (the check also accepts them without the inner space).
_KNOWN: dict[str, tuple[str, ...]] = {
    "es": (
        "EE. UU.", "EE.UU.", "etc.", "S. A.", "S.A.", "S. L.", "a. m.", "p. m.", "a.m.",
        "p.m.", "Sr.", "Sra.", "Srta.", "Dr.", "Dra.", "Ud.", "Uds.", "núm.", "pág.", "aprox.",
        "et al.", "Inc.", "Corp.", "Ltd.", "Cía.", "hnos.",
    ),
    "en": (
        "U.S.", "U.K.", "U.N.", "E.U.", "D.C.", "etc.", "Inc.", "Corp.", "Ltd.", "Co.", "Jr.",
        "Sr.", "a.m.", "p.m.", "et al.", "No.", "St.",
    ),
}  # fmt: skip
# Initialisms of one or two capitals per part: "U.S.", "EE. UU.", "S. A.", "R. J."
_INITIALISM = re.compile(r"(?<![\w.])(?:[A-ZÁÉÍÓÚÑ]{1,2}\.\s?){2,}$")


def ends_with_abbreviation(text: str, lang: str) -> bool:
    """Does ``text`` (already stripped of closing quotes and markup) end with the period of
    an abbreviation of ``lang``?"""
    if not text.endswith("."):
        return False
    if _INITIALISM.search(text):
        return True
    squeezed = text.replace(" ", "")
    for abbreviation in _KNOWN.get(lang, ()):
        if text.endswith(abbreviation) or squeezed.endswith(abbreviation.replace(" ", "")):
            start = len(text) - len(abbreviation)
            if start <= 0 or not text[start - 1].isalnum():
                return True
    return False
