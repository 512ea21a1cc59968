"""Each fast path of the Markdown side agrees with the slow twin it lets most inputs skip.

The slow twins stay in use (a body with a pipe, a block whose line breaks the pre-checks
cannot settle): these properties check that the shortcut gives what the twin would have.
"""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.test_identity import documents as identity_documents
from tests.test_properties import documents as article_documents
from toolkit.markdown import blocks

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Both generators, pipes taken out (the tables with them): only such bodies take the shortcut.
pipeless = st.one_of(identity_documents, article_documents).map(lambda d: d.replace("|", "!"))


@FAST
@given(pipeless)
def test_a_body_without_a_pipe_parses_the_same_without_the_table_rule(body: str) -> None:
    with_table = blocks._block_parser().parse(body, {blocks._ROWS: {}})
    assert blocks._pipeless_parser().parse(body, {}) == with_table
