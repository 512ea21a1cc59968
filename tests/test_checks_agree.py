"""``l10n check`` and MT protection read inline Markdown with one vocabulary
(``toolkit.markdown.inline``): on the same text they agree whether the markup survived.

Before, the markup check counted ``*`` and ``_`` by regex and found code spans with its own
pattern, while protection compared markdown-it's tokens (``markup_signature``): "4 * 5" was
an emphasis marker lost for the check and nothing for protection; emphasis pulled apart
("* nueva *") was lost for protection and fine for the check.
"""

from __future__ import annotations

import pytest

from toolkit.checks.run import check_entry
from toolkit.entry import Entry
from toolkit.markdown.inline import markup_signature


def markup(source: str, translation: str) -> list[str]:
    found = check_entry(
        Entry(source, translation), source_lang="en", target_lang="es", glossary=None
    )
    return [message for name, message in found if name == "markup"]


@pytest.mark.parametrize(
    ("source", "translation", "findings"),
    [
        # A multiplication sign is no emphasis: the old check reported
        # "emphasis markers (* or _): 1 in the source, 0 in the translation".
        ("The score is 4 * 5 points.", "La puntuación es 4 × 5 puntos.", []),
        # Emphasis markers pulled apart by spaces emphasize nothing: the old check counted
        # two on each side and said nothing; protection refused the same text.
        (
            "A *new* law.",
            "Una * nueva * ley.",
            ["emphasis markers (* or _): 2 in the source, 0 in the translation"],
        ),
        # An escaped backtick opens no code span: the old pattern saw `x` and `y`.
        ("Use \\`x` here.", "Use \\`y` aquí.", []),
        # What both always agreed on stays. (One difference is on purpose: a translator may
        # write _nuevo_ for *new*, which renders the same; protection's signature also
        # tells the two marks apart, since an engine has no reason to swap them.)
        ("This is *new*.", "Esto es *nuevo*.", []),
        (
            "This is **important**.",
            "Esto es importante.",
            ["strong emphasis markers (** or __): 2 in the source, 0 in the translation"],
        ),
        (
            "Run `l10n check` now.",
            "Ejecute `l10n revisar` ahora.",
            [
                "code span `l10n check` missing or changed in the translation (code is not "
                "translated)"
            ],
        ),
    ],
)
def test_check_and_protection_agree(source: str, translation: str, findings: list[str]) -> None:
    assert markup(source, translation) == findings
    protection_accepts = markup_signature(source) == markup_signature(translation)
    assert protection_accepts == (not findings)
