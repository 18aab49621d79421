"""Helpers shared by the tests (fixtures live in conftest.py)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent

# What a fresh clone has: everything but the virtualenv, caches and pipeline outputs.
_NOT_IN_A_CLONE = shutil.ignore_patterns(
    ".git",
    ".venv",
    "__pycache__",
    "*.egg-info",
    ".pytest_cache",
    ".ruff_cache",
    "models",
    "prepared",
    "outputs",
    "metrics",
    "reports",
    "mlflow.db",
    "mlartifacts",
    "mlruns",
    "cache",
    "tmp",
    "dvc.lock",
)


def tiny_overrides(model_dir: Path) -> list[str]:
    """params overrides that make the whole pipeline take about a minute on the tiny model."""
    return [
        f"model.name_or_path={model_dir}",
        "train.epochs=1",
        "train.max_steps=6",
        "train.lora.r=4",
        "train.lora.alpha=8",
        "eval.limit=6",
    ]


def run_cmd(
    args: list[str], cwd: Path, env: dict[str, str] | None = None, timeout: float = 900
) -> subprocess.CompletedProcess[str]:
    """Run a command of the project's venv (sftops, dvc) the way a user would, capturing its output."""
    full_env = {**os.environ, **(env or {})}
    full_env["PATH"] = os.pathsep.join([str(BIN), full_env.get("PATH", "")])
    full_env.pop("MLFLOW_TRACKING_URI", None)
    full_env.pop("MLFLOW_REGISTRY_URI", None)  # mlflow.set_registry_uri exports it too
    return subprocess.run(args, cwd=cwd, env=full_env, capture_output=True, text=True, timeout=timeout)


def copy_project(dest: Path) -> Path:
    """Copy the project as a fresh clone would have it, into its own git repo."""
    shutil.copytree(REPO, dest, ignore=_NOT_IN_A_CLONE)
    git = ["git", "-c", "user.name=test", "-c", "user.email=test@example.com"]
    subprocess.run([*git, "init", "-q"], cwd=dest, check=True)
    subprocess.run([*git, "add", "-A"], cwd=dest, check=True)
    subprocess.run([*git, "commit", "-qm", "copy"], cwd=dest, check=True)
    return dest


def copy_prepared(source: Path, dest: Path, overrides: list[str]) -> Path:
    """Copy a project whose base model and data are prepared and validated (no MLflow store, no train outputs)."""
    from tasks.core.overrides import write_overrides

    shutil.copytree(source, dest, ignore=shutil.ignore_patterns("mlflow.db", "mlartifacts", "outputs", "metrics"))
    shutil.copytree(source / "metrics", dest / "metrics")
    shutil.copytree(source / "outputs" / "validate", dest / "outputs" / "validate")
    write_overrides(dest / "params.yaml", overrides)
    return dest


def labelled_rows(labels: Path, split: str) -> list[dict]:
    """The rows of a probe's labels.jsonl (independently labelled replies) in one split, ``dev`` or ``heldout``."""
    import json

    rows = [json.loads(line) for line in labels.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [row for row in rows if row["split"] == split]


def assert_scorer_agreement(rows: list[dict], predict, field: str, floor: float, what: str) -> None:  # type: ignore[no-untyped-def]
    """A scorer agrees with the labels in ``field`` on at least ``floor`` of ``rows``; else list every miss."""
    misses = [(row, got) for row in rows if (got := predict(row)) != row[field]]
    agreement = 1 - len(misses) / len(rows)
    detail = "\n".join(f"{r['id']} label={r[field]} scorer={got} reply={r['reply'][:100]!r}" for r, got in misses)
    assert agreement >= floor, f"{what}: agreement {agreement:.3f} < {floor}\n{detail}"
