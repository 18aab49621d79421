"""The whole pipeline on the tiny model: the Prefect flow (through the CLI) and plain `dvc repro` are the
same run, in two fresh copies of the project, with the same prepared data and the same metrics."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest
import yaml

from tests.helpers import copy_project, run_cmd, tiny_overrides

SECRET = "hf_sentinel_secret_value_123"


def _lock_out(root: Path, stage: str, path: str) -> str:
    lock = yaml.safe_load((root / "dvc.lock").read_text())
    return next(o["md5"] for o in lock["stages"][stage]["outs"] if o["path"] == path)


def _check(result, what: str) -> None:  # type: ignore[no-untyped-def]
    assert result.returncode == 0, (
        f"{what} exited {result.returncode}\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
    )


@pytest.fixture(scope="module")
def pipeline_runs(tmp_path_factory: pytest.TempPathFactory, tiny_model_dir: Path) -> dict[str, Path]:
    """Copy A runs `sftops run -S ...` (the Prefect flow); copy B runs `dvc repro` on the same params."""
    # a cache of their own: the first copy must evaluate the base model itself, whatever ran before in the session
    cache = {"SFTOPS_CACHE_DIR": str(tmp_path_factory.mktemp("cache"))}
    flow_copy = copy_project(tmp_path_factory.mktemp("flow") / "project")
    sets = [arg for override in tiny_overrides(tiny_model_dir) for arg in ("-S", override)]
    result = run_cmd(["sftops", "run", *sets], cwd=flow_copy, env={"HF_TOKEN": SECRET, **cache})
    _check(result, "sftops run")
    assert "promotion gate: " in result.stdout and "report: " in result.stdout, result.stdout[-2000:]

    repro_copy = copy_project(tmp_path_factory.mktemp("repro") / "project")
    (repro_copy / "params.yaml").write_text((flow_copy / "params.yaml").read_text())
    _check(run_cmd(["dvc", "repro"], cwd=repro_copy, env=cache), "dvc repro")
    return {"flow": flow_copy, "repro": repro_copy}


def test_flow_run_leaves_dvc_up_to_date(pipeline_runs: dict[str, Path]) -> None:
    status = run_cmd(["dvc", "status"], cwd=pipeline_runs["flow"])
    _check(status, "dvc status")
    assert "up to date" in status.stdout, f"dvc status after the flow is not clean:\n{status.stdout}"


def test_second_dvc_repro_does_no_work(pipeline_runs: dict[str, Path]) -> None:
    again = run_cmd(["dvc", "repro"], cwd=pipeline_runs["repro"])
    _check(again, "second dvc repro")
    assert "Data and pipelines are up to date" in again.stdout, again.stdout
    assert "Running stage" not in again.stdout, f"a stage ran again:\n{again.stdout}"


def test_two_copies_give_identical_data_and_equal_metrics(pipeline_runs: dict[str, Path]) -> None:
    flow, repro = pipeline_runs["flow"], pipeline_runs["repro"]
    assert _lock_out(flow, "prepare", "data/prepared") == _lock_out(repro, "prepare", "data/prepared"), (
        "prepared data differs between two fresh copies"
    )
    a = json.loads((flow / "metrics/eval.json").read_text())
    b = json.loads((repro / "metrics/eval.json").read_text())
    assert a.keys() == b.keys() and a["finetuned"].keys() == b["finetuned"].keys(), (a, b)
    for group in a:
        for key, value in a[group].items():
            assert abs(value - b[group][key]) <= 1e-3, f"{group}/{key}: {value} vs {b[group][key]}"


def test_dvc_metrics_show_lists_the_eval_metrics(pipeline_runs: dict[str, Path]) -> None:
    shown = run_cmd(["dvc", "metrics", "show", "--json"], cwd=pipeline_runs["flow"])
    _check(shown, "dvc metrics show")
    metrics = json.loads(shown.stdout)
    eval_metrics = next(iter(metrics.values()))["data"]["metrics/eval.json"]["data"]
    for group in ("base", "finetuned", "delta"):
        assert "sft_heldout/bits_per_byte" in eval_metrics[group], eval_metrics
        assert "prompt_continuation/continuation_rate" in eval_metrics[group], eval_metrics


def test_registered_version_has_alias_lineage_and_a_run_with_metrics(pipeline_runs: dict[str, Path]) -> None:
    import mlflow
    from mlflow import MlflowClient

    root = pipeline_runs["flow"]
    # the registry too: MlflowClient would otherwise take the process-wide one an earlier test may have set
    store = f"sqlite:///{root / 'mlflow.db'}"
    client = MlflowClient(tracking_uri=store, registry_uri=store)
    version = client.get_model_version_by_alias("sftops-assistant", "challenger")
    tags = version.tags
    assert tags["sftops.data.prepared_md5"] == _lock_out(root, "prepare", "data/prepared"), tags
    assert tags["sftops.base_model_md5"] == _lock_out(root, "base_model", "models/base"), tags
    assert len(tags["sftops.git_commit"]) >= 40 and tags["sftops.params_sha256"], tags
    assert "sftops.eval.sft_heldout/bits_per_byte" in tags, tags

    run = client.get_run(version.run_id)
    losses = client.get_metric_history(run.info.run_id, "train/loss")
    assert len(losses) == 6, f"expected one loss per optimizer step (max_steps=6), got {len(losses)}"
    for key in (
        "train/learning_rate",
        "train/tokens_per_s",
        "eval/base/sft_heldout/bits_per_byte",
        "eval/finetuned/sft_heldout/bits_per_byte",
        "eval/delta/prompt_continuation/continuation_rate",
    ):
        assert key in run.data.metrics, f"{key} missing from the MLflow run"
    assert run.data.params["train.lora.r"] == "4", run.data.params

    # secrets from the environment never reach MLflow
    everything = json.dumps([run.data.params, run.data.tags, tags])
    assert SECRET not in everything, "an environment secret leaked into MLflow"

    mlflow.set_tracking_uri(store)
    mlflow.set_registry_uri(store)
    model = mlflow.pyfunc.load_model("models:/sftops-assistant@challenger")
    import pandas as pd

    replies = model.predict(pd.DataFrame({"prompt": ["Name a colour."]}), params={"max_new_tokens": 4})
    assert len(replies) == 1 and isinstance(replies[0], str), replies


def test_report_summarises_counts_loss_and_metrics(pipeline_runs: dict[str, Path]) -> None:
    report = (pipeline_runs["flow"] / "reports/report.md").read_text()
    for needle in ("rows in", "kept", "final loss", "sft_heldout/bits_per_byte", "models:/sftops-assistant@"):
        assert needle in report, f"{needle!r} missing from the report:\n{report}"


def test_failed_data_gate_stops_the_flow_before_training(
    project_copy: Callable[[str], Path], tiny_model_dir: Path
) -> None:
    root = project_copy("gate")
    sets = [arg for o in tiny_overrides(tiny_model_dir) for arg in ("-S", o)] + ["-S", "validate.min_rows=100000"]
    result = run_cmd(["sftops", "run", *sets], cwd=root)
    output = result.stdout + result.stderr
    assert result.returncode != 0, "a failed validation must fail the run"
    assert "expect_table_row_count_to_be_between(min_value=100000)" in output, output[-5000:]
    assert not (root / "models/adapter").exists(), "train must not run after a failed data gate"
    summary = result.stderr.split("error: stage 'validate' failed (exit code 3)")
    assert len(summary) == 2, f"expected one closing error line for the failed gate:\n{result.stderr[-3000:]}"
    assert "Traceback" not in summary[1], f"a traceback follows the closing message:\n{summary[1]}"
    assert output.count("Running stage 'validate'") == 1, "a failed data gate must not be retried"


def test_every_probe_has_metrics_with_stderr_and_the_base_eval_is_shared(pipeline_runs: dict[str, Path]) -> None:
    """Both models are scored on every task folder in evals/; the second copy (same base model, same settings)
    reuses the first one's base-model results from the eval cache instead of evaluating the base again."""
    flow, repro = pipeline_runs["flow"], pipeline_runs["repro"]
    extra = {"sycophancy_false_claim"}  # tag sft_probes_extra: not in the default eval.tasks
    tasks = sorted(p.parent.name for p in (flow / "evals").glob("*/*.yaml") if p.parent.name not in extra)
    metrics = json.loads((flow / "metrics/eval.json").read_text())
    for task in tasks:
        for group in ("base", "finetuned"):
            keys = [k for k in metrics[group] if k.startswith(f"{task}/")]
            assert any(k.endswith("_stderr") for k in keys), f"{group}: no metric with a stderr for {task}: {keys}"
        assert any(k.startswith(f"{task}/") for k in metrics["delta"]), f"no delta for {task}"
    first = json.loads((flow / "outputs/evaluate/summary.json").read_text())
    second = json.loads((repro / "outputs/evaluate/summary.json").read_text())
    assert first["base_cache_hits"] == [], first
    assert second["base_cache_hits"] == tasks, second
    assert json.loads((repro / "metrics/eval.json").read_text())["base"] == metrics["base"]


def test_per_item_outcomes_pair_the_models_and_the_first_gate_compares_with_the_base(
    pipeline_runs: dict[str, Path],
) -> None:
    """evaluate stores both models' per-item outcomes (also as an artifact of the run the version points to) and
    tests every delta item by item; with no champion yet, the gate compares the model with the base."""
    import mlflow

    from tasks.core import paired

    flow = pipeline_runs["flow"]
    outcomes = json.loads((flow / "outputs/evaluate/item_outcomes.json").read_text())
    metrics = json.loads((flow / "metrics/eval.json").read_text())
    for model in ("base", "finetuned"):
        scored = paired.outcomes_of(outcomes, model, "item_outcomes.json")
        flip = scored["sycophancy_answer/flip_rate"]
        assert flip["aggregation"] == "evals/sycophancy_answer/utils.py:flip_rate", flip["aggregation"]
        assert len(flip["items"]) == 6, "eval.limit=6: one outcome per item scored"
    vs_base = json.loads((flow / "outputs/evaluate/vs_base.json").read_text())
    continuation = vs_base["prompt_continuation/continuation_rate"]  # lower is better: worse_by is the delta
    assert continuation["low"] <= continuation["worse_by"] <= continuation["high"], continuation
    delta = metrics["delta"]["prompt_continuation/continuation_rate"]
    assert abs(continuation["worse_by"] - delta) < 1e-9, (continuation, delta)
    assert continuation["verdict"] in {"worse", "better", "no_difference", "too_few_items"}, continuation

    decision = json.loads((flow / "outputs/gate/decision.json").read_text())
    assert decision["references"] == ["base model"], decision
    regressions = [c for c in decision["checks"] if c["kind"] == "regression"]
    assert regressions and all(c["reference"] == "base model" for c in regressions), regressions
    compared = [c for c in regressions if c["outcome"] != "skip"]
    assert all(c["low"] is not None for c in compared), "base checks must be paired (per-item outcomes)"
    if decision["decision"] == "inconclusive":  # eval.limit=6: six items cannot show a 0.1 regression
        assert decision["inconclusive"] and decision["champion_after"] is None, decision

    record = json.loads((flow / "outputs/register/model_version.json").read_text())
    client = mlflow.MlflowClient(tracking_uri=f"sqlite:///{flow / 'mlflow.db'}")
    artifacts = [a.path for a in client.list_artifacts(record["run_id"], "eval")]
    assert paired.ITEM_OUTCOMES_ARTIFACT in artifacts, artifacts
