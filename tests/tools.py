"""Debian tools the tests run for real: missing ones fail in CI and skip elsewhere."""

from __future__ import annotations

import os
import shutil

import pytest


def require_tool(name: str) -> str:
    """Path of an external program a test checks against (``msgcat``, ``apertium``...).

    Without it the test is skipped locally, but fails when ``CI=true``: on CI a missing tool
    means the check silently stopped running, which must not look like a pass.
    """
    path = shutil.which(name)
    if path is None:
        reason = f"{name!r} is not installed (scripts/setup.sh --test installs it)"
        if os.environ.get("CI", "").strip().lower() == "true":
            pytest.fail(f"{reason}; CI=true, so this is an error, not a skip")
        pytest.skip(reason)
    return path
