"""The loss: summed next-token cross-entropy over the trained (labelled) positions, and the eval loss from it."""

from __future__ import annotations

from typing import Any

from tasks.core.schema import IGNORE_INDEX
from tasks.training.packing import model_inputs


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
    """The token-mean loss over ``loader`` on every process together; None when nothing was trained on."""
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
