"""The engine interface and the registry of engines by name: built-ins and plugins.

Engines are imported only when asked for: ``argos`` pulls in CTranslate2 and SentencePiece,
and nothing on the CLI's start-up path may pay for that.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol, cast

from toolkit.errors import ToolkitError, UsageError

if TYPE_CHECKING:
    from importlib.metadata import EntryPoint


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


# The built-in engines, known without package metadata (a source checkout on PYTHONPATH has
# none): name -> "module:factory"; the factory takes EngineOptions and returns an Engine.
ENGINES: dict[str, str] = {
    "argos": "toolkit.mt.argos:create",
    "apertium": "toolkit.mt.apertium:create",
    "pseudo": "toolkit.mt.pseudo:create",
    "memory": "toolkit.mt.memory:create",
}

# Third-party engines: an entry point of this group names a factory with the built-ins'
# contract (docs/extending.md), e.g. ``libre = "newsroom_l10n.libre:LibreEngine"``.
ENGINE_GROUP = "l10n.engines"


def plugin_engines() -> dict[str, EntryPoint]:
    """The installed plugin engines by name, none imported; a clash is a PluginError."""
    from toolkit import plugins

    return plugins.find(ENGINE_GROUP, ENGINES)


def engine_names() -> list[str]:
    """Every engine ``--engine`` accepts: the built-ins and the installed plugins."""
    return sorted([*ENGINES, *plugin_engines()])


def unknown_engine(name: str) -> UsageError:
    return UsageError(f"unknown engine {name!r} (choose from {', '.join(engine_names())})")


def get_engine(name: str, options: EngineOptions | None = None) -> Engine:
    """The engine registered as ``name``; an unknown name is a usage error."""
    options = options or EngineOptions()
    target = ENGINES.get(name)
    if target is not None:
        module_name, factory = target.split(":")
        module = importlib.import_module(module_name)
        engine: Engine = getattr(module, factory)(options)
        return engine
    point = plugin_engines().get(name)
    if point is None:
        raise unknown_engine(name)
    return _plugin_engine(point, options)


def _plugin_engine(point: EntryPoint, options: EngineOptions) -> Engine:
    """Create a plugin's engine and check it keeps the contract, naming the plugin if not."""
    from toolkit import plugins

    factory = plugins.load_one(point)
    if not callable(factory):
        raise plugins.PluginError(f"{plugins.origin(point)} is not callable: not an engine")
    try:
        engine = factory(options)
    except ToolkitError:
        raise  # the plugin's own one-line error (EngineError: no server configured, ...)
    except Exception as exc:
        raise plugins.PluginError(
            f"{plugins.origin(point)} failed to start: {type(exc).__name__}: {exc}"
        ) from exc
    missing = [a for a in ("describe", "translate_batch") if not callable(getattr(engine, a, None))]
    if not isinstance(getattr(engine, "name", None), str):
        missing.insert(0, "name")
    if missing:
        raise plugins.PluginError(
            f"{plugins.origin(point)} is not an engine: it has no {', '.join(missing)}"
        )
    return cast(Engine, engine)
