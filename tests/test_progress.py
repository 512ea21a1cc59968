"""The progress bar moves during a run of the slow engines, through the one protocol
``toolkit.translate`` checks for (``ReportsProgress.set_progress``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.mtworkspace import SLUG, make_workspace
from tests.tools import require_tool
from toolkit.mt.base import EngineOptions, get_engine
from toolkit.translate import ReportsProgress, translate


@pytest.fixture(params=["argos", "apertium"])
def engine_name(request: pytest.FixtureRequest) -> str:
    name: str = request.param
    if name == "argos":
        request.getfixturevalue("copy_model_installed")
    else:
        require_tool("apertium")
    return name


def test_engine_speaks_the_progress_protocol(engine_name: str) -> None:
    assert isinstance(get_engine(engine_name, EngineOptions()), ReportsProgress)


def test_progress_moves_during_the_run(engine_name: str, tmp_path: Path) -> None:
    ws = make_workspace(tmp_path / "ws")
    calls: list[tuple[int, int]] = []
    report = translate(ws, [SLUG], "es", engine_name, progress=lambda d, t: calls.append((d, t)))
    assert report.filled == 13
    assert calls[0] == (0, report.segments)
    assert calls[-1][0] == calls[-1][1]
    # Between "nothing yet" and "done", the engine itself reported finished work.
    assert any(0 < done < total for done, total in calls), calls
