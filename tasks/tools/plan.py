"""`sftops plan`: memory per GPU and training time for full, LoRA and QLoRA, before any GPU is rented.

Everything here is arithmetic on the model's shape (hidden size, layers, MLP width, heads, vocabulary): nothing is
loaded or downloaded. The estimate answers four questions for a model size, sequence length, micro-batch and GPU
count: how many bytes each method needs per GPU (weights, gradients, optimizer state, activations), which GPUs
hold that, how many optimizer steps the run takes, and roughly how long it runs.

Units: bytes inside, "GB" = 10^9 bytes in the output. A GPU's capacity is its vendor-nominal size read as 10^9
bytes (an "80 GB" H100 holds 80e9 here); the card physically has that many GiB, about 7% more, and that
difference is the headroom for the CUDA context, the caching allocator's fragmentation and NCCL buffers.

The byte conventions, per parameter (each function below repeats its own):

    full   bf16 weights 2 + bf16 gradients 2 + fp32 AdamW m and v 8 = 12 bytes. 7B x 12 = 84 GB, the seed's
           "roughly 80 GB before activations" (a Llama-2-7B, 6.74B parameters, gives 81 GB). This is bf16
           training with fp32 optimizer moments and no fp32 master copy of the weights. With ``fp32_master``
           it is ZeRO's mixed-precision accounting instead: + a 4-byte fp32 master copy = 16 bytes (112 GB for
           7B); FSDP with fp32 sharded parameters and bf16 compute (a model loaded in fp32 under accelerate's
           ``mixed_precision: bf16``) costs the same 16 bytes: fp32 weights 4, fp32 gradients 4, m and v 8.
    lora   the frozen base in bf16 (2 bytes) and the adapters trained in fp32 (peft's default: weights 4,
           gradients 4, AdamW m and v 8 = 16 bytes per trainable parameter).
    qlora  the decoder's linear layers in NF4 with double quantisation (0.5 byte + an 8-bit absmax per block of
           64 + an fp32 constant per 256 blocks = 0.516 byte); the embeddings, norms and lm_head in fp32, as
           peft's ``prepare_model_for_kbit_training`` (which the train stage calls) leaves them; adapters as lora.

FSDP full shard over N GPUs divides weights, gradients and optimizer state by N, and adds the parameters in flight:
two decoder layers all-gathered at a time (the one computing and the one prefetched) and the root unit (embeddings
and lm_head), which FSDP keeps gathered from forward to backward. Activations are per GPU and never sharded.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

from tasks.core.errors import SftopsError
from tasks.core.io import read_yaml_mapping
from tasks.core.params import Params

Method = Literal["full", "lora", "qlora"]
METHODS: tuple[Method, ...] = ("full", "lora", "qlora")
GB = 1e9


class PlanError(SftopsError):
    """The plan cannot be made as asked (unknown model or GPU, a bad option); the message says what to pass."""


# ---------------------------------------------------------------- architectures


@dataclass(frozen=True)
class Architecture:
    """The shape of a Llama-style decoder (RMSNorm, rotary attention with grouped KV heads, SwiGLU MLP).

    ``params_override`` replaces the parameter count derived from the shape (a generic model asked for by size
    alone keeps its exact size; its shape only drives LoRA, activations and FLOPs).
    """

    name: str
    hidden: int
    layers: int
    intermediate: int
    heads: int
    kv_heads: int
    vocab: int
    tied_embeddings: bool = False
    head_dim: int | None = None
    params_override: int | None = None

    @property
    def head_size(self) -> int:
        return self.head_dim or self.hidden // self.heads

    @property
    def q_dim(self) -> int:
        return self.heads * self.head_size

    @property
    def kv_dim(self) -> int:
        return self.kv_heads * self.head_size

    def linear_shapes(self) -> dict[str, tuple[int, int]]:
        """(in_features, out_features) of each linear layer in one decoder layer, by its usual module name."""
        h, i = self.hidden, self.intermediate
        return {
            "q_proj": (h, self.q_dim),
            "k_proj": (h, self.kv_dim),
            "v_proj": (h, self.kv_dim),
            "o_proj": (self.q_dim, h),
            "gate_proj": (h, i),
            "up_proj": (h, i),
            "down_proj": (i, h),
        }

    @property
    def layer_linear_params(self) -> int:
        return sum(a * b for a, b in self.linear_shapes().values())

    @property
    def layer_params(self) -> int:
        """One decoder layer: its linear layers and two RMSNorm weight vectors."""
        return self.layer_linear_params + 2 * self.hidden

    @property
    def embedding_params(self) -> int:
        """Input embeddings plus lm_head (one matrix when they are tied)."""
        return self.vocab * self.hidden * (1 if self.tied_embeddings else 2)

    @property
    def params(self) -> int:
        if self.params_override is not None:
            return self.params_override
        return self.layers * self.layer_params + self.embedding_params + self.hidden  # + the final norm

    @property
    def linear_params(self) -> int:
        """Parameters in the decoder's linear layers (what QLoRA quantises): all but embeddings and norms."""
        return self.params - self.embedding_params - (2 * self.layers + 1) * self.hidden

    @property
    def matmul_params(self) -> int:
        """Parameters that cost a multiply-add per token: decoder linears and lm_head (an embedding is a lookup)."""
        return self.linear_params + self.vocab * self.hidden

    def describe(self) -> str:
        return (
            f"{self.name} ({self.params / 1e9:.2f}B parameters; hidden {self.hidden}, {self.layers} layers, "
            f"MLP {self.intermediate}, {self.heads} heads / {self.kv_heads} KV, vocab {self.vocab:,})"
        )


ARCHITECTURES: dict[str, Architecture] = {
    a.name.lower(): a
    for a in (
        Architecture("SmolLM2-135M", 576, 30, 1536, 9, 3, 49152, tied_embeddings=True),
        Architecture("SmolLM2-360M", 960, 32, 2560, 15, 5, 49152, tied_embeddings=True),
        Architecture("Llama-2-7B", 4096, 32, 11008, 32, 32, 32000),
        Architecture("Mistral-7B", 4096, 32, 14336, 32, 8, 32000),
        Architecture("Llama-3-8B", 4096, 32, 14336, 32, 8, 128256),
        Architecture("Llama-2-70B", 8192, 80, 28672, 64, 8, 32000),
        Architecture("Llama-3-70B", 8192, 80, 28672, 64, 8, 128256),
    )
}

# Hub ids (and this project's embedded default) with one of the shapes above, lower-cased.
ALIASES: dict[str, str] = {
    "embedded:smollm2-135m-instruct": "smollm2-135m",
    "huggingfacetb/smollm2-135m": "smollm2-135m",
    "huggingfacetb/smollm2-135m-instruct": "smollm2-135m",
    "huggingfacetb/smollm2-360m": "smollm2-360m",
    "huggingfacetb/smollm2-360m-instruct": "smollm2-360m",
    "meta-llama/llama-2-7b-hf": "llama-2-7b",
    "meta-llama/llama-2-7b-chat-hf": "llama-2-7b",
    "mistralai/mistral-7b-v0.1": "mistral-7b",
    "mistralai/mistral-7b-instruct-v0.2": "mistral-7b",
    "meta-llama/meta-llama-3-8b": "llama-3-8b",
    "meta-llama/meta-llama-3-8b-instruct": "llama-3-8b",
    "meta-llama/llama-3.1-8b": "llama-3-8b",
    "meta-llama/llama-3.1-8b-instruct": "llama-3-8b",
    "meta-llama/llama-2-70b-hf": "llama-2-70b",
    "meta-llama/llama-2-70b-chat-hf": "llama-2-70b",
    "meta-llama/meta-llama-3-70b": "llama-3-70b",
    "meta-llama/meta-llama-3-70b-instruct": "llama-3-70b",
    "meta-llama/llama-3.1-70b": "llama-3-70b",
    "meta-llama/llama-3.3-70b-instruct": "llama-3-70b",
}


def architecture_from_hf_config(config: dict[str, Any], name: str) -> Architecture:
    """The shape from a Hugging Face ``config.json`` of a Llama-style decoder (Llama, Mistral, Qwen2, SmolLM...)."""
    required = ["hidden_size", "num_hidden_layers", "intermediate_size", "num_attention_heads", "vocab_size"]
    missing = [k for k in required if not isinstance(config.get(k), int)]
    if missing:
        raise PlanError(f"{name}: config.json lacks {missing}; the planner knows Llama-style decoders only")
    return Architecture(
        name=name,
        hidden=config["hidden_size"],
        layers=config["num_hidden_layers"],
        intermediate=config["intermediate_size"],
        heads=config["num_attention_heads"],
        kv_heads=config.get("num_key_value_heads") or config["num_attention_heads"],
        vocab=config["vocab_size"],
        tied_embeddings=bool(config.get("tie_word_embeddings", False)),
        head_dim=config.get("head_dim"),
    )


def generic_architecture(params_b: float) -> Architecture:
    """A Llama-2-shaped model of ``params_b`` billion parameters, for when only the size is known.

    Llama-2's shape rules: head size 128, one layer per 128 of hidden size, full multi-head attention, MLP width
    8/3 of the hidden size rounded up to 256, a 32,000 vocabulary (7B gives Llama-2-7B's 4096 / 32 / 11008).
    The hidden size is the multiple of 128 whose count comes closest; the count itself stays the one asked for.
    """
    if not params_b > 0:
        raise PlanError(f"--params-b must be > 0, got {params_b}")
    target = params_b * 1e9

    def shaped(hidden: int) -> Architecture:
        inter = math.ceil(8 * hidden / 3 / 256) * 256
        return Architecture(
            f"generic-{params_b:g}B", hidden, max(hidden // 128, 1), inter, hidden // 128, hidden // 128, 32000
        )

    best = min((shaped(128 * k) for k in range(1, 257)), key=lambda a: abs(a.params - target))
    return replace(best, params_override=int(target))


def resolve_architecture(model: str | None, params_b: float | None) -> Architecture:
    """A known architecture or hub id, a local directory with config.json, or a generic model of a given size."""
    if params_b is not None:
        return generic_architecture(params_b)
    if not model:
        raise PlanError("no model: pass --model NAME|DIR or --params-b N (or --preset FILE)")
    key = model.strip().lower()
    if key in ARCHITECTURES:
        return ARCHITECTURES[key]
    if key in ALIASES:
        return ARCHITECTURES[ALIASES[key]]
    path = Path(model)
    config = path / "config.json" if path.is_dir() else path
    if config.name == "config.json" and config.is_file():
        try:
            data = json.loads(config.read_text(encoding="utf-8"))
        except (OSError, ValueError) as e:
            raise PlanError(f"{config}: not readable JSON: {e}") from e
        return architecture_from_hf_config(data, path.name if path.is_dir() else path.parent.name)
    known = ", ".join(a.name for a in ARCHITECTURES.values())
    raise PlanError(
        f"unknown model {model!r}: not a known architecture ({known}), a known hub id, nor a directory with "
        "config.json; pass --params-b N for a generic estimate"
    )


# ---------------------------------------------------------------- GPUs


@dataclass(frozen=True)
class GPU:
    """A GPU type: nominal memory, and dense (no sparsity) bf16 tensor-core peak from the vendor's data sheet."""

    key: str
    name: str
    memory_gb: float
    peak_tflops: float
    bf16: bool = True  # False: no bf16 (T4); its peak is fp16 and a run there needs fp16 mixed precision

    @property
    def memory_bytes(self) -> float:
        return self.memory_gb * GB


GPUS: tuple[GPU, ...] = (
    GPU("t4", "T4 16GB", 16, 65, bf16=False),  # fp16 tensor cores; no bf16
    GPU("l4", "L4 24GB", 24, 121),
    GPU("a10", "A10 24GB", 24, 125),
    GPU("rtx4090", "RTX 4090 24GB", 24, 165.2),  # with fp32 accumulate (330 with fp16 accumulate)
    GPU("a100-40gb", "A100 40GB", 40, 312),
    GPU("a40", "A40 48GB", 48, 149.7),
    GPU("l40s", "L40S 48GB", 48, 362),
    GPU("a100-80gb", "A100 80GB", 80, 312),
    GPU("h100", "H100 SXM 80GB", 80, 989),
    GPU("h200", "H200 141GB", 141, 989),
)
_GPU_ALIASES = {"4090": "rtx4090", "a100": "a100-80gb", "a100-40": "a100-40gb", "a100-80": "a100-80gb"}


def resolve_gpu(name: str) -> GPU:
    key = name.strip().lower().replace(" ", "").replace("_", "-")
    key = _GPU_ALIASES.get(key, key)
    for gpu in GPUS:
        if key in (gpu.key, gpu.name.lower().replace(" ", "")):
            return gpu
    raise PlanError(f"unknown GPU {name!r}; known: {', '.join(g.key for g in GPUS)}")


# ---------------------------------------------------------------- memory

BF16_BYTES = 2
FP32_BYTES = 4
ADAMW_STATE_BYTES = 8  # fp32 exp_avg (m) and exp_avg_sq (v)
# NF4 with double quantisation (QLoRA): a 4-bit code per weight, an 8-bit absmax per block of 64 weights, and an
# fp32 constant per 256 blocks for those absmax values.
NF4_BYTES = 0.5 + 1 / 64 + FP32_BYTES / (64 * 256)
# Logits per token and vocabulary entry: bf16 logits 2, their fp32 upcast for the loss 4, the fp32 log-softmax
# cross-entropy keeps for backward 4.
LOGIT_BYTES = 10
ALL_LINEAR = ("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj")


@dataclass(frozen=True)
class TrainSetup:
    """How one run is laid out: the method, the per-GPU micro-batch, the GPU count and the memory savers."""

    method: Method
    seq_len: int = 2048
    micro_batch: int = 1
    gpus: int = 1
    shard: bool = True  # FSDP full shard across the GPUs (no effect on one GPU); False: DDP replicas
    gradient_checkpointing: bool = True
    lora_r: int = 16
    lora_targets: tuple[str, ...] = ALL_LINEAR
    lora_dropout: float = 0.05
    fp32_master: bool = False

    @property
    def sharded_over(self) -> int:
        return self.gpus if self.shard and self.gpus > 1 else 1


@dataclass(frozen=True)
class MemoryEstimate:
    """Bytes per GPU, by what holds them."""

    method: Method
    trainable_params: int
    weights: float
    gradients: float
    optimizer: float
    activations: float

    @property
    def total(self) -> float:
        return self.weights + self.gradients + self.optimizer + self.activations

    @property
    def before_activations(self) -> float:
        return self.weights + self.gradients + self.optimizer

    def fits(self, gpu: GPU) -> bool:
        return self.total <= gpu.memory_bytes


def lora_trainable_params(arch: Architecture, r: int, targets: Iterable[str] = ALL_LINEAR) -> int:
    """LoRA adds A (r x in) and B (out x r) beside each targeted linear layer: r * (in + out) per module per layer."""
    shapes = arch.linear_shapes()
    unknown = sorted(set(targets) - set(shapes))
    if unknown:
        raise PlanError(f"LoRA target modules {unknown} unknown; the planner knows {list(shapes)}")
    return arch.layers * sum(r * (shapes[t][0] + shapes[t][1]) for t in targets)


def trainable_params(arch: Architecture, setup: TrainSetup) -> int:
    if setup.method == "full":
        return arch.params
    return lora_trainable_params(arch, setup.lora_r, setup.lora_targets)


def weight_bytes(arch: Architecture, setup: TrainSetup) -> float:
    """The model's weights, whole (before sharding).

    full: bf16, 2 bytes per parameter. lora: the frozen base in bf16 (2) + the fp32 adapters (4 per trainable).
    qlora: NF4 decoder linears (0.516 byte), the rest (embeddings, norms, lm_head) in fp32 as
    ``prepare_model_for_kbit_training`` casts them, + the fp32 adapters.
    """
    if setup.method == "full":
        return arch.params * BF16_BYTES
    adapters = trainable_params(arch, setup) * FP32_BYTES
    if setup.method == "lora":
        return arch.params * BF16_BYTES + adapters
    return arch.linear_params * NF4_BYTES + (arch.params - arch.linear_params) * FP32_BYTES + adapters


def gradient_bytes(arch: Architecture, setup: TrainSetup) -> float:
    """Gradients of the trainable parameters only: bf16 (2) for full fine-tuning, fp32 (4) for the adapters."""
    per_param = BF16_BYTES if setup.method == "full" else FP32_BYTES
    return trainable_params(arch, setup) * per_param


def optimizer_bytes(arch: Architecture, setup: TrainSetup) -> float:
    """AdamW's fp32 m and v (8 bytes per trainable parameter); + a 4-byte fp32 master copy with ``fp32_master``."""
    per_param = ADAMW_STATE_BYTES + (FP32_BYTES if setup.fp32_master and setup.method == "full" else 0)
    return trainable_params(arch, setup) * per_param


def in_flight_weight_bytes(arch: Architecture, setup: TrainSetup) -> float:
    """What FSDP all-gathers beyond the shard: two decoder layers (computing + prefetched) and the root unit.

    The root unit (embeddings, final norm, lm_head) stays gathered from forward to backward. Gathered weights are
    in the compute dtype (bf16), NF4 for QLoRA's decoder linears. Zero without sharding.
    """
    if setup.sharded_over == 1:
        return 0.0
    layer = arch.layer_linear_params * (NF4_BYTES if setup.method == "qlora" else BF16_BYTES)
    return 2 * layer + arch.embedding_params * BF16_BYTES


def layer_activation_elements(arch: Architecture, setup: TrainSetup) -> int:
    """Elements one decoder layer keeps per token for backward (bf16, with a fused/flash attention kernel).

    Attention block: norm input and output (2h), q, k, v and the rotary-embedded q, k (3 q + 3 kv, counting v once
    and the attention output as q-sized): 2h + 3q + 3kv. MLP block: norm input and output (2h), gate, up, SiLU(gate)
    and their product (4i). A fused attention kernel keeps no seq x seq score matrix, so there is no s^2 term
    (Korthikanti et al. 2022 count the same tensors for GPT; their 34h includes dropout masks Llama has no use for).
    LoRA with dropout keeps each targeted module's dropped-out input, and every adapter its r-sized middle.
    """
    h, i = arch.hidden, arch.intermediate
    elements = 4 * h + 3 * arch.q_dim + 3 * arch.kv_dim + 4 * i
    if setup.method != "full":
        shapes = arch.linear_shapes()
        if setup.lora_dropout > 0:
            elements += sum(shapes[t][0] for t in setup.lora_targets)
        elements += setup.lora_r * len(setup.lora_targets)
    return elements


def activation_bytes(arch: Architecture, setup: TrainSetup) -> float:
    """Activations of one micro-batch on one GPU: micro_batch x seq_len tokens (a batch padded to the longest row).

    Without gradient checkpointing every layer keeps its tensors: layers x layer elements x 2 bytes per token.
    With it (one checkpoint per decoder layer) each layer keeps only its bf16 input (h elements), and backward
    recomputes one layer at a time: layers x 2h + layer elements x 2 bytes per token.
    The output layer adds LOGIT_BYTES (10) per token per vocabulary entry, checkpointing or not.
    """
    tokens = setup.micro_batch * setup.seq_len
    layer = layer_activation_elements(arch, setup) * BF16_BYTES
    body = arch.layers * arch.hidden * BF16_BYTES + layer if setup.gradient_checkpointing else arch.layers * layer
    return tokens * (body + arch.vocab * LOGIT_BYTES)


def estimate_memory(arch: Architecture, setup: TrainSetup) -> MemoryEstimate:
    """Bytes per GPU: weights, gradients and optimizer divided over the FSDP shards; activations per GPU."""
    n = setup.sharded_over
    return MemoryEstimate(
        method=setup.method,
        trainable_params=trainable_params(arch, setup),
        weights=weight_bytes(arch, setup) / n + in_flight_weight_bytes(arch, setup),
        gradients=gradient_bytes(arch, setup) / n,
        optimizer=optimizer_bytes(arch, setup) / n,
        activations=activation_bytes(arch, setup),
    )


# ---------------------------------------------------------------- steps and time

# Share of peak FLOP/s assumed reached (model FLOPs utilisation). QLoRA dequantises every 4-bit weight before each
# matmul, which costs time without FLOPs: a lower share.
DEFAULT_MFU: dict[Method, float] = {"full": 0.40, "lora": 0.40, "qlora": 0.25}


def optimizer_steps(rows: int, epochs: int, micro_batch: int, grad_accum: int, gpus: int) -> int:
    """Optimizer steps as the train stage counts them.

    Per epoch: ceil(rows / micro_batch) micro-batches, dealt to the GPUs by accelerate (ceil(... / gpus) each), an
    optimizer step every ``grad_accum`` of them, the last one of an epoch possibly short. This is
    ceil(rows / global batch) per epoch up to rounding: 52,000 rows, global batch 128 = 4 x 4 x 8 GPUs, 3 epochs
    gives 3 x 407 = 1,221 steps (ceil(52,000 x 3 / 128) = 1,219 rounds once over all epochs instead).
    """
    micro_batches = math.ceil(rows / micro_batch)
    per_gpu = math.ceil(micro_batches / gpus)
    return math.ceil(per_gpu / grad_accum) * epochs


def flops_per_token(arch: Architecture, method: Method, context: int, gradient_checkpointing: bool) -> float:
    """Training FLOPs per token (2 per multiply-add; PaLM's appendix B convention, N = matmul parameters).

    full: 6N (forward 2N, backward 4N: gradients for the activations 2N and for the weights 2N).
    lora, qlora: 4N, two thirds of full: frozen weights need no weight gradient (the adapters' own FLOPs are
    under 1% of N and left out). Every method adds attention's 12 x layers x q_dim x context (forward 4, backward 8).
    Gradient checkpointing runs the forward again in backward: + 2N + 4 x layers x q_dim x context.
    """
    n = arch.matmul_params
    attention = 4 * arch.layers * arch.q_dim * context
    flops = (6 if method == "full" else 4) * n + 3 * attention
    if gradient_checkpointing:
        flops += 2 * n + attention
    return flops


@dataclass(frozen=True)
class TimeEstimate:
    tokens: float
    flops: float
    seconds: float


def estimate_time(
    arch: Architecture, setup: TrainSetup, gpu: GPU, tokens: float, context: int, mfu: float | None = None
) -> TimeEstimate:
    """Wall time = tokens x FLOPs per token / (GPUs x peak FLOP/s x MFU); MFU defaults to DEFAULT_MFU[method]."""
    share = DEFAULT_MFU[setup.method] if mfu is None else mfu
    flops = tokens * flops_per_token(arch, setup.method, context, setup.gradient_checkpointing)
    return TimeEstimate(tokens, flops, flops / (setup.gpus * gpu.peak_tflops * 1e12 * share))


# ---------------------------------------------------------------- inputs: CLI options over the run's validated Params

# Row counts of hub datasets the planner knows (a hub dataset is not downloaded to count it).
KNOWN_DATASET_ROWS = {"tatsu-lab/alpaca": 52_002}


@dataclass
class PlanOptions:
    """What `sftops plan` was given beyond the run's params; None means "from the params" (params.yaml with the
    preset and ``-S`` applied, validated by the same function as ``sftops run``)."""

    model: str | None = None
    params_b: float | None = None
    method: str = "all"
    seq_len: int | None = None
    batch_size: int | None = None
    grad_accum: int | None = None
    gpus: int | None = None
    gpu: str | None = None
    shard: bool | None = None
    gradient_checkpointing: bool | None = None
    fp32_master: bool = False
    lora_r: int | None = None
    dataset_rows: int | None = None
    train_share: float | None = None
    epochs: int | None = None
    tokens: float | None = None
    tokens_per_row: int | None = None
    mfu: float | None = None
    preset_method: str | None = None  # train.method as the preset names it: marked in the table


@dataclass(frozen=True)
class PlanInputs:
    """Everything the estimate needs, resolved, with where the less obvious values came from."""

    arch: Architecture
    methods: tuple[Method, ...]
    setup: TrainSetup  # its method is replaced per method planned
    grad_accum: int
    epochs: int
    gpus_to_show: tuple[GPU, ...]
    preset_method: str | None = None
    rows: int | None = None
    rows_source: str = ""
    train_share: float = 1.0
    max_steps: int | None = None
    tokens: float | None = None
    tokens_per_row: int | None = None
    mfu: float | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)


def _get(tree: dict[str, Any], dotted: str, default: Any = None) -> Any:
    node: Any = tree
    for part in dotted.split("."):
        if not isinstance(node, dict) or part not in node:
            return default
        node = node[part]
    return default if node is None else node


def _pick(given: Any, otherwise: Any) -> Any:
    """The command-line value when one was given (0 included, so that it is rejected rather than ignored)."""
    return otherwise if given is None else given


def _find(relative: str, roots: Iterable[Path]) -> Path | None:
    for root in roots:
        candidate = root / relative
        if candidate.is_file():
            return candidate
    return None


def _count_local_rows(path: Path) -> int | None:
    """Rows of a local .jsonl (non-blank lines) or .json array; None for other files."""
    try:
        if path.suffix == ".jsonl":
            with path.open(encoding="utf-8") as f:
                return sum(1 for line in f if line.strip())
        if path.suffix == ".json":
            data = json.loads(path.read_text(encoding="utf-8"))
            return len(data) if isinstance(data, list) else None
    except (OSError, ValueError):
        return None
    return None


def _dataset_rows(data_path: str | None, roots: list[Path]) -> tuple[int | None, str]:
    if not data_path:
        return None, ""
    if data_path.split(":")[0] in KNOWN_DATASET_ROWS:
        name = data_path.split(":")[0]
        return KNOWN_DATASET_ROWS[name], f"{name}, known size"
    local = _find(data_path, roots)
    rows = _count_local_rows(local) if local else None
    return (rows, f"counted in {data_path}") if rows is not None else (None, "")


def resolve_inputs(opts: PlanOptions, params: Params, root: Path) -> PlanInputs:
    """The CLI options over the run's validated params (``root``: where relative paths in them resolve)."""
    roots = [root, Path.cwd()]
    notes: list[str] = []
    model = opts.model or (None if opts.params_b is not None else params.model.name_or_path)
    arch = resolve_architecture(model, opts.params_b)

    if opts.method == "all":
        methods: tuple[Method, ...] = METHODS
    elif opts.method in METHODS:
        methods = (opts.method,)  # type: ignore[assignment]
    else:
        raise PlanError(f"--method must be one of full, lora, qlora, all; got {opts.method!r}")

    accelerate: dict[str, Any] = {}
    accelerate_config = params.train.accelerate_config
    if accelerate_config:
        found = _find(accelerate_config, roots)
        if found is not None:
            accelerate = read_yaml_mapping(found, "accelerate config", PlanError)
        else:
            notes.append(f"train.accelerate_config {accelerate_config} not found: GPU count from --gpus (default 1)")
    gpus = _pick(opts.gpus, int(accelerate.get("num_processes") or 1))
    # FSDP unless the launch config says DDP (MULTI_GPU): with no launch config, --gpus N assumes FSDP
    shard = opts.shard if opts.shard is not None else accelerate.get("distributed_type") != "MULTI_GPU"
    fsdp_ckpt = bool(_get(accelerate, "fsdp_config.fsdp_activation_checkpointing", False))
    ckpt = opts.gradient_checkpointing
    if ckpt is None:
        ckpt = params.train.gradient_checkpointing or fsdp_ckpt

    lora_targets = tuple(params.train.lora.target_modules)
    if lora_targets in (("all-linear",), ("all_linear",)):
        lora_targets = ALL_LINEAR
    setup = TrainSetup(
        method=methods[0],
        seq_len=_pick(opts.seq_len, params.data.max_seq_len),
        micro_batch=_pick(opts.batch_size, params.train.batch_size),
        gpus=gpus,
        shard=shard,
        gradient_checkpointing=ckpt,
        lora_r=_pick(opts.lora_r, params.train.lora.r),
        lora_targets=lora_targets,
        lora_dropout=params.train.lora.dropout,
        fp32_master=opts.fp32_master,
    )
    grad_accum = _pick(opts.grad_accum, params.train.gradient_accumulation_steps)
    epochs = _pick(opts.epochs, params.train.epochs)
    counts = {
        "--gpus": gpus,
        "--seq-len": setup.seq_len,
        "--batch-size": setup.micro_batch,
        "--grad-accum": grad_accum,
        "--epochs": epochs,
        "--lora-r": setup.lora_r,
        "--dataset-rows": _pick(opts.dataset_rows, 1),
        "--tokens-per-row": _pick(opts.tokens_per_row, 1),
        "--tokens": _pick(opts.tokens, 1),
    }
    for name, value in counts.items():
        if value < 1:
            raise PlanError(f"{name} must be >= 1, got {value}")
    lora_trainable_params(arch, setup.lora_r, setup.lora_targets)  # fail fast on unknown target modules

    rows, rows_source = (opts.dataset_rows, "--dataset-rows") if opts.dataset_rows is not None else (None, "")
    if rows is None and opts.tokens is None:
        rows, rows_source = _dataset_rows(params.data.path, roots)
    split_share = params.data.split.eval + params.data.split.heldout
    train_share = opts.train_share if opts.train_share is not None else 1.0 - split_share
    if not 0 < train_share <= 1:
        raise PlanError(f"--train-share must be in (0, 1], got {train_share}")

    gpus_to_show = (resolve_gpu(opts.gpu),) if opts.gpu else GPUS
    if opts.mfu is not None and not 0 < opts.mfu <= 1:
        raise PlanError(f"--mfu must be in (0, 1], got {opts.mfu}")
    return PlanInputs(
        arch=arch,
        methods=methods,
        setup=setup,
        grad_accum=grad_accum,
        epochs=epochs,
        gpus_to_show=gpus_to_show,
        preset_method=opts.preset_method,
        rows=rows,
        rows_source=rows_source,
        train_share=train_share,
        max_steps=params.train.max_steps,
        tokens=opts.tokens,
        tokens_per_row=opts.tokens_per_row,
        mfu=opts.mfu,
        notes=tuple(notes),
    )


# ---------------------------------------------------------------- the plan


@dataclass(frozen=True)
class MethodPlan:
    memory: MemoryEstimate
    times: dict[str, TimeEstimate]  # by GPU key; empty when the token count is unknown


@dataclass(frozen=True)
class Plan:
    inputs: PlanInputs
    methods: tuple[MethodPlan, ...]
    train_rows: int | None
    steps: int | None
    tokens: float | None
    context: int  # tokens per row: attention's sequence length in the FLOPs

    @property
    def global_batch(self) -> int:
        s = self.inputs.setup
        return s.micro_batch * self.inputs.grad_accum * s.gpus


def make_plan(inputs: PlanInputs) -> Plan:
    """Memory per method, and when rows or tokens are known, the optimizer steps and the time on each GPU."""
    s = inputs.setup
    train_rows_ = steps = None
    if inputs.rows is not None:
        # prepare holds out data.split.eval and .heldout by a hash of each example: the trainer sees the rest
        train_rows_ = round(inputs.rows * inputs.train_share)
        steps = optimizer_steps(train_rows_, inputs.epochs, s.micro_batch, inputs.grad_accum, s.gpus)
        if inputs.max_steps:
            steps = min(steps, int(inputs.max_steps))
    context = inputs.tokens_per_row or s.seq_len
    tokens = inputs.tokens
    if tokens is None and train_rows_ is not None:
        tokens = float(train_rows_ * inputs.epochs * context)
        if inputs.max_steps and steps is not None:
            full = optimizer_steps(train_rows_, inputs.epochs, s.micro_batch, inputs.grad_accum, s.gpus)
            tokens *= steps / full
    plans = []
    for method in inputs.methods:
        setup = replace(s, method=method)
        memory = estimate_memory(inputs.arch, setup)
        times = {}
        if tokens is not None:
            times = {
                g.key: estimate_time(inputs.arch, setup, g, tokens, context, inputs.mfu) for g in inputs.gpus_to_show
            }
        plans.append(MethodPlan(memory, times))
    return Plan(inputs, tuple(plans), train_rows_, steps, tokens, context)


# ---------------------------------------------------------------- output


def _gb(value: float) -> str:
    return f"{value / GB:,.1f}"


def _params(n: int) -> str:
    return f"{n / 1e9:.2f}B" if n >= 1e9 else f"{n / 1e6:.1f}M"


def format_duration(seconds: float) -> str:
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 2 * 3600:
        return f"{seconds / 60:.0f} min"
    if seconds < 2 * 86400:
        return f"{seconds / 3600:.1f} h"
    return f"{seconds / 86400:.1f} d"


def render(plan: Plan, console: Any) -> None:
    """Print the plan: the setup, memory per method, fit and time per GPU type, steps and conventions."""
    from rich.markup import escape
    from rich.table import Table

    inputs, s = plan.inputs, plan.inputs.setup
    layout = f"{s.gpus} GPU" + ("s FSDP full shard" if s.sharded_over > 1 else "s DDP" if s.gpus > 1 else "")
    console.print(f"[bold]Model[/bold]   {inputs.arch.describe()}")
    console.print(
        f"[bold]Run[/bold]     seq {s.seq_len:,} x micro-batch {s.micro_batch}/GPU, {layout}, "
        f"checkpointing {'on' if s.gradient_checkpointing else 'off'}, LoRA r{s.lora_r} x {len(s.lora_targets)} modules"
    )

    starred = "; * the preset's method" if inputs.preset_method else ""
    memory = Table(title=f"Memory per GPU (GB = 10^9 bytes{starred})", title_justify="left")
    for col in (
        "method",
        "trainable",
        "weights",
        "grads",
        "optimizer",
        "activations",
        "total",
        "smallest GPU that fits",
    ):
        memory.add_column(col, justify="left" if col in ("method", "smallest GPU that fits") else "right")
    for mp in plan.methods:
        m = mp.memory
        fitting = [g for g in GPUS if m.fits(g)]
        smallest = min(fitting, key=lambda g: (g.memory_gb, -g.peak_tflops)).name if fitting else "none (more GPUs)"
        mark = "*" if m.method == inputs.preset_method else ""
        memory.add_row(
            m.method + mark,
            _params(m.trainable_params),
            _gb(m.weights),
            _gb(m.gradients),
            _gb(m.optimizer),
            _gb(m.activations),
            f"[bold]{_gb(m.total)}[/bold]",
            smallest,
        )
    console.print(memory)

    fit = Table(
        title=f"Fits on {s.gpus} x GPU? and time" + ("" if plan.tokens else " (time: pass --dataset-rows or --tokens)"),
        title_justify="left",
    )
    fit.add_column("GPU")
    fit.add_column("bf16 TFLOP/s", justify="right")
    for mp in plan.methods:
        fit.add_column(mp.memory.method + ("*" if mp.memory.method == inputs.preset_method else ""), justify="left")
    for gpu in inputs.gpus_to_show:
        cells = []
        for mp in plan.methods:
            if not mp.memory.fits(gpu):
                cells.append("[red]no[/red]")
                continue
            when = f" {format_duration(mp.times[gpu.key].seconds)}" if gpu.key in mp.times else ""
            cells.append(f"[green]yes[/green]{when}")
        peak = f"{gpu.peak_tflops:g}" + ("" if gpu.bf16 else " (fp16)")
        fit.add_row(gpu.name, peak, *cells)
    console.print(fit)

    if plan.steps is not None and plan.train_rows is not None and inputs.rows is not None:
        per_epoch = "" if inputs.max_steps else f" = {inputs.epochs} epochs x {plan.steps // inputs.epochs:,}"
        console.print(
            f"[bold]Steps[/bold]   {plan.steps:,}{per_epoch} (global batch {plan.global_batch:,} = "
            f"{s.micro_batch} per GPU x {inputs.grad_accum} accumulation x {s.gpus} GPU{'s' if s.gpus > 1 else ''})"
        )
        held_out = f" x {inputs.train_share:.2f} not held out" if inputs.train_share != 1 else ""
        source = escape(inputs.rows_source)
        console.print(f"[bold]Rows[/bold]    {plan.train_rows:,} trained = {inputs.rows:,} ({source}){held_out}")
    if plan.tokens is not None:
        if inputs.tokens is not None:
            how = "--tokens"
        else:
            how = f"{plan.train_rows:,} rows x {inputs.epochs} epochs x {plan.context:,} per row"
            how += "" if inputs.tokens_per_row else " (upper bound: every row at max length; --tokens-per-row)"
        console.print(f"[bold]Tokens[/bold]  {plan.tokens / 1e6:,.1f}M = {how}")
        shares = DEFAULT_MFU if inputs.mfu is None else dict.fromkeys(DEFAULT_MFU, inputs.mfu)
        mfu = ", ".join(f"{k} {v:.2f}" for k, v in shares.items() if k in inputs.methods)
        console.print(f"[bold]Time[/bold]    at a share of peak FLOP/s (MFU) of {mfu}")
    master = " + fp32 master 4" if s.fp32_master else " (--fp32-master: +4)"
    console.print(
        f"[dim]Bytes/param: full = bf16 weights 2 + grads 2 + fp32 AdamW m,v 8{master};\n"
        "lora = bf16 base 2 + fp32 adapters 16/trainable; "
        "qlora = NF4 0.52 + fp32 embeddings, norms, lm_head + adapters;\n"
        "activations with fused attention. Formulas and conventions: tasks/tools/plan.py[/dim]"
    )
    for note in inputs.notes:
        console.print(f"[yellow]note:[/yellow] {note}")
