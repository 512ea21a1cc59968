"""The PO header: which fields the toolkit owns, and which belong to the translator's tools.

A catalog's header is the translator's: Poedit, msgmerge and msginit each write it in their
own order (msgmerge and Poedit put ``Language`` right after ``Language-Team``), msginit
writes gettext's two-form ``Plural-Forms`` for Spanish, Poedit adds ``X-Generator`` and its
``X-Poedit-*`` fields. Rewriting any of that made every save of the translator's tool and
every ``l10n extract`` undo each other in ``git diff``. So, for an existing catalog:

- every field keeps its position and value;
- the toolkit updates only what it owns: ``POT-Creation-Date``, copied from the template
  (it changes only when the template does, as msgmerge does);
- a field that is absent is added at the end, and an empty ``Language`` or ``Plural-Forms``
  is filled in place (msgfmt needs both); every other empty value is the translator's
  choice and stays empty;
- ``charset=CHARSET`` (an uninitialized template copy) becomes UTF-8, the encoding the
  toolkit writes.

A new catalog gets the template's header plus ``Language``, Babel's ``Plural-Forms``, the
team and the translators of ``[tool.l10n]``.
"""

from __future__ import annotations

from toolkit.entry import Catalog
from toolkit.lang import plural_forms

OWNED = ("POT-Creation-Date",)
_FILLED_WHEN_EMPTY = ("Language", "Plural-Forms")


def new_catalog_header(template: Catalog, lang: str, team: str, translator: str) -> dict[str, str]:
    header = dict(template.header)
    header.update(
        {
            "PO-Revision-Date": header.get("POT-Creation-Date", ""),
            "Last-Translator": translator,
            "Language-Team": team,
            "Language": lang,
            "Plural-Forms": plural_forms(lang),
        }
    )
    return header


def catalog_header(
    template: Catalog, lang: str, old: Catalog | None, team: str, translator: str
) -> dict[str, str]:
    """The PO header after an update: ``old``'s as its tools wrote it, see the module doc."""
    fresh = new_catalog_header(template, lang, team, translator)
    if old is None or not old.header:
        return fresh
    header = dict(old.header)
    for key in OWNED:
        if key in template.header:
            header[key] = template.header[key]
    for key in _FILLED_WHEN_EMPTY:
        if key in header and not header[key].strip():
            header[key] = fresh[key]
    for key, value in fresh.items():
        header.setdefault(key, value)
    content_type = header.get("Content-Type", "")
    if "charset=CHARSET" in content_type:
        header["Content-Type"] = content_type.replace("charset=CHARSET", "charset=UTF-8")
    return header
