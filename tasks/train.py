"""Stage train: LoRA SFT on the prepared, loss-masked examples, launched through accelerate.

``python -m tasks.train`` (what dvc.yaml runs) re-launches itself with ``accelerate launch`` and the config
named by ``train.accelerate_config``, so the same stage runs on one CPU or, by changing that config, on
several processes. The loop is plain and readable (in the spirit of a torchtune recipe):

    for each optimizer step: gather gradient_accumulation_steps micro-batches, normalise the summed token
    loss by the number of trained tokens in the whole window (across processes), backward, clip, step,
    schedule (linear warmup, then cosine), log loss / lr / grad norm / tokens per second to MLflow.

Outputs: the adapter and tokenizer in models/adapter, metrics/train.json, outputs/train/loss.csv and the
MLflow run id in outputs/train/mlflow_run.json (later stages log into that run).
"""

from __future__ import annotations

import csv
import logging
import math
import os
import random
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import nullcontext
from dataclasses import asdict, dataclass
from functools import partial
from pathlib import Path
from typing import Any

from tasks.core import tracking
from tasks.core.dvc_lock import data_lineage_tags
from tasks.core.errors import SftopsError, StageCrashed
from tasks.core.io import read_json, read_jsonl, write_json
from tasks.core.params import Params, TrainParams
from tasks.core.paths import ProjectPaths
from tasks.core.schema import IGNORE_INDEX
from tasks.core.stage import stage_main
from tasks.training import checkpoint, packing
from tasks.training.packing import model_inputs

log = logging.getLogger("sftops.train")

WORKER_ENV = "SFTOPS_TRAIN_WORKER"
# the params sections this stage reads (dvc.yaml lists the same); they become the MLflow run's params
TRAIN_PARAM_SECTIONS = ("seed", "pipeline", "model", "data", "train")


# ---------------------------------------------------------------- data


@dataclass(frozen=True)
class TokenizedExample:
    input_ids: list[int]
    labels: list[int]


def load_split(paths: ProjectPaths, split: str, train_on_prompt: bool = False) -> list[TokenizedExample]:
    """The split's examples; with ``train_on_prompt`` every token is a label (the loss mask switched off)."""
    path = paths.split_file(split)
    if not path.is_file():
        raise SftopsError(f"{path}: not found; run the prepare stage first")
    examples = []
    for number, row in enumerate(read_jsonl(path), 1):
        if not isinstance(row, dict) or not {"input_ids", "labels"} <= row.keys():
            raise SftopsError(f"{path}: row {number} has no input_ids and labels; run the prepare stage again")
        labels = list(row["input_ids"]) if train_on_prompt else row["labels"]
        examples.append(TokenizedExample(row["input_ids"], labels))
    return examples


def pad_batch(examples: list[TokenizedExample], pad_id: int) -> dict[str, Any]:
    """Right-pad to the longest example; padding is masked out of attention and loss."""
    import torch

    width = max(len(e.input_ids) for e in examples)
    input_ids = torch.full((len(examples), width), pad_id, dtype=torch.long)
    labels = torch.full((len(examples), width), IGNORE_INDEX, dtype=torch.long)
    attention = torch.zeros((len(examples), width), dtype=torch.long)
    for row, e in enumerate(examples):
        n = len(e.input_ids)
        input_ids[row, :n] = torch.tensor(e.input_ids)
        labels[row, :n] = torch.tensor(e.labels)
        attention[row, :n] = 1
    return {"input_ids": input_ids, "labels": labels, "attention_mask": attention}


def real_tokens(batch: dict[str, Any]) -> int:
    """Example (non-pad) tokens in a padded or a packed batch."""
    return int(batch["real_tokens"]) if "real_tokens" in batch else int(batch["attention_mask"].sum())


def padded_tokens(batch: dict[str, Any]) -> int:
    return int(batch["padded_tokens"]) if "padded_tokens" in batch else batch["attention_mask"].numel()


class LengthGroupedBatches:
    """Batches of similar length, in a seeded random order that changes every epoch (HF's group_by_length).

    Examples are shuffled, cut into mega-batches of ``batch_size * mega`` examples, each sorted by length and
    cut into batches; the batches are then shuffled. Padding drops to a few percent, which is most of the
    speed of packing without its cross-example attention concerns.
    """

    def __init__(self, lengths: list[int], batch_size: int, seed: int, mega: int = 50) -> None:
        self.lengths, self.batch_size, self.seed, self.mega = lengths, batch_size, seed, mega
        self.epoch = 0

    def __len__(self) -> int:
        return math.ceil(len(self.lengths) / self.batch_size)

    def __iter__(self) -> Iterator[list[int]]:
        rng = random.Random(f"{self.seed}:{self.epoch}")
        self.epoch += 1
        order = list(range(len(self.lengths)))
        rng.shuffle(order)
        span = self.batch_size * self.mega
        batches = []
        for start in range(0, len(order), span):
            chunk = sorted(order[start : start + span], key=lambda i: -self.lengths[i])
            batches += [chunk[i : i + self.batch_size] for i in range(0, len(chunk), self.batch_size)]
        rng.shuffle(batches)
        return iter(batches)


def windows(batches: Any, size: int) -> Iterator[list[dict[str, Any]]]:
    """Group micro-batches into gradient-accumulation windows (the last one may be shorter)."""
    window: list[dict[str, Any]] = []
    for batch in batches:
        window.append(batch)
        if len(window) == size:
            yield window
            window = []
    if window:
        yield window


# ---------------------------------------------------------------- model and optimisation


def resolve_precision(train: TrainParams) -> str:
    """accelerate's mixed_precision: bf16 where the GPU has it, fp32 ('no') on CPU."""
    import torch

    bf16_ok = torch.cuda.is_available() and torch.cuda.is_bf16_supported()
    if train.precision == "bf16" and not bf16_ok:
        raise SftopsError("train.precision=bf16 needs a CUDA GPU with bf16 support; use 'auto' or 'fp32' here")
    if train.precision == "auto":
        return "bf16" if bf16_ok else "no"
    return "bf16" if train.precision == "bf16" else "no"


def check_method_supported(train: TrainParams) -> None:
    """Fail fast, before launching workers, when the method or precision needs hardware or packages missing here."""
    import importlib.util

    import torch

    if train.method == "qlora":
        if not torch.cuda.is_available():
            raise SftopsError(
                "train.method=qlora loads the base model in 4 bits with bitsandbytes, which needs a CUDA GPU; "
                "none is visible here (torch.cuda.is_available() is False). Use train.method=lora on CPU."
            )
        if importlib.util.find_spec("bitsandbytes") is None:
            raise SftopsError("train.method=qlora needs bitsandbytes: pip install bitsandbytes")
    resolve_precision(train)


def build_model(paths: ProjectPaths, train: TrainParams, trust_remote_code: bool, device_index: int = 0) -> Any:
    """The model to train: the base with LoRA adapters (lora), on a 4-bit base (qlora), or all of it (full)."""
    import torch
    from transformers import AutoModelForCausalLM

    kwargs: dict[str, Any] = {"use_safetensors": True, "trust_remote_code": trust_remote_code, "dtype": torch.float32}
    if train.method == "qlora":
        from transformers import BitsAndBytesConfig

        kwargs["quantization_config"] = BitsAndBytesConfig(
            load_in_4bit=True,
            bnb_4bit_quant_type="nf4",
            bnb_4bit_use_double_quant=True,
            bnb_4bit_compute_dtype=torch.bfloat16,
        )
        kwargs["dtype"] = torch.bfloat16
        kwargs["device_map"] = {"": device_index}
    model = AutoModelForCausalLM.from_pretrained(paths.base_model, **kwargs)
    if train.gradient_checkpointing:
        model.gradient_checkpointing_enable(gradient_checkpointing_kwargs={"use_reentrant": False})
        model.config.use_cache = False
    if train.method == "full":
        return model
    if train.method == "qlora":
        from peft import prepare_model_for_kbit_training

        # peft re-enables gradient checkpointing here: keep it non-reentrant, as set above
        model = prepare_model_for_kbit_training(
            model,
            use_gradient_checkpointing=train.gradient_checkpointing,
            gradient_checkpointing_kwargs={"use_reentrant": False},
        )
    return _with_lora(model, train)


def _with_lora(model: Any, train: TrainParams) -> Any:
    from peft import LoraConfig, get_peft_model

    lora = train.lora
    present = {name.rsplit(".", 1)[-1] for name, _ in model.named_modules()}
    missing = [m for m in lora.target_modules if m not in present]
    if missing:
        raise SftopsError(
            f"train.lora.target_modules: {missing} not found in {type(model).__name__}; "
            f"linear layers it has include {sorted(n for n in present if n.endswith('proj'))}"
        )
    config = LoraConfig(
        task_type="CAUSAL_LM",
        r=lora.r,
        lora_alpha=lora.alpha,
        lora_dropout=lora.dropout,
        target_modules=list(lora.target_modules),
    )
    return get_peft_model(model, config)


def token_loss_sum(model: Any, batch: dict[str, Any]) -> tuple[Any, int]:
    """Summed next-token cross-entropy over trained positions, and how many positions were trained.

    Logits are only computed from the first position that predicts a trained token: the system prompt and
    the first user turn never need the (49K-wide, for SmolLM2) output projection.
    """
    import torch
    import torch.nn.functional as F

    labels = batch["labels"]
    predicts_trained = (labels[:, 1:] != IGNORE_INDEX).any(dim=0).nonzero()
    first = int(predicts_trained[0]) if len(predicts_trained) else 0
    kwargs: dict[str, Any] = {}
    if _accepts_logits_to_keep(model):
        kwargs["logits_to_keep"] = torch.arange(first, labels.shape[1] - 1, device=labels.device)
    logits = model(**model_inputs(batch), **kwargs).logits
    if not kwargs:
        logits = logits[:, first:-1, :]
    targets = labels[:, first + 1 :]
    loss = F.cross_entropy(
        logits.float().reshape(-1, logits.size(-1)),
        targets.reshape(-1),
        ignore_index=IGNORE_INDEX,
        reduction="sum",
    )
    return loss, int((targets != IGNORE_INDEX).sum())


def _accepts_logits_to_keep(model: Any) -> bool:
    import inspect

    inner = model
    for attr in ("module", "get_base_model"):  # DDP wrapper, then PEFT wrapper
        if hasattr(inner, attr):
            inner = getattr(inner, attr)
            inner = inner() if callable(inner) and attr == "get_base_model" else inner
    return "logits_to_keep" in inspect.signature(inner.forward).parameters


def evaluate_loss(model: Any, loader: Any, accelerator: Any) -> float | None:
    import torch

    model.eval()
    total, count = torch.zeros(2, device=accelerator.device), 0
    with torch.no_grad():
        for batch in loader:
            loss, n = token_loss_sum(model, batch)
            total += torch.tensor([loss.item(), n], device=accelerator.device)
            count += 1
    model.train()
    total = accelerator.reduce(total, reduction="sum")
    return float(total[0] / total[1]) if count and total[1] > 0 else None


# ---------------------------------------------------------------- the loop


@dataclass
class StepLog:
    step: int
    epoch: float
    loss: float
    learning_rate: float
    grad_norm: float
    tokens: int
    padded_tokens: int
    seconds: float

    @property
    def tokens_per_s(self) -> float:
        return self.tokens / self.seconds if self.seconds > 0 else 0.0

    @property
    def non_pad_share(self) -> float:
        return self.tokens / max(self.padded_tokens, 1)


def build_optimizer(model: Any, train: TrainParams) -> Any:
    """AdamW with weight decay on matrices only (not on biases and norms)."""
    import torch

    decay, no_decay = [], []
    for name, p in model.named_parameters():
        if p.requires_grad:
            (no_decay if p.ndim < 2 or "norm" in name else decay).append(p)
    return torch.optim.AdamW(
        [{"params": decay, "weight_decay": train.weight_decay}, {"params": no_decay, "weight_decay": 0.0}],
        lr=train.peak_learning_rate,
        betas=train.adam_betas,
    )


def optimizer_step(
    model: Any, window: list[dict[str, Any]], optimizer: Any, scheduler: Any, accelerator: Any, max_grad_norm: float
) -> tuple[float, float, float, list[int]]:
    """One optimizer step over a window of micro-batches; the loss is the mean over every trained token.

    Returns (loss, learning rate used, grad norm, [trained, real, padded] token counts over all processes).
    """
    import torch

    local = torch.tensor(
        [
            sum(int((b["labels"][:, 1:] != IGNORE_INDEX).sum()) for b in window),
            sum(real_tokens(b) for b in window),
            sum(padded_tokens(b) for b in window),
        ],
        device=accelerator.device,
    )
    counts = [int(c) for c in accelerator.reduce(local, reduction="sum").tolist()]
    trained_tokens = max(counts[0], 1)
    loss_total = 0.0
    for i, batch in enumerate(window):
        last = i == len(window) - 1
        with nullcontext() if last else accelerator.no_sync(model):
            loss_sum, _ = token_loss_sum(model, batch)
            # DDP averages gradients over processes; scale so the result is the global token mean
            accelerator.backward(loss_sum * accelerator.num_processes / trained_tokens)
        loss_total += loss_sum.item()
    grad_norm = accelerator.clip_grad_norm_(model.parameters(), max_grad_norm)
    lr = scheduler.get_last_lr()[0]
    optimizer.step()
    scheduler.step()
    optimizer.zero_grad(set_to_none=True)
    global_loss = accelerator.reduce(torch.tensor(loss_total, device=accelerator.device), "sum").item()
    return global_loss / trained_tokens, lr, float(grad_norm), counts


def summarise(history: list[StepLog], eval_losses: list[float], duration: float, extra: dict[str, Any]) -> dict:
    tokens = sum(h.tokens for h in history)
    return {
        "steps": len(history),
        "final_loss": history[-1].loss if history else None,
        "final_eval_loss": eval_losses[-1] if eval_losses else None,
        "train_tokens": tokens,
        "tokens_per_s": tokens / duration if duration else 0.0,
        "non_pad_share": tokens / max(sum(h.padded_tokens for h in history), 1),
        "duration_s": round(duration, 2),
        **extra,
    }


def train_loop(params: Params, paths: ProjectPaths) -> dict[str, Any]:
    import torch
    from accelerate import Accelerator
    from accelerate.utils import set_seed
    from torch.utils.data import DataLoader
    from tqdm.auto import tqdm
    from transformers import AutoTokenizer, get_scheduler

    train = params.train
    accelerator = Accelerator(mixed_precision=resolve_precision(train))
    set_seed(params.seed)
    torch.use_deterministic_algorithms(True, warn_only=True)
    tokenizer = AutoTokenizer.from_pretrained(paths.base_model)
    model = build_model(paths, train, params.model.trust_remote_code, accelerator.local_process_index)
    train_rows = load_split(paths, "train", train.train_on_prompt)
    eval_rows = load_split(paths, "eval", train.train_on_prompt)

    def collate(examples: list[TokenizedExample]) -> dict[str, Any]:
        return pad_batch(examples, tokenizer.pad_token_id)

    if train.packing:
        # batch_size counts packs of up to data.max_seq_len tokens, each example attending only to itself
        attn = packing.require_backend(model.config._attn_implementation)
        lengths = [len(e.input_ids) for e in train_rows]
        bins = packing.best_fit_decreasing(lengths, params.data.max_seq_len)
        train_items: list[Any] = [[train_rows[i] for i in b] for b in bins]
        log.info(
            "packed %d examples into %d rows of %d tokens (%s attention, non-pad share %.3f)",
            len(train_rows),
            len(bins),
            params.data.max_seq_len,
            attn,
            packing.packing_efficiency(bins, lengths, params.data.max_seq_len),
        )
        train_collate: Any = partial(packing.collate_packed, pad_id=tokenizer.pad_token_id, attn_implementation=attn)
        item_lengths = [sum(lengths[i] for i in b) for b in bins]
    else:
        train_items, train_collate, item_lengths = train_rows, collate, [len(e.input_ids) for e in train_rows]
    batches = LengthGroupedBatches(item_lengths, train.batch_size, params.seed)
    train_loader = DataLoader(train_items, batch_sampler=batches, collate_fn=train_collate)
    eval_loader = DataLoader(eval_rows, batch_size=train.batch_size, collate_fn=collate)
    optimizer = build_optimizer(model, train)
    model, optimizer, train_loader, eval_loader = accelerator.prepare(model, optimizer, train_loader, eval_loader)
    steps_per_epoch = math.ceil(len(train_loader) / train.gradient_accumulation_steps)
    total_steps = min(steps_per_epoch * train.epochs, train.max_steps or steps_per_epoch * train.epochs)
    scheduler = get_scheduler(
        train.lr_scheduler,
        optimizer,
        num_warmup_steps=math.ceil(train.warmup_ratio * total_steps),
        num_training_steps=total_steps,
    )
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    log.info(
        "%s: %d train / %d eval examples, %d steps (%d per epoch x %d epochs), %d trainable parameters, %d process(es)",
        train.method,
        len(train_rows),
        len(eval_rows),
        total_steps,
        steps_per_epoch,
        train.epochs,
        trainable,
        accelerator.num_processes,
    )

    run_fingerprint = checkpoint.fingerprint(
        params.fingerprint(), [paths.split_file("train"), paths.split_file("eval")]
    )
    checkpoint_every = train.checkpoint_every
    if checkpoint_every and _is_fsdp(accelerator):
        log.warning("train.checkpoint_every: resumable checkpoints are not written under FSDP yet (sharded state)")
        checkpoint_every = None
    resume = checkpoint.latest(paths.checkpoints, run_fingerprint) if checkpoint_every else None
    history: list[StepLog] = []
    eval_losses: list[float] = []
    rng_to_restore = None
    if resume is not None:
        rng_to_restore = checkpoint.load_state(resume, accelerator.unwrap_model(model), optimizer, scheduler)
        history = [StepLog(**h) for h in resume.meta["history"]]
        eval_losses = list(resume.meta["eval_losses"])
        log.info("resuming from %s (step %d of %d)", resume.directory, resume.step, total_steps)
    main = accelerator.is_main_process
    if main:
        _start_tracking(params, paths, resume.meta["mlflow_run_id"] if resume else None)
    started = time.perf_counter() - (resume.meta["elapsed_s"] if resume else 0.0)
    bar = tqdm(total=total_steps, initial=len(history), desc="train", unit="step", disable=not main)
    local_tokens = 0  # real tokens this process trained on (since this launch)
    model.train()
    for epoch in range(resume.epoch if resume else 0, train.epochs):
        batches.epoch = epoch  # the same data order as an uninterrupted run
        skip = resume.window if resume and epoch == resume.epoch else 0
        for index, window in enumerate(windows(train_loader, train.gradient_accumulation_steps)):
            if len(history) >= total_steps:
                break
            if index < skip:
                continue
            if rng_to_restore is not None:  # after the data iterator is made, exactly as at the checkpoint
                checkpoint.restore_rng(rng_to_restore)
                rng_to_restore = None
            t0 = time.perf_counter()
            local_tokens += sum(real_tokens(b) for b in window)
            loss, lr, grad_norm, (_, tokens, padded) = optimizer_step(
                model, window, optimizer, scheduler, accelerator, train.max_grad_norm
            )
            step = len(history) + 1
            entry = StepLog(step, step / steps_per_epoch, loss, lr, grad_norm, tokens, padded, time.perf_counter() - t0)
            history.append(entry)
            bar.update(1)
            bar.set_postfix(loss=f"{loss:.4f}", lr=f"{lr:.2e}", tok_s=f"{entry.tokens_per_s:.0f}")
            if main:
                _log_step(entry)
            if checkpoint_every and step % checkpoint_every == 0 and step < total_steps:
                _checkpoint(
                    accelerator,
                    model,
                    optimizer,
                    scheduler,
                    paths,
                    run_fingerprint,
                    history,
                    eval_losses,
                    epoch,
                    index + 1,
                    started,
                )
        eval_loss = evaluate_loss(model, eval_loader, accelerator)
        if eval_loss is not None:
            eval_losses.append(eval_loss)
            log.info("epoch %d: eval loss %.4f", epoch + 1, eval_loss)
            if main:
                import mlflow

                mlflow.log_metric("train/eval_loss", eval_loss, step=len(history))
        if len(history) >= total_steps:
            break
    bar.close()
    accelerator.wait_for_everyone()
    per_process = accelerator.gather(torch.tensor([local_tokens], device=accelerator.device)).tolist()
    summary = summarise(
        history,
        eval_losses,
        time.perf_counter() - started,
        {
            "epochs": train.epochs,
            "method": train.method,
            "peak_learning_rate": train.peak_learning_rate,
            "trainable_parameters": trainable,
            "processes": accelerator.num_processes,
            "tokens_per_process": per_process,
            "resumed_from_step": resume.step if resume else 0,
        },
    )
    # under FSDP the weights are sharded: every process takes part in gathering the full state dict
    state_dict = accelerator.get_state_dict(model) if _is_fsdp(accelerator) else None
    if main:
        _save_outputs(accelerator.unwrap_model(model), state_dict, tokenizer, history, summary, paths)
        import mlflow

        mlflow.log_metrics({f"train/summary/{k}": float(v) for k, v in summary.items() if _is_number(v)})
        mlflow.end_run()
        checkpoint.clear(paths.checkpoints)
    # every process waits for the main one to finish saving, then all leave the process group together: a
    # process that tears down gloo while its peer is still busy can hang there (seen once in CI)
    accelerator.wait_for_everyone()
    if accelerator.device.type != "cpu":  # gloo (CPU): the launcher reaps the processes; tearing down can hang
        accelerator.end_training()
    return summary


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _checkpoint(
    accelerator: Any,
    model: Any,
    optimizer: Any,
    scheduler: Any,
    paths: ProjectPaths,
    run_fingerprint: str,
    history: list[StepLog],
    eval_losses: list[float],
    epoch: int,
    window: int,
    started: float,
) -> None:
    """Write a resumable checkpoint from the main process; every process waits for it."""
    if accelerator.is_main_process:
        import mlflow

        meta = {
            "fingerprint": run_fingerprint,
            "epoch": epoch,
            "window": window,
            "history": [asdict(h) for h in history],
            "eval_losses": eval_losses,
            "mlflow_run_id": mlflow.active_run().info.run_id,
            "elapsed_s": time.perf_counter() - started,
        }
        where = checkpoint.save(
            paths.checkpoints, len(history), accelerator.unwrap_model(model), optimizer, scheduler, meta
        )
        log.info("checkpoint: %s", where)
    accelerator.wait_for_everyone()


def _start_tracking(params: Params, paths: ProjectPaths, resume_run_id: str | None = None) -> Any:
    """Open the pipeline's MLflow run (or reopen the one a resumed run started): params, lineage, data metrics."""
    import mlflow

    tracking.configure(paths)
    experiment_id = tracking.ensure_experiment(params.pipeline.experiment, paths)
    if resume_run_id is not None:
        try:
            run = mlflow.start_run(run_id=resume_run_id)
        except mlflow.exceptions.MlflowException as e:
            log.warning(
                "resuming: MLflow run %s not found in %s (%s); starting a new run",
                resume_run_id,
                mlflow.get_tracking_uri(),
                e,
            )
        else:
            tracking.save_run_ref(paths, run.info.run_id, experiment_id)
            return run
    run = mlflow.start_run(experiment_id=experiment_id, run_name=f"{params.pipeline.name}-sft")
    tracking.save_run_ref(paths, run.info.run_id, experiment_id)
    resolved = params.to_dict()
    mlflow.log_params(tracking.loggable_params({k: resolved[k] for k in TRAIN_PARAM_SECTIONS}))
    mlflow.log_param("train.peak_learning_rate", params.train.peak_learning_rate)  # learning_rate null resolved
    mlflow.set_tags(
        {
            "sftops.stage": "train",
            "sftops.git_commit": tracking.git_commit(paths.root),
            "sftops.base_model": params.model.name_or_path,
            "sftops.params_sha256": params.fingerprint(),
            # DVC hashes of data/prepared and data/raw: dvc.lock has prepare's entry by now
            **data_lineage_tags(paths.root, missing="not-run-under-dvc"),
            # under a sweep: mlflow.parentRunId, sftops.sweep, sftops.variant (from the environment it set)
            **tracking.grouping_tags(),
        }
    )
    prepare_metrics = read_json(paths.metrics("prepare"))
    mlflow.log_metrics(
        {
            f"data/{k}": float(v)
            for k, v in tracking.flatten(prepare_metrics, sep="/").items()
            if isinstance(v, int | float)
        }
    )
    if paths.validation.is_file():
        mlflow.log_artifact(str(paths.validation), artifact_path="data")
    return run


def _log_step(entry: StepLog) -> None:
    import mlflow

    mlflow.log_metrics(
        {
            "train/loss": entry.loss,
            "train/learning_rate": entry.learning_rate,
            "train/grad_norm": entry.grad_norm,
            "train/tokens_per_s": entry.tokens_per_s,
            "train/epoch": entry.epoch,
            "train/non_pad_share": entry.non_pad_share,
        },
        step=entry.step,
    )


def _is_fsdp(accelerator: Any) -> bool:
    from accelerate.utils import DistributedType

    return accelerator.distributed_type == DistributedType.FSDP


def _save_outputs(
    model: Any,
    state_dict: dict[str, Any] | None,
    tokenizer: Any,
    history: list[StepLog],
    summary: dict[str, Any],
    paths: ProjectPaths,
) -> None:
    save_trained_model(model, paths.adapter, state_dict)
    tokenizer.save_pretrained(paths.adapter)
    paths.train_dir.mkdir(parents=True, exist_ok=True)
    with paths.loss_curve.open("w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["step", "loss", "learning_rate", "grad_norm", "tokens_per_s"])
        for h in history:
            writer.writerow(
                [h.step, f"{h.loss:.6f}", f"{h.learning_rate:.6e}", f"{h.grad_norm:.6f}", f"{h.tokens_per_s:.1f}"]
            )
    write_json(paths.metrics("train"), summary)


# ---------------------------------------------------------------- saving

# what wrappers insert into module (and so parameter) names: accelerate's FSDP activation checkpointing
# (torch's checkpoint_wrapper / offload_wrapper), FSDP1 and torch.compile. A gathered state dict
# (get_model_state_dict, model.state_dict()) names the same tensors without them.
WRAPPER_NAME_PARTS = ("_checkpoint_wrapped_module.", "_fsdp_wrapped_module.", "_orig_mod.")


def unwrapped_name(name: str) -> str:
    """A parameter's or module's name with the wrappers' parts taken out: the name a gathered state dict uses."""
    for part in WRAPPER_NAME_PARTS:
        name = name.replace(part, "")
    return name


def adapter_state_dict(model: Any, state_dict: dict[str, Any] | None = None) -> dict[str, Any]:
    """The active adapter's tensors of a PeftModel, keyed as ``PeftModel.from_pretrained`` expects.

    peft picks the adapter's entries by matching its module names against the state dict's keys; when
    layers are wrapped (FSDP activation checkpointing) the module names hold ``_checkpoint_wrapped_module``
    and a gathered state dict does not, so peft alone finds nothing. Here the state dict is re-keyed with
    the model's own names first, and the wrappers' parts taken out of the result.
    """
    from peft.utils import get_peft_model_state_dict

    source = model.state_dict() if state_dict is None else state_dict
    own: dict[str, str] = {}  # unwrapped name -> the model's own name
    for name, _ in [*model.named_parameters(remove_duplicate=False), *model.named_buffers(remove_duplicate=False)]:
        own.setdefault(unwrapped_name(name), name)
    keyed = {own.get(unwrapped_name(k), k): v for k, v in source.items()}
    adapter = get_peft_model_state_dict(model, state_dict=keyed, adapter_name=model.active_adapter)
    return {unwrapped_name(k): v for k, v in adapter.items()}


def check_adapter_complete(model: Any, adapter: dict[str, Any]) -> None:
    """Refuse to save an adapter that lacks any of the model's trained (LoRA) tensors."""
    trained = [(unwrapped_name(n), p.numel()) for n, p in model.named_parameters() if p.requires_grad]
    saved_values = sum(v.numel() for v in adapter.values())
    if not trained:
        raise SftopsError("saving the adapter: the model has no trainable parameters, so there is nothing to save")
    if len(adapter) < len(trained) or saved_values < sum(n for _, n in trained):
        raise SftopsError(
            f"saving the adapter: it would hold {len(adapter)} tensors ({saved_values} values) but the model "
            f"trained {len(trained)} ({sum(n for _, n in trained)} values, e.g. {trained[0][0]}); the state dict "
            "handed to the save does not name the model's LoRA parameters (wrapped module names?). Nothing was "
            "written: an adapter without its weights would load as the untouched base model."
        )


def save_trained_model(model: Any, directory: Path, state_dict: dict[str, Any] | None = None) -> None:
    """Write what was trained to ``directory``: the adapter (lora, qlora) or the whole model (full).

    ``state_dict`` is the full state dict gathered under FSDP (unwrapped names), None to use the model's own.
    The adapter is written here rather than by ``PeftModel.save_pretrained(state_dict=...)``, which silently
    writes an empty adapter when the layers are wrapped (see ``adapter_state_dict``); whatever the
    wrapping, an adapter missing any trained tensor is an SftopsError, never an empty file.
    """
    import copy

    from peft import PeftModel

    if not isinstance(model, PeftModel):
        if state_dict is not None:
            missing = [
                name
                for name in (unwrapped_name(n) for n, p in model.named_parameters() if p.requires_grad)
                if name not in state_dict
            ]
            if missing:
                raise SftopsError(
                    f"saving the model: the gathered state dict lacks {len(missing)} trained parameters "
                    f"(e.g. {missing[0]}); nothing was written"
                )
        directory.mkdir(parents=True, exist_ok=True)
        model.save_pretrained(directory, safe_serialization=True, state_dict=state_dict)
        return
    from peft.utils import SAFETENSORS_WEIGHTS_NAME
    from safetensors.torch import save_file

    adapter = adapter_state_dict(model, state_dict)
    check_adapter_complete(model, adapter)
    directory.mkdir(parents=True, exist_ok=True)
    model.create_or_update_model_card(str(directory))
    # own CPU copies: safetensors refuses tensors that share storage (tied weights) or are not contiguous
    save_file(
        {k: v.detach().to("cpu", copy=True).contiguous() for k, v in adapter.items()},
        str(directory / SAFETENSORS_WEIGHTS_NAME),
        metadata={"format": "pt"},
    )
    config = copy.deepcopy(model.peft_config[model.active_adapter])  # as PeftModel.save_pretrained writes it
    if config.base_model_name_or_path is None:
        config.base_model_name_or_path = model.base_model.model.__dict__.get("name_or_path") or None
    config.inference_mode = True
    config.save_pretrained(str(directory))


# ---------------------------------------------------------------- launcher


def launch(params: Params, paths: ProjectPaths) -> None:
    """Run the training loop under ``accelerate launch`` with the configured launch config."""
    config = paths.root / params.train.accelerate_config
    if not config.is_file():
        raise SftopsError(f"train.accelerate_config={params.train.accelerate_config!r}: file not found")
    cmd = [sys.executable, "-m", "accelerate.commands.launch", "--config_file", str(config)]
    cmd += ["-m", "tasks.train"]
    env = {**os.environ, WORKER_ENV: "1"}
    if _wants_cpu(config):
        # accelerate starts several local processes only through torchrun, whose workers pick a GPU unless
        # told otherwise: ACCELERATE_USE_CPU makes each worker's Accelerator use the CPU (gloo)
        env["ACCELERATE_USE_CPU"] = "true"
    log.info("launching: %s", " ".join(cmd))
    worker_error = _worker_error_file(paths)
    worker_error.unlink(missing_ok=True)
    result = subprocess.run(cmd, cwd=paths.root, env=env)
    if result.returncode == 0:
        return
    if worker_error.is_file():  # a worker stopped on a user error: the same every time, so no retry
        raise SftopsError(worker_error.read_text(encoding="utf-8").strip())
    raise StageCrashed(
        f"accelerate launch exited with {result.returncode} without an error of sftops' own (a killed or crashed "
        "worker; see the log above); a retry resumes from the last checkpoint (train.checkpoint_every)"
    )


def _worker_error_file(paths: ProjectPaths) -> Path:
    """Where a worker leaves its user error for the launcher: accelerate's exit code does not carry it."""
    return paths.train_dir / "worker_error.txt"


def _run_worker(params: Params, paths: ProjectPaths) -> Any:
    try:
        return train_loop(params, paths)
    except SftopsError as e:
        _worker_error_file(paths).parent.mkdir(parents=True, exist_ok=True)
        _worker_error_file(paths).write_text(str(e), encoding="utf-8")
        raise


def _wants_cpu(config: Path) -> bool:
    import yaml

    try:
        return bool((yaml.safe_load(config.read_text(encoding="utf-8")) or {}).get("use_cpu"))
    except yaml.YAMLError as e:
        raise SftopsError(f"{config}: not valid YAML ({e})") from None


def check_inputs(paths: ProjectPaths) -> None:
    """Fail before any worker starts when an input stage has not run: a missing input is the user's to fix,
    the same on every retry, whereas a worker that dies loading it looks like a crash and is retried."""
    if not (paths.base_model / "config.json").is_file():
        raise SftopsError(
            f"{paths.base_model}: no model there (config.json missing); run the base_model stage first "
            "(`dvc repro base_model`)"
        )
    for split in ("train", "eval"):
        if not paths.split_file(split).is_file():
            raise SftopsError(
                f"{paths.split_file(split)}: not found; run the prepare stage first (`dvc repro prepare`)"
            )


def run(params: Params, paths: ProjectPaths) -> Any:
    if os.environ.get(WORKER_ENV) == "1":
        return _run_worker(params, paths)
    check_method_supported(params.train)
    check_inputs(paths)
    return launch(params, paths)


if __name__ == "__main__":
    stage_main("train", run)
