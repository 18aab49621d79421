"""A project copy prepared (base model, prepared data, validated) with the tiny model, for training tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from tasks.core.overrides import write_overrides
from tests.helpers import BIN, copy_project, run_cmd, tiny_overrides

STEPS = 8


@pytest.fixture(scope="session")
def prepared_project(tmp_path_factory: pytest.TempPathFactory, tiny_model_dir: Path) -> Path:
    root = copy_project(tmp_path_factory.mktemp("resume") / "project")
    overrides = [o for o in tiny_overrides(tiny_model_dir) if not o.startswith("train.max_steps")]
    overrides += [f"train.max_steps={STEPS}", "train.checkpoint_every=2", "train.batch_size=2", "train.epochs=2"]
    write_overrides(root / "params.yaml", overrides)
    for stage in ("base_model", "prepare", "validate"):
        result = run_cmd([str(BIN / "python"), "-m", f"tasks.{stage}"], cwd=root)
        assert result.returncode == 0, result.stderr[-2000:]
    return root
