"""`sftops compare`: one self-contained HTML page that shows SFT variants side by side, read from MLflow.

The variants are MLflow runs as train, evaluate and report log them (so runs made before any sweep work too):

- ``Selection(sweep=NAME)``: the sweep's parent run (tags ``sftops.sweep=NAME``, ``sftops.sweep.parent=true``)
  lists its variants in the artifact ``sweep/variants.json`` (``[{"variant", "run_id", "overrides", "status"}]``);
  without that artifact, its child runs (``mlflow.parentRunId``), labelled by their ``sftops.variant`` tag;
- ``Selection(run_ids=(...))``: those runs, labelled by run name;
- ``Selection(experiment=NAME)``: every pipeline run (tag ``sftops.stage=train``) of that experiment.

Per run it reads the metrics ``eval/{base,finetuned,delta}/<task>/<metric>`` (names kept as MLflow has them),
the paired intervals against the base model ``paired/vs_base/<task>/<metric>/{low,high,mdd}``, the histories of
``train/loss`` and ``train/eval_loss``, the artifacts ``eval/higher_is_better.json``, ``eval/item_outcomes.json``
(per-item outcomes), ``eval/samples_{finetuned,base}.jsonl`` (length_calibration items) and ``data_card/``; and
the champion: the version of the registered model ``pipeline.name`` holding ``gate.champion_alias``, with its
``sftops.eval.*`` tags and its run's item outcomes. Each variant is compared with the champion item by item
(tasks/core/paired.py) under ``eval.significance`` of the params given (the project's params.yaml); runs logged
before the paired tests have no intervals and show as "not tested". The page (tasks/tools/comparison/page.py) is
written to ``reports/compare/<name>.html`` and logged to the sweep's parent run, or to a new ``compare`` run,
under ``compare/``; inside a Prefect flow run a link artifact and a markdown table artifact point at it.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import os
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tasks.core import paired, tags, tracking
from tasks.core.errors import SftopsError
from tasks.core.params import Params, SignificanceParams
from tasks.core.paths import ProjectPaths
from tasks.tools.comparison import page
from tasks.tools.comparison.model import (
    Champion,
    Comparison,
    DataCard,
    LengthPoint,
    Significance,
    Variant,
    directions,
    unique_labels,
)

log = logging.getLogger(tags.COMPARE)

VARIANTS_ARTIFACT = "sweep/variants.json"
EVAL_PREFIXES = {group: tags.eval_metric_prefix(group) for group in ("finetuned", "base", "delta")}
VS_BASE_FIELDS = ("low", "high", "mdd")
LENGTH_TASK = "length_calibration"
LENGTH_METRICS = ("length_log_error", "length_spearman", "median_length_ratio")  # each holds (id, expected, produced)
ARTIFACT_DIR = "compare"
RETRIES = tracking.RetryPolicy(retries=3, delay_s=1.0)
MAX_RUNS = 1000


@dataclass(frozen=True)
class Selection:
    """Which runs to compare: exactly one of a sweep name, run ids or an experiment name."""

    sweep: str | None = None
    run_ids: tuple[str, ...] = ()
    experiment: str | None = None

    def check(self) -> None:
        given = sum([self.sweep is not None, bool(self.run_ids), self.experiment is not None])
        if given != 1:
            raise SftopsError("compare: give exactly one of --sweep NAME, --run ID (repeatable), --experiment NAME")


@dataclass(frozen=True)
class RunRef:
    run_id: str
    label: str | None = None  # the sweep's variant name; None: the run's name
    status: str | None = None
    overrides: Any = None


@dataclass(frozen=True)
class Picked:
    name: str
    source: str
    refs: list[RunRef]
    parent_run_id: str | None = None
    left_out: list[str] = field(default_factory=list)  # sweep variants without a run ("name: failed")


@dataclass(frozen=True)
class DashboardResult:
    html_path: Path
    artifact_uri: str | None
    comparison: Comparison
    markdown: str


# --- picking the runs -------------------------------------------------------------------------------------------


def pick_runs(client: Any, selection: Selection) -> Picked:
    selection.check()
    if selection.sweep is not None:
        return pick_sweep(client, selection.sweep)
    if selection.experiment is not None:
        return pick_experiment(client, selection.experiment)
    ids = list(dict.fromkeys(selection.run_ids))
    digest = hashlib.sha256(",".join(sorted(ids)).encode()).hexdigest()[:8]
    return Picked(f"runs-{digest}", f"{len(ids)} runs picked by id", [RunRef(i) for i in ids])


def _search_all(client: Any, filter_string: str) -> list[Any]:
    experiments = [e.experiment_id for e in client.search_experiments()]
    if not experiments:
        return []
    return list(
        client.search_runs(
            experiments, filter_string=filter_string, order_by=["attributes.start_time DESC"], max_results=MAX_RUNS
        )
    )


def pick_sweep(client: Any, name: str) -> Picked:
    """The sweep's variants, from its newest parent run (its variants.json, else its child runs)."""
    all_parents = _search_all(client, f"tags.`{tags.SWEEP_PARENT}` = 'true'")  # newest first
    parents = [r for r in all_parents if r.data.tags.get(tags.SWEEP) == name]
    if not parents:
        known = sorted({r.data.tags.get(tags.SWEEP, "") for r in all_parents})
        raise SftopsError(f"compare: no sweep named {name!r} in the MLflow store (sweeps there: {known or 'none'})")
    parent = parents[0]
    refs, left_out = sweep_refs_from_artifact(client, parent.info.run_id)
    refs = refs or sweep_refs_from_children(client, parent)
    if not refs:
        raise SftopsError(f"compare: sweep {name!r} (parent run {parent.info.run_id}) has no variant runs yet")
    return Picked(name, f"sweep {name} (parent run {parent.info.run_id[:8]})", refs, parent.info.run_id, left_out)


def sweep_refs_from_artifact(client: Any, parent_id: str) -> tuple[list[RunRef], list[str]]:
    """The variants of variants.json that have a run, and a note for each that has none (failed, not run)."""
    with tempfile.TemporaryDirectory(prefix="sftops-compare-") as tmp:
        path = download(client, parent_id, VARIANTS_ARTIFACT, Path(tmp))
        entries = json.loads(path.read_text(encoding="utf-8")) if path else []
    refs, left_out = [], []
    for entry in entries:
        if not entry.get("run_id"):
            left_out.append(f"{entry.get('variant')}: {entry.get('status') or 'no run'}")
            log.warning("sweep variant %s has no MLflow run (%s): left out", entry.get("variant"), entry.get("status"))
            continue
        refs.append(RunRef(entry["run_id"], entry.get("variant"), entry.get("status"), entry.get("overrides")))
    return refs, left_out


def sweep_refs_from_children(client: Any, parent: Any) -> list[RunRef]:
    children = client.search_runs(
        [parent.info.experiment_id],
        filter_string=f"tags.`{tags.PARENT_RUN}` = '{parent.info.run_id}'",
        order_by=["attributes.start_time ASC"],
        max_results=MAX_RUNS,
    )
    return [RunRef(r.info.run_id, r.data.tags.get(tags.VARIANT)) for r in children]


def pick_experiment(client: Any, name: str) -> Picked:
    experiment = client.get_experiment_by_name(name)
    if experiment is None:
        raise SftopsError(f"compare: no MLflow experiment named {name!r}")
    runs = client.search_runs(
        [experiment.experiment_id],
        filter_string=f"tags.`{tags.STAGE}` = 'train'",
        order_by=["attributes.start_time ASC"],
        max_results=MAX_RUNS,
    )
    refs = [RunRef(r.info.run_id) for r in runs if not r.data.tags.get(tags.SWEEP_PARENT)]
    if not refs:
        raise SftopsError(f"compare: experiment {name!r} has no pipeline runs (runs tagged {tags.STAGE}=train)")
    return Picked(name, f"experiment {name}", refs)


# --- reading one run --------------------------------------------------------------------------------------------


def download(client: Any, run_id: str, artifact: str, dst: Path) -> Path | None:
    """The artifact file or folder, downloaded under ``dst``; None when the run has no such artifact."""
    parent, _, leaf = artifact.rpartition("/")
    listed = {Path(f.path).name for f in client.list_artifacts(run_id, parent or None)}
    if leaf not in listed:
        return None
    dst.mkdir(parents=True, exist_ok=True)
    return Path(client.download_artifacts(run_id, artifact, str(dst)))


def eval_metrics(metrics: dict[str, float]) -> dict[str, dict[str, float]]:
    """A run's metrics split into ``{"finetuned": {"<task>/<metric>": x}, "base": ..., "delta": ...}``."""
    return {
        group: {k.removeprefix(prefix): v for k, v in metrics.items() if k.startswith(prefix)}
        for group, prefix in EVAL_PREFIXES.items()
    }


def vs_base_tests(metrics: dict[str, float], significance: SignificanceParams) -> dict[str, Significance]:
    """``{"<task>/<metric>": Significance}`` from the paired intervals the evaluate stage logged against the base
    model (``paired/vs_base/<task>/<metric>/{low,high,mdd}``); a metric missing any of the three (or with a
    non-finite one) has no test."""
    logged: dict[str, dict[str, float]] = {}
    for key, value in metrics.items():
        if key.startswith(paired.VS_BASE_RUN_PREFIX):
            metric, _, name = key.removeprefix(paired.VS_BASE_RUN_PREFIX).rpartition("/")
            if metric and name in VS_BASE_FIELDS:
                logged.setdefault(metric, {})[name] = float(value)
    return {
        metric: Significance.of(
            bounds["low"],
            bounds["high"],
            bounds["mdd"],
            significance.detectable_for(metric),
            significance.confidence,
        )
        for metric, bounds in sorted(logged.items())
        if all(k in bounds and math.isfinite(bounds[k]) for k in VS_BASE_FIELDS)
    }


def read_outcomes(client: Any, run_id: str, dst: Path, where: str) -> paired.ItemOutcomes | None:
    """The fine-tuned model's per-item outcomes (the run's ``eval/item_outcomes.json``); None for a run logged
    without them, or with a file that is not one (a warning)."""
    path = download(client, run_id, paired.ITEM_OUTCOMES_ARTIFACT, dst)
    if path is None:
        return None
    try:
        return paired.outcomes_of(json.loads(path.read_text(encoding="utf-8")), "finetuned", where)
    except ValueError as e:  # JSONDecodeError is one too
        log.warning("%s: item outcomes not used (%s)", where, e)
        return None


def history(client: Any, run_id: str, key: str) -> list[tuple[int, float]]:
    points = sorted(client.get_metric_history(run_id, key), key=lambda m: (m.step, m.timestamp))
    latest = {m.step: float(m.value) for m in points}  # a resumed run may log a step twice: keep the last
    return sorted(latest.items())


def read_lengths(samples: Path | None) -> list[LengthPoint]:
    """length_calibration items of a samples_*.jsonl: each sample's metrics hold ``[id, expected, produced]``."""
    if samples is None:
        return []
    points = []
    for line in _lines(samples):
        if LENGTH_TASK not in line:
            continue
        row = json.loads(line)
        if row.get("task") != LENGTH_TASK:
            continue
        point = length_point(row)
        if point is not None:
            points.append(point)
    return points


def _lines(path: Path) -> Iterator[str]:
    with path.open(encoding="utf-8") as f:
        yield from (line for line in f if line.strip())


def length_point(row: dict[str, Any]) -> LengthPoint | None:
    metrics = row.get("metrics") or {}
    doc = row.get("doc") or {}
    for name in LENGTH_METRICS:
        value = metrics.get(name)
        if isinstance(value, list) and len(value) == 3:
            item_id, expected, produced = value
            return LengthPoint(str(item_id), str(doc.get("kind", "")), float(expected), float(produced))
    return None


def read_data_card(client: Any, run_id: str, dst: Path) -> DataCard | None:
    folder = download(client, run_id, "data_card", dst)
    if folder is None or not (folder / "data_card.md").is_file():
        return None
    images = {p.name: p.read_bytes() for p in sorted(folder.glob("*.png"))}
    return DataCard((folder / "data_card.md").read_text(encoding="utf-8"), images)


def read_directions(client: Any, run_id: str, dst: Path) -> dict[str, bool]:
    path = download(client, run_id, "eval/higher_is_better.json", dst)
    return {k: bool(v) for k, v in json.loads(path.read_text(encoding="utf-8")).items()} if path else {}


def pipeline_params(logged: dict[str, str]) -> dict[str, str]:
    """The run's params.yaml params (``train.lora.r``, ``seed``), without what other code logs into the same run
    (the registered model's config: ``base_model_uri``, ``max_new_tokens``), which only registered runs carry and
    which would otherwise show as a difference against every sweep variant."""
    return {k: v for k, v in logged.items() if k.split(".")[0] in Params.model_fields}


def load_variant(
    client: Any, ref: RunRef, label: str, workdir: Path, significance: SignificanceParams | None = None
) -> Variant:
    significance = significance or SignificanceParams()
    run = client.get_run(ref.run_id)
    dst = workdir / ref.run_id
    groups = eval_metrics(run.data.metrics)
    return Variant(
        label=label,
        run_id=ref.run_id,
        run_name=run.info.run_name or "",
        status=ref.status,
        overrides=ref.overrides,
        params=pipeline_params(run.data.params),
        finetuned=groups["finetuned"],
        base=groups["base"],
        delta=groups["delta"],
        higher_is_better=read_directions(client, ref.run_id, dst),
        loss=history(client, ref.run_id, tags.TRAIN_LOSS),
        eval_loss=history(client, ref.run_id, tags.TRAIN_EVAL_LOSS),
        lengths=read_lengths(download(client, ref.run_id, "eval/samples_finetuned.jsonl", dst)),
        base_lengths=read_lengths(download(client, ref.run_id, "eval/samples_base.jsonl", dst)),
        data_card=read_data_card(client, ref.run_id, dst),
        vs_base=vs_base_tests(run.data.metrics, significance),
        outcomes=read_outcomes(client, ref.run_id, dst, f"run {ref.run_id}"),
    )


def load_variants(
    client: Any, refs: list[RunRef], workdir: Path, significance: SignificanceParams | None = None
) -> list[Variant]:
    names = [ref.label or client.get_run(ref.run_id).info.run_name or ref.run_id[:8] for ref in refs]
    labels = unique_labels(names, [ref.run_id for ref in refs])
    return [load_variant(client, ref, label, workdir, significance) for ref, label in zip(refs, labels, strict=True)]


# --- the champion -----------------------------------------------------------------------------------------------


def load_champion(client: Any, model: str, alias: str, workdir: Path | None = None) -> Champion | None:
    """The version of ``model`` holding ``alias`` with its fine-tuned metrics and (given a ``workdir`` to download
    to) its run's item outcomes; None when there is none."""
    from mlflow.exceptions import MlflowException

    try:
        version = client.get_model_version_by_alias(model, alias)
    except MlflowException as e:
        if e.error_code in ("RESOURCE_DOES_NOT_EXIST", "INVALID_PARAMETER_VALUE", "NOT_FOUND"):
            return None
        raise
    metrics = {
        key.removeprefix(tags.EVAL_PREFIX): value
        for key, raw in version.tags.items()
        if key.startswith(tags.EVAL_PREFIX) and (value := _number(raw)) is not None
    }
    if not metrics and version.run_id:  # a version registered without the tags: its run's metrics
        metrics = eval_metrics(client.get_run(version.run_id).data.metrics)["finetuned"]
    outcomes = None
    if workdir is not None and version.run_id:
        where = f"champion {model} version {version.version}"
        try:
            outcomes = read_outcomes(client, version.run_id, workdir / f"champion-{version.run_id}", where)
        except MlflowException as e:  # its run is gone or elsewhere: compared by point estimates only
            if tracking.is_transient(e):
                raise
            log.warning("%s: no item outcomes (%s)", where, e)
    return Champion(model, alias, str(version.version), version.run_id, metrics, outcomes)


def champion_tests(
    variant: Variant,
    champion: Champion | None,
    dirs: dict[str, bool],
    significance: SignificanceParams,
    evals_dir: Path,
    seed: int,
) -> dict[str, Significance]:
    """``{"<task>/<metric>": Significance}`` of the variant against the champion, paired on the items both
    answered (the variant's fine-tuned outcomes against the champion's); empty where either has no outcomes. A
    metric without a direction, without enough common items or whose aggregation cannot be found has no test."""
    if champion is None or champion.outcomes is None or variant.outcomes is None:
        return {}
    tests = {}
    for metric in sorted(set(variant.outcomes) & set(champion.outcomes)):
        if metric not in dirs:
            continue
        try:
            compared = paired.compare_outcomes(
                variant.outcomes,
                dict(champion.outcomes),
                metric,
                dirs[metric],
                evals_dir,
                significance.confidence,
                significance.bootstrap_iters,
                seed,
            )
        except (ValueError, TypeError, KeyError, AttributeError) as e:
            log.warning("%s vs the champion on %s: no paired test (%s)", variant.label, metric, e)
            continue
        if compared is not None:
            tests[metric] = Significance.of(
                compared.low,
                compared.high,
                compared.mdd,
                significance.detectable_for(metric),
                compared.confidence,
                compared.n_items,
            )
    return tests


def _number(raw: str) -> float | None:
    try:
        return float(raw)
    except (TypeError, ValueError):
        return None


# --- building ---------------------------------------------------------------------------------------------------


@contextmanager
def quiet_downloads() -> Iterator[None]:
    """No MLflow progress bar per downloaded artifact (a page of them per comparison) unless the user asked."""
    key = "MLFLOW_ENABLE_ARTIFACTS_PROGRESS_BAR"
    before = os.environ.get(key)
    os.environ.setdefault(key, "false")
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(key, None)


def build_comparison(
    client: Any, picked: Picked, params: Params, tracking_uri: str, evals_dir: Path | None = None
) -> Comparison:
    """The variants and the champion, each variant tested against the base model (its logged intervals) and the
    champion (paired here, under ``params.eval.significance``; ``evals_dir`` holds the probes' own aggregations)."""
    alias = params.gate.champion_alias
    significance = params.eval.significance
    with tempfile.TemporaryDirectory(prefix="sftops-compare-") as tmp:
        variants = load_variants(client, picked.refs, Path(tmp), significance)
        champion = load_champion(client, params.pipeline.name, alias, Path(tmp))
    if evals_dir is not None:
        dirs = directions(variants)
        for variant in variants:
            variant.vs_champion = champion_tests(variant, champion, dirs, significance, evals_dir, params.seed)
    return Comparison(
        name=picked.name,
        source=picked.source,
        variants=variants,
        champion=champion,
        champion_ref=f"{params.pipeline.name}@{alias}",
        left_out=picked.left_out,
        tracking_uri=tracking.redacted(tracking_uri),
        created=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        confidence=significance.confidence,
    )


def slug(name: str) -> str:
    """A file and Prefect artifact key friendly form of ``name``: lower-case letters, digits and dashes."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "compare"


def default_out(paths: ProjectPaths, name: str) -> Path:
    return paths.root / "reports" / "compare" / f"{slug(name)}.html"


def log_dashboard(client: Any, picked: Picked, html_path: Path, comparison: Comparison) -> str:
    """Log the page to the sweep's parent run (or to a new ``compare`` run beside the first variant); its URI."""
    run_id = picked.parent_run_id or _new_compare_run(client, picked, comparison)
    tracking.call_with_retries(
        lambda: client.log_artifact(run_id, str(html_path), ARTIFACT_DIR), RETRIES, "log the compare dashboard"
    )
    client.set_tag(run_id, f"{tags.COMPARE}.html", f"{ARTIFACT_DIR}/{html_path.name}")
    if picked.parent_run_id is None:
        client.set_terminated(run_id)
    return f"{client.get_run(run_id).info.artifact_uri}/{ARTIFACT_DIR}/{html_path.name}"


def _new_compare_run(client: Any, picked: Picked, comparison: Comparison) -> str:
    experiment_id = client.get_run(picked.refs[0].run_id).info.experiment_id
    run_tags = {
        tags.COMPARE: "true",
        f"{tags.COMPARE}.runs": ",".join(ref.run_id for ref in picked.refs)[:5000],
        f"{tags.COMPARE}.labels": json.dumps(comparison.labels())[:5000],
    }
    return client.create_run(experiment_id, run_name=f"compare-{slug(picked.name)}", tags=run_tags).info.run_id


def in_prefect_run() -> bool:
    try:
        from prefect.context import FlowRunContext, TaskRunContext
    except ImportError:  # pragma: no cover - prefect is a dependency
        return False
    return FlowRunContext.get() is not None or TaskRunContext.get() is not None


def publish_prefect(result: DashboardResult) -> None:
    """A link artifact to the page and a markdown table artifact of the metrics (inside a flow or task run)."""
    from prefect.artifacts import create_link_artifact, create_markdown_artifact

    uri = result.artifact_uri
    link = uri if uri and uri.startswith(("file://", "http://", "https://")) else result.html_path.resolve().as_uri()
    key = f"compare-{slug(result.comparison.name)}"
    create_link_artifact(
        key=key,
        link=link,
        link_text=f"sftops compare: {result.comparison.name}",
        description=f"Dashboard of {len(result.comparison.variants)} variants (MLflow artifact: {uri or 'not logged'})",
    )
    create_markdown_artifact(key=f"{key}-table", markdown=result.markdown, description="variants × eval metrics")


def build_dashboard(
    selection: Selection, params: Params, paths: ProjectPaths, out: Path | None = None, log_to_mlflow: bool = True
) -> DashboardResult:
    """Read the runs, write the page, log it to MLflow (unless told not to) and, inside a Prefect run, publish
    the link and table artifacts. ``out`` defaults to ``reports/compare/<name>.html``."""
    uri = tracking.configure(paths)
    from mlflow import MlflowClient

    client = MlflowClient()
    with quiet_downloads():
        picked = pick_runs(client, selection)
        comparison = build_comparison(client, picked, params, uri, paths.evals)
    html_path = out or default_out(paths, picked.name)
    html_path.parent.mkdir(parents=True, exist_ok=True)
    html_path.write_text(page.render(comparison), encoding="utf-8")
    artifact_uri = log_dashboard(client, picked, html_path, comparison) if log_to_mlflow else None
    markdown = page.markdown_table(comparison, artifact_uri or str(html_path))
    result = DashboardResult(html_path, artifact_uri, comparison, markdown)
    if in_prefect_run():
        publish_prefect(result)
    log.info("compare dashboard of %d variants written to %s", len(comparison.variants), html_path)
    return result
