"""The run's step history: one StepLog per optimizer step, the loss curve written from them and the summary
(metrics/train.json). A resumed run carries the history of the steps before its checkpoint."""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path
from typing import Any


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


def write_loss_curve(history: list[StepLog], path: Path) -> None:
    """One CSV row per step: step, loss, learning_rate, grad_norm, tokens_per_s."""
    with path.open("w", newline="") as f:
        writer = csv.writer(f)
        writer.writerow(["step", "loss", "learning_rate", "grad_norm", "tokens_per_s"])
        for h in history:
            writer.writerow(
                [h.step, f"{h.loss:.6f}", f"{h.learning_rate:.6e}", f"{h.grad_norm:.6f}", f"{h.tokens_per_s:.1f}"]
            )
