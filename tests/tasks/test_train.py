"""The train stage as dvc runs it: the launcher, its input checks and how a worker's failure is reported.

Its building blocks are tested under tests/tasks/training/; the loop itself runs in the end-to-end test."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tasks.core.stage import EXIT_CRASHED, EXIT_USER_ERROR, NOT_RETRYABLE
from tests.helpers import REPO


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
