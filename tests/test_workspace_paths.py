"""Nothing the toolkit writes lands outside the workspace, and language codes are BCP 47 tags.

The reproductions of issue 12 are rows of the bad-input matrix (tests/test_bad_input.py);
this file holds the grammar of language tags, the one write check (``files.confine``), and
the property: whatever the front matter, the settings or the command line say, every file
``extract``, ``translate`` and ``build`` write is inside the workspace.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from tests.conftest import SAMPLE, make_workspace
from toolkit.bcp47 import MalformedTag, parse_tag
from toolkit.cli import app
from toolkit.config import Workspace
from toolkit.errors import InputError, UsageError
from toolkit.files.confine import Confinement, confine
from toolkit.lang import language_error

runner = CliRunner()

# RFC 5646 appendix A: examples of well-formed tags (and the RFC's own tricky cases).
WELL_FORMED = [
    "de", "fr", "ja", "i-enochian", "zh-Hant", "zh-Hans", "sr-Cyrl", "sr-Latn",
    "zh-cmn-Hans-CN", "cmn-Hans-CN", "zh-yue-HK", "yue-HK", "zh-Hans-CN", "sr-Latn-RS",
    "sl-rozaj", "sl-rozaj-biske", "sl-nedis", "de-CH-1901", "sl-IT-nedis", "hy-Latn-IT-arevela",
    "de-DE", "en-US", "es-419", "de-CH-x-phonebk", "az-Arab-x-AZE-derbend", "x-whatever",
    "qaa-Qaaa-QM-x-southern", "de-Qaaa", "sr-Latn-QM", "sr-Qaaa-RS", "en-US-u-islamcal",
    "zh-CN-a-myext-x-private", "en-a-myext-b-another", "ar-a-aaa-b-bbb",
    "pt_BR", "EN-gb", "en-GB-oed", "zh-min-nan",
]  # fmt: skip
MALFORMED = {
    "de-419-DE": "'DE' is out of place",  # two regions
    "a-DE": "'a' is not a language subtag",  # a singleton first
    "ar-a-aaa-b-bbb-a-ccc": "extension 'a' appears twice",
    "de-DE-1901-1901": "variant '1901' appears twice",
    "en-": "an empty subtag",
    "en--US": "an empty subtag",
    "en-US-": "an empty subtag",
    "abcdefghi": "'abcdefghi' is not a language subtag",
    "en-a": "extension 'a' has no subtags",
    "en-x": "private use 'x' has no subtags",
    "en-x-abcdefghi": "'abcdefghi' is not a private-use subtag",
    "en./../x": "'.' is not allowed in a BCP 47 tag",
    "en/es": "'/' is not allowed in a BCP 47 tag",
    "es\n": "'\\n' is not allowed in a BCP 47 tag",
    "és": "'é' is not allowed in a BCP 47 tag",
    "e\u212a": "'\u212a' is not allowed in a BCP 47 tag",  # Kelvin sign: "k" ignoring case
    "": "empty",
}


@pytest.mark.parametrize("tag", WELL_FORMED)
def test_well_formed_tags_parse(tag: str) -> None:
    parse_tag(tag)


@pytest.mark.parametrize("tag", sorted(MALFORMED))
def test_malformed_tags_are_refused_with_the_reason(tag: str) -> None:
    with pytest.raises(MalformedTag) as caught:
        parse_tag(tag)
    assert str(caught.value).startswith(MALFORMED[tag])


def test_subtags_are_read_in_their_places() -> None:
    tag = parse_tag("zh-yue-Hant-HK-1996-u-nu-hanidec-x-Private")
    assert (tag.language, tag.extlangs, tag.script, tag.region) == ("zh", ("yue",), "hant", "hk")
    assert (tag.variants, tag.extensions, tag.private) == (
        ("1996",),
        ("u-nu-hanidec",),
        ("private",),
    )


@pytest.mark.parametrize(
    ("code", "problem"),
    [
        ("es", None),
        ("es-MX", None),
        ("pt_BR", None),
        ("zh-yue", None),  # Cantonese, as Babel knows it ("yue")
        ("en-US-x-twain", None),  # private use does not change the language
        ("xx", "unknown language code 'xx' (expected a BCP 47 code such as 'es')"),
        ("und", "unknown language code 'und' (expected a BCP 47 code such as 'es')"),
        ("x-klingon", "unknown language code 'x-klingon' (expected a BCP 47 code such as 'es')"),
        ("es-XX", "unknown language code 'es-XX' (expected a BCP 47 code such as 'es')"),
        (
            "en./../../PWNED",  # Babel's parser alone reads this as "en"
            "invalid language code 'en./../../PWNED': "
            "'.' is not allowed in a BCP 47 tag (letters, digits, '-')",
        ),
        (1, "language code must be text, not 1"),
    ],
)
def test_a_language_is_a_well_formed_tag_babel_knows(code: object, problem: str | None) -> None:
    assert language_error(code) == problem


def test_confine_follows_links_and_refuses_what_leads_out(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    (root / "shared").mkdir(parents=True)
    (root / "shared" / "a.po").write_text("x")
    (root / "inside.po").symlink_to("shared/a.po")
    (root / "out.po").symlink_to(tmp_path / "elsewhere.po")
    (root / "out").symlink_to(tmp_path)
    assert confine(root / "inside.po", root, "inside.po") == (root / "shared" / "a.po").resolve()
    assert confine(root / "new" / "b.po", root, "new/b.po") == (root / "new" / "b.po").resolve()
    for name in ("out.po", "out/x.po", "a/../../x.po", "../x.po"):
        with pytest.raises(InputError, match="leads outside the workspace"):
            confine(root / name, root, name)
    with pytest.raises(InputError):
        confine(root, root, ".")


def test_a_newline_in_a_setting_never_reaches_a_catalog_header(tmp_path: Path) -> None:
    for setting in (
        'team = "A\\nX-Injected: 1"',
        'project = "p\\rq"',
        'translators = ["a\\u2028b"]',
    ):
        root = make_workspace(tmp_path / str(len(setting)), {"a": SAMPLE}, setting + "\n")
        result = runner.invoke(app, ["--root", str(root), "extract"])
        assert result.exit_code == 1
        assert result.stderr.startswith("Error: pyproject.toml:2: [tool.l10n] ")
        assert not (root / "locales").exists()


# --- the property ------------------------------------------------------------------------------

# Pieces a hostile value is made of: path syntax, tag syntax, control characters.
PIECES = st.sampled_from(
    ["en", "es", "MX", "x", "-", "_", ".", "..", "/", "\\", "~", ":", " ", "\n", "\x00", "%", "é"]
)
HOSTILE = st.lists(PIECES, max_size=8).map("".join)
# {outside} becomes a folder beside the workspace: an absolute path that must not be used.
FAMOUS = st.sampled_from(
    ["en", "es", "es-MX", "en./../../../../PWNED", "../PWNED", "{outside}", "{outside}/x",
     "build/../..", "es/../../..", "./.", "x-../", "en-US-x-..", ""]
)  # fmt: skip
VALUE = st.one_of(FAMOUS, HOSTILE)


def toml(value: str) -> str:
    return json.dumps(value)  # a JSON string is a TOML basic string


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    language=VALUE,
    target=VALUE,
    folder_key=st.sampled_from(["articles_dir", "locales_dir", "build_dir", None]),
    folder=VALUE,
    lang_option=st.one_of(st.none(), VALUE),
)
def test_every_write_stays_inside_the_workspace(
    language: str, target: str, folder_key: str | None, folder: str, lang_option: str | None
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        parent = Path(tmp)
        outside = parent / "outside"
        root = parent / "ws"

        def fill(value: str) -> str:
            return value.replace("{outside}", str(outside))

        config = [f"target_languages = [{toml(fill(target))}]"]
        if folder_key is not None:
            config.append(f"{folder_key} = {toml(fill(folder))}")
        article = SAMPLE.replace("language: en", f"language: {json.dumps(fill(language))}")
        make_workspace(root, {"sample": article}, "\n".join(config) + "\n")
        lang = [] if lang_option is None else ["--lang", fill(lang_option)]
        for command in (
            ["extract"],
            ["translate", "sample", "--engine", "pseudo", *lang],
            ["build", "sample", "--include-fuzzy", "--min-translated", "0", *lang],
        ):
            result = runner.invoke(app, ["--root", str(root), *command])
            assert result.exit_code in (0, 1, 2, 3), (command, result.stderr, result.exception)
            assert result.exception is None or isinstance(result.exception, SystemExit), repr(
                result.exception
            )
            if result.exit_code:
                assert result.stderr.startswith("Error: ")
                assert result.stderr.count("\n") == 1, result.stderr
        assert os.listdir(parent) == ["ws"]  # nothing beside the workspace, not even a folder


@pytest.mark.parametrize("slug", ["../sample", "/tmp/sample", "sample\n", "..", ".hidden", "a/b"])
def test_a_slug_that_could_leave_its_folder_is_refused(sample_workspace: Path, slug: str) -> None:
    result = runner.invoke(app, ["--root", str(sample_workspace), "extract", slug])
    assert result.exit_code == 2
    assert result.stderr == (
        f"Error: invalid article slug {slug!r} (letters, digits, '.', '_', '-' only)\n"
    )
    assert not (sample_workspace / "locales").exists()


def _realpath_confine(path: Path, root: Path) -> str | None:
    """What confinement resolved before it remembered folders: ``realpath`` of the folder,
    then of the file if it is a link; None where that leads out."""
    real = os.path.join(os.path.realpath(path.parent), path.name)
    if path.name in ("", ".", "..") or os.path.islink(real):
        real = os.path.realpath(real)
    top = os.path.realpath(root)
    return None if real == top or os.path.commonpath([top, real]) != top else real


def test_confinement_walking_from_known_folders_resolves_as_realpath_does(tmp_path: Path) -> None:
    root = tmp_path / "ws"
    (root / "build" / "real").mkdir(parents=True)
    (root / "build" / "real" / "a.md").write_text("x")
    (root / "build" / "link").symlink_to("real")  # a folder link inside
    (root / "build" / "chain").symlink_to("link")  # a link to a link
    (root / "build" / "file.md").symlink_to("real/a.md")
    (root / "build" / "out").symlink_to(tmp_path)  # leads out
    (root / "build" / "loop").symlink_to("loop")
    (root / "alias").symlink_to("build")  # an ancestor that is a link
    (tmp_path / "outside").mkdir()
    names = [
        "build/real/a.md", "build/link/a.md", "build/chain/a.md", "build/chain/new/b.md",
        "build/file.md", "build/out/x.md", "build/out/ws/build/x.md", "build/loop/x.md",
        "alias/link/a.md", "alias/new/deeper/c.md", "build/real/../link/a.md",
        "build/../alias/real/a.md", "build/../../outside/x.md", "new/x.md", "build/link",
    ]  # fmt: skip
    confinement = Confinement(root)  # one for all: each folder is resolved once
    for name in names + names:  # the second round from what the first remembered
        expected = _realpath_confine(root / name, root)
        if expected is None:
            with pytest.raises(InputError, match="leads outside the workspace"):
                confinement(root / name, name)
        else:
            assert str(confinement(root / name, name)) == expected, name
    assert (
        confinement.locate(root / "build/real/a.md", "a")[1]
        == os.lstat(root / "build/real/a.md").st_mode
    )
    assert confinement.locate(root / "build/new/x.md", "x")[1] == 0  # nothing there
    assert confinement.locate(root / "build/file.md", "f")[1] is None  # a link: followed


def test_many_slugs_asked_for_are_found_as_one_by_one(tmp_path: Path) -> None:
    names = [f"a{n:02d}" for n in range(12)]  # past the count that lists the folder once
    root = make_workspace(tmp_path, dict.fromkeys(names, SAMPLE))
    (root / "articles" / "dangling.md").symlink_to("nowhere.md")  # there: read, then refused
    ws = Workspace.open(root)
    assert ws.resolve_slugs([*names, "dangling"]) == [*names, "dangling"]
    for asked, error in (
        ([*names, "zz", "bad/slug"], "no such article: articles/zz.md"),
        ([*names, "bad/slug", "zz"], "invalid article slug 'bad/slug'"),
    ):
        with pytest.raises(UsageError, match=re.escape(error)):
            ws.resolve_slugs(asked)
