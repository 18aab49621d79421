"""Two-process CPU DDP (gloo) trains like one process with the same global batch.

Given the prepared tiny-model project, when train runs once on one process (micro-batch 2, accumulation 4)
and once on two processes with configs/accelerate/cpu_ddp_2proc.yaml (micro-batch 2, accumulation 2: the
same 8 examples per step, the same batches, sharded), then both processes trained on real tokens and the
per-step losses agree within 1e-3 relative (LoRA dropout off, so the two runs see the same computation up to
the order of floating-point sums).
"""

from __future__ import annotations

import csv
import json
from pathlib import Path

from tests.helpers import BIN, copy_prepared, run_cmd

COMMON = ["train.max_steps=4", "train.lora.dropout=0.0", "train.checkpoint_every=null", "train.batch_size=2"]


def train_copy(source: Path, dest: Path, overrides: list[str]) -> tuple[dict, list[float]]:
    copy_prepared(source, dest, COMMON + overrides)
    result = run_cmd([str(BIN / "python"), "-m", "tasks.train"], cwd=dest, timeout=300)
    assert result.returncode == 0, result.stderr[-4000:]
    summary = json.loads((dest / "metrics" / "train.json").read_text())
    with (dest / "outputs" / "train" / "loss.csv").open() as f:
        losses = [float(row["loss"]) for row in csv.DictReader(f)]
    return summary, losses


def test_two_process_ddp_matches_one_process(prepared_project: Path, tmp_path: Path) -> None:
    single, single_losses = train_copy(prepared_project, tmp_path / "single", ["train.gradient_accumulation_steps=4"])
    ddp, ddp_losses = train_copy(
        prepared_project,
        tmp_path / "ddp",
        ["train.gradient_accumulation_steps=2", "train.accelerate_config=configs/accelerate/cpu_ddp_2proc.yaml"],
    )
    assert single["processes"] == 1 and ddp["processes"] == 2, (single, ddp)
    assert len(ddp["tokens_per_process"]) == 2 and min(ddp["tokens_per_process"]) > 0, ddp["tokens_per_process"]
    assert ddp["train_tokens"] == single["train_tokens"], "the same examples must be trained"
    assert len(ddp_losses) == len(single_losses) == 4
    print(f"single {single_losses}\nddp    {ddp_losses}\ntokens per process {ddp['tokens_per_process']}")
    for step, (a, b) in enumerate(zip(single_losses, ddp_losses, strict=True), start=1):
        assert abs(a - b) <= 1e-3 * abs(a), f"step {step}: single {a} vs ddp {b}"
