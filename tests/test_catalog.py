"""Catalog parsing and msgmerge-style updates."""

from __future__ import annotations

import pytest

from toolkit.catalog import SourceUnit, build_template, parse_catalog, template_header
from toolkit.entry import Catalog, Entry
from toolkit.errors import InputError
from toolkit.pomerge import merge


def template(*texts: str) -> Catalog:
    units = [SourceUnit(t, "paragraph", "articles/a.md", n) for n, t in enumerate(texts, 1)]
    return build_template(units, template_header("a", "2026-01-01 00:00+0000"))


def translated(cat: Catalog, **pairs: str) -> Catalog:
    for entry in cat.entries:
        if entry.msgid in pairs:
            entry.msgstr = pairs[entry.msgid]
    return cat


def by_id(cat: Catalog) -> dict[str, Entry]:
    return {e.msgid: e for e in cat.entries}


def test_identical_texts_share_one_entry_with_every_reference() -> None:
    units = [
        SourceUnit("Analysis", "heading 2", "articles/a.md", 3),
        SourceUnit("Body.", "paragraph", "articles/a.md", 5),
        SourceUnit("Analysis", "paragraph", "articles/a.md", 9),
    ]
    cat = build_template(units, {})
    assert [e.msgid for e in cat.entries] == ["Analysis", "Body."]
    first = cat.entries[0]
    assert first.references == [("articles/a.md", 3), ("articles/a.md", 9)]
    assert first.extracted_comments == ["type: heading 2, paragraph"]


def test_unchanged_source_keeps_reviewed_translation() -> None:
    old = translated(template("One cat.", "Two dogs."), **{"One cat.": "Un gato."})
    new, stats = merge(old, template("One cat.", "Two dogs."), {})
    assert by_id(new)["One cat."].msgstr == "Un gato."
    assert not by_id(new)["One cat."].fuzzy
    assert (stats.kept, stats.fuzzy, stats.new, stats.obsolete) == (2, 0, 0, 0)


def test_changed_source_keeps_old_translation_as_fuzzy_with_previous_msgid() -> None:
    old = translated(
        template("The spyware was sold to three agencies in 2016.", "Other."),
        **{
            "The spyware was sold to three agencies in 2016.": "El software espía se vendió.",
            "Other.": "Otro.",
        },
    )
    new, stats = merge(
        old, template("The spyware was sold to four agencies in 2016.", "Other."), {}
    )
    entry = by_id(new)["The spyware was sold to four agencies in 2016."]
    assert entry.fuzzy
    assert entry.msgstr == "El software espía se vendió."
    assert entry.previous_msgid == "The spyware was sold to three agencies in 2016."
    assert not by_id(new)["Other."].fuzzy
    assert stats.fuzzy == 1
    # The vanished text was reused, so it is not also kept as obsolete.
    assert not any(e.obsolete for e in new.entries)


def test_dissimilar_new_text_is_not_matched_below_cutoff() -> None:
    old = translated(
        template("Completely different words here."),
        **{"Completely different words here.": "Palabras distintas."},
    )
    new, stats = merge(old, template("Nothing alike at all, 1999."), {})
    fresh = by_id(new)["Nothing alike at all, 1999."]
    assert fresh.msgstr == "" and not fresh.fuzzy
    gone = [e for e in new.entries if e.obsolete]
    assert [e.msgstr for e in gone] == ["Palabras distintas."]
    assert stats.obsolete == 1


def test_long_msgid_with_small_edit_still_matches() -> None:
    # python-babel/babel#969: difflib's autojunk sent long entries to obsolete.
    long_text = " ".join(["The surveillance of private communications is authorized."] * 12)
    edited = long_text.replace("private", "personal", 1)
    old = translated(template(long_text), **{long_text: "La vigilancia..."})
    new, _ = merge(old, template(edited), {})
    assert by_id(new)[edited].msgstr == "La vigilancia..."
    assert by_id(new)[edited].fuzzy


def test_removed_untranslated_entry_is_dropped_but_translated_one_kept_obsolete() -> None:
    old = translated(
        template("Keep me.", "Empty one.", "Translated gone."),
        **{"Keep me.": "Guárdame.", "Translated gone.": "Traducido."},
    )
    new, _ = merge(old, template("Keep me."), {})
    assert [(e.msgid, e.obsolete) for e in new.entries] == [
        ("Keep me.", False),
        ("Translated gone.", True),
    ]


def test_obsolete_entry_revived_fuzzy_when_text_returns() -> None:
    old = translated(template("Back again."), **{"Back again.": "De vuelta."})
    middle, _ = merge(old, template("Something else entirely, 42."), {})
    revived, _ = merge(middle, template("Back again."), {})
    entry = by_id(revived)["Back again."]
    assert entry.msgstr == "De vuelta." and entry.fuzzy and not entry.obsolete


def test_reviewed_translation_never_replaced_by_fuzzy_match() -> None:
    old = translated(
        template("Alpha beta gamma.", "Alpha beta gamma!"),
        **{"Alpha beta gamma.": "Uno.", "Alpha beta gamma!": "Dos."},
    )
    new, _ = merge(old, template("Alpha beta gamma.", "Alpha beta gamma!"), {})
    assert by_id(new)["Alpha beta gamma!"].msgstr == "Dos."


PO_WITH_ERROR = (
    'msgid ""\nmsgstr ""\n"Language: es\\n"\n\nmsgid "a"\nmsgstr "b"\n\nmsgid "c\nmsgstr "d"\n'
)
PO_DUPLICATE = (
    'msgid ""\nmsgstr ""\n"Language: es\\n"\n\nmsgid "a"\nmsgstr "b"\n\nmsgid "a"\nmsgstr "c"\n'
)


def test_syntax_error_names_the_line() -> None:
    with pytest.raises(InputError) as err:
        parse_catalog(PO_WITH_ERROR, "locales/es/a.po")
    assert err.value.path == "locales/es/a.po"
    assert err.value.line == 8


def test_duplicate_entry_names_the_second_occurrence() -> None:
    with pytest.raises(InputError) as err:
        parse_catalog(PO_DUPLICATE, "locales/es/a.po")
    assert str(err.value) == ("locales/es/a.po:8: malformed catalog: duplicate entry for msgid 'a'")
