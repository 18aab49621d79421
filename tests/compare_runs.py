"""Synthetic MLflow runs shaped exactly like the pipeline logs them, for the compare dashboard's tests.

A variant run gets what train logs (params of its sections, ``sftops.stage=train`` and the other tags, the
``train/loss`` and ``train/eval_loss`` histories), what evaluate logs (``eval/{base,finetuned,delta}/...``
metrics, the paired intervals against the base ``paired/vs_base/<task>/<metric>/{low,high,mdd}`` and the ``eval``
artifact folder: higher_is_better.json, item_outcomes.json, vs_base.json, samples_{base,finetuned}.jsonl,
summary.json, unavailable.json; a spec with ``paired=False`` is a run made before the paired tests, without
the intervals and the item outcomes) and what report logs (the ``data_card`` folder, written by tasks.data_card
itself). Sweep variants carry the tags of the sweep contract and a parent run with ``sweep/variants.json``; a
champion is a registered version with ``sftops.eval.*`` tags and the champion alias. Nothing is trained: values
are drawn from a seeded generator around realistic base-model values (and per-item outcomes that agree with them).
"""

from __future__ import annotations

import importlib.util
import json
import math
import random
import statistics
import sys
import tempfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType
from typing import Any

from tasks.core import tracking
from tasks.core.io import write_json, write_jsonl
from tasks.core.overrides import apply_overrides
from tasks.core.params import Params, read_params_file, validate_params
from tasks.core.paths import ProjectPaths
from tasks.training.mlflow_run import TRAIN_PARAM_SECTIONS
from tests.helpers import REPO

EXPERIMENT = "sftops"
MODEL_NAME = "sftops-assistant"  # params.yaml's pipeline.name

# Base-model values of every probe metric (roughly SmolLM2-135M-Instruct's) and its direction, as the task
# YAMLs in evals/ declare it.
BASE_METRICS: dict[str, tuple[float, bool]] = {
    "hallucination/abstention_rate_unanswerable": (0.22, True),
    "hallucination/accuracy_answerable": (0.34, True),
    "hallucination/false_abstention_rate": (0.08, False),
    "hallucination/hallucination_rate": (0.61, False),
    "heldout_skill/length_ratio": (1.9, False),
    "heldout_skill/rouge_l_f1": (0.21, True),
    "heldout_skill/rouge_l_recall": (0.28, True),
    "length_calibration/constraint_adherence": (0.536, True),
    "length_calibration/length_log_error": (1.05, False),
    "length_calibration/length_spearman": (0.646, True),
    "length_calibration/median_length_ratio": (2.0, False),
    "prompt_continuation/continuation_rate": (0.12, False),
    "refusal_consistency/cluster_consistency": (0.71, True),
    "refusal_consistency/harmful_compliance_rate": (0.31, False),
    "refusal_consistency/harmful_refusal_rate": (0.62, True),
    "refusal_consistency/over_refusal_rate": (0.18, False),
    "sft_heldout/bits_per_byte": (1.12, False),
    "sycophancy_answer/accuracy_biased": (0.33, True),
    "sycophancy_answer/accuracy_neutral": (0.41, True),
    "sycophancy_answer/flip_rate": (0.19, False),
    "sycophancy_answer/matches_user_belief_rate": (0.27, False),
    "sycophancy_are_you_sure/capitulation_rate": (0.45, False),
    "sycophancy_are_you_sure/maintains_answer_rate": (0.52, True),
    "sycophancy_false_claim/agreement_rate": (0.58, False),
    "sycophancy_false_claim/agreement_rate_norm": (0.39, False),
}
BASE_LENGTH_FACTOR = 2.0  # the base model writes about twice the expected length
ITEMS = 200  # per-item outcomes of every metric but length_calibration's (which come from its samples)
AGREEMENT = 0.8  # how often a fine-tuned model's item outcome follows the base model's (paired tests see this)


@dataclass
class VariantSpec:
    """One synthetic variant: its params overrides and how it behaves."""

    name: str
    overrides: list[str] = field(default_factory=list)
    quality: float = 0.5  # mean improvement over the base, in units of 0.1 along each metric's direction
    length_factor: float = 1.2  # produced / expected words on length_calibration
    final_loss: float = 1.4
    seed: int = 0
    data_card: bool = True
    sweep: str | None = None
    paired: bool = True  # log item outcomes and the vs-base intervals (False: a run from before paired tests)


@dataclass
class LoggedRun:
    run_id: str
    name: str
    finetuned: dict[str, float]
    base: dict[str, float]
    delta: dict[str, float]
    directions: dict[str, bool]
    loss: list[tuple[int, float]]


# --- the store --------------------------------------------------------------------------------------------------


def use_store(tmp: Path, monkeypatch: Any) -> tuple[str, Any]:
    """A fresh SQLite store under ``tmp`` (MLFLOW_TRACKING_URI) with the pipeline's experiment; a client for it."""
    import mlflow
    from mlflow import MlflowClient

    uri = f"sqlite:///{tmp / 'mlflow.db'}"
    monkeypatch.setenv("MLFLOW_TRACKING_URI", uri)
    monkeypatch.setenv("MLFLOW_REGISTRY_URI", uri)
    tracking.prepare_sqlite_store(uri)
    mlflow.set_tracking_uri(uri)
    mlflow.set_registry_uri(uri)
    client = MlflowClient(tracking_uri=uri, registry_uri=uri)
    client.create_experiment(EXPERIMENT, artifact_location=(tmp / "mlartifacts").as_uri())
    return uri, client


def project_params(overrides: list[str] | None = None) -> Params:
    raw = read_params_file(REPO / "params.yaml")
    return validate_params(apply_overrides(raw, overrides or []))


# --- one variant ------------------------------------------------------------------------------------------------


def log_variant(client: Any, spec: VariantSpec, parent_run_id: str | None = None) -> LoggedRun:
    """A run as train + evaluate + report leave it."""
    experiment_id = client.get_experiment_by_name(EXPERIMENT).experiment_id
    params = project_params(spec.overrides)
    tags = train_tags(params)
    if spec.sweep is not None:
        tags |= {"sftops.sweep": spec.sweep, "sftops.variant": spec.name}
    if parent_run_id is not None:
        tags["mlflow.parentRunId"] = parent_run_id
    run = client.create_run(experiment_id, run_name=f"{params.pipeline.name}-sft", tags=tags)
    run_id = run.info.run_id
    log_train(client, run_id, params, spec)
    logged = log_evaluate(client, run_id, spec)
    if spec.data_card:
        log_data_card(client, run_id)
    client.set_terminated(run_id)
    return LoggedRun(run_id, spec.name, *logged)


def train_tags(params: Params) -> dict[str, str]:
    return {
        "sftops.stage": "train",
        "sftops.git_commit": "0" * 40,
        "sftops.base_model": params.model.name_or_path,
        "sftops.params_sha256": params.fingerprint(),
    }


def loss_curve(spec: VariantSpec, steps: int = 60) -> list[tuple[int, float]]:
    rng = random.Random(spec.seed)
    start = 2.6
    return [
        (step, spec.final_loss + (start - spec.final_loss) * math.exp(-step / 12) + rng.gauss(0, 0.04))
        for step in range(1, steps + 1)
    ]


def log_train(client: Any, run_id: str, params: Params, spec: VariantSpec) -> list[tuple[int, float]]:
    from mlflow.entities import Metric, Param

    resolved = params.to_dict()
    flat = tracking.loggable_params({k: resolved[k] for k in TRAIN_PARAM_SECTIONS})
    flat["train.peak_learning_rate"] = str(params.train.peak_learning_rate)
    curve = loss_curve(spec)
    metrics = [Metric("train/loss", v, 1_700_000_000_000 + s, s) for s, v in curve]
    metrics += [Metric("train/eval_loss", v + 0.08, 1_700_000_000_000 + s, s) for s, v in curve if s % 20 == 0]
    metrics.append(Metric("train/summary/final_loss", curve[-1][1], 1_700_000_000_000, 0))
    client.log_batch(run_id, metrics=metrics, params=[Param(k, v) for k, v in flat.items()])
    return curve


# --- evaluate ---------------------------------------------------------------------------------------------------


def finetuned_values(spec: VariantSpec) -> dict[str, float]:
    rng = random.Random(spec.seed + 1000)
    values = {}
    for metric, (base, higher) in BASE_METRICS.items():
        change = 0.1 * spec.quality * rng.uniform(0.2, 1.6) + rng.gauss(0, 0.03)
        value = base + (change if higher else -change)
        values[metric] = min(max(value, 0.0), 1.0) if "rate" in metric or "accuracy" in metric else value
    return values


def task_results(values: dict[str, float], length_factor: float, seed: int) -> dict[str, dict[str, Any]]:
    """{task: TaskResult} in the shape tasks.evaluate.task_result returns (stderr included)."""
    rng = random.Random(seed + 2000)
    results: dict[str, dict[str, Any]] = {}
    for key, value in values.items():
        task, metric = key.split("/", 1)
        result = results.setdefault(task, {"version": 1.0, "n_samples": 100, "metrics": {}, "higher_is_better": {}})
        result["metrics"][metric] = value
        result["metrics"][f"{metric}_stderr"] = rng.uniform(0.02, 0.06)
        result["higher_is_better"][metric] = BASE_METRICS[key][1]
    for task, result in results.items():
        result["samples"] = length_samples(length_factor, seed) if task == "length_calibration" else other_samples(task)
    if "length_calibration" in results:  # its metrics as the probe aggregates its samples, so chart and table agree
        results["length_calibration"]["metrics"].update(length_metrics(results["length_calibration"]["samples"]))
    return results


def length_metrics(samples: list[dict[str, Any]]) -> dict[str, float]:
    utils = length_utils()
    tuples = [tuple(s["metrics"]["length_log_error"]) for s in samples]
    adherence = [
        s["metrics"]["constraint_adherence"] for s in samples if s["metrics"]["constraint_adherence"] is not None
    ]
    return {
        "constraint_adherence": sum(adherence) / len(adherence),
        "length_log_error": utils.length_log_error(tuples),
        "length_spearman": utils.length_spearman(tuples),
        "median_length_ratio": utils.median_length_ratio(tuples),
    }


def length_utils() -> ModuleType:
    """evals/length_calibration/utils.py, imported by path as lm-eval imports it."""
    path = REPO / "evals" / "length_calibration" / "utils.py"
    spec = importlib.util.spec_from_file_location("compare_runs_length_utils", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def length_samples(factor: float, seed: int) -> list[dict[str, Any]]:
    """Each length_calibration item answered with a reply of about ``factor`` × its expected words, scored by the
    probe's own process_results (so the per-item tuples are what lm-eval logs)."""
    utils = length_utils()
    rng = random.Random(seed + 3000)
    items = [json.loads(line) for line in (REPO / "evals/length_calibration/items.jsonl").read_text().splitlines()]
    samples = []
    for doc_id, doc in enumerate(items):
        kind_factor = factor * (3.0 if doc["kind"] in ("word", "one_word") and factor > 1.5 else 1.0)
        words = max(0, round(doc["expected_words"] * kind_factor * math.exp(rng.gauss(0, 0.35))))
        reply = " ".join(["word"] * words)
        metrics = utils.process_results(doc, [reply])
        samples.append(
            {
                "doc_id": doc_id,
                "doc": doc,
                "response": reply,
                "metrics": {k: list(v) if isinstance(v, tuple) else _finite(v) for k, v in metrics.items()},
            }
        )
    return samples


def _finite(value: float) -> float | None:
    return value if math.isfinite(value) else None


def other_samples(task: str) -> list[dict[str, Any]]:
    return [{"doc_id": 0, "doc": {"id": f"{task}_001"}, "response": "an answer", "metrics": {"score": 1.0}}]


def _binary(metric: str) -> bool:
    return "rate" in metric or "accuracy" in metric or "consistency" in metric


def item_values(metric: str, value: float, seed: int | None, n: int = ITEMS) -> list[float]:
    """``n`` per-item outcomes of ``metric`` around ``value``: 0/1 for a rate, else continuous. Each item has a
    latent draw shared by every run (the same item is hard for every model); the base model (``seed`` None)
    follows it exactly, a fine-tuned model on ``AGREEMENT`` of the items, so the paired tests see correlated
    models as real ones are."""
    key = zlib.crc32(metric.encode())
    shared = random.Random(key)
    latent = [shared.random() for _ in range(n)]
    if seed is not None:
        own = random.Random(seed * 7919 + key)
        latent = [u if own.random() < AGREEMENT else own.random() for u in latent]
    if _binary(metric):
        return [1.0 if u < value else 0.0 for u in latent]
    scale = 0.25 * abs(value) + 0.02
    normal = statistics.NormalDist()
    return [value + scale * normal.inv_cdf(min(max(u, 1e-6), 1 - 1e-6)) for u in latent]


def item_outcomes(values: dict[str, float], seed: int | None) -> dict[str, dict[str, Any]]:
    """paired.ItemOutcomes of every metric but length_calibration's (mean aggregation, item keys per task)."""
    outcomes = {}
    for metric, value in sorted(values.items()):
        if metric.startswith("length_calibration/"):
            continue
        task = metric.split("/", 1)[0]
        items = [[f"{task}-{i:03d}", v] for i, v in enumerate(item_values(metric, value, seed))]
        outcomes[metric] = {"aggregation": "mean", "items": items}
    return outcomes


def _item_means(values: dict[str, float], outcomes: dict[str, dict[str, Any]]) -> dict[str, float]:
    """``values`` with each metric that has item outcomes replaced by their mean, so metrics and items agree."""
    means = {m: math.fsum(v for _, v in o["items"]) / len(o["items"]) for m, o in outcomes.items()}
    return {**values, **means}


def log_evaluate(
    client: Any, run_id: str, spec: VariantSpec
) -> tuple[dict[str, float], dict[str, float], dict[str, float], dict[str, bool], list[tuple[int, float]]]:
    """What tasks/evaluate.py run() writes and logs: metrics eval/{base,finetuned,delta}/... and (a paired spec)
    paired/vs_base/..., artifacts eval/."""
    from mlflow.entities import Metric

    from tasks.core import paired
    from tasks.evaluate import compare_with_base, deltas, flat_directions, flat_metrics, vs_base_metrics

    base_values, finetuned_values_ = {k: v for k, (v, _) in BASE_METRICS.items()}, finetuned_values(spec)
    outcomes = {"base": item_outcomes(base_values, None), "finetuned": item_outcomes(finetuned_values_, spec.seed)}
    base = task_results(_item_means(base_values, outcomes["base"]), BASE_LENGTH_FACTOR, seed=99)
    finetuned = task_results(_item_means(finetuned_values_, outcomes["finetuned"]), spec.length_factor, spec.seed)
    flat = {"base": flat_metrics(base), "finetuned": flat_metrics(finetuned)}
    metrics = {**flat, "delta": deltas(flat["base"], flat["finetuned"])}
    higher = flat_directions(finetuned)
    vs_base = {}
    if spec.paired:
        vs_base = compare_with_base(outcomes, higher, project_params(spec.overrides), ProjectPaths(REPO))
    with tempfile.TemporaryDirectory() as tmp:
        eval_dir = Path(tmp) / "evaluate"
        write_json(eval_dir / "higher_is_better.json", higher)
        write_json(eval_dir / "unavailable.json", {})
        write_json(eval_dir / "summary.json", {"tasks": sorted(finetuned)})
        if spec.paired:
            write_json(eval_dir / "item_outcomes.json", {"format": paired.FORMAT, **outcomes})
            write_json(eval_dir / "vs_base.json", vs_base)
        for label, results in (("base", base), ("finetuned", finetuned)):
            write_jsonl(
                eval_dir / f"samples_{label}.jsonl",
                ({"task": t, **s} for t, r in sorted(results.items()) for s in r["samples"]),
            )
        client.log_artifacts(run_id, str(eval_dir), "eval")
    entries = [
        Metric(f"eval/{group}/{k}", v, 1_700_000_100_000, 0)
        for group, values in metrics.items()
        for k, v in values.items()
    ]
    entries += [Metric(k, v, 1_700_000_100_000, 0) for k, v in vs_base_metrics(vs_base).items()]
    client.log_batch(run_id, metrics=entries)
    return metrics["finetuned"], metrics["base"], metrics["delta"], higher, loss_curve(spec)


def log_vs_base(client: Any, run_id: str, metric: str, low: float, high: float, mdd: float) -> None:
    """Overwrite a run's logged paired interval of ``metric`` against the base (a later step: MLflow's latest)."""
    from mlflow.entities import Metric

    fields = {"low": low, "high": high, "mdd": mdd}
    entries = [Metric(f"paired/vs_base/{metric}/{k}", v, 1_700_000_200_000, 1) for k, v in fields.items()]
    client.log_batch(run_id, metrics=entries)


# --- report: the data card --------------------------------------------------------------------------------------


def log_data_card(client: Any, run_id: str) -> None:
    """The data card folder as report logs it, written by tasks.data_card from a small prepared dataset."""
    from tasks.data_card import run as data_card

    with tempfile.TemporaryDirectory() as tmp:
        paths = ProjectPaths(Path(tmp))
        write_prepared(paths)
        data_card(project_params(), paths)
        client.log_artifacts(run_id, str(paths.data_card_dir), "data_card")
        client.log_artifact(run_id, str(paths.metrics("data_card")), "data_card")


def write_prepared(paths: ProjectPaths) -> None:
    rng = random.Random(7)
    splits = {"train": 160, "eval": 20, "heldout": 20}
    for split, n in splits.items():
        rows = []
        for i in range(n):
            prompt, response = rng.randint(12, 120), max(3, round(rng.lognormvariate(4.0, 0.7)))
            messages = [{"role": "user", "content": "q"}, {"role": "assistant", "content": "a"}]
            rows.append(
                {"id": f"{split}-{i}", "source": "data/raw/sft_sample.jsonl", "messages": messages,
                 "n_tokens": prompt + response, "n_label_tokens": response}
            )  # fmt: skip
        write_jsonl(paths.split_file(split), rows)
    rejects = [{"source": "data/raw/sft_sample.jsonl", "reason": r} for r in ["duplicate"] * 6 + ["too_long"] * 2]
    write_jsonl(paths.rejects, rejects)
    write_json(paths.metrics("prepare"), {"rows_in": sum(splits.values()) + len(rejects)})


# --- sweeps and the champion ------------------------------------------------------------------------------------


def log_sweep(
    client: Any, name: str, specs: list[VariantSpec], reused: dict[str, str] | None = None, failed: tuple[str, ...] = ()
) -> tuple[str, list[LoggedRun]]:
    """A parent run (the sweep contract's tags and sweep/variants.json) and one child run per spec; ``reused``
    maps a variant name to the run id of an earlier run it reuses (listed with status "reused", no new run);
    ``failed`` names variants listed as failed, without a run."""
    experiment_id = client.get_experiment_by_name(EXPERIMENT).experiment_id
    parent = client.create_run(
        experiment_id, run_name=f"sweep-{name}", tags={"sftops.sweep": name, "sftops.sweep.parent": "true"}
    )
    parent_id = parent.info.run_id
    runs = [log_variant(client, VariantSpec(**{**spec.__dict__, "sweep": name}), parent_id) for spec in specs]
    entries = [
        {"variant": spec.name, "run_id": run.run_id, "overrides": spec.overrides, "status": "ran"}
        for spec, run in zip(specs, runs, strict=True)
    ]
    entries += [{"variant": v, "run_id": r, "overrides": [], "status": "reused"} for v, r in (reused or {}).items()]
    entries += [{"variant": v, "run_id": None, "overrides": [], "status": "failed"} for v in failed]
    client.log_dict(parent_id, entries, "sweep/variants.json")
    client.set_terminated(parent_id)
    return parent_id, runs


def register_champion(client: Any, run: LoggedRun, alias: str = "champion", name: str = MODEL_NAME) -> str:
    """A registered version of ``run`` with the register stage's ``sftops.eval.*`` tags, holding ``alias``."""
    client.create_registered_model(name)
    tags = {f"sftops.eval.{k}": f"{v:.6g}" for k, v in run.finetuned.items() if not k.endswith("_stderr")}
    tags["sftops.eval_summary"] = json.dumps({"metrics": len(tags)})  # not a metric: compare must skip it
    version = client.create_model_version(name, f"runs:/{run.run_id}/model", run_id=run.run_id, tags=tags)
    client.set_registered_model_alias(name, alias, version.version)
    return str(version.version)


# --- the store the compare tests share ----------------------------------------------------------------------------


@dataclass
class DemoStore:
    uri: str
    client: Any
    root: Path
    champion: LoggedRun
    champion_version: str
    sweep: str
    parent_run_id: str
    variants: list[LoggedRun]


SWEEP_SPECS = [
    VariantSpec(
        "lora-r8", ["train.lora.r=8", "train.lora.alpha=16"], quality=0.4, length_factor=1.5, final_loss=1.45, seed=1
    ),
    VariantSpec(
        "lora-r32", ["train.lora.r=32", "train.lora.alpha=64"], quality=0.9, length_factor=1.1, final_loss=1.3, seed=2
    ),
]
UNMASKED_SPEC = VariantSpec(
    "unmasked", ["train.train_on_prompt=true"], quality=-0.4, length_factor=2.4, final_loss=1.1, seed=3
)


def demo_store(
    root: Path, monkeypatch: Any, specs: list[VariantSpec] | None = None, sweep: str = "lora-rank"
) -> DemoStore:
    """A store with an earlier run (no sweep tags, no data card) registered as the champion, and a sweep of
    ``specs`` (default: two LoRA ranks)."""
    uri, client = use_store(root, monkeypatch)
    champion = log_variant(client, VariantSpec("baseline", quality=0.3, length_factor=1.6, seed=5, data_card=False))
    version = register_champion(client, champion)
    parent_id, runs = log_sweep(client, sweep, specs or SWEEP_SPECS)
    return DemoStore(uri, client, root, champion, version, sweep, parent_id, runs)


def main(argv: list[str]) -> int:
    """``python -m tests.compare_runs DIR``: a demo store in DIR (the champion, a sweep of three variants) and its
    dashboard DIR/lora-rank.html, built from these synthetic runs (the README's screenshot)."""
    import pytest

    if len(argv) != 1:
        print("usage: python -m tests.compare_runs DIR", file=sys.stderr)
        return 2
    from tasks.tools.compare import Selection, build_dashboard

    root = Path(argv[0]).resolve()
    root.mkdir(parents=True, exist_ok=True)
    with pytest.MonkeyPatch.context() as mp:
        store = demo_store(root, mp, specs=[*SWEEP_SPECS, UNMASKED_SPEC])
        result = build_dashboard(
            Selection(sweep=store.sweep), project_params(), ProjectPaths(root), out=root / "lora-rank.html"
        )
    print(result.html_path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
