"""train: batching, padding and the precision guard (the loop itself runs in the end-to-end test)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tasks.core.errors import SftopsError
from tasks.core.params import TrainParams
from tasks.core.paths import ProjectPaths
from tasks.core.schema import IGNORE_INDEX
from tasks.core.stage import EXIT_CRASHED, EXIT_USER_ERROR, NOT_RETRYABLE
from tasks.training.batching import LengthGroupedBatches, TokenizedExample, load_split, pad_batch, windows
from tasks.training.model import resolve_precision
from tests.helpers import REPO


def test_length_grouped_batches_cover_every_example_once_per_epoch_and_cut_padding() -> None:
    lengths = [(i * 37) % 150 + 10 for i in range(203)]
    sampler = LengthGroupedBatches(lengths, batch_size=8, seed=3)
    first, second = list(sampler), list(sampler)
    for epoch in (first, second):
        assert sorted(i for batch in epoch for i in batch) == list(range(203)), "each example exactly once"
        assert len(epoch) == len(sampler) == 26, len(epoch)
    assert first != second, "the order must change between epochs"
    assert list(LengthGroupedBatches(lengths, 8, seed=3)) == first, "same seed, same first epoch"
    padded = sum(max(lengths[i] for i in b) * len(b) for b in first)
    assert sum(lengths) / padded > 0.95, f"non-pad share {sum(lengths) / padded:.2f}"


def test_pad_batch_masks_padding_out_of_attention_and_loss() -> None:
    batch = pad_batch([TokenizedExample([5, 6, 7], [-100, 6, 7]), TokenizedExample([8], [8])], pad_id=0)
    assert batch["input_ids"].tolist() == [[5, 6, 7], [8, 0, 0]]
    assert batch["attention_mask"].tolist() == [[1, 1, 1], [1, 0, 0]]
    assert batch["labels"].tolist() == [[IGNORE_INDEX, 6, 7], [8, IGNORE_INDEX, IGNORE_INDEX]]


def test_windows_group_micro_batches_for_gradient_accumulation() -> None:
    assert [len(w) for w in windows(range(7), 3)] == [3, 3, 1]


def test_bf16_without_a_gpu_fails_with_a_clear_message() -> None:
    import torch

    if torch.cuda.is_available():
        pytest.skip("a CUDA GPU is present")
    with pytest.raises(SftopsError, match="train.precision=bf16 needs a CUDA GPU"):
        resolve_precision(TrainParams(precision="bf16"))
    assert resolve_precision(TrainParams(precision="auto")) == "no", "auto must fall back to fp32 on CPU"


def test_loss_on_trained_positions_equals_the_full_logits_reference(tiny_model_dir) -> None:  # noqa: ANN001
    import torch
    import torch.nn.functional as F
    from transformers import AutoModelForCausalLM

    from tasks.training.loss import token_loss_sum

    model = AutoModelForCausalLM.from_pretrained(tiny_model_dir, dtype=torch.float32)
    examples = [
        TokenizedExample([1, 2, 3, 4, 5, 6], [IGNORE_INDEX] * 3 + [4, 5, 6]),
        TokenizedExample([1, 2, 3, 4], [IGNORE_INDEX, IGNORE_INDEX, 3, 4]),
    ]
    batch = pad_batch(examples, pad_id=0)
    loss, count = token_loss_sum(model, batch)
    logits = model(input_ids=batch["input_ids"], attention_mask=batch["attention_mask"]).logits
    reference = F.cross_entropy(
        logits[:, :-1].reshape(-1, logits.size(-1)), batch["labels"][:, 1:].reshape(-1), reduction="sum"
    )
    assert count == 5, count
    assert torch.allclose(loss, reference, atol=1e-4), f"{loss.item()} != {reference.item()}"


def _train_stage(project: Path, extra_pythonpath: Path | None = None) -> subprocess.CompletedProcess[str]:
    """`python -m tasks.train` (what dvc runs) in ``project``: the launcher starts the worker via accelerate."""
    pythonpath = os.pathsep.join(str(p) for p in (extra_pythonpath, REPO) if p is not None)
    env = {**os.environ, "PYTHONPATH": pythonpath}
    env.pop("SFTOPS_TRAIN_WORKER", None)
    return subprocess.run(
        [sys.executable, "-m", "tasks.train"], cwd=project, env=env, capture_output=True, text=True, timeout=300
    )


@pytest.fixture
def unprepared_project(tmp_path: Path, tiny_model_dir: Path) -> Path:
    """A project with params, launch configs and a base model but no prepared data."""
    project = tmp_path / "project"
    (project / "configs").mkdir(parents=True)
    shutil.copytree(tiny_model_dir, project / "models" / "base")
    shutil.copy(REPO / "params.yaml", project / "params.yaml")
    shutil.copytree(REPO / "configs" / "accelerate", project / "configs" / "accelerate")
    return project


@pytest.fixture
def corrupt_split_project(unprepared_project: Path) -> Path:
    """Prepared splits that exist but are not JSON: the launcher's checks pass, the worker stops on a user
    error."""
    for split in ("train", "eval"):
        path = unprepared_project / "data" / "prepared" / f"{split}.jsonl"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text('{"input_ids": [1, 2\n')
    return unprepared_project


def test_a_user_error_in_the_worker_is_the_stages_user_error(corrupt_split_project: Path) -> None:
    """accelerate exits 1 whatever the worker said; the launcher still reports the worker's message, exit 3."""
    result = _train_stage(corrupt_split_project)
    assert result.returncode == EXIT_USER_ERROR, result.stderr[-3000:]
    assert "launching:" in result.stderr, "the error must come from the worker, past the launcher's checks"
    assert "train.jsonl: line 1 is not JSON" in result.stderr, result.stderr[-3000:]


@pytest.mark.parametrize("missing", ["models/base", "data/prepared/eval.jsonl"])
def test_a_missing_input_stops_the_launcher_before_any_worker(corrupt_split_project: Path, missing: str) -> None:
    """A missing input is the user's to fix (exit 3, not retried), named with the stage that makes it."""
    target = corrupt_split_project / missing
    shutil.rmtree(target) if target.is_dir() else target.unlink()
    result = _train_stage(corrupt_split_project)
    assert result.returncode == EXIT_USER_ERROR, result.stderr[-3000:]
    assert missing in result.stderr and "stage first" in result.stderr, result.stderr[-3000:]
    assert "launching:" not in result.stderr, "no worker may start without its inputs"


def test_a_killed_worker_is_a_crash_the_flow_retries(corrupt_split_project: Path, tmp_path: Path) -> None:
    """A worker killed by a signal (OOM killer, preemption) leaves no error of its own: exit 1, which the flow
    retries (NOT_RETRYABLE holds only bad params and user errors)."""
    hook = tmp_path / "hook"
    hook.mkdir()
    (hook / "sitecustomize.py").write_text(
        "import os, signal\n"
        "if os.environ.get('SFTOPS_TRAIN_WORKER') == '1':\n"
        "    os.kill(os.getpid(), signal.SIGKILL)\n"
    )
    result = _train_stage(corrupt_split_project, extra_pythonpath=hook)
    assert result.returncode == EXIT_CRASHED and EXIT_CRASHED not in NOT_RETRYABLE, result.stderr[-3000:]
    assert "stage train crashed: accelerate launch exited with" in result.stderr, result.stderr[-3000:]


def test_a_prepared_row_without_labels_is_named_by_file_and_row(tmp_path: Path) -> None:
    paths = ProjectPaths(tmp_path)
    paths.split_file("train").parent.mkdir(parents=True)
    paths.split_file("train").write_text('{"input_ids": [1, 2], "labels": [-100, 2]}\n{"input_ids": [3]}\n')
    with pytest.raises(SftopsError, match=r"train.jsonl: row 2 has no input_ids and labels; run the prepare stage"):
        load_split(paths, "train")
    paths.split_file("train").write_text('{"input_ids": [1, 2], "labels": [-100, 2]}\n\n{"input_ids": [3\n')
    with pytest.raises(SftopsError, match=r"train.jsonl: line 3 is not JSON \("):
        load_split(paths, "train")
