"""Build a valid Argos Translate package offline: a CTranslate2 model that copies its input.

Tests and benchmarks need a real ``.argosmodel`` that goes through the real loading and
decoding code (argostranslate, CTranslate2, SentencePiece) with exactly predictable output,
and no model can be downloaded. So every weight is set by hand:

* Source and target share the SentencePiece vocabulary. Each token id is written as one-hot
  base-32 digits (its *token code*); each position as two one-hot base-32 digits (its
  *position code*, so up to 1024 positions). The config adds ``</s>`` to the source.
* Encoder: embeddings = token code, learned position encodings = position code; every layer
  is inert (random weights, but output projections of ~1e-5), so the encoder output is a
  fixed affine map of token code + position code (LayerNorm of a vector with a constant
  count of ones).
* Decoder: token embeddings are zero, position encodings = position code, so step ``t``
  carries only ``t``. In the first layer's cross-attention every head's query and key read
  the position code (query scaled so one digit of mismatch costs ~50 in the softmax), and
  the values read slices of the token code: step ``t`` reads source token ``t``. The output
  projection writes that token code back and the vocabulary projection scores tokens by
  matching digits (a margin of ~40 per digit). At step ``len(source)`` the copied token is
  the ``</s>`` the config appended, which ends the hypothesis. All other sublayers are inert.

SentencePiece uses the ``identity`` normalization and keeps whitespace, so decoding the copy
gives back the input text byte for byte (real Argos packages use NFKC, which would turn
"…" into "..."). Beam search and the length penalty cannot change a copy: each step's
alternatives are ~40 nats worse.

``--base`` builds the same copy model at the size of a real Argos package (d_model 512,
6+6 layers, 8 heads, FFN 2048, vocabulary padded to 32,000, int8 weights) so benchmarks do
realistic work; its extra layers compute but add nothing. Its tokenizer is also trained on
generated news sentences (:func:`news_sentences`) so that sentences have a realistic number
of pieces.

Usage: ``python -m tests.argos_model OUT.argosmodel [--base]``.
"""

from __future__ import annotations

import argparse
import io
import json
import math
import random
import sys
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

Array = npt.NDArray[np.float32]

BASE = 32  # digits of the token and position codes
POSITION_DIGITS = 2  # 32 ** 2 = 1024 positions
MAX_POSITIONS = BASE**POSITION_DIGITS
HEAD_DIM = 64  # per attention head, in both sizes
ATTENTION_MARGIN = 50.0  # softmax logit lost per mismatched position digit
OUTPUT_MARGIN = 40.0  # vocabulary logit lost per mismatched token digit
READ_SCALE = 0.05  # random weights that feed attention scores and FFN activations
WRITE_SCALE = 1e-5  # random weights that write into the residual stream: ~no effect
SEED = 20170619

# English and Spanish news sentences: enough for a small vocabulary with common pieces.
CORPUS = [
    "Mexican authorities used surveillance technology to spy on political opponents.",
    "The government denied the allegations and promised an independent investigation.",
    "Journalists, lawyers and activists received text messages with malicious links.",
    "The spyware, called Pegasus, was sold by the Israeli firm NSO Group.",
    "According to the report, at least 76 people were targeted between 2015 and 2016.",
    "InSight Crime analysed the documents published by The New York Times on June 19.",
    "Officials said the program cost $32 million and was meant to fight organized crime.",
    "Critics argue that the lack of oversight allowed abuses to go unpunished.",
    "The attorney general's office bought the software in 2014, records show.",
    "Human rights groups demanded that the Senate open a formal inquiry.",
    "President Enrique Peña Nieto said he had no evidence of illegal spying.",
    "Researchers at Citizen Lab traced the infections to servers in Mexico.",
    "The messages claimed that a relative had been in an accident or that a friend died.",
    "Drug trafficking organizations have infiltrated local police forces in several states.",
    "Violence rose sharply in Guerrero, Tamaulipas and Veracruz last year.",
    "The investigation is ongoing, and no one has been charged so far.",
    "Las autoridades mexicanas usaron tecnología de vigilancia para espiar a opositores.",
    "El gobierno negó las acusaciones y prometió una investigación independiente.",
    "Periodistas, abogados y activistas recibieron mensajes con enlaces maliciosos.",
    "El programa espía, llamado Pegasus, fue vendido por la empresa israelí NSO Group.",
    "Según el informe, al menos 76 personas fueron blanco entre 2015 y 2016.",
    "Los funcionarios dijeron que el programa costó 32 millones de dólares.",
    "Los críticos sostienen que la falta de supervisión permitió abusos impunes.",
    "La Procuraduría General de la República compró el software en 2014.",
    "Los grupos de derechos humanos exigieron que el Senado abriera una investigación.",
    "El presidente dijo que no tenía pruebas de espionaje ilegal.",
    "Investigadores del Citizen Lab rastrearon las infecciones hasta servidores en México.",
    "La violencia aumentó en Guerrero, Tamaulipas y Veracruz el año pasado.",
    "¿Quién autorizó el espionaje? ¡Nadie lo sabe todavía!",
    "«Es un escándalo», afirmó la diputada del Partido Acción Nacional.",
    "The report, which was released on Monday, cites 12 cases in detail.",
    "Mr. Smith, Dr. Ruiz and Gen. Cienfuegos did not answer requests for comment.",
]

# Templates for generated news sentences: the base model's tokenizer is trained on them so
# that it splits news text into about as many pieces per word as a real 32k-piece model
# (~1.3), and benchmarks draw their entries from them.
SUBJECTS = [
    "Mexican authorities",
    "The attorney general's office",
    "Human rights groups",
    "Researchers at Citizen Lab",
    "The Senate",
    "Officials in Guerrero",
    "President Enrique Peña Nieto",
    "InSight Crime",
    "Journalists and lawyers",
    "The Israeli firm NSO Group",
]
VERBS = [
    "said that",
    "denied that",
    "reported on Monday that",
    "confirmed in a statement that",
    "argued that",
    "told The New York Times that",
]
CLAUSES = [
    "the spyware was used against {n} people between {y} and {y2}",
    "the program cost ${m} million and was meant to fight organized crime",
    "no one has been charged so far in the investigation",
    "text messages with malicious links reached at least {n} activists",
    "violence rose sharply in Tamaulipas, Veracruz and Guerrero last year",
    "the lack of oversight allowed abuses to go unpunished",
    "the government bought the software in {y} without a public tender",
    "drug trafficking organizations have infiltrated local police forces",
]
TAILS = [
    ".",
    ", according to documents reviewed by InSight Crime.",
    ", although the evidence remains incomplete.",
    ", a claim that critics have disputed for months.",
]


def news_sentences(count: int, seed: int = 19) -> list[str]:
    """One-sentence news entries in the style of the seed article, reproducibly random."""
    rng = random.Random(seed)
    entries = []
    for _ in range(count):
        clauses = rng.sample(CLAUSES, rng.choice([1, 1, 2]))
        body = " and ".join(
            c.format(
                n=rng.randint(3, 200), y=rng.randint(2010, 2016), y2=2017, m=rng.randint(5, 90)
            )
            for c in clauses
        )
        entries.append(f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {body}{rng.choice(TAILS)}")
    return entries


@dataclass(frozen=True)
class Size:
    """The architecture of a copy model."""

    d_model: int
    layers: int
    heads: int
    ffn: int
    vocab_pad: int  # pad the CTranslate2 vocabulary to this many tokens (0: no padding)
    quantization: str | None
    tokenizer: str  # SentencePiece model type
    pieces: int  # SentencePiece vocabulary size asked for (the corpus may give fewer)
    news: int  # generated news sentences added to the tokenizer's training corpus


TINY = Size(128, 2, 2, 128, vocab_pad=0, quantization=None, tokenizer="unigram", pieces=600, news=0)
# BPE with 700 pieces splits the generated news text into ~1.4 pieces per word, about what a
# real Argos en_es tokenizer does; sequence length drives the decoding cost.
BASE_SIZE = Size(
    512, 6, 8, 2048, vocab_pad=32000, quantization="int8", tokenizer="bpe", pieces=700, news=2000
)


def train_sentencepiece(
    out: Path, vocab_size: int = 600, news: int = 0, model_type: str = "unigram"
) -> list[str]:
    """Train the tokenizer; returns its pieces by id (``<unk>``, ``<s>``, ``</s>`` first)."""
    import sentencepiece as spm

    model = io.BytesIO()
    spm.SentencePieceTrainer.train(
        sentence_iterator=iter(CORPUS + news_sentences(news, seed=1)),
        model_writer=model,
        model_type=model_type,
        vocab_size=vocab_size,
        hard_vocab_limit=False,  # the corpus is too small to fill any exact size
        byte_fallback=True,  # any character round-trips, as in real Argos models
        character_coverage=1.0,
        normalization_rule_name="identity",  # copies must be byte-exact
        remove_extra_whitespaces=False,
        num_threads=1,  # deterministic
        minloglevel=2,
    )
    out.write_bytes(model.getvalue())
    processor = spm.SentencePieceProcessor(model_proto=model.getvalue())
    return [processor.id_to_piece(i) for i in range(processor.get_piece_size())]


def _digits(value: int, ndigits: int) -> Array:
    """``value`` as ``ndigits`` one-hot base-32 digits, least significant first."""
    code = np.zeros(ndigits * BASE, dtype=np.float32)
    for d in range(ndigits):
        code[d * BASE + (value // BASE**d) % BASE] = 1.0
    return code


def _ln_std(ones: int, d_model: int) -> float:
    """Standard deviation LayerNorm sees for a vector of ``ones`` ones and zeros elsewhere."""
    mean = ones / d_model
    return math.sqrt(ones / d_model - mean * mean)


def _layer_norm(spec: object, d_model: int) -> None:
    spec.gamma = np.ones(d_model, dtype=np.float32)  # type: ignore[attr-defined]
    spec.beta = np.zeros(d_model, dtype=np.float32)  # type: ignore[attr-defined]


def _linear(spec: object, weight: Array, bias: Array | None = None) -> None:
    spec.weight = weight  # type: ignore[attr-defined]
    spec.bias = np.zeros(weight.shape[0], dtype=np.float32) if bias is None else bias  # type: ignore[attr-defined]


def _inert_attention(spec: object, d_model: int, kind: str, rng: np.random.Generator) -> None:
    """An attention block that computes like a trained one but adds ~nothing to the residual.

    Weights are random (distinct per layer, so CTranslate2 does not alias them and the
    benchmark streams as many weights as a real model); the output projection is ~1e-5.
    """
    _layer_norm(spec.layer_norm, d_model)  # type: ignore[attr-defined]
    linears = spec.linear  # type: ignore[attr-defined]
    if kind == "self":  # fused QKV, out
        _linear(linears[0], _random(rng, (3 * d_model, d_model), READ_SCALE))
        _linear(linears[1], _random(rng, (d_model, d_model), WRITE_SCALE))
    else:  # cross: Q, fused KV, out
        _linear(linears[0], _random(rng, (d_model, d_model), READ_SCALE))
        _linear(linears[1], _random(rng, (2 * d_model, d_model), READ_SCALE))
        _linear(linears[2], _random(rng, (d_model, d_model), WRITE_SCALE))


def _inert_ffn(spec: object, size: Size, rng: np.random.Generator) -> None:
    _layer_norm(spec.layer_norm, size.d_model)  # type: ignore[attr-defined]
    w0 = _random(rng, (size.ffn, size.d_model), READ_SCALE)
    _linear(spec.linear_0, w0)  # type: ignore[attr-defined]
    w1 = _random(rng, (size.d_model, size.ffn), WRITE_SCALE)
    _linear(spec.linear_1, w1)  # type: ignore[attr-defined]


def _random(rng: np.random.Generator, shape: tuple[int, int], scale: float) -> Array:
    return (rng.standard_normal(shape) * scale).astype(np.float32)


def build_ctranslate2_model(pieces: list[str], out_dir: Path, size: Size) -> None:
    """Write a CTranslate2 copy model for the vocabulary ``pieces`` into ``out_dir``."""
    import ctranslate2

    vocab = list(pieces)
    if size.vocab_pad > len(vocab):
        # Padding tokens are never produced by SentencePiece; they only add realistic cost.
        vocab += [f"<pad{i}>" for i in range(size.vocab_pad - len(vocab))]
    n_vocab = len(vocab)
    tok_digits = max(1, math.ceil(math.log(n_vocab, BASE)))
    tok_dims = tok_digits * BASE
    pos_dims = POSITION_DIGITS * BASE
    d = size.d_model
    value_heads = math.ceil(tok_dims / HEAD_DIM)
    if d // size.heads != HEAD_DIM or tok_dims + pos_dims > d or value_heads > size.heads:
        raise ValueError(f"size {size} cannot hold {n_vocab} token codes")

    # Residual layout: [token code | position code | unused].
    tok = slice(0, tok_dims)
    pos = slice(tok_dims, tok_dims + pos_dims)
    token_codes = np.zeros((n_vocab, d), dtype=np.float32)
    for i in range(n_vocab):
        token_codes[i, tok] = _digits(i, tok_digits)
    position_codes = np.zeros((MAX_POSITIONS, d), dtype=np.float32)
    for p in range(MAX_POSITIONS):
        position_codes[p, pos] = _digits(p, POSITION_DIGITS)

    rng = np.random.default_rng(SEED)
    spec = ctranslate2.specs.TransformerSpec.from_config(
        (size.layers, size.layers), size.heads, pre_norm=True
    )
    spec.config.add_source_eos = True  # the copied </s> ends each hypothesis

    enc = spec.encoder
    enc.scale_embeddings = False
    enc.embeddings[0].weight = token_codes
    enc.position_encodings.encodings = position_codes
    for layer in enc.layer:
        _inert_attention(layer.self_attention, d, "self", rng)
        _inert_ffn(layer.ffn, size, rng)
    _layer_norm(enc.layer_norm, d)

    dec = spec.decoder
    dec.scale_embeddings = False
    dec.embeddings.weight = np.zeros((n_vocab, d), dtype=np.float32)
    dec.position_encodings.encodings = position_codes
    for layer in dec.layer:
        _inert_attention(layer.self_attention, d, "self", rng)
        _inert_attention(layer.attention, d, "cross", rng)
        _inert_ffn(layer.ffn, size, rng)

    # The copying cross-attention, in the first decoder layer.
    enc_ones = tok_digits + POSITION_DIGITS  # ones in an encoder row
    enc_std = _ln_std(enc_ones, d)
    dec_std = _ln_std(POSITION_DIGITS, d)
    # score = beta * matches / (sqrt(head_dim) * enc_std * dec_std) after both LayerNorms.
    beta = ATTENTION_MARGIN * math.sqrt(HEAD_DIM) * enc_std * dec_std
    query = np.zeros((d, d), dtype=np.float32)
    key_value = np.zeros((2 * d, d), dtype=np.float32)
    out = np.zeros((d, d), dtype=np.float32)
    out_bias = np.zeros(d, dtype=np.float32)
    for h in range(size.heads):
        rows = slice(h * HEAD_DIM, h * HEAD_DIM + pos_dims)
        query[rows, pos] = beta * np.eye(pos_dims, dtype=np.float32)
        key_value[rows, pos] = np.eye(pos_dims, dtype=np.float32)
    # Head h's value carries token-code dims [64h, 64h + 64); the output projection puts
    # them back in place, undoing LayerNorm's shift and scale so a plain token code lands.
    mean = enc_ones / d
    for i in range(tok_dims):
        key_value[d + i, i] = 1.0
        out[i, i] = enc_std
        out_bias[i] = mean
    cross = dec.layer[0].attention
    _linear(cross.linear[0], query)
    _linear(cross.linear[1], key_value)
    _linear(cross.linear[2], out, out_bias)
    _layer_norm(dec.layer_norm, d)

    # Vocabulary logits: alpha * matching digits / std of (position code + token code).
    alpha = OUTPUT_MARGIN * _ln_std(tok_digits + POSITION_DIGITS, d)
    projection = np.zeros((n_vocab, d), dtype=np.float32)
    projection[:, tok] = alpha * token_codes[:, tok]
    _linear(dec.projection, projection)

    spec.register_source_vocabulary(vocab)
    spec.register_target_vocabulary(vocab)
    spec.validate()
    spec.optimize(quantization=size.quantization)
    out_dir.mkdir(parents=True, exist_ok=True)
    spec.save(str(out_dir))


def metadata(package_version: str) -> dict[str, object]:
    return {
        "package_version": package_version,
        "argos_version": "1.9",
        "from_code": "en",
        "from_name": "English",
        "to_code": "es",
        "to_name": "Spanish",
        "type": "translate",
        "links": [],
    }


def build_argosmodel(out: Path, base: bool = False, package_version: str = "1.0") -> Path:
    """Write ``out`` (a ``.argosmodel`` zip): one folder with metadata.json, model/, tokenizer.

    The layout is the standard one (``translate-en_es-1_0/``); there is no ``stanza/`` or
    ``minisbd/`` folder, since the fast path does not split sentences.
    """
    size = BASE_SIZE if base else TINY
    folder = f"translate-en_es-{package_version.replace('.', '_')}"
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / folder
        root.mkdir()
        pieces = train_sentencepiece(
            root / "sentencepiece.model", size.pieces, size.news, size.tokenizer
        )
        build_ctranslate2_model(pieces, root / "model", size)
        (root / "metadata.json").write_text(json.dumps(metadata(package_version), indent=2))
        kind = "base-size" if base else "tiny"
        (root / "README.md").write_text(
            f"# Copy model ({kind})\n\nBuilt by tests/argos_model.py: outputs its input.\n"
        )
        out.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            for path in sorted(root.rglob("*")):
                archive.write(path, path.relative_to(tmp).as_posix())
    return out


def retag(src: Path, out: Path, package_version: str) -> Path:
    """Copy the package ``src`` as another version (folder and metadata), without rebuilding."""
    folder = f"translate-en_es-{package_version.replace('.', '_')}"
    with zipfile.ZipFile(src) as old, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for item in old.infolist():
            rest = item.filename.split("/", 1)[1]
            data = old.read(item)
            if rest == "metadata.json":
                data = json.dumps(metadata(package_version), indent=2).encode()
            new.writestr(f"{folder}/{rest}", data)
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.argos_model", description=__doc__)
    parser.add_argument("out", type=Path, help="the .argosmodel file to write")
    parser.add_argument("--base", action="store_true", help="base size (512, 6+6, int8)")
    parser.add_argument("--version", default="1.0", help="package_version in metadata.json")
    args = parser.parse_args(argv)
    build_argosmodel(args.out, base=args.base, package_version=args.version)
    sys.stdout.write(f"{args.out}\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
