"""Machine translation fanned out over a Dask distributed cluster (``--scheduler``).

The client (this process) does everything it does on one machine: read catalogs, split and
protect sentences, deduplicate them, restore and write. Only the engine's batch call is
distributed: the distinct sentences of the run, sorted by length, are cut into batches and
mapped over the cluster's workers. Dask does the scheduling, the load balancing and the
recovery: a worker that dies (even SIGKILL) loses only the batches it held, which the
scheduler gives to the other workers (after ``distributed.scheduler.allowed-failures``
deaths, 3 by default, a batch is given up and the run fails, writing nothing).

Each worker loads the model once, in a worker plugin (:mod:`toolkit.mt.cluster_worker`)
registered for the run and removed after it; a worker that joins mid-run gets it too. Every
batch returns the engine's description with its translations, so that a cluster whose
workers have different models installed is refused instead of writing mixed provenance.

``distributed`` is an optional extra (``pip install 'article-l10n[cluster]'``), imported
only here, only when a run asks for a scheduler.
"""

from __future__ import annotations

import contextlib
import hashlib
import math
from collections.abc import Callable
from typing import Any

from toolkit.errors import EngineError, UsageError
from toolkit.mt.base import EngineOptions, engine_names, unknown_engine

Progress = Callable[[int, int], None]

# Sentences per batch: enough for CTranslate2 to fill its token-bounded sub-batches on every
# thread of a worker (about 30 sentences each), few enough that a lost worker costs little
# and that every worker gets several batches (the last ones finish together).
MIN_BATCH = 32
MAX_BATCH = 256
BATCHES_PER_WORKER = 8
CONNECT_TIMEOUT = 10  # seconds to reach the scheduler
WORKERS_TIMEOUT = 60  # seconds to wait for a first worker
INSTALL = "pip install 'article-l10n[cluster]'"


def import_distributed() -> Any:
    """The ``distributed`` module, or EngineError naming the extra that installs it."""
    try:
        import distributed
    except ImportError:
        raise EngineError(f"--scheduler needs Dask distributed: {INSTALL}") from None
    return distributed


def batch_size(sentences: int, workers: int) -> int:
    return max(MIN_BATCH, min(MAX_BATCH, math.ceil(sentences / (BATCHES_PER_WORKER * workers))))


class ClusterEngine:
    """The ``name`` engine, run on the workers of the Dask scheduler at ``address``."""

    def __init__(self, address: str, name: str, options: EngineOptions) -> None:
        if name not in engine_names():  # a plugin engine must be installed on the workers too
            raise unknown_engine(name)
        if name == "memory":
            raise UsageError("--scheduler: the memory engine reads local catalogs; run it here")
        self.address = address
        self.name = name
        self.options = options
        self._described = name
        self._progress: Progress | None = None
        self.workers_seen: set[str] = set()  # workers that returned a batch (for reports)

    def set_progress(self, callback: Progress | None) -> None:
        self._progress = callback

    def describe(self) -> str:
        """What the workers' engine said it is (e.g. ``argos translate-en_es 1.9``)."""
        return self._described

    def translate_batch(self, texts: list[str], source: str, target: str) -> list[str]:
        if not texts:
            return []
        distributed = import_distributed()
        from toolkit.mt.cluster_worker import EnginePlugin, translate_on_worker

        client = self._connect(distributed)
        plugin = EnginePlugin(self.name, self.options, source, target, _plugin_name(self))
        try:
            workers = self._wait_for_workers(client)
            client.register_plugin(plugin)
            # Sorted by length: a batch of similar lengths carries little padding.
            order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
            size = batch_size(len(texts), workers)
            slices = [order[i : i + size] for i in range(0, len(order), size)]
            futures = client.map(
                translate_on_worker,
                [[texts[i] for i in part] for part in slices],
                plugin=plugin.name,
                source=source,
                target=target,
                pure=False,
            )
            index = {future.key: n for n, future in enumerate(futures)}
            # loop=: this client is not the process's default one (set_as_default=False).
            completed = distributed.as_completed(futures, loop=client.loop, with_results=True)
            del futures  # each result is released once read (below), not held to the end
            out = [""] * len(texts)
            described: set[str] = set()
            done = 0
            try:
                for future, (worker, description, outputs) in completed:
                    part = slices[index[future.key]]
                    if len(outputs) != len(part):
                        raise EngineError(
                            f"{worker}: returned {len(outputs)} translations for {len(part)}"
                        )
                    for i, output in zip(part, outputs, strict=True):
                        out[i] = output
                    described.add(description)
                    self.workers_seen.add(worker)
                    # Released: a worker that dies later costs only the batches it holds then.
                    future.release()
                    done += len(part)
                    if self._progress is not None:
                        self._progress(done, len(texts))
            except distributed.KilledWorker as exc:
                raise EngineError(
                    f"a batch was lost with every worker that ran it ({exc}); nothing written, "
                    "run again"
                ) from None
            if len(described) > 1:
                raise EngineError(
                    "the workers have different models: "
                    + ", ".join(sorted(described))
                    + "; install the same package on every worker"
                )
            self._described = described.pop()
            return out
        finally:
            _close(client, plugin.name)

    def _connect(self, distributed: Any) -> Any:
        try:
            return distributed.Client(self.address, timeout=CONNECT_TIMEOUT, set_as_default=False)
        except (OSError, TimeoutError, ValueError) as exc:
            raise EngineError(f"cannot reach the Dask scheduler at {self.address}: {exc}") from None

    def _wait_for_workers(self, client: Any) -> int:
        try:
            client.wait_for_workers(1, timeout=WORKERS_TIMEOUT)
        except TimeoutError:
            raise EngineError(
                f"no Dask worker joined the scheduler at {self.address} within "
                f"{WORKERS_TIMEOUT} s (start one with `dask worker {self.address}`)"
            ) from None
        return max(1, len(client.scheduler_info().get("workers", {})))


def _plugin_name(engine: ClusterEngine) -> str:
    """One plugin per engine and options, so that two runs with different settings on one
    cluster do not replace each other's model."""
    digest = hashlib.sha256(repr((engine.name, engine.options)).encode()).hexdigest()[:12]
    return f"l10n-{engine.name}-{digest}"


def _close(client: Any, plugin_name: str) -> None:
    """Unload the model on the workers and leave; a cluster already gone is no error."""
    with contextlib.suppress(Exception):  # best effort: the scheduler may be gone
        client.unregister_worker_plugin(plugin_name)
    client.close()
