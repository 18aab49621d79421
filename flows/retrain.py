"""Prefect flow `sftops-retrain`: retrain only when something changed, then let the promotion gate decide.

A scheduled run that nobody watches must not train for nothing and must not promote a worse model. So the flow

1. compares what a run would train on with the lineage of the newest registered version (the challenger, promoted
   or not): the raw data (``dvc status`` of the prepare stage, and the ``data/raw`` md5 in dvc.lock against the
   version's ``sftops.data.raw_md5`` tag), the data source (``sftops.data.source``; for a hub dataset the id is
   all there is to compare), the base model (``sftops.base_model_md5``) and the params that shape a model
   (``Params.fingerprint()`` against ``sftops.params_sha256``; how runs are orchestrated, registered, gated and
   scheduled is left out of it);
2. stops there when all of it matches, saying so in the log and in the ``sftops-retrain`` markdown artifact;
3. otherwise runs the `sft-pipeline` flow as a subflow (its stage tasks retry crashes: ``flow.retries``,
   ``flow.retry_delay_s``), whose ``gate`` stage promotes the new version or rejects it with its reasons.

A run that dies half-way (a killed worker, a lost machine) leaves no version for its data, so the next run sees
the change again and the pipeline resumes: DVC skips the finished stages and train resumes from its checkpoint.

``sftops retrain`` runs this flow once; ``sftops serve`` serves it on the cron schedule of params ``schedule``;
prefect.yaml deploys it to a work pool.
"""

from __future__ import annotations

import os
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE

from flows.pipeline import sft_pipeline
from tasks.core import tags, tracking
from tasks.core.data_sources import RAW_DIR, is_hub_dataset_id
from tasks.core.dvc import dep_hash, out_hash, read_lock, stage_status
from tasks.core.errors import SftopsError
from tasks.core.gate_decision import plain_summary
from tasks.core.overrides import flatten
from tasks.core.params import NOT_MODEL_SECTIONS, Params, ScheduleParams, load_params, read_params_file
from tasks.core.paths import ProjectPaths

FLOW_NAME = "sftops-retrain"
ARTIFACT_KEY = "sftops-retrain"
NO_CHANGE, RETRAINED = "no_change", "retrained"
FORCED = "forced (--force): train and every later stage rerun whatever changed"

# Lineage tags that register writes on every model version (tasks/register.py)
# The params sections that Params.fingerprint() leaves out: how runs are orchestrated, registered, gated, scheduled
NOT_MODEL_PARAMS = NOT_MODEL_SECTIONS


def _short(digest: str | None) -> str:
    return digest[:12] if digest else "none"


@dataclass(frozen=True)
class ChangeCheck:
    """What a retrain would train on, compared with the newest registered version's lineage."""

    model: str
    version: int | None  # the newest registered version; None when none exists yet
    changed: bool
    changes: list[str] = field(default_factory=list)  # what differs (empty when nothing changed)
    same: list[str] = field(default_factory=list)  # what was compared and found identical

    def headline(self) -> str:
        if self.version is None:
            return f"no registered version of {self.model} yet: training the first one"
        if not self.changed:
            return f"no change since version {self.version}: {'; '.join(self.same)}; not retraining"
        return f"changed since version {self.version}: {'; '.join(self.changes)}; retraining"


@dataclass(frozen=True)
class WorkspaceState:
    """What dvc.lock and `dvc status` say about the inputs a retrain would use."""

    raw_md5: str | None  # data/raw as prepare last ran on it (dvc.lock)
    raw_status: str | None  # `dvc status` of prepare's data/raw dep against dvc.lock: None = unchanged
    base_model_md5: str | None  # models/base as base_model last produced it (dvc.lock)
    changed_params: list[str] = field(default_factory=list)  # "key: locked -> now" since register last ran


def changed_params_since_lock(root: Path, stage: str = "register") -> list[str]:
    """Params keys whose value in params.yaml differs from what dvc.lock recorded when ``stage`` last ran, as
    ``key: locked -> now``. register reads every section that shapes a model, so this names what a new version
    would change (when that run registered the newest version)."""
    locked = read_lock(root).get("stages", {}).get(stage, {}).get("params", {}).get("params.yaml")
    if not locked:
        return []
    now = flatten(read_params_file(root / "params.yaml"))
    before = flatten(locked)
    sections = {key.split(".")[0] for key in before} - NOT_MODEL_PARAMS
    keys = sorted(k for k in {*before, *now} if k.split(".")[0] in sections and before.get(k) != now.get(k))
    return [f"{k}: {before.get(k)!r} -> {now.get(k)!r}" for k in keys]


def workspace_state(root: Path) -> WorkspaceState:
    return WorkspaceState(
        raw_md5=dep_hash(root, "prepare", RAW_DIR),
        raw_status=stage_status(root, "prepare").changed_deps.get(RAW_DIR),
        base_model_md5=out_hash(root, "base_model", "models/base"),
        changed_params=changed_params_since_lock(root),
    )


def _uses_local_data(params: Params, root: Path) -> bool:
    return any(not is_hub_dataset_id(s.path, root) for s in params.data.resolved_sources())


def compare_lineage(
    params: Params, root: Path, model: str, version: int | None, run_tags: dict[str, str], state: WorkspaceState
) -> ChangeCheck:
    """Compare the inputs of a retrain with the lineage tags of the newest version (pure: no I/O but paths)."""
    if version is None:
        return ChangeCheck(model=model, version=None, changed=True, changes=[f"no registered version of {model}"])
    changes: list[str] = []
    same: list[str] = []

    if _uses_local_data(params, root):
        tagged = run_tags.get(tags.RAW_MD5) or None
        if state.raw_status is not None:
            changes.append(
                f"{RAW_DIR} {state.raw_status} since dvc.lock (md5 {_short(state.raw_md5)}); "
                f"version {version} was trained on md5 {_short(tagged)}"
            )
        elif state.raw_md5 is None:
            changes.append(f"dvc.lock has no md5 of {RAW_DIR} for prepare: prepare has not run in this workspace")
        elif tagged != state.raw_md5:
            changes.append(f"{RAW_DIR} md5 {_short(state.raw_md5)} (dvc.lock), version {version}: {_short(tagged)}")
        else:
            same.append(f"{RAW_DIR} md5 {_short(state.raw_md5)}")

    hub = [s.path for s in params.data.resolved_sources() if is_hub_dataset_id(s.path, root)]
    tagged_source = run_tags.get(tags.DATA_SOURCE)
    if tagged_source != params.data.path:
        changes.append(f"data source {params.data.path!r}, version {version}: {tagged_source!r}")
    elif hub:
        same.append(f"source {params.data.path} (hub dataset: compared by id; a new upload under it is not seen)")
    else:
        same.append(f"source {params.data.path}")

    tagged_base = run_tags.get(tags.BASE_MODEL_MD5) or None
    if tagged_base and state.base_model_md5 and tagged_base != state.base_model_md5:
        changes.append(f"base model md5 {_short(state.base_model_md5)}, version {version}: {_short(tagged_base)}")
    elif tagged_base and state.base_model_md5:
        same.append(f"base model md5 {_short(tagged_base)}")

    fingerprint, tagged_params = params.fingerprint(), run_tags.get(tags.PARAMS_SHA256)
    if fingerprint != tagged_params:
        keys = f" ({'; '.join(state.changed_params)})" if state.changed_params else ""
        changes.append(f"params sha256 {_short(fingerprint)}, version {version}: {_short(tagged_params)}{keys}")
    else:
        same.append(f"params sha256 {_short(fingerprint)}")

    return ChangeCheck(model=model, version=version, changed=bool(changes), changes=changes, same=same)


def newest_version(paths: ProjectPaths, model: str) -> tuple[int | None, dict[str, str]]:
    """The newest registered version of ``model`` (promoted or not) and its tags; (None, {}) when none."""
    from mlflow import MlflowClient

    uri = tracking.tracking_uri(paths)
    client = MlflowClient(tracking_uri=uri, registry_uri=os.environ.get("MLFLOW_REGISTRY_URI") or uri)
    versions = client.search_model_versions(filter_string=f"name = '{model}'")
    if not versions:
        return None, {}
    newest = max(versions, key=lambda v: int(v.version))
    return int(newest.version), dict(newest.tags)


@task(name="check-for-change", cache_policy=NO_CACHE)
def check_for_change(root: str) -> dict[str, Any]:
    """Has anything a model depends on changed since the newest registered version? (see the module doc)"""
    paths = ProjectPaths(Path(root))
    params = load_params(paths.params)
    version, version_tags = newest_version(paths, params.pipeline.name)
    check = compare_lineage(
        params, paths.root, params.pipeline.name, version, version_tags, workspace_state(paths.root)
    )
    get_run_logger().info(check.headline())
    return asdict(check)


def _version_or_none(version: int | None) -> str:
    return f"version {version}" if version is not None else "none"


def _bullets(lines: list[str]) -> str:
    return "\n".join(f"- {line}" for line in lines) if lines else "- (nothing)"


def no_change_markdown(check: ChangeCheck) -> str:
    return (
        f"# Retrain: no change since version {check.version} of `{check.model}`\n\n"
        f"The data and the params equal the newest registered version's lineage, so nothing was trained or "
        f"registered.\n\nCompared and identical:\n\n{_bullets(check.same)}\n"
    )


def retrained_markdown(check: ChangeCheck, pipeline: dict[str, Any]) -> str:
    version = pipeline["model_version"]
    registered = pipeline["stages"].get("register") == "ran"
    gate = pipeline.get("gate")
    title = f"version {version['version']} registered" if registered else "no new version registered"
    lines = [f"# Retrain: {title}", "", "Why it ran:", "", _bullets(check.changes), ""]
    if gate is not None:
        lines += [
            f"Promotion gate: **{gate['decision'].replace('_', ' ')}** (champion before: "
            f"{_version_or_none(gate['champion_before'])}, after: {_version_or_none(gate['champion_after'])})",
            "",
            _bullets(gate.get("reasons", [])),
            "",
        ]
    stages = ", ".join(f"{stage} {outcome}" for stage, outcome in pipeline["stages"].items())
    lines += [f"Stages: {stages}", ""]
    return "\n".join(lines)


def gate_summary(gate: dict[str, Any] | None) -> str:
    """One line: the gate's decision as the gate itself summarises it (tasks/core/gate_decision.py)."""
    if gate is None:
        return "no promotion gate ran (dvc.yaml has no gate stage)"
    return f"gate: {plain_summary(gate)}"


def _pipeline_summary(pipeline: dict[str, Any]) -> str:
    version = pipeline["model_version"]
    if pipeline["stages"].get("register") != "ran":
        return (
            f"the pipeline's stages were up to date in this workspace (dvc.lock), so no version was registered; "
            f"the latest is {version['model_uri']} version {version['version']}"
        )
    return f"registered {version['name']} version {version['version']}; {gate_summary(pipeline.get('gate'))}"


@flow(name=FLOW_NAME, log_prints=True)
def retrain(root: str = ".", force: bool = False) -> dict[str, Any]:
    """Retrain if the data or the params changed since the newest registered version; gate the new version.

    ``force``: train, evaluate, register and gate even when nothing changed or DVC finds the stages up to date
    (a wiped or new MLflow store, whose registry lacks the model this workspace already trained)."""
    paths = ProjectPaths(Path(root).resolve())
    params = load_params(paths.params)  # bad params fail here, before any work
    logger = get_run_logger()
    check = ChangeCheck(
        **check_for_change.with_options(retries=params.flow.retries, retry_delay_seconds=params.flow.retry_delay_s)(
            str(paths.root)
        )
    )
    if force:
        check = replace(check, changed=True, changes=[*check.changes, FORCED])
    if not check.changed:
        create_markdown_artifact(key=ARTIFACT_KEY, markdown=no_change_markdown(check), description=check.headline())
        return {"status": NO_CHANGE, "summary": check.headline(), "check": asdict(check)}

    logger.info("%s: running the pipeline", check.headline())
    pipeline = sft_pipeline(root=str(paths.root), force_from="train" if force else None)
    summary = _pipeline_summary(pipeline)
    if pipeline["stages"].get("register") != "ran":
        logger.warning(
            "%s; the registry's newest version is %s. If the registry lost this workspace's model (a wiped or new "
            "MLflow store), `sftops retrain --force` trains, registers and gates it again",
            summary,
            _version_or_none(check.version),
        )
    else:
        logger.info(summary)
    create_markdown_artifact(key=ARTIFACT_KEY, markdown=retrained_markdown(check, pipeline), description=summary)
    return {
        "status": RETRAINED,
        "summary": summary,
        "check": asdict(check),
        "stages": pipeline["stages"],
        "model_version": pipeline["model_version"],
        "gate": pipeline.get("gate"),
    }


def cron_schedule(schedule: ScheduleParams) -> Any:
    """The Prefect cron schedule of params ``schedule``; a bad cron string or timezone is an SftopsError."""
    from prefect.client.schemas.schedules import CronSchedule
    from prefect.schedules import Cron
    from pydantic import ValidationError

    try:
        CronSchedule(cron=schedule.cron, timezone=schedule.timezone)
    except ValidationError as e:
        problems = "; ".join(err["msg"].removeprefix("Value error, ") for err in e.errors())
        raise SftopsError(
            f"params schedule (cron {schedule.cron!r}, timezone {schedule.timezone!r}): {problems}"
        ) from None
    return Cron(schedule.cron, timezone=schedule.timezone)


def serve(root: Path, schedule: ScheduleParams) -> None:
    """Serve `retrain` as the deployment ``schedule.deployment`` on ``schedule.cron``; blocks until stopped.

    At most one run at a time (``global_limit=1``: a run due while the last one still trains waits for it), since
    two runs in one workspace would collide on DVC's lock."""
    retrain.serve(
        name=schedule.deployment,
        schedules=[cron_schedule(schedule)],
        parameters={"root": str(root)},
        global_limit=1,
        description=f"Retrain {root} when its data or params change ({schedule.cron}, {schedule.timezone})",
        tags=["sftops"],
    )


if __name__ == "__main__":
    retrain()
