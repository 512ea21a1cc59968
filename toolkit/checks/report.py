"""What the checks produce: a :class:`Finding` per problem, a :class:`CheckReport` per run.

Light on purpose: a build that loads an editor's note needs these, not the checks.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    check: str
    message: str
    msgid: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: [{self.check}] {self.message}"


@dataclass
class CheckReport:
    findings: list[Finding] = field(default_factory=list)
    silenced: int = 0
    checked: int = 0

    def merge(self, other: CheckReport) -> None:
        """Add another catalog's report to this one (the CLI checks several)."""
        self.findings.extend(other.findings)
        self.silenced += other.silenced
        self.checked += other.checked
