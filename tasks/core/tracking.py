"""MLflow helpers: one MLflow run per pipeline run, opened by train and resumed by the stages after it.

The run id travels in outputs/train/mlflow_run.json (a train out), not in thread-local state, because every
stage is its own process. The default store is SQLite under the project root (MLflow >= 3.13 refuses a plain
file store); MLFLOW_TRACKING_URI overrides it.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tasks.core.io import read_json, write_json
from tasks.core.paths import ProjectPaths

# Parameter keys that may carry credentials are never logged, whatever their section.
SECRET_MARKERS = ("token", "secret", "password", "api_key", "apikey", "credential")


def tracking_uri(paths: ProjectPaths) -> str:
    return os.environ.get("MLFLOW_TRACKING_URI") or f"sqlite:///{paths.root / 'mlflow.db'}"


def configure(paths: ProjectPaths) -> str:
    import mlflow

    uri = tracking_uri(paths)
    mlflow.set_tracking_uri(uri)
    mlflow.set_registry_uri(os.environ.get("MLFLOW_REGISTRY_URI") or uri)
    return uri


def ensure_experiment(name: str, paths: ProjectPaths) -> str:
    """Get or create the experiment; with the default store its artifacts live under the project root."""
    import mlflow

    experiment = mlflow.get_experiment_by_name(name)
    if experiment is not None:
        return experiment.experiment_id
    location = None if os.environ.get("MLFLOW_TRACKING_URI") else (paths.root / "mlartifacts").as_uri()
    return mlflow.create_experiment(name, artifact_location=location)


def flatten(tree: dict[str, Any], prefix: str = "", sep: str = ".") -> dict[str, Any]:
    flat: dict[str, Any] = {}
    for key, value in tree.items():
        name = f"{prefix}{sep}{key}" if prefix else str(key)
        if isinstance(value, dict):
            flat.update(flatten(value, name, sep))
        else:
            flat[name] = value
    return flat


def loggable_params(params_dict: dict[str, Any]) -> dict[str, str]:
    """Flatten resolved params for mlflow.log_params, dropping anything that looks like a credential."""
    flat = flatten(params_dict)
    return {k: str(v)[:6000] for k, v in flat.items() if not any(marker in k.lower() for marker in SECRET_MARKERS)}


def git_commit(root: Path) -> str:
    """The checked-out commit, with '-dirty' when tracked files differ; 'unknown' outside git."""
    try:
        sha = subprocess.run(
            ["git", "rev-parse", "HEAD"], cwd=root, capture_output=True, text=True, check=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"], cwd=root, capture_output=True, text=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"
    return f"{sha}-dirty" if dirty else sha


def save_run_ref(paths: ProjectPaths, run_id: str, experiment_id: str) -> None:
    write_json(paths.tracking_run, {"run_id": run_id, "experiment_id": experiment_id})


def load_run_id(paths: ProjectPaths) -> str:
    return read_json(paths.tracking_run)["run_id"]


@contextmanager
def resume_run(paths: ProjectPaths) -> Iterator[Any]:
    """Re-open the pipeline's MLflow run (the one train started) in this process."""
    import mlflow

    configure(paths)
    with mlflow.start_run(run_id=load_run_id(paths)) as run:
        yield run
