"""Every MLflow tag name sftops writes or reads, and the run metric names one module writes and another reads:
the one owner of those names.

Runs, model versions and registered models carry the tags; the gate, the dashboard, retrain and sweep read them
back, so a name is defined here once and imported everywhere else (`tests/tasks/core/test_tags.py` fails on a
``"sftops.`` tag literal anywhere else in the code).
"""

from __future__ import annotations

# --- MLflow's own ------------------------------------------------------------------------------------------------
PARENT_RUN = "mlflow.parentRunId"  # the UI nests a run under its parent

# --- every run ---------------------------------------------------------------------------------------------------
STAGE = "sftops.stage"  # which stage (or tool) opened the run: train, sweep, compare
GIT_COMMIT = "sftops.git_commit"  # the commit the code ran at (+ "-dirty")
PARAMS_SHA256 = "sftops.params_sha256"  # Params.fingerprint(): what retrain and sweep compare
BASE_MODEL = "sftops.base_model"
BASE_MODEL_REVISION = "sftops.base_model_revision"
BASE_MODEL_MD5 = "sftops.base_model_md5"  # models/base's hash in dvc.lock

# --- data lineage (from dvc.lock) --------------------------------------------------------------------------------
DATA_SOURCE = "sftops.data.source"
DATA_SOURCES_MD5 = "sftops.data.sources_md5"
RAW_PATH = "sftops.data.raw_path"
RAW_MD5 = "sftops.data.raw_md5"
PREPARED_PATH = "sftops.data.prepared_path"
PREPARED_MD5 = "sftops.data.prepared_md5"

# --- sweeps ------------------------------------------------------------------------------------------------------
SWEEP = "sftops.sweep"  # the sweep's name, on its parent run and on every variant's run
SWEEP_PARENT = "sftops.sweep.parent"  # "true" on the parent run
VARIANT = "sftops.variant"
SWEEP_REUSED = "sftops.sweep.reused"  # a variant whose earlier run (same params and data) was reused
DVC_EXP = "sftops.dvc_exp"  # the DVC experiment a variant ran as
COMPARE = "sftops.compare"  # on a run that holds a dashboard

# --- evaluation --------------------------------------------------------------------------------------------------
EVAL_PREFIX = "sftops.eval."  # + "<task>/<metric>" on a model version: the fine-tuned value the gate reads
EVAL_SUMMARY = "sftops.eval_summary"
EVAL_BASE_CACHE_HITS = "sftops.eval.base_cache_hits"  # probes whose base-model scores came from the cache
EVAL_UNAVAILABLE = "sftops.eval.unavailable"  # probes that could not run, with why

# --- registry ----------------------------------------------------------------------------------------------------
RUN_ID = "sftops.run_id"  # the pipeline run a model version was registered from
TRAIN_METHOD = "sftops.train_method"
BASE_SHA256 = "sftops.base_model_sha256"
BASE_URI = "sftops.base_model_uri"
BASE_LOGGED = "sftops.base_model_logged"  # set once every file of the base model is uploaded
REGISTER_FINGERPRINT = "sftops.register_fingerprint"

# --- promotion gate ----------------------------------------------------------------------------------------------
GATE_DECISION = "sftops.gate.decision"  # promoted | rejected | inconclusive | already_champion
GATE_REASONS = "sftops.gate.reasons"  # JSON list of the reason lines, failed first
GATE_CHAMPION_BEFORE = "sftops.gate.champion_before"  # the champion's version before the gate, or "none"
GATE_INCONCLUSIVE = "sftops.gate.inconclusive"  # JSON list of the metrics the eval could not decide


def eval_tag(metric: str) -> str:
    """The model-version tag holding one evaluation metric (``refusal_consistency/flip_rate``)."""
    return EVAL_PREFIX + metric


# --- run metrics that one module logs and another reads ----------------------------------------------------------
EVAL_GROUPS = ("base", "finetuned", "delta")  # evaluate logs eval/<group>/<task>/<metric>: dvc's metrics/eval.json
TRAIN_LOSS = "train/loss"  # per optimizer step (the dashboard's loss curves)
TRAIN_EVAL_LOSS = "train/eval_loss"
GATE_METRIC_PREFIX = "gate/"  # + the decision's counts (gate/failed_checks, gate/promoted ...)


def eval_metric_prefix(group: str) -> str:
    """``eval/finetuned/``: the run metrics of one group (base model, fine-tuned model, their difference)."""
    if group not in EVAL_GROUPS:
        raise ValueError(f"eval metric group {group!r}: expected one of {EVAL_GROUPS}")
    return f"eval/{group}/"


def eval_metric(group: str, metric: str) -> str:
    """``eval/finetuned/refusal_consistency/flip_rate``."""
    return eval_metric_prefix(group) + metric
