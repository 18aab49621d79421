"""Stage report: a short markdown summary of the run (data counts, training, base vs fine-tuned metrics).

Written to reports/report.md and logged to the pipeline's MLflow run; the Prefect flow also publishes it as a
markdown artifact.
"""

from __future__ import annotations

import logging
from typing import Any

from tasks.core import tracking
from tasks.core.cli import stage_main
from tasks.core.io import read_json
from tasks.core.params import Params
from tasks.core.paths import ProjectPaths

log = logging.getLogger("sftops.report")


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.4f}"
    return "—" if value is None else str(value)


def eval_table(metrics: dict[str, dict[str, float]], higher_is_better: dict[str, bool]) -> list[str]:
    lines = ["| metric | direction | base | fine-tuned | delta |", "|---|---|---:|---:|---:|"]
    for key in sorted(k for k in metrics["finetuned"] if not k.endswith("_stderr")):
        better = higher_is_better.get(key)
        direction = "higher is better" if better else "lower is better" if better is not None else "?"
        delta = metrics["delta"].get(key)
        verdict = ""
        if delta is not None and better is not None and delta != 0:
            verdict = " (better)" if (delta > 0) == better else " (worse)"
        lines.append(
            f"| {key} | {direction} | {_fmt(metrics['base'].get(key))} | {_fmt(metrics['finetuned'][key])} "
            f"| {_fmt(delta)}{verdict} |"
        )
    return lines


def render(params: Params, paths: ProjectPaths) -> str:
    data = read_json(paths.metrics("prepare"))
    validation = read_json(paths.metrics("validate"))
    train = read_json(paths.metrics("train"))
    metrics = read_json(paths.metrics("eval"))
    higher = read_json(paths.eval_dir / "higher_is_better.json")
    version = read_json(paths.model_version)
    rejected = ", ".join(f"{k}: {v}" for k, v in data["rejected_by_reason"].items()) or "none"
    lines = [
        f"# sftops run report: {params.pipeline.name}",
        "",
        f"- base model: `{params.model.name_or_path}`",
        f"- data: `{params.data.path}`: {data['rows_in']} rows in = {data['kept']} kept + {data['rejected']} "
        f"rejected ({rejected})",
        f"- splits: train {data['splits']['train']}, eval {data['splits']['eval']}, "
        f"held-out {data['splits']['heldout']}; {data['tokens']['total']} tokens, "
        f"{data['tokens']['trained']} trained (mean {data['tokens']['mean']} per example)",
        f"- validation: {'passed' if validation['success'] else 'FAILED'} "
        f"({validation['failed_expectations']} failed expectations on {validation['rows']} rows)",
        f"- training: LoRA r={params.train.lora.r}, {train['steps']} steps over {train['epochs']} epochs, "
        f"final loss {_fmt(train['final_loss'])}, final eval loss {_fmt(train['final_eval_loss'])}, "
        f"{train['tokens_per_s']:.0f} tokens/s, {train['duration_s']:.0f} s",
        f"- registered: `{version['model_uri']}` (version {version['version']}, MLflow run `{version['run_id']}`)",
        "",
        "## Evaluation: base vs fine-tuned",
        "",
        *eval_table(metrics, higher),
        "",
    ]
    return "\n".join(lines)


def run(params: Params, paths: ProjectPaths) -> str:
    text = render(params, paths)
    paths.report.parent.mkdir(parents=True, exist_ok=True)
    paths.report.write_text(text, encoding="utf-8")
    with tracking.resume_run(paths):
        import mlflow

        mlflow.log_artifact(str(paths.report), artifact_path="report")
        mlflow.log_dict(params.to_dict(), "params/resolved_params.json")
    log.info("report written to %s", paths.report)
    return text


if __name__ == "__main__":
    stage_main("report", run)
