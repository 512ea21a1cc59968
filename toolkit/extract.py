"""``l10n extract``: articles to templates (.pot) and catalogs (.po), msgmerge-style."""

from __future__ import annotations

import re
from contextlib import closing
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from toolkit.article import Article, load_article
from toolkit.catalog import (
    SourceUnit,
    build_template,
    now_stamp,
    parse_po_bytes,
    render_catalog,
    template_header,
)
from toolkit.config import Workspace
from toolkit.entry import Catalog
from toolkit.errors import ConflictError, InputError
from toolkit.files.batch import ChangedOnDisk, WriteBatch
from toolkit.files.reading import Snapshot
from toolkit.header import catalog_header
from toolkit.markdown.blocks import parse, translatable
from toolkit.markdown.parser import NestingError
from toolkit.markdown.sentences import block_segments
from toolkit.parallel import ordered_map
from toolkit.polex import NUL_MESSAGE
from toolkit.pomerge import MergeStats, merge


def article_units(article: Article, unit: str) -> list[SourceUnit]:
    """Every translatable occurrence, front-matter prose first, then the body in order."""
    units = [
        SourceUnit(text, f"front matter {key}", article.path, line)
        for key, text, line in article.translatable_fields()
    ]
    # No catalog can hold a NUL (gettext ends a string there); markdown-it would turn it
    # into U+FFFD, so the entry would no longer match the article.
    for each in units:
        if "\x00" in each.text:
            raise InputError(NUL_MESSAGE, article.path, each.line)
    nul = article.body.find("\x00")
    if nul >= 0:
        raise InputError(
            NUL_MESSAGE, article.path, article.body_line + article.body.count("\n", 0, nul)
        )
    try:
        doc = parse(article.body)
    except NestingError as exc:  # its line is the body's
        line = article.body_line + (exc.line or 1) - 1
        raise InputError(exc.message, article.path, line) from None
    for block in doc.blocks:
        line = article.body_line + block.line - 1
        for text, _sep in block_segments(block, unit, article.language):
            if translatable(text):
                units.append(SourceUnit(text, block.kind, article.path, line))
    return units


@dataclass
class PlannedWrite:
    path: Path
    shown: str
    text: str
    snapshot: Snapshot


@dataclass
class ExtractResult:
    slug: str
    pot: str
    entries: int
    catalogs: dict[str, MergeStats] = field(default_factory=dict)
    written: list[str] = field(default_factory=list)


def plan_extract(ws: Workspace, slug: str, unit: str) -> tuple[ExtractResult, list[PlannedWrite]]:
    """Everything extract would write for one article, computed without writing."""
    path = ws.article_path(slug)
    article = load_article(path, ws.rel(path))
    units = article_units(article, unit)
    pot_path = ws.pot_path(slug)
    pot_shown = ws.rel(pot_path)
    pot_snap = Snapshot.take(pot_path, pot_shown)
    created = _old_creation_date(pot_snap, pot_shown) or now_stamp()
    template = build_template(units, template_header(slug, created))
    pot_text = render_catalog(template)
    if pot_snap.data is not None and pot_text.encode() != pot_snap.data:
        # The source changed: date the new template now (unchanged input keeps its date).
        template.header["POT-Creation-Date"] = now_stamp()
        pot_text = render_catalog(template)
    result = ExtractResult(slug, pot_shown, len(template.entries))
    writes = [PlannedWrite(pot_path, pot_shown, pot_text, pot_snap)]
    team = ws.config.team
    translator = ", ".join(ws.config.translators)
    for lang in ws.config.target_languages:
        po_path = ws.po_path(slug, lang)
        shown = ws.rel(po_path)
        old: Catalog | None = None
        snap = Snapshot.take(po_path, shown)
        if snap.data is not None:  # parse the bytes the snapshot holds: one read, not two
            old = parse_po_bytes(snap.data, shown)
        header = catalog_header(template, lang, old, team or _team_name(lang), translator)
        merged, stats = merge(old, template, header, article.language)
        result.catalogs[lang] = stats
        writes.append(PlannedWrite(po_path, shown, render_catalog(merged), snap))
    return result, writes


def _team_name(lang: str) -> str:
    from toolkit.lang import language_name

    return language_name(lang, "en")


# The header field as the toolkit (and gettext) writes it: one line of the header entry.
_CREATION_DATE = re.compile(rb'^"POT-Creation-Date: ([^"\\]*)\\n"$', re.MULTILINE)


def _old_creation_date(snap: Snapshot, shown: str) -> str | None:
    if snap.data is None:
        return None
    # Fast path: read the field from the header entry (everything before the first blank
    # line) instead of parsing the whole template with polib, which was a third of the time
    # of a re-run on an unchanged archive.
    head = snap.data.split(b"\n\n", 1)[0]
    if head.startswith(b"#") or head.startswith(b'msgid ""'):
        found = _CREATION_DATE.findall(head)
        if len(found) == 1:
            try:
                return str(found[0].decode("utf-8"))
            except UnicodeDecodeError:
                pass

    try:
        return parse_po_bytes(snap.data, shown).header.get("POT-Creation-Date")
    except InputError:
        return None  # a broken template is regenerated from the article


def extract(
    ws: Workspace, slugs: list[str] | None, unit: str | None = None, jobs: int | None = None
) -> list[ExtractResult]:
    """Extract the articles; nothing replaces a file until every article is computed, so an
    error writes nothing. ``jobs``: processes for an archive (0: one per core; default
    ``[tool.l10n] jobs``)."""
    chosen = unit or ws.config.unit
    plans: list[tuple[ExtractResult, list[PlannedWrite]]] = []
    batch = WriteBatch(ws.root)  # each file starts to disk while the next article is computed
    try:
        planned = ordered_map(
            partial(plan_extract, ws, unit=chosen),
            ws.resolve_slugs(slugs),
            ws.config.jobs if jobs is None else jobs,
        )
        with closing(planned):  # an error here stops the workers now, not when collected
            for result, writes in planned:
                plans.append((result, writes))
                for w in writes:
                    batch.add(w.path, w.text, w.shown, w.snapshot)
        for _result, writes in plans:
            for w in writes:
                if w.snapshot.changed():
                    raise ConflictError(
                        "changed on disk while extracting; nothing written, run again", w.shown
                    )
        # All or nothing: a folder that cannot be written leaves every file as it was, and
        # so does a catalog saved since it was read (the batch looks again before renaming).
        try:
            flags = batch.commit()
        except ChangedOnDisk as exc:
            raise ConflictError(
                "changed on disk while extracting; nothing written, run again", exc.path
            ) from None
    except BaseException:  # Ctrl-C included: no temporary file stays
        batch.abort()
        raise
    everything = [(result, w) for result, writes in plans for w in writes]
    for (result, w), written in zip(everything, flags, strict=True):
        if written:
            result.written.append(w.shown)
    return [r for r, _ in plans]
