"""Sentences of a block's text, for sentence unit and machine translation.

Sentences come from pysbd, a rule-based segmenter (the Golden Rules set: abbreviations,
initials, decimals, quotations), in windows on long texts, and are merged back wherever a
split would cut through a code span, link or emphasis (:class:`MarkupCuts`).
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from toolkit.markdown.blocks import Block
from toolkit.markdown.tracking import MarkupCuts

_MARKUP = re.compile(r"[`\[\]*_<]")

# pysbd's cost grows with the square of its input: for each abbreviation it finds it runs a
# regular expression over the whole text again, and ``Segmenter.segment`` maps each sentence
# back to the text with a regular expression compiled for it and run from the start
# (measured here: 10 kB in 0.13 s, 40 kB in 1.4 s, so minutes for 1 MB). Here a long text
# is segmented in windows, and sentences are mapped back by :func:`_pysbd`.
LONG_TEXT = 8_000  # characters; news paragraphs are far shorter and take the plain path
WINDOW = 2_000
MARGIN = 400  # the least right-hand context every boundary found in a window has seen


@lru_cache(maxsize=8)
def _segmenter(lang: str) -> Any:
    import pysbd
    from pysbd.languages import LANGUAGE_CODES

    code = lang.split("-")[0].split("_")[0].lower()
    return pysbd.Segmenter(language=code if code in LANGUAGE_CODES else "en", clean=False)


def _pysbd_pieces(text: str, lang: str) -> list[str]:
    """pysbd's sentences of ``text``, each with the whitespace after it, in linear time.

    A text longer than ``LONG_TEXT`` goes through pysbd one ``WINDOW`` at a time. A window
    starts where a sentence starts, and only its sentences that end at least ``MARGIN``
    characters before the window's end are kept; the next window starts after them. pysbd
    decides a boundary from the words around it, so with that much context on both sides
    the windows find the boundaries one call on the whole text finds (tested on generated
    news text). Where the two differed, the single call was the one in error: it cut "case
    No. | 9." once, and on a text that repeats a sentence word for word its mapping of
    sentences back to the text goes astray. A run of ``WINDOW - MARGIN`` characters with no
    sentence end is cut after its last whitespace: a "sentence" that long is no unit a
    translator could reuse anyway.
    """
    if len(text) <= LONG_TEXT:
        return _pysbd(text, lang)
    pieces: list[str] = []
    pos = 0
    while len(text) - pos > WINDOW:
        window = text[pos : pos + WINDOW]
        found = _pysbd(window, lang)
        taken = 0
        if "".join(found) == window:
            for piece in found[:-1]:
                if taken + len(piece) > WINDOW - MARGIN:
                    break
                pieces.append(piece)
                taken += len(piece)
        if taken == 0:
            taken = _forced_cut(window, WINDOW - MARGIN)
            pieces.append(window[:taken])
        pos += taken
    rest = text[pos:]
    found = _pysbd(rest, lang)
    pieces.extend(found if "".join(found) == rest else [rest])
    return pieces


_SPACES_AFTER = re.compile(r"\s*")
# In a block's text a line ending is either a hard break's or content of a construct (a link
# title, a code span, raw HTML; see join_checked). pysbd ends a sentence at every line
# ending: inside a title that left its closing quote to open a "quotation" that swallowed
# the next forty sentences. So it sees those line endings as spaces.
_CONTENT_NEWLINE = re.compile(r"(?<!  )(?<!\\)\n")


def _pysbd(text: str, lang: str) -> list[str]:
    """What ``Segmenter.segment`` returns with ``clean=False``, each sentence found after
    the one before it with ``str.find`` instead of a regular expression compiled per
    sentence and run from the start of the text. A sentence pysbd altered is not found and
    leaves a gap, which the caller sees (the pieces no longer join to the text)."""
    seen = _CONTENT_NEWLINE.sub(" ", text)  # same length: its offsets are the text's
    sentences: list[str] = _segmenter(lang).processor(seen).process()
    pieces: list[str] = []
    pos = 0
    for sentence in sentences:
        start = seen.find(sentence, pos)
        if start < 0:
            continue
        match = _SPACES_AFTER.match(seen, start + len(sentence))
        end = match.end() if match else start + len(sentence)
        pieces.append(text[start:end])
        pos = end
    return pieces


def _forced_cut(window: str, limit: int) -> int:
    """Where to cut a window with no sentence end: after its last whitespace before ``limit``."""
    for i in range(limit - 1, 0, -1):
        if window[i].isspace():
            end = i + 1
            while end < len(window) and window[end].isspace():
                end += 1
            return end
    return limit  # one word longer than the limit: cut it


def split_sentences(text: str, lang: str = "en") -> list[tuple[str, str]]:
    """Sentences of ``text`` with the whitespace after each: ``"".join(s + sep)`` is ``text``.

    Where a cut would change how the text's inline Markdown renders (it goes through a
    code span, a link or emphasis, or the whitespace at the cut is a hard break), the
    sentences on either side stay one unit.
    """
    pieces = _pysbd_pieces(text, lang) if text.strip() else [text]
    if "".join(pieces) != text:  # pysbd never drops text with clean=False; refuse if it did
        return [(text.strip(), "")] if text.strip() == text else [(text, "")]
    pairs: list[tuple[str, str]] = []
    for piece in pieces:
        body = piece.rstrip()
        pairs.append((body, piece[len(body) :]))
    cuts_markup = MarkupCuts(text) if _MARKUP.search(text) else None
    merged: list[tuple[str, str]] = []
    offset = 0
    for sent, sep in pairs:
        if merged and (
            not sent
            or (cuts_markup is not None and cuts_markup(offset - len(merged[-1][1]), offset))
        ):
            prev, prev_sep = merged.pop()
            merged.append((prev + prev_sep + sent, sep))
        else:
            merged.append((sent, sep))
        offset += len(sent) + len(sep)
    return merged


def block_segments(block: Block, unit: str, lang: str = "en") -> list[tuple[str, str]]:
    """The units of one block with their separators: the block itself, or its sentences."""
    if unit == "sentence":
        return split_sentences(block.text, lang)
    return [(block.text, "")]
