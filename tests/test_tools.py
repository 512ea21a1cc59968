"""tests.tools.require_tool: skip without the tool locally, fail on CI."""

from __future__ import annotations

import pytest

from tests.tools import require_tool


def test_found_tool_gives_its_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("shutil.which", lambda name: f"/usr/bin/{name}")
    assert require_tool("msgcat") == "/usr/bin/msgcat"


def test_missing_tool_skips_locally(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "")
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="'msgcat' is not installed"):
        require_tool("msgcat")


def test_missing_tool_fails_on_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI=true"):
        require_tool("msgcat")
