"""Helpers shared by the tests (fixtures live in conftest.py)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

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


# --- the lm-eval probes under evals/ --------------------------------------------------------------------------
EVALS = REPO / "evals"


def load_probe_module(task: str, name: str = "utils") -> ModuleType:
    """``evals/<task>/<name>.py`` imported by file path, as lm-eval imports a task's utils.py (evals/ is no package)."""
    import importlib.util

    path = EVALS / task / f"{name}.py"
    spec = importlib.util.spec_from_file_location(f"{task}_{name}", path)
    assert spec is not None and spec.loader is not None, f"cannot build an import spec for {path}"
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def probe_items(task: str) -> list[dict]:
    """The committed items of a probe (``evals/<task>/items.jsonl``), one dict per line."""
    import json

    return [json.loads(line) for line in (EVALS / task / "items.jsonl").read_text(encoding="utf-8").splitlines()]


def assert_builder_reproduces_items(task: str, tmp_path: Path) -> None:
    """Rerunning ``evals/<task>/build_items.py`` from its sources writes exactly the committed items.jsonl."""
    out = tmp_path / f"{task}_items.jsonl"
    run = subprocess.run(
        [sys.executable, str(EVALS / task / "build_items.py"), "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert run.returncode == 0, f"{task}/build_items.py failed: {run.stderr}"
    assert out.read_bytes() == (EVALS / task / "items.jsonl").read_bytes(), f"{task}: items.jsonl is stale"


def probe_task_manager(**kwargs: Any) -> Any:
    """An lm-eval TaskManager over evals/ only (skips the test when lm-eval is missing).

    include_defaults=False skips indexing lm-eval's ~10k built-in task YAMLs (several seconds).
    """
    import pytest

    lm_eval_tasks = pytest.importorskip("lm_eval.tasks")
    return lm_eval_tasks.TaskManager(include_path=str(EVALS), include_defaults=False, **kwargs)


def assert_tagged_probe(manager: Any, task: str) -> None:
    """``task`` is an indexed task of the TaskManager and listed under the ``sft_probes`` tag."""
    tagged = manager.task_index["sft_probes"].tags if "sft_probes" in manager.task_index else set()
    assert task in manager.all_subtasks, f"{task} not found by the TaskManager"
    assert "sft_probes" in manager.all_tags, f"tag sft_probes missing from {manager.all_tags}"
    assert task in tagged, f"tag sft_probes does not list {task}: {tagged}"


def assert_generation_task(task: Any, metrics: dict[str, bool], max_gen_toks: int, n_docs: int | None = None) -> None:
    """A built task declares ``metrics`` (name -> higher is better) and decodes greedily, not cut at "\\n\\n";
    with ``n_docs``, it also has that many docs (every item)."""
    gen = task.config.generation_kwargs
    if n_docs is not None:
        assert len(task.eval_docs) == n_docs, f"{len(task.eval_docs)} docs, expected {n_docs}"
    assert task.higher_is_better() == metrics, f"got {task.higher_is_better()}"
    assert set(task.aggregation()) == set(metrics), f"got {set(task.aggregation())}"
    assert "\n\n" not in gen["until"], f"until would truncate replies: {gen['until']}"
    assert gen["do_sample"] is False and gen["max_gen_toks"] == max_gen_toks, f"unexpected generation_kwargs {gen}"


def score_task(task: Any, reply_for: Callable[[dict], str]) -> dict[str, float]:
    """Score ``reply_for(doc)`` on every doc through the task's own process_results and aggregations."""
    per_metric: dict[str, list] = {}
    for doc in task.eval_docs:
        for metric, value in task.process_results(doc, [reply_for(doc)]).items():
            per_metric.setdefault(metric, []).append(value)
    aggregation = task.aggregation()
    return {metric: float(aggregation[metric](values)) for metric, values in per_metric.items()}


def assert_labels_agree(task: str, split: str, predict: Callable[[dict], Any], field: str, floor: float) -> None:
    """``predict`` agrees with the labels in ``field`` of ``evals/<task>/labels.jsonl`` on ``split`` (at least
    ``floor``); rows whose ``field`` is null (not labelled on it) are left out."""
    rows = [row for row in labelled_rows(EVALS / task / "labels.jsonl", split) if row[field] is not None]
    assert_scorer_agreement(rows, predict, field, floor, f"{task} {field}/{split}")


def load_probe_task(manager: Any, task: str) -> Any:
    """The task built by lm-eval (the non-deprecated form of ``get_task_dict([task], manager)[task]``)."""
    assert task in manager.all_tasks, f"{task} not indexed"
    return manager.load(task)["tasks"][task]


def tagged_probe_task(task: str) -> Any:
    """The task built by lm-eval from evals/, once :func:`assert_tagged_probe` found it under ``sft_probes``."""
    manager = probe_task_manager()
    assert_tagged_probe(manager, task)
    return load_probe_task(manager, task)


def assert_loads_from_anywhere(load_items: Callable[..., Any], n_items: int, elsewhere: Path, monkeypatch: Any) -> None:
    """A probe's custom_dataset hook, called from ``elsewhere`` (outside the repository) the way lm-eval calls it
    (metadata as kwargs), returns one ``test`` split holding all ``n_items`` items."""
    monkeypatch.chdir(elsewhere)
    dataset = load_items(version=1.0, pretrained="some/model")
    assert list(dataset) == ["test"], f"unexpected splits {list(dataset)}"
    assert len(dataset["test"]) == n_items, f"{len(dataset['test'])} rows loaded, expected {n_items}"


def assert_unique_items(rows: list[dict], at_least: int = 100) -> None:
    """A probe's items: at least ``at_least`` of them, no two with the same id or the same prompt."""
    ids = [row["id"] for row in rows]
    prompts = [row["prompt"] for row in rows]
    assert len(rows) >= at_least, f"only {len(rows)} items"
    assert len(set(ids)) == len(ids), f"duplicate ids: {sorted(i for i in set(ids) if ids.count(i) > 1)}"
    assert len(set(prompts)) == len(prompts), f"duplicate prompts: {[p for p in set(prompts) if prompts.count(p) > 1]}"
