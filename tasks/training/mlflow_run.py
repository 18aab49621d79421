"""The train stage's MLflow run: opened (or reopened on resume) with params, lineage tags and data metrics; a
metric row per step; the summary at the end. Later stages log into the same run (outputs/train/mlflow_run.json)."""

from __future__ import annotations

import logging
from typing import Any

from tasks.core import tags, tracking
from tasks.core.dvc import data_lineage_tags
from tasks.core.io import read_json
from tasks.core.overrides import flatten
from tasks.core.params import Params
from tasks.core.paths import ProjectPaths
from tasks.training.history import StepLog

log = logging.getLogger("sftops.train")

# the params sections the train stage reads (dvc.yaml lists the same); they become the MLflow run's params
TRAIN_PARAM_SECTIONS = ("seed", "pipeline", "model", "data", "train")


def start_run(params: Params, paths: ProjectPaths, resume_run_id: str | None = None) -> Any:
    """Open the pipeline's MLflow run (or reopen the one a resumed run started): params, lineage, data metrics."""
    import mlflow

    tracking.configure(paths)
    experiment_id = tracking.ensure_experiment(params.pipeline.experiment, paths)
    if resume_run_id is not None:
        try:
            run = mlflow.start_run(run_id=resume_run_id)
        except mlflow.exceptions.MlflowException as e:
            log.warning(
                "resuming: MLflow run %s not found in %s (%s); starting a new run",
                resume_run_id,
                mlflow.get_tracking_uri(),
                e,
            )
        else:
            tracking.save_run_ref(paths, run.info.run_id, experiment_id)
            return run
    run = mlflow.start_run(experiment_id=experiment_id, run_name=f"{params.pipeline.name}-sft")
    tracking.save_run_ref(paths, run.info.run_id, experiment_id)
    resolved = params.to_dict()
    mlflow.log_params(tracking.loggable_params({k: resolved[k] for k in TRAIN_PARAM_SECTIONS}))
    mlflow.log_param("train.peak_learning_rate", params.train.peak_learning_rate)  # learning_rate null resolved
    mlflow.set_tags(
        {
            tags.STAGE: "train",
            tags.GIT_COMMIT: tracking.git_commit(paths.root),
            tags.BASE_MODEL: params.model.name_or_path,
            tags.PARAMS_SHA256: params.fingerprint(),
            # DVC hashes of data/prepared and data/raw: dvc.lock has prepare's entry by now
            **data_lineage_tags(paths.root, missing="not-run-under-dvc"),
            # under a sweep: mlflow.parentRunId, sftops.sweep, sftops.variant (from the environment it set)
            **tracking.grouping_tags(),
        }
    )
    prepare_metrics = read_json(paths.metrics("prepare"))
    mlflow.log_metrics(
        {f"data/{k}": float(v) for k, v in flatten(prepare_metrics, sep="/").items() if isinstance(v, int | float)}
    )
    if paths.validation.is_file():
        mlflow.log_artifact(str(paths.validation), artifact_path="data")
    return run


def run_id() -> str:
    """The id of the run open in this process (a checkpoint records it, so a resumed run continues it)."""
    import mlflow

    return mlflow.active_run().info.run_id


def log_step(entry: StepLog) -> None:
    import mlflow

    mlflow.log_metrics(
        {
            tags.TRAIN_LOSS: entry.loss,
            "train/learning_rate": entry.learning_rate,
            "train/grad_norm": entry.grad_norm,
            "train/tokens_per_s": entry.tokens_per_s,
            "train/epoch": entry.epoch,
            "train/non_pad_share": entry.non_pad_share,
        },
        step=entry.step,
    )


def log_eval_loss(eval_loss: float, step: int) -> None:
    import mlflow

    mlflow.log_metric(tags.TRAIN_EVAL_LOSS, eval_loss, step=step)


def finish(summary: dict[str, Any]) -> None:
    """Log the summary's numbers as train/summary/* and close the run."""
    import mlflow

    mlflow.log_metrics({f"train/summary/{k}": float(v) for k, v in summary.items() if _is_number(v)})
    mlflow.end_run()


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)
