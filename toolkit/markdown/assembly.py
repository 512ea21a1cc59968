"""Reassembly: an article and its catalog give the translated article, and the aligned pairs
of the bilingual edition.

Each unit (a block, or a sentence of a block) is replaced by its msgstr and everything else
stays as it was (:func:`toolkit.markdown.reassemble.rebuild`). A unit shows its translation
when the entry is reviewed, or fuzzy and ``include_fuzzy`` is set; otherwise the source
text, so the edition still reads in order. Pure: no files, no printing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property, partial
from typing import Any

from toolkit.article import Article
from toolkit.entry import Catalog, Entry, mt_engine
from toolkit.markdown.blocks import Block, Document, parse, translatable
from toolkit.markdown.reassemble import placed_text, rebuild
from toolkit.markdown.rows import Parts, Row, blocks_only, body_rows, marked
from toolkit.markdown.sentences import block_segments
from toolkit.percent import percent
from toolkit.sanitize import references, safe_translation


@dataclass(frozen=True)
class Unit:
    source: str
    target: str  # the translation shown, or the source when none is shown
    state: str  # one of STATES
    engine: str | None = None  # machine translation engine of a fuzzy translation shown


@dataclass(frozen=True)
class Assembly:
    article: Article
    lang: str
    meta: dict[str, Any]  # the translated front matter
    body: str  # the translated Markdown body
    units: tuple[Unit, ...]  # every distinct unit of the article, in order
    translators: tuple[str, ...]  # credited only when at least one unit is reviewed
    parts: Parts = field(repr=False, compare=False)
    missing: tuple[str, ...] = ()  # units of the article the catalog has no entry for
    unused: tuple[str, ...] = ()  # live entries of the catalog the article no longer has
    note: str | None = None  # the edition's note, Markdown (toolkit.note); not a translation

    @cached_property
    def rows(self) -> tuple[Row, ...]:
        """Front-matter fields first, then the body: what the bilingual editions align.

        Made on first use: a Markdown edition alone needs no rows, and chunking the body
        parses it once more.
        """
        return (*self.parts.fields, *body_rows(self.parts, self.parts.texts))

    @property
    def fields(self) -> tuple[Row, ...]:
        """The front-matter rows alone (title, deck...), without chunking the body."""
        return self.parts.fields

    @cached_property
    def env(self) -> dict[str, Any]:
        """markdown-it env of the source: its link reference definitions, for row HTML."""
        env: dict[str, Any] = {}
        if "]:" in self.article.body:  # a definition needs one; the block pass finds them
            blocks_only().parse(self.article.body, env)
        return env

    @property
    def total(self) -> int:
        return len(self.units)

    @property
    def reviewed(self) -> int:
        return sum(1 for u in self.units if u.state == "reviewed")

    @property
    def percent(self) -> float:
        """Percent of units translated and reviewed (``toolkit.percent``): what the gate
        measures."""
        return percent(self.reviewed, self.total)

    @property
    def stale(self) -> bool:
        """The catalog does not match the article as it is now (see :func:`assemble`)."""
        return bool(self.missing or self.unused)

    def marked_body(self, mark: str) -> str:
        """The body with ``mark`` at the start of every block that shows unreviewed text."""
        return rebuild(self.parts.doc, list(marked(self.parts, mark)))

    def marked_rows(self, mark: str) -> tuple[Row, ...]:
        """:attr:`rows` with ``mark`` at the start of every block showing unreviewed text."""
        if not self.has_fuzzy:
            return self.rows
        return (*self.parts.fields, *body_rows(self.parts, marked(self.parts, mark)))

    @property
    def engines(self) -> tuple[str, ...]:
        """Engines whose unreviewed output is shown."""
        return tuple(sorted({u.engine for u in self.units if u.engine}))

    @property
    def has_fuzzy(self) -> bool:
        return any(u.state == "fuzzy" for u in self.units)

    @property
    def has_untranslated(self) -> bool:
        return any(u.state == "untranslated" for u in self.units)


class _Lookup:
    """msgid → what to show, remembering each distinct unit once (in order)."""

    def __init__(self, catalog: Catalog, include_fuzzy: bool) -> None:
        self.index = catalog.index()
        self.include_fuzzy = include_fuzzy
        self.units: dict[str, Unit] = {}

    def __contains__(self, msgid: str) -> bool:
        return self._entry(msgid) is not None

    def unused(self) -> tuple[str, ...]:
        """The catalog's texts the article no longer holds, in catalog order."""
        return tuple(
            msgid
            for (msgctxt, msgid) in self.index
            if msgctxt is None and msgid not in self.units and self._entry(msgid) is not None
        )

    def _entry(self, msgid: str) -> Entry | None:
        """The entry an article's text stands for: no context, no plural."""
        entry = self.index.get((None, msgid))
        return entry if entry is not None and entry.msgid_plural is None else None

    def __call__(self, text: str) -> Unit:
        unit = self.units.get(text)
        if unit is None:
            unit = self._unit(text)
            self.units[text] = unit
        return unit

    def _unit(self, text: str) -> Unit:
        entry = self._entry(text)
        # A blank msgstr would delete the text it stands for: it counts as untranslated.
        if entry is None or not entry.translated or not entry.msgstr.strip():
            return Unit(text, text, "untranslated")
        if not entry.fuzzy:
            return Unit(text, entry.msgstr, "reviewed")
        if self.include_fuzzy:
            return Unit(text, entry.msgstr, "fuzzy", mt_engine(entry))
        return Unit(text, text, "untranslated")


def assemble(
    article: Article,
    catalog: Catalog,
    lang: str,
    unit: str = "paragraph",
    include_fuzzy: bool = False,
    translators: Sequence[str] = (),
) -> Assembly:
    """The translated article, its front matter and its aligned rows.

    Freshness: the units the article needs as it is now (parsed here, in the catalog's unit)
    are compared with the catalog's live entries. A unit without an entry (a changed or new
    passage) or an entry without a unit (a changed or removed one) makes the edition
    ``stale``; ``l10n extract`` makes them agree again. An edit that changes no unit (a code
    block, a URL of a link reference definition, the order or the wrapping of paragraphs,
    metadata) leaves the catalog current: every unit of the edition still has its reviewed
    translation, and the rest of the article is published as it is now.
    """
    lookup = _Lookup(catalog, include_fuzzy)
    fields: list[Row] = []
    field_units: dict[str, Unit] = {}
    for key, text, _line in article.translatable_fields():
        found = lookup(text)
        field_units[key] = found
        fields.append(Row(key, text, found.target, found.state))

    doc = parse(article.body)
    lang_of = article.language
    per_block = [_block_units(block, lookup, unit, lang_of) for block in doc.blocks]
    # Each block's translation is held to its source block: no raw HTML or link scheme
    # the source lacks reaches an edition (toolkit.sanitize), whatever ``check`` silences.
    refs = references(article.body)
    texts = tuple(
        _safe(_joined(parts), doc, block, refs)
        for parts, block in zip(per_block, doc.blocks, strict=True)
    )
    body = rebuild(doc, list(texts))
    states = tuple(tuple(u.state for u, _sep in parts) for parts in per_block)

    units = tuple(lookup.units.values())
    reviewed = any(u.state == "reviewed" for u in units)
    # Nobody is credited for a text nobody reviewed (a pseudo or machine pre-fill alone).
    people = _translators(catalog, translators) if reviewed else ()
    engines = sorted({u.engine for u in units if u.engine})
    meta = translated_meta(article, lang, field_units, people, engines)
    missing = tuple(text for text in lookup.units if text not in lookup)
    unused = lookup.unused()
    parts = Parts(tuple(fields), doc, texts, states)
    return Assembly(article, lang, meta, body, units, people, parts, missing, unused)


def _block_units(block: Block, lookup: _Lookup, unit: str, lang: str) -> list[tuple[Unit, str]]:
    """The units of one block and their separators, in the unit the catalog was made with.

    The block's whole text is looked up first: a paragraph-unit entry, or a one-sentence
    block in sentence unit (in sentence unit, sentences that all have entries win: the whole
    text may be the title's entry, while extract split the block). Otherwise the block is split into sentences when the workspace
    uses sentence unit or the catalog holds any of them (a catalog extracted with
    ``--unit sentence`` in a paragraph workspace still reassembles).
    """
    text = block.text
    # A block without a letter was not extracted, and neither could a sentence of it be.
    if not translatable(text):
        return [(Unit(text, text, "reviewed"), "")] if text.strip() else []
    # Split only when the answer needs the sentences: in paragraph unit a block found whole
    # needs none, and pysbd was nine tenths of the rebuild when every block was split.
    if text in lookup:
        if unit != "sentence":
            return [(lookup(text), "")]  # the usual answer: one unit, the whole block
        sentences = block_segments(block, "sentence", lang)
        # The whole text may be an entry of its own (the title, another paragraph) while
        # extract split this block: its sentences are what it needs.
        if not all(s in lookup for s, _ in sentences if translatable(s)):
            return [(lookup(text), "")]
    else:
        sentences = block_segments(block, "sentence", lang)
        if unit != "sentence" and not any(s in lookup for s, _ in sentences):
            return [(lookup(text), "")]
    # Pieces without a letter were never extracted: they are kept, not counted.
    return [
        (lookup(piece) if translatable(piece) else Unit(piece, piece, "reviewed"), sep)
        for piece, sep in sentences
        if piece.strip() or sep
    ]


def _joined(parts: list[tuple[Unit, str]]) -> str | None:
    """The block's text for ``rebuild``; None keeps the source bytes of an untranslated block.

    A translation equal to its source still goes through ``rebuild`` (one line per block),
    which is what the identity tests exercise.
    """
    if all(u.state == "untranslated" for u, _ in parts):
        return None
    return "".join(u.target + sep for u, sep in parts)


def _safe(text: str | None, doc: Document, block: Block, refs: dict[str, Any]) -> str | None:
    """The translation held to its source block as the edition places it (its escapes)."""
    if text is None or text == block.text:
        return text  # what safe_translation answers for a text equal to its source
    return safe_translation(text, block.text, refs, partial(placed_text, doc, block))


_EMAIL = re.compile(r"\s*<[^>]*>")
_PLACEHOLDER = "FULL NAME <EMAIL@ADDRESS>"


def _translators(catalog: Catalog, configured: Sequence[str]) -> tuple[str, ...]:
    """Names from the catalog's Last-Translator and the config, without e-mail addresses."""
    names: list[str] = []
    header = catalog.header.get("Last-Translator", "").strip()
    raw = [] if header == _PLACEHOLDER else header.split(",")
    for item in [*raw, *configured]:
        name = _EMAIL.sub("", item).strip()
        if name and name not in names:
            names.append(name)
    return tuple(names)


def translated_meta(
    article: Article,
    lang: str,
    fields: dict[str, Unit],
    translators: tuple[str, ...],
    engines: Sequence[str],
) -> dict[str, Any]:
    """The front matter of the translated edition.

    Metadata (URLs, date, licence, unknown keys) is kept as it is; prose fields take their
    translation; ``language`` becomes the target, and ``translation_of`` records the
    original's language and title. Translators and unreviewed machine translation are named
    so that a publisher's templates can credit or flag them; ``unreviewed`` lists the prose
    fields whose translation nobody has reviewed.
    """
    meta = dict(article.meta)
    for key, found in fields.items():
        meta[key] = found.target
    meta["language"] = lang
    meta["translation_of"] = {"language": article.language, "title": article.title}
    if translators:
        meta["translators"] = list(translators)
    if engines:
        meta["machine_translation"] = list(engines)
    unreviewed = [key for key, found in fields.items() if found.state == "fuzzy"]
    if unreviewed:  # the Markdown editions' marker for prose kept in the front matter
        meta["unreviewed"] = unreviewed
    return meta
