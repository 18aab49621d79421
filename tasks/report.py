"""Stage report: a short markdown summary of the run (data counts, training, base vs fine-tuned metrics, the
promotion gate's decision).

Written to reports/report.md and logged to the pipeline's MLflow run with the data card (artifact path
``data_card``) and the validation result and Data Docs (``validation``); the Prefect flow also publishes the
report as a markdown artifact.
"""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from tasks.core import paired, tracking
from tasks.core.gate_decision import summary_line
from tasks.core.io import read_json
from tasks.core.params import Params
from tasks.core.paths import ProjectPaths
from tasks.core.schema import SPLITS
from tasks.core.stage import stage_main

log = logging.getLogger("sftops.report")


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.4f}"
    return "—" if value is None else str(value)


def _with_stderr(values: dict[str, float], key: str) -> str:
    value = values.get(key)
    err = values.get(f"{key}_stderr")
    return _fmt(value) if err is None or value is None else f"{value:.4f} ± {err:.4f}"


VERDICT_TEXT = {
    "worse": "**worse** (significant)",
    "better": "better (significant)",
    "no_difference": "no significant difference",
    "too_few_items": "too few items to tell",
}


def delta_cell(delta: float | None, comparison: dict[str, Any] | None, better: bool | None) -> str:
    """The fine-tuned minus base delta with its paired verdict and interval (of the change in the metric's bad
    direction), or, for a metric without per-item outcomes, the bare delta."""
    if delta is None:
        return "—"
    if comparison is None:
        return _fmt(delta)
    level = round(100 * (2 * comparison["confidence"] - 1))
    interval = f"worse by [{paired.signed(comparison['low'])}, {paired.signed(comparison['high'])}] ({level}%)"
    if comparison["verdict"] == "too_few_items":
        return f"{VERDICT_TEXT['too_few_items']}: {interval}, detects ≥ {comparison['mdd']:.3g}"
    return f"{_fmt(delta)}: {VERDICT_TEXT[comparison['verdict']]}, {interval}"


def eval_table(
    metrics: dict[str, dict[str, float]], higher_is_better: dict[str, bool], vs_base: dict[str, Any] | None = None
) -> list[str]:
    """Base vs fine-tuned per metric (± bootstrap stderr), with the direction and whether the delta is a real
    difference (paired test on the same items, see tasks/core/paired.py) or noise."""
    vs_base = vs_base or {}
    lines = ["| metric | direction | base | fine-tuned | delta (paired test) |", "|---|---|---:|---:|---|"]
    for key in sorted(k for k in metrics["finetuned"] if not k.endswith("_stderr")):
        better = higher_is_better.get(key)
        direction = "↑ higher is better" if better else "↓ lower is better" if better is not None else "?"
        cell = delta_cell(metrics["delta"].get(key), vs_base.get(key), better)
        lines.append(
            f"| {key} | {direction} | {_with_stderr(metrics['base'], key)} "
            f"| {_with_stderr(metrics['finetuned'], key)} | {cell} |"
        )
    return lines


def unavailable_lines(unavailable: dict[str, str]) -> list[str]:
    if not unavailable:
        return []
    return [
        "",
        "Tasks in `eval.tasks` that could not be loaded (skipped; the others ran):",
        "",
        *(f"- `{task}`: {reason}" for task, reason in sorted(unavailable.items())),
    ]


def data_tables(card: dict[str, Any], paths: ProjectPaths) -> list[str]:
    """The data card's key tables (rows per source and split, rejects per reason) and, by a path relative to
    the report, its token-length histogram."""
    report_dir = paths.report.parent
    splits = [split for split in SPLITS if split in card["splits"]]
    lines = [
        "| source | " + " | ".join(splits) + " | rejected | rows in |",
        "|---|" + "---:|" * (len(splits) + 2),
    ]
    for source, c in card["sources"].items():
        cells = [c.get(split, 0) for split in splits] + [c["rejected"], c["rows_in"]]
        lines.append(f"| `{source}` | " + " | ".join(map(str, cells)) + " |")
    reasons = sorted(card["rejected_by_reason"].items(), key=lambda kv: (-kv[1], kv[0]))
    if reasons:
        lines += ["", "| reject reason | rows |", "|---|---:|", *(f"| {r} | {n} |" for r, n in reasons)]
    else:
        lines += ["", "No row was rejected."]
    tokens = card["tokens"]
    figure = Path(os.path.relpath(paths.token_lengths_png, report_dir)).as_posix()
    card_md = Path(os.path.relpath(paths.data_card, report_dir)).as_posix()
    lines += [
        "",
        f"Tokens per example (all splits): prompt median {tokens['prompt']['all']['median']}, "
        f"p95 {tokens['prompt']['all']['p95']}; response median {tokens['response']['all']['median']}, "
        f"p95 {tokens['response']['all']['p95']}. Full data card: [{card_md}]({card_md}).",
        "",
        f"![prompt and response token lengths]({figure})",
    ]
    return lines


def gate_lines(paths: ProjectPaths) -> list[str]:
    """The promotion gate's section: its decision and checks table, as the gate stage rendered them."""
    decision = read_json(paths.gate_decision)
    lines = [
        "## Promotion gate",
        "",
        f"Compared with {' and '.join(decision.get('references') or ['nothing (floors only)'])} using the floors "
        "(point estimates) and allowances of params `gate`; each allowance is the largest change in the metric's "
        "bad direction, and a check fails only when the regression beyond it is significant (paired test on the "
        "same items). *inconclusive*: the eval has too few items to tell.",
        "",
        paths.gate_markdown.read_text(encoding="utf-8").rstrip(),
    ]
    if not decision["checks"] and decision["decision"] != "already_champion":
        lines += ["", "No check applied: params `gate` has no floors, and a first model is compared with nothing."]
    return lines


def gate_summary(paths: ProjectPaths) -> str:
    """The gate's decision in one list item: its summary line (tasks/core/gate_decision.py)."""
    return f"- promotion gate: {summary_line(read_json(paths.gate_decision))}"


def render(params: Params, paths: ProjectPaths) -> str:
    data = read_json(paths.metrics("prepare"))
    validation = read_json(paths.metrics("validate"))
    train = read_json(paths.metrics("train"))
    metrics = read_json(paths.metrics("eval"))
    higher = read_json(paths.eval_dir / "higher_is_better.json")
    unavailable_path = paths.eval_dir / "unavailable.json"
    unavailable = read_json(unavailable_path) if unavailable_path.is_file() else {}
    vs_base = read_json(paths.eval_vs_base) if paths.eval_vs_base.is_file() else {}
    version = read_json(paths.model_version)
    card = read_json(paths.metrics("data_card"))
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
        gate_summary(paths),
        "",
        "## Data",
        "",
        *data_tables(card, paths),
        "",
        "## Evaluation: base vs fine-tuned",
        "",
        "Each value is ± its bootstrap standard error; probe definitions are in `evals/<task>/README.md`. Each delta",
        "is tested item by item (paired bootstrap on the same items): *worse*/*better* only when significant at",
        f"{params.eval.significance.confidence:.0%} one-sided; *too few items* when the eval could not detect a change",
        f"of {params.eval.significance.max_detectable:g} (80% power). The interval is of how much worse the fine-tuned",
        "model is, in the metric's bad direction.",
        "",
        *eval_table(metrics, higher, vs_base),
        *unavailable_lines(unavailable),
        "",
        *gate_lines(paths),
        "",
    ]
    return "\n".join(lines)


def log_data_artifacts(paths: ProjectPaths) -> None:
    """Log the data card folder and its metrics under ``data_card``, the validation result and Data Docs
    under ``validation`` (whichever exist), into the active MLflow run."""
    import mlflow

    if paths.data_card_dir.is_dir():
        mlflow.log_artifacts(str(paths.data_card_dir), artifact_path="data_card")
    if paths.metrics("data_card").is_file():
        mlflow.log_artifact(str(paths.metrics("data_card")), artifact_path="data_card")
    if paths.validation.is_file():
        mlflow.log_artifact(str(paths.validation), artifact_path="validation")
    data_docs = paths.data_docs
    if data_docs.is_dir():
        mlflow.log_artifacts(str(data_docs), artifact_path="validation/data_docs")


def run(params: Params, paths: ProjectPaths) -> str:
    text = render(params, paths)
    paths.report.parent.mkdir(parents=True, exist_ok=True)
    paths.report.write_text(text, encoding="utf-8")
    with tracking.resume_run(paths):
        import mlflow

        mlflow.log_artifact(str(paths.report), artifact_path="report")
        log_data_artifacts(paths)
        if paths.gate_dir.is_dir():
            mlflow.log_artifacts(str(paths.gate_dir), artifact_path="gate")
        mlflow.log_dict(params.to_dict(), "params/resolved_params.json")
    log.info("report written to %s", paths.report)
    return text


if __name__ == "__main__":
    stage_main("report", run)
