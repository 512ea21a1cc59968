"""Quality checks for translated catalogs: the library side of ``l10n check``.

Every live entry that has a translation (reviewed or fuzzy) is compared with its source, in
the spirit of translate-toolkit's pofilter; each problem becomes a :class:`Finding` printed as
``PATH:LINE: [check] message``, LINE being the line of the entry's ``msgid``. The checks and
their one-line descriptions are in :data:`CHECKS`. This module never prints and never exits.

Silencing a false positive (one entry at a time)
------------------------------------------------
A translator comment, which Poedit and other editors let the translator edit::

    # l10n-ignore: numbers, endpunc

or a flag, like Weblate's ``ignore-<check>`` flags::

    #, fuzzy, ignore-numbers

Names are those of :data:`CHECKS`, separated by commas or spaces; unknown names are ignored
(the finding then still shows, which is how a typo is noticed). Silenced findings are not
reported but counted in :attr:`CheckReport.silenced`. A silence is *not* honoured on a fuzzy
entry that carries a previous msgid (``#| msgid``): the source changed after the translator
decided, so the decision is re-examined. That is what keeps an old translation with an old
number ("12 votes" kept for "13 votes") always reported.

Decisions (where a check has to choose)
---------------------------------------
- numbers: digits are compared as values, so "1,000" = "1.000" = "1000" = "1 000" and
  "1.5" = "1,5"; "50 percent" = "50 %"; "$80 million" = "80 millones de dólares" (and a scale
  word must agree when both sides have one: "2 billion" is not "2 billones", which is 10^12).
  Ordinal suffixes are ignored ("19th" = "19", "1.º"), "1990s" also matches "los noventa".
  Number words are never required, but they satisfy a number on the other side ("3 cases" =
  "tres casos", "three agencies" = "3 agencias"); so do Roman numerals ("21st century" =
  "siglo XXI"). Comparison is by distinct values, not counts. Numbers inside URLs, code spans
  and placeholders are left to those checks.
- untranslated: a copy is fine when the text is only names (every word capitalized, none a
  common English word such as "Analysis"), numbers, URLs, code or do-not-translate terms.
- doubledwords: "de de" and also "que que" are reported; Spanish "que qué" (a reported
  question) is not a doubled word because the accent differs. Not reported: numbers, a
  doubling the source has too (names, quoted speech) and the colloquial "casi casi", "muy muy",
  "ya ya".
- length: Spanish news runs about 1.0-1.35x the English; a translation under 0.5x or over 2.0x
  the source is reported when the source has at least 20 characters of text (URLs and link
  targets not counted).
- markup: italics around a glossary term flagged ``[italics]`` (names of publications) are
  house style and not counted, on either side (``toolkit.house_style``).
- whitespace ignores a newline at either end: ``validity`` reports that one, as msgfmt does.
- brackets and quotes are reported only when the source itself is balanced (a quotation that
  runs over several paragraphs leaves its paragraphs unbalanced on purpose); quotes are judged
  over all styles at once, since the translator may turn "..." into «...». For Spanish the
  inverted marks must pair: every "?" needs an opening "¿" and every "!" an opening "¡" (a
  doubt mark "(?)" is exempt); these findings are under ``brackets``.
- glossary: the source term is matched case-insensitively, also in the plural ("cartels");
  the preferred translation is matched without case and accents and with simple Spanish
  inflection (plural -s/-es/-ces, gender -o/-a), word by word: "programa espía" accepts
  "programas espía". Alternatives may be given as "programa espía | software espía". A
  preferred term inside a do-not-translate term is not checked ("Sinaloa Cartel" kept).
- dnt: do-not-translate terms are matched case-sensitively, in the source and the translation.
  dnt and glossary run only when a glossary is given.
- validity: header problems are reported at line 1 and cannot be silenced; the per-entry ones
  (newline at an end, plural forms, duplicates) can.
"""

from __future__ import annotations

import codecs
import gettext
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

from toolkit.abbreviations import ends_with_abbreviation
from toolkit.entry import Catalog, Entry
from toolkit.errors import ToolkitError
from toolkit.glossary import GlossaryTerm
from toolkit.house_style import without_house_italics
from toolkit.startcaps import check_startcaps

__all__ = [
    "CHECKS",
    "CheckReport",
    "Finding",
    "Glossary",
    "check_catalog",
    "check_entry",
    "silenced_checks",
]

CHECKS: dict[str, str] = {
    "validity": "catalog is valid for msgfmt --check: header charset, Plural-Forms, plural "
    "forms, newlines at both ends, duplicates",
    "untranslated": "translation is a copy of the source (names, numbers and URLs excepted)",
    "numbers": "numbers of the source and the translation agree (Spanish number forms accepted)",
    "urls": "URLs and e-mail addresses are identical",
    "markup": "Markdown inline markup kept: links and their targets, images, emphasis, code "
    "spans, HTML tags",
    "placeholders": "placeholders kept: %s, %(name)s, {name}, {{name}}, ${name} and the like",
    "dnt": "do-not-translate glossary terms appear unchanged",
    "glossary": "glossary terms use their preferred translation",
    "endpunc": "sentence-final punctuation matches the source (an abbreviation's period, as "
    "in “EE. UU.”, is no end mark)",
    "startcaps": "the first letter is a capital in both or in neither",
    "brackets": "brackets ( ) [ ] balanced; Spanish ¿ ? and ¡ ! paired",
    "quotes": "quotes balanced: “ ”, « » and an even number of straight quotes",
    "whitespace": "leading and trailing whitespace as in the source",
    "doublespace": "no double spaces that the source does not have",
    "doubledwords": "no doubled words such as “de de”",
    "length": "translation length is 0.5x to 2.0x the source",
}

LENGTH_MIN_SOURCE = 20
LENGTH_RATIO = (0.5, 2.0)


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    check: str
    message: str
    msgid: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: [{self.check}] {self.message}"


@dataclass
class CheckReport:
    findings: list[Finding] = field(default_factory=list)
    silenced: int = 0
    checked: int = 0

    def merge(self, other: CheckReport) -> None:
        """Add another catalog's report to this one (the CLI checks several)."""
        self.findings.extend(other.findings)
        self.silenced += other.silenced
        self.checked += other.checked


# --------------------------------------------------------------------------- text helpers

_MASK = "\ue000"  # stands in for removed spans: not a letter, digit or space
_APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'"})
_COMBINING = re.compile(r"[\u0300-\u036f]+")

_CODE_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.S)
# ](target "title"): one level of parentheses inside the target, as in Wikipedia URLs.
_LINK_TARGET = re.compile(
    r"\]\(\s*(<[^<>\n]*>|(?:[^\s()]|\([^\s()]*\))*)"
    r"(?:\s+(?:\"[^\"]*\"|'[^']*'|\([^()]*\)))?\s*\)"
)
_REF_LINK = re.compile(r"\]\[([^\[\]]+)\]")
_AUTOLINK = re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)>")
# Not after a letter or digit ("_www." in emphasis is still a URL); never through brackets,
# quotes, dashes or ellipses, which no URL contains unescaped.
_URL = re.compile(
    r"(?:(?<![A-Za-z0-9])(?:https?|ftp)://|(?<![A-Za-z0-9])www\.)"
    r"[^\s<>\"«»“”\u2018\u2019`\[\]{}|\\^—–…]+",
    re.I,
)
_URL_TRAILING = ".,;:!?'\")]*_~"
_EMAIL = re.compile(r"(?<![\w.+-])(?:mailto:)?[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_HTML_TAG = re.compile(r"</?([A-Za-z][\w-]*)(?:\s[^<>]*)?/?>")
_PLACEHOLDER = re.compile(
    r"(?<!%)%(?:\(\w+\)|\d+\$)?[-+#0]*(?:\d+|\*)?(?:\.(?:\d+|\*))?(?:hh|h|ll|l|L|j|z|t)?"
    r"[diouxXeEfFgGcsr]"  # printf and Python %-format; no space flag: "50 % de" is prose
    r"|\{\{\s*[\w.]+\s*\}\}"  # {{ name }}
    r"|\$\{\w+\}"  # ${name}
    r"|\{(?:\d+|[A-Za-z_]\w*(?:\.\w+|\[\w+\])*)?(?:![rsa])?(?::[^{}\s]*)?\}"  # {name!r:>5}
    r"|[⟦〚]\s*\w+\s*[⟧〛]|@@\w+@@"  # tokens that protect text from machine translation
    r"|%[A-Za-z_]\w*%"  # %NAME%
)
_IMAGE_BANG = re.compile(r"!(?=\[)")
_ESCAPE = re.compile(r"\\[!-/:-@\[-`{-~]")


def _straight(text: str) -> str:
    """Typographic apostrophes made straight (str.translate is slow: only when needed)."""
    if "\u2019" in text or "\u2018" in text or "\u02bc" in text:
        return text.translate(_APOSTROPHES)
    return text


def _fold(text: str) -> str:
    """Lower case, no accents, straight apostrophes: "Cártel\u2019s" -> "cartel's"."""
    text = _straight(text.lower())
    if text.isascii():
        return text
    return _COMBINING.sub("", unicodedata.normalize("NFD", text))


def _trim_url(url: str) -> str:
    # Sentence punctuation after a URL is not part of it; a ")" is, when it closes one inside.
    while url and url[-1] in _URL_TRAILING:
        if url[-1] == ")" and url.count("(") >= url.count(")"):
            break
        url = url[:-1]
    return url


def _mask_urls(text: str) -> str:
    def repl(match: re.Match[str]) -> str:
        url = _trim_url(match.group(0))
        return _MASK + match.group(0)[len(url) :]

    return _EMAIL.sub(_MASK, _URL.sub(repl, text))


def _base(text: str) -> str:
    """Text without code spans, link targets, URLs, e-mails and HTML tags."""
    if "`" in text:
        text = _CODE_SPAN.sub(_MASK, text)
    if "](" in text:
        text = _LINK_TARGET.sub("]", text)
    if "<" in text:
        text = _AUTOLINK.sub(_MASK, text)
    if "://" in text or "www." in text or "@" in text:
        text = _mask_urls(text)
    if "<" in text:
        text = _HTML_TAG.sub(_MASK, text)
    return text


def _prose(base: str) -> str:
    """The base text without placeholders and image marks: what a reader sees as words."""
    if "%" in base or "{" in base or "$" in base or "@@" in base or "⟦" in base or "〚" in base:
        base = _PLACEHOLDER.sub(_MASK, base)
    if "![" in base:
        base = _IMAGE_BANG.sub("", base)
    return base


def _lang(code: str) -> str:
    return code.replace("_", "-").split("-")[0].lower()


@dataclass(frozen=True, slots=True)
class _Pair:
    """One source text and its translation, with the derived texts every check needs."""

    src: str
    tgt: str
    src_base: str
    tgt_base: str
    src_prose: str
    tgt_prose: str
    source_lang: str
    target_lang: str
    glossary: Glossary | None

    @classmethod
    def make(
        cls, src: str, tgt: str, source_lang: str, target_lang: str, glossary: Glossary | None
    ) -> _Pair:
        src_base, tgt_base = _base(src), _base(tgt)
        return cls(
            src, tgt, src_base, tgt_base, _prose(src_base), _prose(tgt_base),
            _lang(source_lang), _lang(target_lang), glossary,
        )  # fmt: skip


# --------------------------------------------------------------------------- numbers

_NUMBER = re.compile(
    r"(?<!\d)(?:\d{1,3}(?:[ \u00a0\u202f\u2009]\d{3})+(?:[.,]\d+)?|\d+(?:[.,]\d+)*)(?!\d)"
)
_GROUP_SPACE = re.compile(r"[ \u00a0\u202f\u2009]")
_EN_FORM = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?")
_ES_FORM = re.compile(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?")
_SCALE = re.compile(
    r"[ \u00a0]?-?(mil\s+millones|millones|mill[oó]n|millardos?|billones|bill[oó]n|mil"
    r"|thousand|million|billion|trillion|bn|mdd|mdp|m|k)(?!\w)",
    re.I,
)
_SCALES = {
    "mil millones": 10**9, "millones": 10**6, "millon": 10**6, "millardo": 10**9,
    "millardos": 10**9, "billones": 10**12, "billon": 10**12, "mil": 10**3,
    "thousand": 10**3, "million": 10**6, "billion": 10**9, "trillion": 10**12, "bn": 10**9,
    "mdd": 10**6, "mdp": 10**6, "m": 10**6, "k": 10**3,
}  # fmt: skip
_DECADE = re.compile(r"'?s(?!\w)")
_WORD = re.compile(r"[^\W\d_]+")
_ROMAN = re.compile(r"(?<![\w])(?=[IVXLC])(C{0,3})(XC|XL|L?X{0,3})(IX|IV|V?I{0,3})(?![\w])")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_CENTURY_BEFORE = re.compile(r"(?:siglos?|century)\s+$", re.I)


def _words_table(spec: str) -> dict[str, int]:
    table: dict[str, int] = {}
    for item in spec.split():
        words, value = item.split("=")
        for word in words.split("/"):
            table[word] = int(value)
    return table


# Folded (lower case, no accents). Ordinals too: "first" and "primer" stand for 1.
_NUMBER_WORDS: dict[str, dict[str, int]] = {
    "en": _words_table(
        "zero=0 one=1 two=2 three=3 four=4 five=5 six=6 seven=7 eight=8 nine=9 ten=10 "
        "eleven=11 twelve=12 dozen=12 thirteen=13 fourteen=14 fifteen=15 sixteen=16 "
        "seventeen=17 eighteen=18 nineteen=19 twenty=20 thirty=30 forty=40 fifty=50 sixty=60 "
        "seventy=70 eighty=80 ninety=90 hundred=100 thousand=1000 million=1000000 "
        "billion=1000000000 trillion=1000000000000 first=1 second=2 third=3 fourth=4 fifth=5 "
        "sixth=6 seventh=7 eighth=8 ninth=9 tenth=10"
    ),
    "es": _words_table(
        "cero=0 un/uno/una=1 dos=2 tres=3 cuatro=4 cinco=5 seis=6 siete=7 ocho=8 nueve=9 "
        "diez=10 once=11 doce=12 docena=12 trece=13 catorce=14 quince=15 dieciseis=16 "
        "diecisiete=17 dieciocho=18 diecinueve=19 veinte=20 veintiun/veintiuno/veintiuna=21 "
        "veintidos=22 veintitres=23 veinticuatro=24 veinticinco=25 veintiseis=26 "
        "veintisiete=27 veintiocho=28 veintinueve=29 treinta=30 cuarenta=40 cincuenta=50 "
        "sesenta=60 setenta=70 ochenta=80 noventa=90 cien/ciento=100 "
        "doscientos/doscientas=200 trescientos/trescientas=300 "
        "cuatrocientos/cuatrocientas=400 quinientos/quinientas=500 "
        "seiscientos/seiscientas=600 setecientos/setecientas=700 ochocientos/ochocientas=800 "
        "novecientos/novecientas=900 mil=1000 millon/millones=1000000 "
        "millardo/millardos=1000000000 billon/billones=1000000000000 "
        "primer/primero/primera=1 segundo/segunda=2 tercer/tercero/tercera=3 cuarto/cuarta=4 "
        "quinto/quinta=5 sexto/sexta=6 septimo/septima=7 octavo/octava=8 noveno/novena=9 "
        "decimo/decima=10"
    ),
}
_NUMBER_JOINERS = {"y", "and"}
_JOIN_GAP = re.compile(r"[\s-]*")


@dataclass(frozen=True, slots=True)
class _Num:
    text: str
    values: frozenset[str]  # every reading of the number ("1.000" is 1 or 1000)
    scaled: frozenset[str] = frozenset()  # values times the scale word after it, if any
    parts: tuple[_Num, ...] = ()  # "12 300" may also be two numbers

    def readings(self) -> frozenset[str]:
        return self.values | self.scaled


def _canon(value: Decimal) -> str:
    return format(value.normalize(), "f")


def _readings(token: str, styles: Sequence[str]) -> set[Decimal]:
    compact = _GROUP_SPACE.sub("", token)
    out: set[Decimal] = set()
    if "en" in styles and _EN_FORM.fullmatch(compact):
        out.add(Decimal(compact.replace(",", "")))
    if "es" in styles and _ES_FORM.fullmatch(compact):
        out.add(Decimal(compact.replace(".", "").replace(",", ".")))
    return out


@lru_cache(maxsize=64)
def _number_styles(code: str, strict: bool) -> tuple[str, ...]:
    """How numbers are written: "en" 1,000.5, "es" 1.000,5, from Babel's locale data.

    Translations are read both ways (Mexico writes 1,000.5, Spain 1.000,5); the source is
    read in its locale's way only, so that "1,000" in English is never the number 1.
    """
    if not strict:
        return ("en", "es")
    from toolkit.lang import locale_for

    try:
        symbols = locale_for(code).number_symbols
        decimal = symbols["latn"]["decimal"] if "latn" in symbols else symbols["decimal"]
    except (ToolkitError, KeyError, TypeError):
        return ("en", "es")
    return ("en",) if decimal == "." else ("es",) if decimal == "," else ("en", "es")


def _digit_numbers(text: str, styles: tuple[str, ...]) -> list[_Num]:
    found: list[_Num] = []
    for match in _NUMBER.finditer(text):
        token, end = match.group(0), match.end()
        decade = _DECADE.match(text, end) is not None
        scale = _SCALE.match(text, end)
        factor = _SCALES[" ".join(_fold(scale.group(1)).split())] if scale else 1
        values, scaled, parts = _token_readings(token, styles, decade, factor)
        shown = text[match.start() : scale.end()].strip() if scale else token
        found.append(_Num(shown, values, scaled, parts))
    return found


@lru_cache(maxsize=8192)
def _token_readings(
    token: str, styles: tuple[str, ...], decade: bool, factor: int
) -> tuple[frozenset[str], frozenset[str], tuple[_Num, ...]]:
    """Values, scaled values and parts of one number token (cached: years and such repeat)."""
    values = _readings(token, styles)
    if decade and len(token) == 4 and token.endswith("0"):
        values.add(Decimal(token[2:]))  # "1990s" is also "los noventa", "los 90"
    readings = {_canon(v) for v in values} or {_GROUP_SPACE.sub("", token)}
    scaled = frozenset(_canon(v * factor) for v in values) if factor != 1 else frozenset()
    parts: tuple[_Num, ...] = ()
    pieces = _GROUP_SPACE.split(token)
    if len(pieces) > 1:
        parts = tuple(_Num(p, frozenset(_canon(v) for v in _readings(p, styles))) for p in pieces)
    return frozenset(readings), scaled, parts


def _combine(values: list[int]) -> int:
    total = current = 0
    for value in values:
        if value >= 10**6:
            total = ((total + current) or 1) * value
            current = 0
        elif value == 1000:
            current = (current or 1) * 1000
        elif value == 100 and 0 < current < 100:
            current *= 100
        else:
            current += value
    return total + current


def _word_numbers(text: str, lang: str) -> list[_Num]:
    """Numbers written in words or Roman numerals; they satisfy, they are never required."""
    found: list[_Num] = []
    table = _NUMBER_WORDS.get(lang)
    if table:
        folded = _fold(text)
        run: list[int] = []
        words: list[str] = []
        last_end = -1
        pending_joiner = False

        def flush() -> None:
            if run:
                values = {str(v) for v in run}
                if len(run) > 1:
                    values.add(str(_combine(run)))
                found.append(_Num(" ".join(words), frozenset(values)))
            run.clear()
            words.clear()

        for match in _WORD.finditer(folded):
            word = match.group(0)
            adjacent = last_end >= 0 and _JOIN_GAP.fullmatch(folded, last_end, match.start())
            value = table.get(word)
            if value is not None:
                if not (adjacent and (run or pending_joiner)):
                    flush()
                run.append(value)
                words.append(word)
                pending_joiner = False
            elif run and adjacent and word in _NUMBER_JOINERS and not pending_joiner:
                pending_joiner = True
            else:
                flush()
                pending_joiner = False
            last_end = match.end()
        flush()
    for match in _ROMAN.finditer(text):
        numeral = match.group(0)
        if not numeral:
            continue
        if len(numeral) < 2 and not _CENTURY_BEFORE.search(text, 0, match.start()):
            continue
        found.append(_Num(numeral, frozenset({str(_roman_value(numeral))})))
    return found


def _roman_value(numeral: str) -> int:
    total = 0
    for char, following in zip(numeral, [*numeral[1:], ""], strict=True):
        value = _ROMAN_VALUES[char]
        total += -value if following and _ROMAN_VALUES[following] > value else value
    return total


def _compatible(a: _Num, b: _Num) -> bool:
    if a.scaled and b.scaled:  # both say "million" or the like: the scaled values must agree
        return bool(a.scaled & b.scaled)
    return bool(a.readings() & b.readings())


def _split_unmatched(nums: list[_Num], pool: list[_Num]) -> list[_Num]:
    """A space-grouped "12 300" that matches nothing is read as two numbers instead."""
    out: list[_Num] = []
    for num in nums:
        if num.parts and not any(_compatible(num, other) for other in pool):
            out.extend(num.parts)
        else:
            out.append(num)
    return out


def _check_numbers(p: _Pair) -> Iterator[str]:
    if not (_has_digit(p.src_prose) or _has_digit(p.tgt_prose)):
        return
    src = _digit_numbers(p.src_prose, _number_styles(p.source_lang, True))
    tgt = _digit_numbers(p.tgt_prose, _number_styles(p.target_lang, False))
    if all(any(_compatible(n, t) for t in tgt) for n in src) and all(
        any(_compatible(t, n) for n in src) for t in tgt
    ):
        return
    # Only now the slower readings: number words, Roman numerals, "12 300" as two numbers.
    src_words = _word_numbers(p.src_prose, p.source_lang)
    tgt_words = _word_numbers(p.tgt_prose, p.target_lang)
    src = _split_unmatched(src, tgt + tgt_words)
    tgt = _split_unmatched(tgt, src + src_words)
    missing = _unique(n.text for n in src if not any(_compatible(n, t) for t in tgt + tgt_words))
    extra = _unique(n.text for n in tgt if not any(_compatible(n, s) for s in src + src_words))
    # The same figure written the same way on both sides ("12,5" read as 125 in English and
    # 12.5 in Spanish) was copied, not lost: never report it as both missing and extra.
    same = set(missing) & set(extra)
    missing = [n for n in missing if n not in same]
    extra = [n for n in extra if n not in same]
    parts = []
    if missing:
        parts.append(f"{_quoted(missing)} of the source missing from the translation")
    if extra:
        parts.append(f"{_quoted(extra)} in the translation not in the source")
    if parts:
        yield "; ".join(parts)


_DIGIT = re.compile(r"\d")


def _has_digit(text: str) -> bool:
    return _DIGIT.search(text) is not None


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _quoted(items: Iterable[str]) -> str:
    return ", ".join(f'"{item}"' for item in items)


# --------------------------------------------------------------------------- urls, markup


def _urls(text: str) -> list[str]:
    found = [_trim_url(m.group(0)) for m in _URL.finditer(text)]
    rest = _URL.sub(_MASK, text) if found else text
    found.extend(m.group(0).removeprefix("mailto:") for m in _EMAIL.finditer(rest))
    return found


def _check_urls(p: _Pair) -> Iterator[str]:
    # Link targets are the markup check's; here the URLs and addresses written in the text.
    def visible(text: str) -> str:
        if "`" in text:
            text = _CODE_SPAN.sub(_MASK, text)
        return _LINK_TARGET.sub("]", text) if "](" in text else text

    src_text, tgt_text = p.src, p.tgt
    if not any(mark in src_text + tgt_text for mark in ("://", "www.", "@")):
        return
    src, tgt = Counter(_urls(visible(src_text))), Counter(_urls(visible(tgt_text)))
    missing, extra = list((src - tgt).elements()), list((tgt - src).elements())
    if missing:
        yield f"{_quoted(_unique(missing))} of the source missing or changed in the translation"
    if extra:
        yield f"{_quoted(_unique(extra))} in the translation not in the source"


@dataclass(frozen=True, slots=True)
class _Markup:
    targets: Counter[str]
    links: int
    images: int
    strong: int
    emphasis: int
    strike: int
    code: Counter[str]
    tags: Counter[str]


_MARKER_RUN = re.compile(r"\*+|_+|~~")


def _markup(text: str) -> _Markup:
    code: Counter[str] = Counter()
    if "`" in text:
        code.update(m.group(2).strip() for m in _CODE_SPAN.finditer(text))
        text = _CODE_SPAN.sub(_MASK, text)
    targets: Counter[str] = Counter()
    links = 0
    if "](" in text:
        for m in _LINK_TARGET.finditer(text):
            targets[m.group(1).strip("<>")] += 1
            links += 1
        text = _LINK_TARGET.sub("]", text)
    if "][" in text:
        for m in _REF_LINK.finditer(text):
            targets[f"[{' '.join(m.group(1).lower().split())}]"] += 1
            links += 1
    images = text.count("![")
    tags: Counter[str] = Counter()
    if "<" in text:
        links += len(_AUTOLINK.findall(text))
        text = _AUTOLINK.sub(_MASK, text)
        tags.update(_tag_key(m) for m in _HTML_TAG.finditer(text))
        text = _HTML_TAG.sub(_MASK, text)
    strong = emphasis = strike = 0
    if "*" in text or "_" in text or "~" in text:
        text = _mask_urls(_ESCAPE.sub(_MASK, text))
        for m in _MARKER_RUN.finditer(text):
            run = m.group(0)
            if run == "~~":
                strike += 1
                continue
            if run[0] == "_":
                before = text[m.start() - 1 : m.start()]
                after = text[m.end() : m.end() + 1]
                if before.isalnum() and after.isalnum():
                    continue  # snake_case: CommonMark does not emphasize inside words
            strong += len(run) // 2
            emphasis += len(run) % 2
    return _Markup(targets, links, images, strong, emphasis, strike, code, tags)


def _tag_key(match: re.Match[str]) -> str:
    """A tag with its attributes (spaces collapsed): ``onclick`` added to the source's ``<b>``
    is a different tag, not the same one."""
    tag = match.group(0)
    if tag.startswith("</"):
        return f"</{match.group(1).lower()}>"
    attributes = " ".join(tag[1 + len(match.group(1)) : -1].rstrip("/").split())
    return f"<{match.group(1).lower()}{' ' + attributes if attributes else ''}>"


def _check_markup(p: _Pair) -> Iterator[str]:
    if not any(c in p.src or c in p.tgt for c in "[]`*_~<"):
        return
    src_text, tgt_text = p.src, p.tgt
    if p.glossary is not None:  # italics the house style adds to names (toolkit.house_style)
        src_text = without_house_italics(src_text, p.glossary.entries)
        tgt_text = without_house_italics(tgt_text, p.glossary.entries)
    src, tgt = _markup(src_text), _markup(tgt_text)
    if src.links != tgt.links:
        yield f"links: {src.links} in the source, {tgt.links} in the translation"
    missing = list((src.targets - tgt.targets).elements())
    extra = list((tgt.targets - src.targets).elements())
    if missing:
        yield f"link target {_quoted(_unique(missing))} missing or changed in the translation"
    if extra:
        yield f"link target {_quoted(_unique(extra))} in the translation not in the source"
    if src.images != tgt.images:
        yield f"images: {src.images} in the source, {tgt.images} in the translation"
    for name, marker, a, b in (
        ("strong emphasis", "** or __", src.strong, tgt.strong),
        ("emphasis", "* or _", src.emphasis, tgt.emphasis),
        ("strikethrough", "~~", src.strike, tgt.strike),
    ):
        if a != b:
            yield f"{name} markers ({marker}): {a} in the source, {b} in the translation"
    missing_code = list((src.code - tgt.code).elements())
    if missing_code:
        spans = ", ".join(f"`{c}`" for c in _unique(missing_code))
        yield f"code span {spans} missing or changed in the translation (code is not translated)"
    extra_code = list((tgt.code - src.code).elements())
    if extra_code and not missing_code:
        spans = ", ".join(f"`{c}`" for c in _unique(extra_code))
        yield f"code span {spans} in the translation not in the source"
    if src.tags != tgt.tags:
        lost = _unique((src.tags - tgt.tags).elements())
        added = _unique((tgt.tags - src.tags).elements())
        detail = "; ".join(
            x
            for x in (
                f"missing {' '.join(lost)}" if lost else "",
                f"added {' '.join(added)}" if added else "",
            )
            if x
        )
        yield f"HTML tags differ: {detail}"


def _check_placeholders(p: _Pair) -> Iterator[str]:
    if not any(c in p.src_base or c in p.tgt_base for c in "%{$@⟦〚"):
        return
    src = Counter(_PLACEHOLDER.findall(p.src_base))
    tgt = Counter(_PLACEHOLDER.findall(p.tgt_base))
    if src == tgt:
        return
    missing, extra = list((src - tgt).elements()), list((tgt - src).elements())
    if missing:
        yield f"placeholder {_quoted(_unique(missing))} missing from the translation"
    if extra:
        yield f"placeholder {_quoted(_unique(extra))} in the translation not in the source"


# --------------------------------------------------------------------------- glossary


def _term_pattern(term: str) -> str:
    return r"[\s\u00a0]+".join(re.escape(word) for word in term.split())


def _variants(word: str) -> frozenset[str]:
    """Spanish inflections of a folded word: number (-s, -es, z/ces) and gender (o/a)."""
    if len(word) <= 3 or not word.isalpha():
        return frozenset({word})
    stems = {word}
    if word.endswith("ces"):
        stems.add(word[:-3] + "z")
    if word.endswith("es"):
        stems.add(word[:-2])
    if word.endswith("s"):
        stems.add(word[:-1])
    forms: set[str] = set()
    for stem in stems:
        forms.update((stem, stem + "s", stem + "es"))
        if stem.endswith("z"):
            forms.add(stem[:-1] + "ces")
        if stem[-1] in "oe":
            forms.update((stem[:-1] + "a", stem[:-1] + "as"))
        elif stem[-1] == "a":
            forms.update((stem[:-1] + "o", stem[:-1] + "os"))
        elif stem[-1] not in "aeiou":
            forms.update((stem + "a", stem + "as"))
    return frozenset(forms)


class _GlossaryIndex:
    """Patterns compiled once per glossary, so each entry costs two regex scans."""

    def __init__(self, entries: Sequence[GlossaryTerm]) -> None:
        dnt = sorted({e.term for e in entries if e.do_not_translate}, key=len, reverse=True)
        self.dnt_source = (
            re.compile(r"(?<!\w)(?:" + "|".join(_term_pattern(t) for t in dnt) + r")(?!\w)")
            if dnt
            else None
        )
        self.dnt_target = {
            " ".join(t.split()): re.compile(r"(?<!\w)" + _term_pattern(t) + r"(?!\w)") for t in dnt
        }
        preferred = [e for e in entries if not e.do_not_translate]
        self.preferred: dict[str, GlossaryTerm] = {}
        self.forms: dict[str, tuple[tuple[frozenset[str], ...], ...]] = {}
        for entry in preferred:
            key = " ".join(_fold(entry.term).split())
            self.preferred.setdefault(key, entry)
            self.forms[key] = tuple(
                tuple(_variants(w) for w in re.findall(r"\w+", _fold(alt)))
                for alt in entry.alternatives
            )
        keys = sorted(self.preferred, key=len, reverse=True)
        self.preferred_source = (
            re.compile(
                r"(?<!\w)(?:" + "|".join(_term_pattern(k) for k in keys) + r")(?:e?s)?(?!\w)"
            )
            if keys
            else None
        )

    def preferred_key(self, matched: str) -> str | None:
        key = " ".join(matched.split())
        for candidate in (key, key[:-1], key[:-2]):
            if candidate in self.preferred:
                return candidate
        return None


@dataclass(frozen=True)
class Glossary:
    entries: tuple[GlossaryTerm, ...] = ()
    _index: _GlossaryIndex = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "entries", tuple(self.entries))
        object.__setattr__(self, "_index", _GlossaryIndex(self.entries))

    @property
    def do_not_translate(self) -> list[str]:
        return [e.term for e in self.entries if e.do_not_translate]


def _check_dnt(p: _Pair) -> Iterator[str]:
    assert p.glossary is not None
    index = p.glossary._index
    if index.dnt_source is None:
        return
    src = _straight(p.src_base)
    tgt = _straight(p.tgt_base)
    for term in _unique(" ".join(m.group(0).split()) for m in index.dnt_source.finditer(src)):
        if not index.dnt_target[term].search(tgt):
            yield f'do-not-translate term "{term}" must appear unchanged in the translation'


def _check_glossary(p: _Pair) -> Iterator[str]:
    assert p.glossary is not None
    index = p.glossary._index
    if index.preferred_source is None:
        return
    src = _straight(p.src_base)
    if index.dnt_source is not None:  # "Sinaloa Cartel" kept as a name is not "cartel"
        src = index.dnt_source.sub(_MASK, src)
    keys = [index.preferred_key(m.group(0)) for m in index.preferred_source.finditer(_fold(src))]
    words: list[str] | None = None
    for key in _unique(k for k in keys if k):
        if words is None:
            words = re.findall(r"\w+", _fold(p.tgt_base))
        if not any(_contains(words, form) for form in index.forms[key]):
            entry = index.preferred[key]
            note = f" ({entry.note})" if entry.note else ""
            wanted = " or ".join(f'"{alt}"' for alt in entry.alternatives)
            yield f'"{entry.term}" should be translated as {wanted}{note}'


def _contains(words: list[str], form: tuple[frozenset[str], ...]) -> bool:
    size = len(form)
    if not size:
        return True
    first = form[0]
    return any(
        word in first and all(words[i + k] in form[k] for k in range(1, size))
        for i, word in enumerate(words[: len(words) - size + 1])
    )


# --------------------------------------------------------------------------- punctuation

# Sentence-final marks, with the full-width forms of CJK text.
_END_MARKS = {
    ".": ".", "\u3002": ".", "?": "?", "\uff1f": "?", "!": "!", "\uff01": "!",
    ":": ":", "\uff1a": ":", ";": ";", "…": "…",
}  # fmt: skip
_CLOSERS = "\"'”\u2019»\u203a)]*_~\u00b7" + _MASK  # \u00b7: the pseudo engine's padding


def _end_core(prose: str) -> str:
    return prose.rstrip().rstrip(_CLOSERS + " \u00a0")


def _end_mark(prose: str) -> str:
    core = _end_core(prose)
    if core.endswith("..."):
        return "…"
    return _END_MARKS.get(core[-1:], "")


def _check_endpunc(p: _Pair) -> Iterator[str]:
    src, tgt = _end_mark(p.src_prose), _end_mark(p.tgt_prose)
    if src == tgt:
        return
    # A period that closes an abbreviation ("EE. UU.", "U.S.") need not end the sentence.
    if not src and tgt == "." and ends_with_abbreviation(_end_core(p.tgt_prose), p.target_lang):
        return
    if not tgt and src == "." and ends_with_abbreviation(_end_core(p.src_prose), p.source_lang):
        return
    if not src:
        yield f'the translation ends with "{tgt}" but the source has no end punctuation'
    elif not tgt:
        yield f'the source ends with "{src}" but the translation has no end punctuation'
    else:
        yield f'the source ends with "{src}" but the translation with "{tgt}"'


def _balanced(text: str, opener: str, closer: str) -> bool:
    opened = text.count(opener)
    if opened != text.count(closer):
        return False
    if opened <= 1:
        return not opened or text.index(opener) < text.index(closer)
    depth = 0
    for char in text:
        if char == opener:
            depth += 1
        elif char == closer:
            depth -= 1
            if depth < 0:
                return False
    return depth == 0


_DOUBT_MARK = re.compile(r"\(\s*[?!]+\s*\)")
_INVERTED_LANGS = frozenset({"es", "ast", "gl"})


def _check_brackets(p: _Pair) -> Iterator[str]:
    for opener, closer in (("(", ")"), ("[", "]")):
        if _balanced(p.src_prose, opener, closer) and not _balanced(p.tgt_prose, opener, closer):
            yield f'unbalanced "{opener} {closer}" in the translation'
    if p.target_lang in _INVERTED_LANGS:
        text = _DOUBT_MARK.sub(_MASK, p.tgt_prose) if "(" in p.tgt_prose else p.tgt_prose
        for opener, closer in (("¿", "?"), ("¡", "!")):
            if opener not in text and closer not in text:
                continue
            depth = 0
            for char in text:
                if char == opener:
                    depth += 1
                elif char == closer:
                    if depth == 0:
                        yield f'"{closer}" without an opening "{opener}" in the translation'
                        break
                    depth -= 1
            else:
                if depth:
                    yield f'"{opener}" without a closing "{closer}" in the translation'


def _quote_problems(text: str) -> Iterator[str]:
    for opener, closer in (("“", "”"), ("«", "»")):
        if not _balanced(text, opener, closer):
            yield f'unbalanced "{opener} {closer}" quotes in the translation'
    if text.count('"') % 2:
        yield 'odd number of straight quotes (") in the translation'


def _check_quotes(p: _Pair) -> Iterator[str]:
    # Judged over all quote styles at once: the translator may turn "..." into «...».
    has_quotes = '"' in p.tgt_prose or any(c in p.tgt_prose for c in "“”«»")
    if has_quotes and next(_quote_problems(p.src_prose), None) is None:
        yield from _quote_problems(p.tgt_prose)


# --------------------------------------------------------------------------- copies, spaces

# Words that show a capitalized text is not just names (English headings are Title Case).
_COMMON_EN = frozenset(
    """a an the and or but nor of to in on at by for from with without about as into over
    under after before between against during is are was were be been being has have had
    do does did will would can could may might must should not no new our your their its
    his her this that these those who what when where why how more most all some
    analysis report reports news summary background introduction conclusion conclusions update
    updates related content contents source sources note notes references methodology
    overview profile profiles coverage see also read share home brief investigation
    investigations opinion editorial interview timeline map maps photo photos video videos
    chapter part section table figure appendix contact about""".split()  # noqa: SIM905
)
_NAME_WORD = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*")


def _needs_translation(p: _Pair) -> bool:
    text = p.src_prose
    if p.glossary is not None and p.glossary._index.dnt_source is not None:
        text = p.glossary._index.dnt_source.sub(_MASK, _straight(text))
    words = _NAME_WORD.findall(text)
    if not words:
        return False  # numbers, URLs, code, placeholders: nothing to translate
    english = p.source_lang == "en"
    return any(not w[0].isupper() or (english and w.lower() in _COMMON_EN) for w in words)


def _check_untranslated(p: _Pair) -> Iterator[str]:
    if p.src.strip() == p.tgt.strip() and p.source_lang != p.target_lang and _needs_translation(p):
        yield "the translation is a copy of the source"


def _edges(text: str) -> tuple[str, str]:
    stripped = text.strip()
    if not stripped:
        return text, ""
    start = text.index(stripped[0])
    return text[:start], text[start + len(stripped) :]


def _check_whitespace(p: _Pair) -> Iterator[str]:
    (src_lead, src_trail), (tgt_lead, tgt_trail) = _edges(p.src), _edges(p.tgt)
    # A newline at either end is validity's (msgfmt refuses it); the rest is style.
    if src_lead.replace("\n", "") != tgt_lead.replace("\n", ""):
        yield f"leading whitespace {tgt_lead!r} differs from the source's {src_lead!r}"
    if src_trail.replace("\n", "") != tgt_trail.replace("\n", ""):
        yield f"trailing whitespace {tgt_trail!r} differs from the source's {src_trail!r}"


_DOUBLE_SPACE = re.compile(r"(\S*)[ \u00a0]{2,}(?=\S)")


def _check_doublespace(p: _Pair) -> Iterator[str]:
    if "  " not in p.tgt and "\u00a0 " not in p.tgt and " \u00a0" not in p.tgt:
        return
    body = p.tgt.strip()
    tgt = _DOUBLE_SPACE.findall(body)
    if len(tgt) > len(_DOUBLE_SPACE.findall(p.src.strip())):
        after = f' after "{tgt[0]}"' if tgt[0] else ""
        yield f"double space in the translation{after}"


_DOUBLED = re.compile(r"(?<!\w)([^\W\d_]+)[ \u00a0]+(\1)(?!\w)", re.I)
_DOUBLED_OK = frozenset({"casi", "muy", "ya"})


def _check_doubledwords(p: _Pair) -> Iterator[str]:
    doubled = [m.group(1).lower() for m in _DOUBLED.finditer(p.tgt_prose)]
    if not doubled:
        return
    allowed = _DOUBLED_OK | {m.group(1).lower() for m in _DOUBLED.finditer(p.src_prose)}
    for word in _unique(w for w in doubled if w not in allowed):
        yield f'doubled word "{word} {word}"'


def _check_length(p: _Pair) -> Iterator[str]:
    src, tgt = len(p.src_prose.strip()), len(p.tgt_prose.strip())
    if src < LENGTH_MIN_SOURCE:
        return
    ratio = tgt / src
    low, high = LENGTH_RATIO
    if ratio < low or ratio > high:
        yield (
            f"translation is {ratio:.2f}x the length of the source "
            f"(expected {low}x to {high}x): something missing or added?"
        )


# --------------------------------------------------------------------------- validity


def _check_newlines(p: _Pair) -> Iterator[str]:
    if p.src.startswith("\n") != p.tgt.startswith("\n"):
        yield "msgid and msgstr do not both begin with a newline (msgfmt refuses this)"
    if p.src.endswith("\n") != p.tgt.endswith("\n"):
        yield "msgid and msgstr do not both end with a newline (msgfmt refuses this)"


_CHARSET = re.compile(r"charset\s*=\s*([^\s;]+)", re.I)
_NPLURALS = re.compile(r"nplurals\s*=\s*(\d+)")
_PLURAL_EXPR = re.compile(r"plural\s*=\s*([^;]+)")


@lru_cache(maxsize=32)
def _plural_problem(expression: str, nplurals: int) -> str | None:
    try:
        function = gettext.c2py(expression)
        for n in range(1001):
            value = function(n)
            if not 0 <= value < nplurals:
                return f"plural expression gives {value} for n={n}, outside 0..{nplurals - 1}"
    except (ValueError, SyntaxError, RecursionError, ZeroDivisionError, TypeError):
        return f"Plural-Forms: invalid plural expression {expression.strip()!r}"
    return None


def _header_problems(catalog: Catalog) -> tuple[list[str], int | None]:
    """msgfmt --check's complaints about the header, and nplurals when it is usable."""
    if not catalog.header:
        return ['no header entry (msgid ""): msgfmt needs its Content-Type charset'], None
    fields = {key.lower(): value for key, value in catalog.header.items()}
    problems: list[str] = []
    content_type = fields.get("content-type")
    if content_type is None:
        problems.append("header has no Content-Type field")
    else:
        charset = _CHARSET.search(content_type)
        if charset is None:
            problems.append("Content-Type has no charset (use charset=UTF-8)")
        elif charset.group(1).upper() == "CHARSET":
            problems.append('Content-Type charset is still the template\'s "CHARSET"')
        else:
            try:
                codecs.lookup(charset.group(1))
            except LookupError:
                problems.append(f"Content-Type has an unknown charset {charset.group(1)!r}")
    plural_forms = fields.get("plural-forms")
    nplurals: int | None = None
    if plural_forms is None:
        problems.append("header has no Plural-Forms field")
    else:
        count, expression = _NPLURALS.search(plural_forms), _PLURAL_EXPR.search(plural_forms)
        if count is None:
            problems.append('Plural-Forms lacks "nplurals=INTEGER"')
        elif int(count.group(1)) < 1:
            problems.append("Plural-Forms: nplurals must be at least 1")
        else:
            nplurals = int(count.group(1))
        if expression is None:
            problems.append('Plural-Forms lacks "plural=EXPRESSION"')
        elif nplurals is not None:
            problem = _plural_problem(expression.group(1), nplurals)
            if problem:
                problems.append(problem)
    return problems, nplurals


def _structure_problems(entry: Entry, nplurals: int | None) -> Iterator[str]:
    if entry.msgid_plural is None:
        if entry.msgstr_plural:
            yield "msgstr[N] without msgid_plural"
        return
    if entry.msgstr and not entry.msgstr_plural:
        yield "plural entry with msgstr instead of msgstr[N]"
    elif nplurals is not None and set(entry.msgstr_plural) != set(range(nplurals)):
        found = ", ".join(f"msgstr[{n}]" for n in sorted(entry.msgstr_plural)) or "none"
        yield f"Plural-Forms says nplurals={nplurals}, this entry has {found}"


# --------------------------------------------------------------------------- driver

_Check = Callable[[_Pair], Iterator[str]]
_PAIR_CHECKS: tuple[tuple[str, _Check], ...] = (
    ("validity", _check_newlines),
    ("untranslated", _check_untranslated),
    ("numbers", _check_numbers),
    ("urls", _check_urls),
    ("markup", _check_markup),
    ("placeholders", _check_placeholders),
    ("dnt", _check_dnt),
    ("glossary", _check_glossary),
    ("endpunc", _check_endpunc),
    ("startcaps", check_startcaps),
    ("brackets", _check_brackets),
    ("quotes", _check_quotes),
    ("whitespace", _check_whitespace),
    ("doublespace", _check_doublespace),
    ("doubledwords", _check_doubledwords),
    ("length", _check_length),
)
_GLOSSARY_CHECKS = frozenset({"dnt", "glossary"})
_IGNORE_COMMENT = re.compile(r"^\s*#?\s*l10n-ignore\s*:\s*(.*?)\s*$", re.I)
_NAME_SEP = re.compile(r"[\s,]+")


def _translations(entry: Entry) -> list[tuple[str, str]]:
    """(source, translation) pairs; msgstr[0] goes with msgid, the others with msgid_plural."""
    if entry.msgid_plural is None:
        return [(entry.msgid, entry.msgstr)] if entry.msgstr else []
    return [
        (entry.msgid if n == 0 else entry.msgid_plural, text)
        for n, text in sorted(entry.msgstr_plural.items())
        if text
    ]


def check_entry(
    entry: Entry, *, source_lang: str, target_lang: str, glossary: Glossary | None
) -> list[tuple[str, str]]:
    """Every (check, message) for one entry, silences not applied; [] if it has no msgstr."""
    found: dict[tuple[str, str], None] = {}
    for source, translation in _translations(entry):
        pair = _Pair.make(source, translation, source_lang, target_lang, glossary)
        for name, check in _PAIR_CHECKS:
            if glossary is None and name in _GLOSSARY_CHECKS:
                continue
            for message in check(pair):
                if name == "numbers" and entry.fuzzy and entry.previous_msgid is not None:
                    message += " (translation kept from an earlier version of the source)"
                found[(name, message)] = None
    return list(found)


def silenced_checks(entry: Entry) -> frozenset[str]:
    """Checks silenced for this entry by ``# l10n-ignore: a, b`` or ``#, ignore-a`` flags.

    Empty for a fuzzy entry with a previous msgid: its source changed since the silence.
    """
    if entry.fuzzy and entry.previous_msgid is not None:
        return frozenset()
    names: set[str] = set()
    for comment in entry.translator_comments:
        for line in comment.splitlines():
            match = _IGNORE_COMMENT.match(line)
            if match:
                names.update(n for n in _NAME_SEP.split(match.group(1).lower()) if n)
    names.update(f[len("ignore-") :].lower() for f in entry.flags if f.startswith("ignore-"))
    return frozenset(names)


def check_catalog(
    catalog: Catalog,
    path: str,
    *,
    source_lang: str,
    target_lang: str,
    glossary: Glossary | None = None,
) -> CheckReport:
    """Check a catalog's header and every live entry that has a translation (fuzzy too)."""
    report = CheckReport()
    problems, nplurals = _header_problems(catalog)
    report.findings.extend(Finding(path, 1, "validity", message, "") for message in problems)
    seen: dict[tuple[str | None, str], Entry] = {}
    for entry in catalog.entries:
        if entry.obsolete or (entry.msgid == "" and entry.msgctxt is None):
            continue
        raw: list[tuple[str, str]] = []
        first = seen.setdefault(entry.key, entry)
        if first is not entry:
            raw.append(("validity", f"duplicate of the entry on line {first.line}"))
        raw.extend(("validity", message) for message in _structure_problems(entry, nplurals))
        if _translations(entry):
            report.checked += 1
            raw.extend(
                check_entry(
                    entry, source_lang=source_lang, target_lang=target_lang, glossary=glossary
                )
            )
        if not raw:
            continue
        silenced = silenced_checks(entry)
        for check, message in raw:
            if check in silenced:
                report.silenced += 1
            else:
                report.findings.append(Finding(path, entry.line, check, message, entry.msgid))
    return report
