"""Where the argos engine runs: CPU or a CUDA GPU, and the settings that suit each.

``auto`` takes a GPU when CTranslate2 reports one (``ctranslate2.get_cuda_device_count()``),
so the same command runs on a laptop and on a GPU server. The compute type, unless one is
asked for, follows CTranslate2's own advice per device: ``int8_float16`` on a GPU (int8
weights, float16 activations; ``float16`` on a GPU too old for it), ``int8`` on a CPU. On a
GPU one batch at a time per device, with bigger batches (a GPU is fed by wide batches, a CPU
by several narrow ones in parallel).
Outputs on CPU and GPU agree up to CTranslate2's documented numeric differences between
devices and compute types (float16 rounding can change a beam's choice).

Resolution happens where the model is loaded: with ``--scheduler``, on each worker, which
may have a GPU that the client lacks.
"""

from __future__ import annotations

from dataclasses import dataclass

from toolkit.errors import EngineError, UsageError

DEVICES = ("auto", "cpu", "cuda")

# Tokens per CTranslate2 batch on a CPU (about 30 news sentences). On the base-size benchmark
# model with beam 4 and 2 workers, 512-1024 ran 1.3-1.6x faster than 2048-8192: smaller
# batches stay in cache, and more of them keep both workers busy.
CPU_BATCH_TOKENS = 1024
# Not measured here (no GPU on this machine): CTranslate2's examples batch a few thousand
# tokens on a GPU; 4096 keeps a 16-GB card far from its memory limit with a base-size model.
GPU_BATCH_TOKENS = 4096


@dataclass(frozen=True)
class DeviceSettings:
    """What ``ctranslate2.Translator`` is given, and the batch size for the device."""

    device: str  # "cpu" or "cuda"
    device_index: tuple[int, ...]
    compute_type: str
    inter_threads: int  # batches translated in parallel (per device on a GPU)
    intra_threads: int  # threads per batch
    max_batch_tokens: int

    def describe(self) -> str:
        where = "cpu" if self.device == "cpu" else f"cuda:{','.join(map(str, self.device_index))}"
        return f"{where}, {self.compute_type}"


def cuda_devices() -> int:
    """CUDA devices CTranslate2 can use (0 without a GPU, a driver, or a CUDA build)."""
    import ctranslate2

    try:
        return int(ctranslate2.get_cuda_device_count())
    except (RuntimeError, OSError):
        return 0


def resolve_device(
    requested: str, compute_type: str, inter_threads: int, intra_threads: int, cores: int
) -> DeviceSettings:
    """Settings for ``requested`` (auto, cpu or cuda); EngineError if cuda is asked for and
    CTranslate2 sees no GPU, or the compute type does not run on the device."""
    import ctranslate2

    if requested not in DEVICES:
        raise UsageError(f"unknown device {requested!r} (choose from {', '.join(DEVICES)})")
    gpus = cuda_devices() if requested != "cpu" else 0
    if requested == "cuda" and gpus == 0:
        raise EngineError(
            "--device cuda: CTranslate2 sees no CUDA device "
            "(ctranslate2.get_cuda_device_count() is 0); use --device cpu or auto"
        )
    device = "cuda" if gpus > 0 else "cpu"
    supported = set(ctranslate2.get_supported_compute_types(device))
    if compute_type == "auto":
        preferred = ("int8_float16", "float16") if device == "cuda" else ("int8",)
        compute_type = next((c for c in preferred if c in supported), "auto")
    elif compute_type not in supported and compute_type != "default":
        known = ", ".join(sorted(supported))
        raise EngineError(
            f"compute type {compute_type!r} does not run on {device} here (choose from {known})"
        )
    if device == "cuda":
        return DeviceSettings(
            "cuda",
            tuple(range(gpus)),
            compute_type,
            inter_threads=inter_threads or 1,
            intra_threads=intra_threads,
            max_batch_tokens=GPU_BATCH_TOKENS,
        )
    return DeviceSettings(
        "cpu",
        (0,),
        compute_type,
        inter_threads=inter_threads or cores,
        intra_threads=intra_threads,
        max_batch_tokens=CPU_BATCH_TOKENS,
    )
