"""Debian tools the tests run for real: missing ones fail in CI and skip elsewhere."""

from __future__ import annotations

import os
import shutil

import pytest


def require_tool(name: str) -> str:
    """The path of ``name``; in CI (CI=true) a missing tool is a failure, never a skip."""
    path = shutil.which(name)
    if path is not None:
        return path
    message = f"{name} is not installed (scripts/setup.sh --test installs it)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)
