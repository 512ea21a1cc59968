"""The progress bar of ``import`` and ``translate``: the library reports (done, total), this
draws it."""

from __future__ import annotations

import sys
from typing import Any


class ProgressBar:
    """A rich progress bar on stderr, shown only on a terminal and once a run takes a while."""

    DELAY = 0.5  # seconds before the bar appears: quick runs stay quiet

    def __init__(self, label: str = "translating", unit: str = "segments") -> None:
        import time

        self._label, self._unit = label, unit
        self._clock = time.monotonic
        self._started = self._clock()
        self._bar: Any = None
        self._task: Any = None

    def __enter__(self) -> ProgressBar:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._bar is not None:
            self._bar.stop()

    def __call__(self, done: int, total: int) -> None:
        if self._bar is None:
            if not sys.stderr.isatty() or self._clock() - self._started < self.DELAY:
                return
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

            self._bar = Progress(
                self._label,
                BarColumn(),
                MofNCompleteColumn(),
                self._unit,
                TimeElapsedColumn(),
                console=Console(stderr=True),
                transient=True,
            )
            self._task = self._bar.add_task("translate", total=total)
            self._bar.start()
        self._bar.update(self._task, completed=done, total=total)
