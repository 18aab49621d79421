"""The optimizer (AdamW, decay on matrices only) and its learning-rate schedule (warmup, then decay)."""

from __future__ import annotations

import math
from typing import Any

from tasks.core.params import TrainParams


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


def build_scheduler(optimizer: Any, train: TrainParams, total_steps: int) -> Any:
    """``train.lr_scheduler`` over ``total_steps``, after a linear warmup over ``train.warmup_ratio`` of them."""
    from transformers import get_scheduler

    return get_scheduler(
        train.lr_scheduler,
        optimizer,
        num_warmup_steps=math.ceil(train.warmup_ratio * total_steps),
        num_training_steps=total_steps,
    )
