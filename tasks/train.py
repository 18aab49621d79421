"""Stage train: LoRA SFT on the prepared, loss-masked examples, launched through accelerate.

``python -m tasks.train`` (what dvc.yaml runs) re-launches itself with ``accelerate launch`` and the config
named by ``train.accelerate_config``, so the same stage runs on one CPU or, by changing that config, on
several processes. ``train_loop`` is the recipe (in the spirit of torchtune's), read top to bottom: setup
(model, data, optimizer, schedule, the checkpoint to resume from, the MLflow run), the loop, save. Its building
blocks live in tasks/training/ (batching, model, loss, optim, history, checkpoint, saving, mlflow_run). The loop:

    for each optimizer step: gather gradient_accumulation_steps micro-batches, normalise the summed token
    loss by the number of trained tokens in the whole window (across processes), backward, clip, step,
    schedule (linear warmup, then cosine), log loss / lr / grad norm / tokens per second to MLflow.

Outputs: the adapter and tokenizer in models/adapter, metrics/train.json, outputs/train/loss.csv and the
MLflow run id in outputs/train/mlflow_run.json (later stages log into that run).
"""

from __future__ import annotations

import logging
import math
import os
import subprocess
import sys
import time
from contextlib import nullcontext
from dataclasses import asdict
from functools import partial
from pathlib import Path
from typing import Any

from tasks.core.errors import SftopsError, StageCrashed
from tasks.core.params import Params
from tasks.core.paths import ProjectPaths
from tasks.core.schema import IGNORE_INDEX
from tasks.core.stage import stage_main
from tasks.training import checkpoint, mlflow_run
from tasks.training.batching import (
    LengthGroupedBatches,
    load_split,
    pad_batch,
    padded_tokens,
    real_tokens,
    train_items,
    windows,
)
from tasks.training.history import StepLog, summarise
from tasks.training.loss import evaluate_loss, token_loss_sum
from tasks.training.model import build_model, check_method_supported, resolve_precision
from tasks.training.optim import build_optimizer, build_scheduler
from tasks.training.saving import is_fsdp, save_outputs

log = logging.getLogger("sftops.train")

WORKER_ENV = "SFTOPS_TRAIN_WORKER"


# ---------------------------------------------------------------- the recipe: setup, loop, save


def train_loop(params: Params, paths: ProjectPaths) -> dict[str, Any]:
    """Setup, the loop over optimizer steps (resuming from the last checkpoint of the same params and data), save."""
    import torch
    from accelerate import Accelerator
    from accelerate.utils import set_seed
    from torch.utils.data import DataLoader
    from tqdm.auto import tqdm
    from transformers import AutoTokenizer

    # ---- setup: model, data, optimizer, schedule; then the checkpoint to resume from and the MLflow run
    train = params.train
    accelerator = Accelerator(mixed_precision=resolve_precision(train))
    set_seed(params.seed)
    torch.use_deterministic_algorithms(True, warn_only=True)
    tokenizer = AutoTokenizer.from_pretrained(paths.base_model)
    model = build_model(paths, train, params.model.trust_remote_code, accelerator.local_process_index)
    train_rows = load_split(paths, "train", train.train_on_prompt)
    eval_rows = load_split(paths, "eval", train.train_on_prompt)
    items, train_collate, item_lengths = train_items(
        train_rows, tokenizer.pad_token_id, train.packing, params.data.max_seq_len, model.config
    )
    batches = LengthGroupedBatches(item_lengths, train.batch_size, params.seed)
    train_loader = DataLoader(items, batch_sampler=batches, collate_fn=train_collate)
    eval_collate = partial(pad_batch, pad_id=tokenizer.pad_token_id)
    eval_loader = DataLoader(eval_rows, batch_size=train.batch_size, collate_fn=eval_collate)
    optimizer = build_optimizer(model, train)
    model, optimizer, train_loader, eval_loader = accelerator.prepare(model, optimizer, train_loader, eval_loader)
    steps_per_epoch = math.ceil(len(train_loader) / train.gradient_accumulation_steps)
    total_steps = min(steps_per_epoch * train.epochs, train.max_steps or steps_per_epoch * train.epochs)
    scheduler = build_scheduler(optimizer, train, total_steps)
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
    if checkpoint_every and is_fsdp(accelerator):
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
        mlflow_run.start_run(params, paths, resume.meta["mlflow_run_id"] if resume else None)

    # ---- the loop: an optimizer step per window of micro-batches, an eval loss per epoch
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
                mlflow_run.log_step(entry)
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
                mlflow_run.log_eval_loss(eval_loss, step=len(history))
        if len(history) >= total_steps:
            break
    bar.close()

    # ---- save: the summary, the trained model and outputs, the run closed, the checkpoints removed
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
    state_dict = accelerator.get_state_dict(model) if is_fsdp(accelerator) else None
    if main:
        save_outputs(accelerator.unwrap_model(model), state_dict, tokenizer, history, summary, paths)
        mlflow_run.finish(summary)
        checkpoint.clear(paths.checkpoints)
    # every process waits for the main one to finish saving, then all leave the process group together: a
    # process that tears down gloo while its peer is still busy can hang there (seen once in CI)
    accelerator.wait_for_everyone()
    if accelerator.device.type != "cpu":  # gloo (CPU): the launcher reaps the processes; tearing down can hang
        accelerator.end_training()
    return summary


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
        meta = {
            "fingerprint": run_fingerprint,
            "epoch": epoch,
            "window": window,
            "history": [asdict(h) for h in history],
            "eval_losses": eval_losses,
            "mlflow_run_id": mlflow_run.run_id(),
            "elapsed_s": time.perf_counter() - started,
        }
        where = checkpoint.save(
            paths.checkpoints, len(history), accelerator.unwrap_model(model), optimizer, scheduler, meta
        )
        log.info("checkpoint: %s", where)
    accelerator.wait_for_everyone()


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
