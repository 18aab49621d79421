"""Stage evaluate: lm-eval on the base model and on the fine-tuned adapter, same tasks, same settings.

Tasks come from ``eval.tasks`` and are resolved by an lm-eval TaskManager over evals/ (so the stock
``lm_eval --include_path evals`` CLI runs the very same tasks). Results are flattened to
``<task>/<metric>`` (and ``<task>/<metric>_stderr``) and written for both models plus the deltas
fine-tuned minus base, to metrics/eval.json (read by ``dvc metrics show``) and to the pipeline's MLflow run
as ``eval/base/...``, ``eval/finetuned/...`` and ``eval/delta/...``.
"""

from __future__ import annotations

import logging
import math
from typing import Any

from tasks.core import tracking
from tasks.core.assistant_model import is_peft_adapter
from tasks.core.cli import stage_main
from tasks.core.errors import SftopsError
from tasks.core.io import write_json, write_jsonl
from tasks.core.params import EvalParams, Params
from tasks.core.paths import ProjectPaths

log = logging.getLogger("sftops.evaluate")


def flatten_results(results: dict[str, Any]) -> dict[str, float]:
    """lm-eval's {"task": {"acc,none": x, "acc_stderr,none": s}} → {"task/acc": x, "task/acc_stderr": s}."""
    flat: dict[str, float] = {}
    for task, metrics in results.get("results", {}).items():
        for key, value in metrics.items():
            if "," not in key or not isinstance(value, int | float) or isinstance(value, bool):
                continue
            metric, _, filt = key.partition(",")
            name = f"{task}/{metric}" if filt in ("none", "") else f"{task}/{metric}_{filt}"
            if math.isfinite(float(value)):
                flat[name] = float(value)
    return flat


def directions(results: dict[str, Any]) -> dict[str, bool]:
    """{"task/metric": higher_is_better} as each task declares it."""
    return {
        f"{task}/{metric}": bool(better)
        for task, per_metric in results.get("higher_is_better", {}).items()
        for metric, better in per_metric.items()
    }


def deltas(base: dict[str, float], finetuned: dict[str, float]) -> dict[str, float]:
    return {k: finetuned[k] - base[k] for k in finetuned if k in base and not k.endswith("_stderr")}


def evaluate_model(model_args: str, settings: EvalParams, paths: ProjectPaths, seed: int) -> dict[str, Any]:
    import lm_eval
    import torch
    from lm_eval.tasks import TaskManager

    task_manager = TaskManager(
        include_path=str(paths.evals), metadata={"heldout_path": str(paths.split_file("heldout"))}
    )
    unknown = [t for t in settings.tasks if t not in task_manager.all_tasks]
    if unknown:
        raise SftopsError(
            f"eval.tasks: {unknown} not found in evals/ or lm-eval's task registry "
            f"(probes here: {sorted(t for t in task_manager.all_tasks if t.startswith(('sft_', 'prompt_')))})"
        )
    return lm_eval.simple_evaluate(
        model="hf",
        model_args=model_args,
        tasks=list(settings.tasks),
        task_manager=task_manager,
        apply_chat_template=settings.apply_chat_template,
        batch_size=settings.batch_size,
        limit=settings.limit,
        device="cuda" if torch.cuda.is_available() else "cpu",
        log_samples=True,
        random_seed=seed,
        numpy_random_seed=seed,
        torch_random_seed=seed,
        fewshot_random_seed=seed,
    )


def _samples(results: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for task, samples in results.get("samples", {}).items():
        for s in samples:
            rows.append(
                {
                    "task": task,
                    "doc_id": s.get("doc_id"),
                    "doc": s.get("doc"),
                    "response": s.get("filtered_resps") or s.get("resps"),
                    "metrics": {m: s.get(m) for m in s.get("metrics", [])},
                }
            )
    return rows


def run(params: Params, paths: ProjectPaths) -> dict[str, Any]:
    common = f"pretrained={paths.base_model},dtype=float32"
    if params.model.trust_remote_code:
        common += ",trust_remote_code=True"
    if is_peft_adapter(paths.adapter):
        finetuned = f"{common},peft={paths.adapter}"
    else:  # full fine-tuning: the whole model is in models/adapter
        finetuned = common.replace(f"pretrained={paths.base_model}", f"pretrained={paths.adapter}")
    models = {"base": common, "finetuned": finetuned}
    flat: dict[str, dict[str, float]] = {}
    higher_is_better: dict[str, bool] = {}
    for label, model_args in models.items():
        log.info("evaluating %s model on %s", label, ", ".join(params.eval.tasks))
        results = evaluate_model(model_args, params.eval, paths, params.seed)
        flat[label] = flatten_results(results)
        higher_is_better.update(directions(results))
        write_jsonl(paths.eval_dir / f"samples_{label}.jsonl", _samples(results))
    metrics = {"base": flat["base"], "finetuned": flat["finetuned"], "delta": deltas(flat["base"], flat["finetuned"])}
    write_json(paths.metrics("eval"), metrics)
    write_json(paths.eval_dir / "higher_is_better.json", higher_is_better)
    with tracking.resume_run(paths):
        import mlflow

        mlflow.log_metrics({f"eval/{group}/{k}": v for group, values in metrics.items() for k, v in values.items()})
        mlflow.log_artifacts(str(paths.eval_dir), artifact_path="eval")
    for key, value in sorted(metrics["finetuned"].items()):
        if not key.endswith("_stderr"):
            log.info("%-40s base %.4f  fine-tuned %.4f", key, metrics["base"].get(key, float("nan")), value)
    return metrics


if __name__ == "__main__":
    stage_main("evaluate", run)
