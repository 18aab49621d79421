"""Benchmark the train stage against TRL's SFTTrainer: real (non-pad) tokens per second, in one process.

Three trainers on the same model, data and settings, measured in one run:

- sftops: ``tasks.train.train_loop`` in-process (length-grouped batches, logits only from the first trained
  position), with ``--sftops-packing`` passing ``train.packing=true`` where that param exists;
- TRL default: ``SFTTrainer`` with ``SFTConfig`` defaults except the shared settings below (so gradient
  checkpointing stays on, batches are random and padded to their longest row, entropy and token accuracy are
  computed every step);
- TRL packed: the same with ``packing=True`` (TRL's default strategy, ``bfd``, which switches TRL to padding-free
  batches: each micro-batch is flattened into one row with ``position_ids`` restarting per example).

Shared: SmolLM2-135M-Instruct (the embedded GGUF, materialised once by the base_model stage into
/tmp/sftops_bench_smollm2_model), data/raw/sft_sample.jsonl (343 alpaca rows) through the prepare stage (its train
split for training, its eval split for the loss), max length 512, LoRA r16 alpha 32 dropout 0.05 on the 7
projections, AdamW lr 2e-4 betas (0.9, 0.95) weight decay 0.1, grad clip 1.0, cosine schedule with 3% warmup,
micro-batch 8 x gradient accumulation 2, fp32 on the CPU (CUDA is hidden), seed 42, ``--steps`` optimizer steps.
TRL sees the same rows as a conversational prompt-completion dataset (prompt = the turns before the last
assistant turn, completion = that turn), so it applies the same chat template and masks the prompt
(completion_only_loss); the masking check printed below compares its tokens and labels with ours row by row.
They differ by one token per example: TRL's completion is everything after the generation prompt, so it also
trains the "\n" that ChatML puts after <|im_end|>, which sftops leaves out. ``--trl-exact-mask`` gives TRL our
tokenized rows and labels instead (identical masks; TRL's tokenisation is not timed either way).
With packing, "the same effective batch" means the same examples (and tokens) per optimizer step: a packed
micro-batch holds ``--trl-packed-rows`` rows of 512 tokens, by default as many as 8 of our examples fill
(8 x mean tokens per example / 512, rounded), or, with ``--sftops-packing``, 8 like sftops' packed micro-batch
(``train.batch_size`` packs of ``data.max_seq_len``), so both packed trainers see the same rows per step.

Measured: only the optimizer steps (forward, backward, clip, optimizer and scheduler step), never data
preparation, evaluation or saving, the same way for all three: sftops' own per-step timer (``StepLog.seconds``,
after the batch is collated), TRL's between ``on_step_begin`` and ``on_step_end`` of a TrainerCallback (TRL
collates the step's micro-batches before ``on_step_begin``). Real tokens = attention-mask sum (padded batches) or
the flattened length (padding-free). tokens/s = sum of real tokens / sum of step seconds, leaving out the first
``--warmup-steps`` steps of each trainer (one-time allocations). The loss compared is the masked token-mean
cross-entropy on the prepared eval split, computed by the same function (``tasks.training.loss.token_loss_sum``) for all
three after their last step, with the number of examples each had trained on; the training loss of each step is
also kept.

MFU: ``6 x N x tokens/s / peak``, where N is the base model's parameter count (134.5M, embeddings included) and
peak the best fp32 ``torch.mm`` rate of 2048x2048 matrices measured in this run, before each trainer and at the
end (the spread is printed, with a warning when it shows the machine was busy).
6N is the usual training convention (2N forward, 4N backward); with LoRA the frozen weights need no weight
gradient, so about 4N is actually done (also printed), and attention FLOPs and skipped logits are ignored.
packing_efficiency is sftops' non-pad share: real tokens / padded tokens over its steps.

    .venv/bin/pip install -e '.[bench]'      # TRL is a benchmark dependency only
    .venv/bin/python benchmarks/bench_train.py [--steps 8] [--sftops-packing] [--trl-exact-mask]

Figures go to benchmarks/results/train.json.
"""

from __future__ import annotations

import argparse
import gc
import json
import math
import os
import platform
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from bench_common import ROOT, materialise_model, scratch_project

sys.path.insert(0, str(ROOT))

TARGET_MODULES = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]
# the settings every trainer gets; anything not here is the trainer's own default
SHARED: dict[str, Any] = {
    "seed": 42,
    "max_length": 512,
    "micro_batch": 8,
    "grad_accum": 2,
    "learning_rate": 2e-4,
    "adam_betas": (0.9, 0.95),
    "weight_decay": 0.1,
    "max_grad_norm": 1.0,
    "lr_scheduler": "cosine",
    "warmup_ratio": 0.03,
    "lora": {"r": 16, "alpha": 32, "dropout": 0.05, "target_modules": TARGET_MODULES},
}


# ---------------------------------------------------------------- measurement


@dataclass
class StepRecord:
    seconds: float
    tokens: int  # real (non-pad) input tokens
    padded: int  # token slots computed, padding included
    examples: int
    trained: int  # positions with a loss
    loss: float | None = None


@dataclass
class Result:
    name: str
    records: list[StepRecord]
    eval_loss: float | None
    notes: list[str] = field(default_factory=list)
    config: dict[str, Any] = field(default_factory=dict)

    def measured(self, warmup: int) -> list[StepRecord]:
        return self.records[warmup:] if len(self.records) > warmup else self.records

    def tokens_per_s(self, warmup: int) -> float:
        kept = self.measured(warmup)
        return sum(r.tokens for r in kept) / max(sum(r.seconds for r in kept), 1e-9)

    def median_step_tokens_per_s(self, warmup: int) -> float:
        """A check on the sum-based figure: one step slowed by other load on the machine moves it little."""
        rates = sorted(r.tokens / max(r.seconds, 1e-9) for r in self.measured(warmup))
        mid = len(rates) // 2
        return rates[mid] if len(rates) % 2 else (rates[mid - 1] + rates[mid]) / 2

    @property
    def examples(self) -> int:
        return sum(r.examples for r in self.records)

    @property
    def non_pad_share(self) -> float:
        return sum(r.tokens for r in self.records) / max(sum(r.padded for r in self.records), 1)

    @property
    def last_loss(self) -> float | None:
        return self.records[-1].loss if self.records else None


def matmul_peak_gflops(n: int = 2048, reps: int = 5, rounds: int = 5) -> float:
    """Best fp32 GFLOP/s of ``reps`` back-to-back n x n matmuls, over ``rounds`` rounds (after a warm-up)."""
    import torch

    a, b = torch.randn(n, n), torch.randn(n, n)
    out = torch.empty(n, n)
    for _ in range(2):
        torch.mm(a, b, out=out)
    best = 0.0
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(reps):
            torch.mm(a, b, out=out)
        best = max(best, 2 * n**3 * reps / (time.perf_counter() - start) / 1e9)
    return best


def count_batch(batch: dict[str, Any]) -> tuple[int, int, int, int]:
    """(real tokens, padded tokens, examples, trained positions) of one collated micro-batch.

    A 2-D attention mask marks padding (one example per row); without one (padding-free) every position is a
    real token and examples start where ``position_ids`` is 0; sftops' packed batches carry ``segment_ids``.
    """
    input_ids, labels = batch["input_ids"], batch["labels"]
    trained = int((labels[:, 1:] != -100).sum())
    mask = batch.get("attention_mask")
    if "segment_ids" in batch:  # sftops packing: one segment per example, plus each row's padding tail
        real = int(batch.get("real_tokens", input_ids.numel()))
        has_loss = labels != -100
        examples = sum(len(set(batch["segment_ids"][r][has_loss[r]].tolist())) for r in range(labels.shape[0]))
        return real, input_ids.numel(), examples, trained
    if mask is not None and mask.dim() == 2:
        return int(mask.sum()), mask.numel(), input_ids.shape[0], trained
    if "position_ids" in batch:
        return input_ids.numel(), input_ids.numel(), int((batch["position_ids"] == 0).sum()), trained
    return input_ids.numel(), input_ids.numel(), input_ids.shape[0], trained


def eval_loss(model: Any, rows: list[Any], pad_id: int, batch_size: int) -> float:
    """Masked token-mean cross-entropy over ``rows``: what tasks.training.loss.evaluate_loss computes."""
    import torch

    from tasks.training.batching import pad_batch
    from tasks.training.loss import token_loss_sum

    was_training = model.training
    model.eval()
    total, count = 0.0, 0
    with torch.no_grad():
        for i in range(0, len(rows), batch_size):
            loss, n = token_loss_sum(model, pad_batch(rows[i : i + batch_size], pad_id))
            total, count = total + loss.item(), count + n
    model.train(was_training)
    return total / max(count, 1)


# ---------------------------------------------------------------- setup


# ---------------------------------------------------------------- sftops


def run_sftops(paths: Any, steps: int, packing: bool) -> tuple[Result, dict[str, Any]]:
    """tasks.train.train_loop in this process; per-step figures from its own StepLog entries."""
    import torch

    import tasks.train as train_stage
    from tasks.core.io import read_jsonl
    from tasks.core.params import Params, TrainParams
    from tasks.training import mlflow_run

    overrides: dict[str, Any] = {
        "max_steps": steps,
        "checkpoint_every": None,
        "precision": "fp32",
        "learning_rate": SHARED["learning_rate"],
        "batch_size": SHARED["micro_batch"],
        "gradient_accumulation_steps": SHARED["grad_accum"],
        "weight_decay": SHARED["weight_decay"],
        "adam_betas": list(SHARED["adam_betas"]),
        "max_grad_norm": SHARED["max_grad_norm"],
        "lr_scheduler": SHARED["lr_scheduler"],
        "warmup_ratio": SHARED["warmup_ratio"],
        "lora": SHARED["lora"],
    }
    notes = []
    if packing:
        if "packing" in TrainParams.model_fields:
            overrides["packing"] = True
            notes.append("train.packing=true")
        else:
            print("--sftops-packing: this checkout's TrainParams has no `packing` field; running unpacked", flush=True)
            notes.append("--sftops-packing asked but train.packing does not exist here: unpacked")
    n_train = sum(1 for _ in read_jsonl(paths.split_file("train")))
    steps_per_epoch = math.ceil(math.ceil(n_train / SHARED["micro_batch"]) / SHARED["grad_accum"])
    overrides["epochs"] = max(1, math.ceil(steps / steps_per_epoch))  # unpacked; packed epochs are shorter
    if packing:
        overrides["epochs"] = steps  # at least one pack per step: never stop before max_steps
    params = Params.model_validate({"seed": SHARED["seed"], "train": overrides})

    entries: list[Any] = []
    windows: list[tuple[int, int]] = []  # (examples, trained) per optimizer step
    packed_batches = [0]
    original_log, original_step = mlflow_run.log_step, train_stage.optimizer_step

    def log_step(entry: Any) -> None:
        entries.append(entry)
        original_log(entry)

    def optimizer_step(model: Any, window: list[dict[str, Any]], *args: Any, **kwargs: Any) -> Any:
        counts = [count_batch(b) for b in window]
        windows.append((sum(c[2] for c in counts), sum(c[3] for c in counts)))
        packed_batches[0] += sum("segment_ids" in b or "position_ids" in b for b in window)
        return original_step(model, window, *args, **kwargs)

    mlflow_run.log_step, train_stage.optimizer_step = log_step, optimizer_step
    try:
        summary = train_stage.train_loop(params, paths)
    finally:
        mlflow_run.log_step, train_stage.optimizer_step = original_log, original_step
        torch.use_deterministic_algorithms(False)  # train_loop turns it on for the whole process
    if len(entries) != len(windows):
        raise RuntimeError(f"sftops: {len(entries)} step logs but {len(windows)} optimizer steps")
    if "packing" in overrides and not packed_batches[0]:
        print("--sftops-packing: train.packing=true was passed but no batch was packed (not wired in yet?)", flush=True)
        notes.append("train.packing=true passed, but the batches were not packed")
    records = [
        StepRecord(e.seconds, e.tokens, e.padded_tokens, ex, tr, e.loss)
        for e, (ex, tr) in zip(entries, windows, strict=True)
    ]
    config = {"train": params.train.model_dump(mode="json"), "epochs": overrides["epochs"]}
    return Result("sftops", records, summary.get("final_eval_loss"), notes, config), summary


# ---------------------------------------------------------------- TRL


class _Meter:
    """Per optimizer step: time from TRL's on_step_begin to on_step_end; batch counts from training_step."""

    def __init__(self) -> None:
        self.records: list[StepRecord] = []
        self._start = 0.0
        self._counts = [0, 0, 0, 0]

    def begin(self) -> None:
        self._counts = [0, 0, 0, 0]
        self._start = time.perf_counter()

    def count(self, batch: dict[str, Any]) -> None:
        self._counts = [a + b for a, b in zip(self._counts, count_batch(batch), strict=True)]

    def end(self) -> None:
        self.records.append(StepRecord(time.perf_counter() - self._start, *self._counts))


def trl_dataset(rows: list[dict[str, Any]], exact_mask: bool) -> Any:
    """The prepared train rows for TRL: conversational prompt-completion, or (exact_mask) our tokens and labels."""
    from datasets import Dataset

    if exact_mask:
        return Dataset.from_list([{"input_ids": r["input_ids"], "labels": r["labels"]} for r in rows])
    data = []
    for r in rows:
        messages = r["messages"]
        last = max(i for i, m in enumerate(messages) if m["role"] == "assistant")
        data.append({"prompt": messages[:last], "completion": [messages[last]]})
    return Dataset.from_list(data)


def build_trl(
    paths: Any, rows: list[dict[str, Any]], out_dir: Path, steps: int, packed: bool, packed_rows: int, options: Any
) -> tuple[Any, _Meter]:
    import torch
    from peft import LoraConfig
    from transformers import AutoModelForCausalLM, AutoTokenizer, TrainerCallback
    from trl import SFTConfig, SFTTrainer

    meter = _Meter()

    class StepTimer(TrainerCallback):
        def on_step_begin(self, args: Any, state: Any, control: Any, **kwargs: Any) -> None:
            meter.begin()

        def on_step_end(self, args: Any, state: Any, control: Any, **kwargs: Any) -> None:
            meter.end()

    lora = SHARED["lora"]
    config = SFTConfig(
        output_dir=str(out_dir),
        max_steps=steps,
        per_device_train_batch_size=packed_rows if packed else SHARED["micro_batch"],
        gradient_accumulation_steps=SHARED["grad_accum"],
        learning_rate=SHARED["learning_rate"],
        adam_beta1=SHARED["adam_betas"][0],
        adam_beta2=SHARED["adam_betas"][1],
        weight_decay=SHARED["weight_decay"],
        max_grad_norm=SHARED["max_grad_norm"],
        lr_scheduler_type=SHARED["lr_scheduler"],
        warmup_steps=math.ceil(SHARED["warmup_ratio"] * steps),  # what sftops' scheduler gets
        max_length=SHARED["max_length"],
        seed=SHARED["seed"],
        bf16=False,  # TRL turns bf16 autocast on by default (also on CPU); fp32 here, as sftops on CPU
        use_cpu=True,
        packing=packed,
        logging_steps=1,  # a loss per step (logging runs after on_step_end, outside the timed span)
        save_strategy="no",
        report_to="none",
        disable_tqdm=True,
        **({"gradient_checkpointing": False} if options.trl_no_gradient_checkpointing else {}),
        **({"completion_only_loss": True} if options.trl_exact_mask else {}),
    )
    tokenizer = AutoTokenizer.from_pretrained(paths.base_model)
    model = AutoModelForCausalLM.from_pretrained(paths.base_model, dtype=torch.float32, use_safetensors=True)
    trainer = SFTTrainer(
        model=model,
        args=config,
        train_dataset=trl_dataset(rows, options.trl_exact_mask),
        processing_class=tokenizer,
        peft_config=LoraConfig(
            task_type="CAUSAL_LM",
            r=lora["r"],
            lora_alpha=lora["alpha"],
            lora_dropout=lora["dropout"],
            target_modules=list(lora["target_modules"]),
        ),
        callbacks=[StepTimer()],
    )
    original = trainer.training_step

    def training_step(model: Any, inputs: dict[str, Any], num_items_in_batch: Any = None) -> Any:
        meter.count(inputs)
        return original(model, inputs, num_items_in_batch)

    trainer.training_step = training_step
    return trainer, meter


def run_trl(name: str, trainer: Any, meter: _Meter, eval_rows: list[Any], pad_id: int) -> Result:
    trainer.train()
    losses = {h["step"]: h["loss"] for h in trainer.state.log_history if "loss" in h and "step" in h}
    for step, record in enumerate(meter.records, start=1):
        record.loss = losses.get(step)
    loss = eval_loss(trainer.model, eval_rows, pad_id, SHARED["micro_batch"])
    args = trainer.args
    config = {
        "per_device_train_batch_size": args.per_device_train_batch_size,
        "gradient_accumulation_steps": args.gradient_accumulation_steps,
        "gradient_checkpointing": args.gradient_checkpointing,
        "packing": args.packing,
        "packing_strategy": args.packing_strategy if args.packing else None,
        "padding_free": bool(trainer.padding_free),
        "completion_only_loss": bool(trainer.completion_only_loss),
        "optim": str(args.optim),
        "bf16": args.bf16,
        "attn_implementation": trainer.model.config._attn_implementation,
        "train_rows_after_preparation": len(trainer.train_dataset),
    }
    return Result(name, meter.records, loss, [], config)


def masking_check(trainer: Any, rows: list[dict[str, Any]], tokenizer: Any) -> dict[str, Any]:
    """TRL's prepared examples against our prepared rows: same tokens? same trained positions?"""
    dataset = trainer.train_dataset
    if len(dataset) != len(rows):
        return {"compared": 0, "note": f"TRL kept {len(dataset)} of {len(rows)} rows"}
    same_ids = same_mask = 0
    ours_trained = trl_trained = 0
    extra_tokens: dict[str, int] = {}
    for ours, theirs in zip(rows, dataset, strict=True):
        same_ids += ours["input_ids"] == theirs["input_ids"]
        a = [label != -100 for label in ours["labels"]]
        b = [label != -100 for label in theirs["labels"]]
        same_mask += a == b
        ours_trained, trl_trained = ours_trained + sum(a[1:]), trl_trained + sum(b[1:])
        if ours["input_ids"] == theirs["input_ids"]:
            for i, (x, y) in enumerate(zip(a, b, strict=True)):
                if x != y:
                    key = f"{'TRL only' if y else 'sftops only'}: {tokenizer.decode([ours['input_ids'][i]])!r}"
                    extra_tokens[key] = extra_tokens.get(key, 0) + 1
    batch = trainer.data_collator([dataset[i] for i in range(min(SHARED["micro_batch"], len(dataset)))])
    collated = (batch["labels"][:, 1:] != -100).sum(dim=1).tolist()
    ours_first = [sum(label != -100 for label in r["labels"][1:]) for r in rows[: len(collated)]]
    return {
        "compared": len(rows),
        "identical_input_ids": same_ids,
        "identical_label_masks": same_mask,
        "trained_tokens_sftops": ours_trained,
        "trained_tokens_trl": trl_trained,
        "differing_positions": extra_tokens,
        "first_batch_trained_per_example_sftops": ours_first,
        "first_batch_trained_per_example_trl_collated": collated,
    }


def packed_check(trainer: Any, rows: list[dict[str, Any]], capacity: int) -> dict[str, Any]:
    """TRL's packs: rows, fill, trained tokens kept; and whether a packed example attends across its boundary.

    The leak check runs TRL's own collator on one pack of two examples and the model the way TRL's compute_loss
    calls it (no attention mask, position_ids, use_cache=False), then compares the second example's logits with
    those of the example alone.
    """
    import torch

    dataset = trainer.train_dataset
    lengths = [len(ids) for ids in dataset["input_ids"]]
    trained = sum(sum(label != -100 for label in labels) for labels in dataset["labels"])
    a, b = rows[0], rows[1]
    pack = {
        "input_ids": a["input_ids"] + b["input_ids"],
        "labels": a["labels"] + b["labels"],
        "seq_lengths": [len(a["input_ids"]), len(b["input_ids"])],
    }
    batch = trainer.data_collator([pack])
    model = trainer.model
    model.eval()
    with torch.no_grad():
        inputs = {k: v for k, v in batch.items() if k != "labels"}
        packed_logits = model(**inputs, use_cache=False).logits[0, len(a["input_ids"]) :]
        alone = model(input_ids=torch.tensor([b["input_ids"]]), use_cache=False).logits[0]
        # control: the same pack with a 2-D all-ones mask, which must leak (the check can see a leak)
        control = model(
            input_ids=batch["input_ids"],
            attention_mask=torch.ones_like(batch["input_ids"]),
            position_ids=batch["position_ids"],
            use_cache=False,
        ).logits[0, len(a["input_ids"]) :]
    model.train()
    return {
        "packs": len(lengths),
        "fill": sum(lengths) / (len(lengths) * capacity),
        "trained_tokens_in_packs": trained,
        "trained_tokens_sftops": sum(sum(label != -100 for label in r["labels"]) for r in rows),
        "batch_keys": sorted(batch.keys()),
        "leak_max_abs_logit_diff": float((packed_logits - alone).abs().max()),
        "control_2d_mask_max_abs_logit_diff": float((control - alone).abs().max()),
    }


# ---------------------------------------------------------------- main


def versions() -> dict[str, str]:
    from importlib.metadata import PackageNotFoundError, version

    out = {"python": platform.python_version()}
    for name in ("torch", "transformers", "peft", "accelerate", "trl", "datasets"):
        try:
            out[name] = version(name)
        except PackageNotFoundError:
            out[name] = "missing"
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--steps", type=int, default=8, help="optimizer steps for every trainer")
    parser.add_argument("--warmup-steps", type=int, default=1, help="first steps of each trainer left out of tok/s")
    parser.add_argument("--sftops-packing", action="store_true", help="pass train.packing=true to sftops")
    parser.add_argument(
        "--trl-packed-rows",
        default="auto",
        help="rows of max_length per packed TRL micro-batch; auto: as many as 8 examples fill (the same tokens per "
        "step as unpacked), or 8 with --sftops-packing (the rows sftops packs per micro-batch)",
    )
    parser.add_argument(
        "--trl-no-gradient-checkpointing",
        action="store_true",
        help="ablation: turn off the gradient checkpointing that SFTConfig enables by default",
    )
    parser.add_argument(
        "--trl-exact-mask",
        action="store_true",
        help="give TRL our tokenized rows and labels instead of the prompt-completion dataset (identical masks)",
    )
    parser.add_argument("--skip", nargs="*", default=[], choices=["sftops", "trl_default", "trl_packed"])
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "train.json")
    args = parser.parse_args()
    if args.steps < 1:
        parser.error("--steps must be at least 1")

    # offline, CPU only, and no MLflow store but the scratch project's
    offline = {"HF_HUB_OFFLINE": "1", "HF_DATASETS_OFFLINE": "1", "TOKENIZERS_PARALLELISM": "false"}
    os.environ.update({**offline, "CUDA_VISIBLE_DEVICES": ""})
    try:
        import trl  # noqa: F401
    except ImportError:
        print("TRL is not installed: pip install -e '.[bench]'", file=sys.stderr)
        return 2
    import logging

    import datasets
    import torch
    import transformers

    from tasks.core.io import read_jsonl
    from tasks.training.batching import TokenizedExample

    logging.basicConfig(level=logging.WARNING, format="%(name)s: %(message)s")
    logging.getLogger("sftops").setLevel(logging.INFO)
    transformers.logging.set_verbosity_warning()
    transformers.logging.disable_progress_bar()
    datasets.disable_progress_bars()

    peak_before = matmul_peak_gflops()
    print(f"fp32 matmul peak (2048x2048 torch.mm, {torch.get_num_threads()} threads): {peak_before:.1f} GFLOP/s")
    model_dir = materialise_model()
    results: dict[str, Result] = {}
    checks: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="sftops_bench_train_") as tmp:
        root = Path(tmp) / "project"
        os.environ["MLFLOW_TRACKING_URI"] = f"sqlite:///{root / 'mlflow.db'}"
        paths = scratch_project(root, model_dir, max_seq_len=SHARED["max_length"])
        rows = list(read_jsonl(paths.split_file("train")))
        eval_rows = [TokenizedExample(r["input_ids"], r["labels"]) for r in read_jsonl(paths.split_file("eval"))]
        mean_tokens = sum(len(r["input_ids"]) for r in rows) / len(rows)
        if args.trl_packed_rows != "auto":
            packed_rows = int(args.trl_packed_rows)
        elif args.sftops_packing:  # sftops packs train.batch_size rows of max_seq_len: the same for TRL
            packed_rows = SHARED["micro_batch"]
        else:  # as many packed rows as 8 examples fill: the same examples and tokens per step as unpacked
            packed_rows = max(1, round(SHARED["micro_batch"] * mean_tokens / SHARED["max_length"]))
        print(
            f"data: {len(rows)} train rows (mean {mean_tokens:.0f}, max {max(len(r['input_ids']) for r in rows)} "
            f"tokens), {len(eval_rows)} eval rows; {args.steps} steps x {SHARED['micro_batch']} x "
            f"{SHARED['grad_accum']}; TRL packed micro-batch: {packed_rows} rows of {SHARED['max_length']}",
            flush=True,
        )
        sftops_summary: dict[str, Any] = {}
        peaks = [peak_before]  # the matmul rate before each trainer and at the end: how steady the CPU was
        if "sftops" not in args.skip:
            print("\n== sftops train_loop", flush=True)
            results["sftops"], sftops_summary = run_sftops(paths, args.steps, args.sftops_packing)
            gc.collect()

        from transformers import AutoTokenizer

        tokenizer = AutoTokenizer.from_pretrained(paths.base_model)
        pad_id = tokenizer.pad_token_id
        for name, packed in (("trl_default", False), ("trl_packed", True)):
            if name in args.skip:
                continue
            if results:
                peaks.append(matmul_peak_gflops())
            print(f"\n== TRL SFTTrainer, {'packing=True' if packed else 'defaults'}", flush=True)
            trainer, meter = build_trl(paths, rows, Path(tmp) / name, args.steps, packed, packed_rows, args)
            if packed:
                checks["trl_packed"] = packed_check(trainer, rows, SHARED["max_length"])
            else:
                checks["masking"] = masking_check(trainer, rows, tokenizer)
            results[name] = run_trl(name, trainer, meter, eval_rows, pad_id)
            del trainer, meter
            gc.collect()
    peaks.append(matmul_peak_gflops())
    n_params = int(json.loads((model_dir / "sftops_source.json").read_text())["parameters"])
    report(args, results, checks, sftops_summary, peaks, n_params, packed_rows)
    return 0


def report(
    args: Any,
    results: dict[str, Result],
    checks: dict[str, Any],
    sftops_summary: dict[str, Any],
    peaks: list[float],
    n_params: int,
    packed_rows: int,
) -> None:
    warm = args.warmup_steps
    peak = max(peaks)
    tps = {name: r.tokens_per_s(warm) for name, r in results.items()}

    def ratio(other: str) -> float | None:
        return round(tps["sftops"] / tps[other], 3) if "sftops" in tps and tps.get(other) else None

    def mfu(tokens_per_s: float, flops_per_token: float) -> float:
        return flops_per_token * n_params * tokens_per_s / (peak * 1e9)

    masking = checks.get("masking")
    if masking:
        print("\nmasking check (the rows TRL prepared vs our prepared rows):")
        print(
            f"  {masking['compared']} rows: identical input_ids {masking['identical_input_ids']}, identical "
            f"label masks {masking['identical_label_masks']}; trained tokens sftops "
            f"{masking['trained_tokens_sftops']} vs TRL {masking['trained_tokens_trl']}; "
            f"differences by token: {masking['differing_positions'] or 'none'}"
        )
        print(
            f"  first TRL-collated batch, trained tokens per example: "
            f"{masking['first_batch_trained_per_example_trl_collated']} (ours: "
            f"{masking['first_batch_trained_per_example_sftops']})"
        )
    packed = checks.get("trl_packed")
    if packed:
        config = results["trl_packed"].config if "trl_packed" in results else {}
        print(
            f"\nTRL packing: strategy {config.get('packing_strategy')}, padding-free {config.get('padding_free')}, "
            f"attention {config.get('attn_implementation')}; {packed['packs']} packs, fill {packed['fill']:.1%}, "
            f"trained tokens {packed['trained_tokens_in_packs']} (ours {packed['trained_tokens_sftops']}); "
            f"batch keys {packed['batch_keys']}"
        )
        leak = packed["leak_max_abs_logit_diff"]
        print(
            f"  cross-example attention check (TRL's call: position_ids, no attention mask, use_cache=False): "
            f"max |logit diff| packed vs alone = {leak:.2e} -> {'no leak' if leak < 1e-3 else 'LEAKS'} "
            f"(control, same pack with a 2-D all-ones mask: {packed['control_2d_mask_max_abs_logit_diff']:.2e}). "
            "TRL's docs say padding-free is only supported with FlashAttention 2/3; on sdpa/eager it is transformers "
            "that rebuilds a block-diagonal mask from position_ids when no 2-D mask and no cache are passed."
        )

    print(f"\n{args.steps} optimizer steps each; tokens/s over steps {warm + 1}..{args.steps} (fp32, CPU)")
    header = f"{'trainer':<12} {'real tok/s':>10} {'sftops/x':>9} {'median step':>11} {'examples':>8} {'eval loss':>9} "
    header += f"{'last train loss':>15} {'non-pad':>8} {'MFU 6N':>7}"
    print(header)
    for name, r in results.items():
        rel = "" if name == "sftops" else (f"{ratio(name):.2f}x" if ratio(name) else "-")
        eval_text = f"{r.eval_loss:.4f}" if r.eval_loss is not None else "-"
        last = f"{r.last_loss:.4f}" if r.last_loss is not None else "-"
        print(
            f"{name:<12} {tps[name]:>10.1f} {rel:>9} {r.median_step_tokens_per_s(warm):>11.1f} {r.examples:>8} "
            f"{eval_text:>9} {last:>15} "
            f"{r.non_pad_share:>8.1%} {mfu(tps[name], 6):>7.2%}"
        )
    print(
        "real tok/s: sum of real tokens / sum of step seconds; median step: the median of the per-step rates. "
        "eval loss: masked token-mean on the prepared eval split after each trainer's last step (same function "
        "for all); last train loss: as each trainer reports it. MFU against "
        f"{peak:.1f} GFLOP/s (best of {', '.join(f'{p:.0f}' for p in peaks)} measured before each trainer and at "
        f"the end), N = {n_params / 1e6:.1f}M"
    )
    if min(peaks) < 0.8 * peak:
        print(
            f"WARNING: the CPU's matmul rate varied from {min(peaks):.0f} to {peak:.0f} GFLOP/s during the run "
            "(other load on the machine): the tokens/s and ratios are not reliable; rerun on a quiet machine"
        )
    if "sftops" in tps:
        print(f"sftops MFU with 4N (LoRA: no weight gradients for frozen weights): {mfu(tps['sftops'], 4):.2%}")
        goals = []
        if ratio("trl_default") is not None:
            goals.append(f"vs TRL defaults {ratio('trl_default'):.2f}x (goal >= 2.0x)")
        if ratio("trl_packed") is not None:
            goals.append(f"vs TRL packed {ratio('trl_packed'):.2f}x (goal >= 1.2x)")
        if goals:
            print("sftops " + ", ".join(goals))

    sftops = results.get("sftops")
    figures: dict[str, Any] = {
        "sftops_tokens_per_s": round(tps["sftops"], 2) if "sftops" in tps else None,
        "trl_default_tokens_per_s": round(tps["trl_default"], 2) if "trl_default" in tps else None,
        "trl_packed_tokens_per_s": round(tps["trl_packed"], 2) if "trl_packed" in tps else None,
        "ratio_vs_trl_default": ratio("trl_default"),
        "ratio_vs_trl_packed": ratio("trl_packed"),
        "mfu": round(mfu(tps["sftops"], 6), 5) if "sftops" in tps else None,
        "mfu_4n": round(mfu(tps["sftops"], 4), 5) if "sftops" in tps else None,
        "packing_efficiency": round(sftops_summary.get("non_pad_share", sftops.non_pad_share), 4) if sftops else None,
        "steps": args.steps,
        "warmup_steps_excluded": args.warmup_steps,
        "median_step_tokens_per_s": {name: round(r.median_step_tokens_per_s(warm), 2) for name, r in results.items()},
        "examples": {name: r.examples for name, r in results.items()},
        "losses": {
            name: {
                "eval_loss_after_last_step": r.eval_loss,
                "train_loss_per_step": [rec.loss for rec in r.records],
                "examples_seen": r.examples,
            }
            for name, r in results.items()
        },
        "non_pad_share": {name: round(r.non_pad_share, 4) for name, r in results.items()},
        "mfu_6n_by_trainer": {name: round(mfu(tps[name], 6), 5) for name in tps},
        "per_step": {name: [asdict(rec) for rec in r.records] for name, r in results.items()},
        "peak_gflops": round(peak, 1),
        "peak_gflops_during_run": [round(p, 1) for p in peaks],
        "n_params": n_params,
        "trl_packed_rows_per_micro_batch": packed_rows,
        "trl_no_gradient_checkpointing": args.trl_no_gradient_checkpointing,
        "trl_exact_mask": args.trl_exact_mask,
        "sftops_packing": args.sftops_packing,
        "trainer_config": {name: r.config for name, r in results.items()},
        "notes": {name: r.notes for name, r in results.items() if r.notes},
        "checks": checks,
        "shared": {k: (list(v) if isinstance(v, tuple) else v) for k, v in SHARED.items()},
        "cpus": os.cpu_count(),
        "torch_threads": __import__("torch").get_num_threads(),
        "versions": versions(),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {args.out.relative_to(ROOT) if args.out.is_relative_to(ROOT) else args.out}")


if __name__ == "__main__":
    raise SystemExit(main())
