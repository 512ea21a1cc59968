"""The toolkit's own strings in the reader's language: gettext catalogs compiled by Babel.

The sources are English (``_("By {publisher}")`` in the code); their translations live in
``toolkit/messages/<lang>/LC_MESSAGES/toolkit.po``, shipped as package data. Each catalog is
read by the toolkit's one catalog reader (``toolkit.catalog``) and compiled in memory the
first time it is needed (Babel's ``write_mo``, a few milliseconds), so a fresh clone, an
editable install and a wheel all work with no build step and no ``.mo`` file to keep in sync.
A language without a catalog gets the English strings.

Update the template after changing a string::

    pybabel extract -F toolkit/messages/babel.cfg -o toolkit/messages/toolkit.pot \\
        --project article-l10n --no-location --sort-output .
    pybabel update -i toolkit/messages/toolkit.pot -d toolkit/messages -D toolkit --no-location
"""

from __future__ import annotations

import gettext
import io
from collections.abc import Sequence
from datetime import date, datetime
from functools import lru_cache
from importlib import resources
from importlib.resources.abc import Traversable

from babel.dates import format_date
from babel.lists import format_list
from babel.messages.catalog import Catalog as BabelCatalog
from babel.messages.mofile import write_mo

from toolkit.lang import locale_for

DOMAIN = "toolkit"
SOURCE_LANGUAGE = "en"  # the language of the strings in the code


def catalog_candidates(lang: str) -> list[str]:
    """Catalog folders to try for ``lang``, most specific first: es_MX, then es."""
    locale = locale_for(lang)
    names = [str(locale), locale.language]
    return list(dict.fromkeys(names))


@lru_cache(maxsize=16)  # package data: asked once per article of a build, found once
def _catalog_file(lang: str) -> tuple[str, Traversable] | None:
    folder = resources.files("toolkit").joinpath("messages")
    for name in catalog_candidates(lang):
        po = folder.joinpath(name, "LC_MESSAGES", f"{DOMAIN}.po")
        if po.is_file():
            return name, po
    return None


def notice_language(lang: str) -> str:
    """The language the toolkit's notices are written in for an edition in ``lang``.

    ``lang`` itself when the toolkit has a catalog for it, else English: the notices then
    read in English throughout, dates and language names included, not half and half.
    """
    return lang if _catalog_file(lang) else SOURCE_LANGUAGE


@lru_cache(maxsize=16)
def translations(lang: str) -> gettext.NullTranslations:
    """The toolkit's messages for ``lang``; English (the sources) when there is no catalog."""
    found = _catalog_file(lang)
    if found is None:
        return gettext.NullTranslations()
    name, po = found
    from toolkit.catalog import parse_po_bytes  # polib: only when a catalog is needed

    catalog = parse_po_bytes(po.read_bytes(), f"toolkit/messages/{name}/LC_MESSAGES/{DOMAIN}.po")
    compiled = BabelCatalog(locale=name, domain=DOMAIN)
    # The header first: Babel takes Plural-Forms from it, as it does reading a file.
    compiled.add("", "".join(f"{field}: {value}\n" for field, value in catalog.header.items()))
    for entry in catalog.live:
        if entry.msgid_plural is None:
            compiled.add(entry.msgid, entry.msgstr, flags=entry.flags, context=entry.msgctxt)
        else:
            forms = tuple(text for _, text in sorted(entry.msgstr_plural.items()))
            key = (entry.msgid, entry.msgid_plural)
            compiled.add(key, forms, flags=entry.flags, context=entry.msgctxt)
    buffer = io.BytesIO()
    write_mo(buffer, compiled)  # fuzzy entries are left out, as msgfmt does
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


def long_date(value: object, lang: str) -> str | None:
    """A front-matter date for readers of ``lang`` ("19 de junio de 2017").

    YAML gives a ``date`` for ``2017-06-19``; a string that is not an ISO date is shown as
    written (it is the publisher's, never reinterpreted); nothing gives None.
    """
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        value = value.date()
    if not isinstance(value, date):
        try:
            value = date.fromisoformat(str(value).strip())
        except ValueError:
            return str(value)
    return format_date(value, format="long", locale=locale_for(lang))


def join_names(names: Sequence[str], lang: str) -> str:
    """ "Ana, Luis y Marta": a list the way ``lang`` writes it."""
    return format_list(list(names), locale=locale_for(lang)) if names else ""
