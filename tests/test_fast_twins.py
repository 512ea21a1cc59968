"""Fast paths of the build and their slow twins give the same answers (hypothesis).

Each fast path here replaced a slower way of computing the same thing; the slow way is
written out in the test as the reference: Markdown escaping of the toolkit's own text
(``sanitize.md_text``), the check for a fence or HTML block that may be left open
(``blockend``), a path shown relative to the workspace (``Workspace.rel``).
"""

from __future__ import annotations

import re
from pathlib import Path, PurePosixPath

from hypothesis import example, given, settings
from hypothesis import strategies as st

from toolkit.blockend import _MAY_OPEN, _may_open
from toolkit.config import Config, Workspace
from toolkit.sanitize import md_text

# Characters that matter to each: Markdown's specials, every kind of whitespace \s knows,
# fence and HTML openers, line breaks and indentation.
chars = st.sampled_from(list("\\`*_[]<>|~&#!{}-=+. aZé\t\n\r\f\v\x0b\x1c\x85\xa0\u2028\u3000"))
texts = st.lists(st.one_of(chars, st.sampled_from(["```", "~~~", "   ", "    ", "\n   <"])))


@settings(max_examples=500, deadline=None)
@given(texts.map("".join))
@example("a  b\t\n*c* [d](e) <f> \\g")
def test_md_text_is_the_two_substitutions_it_replaced(text: str) -> None:
    slow = re.sub(r"([\\`*_\[\]<>|~&#!{}])", r"\\\1", re.sub(r"\s+", " ", text))
    assert md_text(text) == slow


@settings(max_examples=500, deadline=None)
@given(texts.map("".join))
@example("text\n   ```\n")
@example("text\n    <div>\n")
def test_the_open_block_pre_check_is_the_regex_it_replaced(text: str) -> None:
    assert _may_open(text) == (_MAY_OPEN.search(text) is not None)


parts = st.lists(st.sampled_from(["a", "b.md", "..", ".", "ws", "ws2", "x y", "é"]), max_size=4)


@settings(max_examples=500, deadline=None)
@given(st.sampled_from(["/", "/tmp/ws", "ws", ".", "/tmp/ws/"]), parts)
@example("/tmp/ws", ["..", "ws2", "a"])
def test_rel_by_text_is_relative_to(root: str, names: list[str]) -> None:
    ws = Workspace(Path(root), Config())
    for base in (Path(root), Path("/tmp"), Path("rel")):
        path = base.joinpath(*names)
        try:
            slow = path.relative_to(ws.root).as_posix()
        except ValueError:
            slow = str(path)
        assert ws.rel(path) == slow
    assert isinstance(Path(root), PurePosixPath)
