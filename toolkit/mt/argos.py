"""The ``argos`` engine: Argos packages run directly through CTranslate2 and SentencePiece.

``argostranslate.translate`` translates one paragraph per call with 32-token batches and a
2-second import (torch, stanza). Here the package's ``model/`` (CTranslate2) and
``sentencepiece.model`` are loaded directly and every text of a run goes through ONE
``Translator.translate_batch`` call, sorted by length, which CTranslate2 splits into
token-bounded batches spread over ``inter_threads`` workers.

The output matches ``argostranslate.translate`` for the same sentence and beam: same
tokenizer calls, same decoding options (``replace_unknowns``, ``length_penalty=0.2``, one
hypothesis, the package's ``target_prefix``) and the same detokenization, quirks included
(argostranslate turns ``_`` into a space and drops one leading space). Differences, on
purpose: outputs may run past 256 tokens (argostranslate's CTranslate2 default cut), and no
sentence splitting happens here: each text is one sentence (or line) already, split by the
caller, so no sentence-boundary model (stanza, minisbd) is needed or downloaded.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import ctranslate2
import sentencepiece

from toolkit.errors import EngineError
from toolkit.models import ModelInfo, find_model
from toolkit.mt.base import EngineOptions
from toolkit.mt.device import DeviceSettings, resolve_device
from toolkit.parallel import cores

# Matches argostranslate 1.11 ``apply_packaged_translation``.
LENGTH_PENALTY = 0.2
# Outputs may be this many times their input (plus a little) before decoding stops: real
# translations stay well under, and a model stuck in a loop stops early.
DECODING_RATIO = 2
MIN_DECODING_LENGTH = 256  # never cut shorter than argostranslate does

Progress = Callable[[int, int], None]


@dataclass
class _Loaded:
    info: ModelInfo
    translator: Any  # ctranslate2.Translator
    tokenizer: Any  # sentencepiece.SentencePieceProcessor
    target_prefix: str


class ArgosEngine:
    """Translates with installed Argos packages; one loaded model per language pair."""

    name = "argos"

    def __init__(self, options: EngineOptions, progress: Progress | None = None) -> None:
        self.options = options
        # Called as progress(done, total) while a batch is translated.
        self.progress = progress
        self._loaded: dict[tuple[str, str], _Loaded] = {}
        self._last: ModelInfo | None = None
        # Resolved now, so that --device cuda on a machine without a GPU fails before any work.
        self.settings: DeviceSettings = resolve_device(
            options.device,
            options.compute_type,
            options.inter_threads,
            options.intra_threads,
            cores(),
        )

    def set_progress(self, callback: Progress | None) -> None:
        """The progress protocol ``toolkit.translate`` looks for (as Apertium's engine)."""
        self.progress = callback

    def load(self, source: str, target: str) -> ModelInfo:
        """Find and load the package for the pair (once); EngineError naming the fix if none."""
        key = (source, target)
        if key not in self._loaded:
            self._loaded[key] = self._load(find_model(source, target))
        self._last = self._loaded[key].info
        return self._last

    def _load(self, info: ModelInfo) -> _Loaded:
        model_dir = info.path / "model"
        sp_model = info.path / "sentencepiece.model"
        if not sp_model.is_file():
            raise EngineError(
                f"{info.describe()} has no sentencepiece.model (BPE packages are not supported)",
                info.path,
            )
        settings = self.settings
        try:
            translator = ctranslate2.Translator(
                str(model_dir),
                device=settings.device,
                device_index=list(settings.device_index),
                compute_type=settings.compute_type,
                inter_threads=settings.inter_threads,
                intra_threads=settings.intra_threads,
            )
            tokenizer = sentencepiece.SentencePieceProcessor(model_file=str(sp_model))
        except (RuntimeError, ValueError, OSError) as exc:
            raise EngineError(f"cannot load {info.describe()}: {exc}", info.path) from None
        prefix = _target_prefix(info)
        return _Loaded(info, translator, tokenizer, prefix)

    def describe(self) -> str:
        """e.g. ``argos translate-en_es 1.9`` (the package last loaded)."""
        return f"argos {self._last.describe()}" if self._last else "argos"

    def translate_batch(self, texts: list[str], source: str, target: str) -> list[str]:
        """One translation per text, in order. Lines of a text are translated separately
        (as argostranslate does); empty and blank lines come back unchanged."""
        lines_of = [text.split("\n") for text in texts]
        unique = sorted({line for lines in lines_of for line in lines if line.strip()})
        if not unique:
            return list(texts)
        self.load(source, target)
        model = self._loaded[(source, target)]
        done = dict(zip(unique, self._translate(model, unique), strict=True))
        return ["\n".join(done.get(line, line) for line in lines) for lines in lines_of]

    def _translate(self, model: _Loaded, lines: list[str]) -> list[str]:
        tokens: list[list[str]] = model.tokenizer.encode(lines, out_type=str)
        # Sorted by length so batches carry little padding; results go back by index.
        order = sorted(range(len(lines)), key=lambda i: len(tokens[i]))
        batch = [tokens[i] for i in order]
        longest = len(batch[-1])
        prefix = [[model.target_prefix]] * len(batch) if model.target_prefix else None
        try:
            pending = model.translator.translate_batch(
                batch,
                target_prefix=prefix,
                max_batch_size=self.settings.max_batch_tokens,
                batch_type="tokens",
                asynchronous=True,  # lets progress be reported as batches finish
                beam_size=max(1, self.options.beam_size),
                num_hypotheses=1,
                length_penalty=LENGTH_PENALTY,
                replace_unknowns=True,
                max_decoding_length=max(MIN_DECODING_LENGTH, DECODING_RATIO * longest + 16),
            )
            out = [""] * len(lines)
            for n, (i, result) in enumerate(zip(order, pending, strict=True), start=1):
                out[i] = _detokenize(model, result.result().hypotheses[0])
                if self.progress is not None:
                    self.progress(n, len(lines))
        except (RuntimeError, ValueError) as exc:
            raise EngineError(f"{model.info.describe()} failed: {exc}", model.info.path) from None
        return out


def _target_prefix(info: ModelInfo) -> str:
    """The token some multilingual packages need first (metadata ``target_prefix``)."""
    try:
        meta = json.loads((info.path / "metadata.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return ""
    value = meta.get("target_prefix", "") if isinstance(meta, dict) else ""
    return value if isinstance(value, str) else ""


def _detokenize(model: _Loaded, pieces: list[str]) -> str:
    """argostranslate's SentencePieceTokenizer.decode and clean-up, step for step."""
    value: str = model.tokenizer.decode_pieces(pieces).replace("▁", " ").replace("_", " ")
    if model.target_prefix and value.startswith(model.target_prefix):
        value = value[len(model.target_prefix) :]
    if value.startswith(" "):
        value = value[1:]
    return value


def create(options: EngineOptions) -> ArgosEngine:
    """The registry's factory (``toolkit.mt.base.ENGINES["argos"]``)."""
    return ArgosEngine(options)
