"""Training methods: full fine-tuning saves a whole model that evaluation loads; QLoRA on CPU stops at once,
so does bf16; train_on_prompt switches the loss mask off; learning-rate defaults follow the method."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tasks.core.assistant_model import is_peft_adapter
from tasks.core.errors import SftopsError
from tasks.core.params import TrainParams
from tasks.core.paths import ProjectPaths
from tasks.core.schema import IGNORE_INDEX
from tasks.training.batching import load_split
from tasks.training.model import check_method_supported, resolve_precision
from tests.helpers import BIN, copy_prepared, run_cmd


def test_learning_rate_defaults_follow_the_method() -> None:
    assert TrainParams().peak_learning_rate == 2e-4
    assert TrainParams(method="qlora").peak_learning_rate == 2e-4
    assert TrainParams(method="full").peak_learning_rate == 2e-5
    assert TrainParams(method="full", learning_rate=1e-5).peak_learning_rate == 1e-5


def test_qlora_without_a_gpu_stops_with_a_clear_message() -> None:
    import torch

    if torch.cuda.is_available():
        pytest.skip("a CUDA GPU is present")
    with pytest.raises(SftopsError, match="train.method=qlora .* needs a CUDA GPU"):
        check_method_supported(TrainParams(method="qlora"))


def test_bf16_without_a_gpu_fails_with_a_clear_message() -> None:
    import torch

    if torch.cuda.is_available():
        pytest.skip("a CUDA GPU is present")
    with pytest.raises(SftopsError, match="train.precision=bf16 needs a CUDA GPU"):
        resolve_precision(TrainParams(precision="bf16"))
    assert resolve_precision(TrainParams(precision="auto")) == "no", "auto must fall back to fp32 on CPU"


def test_qlora_stage_fails_fast_before_launching(prepared_project: Path, tmp_path: Path) -> None:
    import torch

    if torch.cuda.is_available():
        pytest.skip("a CUDA GPU is present")
    root = copy_prepared(prepared_project, tmp_path / "p", ["train.method=qlora"])
    result = run_cmd([str(BIN / "python"), "-m", "tasks.train"], cwd=root, timeout=120)
    assert result.returncode == 3, result.stderr[-2000:]
    assert "needs a CUDA GPU" in result.stderr and "Traceback" not in result.stderr, result.stderr[-2000:]
    assert "launching" not in result.stderr, "must fail before accelerate launch"


def test_train_on_prompt_trains_every_token(prepared_project: Path) -> None:
    paths = ProjectPaths(root=prepared_project)
    masked, unmasked = load_split(paths, "train"), load_split(paths, "train", train_on_prompt=True)
    assert any(IGNORE_INDEX in e.labels for e in masked), "the default trains only the replies"
    assert all(e.labels == e.input_ids for e in unmasked), "train_on_prompt must label every token"


def test_full_fine_tuning_saves_a_whole_model_that_evaluate_loads(prepared_project: Path, tmp_path: Path) -> None:
    root = copy_prepared(prepared_project, tmp_path / "p", ["train.method=full", "train.max_steps=2"])
    result = run_cmd([str(BIN / "python"), "-m", "tasks.train"], cwd=root, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    metrics = json.loads((root / "metrics" / "train.json").read_text())
    adapter = root / "models" / "adapter"
    assert metrics["method"] == "full" and metrics["steps"] == 2, metrics
    saved = sorted(p.name for p in adapter.iterdir())
    assert not is_peft_adapter(adapter) and (adapter / "config.json").is_file(), saved
    assert metrics["trainable_parameters"] > 100_000, "full fine-tuning trains every weight"
    result = run_cmd([str(BIN / "python"), "-m", "tasks.evaluate"], cwd=root, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    evaluated = json.loads((root / "metrics" / "eval.json").read_text())
    assert evaluated["finetuned"] != evaluated["base"], "the fully fine-tuned model must be the one evaluated"


def test_packed_training_trains_every_example_with_little_padding(prepared_project: Path, tmp_path: Path) -> None:
    overrides = ["train.packing=true", "train.max_steps=null", "train.epochs=1", "train.batch_size=2"]
    root = copy_prepared(prepared_project, tmp_path / "p", overrides)
    result = run_cmd([str(BIN / "python"), "-m", "tasks.train"], cwd=root, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "packed" in result.stderr and "sdpa attention" in result.stderr, result.stderr[-3000:]
    metrics = json.loads((root / "metrics" / "train.json").read_text())
    paths = ProjectPaths(root=root)
    tokens = sum(len(e.input_ids) for e in load_split(paths, "train"))
    assert metrics["train_tokens"] == tokens, "one epoch of packs must hold every training token once"
    assert metrics["non_pad_share"] > 0.9, metrics["non_pad_share"]
