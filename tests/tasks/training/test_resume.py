"""train survives a SIGKILL: the rerun resumes from the last checkpoint and ends where an unbroken run ends.

Given a project copy prepared with the tiny model, when the trainer is killed (SIGKILL, the whole process
group: the stage and its accelerate worker) after its first checkpoint and the stage is run again, then it
resumes from that checkpoint (not step 0), finishes with the same number of steps, and its final loss is
within 1% of an uninterrupted run with the same seed; the checkpoints are removed once training is done.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tasks.core.params import load_params
from tests.helpers import BIN, run_cmd


def train(root: Path) -> dict:
    result = run_cmd([str(BIN / "python"), "-m", "tasks.train"], cwd=root, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads((root / "metrics" / "train.json").read_text())


def test_killed_training_resumes_from_its_checkpoint(prepared_project: Path) -> None:
    root = prepared_project
    steps = load_params(root / "params.yaml").train.max_steps
    uninterrupted = train(root)
    assert uninterrupted["steps"] == steps and uninterrupted["resumed_from_step"] == 0, uninterrupted
    assert not (root / "outputs" / "train" / "checkpoints").exists(), "checkpoints must be cleared after success"

    # when: a fresh run is killed once its checkpoint at step 4 is on disk
    (root / "metrics" / "train.json").unlink()
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    env.pop("MLFLOW_TRACKING_URI", None)  # the project's own store, as run_cmd uses for the reruns
    proc = subprocess.Popen(
        [sys.executable, "-m", "tasks.train"],
        cwd=root,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    checkpoints = root / "outputs" / "train" / "checkpoints"
    deadline = time.monotonic() + 300
    while not (checkpoints / "step-0000004" / "meta.json").is_file():
        assert proc.poll() is None, "training ended before it could be killed"
        assert time.monotonic() < deadline, "no checkpoint at step 4 within 300 s"
        time.sleep(0.2)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait(timeout=30)
    assert not (root / "metrics" / "train.json").exists(), "the killed run must not have finished"

    # then: the rerun resumes and ends like the uninterrupted run
    resumed = train(root)
    assert resumed["resumed_from_step"] in (4, 6), resumed
    assert resumed["steps"] == steps, resumed
    gap = abs(resumed["final_loss"] - uninterrupted["final_loss"]) / uninterrupted["final_loss"]
    print(
        f"uninterrupted {uninterrupted['final_loss']:.6f}, resumed from step {resumed['resumed_from_step']}: "
        f"{resumed['final_loss']:.6f} ({gap:.4%})"
    )
    assert gap <= 0.01, f"final loss {resumed['final_loss']} vs {uninterrupted['final_loss']} ({gap:.2%})"
    assert not checkpoints.exists()


def test_a_checkpoint_from_other_params_is_not_resumed(tmp_path: Path) -> None:
    from tasks.training import checkpoint

    data = tmp_path / "train.jsonl"
    data.write_text('{"input_ids": [1]}\n')
    mine, other = checkpoint.fingerprint("a", [data]), checkpoint.fingerprint("b", [data])
    (tmp_path / "ckpt" / "step-0000002").mkdir(parents=True)
    (tmp_path / "ckpt" / "step-0000002" / "state.pt").write_bytes(b"")
    meta = {"fingerprint": other, "step": 2, "epoch": 0, "window": 2}
    (tmp_path / "ckpt" / "step-0000002" / "meta.json").write_text(json.dumps(meta))
    assert checkpoint.latest(tmp_path / "ckpt", mine) is None
    assert checkpoint.latest(tmp_path / "ckpt", other).step == 2
    data.write_text('{"input_ids": [2]}\n')
    assert checkpoint.fingerprint("b", [data]) != other, "changed training data must change the fingerprint"
