"""What runs on a Dask worker: the engine, loaded once per worker, and the batch task.

Imported by workers (to unpickle the plugin and the task) and by the client once it has
checked that ``distributed`` is installed (``toolkit.mt.cluster``).
"""

from __future__ import annotations

from typing import Any

from distributed import WorkerPlugin, get_worker

from toolkit.errors import ToolkitError
from toolkit.mt.base import Engine, EngineOptions, get_engine


class EnginePlugin(WorkerPlugin):  # type: ignore[misc, unused-ignore]  # Any without the extra
    """Creates the engine and loads its model when the worker gets the plugin."""

    def __init__(
        self, engine: str, options: EngineOptions, source: str, target: str, name: str
    ) -> None:
        self.engine_name = engine
        self.options = options
        self.source = source
        self.target = target
        self.name = name
        self.engine: Engine | None = None
        self.error: ToolkitError | None = None

    def __getstate__(self) -> dict[str, Any]:
        # Sent to the scheduler and the workers without a loaded engine.
        return {**self.__dict__, "engine": None, "error": None}

    def setup(self, worker: Any) -> None:
        try:
            engine = get_engine(self.engine_name, self.options)
            load = getattr(engine, "load", None)
            if callable(load):
                load(self.source, self.target)
        except ToolkitError as exc:
            # Raised again by each batch, so that the client shows it as the run's error.
            self.error = exc
            return
        self.engine = engine

    def teardown(self, worker: Any) -> None:
        self.engine = None


def translate_on_worker(
    texts: list[str], *, plugin: str, source: str, target: str
) -> tuple[str, str, list[str]]:
    """(this worker's address, the engine's description, one translation per text)."""
    worker = get_worker()
    loaded = worker.plugins.get(plugin)
    if not isinstance(loaded, EnginePlugin):
        raise ToolkitError(f"{worker.address}: the l10n engine plugin is not loaded")
    if loaded.error is not None:
        raise type(loaded.error)(
            f"worker {worker.address}: {loaded.error.message}", loaded.error.path, loaded.error.line
        )
    assert loaded.engine is not None
    outputs = loaded.engine.translate_batch(texts, source, target)
    return worker.address, loaded.engine.describe(), outputs
