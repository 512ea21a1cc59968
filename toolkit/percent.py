"""The one percentage of the toolkit: entries translated and reviewed, rounded down.

``status`` (its table and its JSON), ``build`` (its report and its completeness gate) and the
bilingual edition's progress line all take the figure from :func:`percent`, so one catalog
never reads 41.2% in one place and 41.1% in another. It rounds *down* to one decimal, in
integer arithmetic: a percentage here is a promise, so 79.96% must not read 80.0% when it
fails an 80% gate, and 99.96% must not read 100.0% while an entry is still to review.
"""

from __future__ import annotations


def percent(part: int, whole: int) -> float:
    """``part`` of ``whole`` in percent, rounded down to one decimal; 100.0 when empty."""
    if whole <= 0:
        return 100.0
    return (1000 * part // whole) / 10
