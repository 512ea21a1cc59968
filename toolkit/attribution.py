"""The notices every edition carries: the byline at the top, the credits at the bottom.

The licence of a republished article usually asks for the publisher in the byline and links
to the original at the top and the bottom. The notices are built once, as paragraphs of
plain text and links, and rendered by each format (``toolkit.editions``), so the four
outputs cannot disagree. Their wording is the toolkit's own, in English in the code and
translated through ``toolkit.i18n``; nothing is invented: a missing author, date or licence
is simply not mentioned.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from urllib.parse import urlsplit

from toolkit.i18n import join_names, long_date, notice_language, translations
from toolkit.lang import language_name
from toolkit.markdown.assembly import Assembly


@dataclass(frozen=True)
class Link:
    text: str
    url: str


Inline = str | Link
Paragraph = tuple[Inline, ...]


@dataclass(frozen=True)
class Attribution:
    top: Paragraph
    bottom: tuple[Paragraph, ...]
    lang: str  # the language the notices are written in (see i18n.notice_language)
    # Unreviewed or missing translation: shown under the byline, and again in ``bottom``.
    notices: tuple[Paragraph, ...] = ()


_SCHEMES = ("http", "https")
_SPACE = re.compile(r"\s")


def safe_url(value: str | None) -> str | None:
    """An article's URL fit for a link: absolute http(s) only, so no ``javascript:``."""
    if not value:
        return None
    url = value.strip()
    try:
        parts = urlsplit(url)
    except ValueError:
        return None
    if parts.scheme.lower() not in _SCHEMES or not parts.netloc or _SPACE.search(url):
        return None
    return url


_FIELD = re.compile(r"\{(\w+)\}")


def expand(template: str, **values: Inline) -> Paragraph:
    """``template`` with each ``{name}`` replaced by a value, kept as its own piece.

    Substituting pieces instead of formatting a string keeps the translation's word order
    and leaves escaping to the renderer.
    """
    out: list[Inline] = []
    pos = 0
    for match in _FIELD.finditer(template):
        if match.start() > pos:
            out.append(template[pos : match.start()])
        out.append(values[match.group(1)])
        pos = match.end()
    if pos < len(template):
        out.append(template[pos:])
    return tuple(out)


def attribution(edition: Assembly) -> Attribution:
    article = edition.article
    lang = notice_language(edition.lang)
    _ = translations(lang).gettext
    language = language_name(article.language, lang)
    url = safe_url(article.get("source_url"))
    publisher = article.get("publisher")
    authors = article.meta.get("author")  # one name, or a list of them (several bylines)
    if isinstance(authors, list):
        author = join_names([str(a) for a in authors if str(a).strip()], lang) or None
    else:
        author = article.get("author")
    when = long_date(article.meta.get("date"), lang)

    parts: list[Paragraph] = []
    if author and publisher:
        parts.append(expand(_("By {author}, {publisher}"), author=author, publisher=publisher))
    elif author or publisher:
        parts.append(expand(_("By {author}"), author=author or publisher or ""))
    if when:
        parts.append((when,))
    if url:
        read = _("Read the original in {language}").format(language=language)
        parts.append((Link(read, url),))
    top: list[Inline] = []
    for part in parts:
        top += [" · ", *part] if top else part

    original: Inline = Link(article.title, url) if url else article.title
    by = publisher or author
    bottom: list[Paragraph] = []
    if by and when:
        text = _("Originally published in {language} by {publisher} on {date}: {original}")
    elif by:
        text = _("Originally published in {language} by {publisher}: {original}")
    elif when:
        text = _("Originally published in {language} on {date}: {original}")
    else:
        text = _("Originally published in {language}: {original}")
    bottom.append(
        expand(text, language=language, publisher=by or "", date=when or "", original=original)
    )
    licence = article.get("license")
    if licence:
        licence_url = safe_url(article.get("license_url"))
        shown: Inline = Link(licence, licence_url) if licence_url else licence
        bottom.append(expand(_("Licence: {license}"), license=shown))
    if edition.translators:  # none unless a translator reviewed at least one entry
        names = join_names(edition.translators, lang)
        bottom.append(expand(_("Translation: {translators}"), translators=names))
    notices = _notices(edition, lang, _, language)
    bottom.extend(notices)
    return Attribution(tuple(top), tuple(bottom), lang, tuple(notices))


def _notices(
    edition: Assembly, lang: str, _: Callable[[str], str], language: str
) -> list[Paragraph]:
    """What a reader must know about the text itself: unreviewed or missing translation."""
    notes: list[Paragraph] = []
    nothing_reviewed = edition.reviewed == 0
    if edition.engines:
        engines = join_names(edition.engines, lang)
        if nothing_reviewed:  # then no translator is credited either
            text = _(
                "This edition is machine translation awaiting review by a translator ({engines})."
            )
        else:
            text = _(
                "This edition includes machine translation that no translator has "
                "reviewed yet ({engines})."
            )
        notes.append(expand(text, engines=engines))
    if any(u.state == "fuzzy" and not u.engine for u in edition.units):
        if nothing_reviewed and not edition.engines:
            notes.append((_("No translator has reviewed this translation yet."),))
        else:
            notes.append((_("Some passages of this translation have not been reviewed yet."),))
    if edition.has_untranslated:
        notes.append(
            expand(
                _("Some passages have not been translated yet and appear in {language}."),
                language=language,
            )
        )
    return notes


def plain(paragraph: Sequence[Inline]) -> str:
    """A paragraph's text without its links (for tests and plain-text uses)."""
    return "".join(p.text if isinstance(p, Link) else p for p in paragraph)
