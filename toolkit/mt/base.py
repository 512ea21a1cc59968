"""The engine interface and the registry of engines by name.

Engines are imported only when asked for: ``argos`` pulls in CTranslate2 and SentencePiece,
and nothing on the CLI's start-up path may pay for that.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Protocol

from toolkit.errors import UsageError


class Engine(Protocol):
    """Translates plain sentences; protection and sentence splitting happen around it."""

    name: str

    def describe(self) -> str:
        """Engine, model and version, for the translator comment on each filled entry."""
        ...

    def translate_batch(self, texts: list[str], source: str, target: str) -> list[str]:
        """One translation per text, in order; raises EngineError on failure."""
        ...


# Bounds of the argos options: a beam of 100,000 took 24 GB before it was killed, 100,000
# threads aborted the process. Past these, nothing gets faster or better, only bigger.
MAX_BEAM_SIZE = 32
MAX_THREADS = 256


@dataclass(frozen=True)
class EngineOptions:
    """Settings an engine may use; each engine ignores what does not concern it."""

    beam_size: int = 4
    compute_type: str = "auto"
    device: str = "auto"  # auto, cpu or cuda (toolkit.mt.device)
    inter_threads: int = 0  # 0: one per core
    intra_threads: int = 1
    root: str = "."
    lang_dirs: tuple[str, ...] = field(default_factory=tuple)

    def __post_init__(self) -> None:
        # Named as the options of `l10n translate` that set them, like --min-translated.
        if not 1 <= self.beam_size <= MAX_BEAM_SIZE:
            raise UsageError(
                f"--beam-size must be between 1 and {MAX_BEAM_SIZE}, not {self.beam_size}"
            )
        for name in ("inter_threads", "intra_threads"):
            value = getattr(self, name)
            if not 0 <= value <= MAX_THREADS:
                raise UsageError(f"--threads must be between 0 and {MAX_THREADS}, not {value}")


# name -> "module:factory"; the factory takes EngineOptions and returns an Engine.
ENGINES: dict[str, str] = {
    "argos": "toolkit.mt.argos:create",
    "apertium": "toolkit.mt.apertium:create",
    "pseudo": "toolkit.mt.pseudo:create",
    "memory": "toolkit.mt.memory:create",
}


def get_engine(name: str, options: EngineOptions | None = None) -> Engine:
    """The engine registered as ``name``; an unknown name is a usage error."""
    target = ENGINES.get(name)
    if target is None:
        known = ", ".join(sorted(ENGINES))
        raise UsageError(f"unknown engine {name!r} (choose from {known})")
    module_name, factory = target.split(":")
    module = importlib.import_module(module_name)
    engine: Engine = getattr(module, factory)(options or EngineOptions())
    return engine
