"""toolkit.plainyaml, the fast path for simple front matter, against PyYAML itself.

Reading: whatever it accepts, it reads exactly as ``yaml.load`` with the article loader
(keys, order, values, types); writing: whatever it writes, it writes byte for byte as
``yaml.dump`` with the article dumper. Everything else it leaves to PyYAML (None), which
the rest of the suite exercises (lists of authors, comments, errors and their lines).
"""

from __future__ import annotations

import os
from datetime import date
from typing import Any

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from toolkit import plainyaml
from toolkit.article import DUMPER, LOADER, dump_front_matter, parse_article

EXAMPLES = int(os.environ.get("L10N_PROPERTY_EXAMPLES", "300"))

# Text that YAML reads in many ways: indicators, "key: value" inside values, comments,
# quotes, YAML 1.1 booleans and numbers, dates, spaces at either end, characters YAML treats
# specially (tab, NEL, U+2028, BOM, an emoji that libyaml escapes), accents and no-break spaces.
# fmt: off
_QUOTING = [
    ":", ": ", "#", " #", "'", '"', "-", "- ", "?", "!", "&", "*", "|", ">", "%", "@", "`",
    ",", "[", "]", "{", "}", "~", "\\", "=", "<<", "yes", "No", "on", "null", "true", "1",
    "1.5", "0x1F", "1_000", ".inf", "2017-06-19", "2017-13-45", "2017-6-9", "---", "...",
]
# fmt: on
_UNSAFE = ["\t", "\x85", "\u2028", "\ufeff", "\U0001f600"]
_SPECIAL = _QUOTING + _UNSAFE
_ORDINARY = ["a", "Z", "é", "ñ", "\u00a0", " ", "Insight Crime", "https://x.org/a?b=c#d", "4.0"]
# Mostly ordinary words, so that many examples take the fast path, with a special piece in
# about one in four places.
pieces = st.one_of(*[st.sampled_from(_ORDINARY)] * 3, st.sampled_from(_SPECIAL))
texts = st.lists(pieces, min_size=0, max_size=6).map("".join)
names = st.sampled_from(["title", "deck", "language", "date", "source_url", "x-y", "_k", "on"])
keys = st.one_of(names, names, names, texts)
dates = st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31))
others = st.one_of(st.none(), st.booleans(), st.integers(-5, 5))
scalars = st.one_of(*[texts] * 8, dates, dates, others)
leaves = st.one_of(scalars, scalars, st.lists(scalars, max_size=3))
values = st.one_of(leaves, st.dictionaries(keys, leaves, max_size=3))
metas = st.dictionaries(keys, values, max_size=6)
# Front matter the fast writer takes: text of no unsafe character, dates, lists, mappings.
safe = st.one_of(*[st.sampled_from(_ORDINARY)] * 2, st.sampled_from(_QUOTING))
safe_texts = st.lists(safe, min_size=1, max_size=6).map("".join)
safe_leaves = st.one_of(safe_texts, safe_texts, dates, st.lists(safe_texts, min_size=1, max_size=3))
safe_values = st.one_of(safe_leaves, safe_leaves, st.dictionaries(names, safe_leaves, min_size=1))
simple_metas = st.dictionaries(names, safe_values, min_size=1, max_size=6)


def pyyaml_dump(meta: dict[str, Any]) -> str:
    return str(yaml.dump(meta, Dumper=DUMPER, allow_unicode=True, sort_keys=False, width=10_000))


SIMPLE = {
    "title": "Mexican Authorities Misusing Surveillance Technology: Report",
    "language": "es",
    "publisher": "InSight Crime",
    "date": date(2017, 6, 19),
    "source_url": "https://insightcrime.org/news/brief/x/",
    "license": "CC BY-NC 4.0",
    "deck": 'It\'s "said" - here, [a] {b} #c; 50%',
    "author": ["Ana Pérez", "yes"],
    "translation_of": {"language": "en", "title": "'Quoted': yes"},
}


@settings(max_examples=EXAMPLES, deadline=None)
@given(st.one_of(metas, simple_metas))
@example(SIMPLE)
def test_what_the_fast_writer_writes_is_what_pyyaml_writes(meta: dict[str, Any]) -> None:
    fast = plainyaml.dump(meta, DUMPER)
    if fast is not None:
        assert fast == pyyaml_dump(meta)


def test_the_fast_writer_takes_the_usual_front_matter() -> None:
    if DUMPER is not getattr(yaml, "CSafeDumper", None):
        pytest.skip("the fast writer follows libyaml's emitter only")
    assert plainyaml.dump(SIMPLE, DUMPER) == pyyaml_dump(SIMPLE)
    assert dump_front_matter(SIMPLE) == f"---\n{pyyaml_dump(SIMPLE)}---\n"


def test_an_object_met_twice_is_left_to_pyyaml_and_its_anchors() -> None:
    day, names = date(2017, 6, 19), ["Ana"]
    for meta in ({"a": day, "b": day}, {"a": names, "b": {"c": names}}):
        assert plainyaml.dump(meta, DUMPER) is None
        assert "&id001" in dump_front_matter(meta)


lines = st.tuples(
    keys,
    st.sampled_from([": ", ": ", ":  ", ":", ": \t"]),
    st.one_of(
        texts,
        texts.map(lambda t: f'"{t}"'),
        texts.map(lambda t: f"'{t}'"),
        texts.map(lambda t: f"{t} # comment"),
        dates.map(date.isoformat),
    ),
    st.sampled_from(["", " ", "  "]),
).map("".join)
simple_lines = st.tuples(
    names,
    st.sampled_from([": ", ":  "]),
    st.one_of(
        safe_texts,
        safe_texts.map(lambda t: f'"{t}"'),
        safe_texts.map(lambda t: f"'{t}'"),
        dates.map(date.isoformat),
    ),
).map("".join)
odd_lines = st.sampled_from(["", "# c", "  more", "- x", "a: b: c", "a: [b]", "a: {b: c}"])
front_matters = st.one_of(
    st.lists(st.one_of(*[lines] * 6, odd_lines), max_size=6),
    st.lists(simple_lines, min_size=1, max_size=6),
)


@settings(max_examples=EXAMPLES, deadline=None)
@given(front_matters)
@example(["title: 'A: b'", 'deck: "It\'s # not a comment"', "date: 2017-06-19", "lang: en"])
@example(["date: 2017-02-30"])
def test_what_the_fast_reader_reads_is_what_pyyaml_reads(rows: list[str]) -> None:
    raw = "\n".join(rows)
    fast = plainyaml.load(raw, LOADER)
    if fast is None:
        return
    slow = yaml.load(raw, Loader=LOADER)
    assert fast == slow
    assert list(fast) == list(slow)  # the order of the keys
    assert [type(v) for v in fast.values()] == [type(v) for v in slow.values()]


def test_the_fast_reader_takes_the_usual_front_matter_and_leaves_the_rest() -> None:
    raw = 'title: "A: b"\nlanguage: en\ndate: 2017-06-19\nsource_url: https://x.org/a#b'
    assert plainyaml.load(raw, LOADER) == yaml.load(raw, Loader=LOADER)
    for other in ("language: no", "date: 2017-02-30", "a: b # c", "a:\n- b", "a: b\n  c"):
        assert plainyaml.load(other, LOADER) is None


def test_a_date_that_does_not_exist_keeps_its_error_and_line() -> None:
    text = "---\ntitle: T\ndate: 2017-02-30\n---\nBody\n"
    with pytest.raises(Exception) as info:
        parse_article(text, "articles/a.md")
    assert str(info.value) == (
        "articles/a.md:3: malformed front matter: '2017-02-30' is not a date "
        "(day is out of range for month)"
    )
