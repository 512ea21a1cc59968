"""The ``numbers`` check: the figures of the source and the translation agree.

Digits are compared as values, so "1,000" = "1.000" = "1000" = "1 000" and "1.5" = "1,5";
"50 percent" = "50 %"; "$80 million" = "80 millones de dólares" (and a scale word must agree
when both sides have one: "2 billion" is not "2 billones", which is 10^12). Ordinal suffixes
are ignored ("19th" = "19", "1.º"), "1990s" also matches "los noventa". Number words
(``toolkit.checks.lang``) are never required, but they satisfy a number on the other side
("3 cases" = "tres casos"); so do Roman numerals ("21st century" = "siglo XXI"). Comparison
is by distinct values, not counts. Numbers inside URLs, code spans and placeholders are left
to those checks.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from toolkit.checks.lang import LANGUAGES, union
from toolkit.checks.pair import Pair, fold, quoted, unique
from toolkit.errors import ToolkitError

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


_NUMBER_WORDS: dict[str, dict[str, int]] = {
    code: _words_table(module.NUMBER_WORDS)
    for code, module in LANGUAGES.items()
    if hasattr(module, "NUMBER_WORDS")
}
_NUMBER_JOINERS = union("NUMBER_JOINERS")  # any language's: "veinte and dos" is still 22
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
        factor = _SCALES[" ".join(fold(scale.group(1)).split())] if scale else 1
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
        folded = fold(text)
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


def check_numbers(p: Pair) -> Iterator[str]:
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
    missing = unique(n.text for n in src if not any(_compatible(n, t) for t in tgt + tgt_words))
    extra = unique(n.text for n in tgt if not any(_compatible(n, s) for s in src + src_words))
    # The same figure written the same way on both sides ("12,5" read as 125 in English and
    # 12.5 in Spanish) was copied, not lost: never report it as both missing and extra.
    same = set(missing) & set(extra)
    missing = [n for n in missing if n not in same]
    extra = [n for n in extra if n not in same]
    parts = []
    if missing:
        parts.append(f"{quoted(missing)} of the source missing from the translation")
    if extra:
        parts.append(f"{quoted(extra)} in the translation not in the source")
    if parts:
        yield "; ".join(parts)


_DIGIT = re.compile(r"\d")


def _has_digit(text: str) -> bool:
    return _DIGIT.search(text) is not None
