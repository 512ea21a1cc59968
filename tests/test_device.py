"""``--device auto|cpu|cuda``: where the argos engine runs, and the settings for each device.

The resolution tests run everywhere: a machine with a GPU is simulated by answering
CTranslate2's two questions (how many CUDA devices, which compute types) the way a GPU
machine answers them. The tests marked ``gpu`` translate on a real GPU: they run wherever
one is visible (see ``tests/conftest.py``) and are skipped, with that reason, elsewhere.
"""

from __future__ import annotations

from pathlib import Path

import ctranslate2
import pytest

from tests.conftest import l10n, make_workspace
from tests.test_argos import SENTENCES
from toolkit.errors import EngineError, UsageError
from toolkit.mt.argos import ArgosEngine
from toolkit.mt.base import EngineOptions
from toolkit.mt.device import CPU_BATCH_TOKENS, GPU_BATCH_TOKENS, resolve_device

NO_GPU = (
    "--device cuda: CTranslate2 sees no CUDA device (ctranslate2.get_cuda_device_count() is 0); "
    "use --device cpu or auto"
)
ARTICLE = '---\ntitle: "Spyware"\n---\n\nMexican authorities used Pegasus.\n'


def pretend_gpus(monkeypatch: pytest.MonkeyPatch, count: int, types: set[str]) -> None:
    monkeypatch.setattr(ctranslate2, "get_cuda_device_count", lambda: count)
    real = ctranslate2.get_supported_compute_types
    monkeypatch.setattr(
        ctranslate2,
        "get_supported_compute_types",
        lambda device, *a: types if device == "cuda" else real(device, *a),
    )


def test_cpu_gets_int8_one_thread_per_core_and_narrow_batches() -> None:
    settings = resolve_device("cpu", "auto", 0, 1, cores=2)
    assert (settings.device, settings.compute_type) == ("cpu", "int8")
    assert (settings.inter_threads, settings.intra_threads) == (2, 1)
    assert settings.max_batch_tokens == CPU_BATCH_TOKENS


def test_auto_without_a_gpu_is_the_cpu(monkeypatch: pytest.MonkeyPatch) -> None:
    pretend_gpus(monkeypatch, 0, set())
    assert resolve_device("auto", "auto", 0, 1, cores=2) == resolve_device(
        "cpu", "auto", 0, 1, cores=2
    )


def test_auto_with_gpus_takes_them_all_with_int8_float16(monkeypatch: pytest.MonkeyPatch) -> None:
    pretend_gpus(monkeypatch, 2, {"float32", "float16", "int8_float16", "int8"})
    settings = resolve_device("auto", "auto", 0, 1, cores=2)
    assert (settings.device, settings.device_index) == ("cuda", (0, 1))
    assert settings.compute_type == "int8_float16"
    assert settings.inter_threads == 1  # one batch at a time per GPU
    assert settings.max_batch_tokens == GPU_BATCH_TOKENS
    assert settings.describe() == "cuda:0,1, int8_float16"


def test_a_gpu_without_int8_gets_float16(monkeypatch: pytest.MonkeyPatch) -> None:
    pretend_gpus(monkeypatch, 1, {"float32", "float16"})
    assert resolve_device("cuda", "auto", 0, 1, cores=2).compute_type == "float16"


def test_an_explicit_compute_type_is_kept_or_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    assert resolve_device("cpu", "float32", 0, 1, cores=2).compute_type == "float32"
    with pytest.raises(EngineError) as caught:
        resolve_device("cpu", "float16", 0, 1, cores=2)
    assert str(caught.value).startswith("compute type 'float16' does not run on cpu here")


def test_cuda_without_a_gpu_is_one_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    pretend_gpus(monkeypatch, 0, set())
    with pytest.raises(EngineError) as caught:
        ArgosEngine(EngineOptions(device="cuda"))
    assert str(caught.value) == NO_GPU
    with pytest.raises(UsageError):
        resolve_device("gpu", "auto", 0, 1, cores=2)


def test_cli_device_cuda_without_a_gpu_exits_1_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, copy_model_installed: Path
) -> None:
    pretend_gpus(monkeypatch, 0, set())
    root = make_workspace(tmp_path / "ws", {"spy": ARTICLE})
    assert l10n(root, "extract")[0] == 0
    po = root / "locales" / "es" / "spy.po"
    before = po.read_bytes()
    code, out, err = l10n(root, "translate", "spy", "--engine", "argos", "--device", "cuda")
    assert (code, out, err) == (1, "", f"Error: {NO_GPU}\n")
    assert po.read_bytes() == before


def test_cli_unknown_device_is_a_usage_error(tmp_path: Path) -> None:
    root = make_workspace(tmp_path / "ws", {"spy": ARTICLE})
    code, _, err = l10n(root, "translate", "spy", "--engine", "argos", "--device", "gpu")
    assert (code, err) == (2, "Error: unknown device 'gpu' (choose from auto, cpu, cuda)\n")


def test_device_setting(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    pretend_gpus(monkeypatch, 0, set())
    root = make_workspace(tmp_path / "ws", {"spy": ARTICLE}, 'device = "cuda"\n')
    assert l10n(root, "extract")[0] == 0
    code, _, err = l10n(root, "translate", "spy", "--engine", "argos")
    assert (code, err) == (1, f"Error: {NO_GPU}\n")
    # The option wins over the setting.
    code, _, err = l10n(root, "translate", "spy", "--engine", "pseudo", "--device", "cpu")
    assert code == 0, err

    (root / "pyproject.toml").write_text('[tool.l10n]\ndevice = "gpu"\n', encoding="utf-8")
    code, _, err = l10n(root, "status")
    setting = "[tool.l10n] device must be one of auto, cpu, cuda"
    assert (code, err) == (1, f"Error: pyproject.toml:2: {setting}\n")


# --- on a real GPU ----------------------------------------------------------------------------


@pytest.mark.gpu
def test_gpu_translates_like_the_cpu(copy_model_installed: Path) -> None:
    gpu = ArgosEngine(EngineOptions(device="cuda"))
    assert gpu.settings.device == "cuda"
    cpu = ArgosEngine(EngineOptions(device="cpu"))
    # The copy model's margins (~40 nats a step) are far above float16 rounding: the same text.
    assert gpu.translate_batch(SENTENCES, "en", "es") == cpu.translate_batch(SENTENCES, "en", "es")
    assert gpu.translate_batch(SENTENCES, "en", "es") == SENTENCES


@pytest.mark.gpu
def test_auto_takes_the_gpu(copy_model_installed: Path) -> None:
    assert ArgosEngine(EngineOptions(device="auto")).settings.device == "cuda"
