"""One exception hierarchy for every error a user can cause.

The library raises these and never prints or exits; ``toolkit.cli`` turns them into
``Error: PATH:LINE: message`` on stderr and the exit code each class carries.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any


class ToolkitError(Exception):
    """A problem the user can fix; ``str()`` gives the one-line message."""

    exit_code = 1

    def __init__(self, message: str, path: Path | str | None = None, line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = None if path is None else str(path)
        self.line = line

    def __str__(self) -> str:
        where = ""
        if self.path is not None:
            where = f"{self.path}:{self.line}: " if self.line is not None else f"{self.path}: "
        return where + self.message


class UsageError(ToolkitError):
    """Bad command-line arguments (unknown slug, language or engine)."""

    exit_code = 2


class InputError(ToolkitError):
    """A malformed input file: article, front matter, catalog, glossary, model."""


class ConflictError(ToolkitError):
    """A file changed on disk while the toolkit was working on it."""


class EngineError(ToolkitError):
    """A machine-translation engine is missing, misconfigured or misbehaved."""


class GateError(ToolkitError):
    """The completeness gate refused to build an edition."""

    exit_code = 3


class StaleError(ToolkitError):
    """A catalog no longer matches its article: the article changed since the last extract."""


class CheckGateError(GateError):
    """``build`` refused an edition because ``l10n check`` finds errors in what it would publish.

    ``findings`` are the blocking ones (``toolkit.checks.report.Finding``), for the CLI to
    print as ``l10n check`` does; they pickle with the error, so a worker process can raise it.
    """

    def __init__(
        self, message: str, path: str | None = None, findings: list[Any] | None = None
    ) -> None:
        super().__init__(message, path)
        self.findings = findings or []
