"""Resumable training checkpoints: a killed run restarts from its last checkpoint, not from step 0.

A checkpoint holds what the next step needs to be the step an uninterrupted run would take: the trainable
weights (the LoRA adapters, or every weight in full fine-tuning), the optimizer and scheduler states, the
random number generators, the position in the data (epoch and window), the step history so far, and the
MLflow run id so that metrics continue in the same run. It is written to a temporary directory and renamed
into place, so a kill during the write leaves the previous checkpoint intact. Each checkpoint records a
fingerprint of the params and the training data: a checkpoint from other params or data is never resumed.
"""

from __future__ import annotations

import hashlib
import json
import random
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

KEEP = 2  # checkpoints kept on disk (the newest ones)
_PREFIX = "step-"


@dataclass
class Checkpoint:
    directory: Path
    step: int
    epoch: int
    window: int  # windows of this epoch already trained
    meta: dict[str, Any]


def fingerprint(params_fingerprint: str, data_files: list[Path]) -> str:
    """What a checkpoint must match to be resumed: the params and the bytes of the training data."""
    digest = hashlib.sha256(params_fingerprint.encode())
    for path in data_files:
        with path.open("rb") as f:
            for block in iter(lambda: f.read(1 << 20), b""):
                digest.update(block)
    return digest.hexdigest()


def trainable_state(model: Any) -> dict[str, Any]:
    return {name: p.detach().cpu().clone() for name, p in model.named_parameters() if p.requires_grad}


def rng_state() -> dict[str, Any]:
    import torch

    state = {"python": random.getstate(), "torch": torch.get_rng_state()}
    if torch.cuda.is_available():
        state["cuda"] = torch.cuda.get_rng_state_all()
    return state


def restore_rng(state: dict[str, Any]) -> None:
    import torch

    random.setstate(state["python"])
    torch.set_rng_state(state["torch"])
    if "cuda" in state and torch.cuda.is_available():
        torch.cuda.set_rng_state_all(state["cuda"])


def save(root: Path, step: int, model: Any, optimizer: Any, scheduler: Any, meta: dict[str, Any]) -> Path:
    """Write checkpoint ``step`` atomically under ``root`` and drop all but the newest ``KEEP``."""
    import torch

    final = root / f"{_PREFIX}{step:07d}"
    tmp = root / f".tmp-{final.name}"
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    torch.save(
        {
            "model": trainable_state(model),
            "optimizer": optimizer.state_dict(),
            "scheduler": scheduler.state_dict(),
            "rng": rng_state(),
        },
        tmp / "state.pt",
    )
    (tmp / "meta.json").write_text(json.dumps({**meta, "step": step}, indent=2), encoding="utf-8")
    shutil.rmtree(final, ignore_errors=True)
    tmp.rename(final)
    for old in sorted(root.glob(f"{_PREFIX}*"))[:-KEEP]:
        shutil.rmtree(old, ignore_errors=True)
    return final


def latest(root: Path, expected_fingerprint: str) -> Checkpoint | None:
    """The newest complete checkpoint with this fingerprint, or None."""
    for directory in sorted(root.glob(f"{_PREFIX}*"), reverse=True):
        meta_file = directory / "meta.json"
        if not (meta_file.is_file() and (directory / "state.pt").is_file()):
            continue
        meta = json.loads(meta_file.read_text(encoding="utf-8"))
        if meta.get("fingerprint") == expected_fingerprint:
            return Checkpoint(directory, int(meta["step"]), int(meta["epoch"]), int(meta["window"]), meta)
    return None


def load_state(checkpoint: Checkpoint, model: Any, optimizer: Any, scheduler: Any) -> dict[str, Any]:
    """Load weights, optimizer and scheduler in place; return the RNG state to restore before the next step."""
    import torch

    state = torch.load(checkpoint.directory / "state.pt", map_location="cpu", weights_only=False)
    missing = model.load_state_dict(state["model"], strict=False)
    if missing.unexpected_keys:
        raise RuntimeError(f"{checkpoint.directory}: unexpected weights {missing.unexpected_keys[:5]}")
    optimizer.load_state_dict(state["optimizer"])
    scheduler.load_state_dict(state["scheduler"])
    return state["rng"]


def clear(root: Path) -> None:
    shutil.rmtree(root, ignore_errors=True)
