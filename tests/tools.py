"""Helpers for tests that need an external program."""

from __future__ import annotations

import os
import shutil

import pytest


def require_tool(name: str) -> str:
    """The program's path; skips the test without it, but fails in CI (CI=true)."""
    path = shutil.which(name)
    if path is None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{name} is required in CI but is not installed")
        pytest.skip(f"{name} is not installed")
    return path
