"""No-break spaces where a language's typography keeps words together, for HTML editions.

Spanish typography (RAE, Ortografía 2010; Fundéu) keeps on one line a number and its unit,
symbol or scale word ("3,5 %", "80 millones", "10 km"), the parts of an abbreviation
written with a space ("EE. UU.", "a. m.", "S. A.") and a number with the abbreviation after
it ("10 a. m."). Only the HTML rendering applies this: catalogs and the Markdown editions
keep the translator's plain spaces, so nothing a translator sees changes. Text inside
``<code>`` and ``<pre>`` is left alone, and so are tags and attributes.
"""

from __future__ import annotations

import re

NBSP = "\u00a0"

_UNITS_ES = (
    r"%|‰|°C|°F|°|€|\$|US\$|USD|MXN|km|km²|m²|m|cm|mm|kg|g|ha|h|min"
    r"|mil|millón|millones|millardos?|billón|billones|pesos|dólares|euros"
)
_RULES: dict[str, list[tuple[re.Pattern[str], str]]] = {
    "es": [
        # Abbreviations of one or two letters per part: "EE. UU.", "S. A.", "a. m."
        (re.compile(r"(?<![\w.])(\w{1,2}\.) (?=\w{1,2}\.(?!\w))"), rf"\1{NBSP}"),
        # A number and what follows it as a unit: "3,5 %", "80 millones", "10 a. m."
        (re.compile(rf"(\d) (?=(?:{_UNITS_ES})(?!\w))"), rf"\1{NBSP}"),
        (re.compile(r"(\d) (?=[ap]\.\s?m\.)"), rf"\1{NBSP}"),
    ],
}
_TAG = re.compile(r"(<[^>]*>)")
_VERBATIM = re.compile(r"<(/?)(code|pre)\b", re.I)


def keep_together(html: str, lang: str) -> str:
    """``html`` with no-break spaces in its text for ``lang`` (unchanged for other languages)."""
    rules = _RULES.get(lang.replace("_", "-").split("-")[0].lower())
    if not rules:
        return html
    out: list[str] = []
    verbatim = 0
    for part in _TAG.split(html):
        if part.startswith("<"):
            tag = _VERBATIM.match(part)
            if tag:
                verbatim += -1 if tag.group(1) else 1
            out.append(part)
        elif verbatim > 0 or " " not in part:
            out.append(part)
        else:
            for pattern, replacement in rules:
                part = pattern.sub(replacement, part)
            out.append(part)
    return "".join(out)
