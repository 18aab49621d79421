"""Prefect flow `sftops-sweep`: run the variants of params ``sweep`` as DVC experiments grouped in MLflow.

Contract with the dashboard (tasks/tools/compare.py, ``sftops compare --sweep NAME``) and anything else that reads
a sweep:

- Parent run: one MLflow run per sweep invocation, in the experiment ``pipeline.experiment``, tagged
  ``sftops.sweep=<name>`` and ``sftops.sweep.parent=true``; the newest parent of a name is the sweep's current
  state. ``sftops.sweep.reused`` lists the variants it took from earlier runs (comma-separated).
- Parent artifact ``sweep/variants.json``: ``[{"variant", "run_id", "overrides", "status"}]`` in sweep order, status
  ``ran`` or ``reused``; extra keys: ``dvc_exp`` (the DVC experiment's name). A sweep stopped by a failed variant
  lists that one as ``failed`` and those after it as ``not_run``, both with ``run_id: null``.
- Child runs: each variant's pipeline run is the one train opens, tagged ``sftops.sweep``, ``sftops.variant``,
  ``mlflow.parentRunId`` (tasks/core/tracking.py: grouping_tags) and ``sftops.dvc_exp``; it holds the metrics
  ``eval/{base,finetuned,delta}/<task>/<metric>`` (the same names for every variant, as ``metrics/eval.json`` has
  them for ``dvc exp show``), the artifacts ``eval/`` (outputs/evaluate) and ``data_card/`` (outputs/data_card and
  metrics/data_card.json, logged here because a sweep stops before the report stage). A reused run keeps the
  tags of the sweep (or the `sftops run`) that made it.

What a sweep does, variant by variant, in the one DVC workspace (DVC takes one run at a time there):

1. Every variant's params are validated up front (params.py: sweep_variants), and its overrides are applied to a
   copy of params.yaml the way ``dvc exp run -S`` will apply them, so a variant DVC would misread fails before
   anything runs.
2. Reuse: a FINISHED MLflow run with the variant's ``sftops.params_sha256`` (Params.fingerprint), the same raw data
   (``sftops.data.raw_md5``; also ``sftops.data.prepared_md5`` when the variant prepares its data like the
   workspace did) and eval metrics stands for the variant: it is not run again. The raw data's md5 is dvc.lock's,
   trusted only while ``dvc status prepare`` finds data/raw unchanged; without it nothing is reused.
3. Otherwise ``dvc exp run --name <sweep>-<variant> -S ++key=value ... evaluate data_card``, with the parent run
   in the environment. The sweep stops at evaluate: variants never register a model version nor move the
   champion. Train runs anew for every variant that runs (its outputs/train/mlflow_run.json is removed first),
   so two variants never share a run even when they differ only in eval params. The base model is evaluated
   once: evaluate caches its results ($SFTOPS_CACHE_DIR/base_eval) and the variants after the first hit it
   (tag ``sftops.eval.base_cache_hits``).

params.yaml is restored after each variant and at the end, so the workspace's params stay the user's. Ship a
variant with ``dvc exp apply <dvc_exp>`` then ``sftops run``, which registers it and lets the gate decide (train
runs once more there: DVC cannot restore train's uncached outputs, such as the MLflow run reference).

At the end, also when every variant was reused, the sweep builds the compare dashboard of its variants
(tasks/tools/compare.py: build_dashboard, as ``sftops compare --sweep NAME`` does): ``reports/compare/<name>.html``,
logged to the parent run under ``compare/``, with a Prefect link artifact and a markdown table artifact; its path
is ``dashboard`` in the result. A dashboard that cannot be built fails the sweep (DashboardFailed) once the rest
is recorded.

A failed variant stops the sweep with an error naming it; the variants before it stay (DVC experiments, MLflow
runs, listed in variants.json and in outputs/sweep/<name>.json), and the dashboard is built from them before the
error is raised.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import tempfile
import time
from collections import deque
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from prefect import flow, get_run_logger, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NO_CACHE

from flows.pipeline import retry_unless_user_error, stage_exit_code, stream_output
from tasks.core import tags, tracking
from tasks.core.data_sources import RAW_DIR
from tasks.core.dvc import PREPARED_DIR, dep_hash, dvc_executable, out_hash, run_dvc, stage_env, stage_status
from tasks.core.errors import SftopsError
from tasks.core.io import write_json
from tasks.core.params import Params, Variant, load_params, sweep_variants
from tasks.core.paths import ProjectPaths

FLOW_NAME = "sftops-sweep"
ARTIFACT_KEY = "sftops-sweep"
tags.SWEEP = tags.SWEEP
tags.VARIANT = tags.VARIANT
tags.PARENT_RUN = tags.PARENT_RUN
VARIANTS_ARTIFACT = "sweep/variants.json"
FINETUNED_PREFIX = tags.eval_metric_prefix("finetuned")
TARGETS = ("evaluate", "data_card")  # a sweep stops before register: no model version, no champion moved
PREPARE_SECTIONS = ("seed", "data", "model")  # what prepare reads (params seed, data; models/base from model)
RAN, REUSED, FAILED, NOT_RUN = "ran", "reused", "failed", "not_run"


class DashboardFailed(SftopsError):
    """Every variant finished but the sweep's dashboard could not be built (the variants and their runs stay)."""


class VariantFailed(SftopsError):
    """A variant's `dvc exp run` failed; the variants before it are kept."""

    def __init__(self, variant: str, exp: str, returncode: int, tail: list[str]) -> None:
        self.variant, self.exp, self.returncode = variant, exp, returncode
        detail = "\n".join(tail)
        super().__init__(f"sweep variant {variant!r} (DVC experiment {exp}) failed (exit code {returncode}):\n{detail}")


@dataclass
class Outcome:
    """One variant's line in variants.json and outputs/sweep/<name>.json."""

    variant: str
    overrides: dict[str, Any]
    status: str = NOT_RUN
    run_id: str | None = None
    dvc_exp: str | None = None
    seconds: float | None = None
    base_cache_hits: list[str] = field(default_factory=list)
    error: str | None = None


@dataclass(frozen=True)
class WorkspaceData:
    """The data a variant would prepare, as far as dvc.lock can vouch for it before anything runs."""

    raw_md5: str | None  # data/raw as prepare last read it; None when it changed since (or prepare never ran)
    prepared_md5: str | None  # data/prepared, when prepare is up to date for the workspace's params


# --- DVC ---------------------------------------------------------------------------------------------------------


def require_git_commit(root: Path) -> None:
    """DVC experiments are git commits on top of HEAD: fail before any work where there is none."""
    proc = subprocess.run(["git", "rev-parse", "--verify", "HEAD"], cwd=root, capture_output=True, text=True)
    if proc.returncode != 0:
        raise SftopsError(
            f"{root}: sftops sweep runs each variant as a DVC experiment, which needs a git repository with at "
            "least one commit (git init && git add -A && git commit -m init)"
        )


def existing_experiments(root: Path) -> set[str]:
    """Names of the DVC experiments of the HEAD commit (names are unique per baseline commit)."""
    return {line.strip() for line in run_dvc(["exp", "list", "--name-only"], root).stdout.splitlines() if line.strip()}


def experiment_name(sweep: str, variant: str, taken: set[str]) -> str:
    """``<sweep>-<variant>`` as a valid git ref name (what DVC requires), with ``-2``, ``-3``... when taken."""
    name = re.sub(r"[^A-Za-z0-9._=,+-]+", "-", f"{sweep}-{variant}")
    name = re.sub(r"\.{2,}", ".", name).strip(".-")[:150].rstrip(".")
    name = name.removesuffix(".lock") or "variant"
    candidate, n = name, 1
    while candidate in taken:
        n += 1
        candidate = f"{name}-{n}"
    return candidate


def hydra_value(value: Any) -> str:
    """``value`` in the override grammar of ``dvc exp run -S`` (Hydra's), such that DVC writes ``value`` back."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = repr(value)
        return text.replace("e", ".0e") if "e" in text and "." not in text else text  # Hydra floats need a dot
    if isinstance(value, str):  # quoted; a backslash is an escape only before a quote or at the end
        escaped = re.sub(r"(\\+)(?='|$)", lambda m: m.group(1) * 2, value)
        return "'" + escaped.replace("'", "\\'") + "'"
    if isinstance(value, list | tuple):
        return "[" + ",".join(hydra_value(v) for v in value) + "]"
    raise SftopsError(f"cannot pass {value!r} ({type(value).__name__}) to dvc exp run -S")


def set_param_args(overrides: dict[str, Any]) -> list[str]:
    """``-S ++key=value`` for each override (``++``: set the key even where params.yaml leaves it out)."""
    return [arg for key, value in overrides.items() for arg in ("-S", f"++{key}={hydra_value(value)}")]


def check_overrides_apply(paths: ProjectPaths, variant: Variant) -> None:
    """Apply the variant's overrides to a copy of params.yaml exactly as `dvc exp run -S` does, and check that
    the result is the variant's params; a variant DVC would read otherwise fails here, before anything runs."""
    from dvc.utils.hydra import apply_overrides

    overrides = [arg for arg in set_param_args(variant.overrides) if arg != "-S"]
    with tempfile.TemporaryDirectory(prefix="sftops-sweep-") as tmp:
        copy = Path(tmp) / "params.yaml"
        shutil.copyfile(paths.params, copy)
        try:
            apply_overrides(copy, overrides)
            applied = load_params(copy)
        except Exception as e:
            raise SftopsError(f"sweep variant {variant.name!r}: dvc exp run -S {' '.join(overrides)}: {e}") from e
    if applied.fingerprint() != variant.params.fingerprint():
        raise SftopsError(
            f"sweep variant {variant.name!r}: dvc exp run -S {' '.join(overrides)} would not give the variant's "
            "params (a value DVC parses differently?); write it differently in params.yaml"
        )


def workspace_data(root: Path) -> WorkspaceData:
    """The data hashes of dvc.lock, each only as far as `dvc status prepare` says they still hold."""
    status = stage_status(root, "prepare")
    raw = dep_hash(root, "prepare", RAW_DIR)
    return WorkspaceData(
        raw_md5=raw if RAW_DIR not in status.changed_deps else None,
        prepared_md5=out_hash(root, "prepare", PREPARED_DIR) if raw and status.up_to_date else None,
    )


# --- MLflow --------------------------------------------------------------------------------------------------------


def reuse_tags(variant: Variant, base: Params, data: WorkspaceData) -> dict[str, str] | None:
    """The tags a run must carry to stand for ``variant``; None when the data cannot be vouched for."""
    if data.raw_md5 is None:
        return None
    wanted = {tags.PARAMS_SHA256: variant.params.fingerprint(), tags.RAW_MD5: data.raw_md5}
    same_prepare = all(variant.params.to_dict()[s] == base.to_dict()[s] for s in PREPARE_SECTIONS)
    if same_prepare and data.prepared_md5:
        wanted[tags.PREPARED_MD5] = data.prepared_md5
    return wanted


def find_reusable(client: Any, experiment_id: str, wanted: dict[str, str]) -> Any | None:
    """The newest FINISHED run with the ``wanted`` tags and fine-tuned eval metrics, or None."""
    conditions = [f"tags.`{k}` = '{v}'" for k, v in wanted.items()] + ["attributes.status = 'FINISHED'"]
    runs = client.search_runs(
        [experiment_id], filter_string=" and ".join(conditions), order_by=["attributes.start_time DESC"]
    )
    return next((r for r in runs if any(k.startswith(FINETUNED_PREFIX) for k in r.data.metrics)), None)


def start_parent(client: Any, experiment_id: str, sweep: str, variants: list[Variant]) -> str:
    run = client.create_run(
        experiment_id,
        run_name=f"sweep-{sweep}",
        tags={tags.SWEEP: sweep, tags.SWEEP_PARENT: "true", tags.STAGE: "sweep"},
    )
    client.log_dict(run.info.run_id, {v.name: v.overrides for v in variants}, "sweep/overrides.json")
    return run.info.run_id


def publish_variants(client: Any, parent_id: str, outcomes: list[Outcome]) -> None:
    """Write sweep/variants.json (the dashboard's list) and the reused tag on the parent run; called after each
    variant, so an interrupted sweep still lists what it finished."""
    entries = [
        {"variant": o.variant, "run_id": o.run_id, "overrides": o.overrides, "status": o.status, "dvc_exp": o.dvc_exp}
        for o in outcomes
    ]
    client.log_dict(parent_id, entries, VARIANTS_ARTIFACT)
    reused = ",".join(o.variant for o in outcomes if o.status == REUSED)
    client.set_tag(parent_id, tags.SWEEP_REUSED, reused[:5000] or "none")


def finish_variant_run(client: Any, paths: ProjectPaths, variant: Variant, exp: str) -> tuple[str, list[str]]:
    """Check the run the variant's train opened and complete it for the dashboard; return its id and the tasks
    whose base-model results came from the cache."""
    run_id = tracking.load_run_id(paths)
    run = client.get_run(run_id)
    expected = variant.params.fingerprint()
    if run.data.tags.get(tags.PARAMS_SHA256) != expected:
        raise SftopsError(
            f"sweep variant {variant.name!r}: MLflow run {run_id} has {tags.PARAMS_SHA256}="
            f"{run.data.tags.get(tags.PARAMS_SHA256)}, expected {expected}: the experiment did not train the "
            "variant's params"
        )
    if not any(k.startswith(FINETUNED_PREFIX) for k in run.data.metrics):
        raise SftopsError(f"sweep variant {variant.name!r}: MLflow run {run_id} has no {FINETUNED_PREFIX}* metrics")
    client.set_tag(run_id, tags.DVC_EXP, exp)
    if paths.data_card_dir.is_dir():
        client.log_artifacts(run_id, str(paths.data_card_dir), artifact_path="data_card")
    if paths.metrics("data_card").is_file():
        client.log_artifact(run_id, str(paths.metrics("data_card")), artifact_path="data_card")
    hits = run.data.tags.get(tags.EVAL_BASE_CACHE_HITS, "none")
    return run_id, [] if hits == "none" else hits.split(",")


# --- running a variant -------------------------------------------------------------------------------------------


@dataclass
class SweepRun:
    """What each step of one sweep needs: the store, the workspace, the user's params and the parent run."""

    client: Any
    paths: ProjectPaths
    params: Params
    text: str  # the user's params.yaml: each variant starts from it, and it is restored at the end
    experiment_id: str
    parent_id: str
    data: WorkspaceData
    taken: set[str]  # DVC experiment names already used at HEAD

    @property
    def name(self) -> str:
        return self.params.sweep.name


@task(task_run_name="{variant}", cache_policy=NO_CACHE, retry_condition_fn=retry_unless_user_error)
def run_experiment(variant: str, exp: str, set_params: list[str], root: str, grouping: dict[str, str]) -> str:
    """`dvc exp run` of one variant in the workspace, with the parent run in the environment (``grouping``).

    A retry may start from the params.yaml the failed attempt left: applying the same ``-S ++key=value`` again
    gives the same file."""
    from flows.pipeline import StageFailed

    logger = get_run_logger()
    cmd = [dvc_executable(), "exp", "run", "--name", exp, *set_params, *TARGETS]
    logger.info("$ %s", " ".join(cmd))
    tail: deque[str] = deque(maxlen=25)
    env = {**stage_env(), **grouping}
    proc = subprocess.Popen(cmd, cwd=root, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    stream_output(proc, logger, tail)
    returncode = stage_exit_code(proc.wait(), tail)
    if returncode != 0:
        errors = [line for line in tail if line.startswith(("error", "ERROR", "  - ", "(full result"))]
        raise StageFailed(f"exp run {exp}", returncode, errors or list(tail))
    return RAN


def run_variant(sw: SweepRun, variant: Variant, exp: str) -> Outcome:
    """Run one variant from the user's params.yaml and complete its MLflow run."""
    from flows.pipeline import StageFailed

    started = time.perf_counter()
    sw.paths.params.write_text(sw.text, encoding="utf-8")
    sw.paths.tracking_run.unlink(missing_ok=True)  # train runs anew: the variant gets its own MLflow run
    grouping = tracking.grouping_env(sw.parent_id, sw.name, variant.name)
    flow_params = sw.params.flow
    runner = run_experiment.with_options(retries=flow_params.retries, retry_delay_seconds=flow_params.retry_delay_s)
    try:
        runner(variant.name, exp, set_param_args(variant.overrides), str(sw.paths.root), grouping)
    except StageFailed as e:
        raise VariantFailed(variant.name, exp, e.returncode, str(e).splitlines()[1:]) from e
    run_id, hits = finish_variant_run(sw.client, sw.paths, variant, exp)
    return Outcome(variant.name, variant.overrides, RAN, run_id, exp, round(time.perf_counter() - started, 1), hits)


def variant_step(sw: SweepRun, variant: Variant, outcomes: list[Outcome], i: int) -> None:
    """Reuse an earlier run of the variant, or run it; ``outcomes[i]`` says how it went, also when it fails."""
    logger = get_run_logger()
    wanted = reuse_tags(variant, sw.params, sw.data)
    earlier = find_reusable(sw.client, sw.experiment_id, wanted) if wanted else None
    if earlier is not None:
        outcomes[i] = reused_outcome(variant, earlier)
        logger.info("variant %s: reusing MLflow run %s (same params, same data)", variant.name, earlier.info.run_id)
        return
    exp = experiment_name(sw.name, variant.name, sw.taken)
    sw.taken.add(exp)
    outcomes[i] = replace(outcomes[i], status=FAILED, dvc_exp=exp)  # until it finishes
    try:
        outcomes[i] = run_variant(sw, variant, exp)
    except Exception as e:
        outcomes[i].error = str(e)[-3000:]
        raise
    logger.info("variant %s: ran as DVC experiment %s, MLflow run %s", variant.name, exp, outcomes[i].run_id)


def reused_outcome(variant: Variant, run: Any) -> Outcome:
    exp = run.data.tags.get(tags.DVC_EXP)
    return Outcome(variant.name, variant.overrides, status=REUSED, run_id=run.info.run_id, dvc_exp=exp)


# --- reporting -----------------------------------------------------------------------------------------------------


def render_markdown(
    name: str, parent_id: str, outcomes: list[Outcome], status: str, dashboard: dict[str, Any] | None = None
) -> str:
    dashboard = dashboard or {}
    if dashboard.get("path"):
        where = f"`{dashboard['path']}`" + (f" (MLflow: `{dashboard['uri']}`)" if dashboard.get("uri") else "")
    else:
        where = f"not built ({dashboard.get('error') or 'no variant finished'}); `sftops compare --sweep {name}`"
    lines = [
        f"# Sweep `{name}`: {status}",
        "",
        f"MLflow parent run `{parent_id}`; dashboard: {where}.",
        "",
        "| variant | status | MLflow run | DVC experiment | overrides | seconds | base eval from cache |",
        "|---|---|---|---|---|---:|---|",
    ]
    for o in outcomes:
        overrides = ", ".join(f"`{k}={json.dumps(v)}`" for k, v in o.overrides.items()) or "(base params)"
        lines.append(
            f"| {o.variant} | {o.status} | `{o.run_id or '-'}` | `{o.dvc_exp or '-'}` | {overrides} | "
            f"{o.seconds if o.seconds is not None else '-'} | {', '.join(o.base_cache_hits) or '-'} |"
        )
    ship = next((o.dvc_exp for o in outcomes if o.dvc_exp and o.status != FAILED), "<dvc_exp>")
    lines += ["", f"Ship one: `dvc exp apply {ship}` then `sftops run` (registers it; the promotion gate decides)."]
    failed = [o for o in outcomes if o.status == FAILED]
    if failed:
        lines += ["", f"Variant `{failed[0].variant}` failed:", "", "```", failed[0].error or "", "```"]
    return "\n".join(lines) + "\n"


def result_path(paths: ProjectPaths, name: str) -> Path:
    return paths.root / "outputs" / "sweep" / f"{name}.json"


def build_sweep_dashboard(sw: SweepRun) -> dict[str, Any]:
    """The compare dashboard of the sweep's variants that have a run, logged to the parent run (inside the flow run,
    build_dashboard also publishes the Prefect link and table artifacts); ``{"path", "uri"}`` for the result."""
    from tasks.tools.compare import Selection, build_dashboard

    built = build_dashboard(Selection(sweep=sw.name), sw.params, sw.paths)
    path = built.html_path
    shown = path.relative_to(sw.paths.root) if path.is_relative_to(sw.paths.root) else path
    return {"path": str(shown), "uri": built.artifact_uri, "error": None}


def publish(sw: SweepRun, outcomes: list[Outcome], status: str, dashboard: bool = True) -> dict[str, Any]:
    """The sweep's result: outputs/sweep/<name>.json, the parent run (artifacts, tags, status), the dashboard of
    the variants that have a run, Prefect artifacts. Raises DashboardFailed, after recording everything, when
    every variant finished but the dashboard could not be built."""
    result: dict[str, Any] = {
        "sweep": sw.name,
        "status": status,
        "parent_run_id": sw.parent_id,
        "experiment_id": sw.experiment_id,
        "dashboard": None,
        "variants": [asdict(o) for o in outcomes],
    }
    path = result_path(sw.paths, sw.name)
    write_json(path, result)  # first: what ran is on disk even if what follows fails
    publish_variants(sw.client, sw.parent_id, outcomes)
    info: dict[str, Any] = {"path": None, "uri": None, "error": None}
    if dashboard and any(o.run_id for o in outcomes):
        try:
            info = build_sweep_dashboard(sw)
        except Exception as e:
            info["error"] = f"{type(e).__name__}: {e}"[:3000]
            get_run_logger().exception("sweep %s: the compare dashboard could not be built", sw.name)
    result["dashboard"], result["dashboard_uri"] = info["path"], info["uri"]
    if info["error"]:
        result["dashboard_error"] = info["error"]
    write_json(path, result)
    sw.client.log_artifact(sw.parent_id, str(path), artifact_path="sweep")
    ok = status == "finished" and not info["error"]
    sw.client.set_terminated(sw.parent_id, "FINISHED" if ok else "FAILED")
    markdown = render_markdown(sw.name, sw.parent_id, outcomes, status, info)
    create_markdown_artifact(key=ARTIFACT_KEY, markdown=markdown, description=f"sweep {sw.name}: {status}")
    if status == "finished" and info["error"]:
        raise DashboardFailed(
            f"sweep {sw.name}: every variant finished (outputs/sweep/{sw.name}.json), but its dashboard could not be "
            f"built: {info['error']}\nretry with: sftops compare --sweep {sw.name}"
        )
    return result


def warn_if_metric_names_differ(client: Any, outcomes: list[Outcome]) -> None:
    """Variants with different eval.tasks have different metric names: say so (the dashboard leaves gaps)."""
    names = {
        o.variant: frozenset(k for k in client.get_run(o.run_id).data.metrics if k.startswith(FINETUNED_PREFIX))
        for o in outcomes
        if o.run_id
    }
    if len(set(names.values())) > 1:
        counts = {variant: len(metrics) for variant, metrics in names.items()}
        get_run_logger().warning("the variants' eval metric names differ (metrics per variant: %s)", counts)


# --- the flow ----------------------------------------------------------------------------------------------------


def plan(paths: ProjectPaths) -> tuple[Params, list[Variant]]:
    """Load params, resolve the variants and check each against DVC's override parser: all before any work."""
    params = load_params(paths.params)
    variants = sweep_variants(params, str(paths.params))
    if not variants:
        raise SftopsError(f"{paths.params}: sweep declares no variants (add sweep.variants or sweep.grid)")
    require_git_commit(paths.root)
    for variant in variants:
        check_overrides_apply(paths, variant)
    return params, variants


def open_sweep(paths: ProjectPaths, params: Params, variants: list[Variant]) -> SweepRun:
    """Connect to the store, read what the workspace vouches for, and start the parent run."""
    from mlflow import MlflowClient

    client = MlflowClient(tracking_uri=tracking.configure(paths))
    experiment_id = tracking.ensure_experiment(params.pipeline.experiment, paths)
    data = workspace_data(paths.root)
    if data.raw_md5 is None:
        get_run_logger().info("data/raw changed since dvc.lock (or prepare never ran): no earlier run is reused")
    text = paths.params.read_text(encoding="utf-8")
    taken = existing_experiments(paths.root)
    parent_id = start_parent(client, experiment_id, params.sweep.name, variants)
    return SweepRun(client, paths, params, text, experiment_id, parent_id, data, taken)


@flow(name=FLOW_NAME, log_prints=True)
def sweep(root: str = ".") -> dict[str, Any]:
    """Run (or reuse) every variant of params ``sweep``; return the sweep result (outputs/sweep/<name>.json)."""
    paths = ProjectPaths(Path(root).resolve())
    params, variants = plan(paths)
    sw = open_sweep(paths, params, variants)
    get_run_logger().info("sweep %s: %d variants, MLflow parent run %s", sw.name, len(variants), sw.parent_id)
    outcomes = [Outcome(v.name, v.overrides) for v in variants]
    try:
        for i, variant in enumerate(variants):
            variant_step(sw, variant, outcomes, i)
            publish_variants(sw.client, sw.parent_id, outcomes)
    except BaseException as e:
        paths.params.write_text(sw.text, encoding="utf-8")
        try:  # the dashboard of the variants that finished, unless the user stopped the sweep
            publish(sw, outcomes, "failed", dashboard=isinstance(e, Exception))
        except Exception:  # the variant's error is the one to raise; this one goes to the log
            get_run_logger().exception("could not record the failed sweep %s", sw.name)
        raise
    paths.params.write_text(sw.text, encoding="utf-8")
    warn_if_metric_names_differ(sw.client, outcomes)
    return publish(sw, outcomes, "finished")


if __name__ == "__main__":
    sweep()
