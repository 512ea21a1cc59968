"""No library internals outside the one module per library that owns a workaround (issue 15).

markdown-it-py and polib are used through their public API only; argostranslate's settings
globals are touched in toolkit/argos_packages.py alone, which names the version it was
written against (tests/test_install.py holds the installed version to it).
"""

from __future__ import annotations

import ast
from importlib import metadata
from pathlib import Path

import pytest

from toolkit.markdown import inline, joining, tracking

REPO = Path(__file__).resolve().parent.parent

# Attributes that are markdown-it-py's, polib's or argostranslate's inner workings: the
# rulers' rule lists and caches, the inline state's pending text and delimiter stack,
# polib's parser state, and argostranslate's package folders (set at its import).
INTERNAL = {
    "__rules__",
    "__find__",
    "__cache__",
    "__compile__",
    "pending",
    "delimiters",
    "current_line",
    "package_data_dir",
    "package_dirs",
}
OWNERS = {"package_data_dir": "argos_packages.py", "package_dirs": "argos_packages.py"}


def test_no_library_internals_outside_their_owner() -> None:
    found = []
    for path in sorted((REPO / "toolkit").rglob("*.py")):
        tree = ast.parse(path.read_text("utf-8"))
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and node.attr in INTERNAL
                and OWNERS.get(node.attr) != path.name
            ):
                found.append(f"{path.relative_to(REPO)}:{node.lineno}: .{node.attr}")
            if isinstance(node, ast.ImportFrom) and (node.module or "").split(".")[0] in (
                "markdown_it",
                "polib",
                "argostranslate",
            ):
                found += [
                    f"{path.relative_to(REPO)}:{node.lineno}: {node.module}.{alias.name}"
                    for alias in node.names
                    if alias.name.startswith("_")
                ]
    assert found == []


def test_polib_error_messages_are_not_read() -> None:
    source = (REPO / "toolkit" / "catalog.py").read_text("utf-8")
    assert "(line " not in source  # polib's "Syntax error in po file (line N)"


def test_every_inline_rule_of_markdown_it_py_is_tracked() -> None:
    """toolkit.markdown.tracking reports spans through markdown_it.rules_inline's public rule functions,
    by their names in the ruler (written against markdown-it-py 4.3.0). A release with
    another rule would switch every span question to the slow, rendering path: this says so."""
    md, tracked = tracking.tracking_parser()
    assert tracked, f"markdown-it-py {metadata.version('markdown-it-py')}: an unknown inline rule"
    assert set(md.inline.ruler.get_active_rules()) <= set(inline.inline_rules())


def test_an_unknown_inline_rule_falls_back_to_rendering(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "A *quoted* [link](https://example.org/ 'a\ntitle') and `code  \nspan` here.  \nNext."
    expected = [tracking.renders_differently(text, cut) for cut in range(1, len(text))]
    rules = inline.inline_rules()
    del rules["entity"]
    monkeypatch.setattr(tracking, "inline_rules", lambda: rules)
    tracking.tracking_parser.cache_clear()
    try:
        assert tracking.tracking_parser()[1] is False
        cuts = tracking.MarkupCuts(text)
        assert [cuts(cut, cut) for cut in range(1, len(text))] == expected
        assert joining.join_checked(["a `b", "c` d"]) == "a `b c` d"
    finally:
        tracking.tracking_parser.cache_clear()
