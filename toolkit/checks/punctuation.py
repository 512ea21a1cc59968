"""Punctuation and case: the ``endpunc``, ``brackets``, ``quotes`` and ``startcaps`` checks.

- endpunc: sentence-final punctuation matches the source. A period that closes an
  abbreviation ("EE. UU.", "U.S.", per language in ``toolkit.checks.lang``) need not end the
  sentence: "Espionaje en EE. UU." translates the title "Spying in the US", which has none.
- brackets and quotes are reported only when the source itself is balanced (a quotation that
  runs over several paragraphs leaves its paragraphs unbalanced on purpose); quotes are
  judged over all styles at once, since the translator may turn "..." into «...». For
  Spanish the inverted marks must pair: every "?" needs an opening "¿" and every "!" an
  opening "¡" (a doubt mark "(?)" is exempt); these findings are under ``brackets``.
- startcaps: source and translation start with a letter of the same case. Apertium
  capitalizes the first word of its output ("Una prohibición..." for "a ban..."), which is
  wrong when the entry continues a sentence (a list item after a colon, a table cell, a
  caption); pofilter's ``startcaps`` compares the same thing. Leading punctuation and markup
  (``¿ ¡ « " ( [ * _ #``) are skipped; a text that starts with a digit or a symbol, or a
  source word with a capital inside ("iPhone", "eBay"), is not judged.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from toolkit.checks.lang import attribute
from toolkit.checks.pair import MASK, Pair

# Sentence-final marks, with the full-width forms of CJK text.
_END_MARKS = {
    ".": ".", "\u3002": ".", "?": "?", "\uff1f": "?", "!": "!", "\uff01": "!",
    ":": ":", "\uff1a": ":", ";": ";", "…": "…",
}  # fmt: skip
_CLOSERS = "\"'”\u2019»\u203a)]*_~\u00b7" + MASK  # \u00b7: the pseudo engine's padding


def _end_core(prose: str) -> str:
    return prose.rstrip().rstrip(_CLOSERS + " \u00a0")


def _end_mark(prose: str) -> str:
    core = _end_core(prose)
    if core.endswith("..."):
        return "…"
    return _END_MARKS.get(core[-1:], "")


def check_endpunc(p: Pair) -> Iterator[str]:
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


def check_brackets(p: Pair) -> Iterator[str]:
    for opener, closer in (("(", ")"), ("[", "]")):
        if _balanced(p.src_prose, opener, closer) and not _balanced(p.tgt_prose, opener, closer):
            yield f'unbalanced "{opener} {closer}" in the translation'
    if p.target_lang in _INVERTED_LANGS:
        text = _DOUBT_MARK.sub(MASK, p.tgt_prose) if "(" in p.tgt_prose else p.tgt_prose
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


def check_quotes(p: Pair) -> Iterator[str]:
    # Judged over all quote styles at once: the translator may turn "..." into «...».
    has_quotes = '"' in p.tgt_prose or any(c in p.tgt_prose for c in "“”«»")
    if has_quotes and next(_quote_problems(p.src_prose), None) is None:
        yield from _quote_problems(p.tgt_prose)


# --------------------------------------------------------------------------- abbreviations

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
    for abbreviation in attribute(lang, "ABBREVIATIONS", ()):
        if text.endswith(abbreviation) or squeezed.endswith(abbreviation.replace(" ", "")):
            start = len(text) - len(abbreviation)
            if start <= 0 or not text[start - 1].isalnum():
                return True
    return False


# --------------------------------------------------------------------------- startcaps

_LEAD = re.compile(r"^[\W_]*?(?=\w)", re.S)


def _first_word(text: str) -> str:
    match = _LEAD.match(text)
    if match is None or MASK in match.group(0):
        return ""  # starts with code, a URL or a placeholder: its case is not the text's
    word = re.match(r"\w+", text[match.end() :])
    return word.group(0) if word else ""


def check_startcaps(p: Pair) -> Iterator[str]:
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
