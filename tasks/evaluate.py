"""Stage evaluate: the lm-eval probe suite on the base model and on the fine-tuned one, same tasks, same settings.

Tasks come from ``eval.tasks``: task folders in evals/ (the ``sft_probes`` tag names every probe), or any stock
lm-eval task or group. One lm-eval TaskManager over evals/ resolves them, so the stock
``lm_eval --include_path evals --tasks sft_probes`` CLI runs the very same tasks.

* The base model's results are cached per task under ``$SFTOPS_CACHE_DIR/base_eval`` (default
  ``~/.cache/sftops``), keyed by the base model's hash, the task's own files, the eval settings and, for tasks
  that read it, the held-out split: variants of one base model (a sweep, a retrain) evaluate it once.
* A stock task whose dataset cannot be loaded (offline, no hub access, a missing optional dependency) is
  reported in outputs/evaluate/unavailable.json, the log and the report; the other tasks still run. A broken
  task of this project fails the stage.
* Every metric gets a standard error. lm-eval has none for custom aggregations (a flip rate, a Spearman
  correlation), so all of them are bootstrapped here, resampling whole groups (see evals/probe_common.py).

Results are flattened to ``<task>/<metric>`` and ``<task>/<metric>_stderr``, written for both models plus the
deltas fine-tuned minus base to metrics/eval.json (``dvc metrics show``) and to the pipeline's MLflow run as
``eval/base/...``, ``eval/finetuned/...`` and ``eval/delta/...``; per-item replies go to
outputs/evaluate/samples_<model>.jsonl.
"""

from __future__ import annotations

import hashlib
import json
import logging
import math
import os
import random
import time
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from tasks.core import paired, tags, tracking
from tasks.core.assistant_model import is_peft_adapter
from tasks.core.dvc import out_hash
from tasks.core.errors import SftopsError
from tasks.core.io import read_json, write_json, write_jsonl
from tasks.core.params import EvalParams, Params
from tasks.core.paths import ProjectPaths
from tasks.core.stage import stage_main

log = logging.getLogger("sftops.evaluate")

CACHE_FORMAT = 2  # bump when the cached per-task result changes shape (2: aggregation specs for paired tests)
TaskResult = dict[str, Any]  # {"metrics": {...}, "higher_is_better": {...}, "samples": [...], "version": ...}


# --- results ------------------------------------------------------------------------------------------------


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


def _group_key(value: Any, index: int) -> Any:
    """Per-item values that are tuples carry their group (question, cluster) first; others are their own group."""
    if isinstance(value, tuple | list) and value and isinstance(value[0], str | int):
        return value[0]
    return index


def bootstrap_stderr(
    values: Sequence[Any], aggregate: Callable[[list[Any]], Any], iters: int, seed: int
) -> float | None:
    """Standard deviation of ``aggregate`` over ``iters`` resamples of whole groups (None: not computable).

    Resampling groups, not items, keeps a question's neutral and biased replies (or a cluster's paraphrases)
    together, so the error of a pair- or cluster-level statistic is not understated.
    """
    groups: dict[Any, list[Any]] = {}
    for index, value in enumerate(values):
        groups.setdefault(_group_key(value, index), []).append(value)
    members = list(groups.values())
    if len(members) < 2 or iters < 2:
        return None
    rng = random.Random(seed)
    draws = []
    for _ in range(iters):
        sample = [v for group in rng.choices(members, k=len(members)) for v in group]
        stat = aggregate(sample)
        if isinstance(stat, int | float) and math.isfinite(stat):
            draws.append(float(stat))
    if len(draws) < 2:
        return None
    mean = sum(draws) / len(draws)
    return math.sqrt(sum((d - mean) ** 2 for d in draws) / (len(draws) - 1))


def _jsonable(value: Any) -> Any:
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    if value is None or isinstance(value, str | int | bool):
        return value
    if hasattr(value, "item"):  # numpy scalars
        return _jsonable(value.item())
    return str(value)


def _response(sample: dict[str, Any]) -> Any:
    """The model's reply (generation tasks) or its per-choice log-likelihoods (the others)."""
    resps = sample.get("filtered_resps") or sample.get("resps") or []
    if len(resps) == 1:
        return resps[0]
    return resps


def _aggregation_specs(aggregations: dict[str, Callable[[list[Any]], Any]], evals_dir: Path) -> dict[str, str]:
    """{metric: spec} for the aggregations a paired test can find again (see tasks/core/paired.py); a stock
    task's own aggregation that lives elsewhere is left out (its metric gets no paired comparison)."""
    specs = {}
    for metric, function in aggregations.items():
        try:
            specs[metric] = paired.aggregation_spec(function, evals_dir)
        except (TypeError, ValueError) as e:
            log.debug("no paired comparison for %s: %s", metric, e)
    return specs


def task_result(
    name: str,
    raw: dict[str, Any],
    aggregations: dict[str, Callable[[list[Any]], Any]],
    iters: int,
    seed: int,
    evals_dir: Path,
) -> TaskResult:
    """One task's flat metrics (every one with a bootstrapped stderr), directions, aggregation specs and per-item
    samples."""
    metrics = {
        key.split("/", 1)[1]: value
        for key, value in flatten_results({"results": {name: raw["results"][name]}}).items()
        if not key.endswith("_stderr")
    }
    samples = raw.get("samples", {}).get(name, [])
    for metric, aggregate in aggregations.items():
        if metric not in metrics:
            continue
        per_item = [s[metric] for s in samples if metric in s]
        stderr = bootstrap_stderr(per_item, aggregate, iters, seed)
        if stderr is not None:
            metrics[f"{metric}_stderr"] = stderr
    return {
        "version": raw.get("versions", {}).get(name),
        "n_samples": raw.get("n-samples", {}).get(name, {}).get("effective", len(samples)),
        "metrics": metrics,
        "higher_is_better": {m: bool(b) for m, b in raw.get("higher_is_better", {}).get(name, {}).items()},
        # every declared metric, also one undefined on this run (NaN): another run may pair with it
        "aggregations": _aggregation_specs(aggregations, evals_dir),
        "samples": [
            {
                "doc_id": s.get("doc_id"),
                "doc": _jsonable(s.get("doc")),
                "response": _jsonable(_response(s)),
                "metrics": {m: _jsonable(s.get(m)) for m in s.get("metrics", [])},
            }
            for s in samples
        ],
    }


def flat_metrics(results: dict[str, TaskResult]) -> dict[str, float]:
    return {f"{task}/{metric}": v for task, r in sorted(results.items()) for metric, v in r["metrics"].items()}


def flat_directions(results: dict[str, TaskResult]) -> dict[str, bool]:
    return {f"{task}/{m}": b for task, r in sorted(results.items()) for m, b in r["higher_is_better"].items()}


# --- tasks --------------------------------------------------------------------------------------------------


def task_manager(paths: ProjectPaths, requested: Iterable[str] | None = None) -> Any:
    """lm-eval's TaskManager over evals/. Indexing lm-eval's own ~14,000 task YAMLs takes about 6 s, so when every
    ``requested`` name is a task or tag of evals/ the index holds evals/ only; a stock task (``arc_easy``) or
    ``requested=None`` indexes lm-eval's registry too."""
    from lm_eval.tasks import TaskManager

    metadata = {"heldout_path": str(paths.split_file("heldout"))}
    if requested is not None:
        ours = TaskManager(include_path=str(paths.evals), include_defaults=False, metadata=metadata)
        if all(_entry(ours, name) is not None for name in requested):
            return ours
    return TaskManager(include_path=str(paths.evals), metadata=metadata)


def _entry(tm: Any, name: str) -> Any:
    return tm.task_index.get(name)


def resolve_tasks(requested: Iterable[str], tm: Any, paths: ProjectPaths) -> list[str]:
    """Task names to run: tags of this project's tasks (``sft_probes``) expand to their members."""
    names: list[str] = []
    for name in requested:
        entry = _entry(tm, name)
        if entry is None:
            ours = sorted(n for n in tm.all_tasks if is_project_task(n, tm, paths))
            raise SftopsError(
                f"eval.tasks: {name!r} is neither a task in evals/ nor a task, group or tag in lm-eval's "
                f"registry. Tasks here: {ours}; tag `sft_probes` runs every probe; `lm_eval ls tasks` lists the rest"
            )
        members = sorted(entry.tags) if entry.kind.name == "TAG" else [name]
        names += [m for m in members if m not in names]
    return names


def is_project_task(name: str, tm: Any, paths: ProjectPaths) -> bool:
    entry = _entry(tm, name)
    if entry is None or entry.yaml_path is None:
        return False
    return Path(entry.yaml_path).resolve().is_relative_to(paths.evals.resolve())


def load_tasks(names: Sequence[str], tm: Any, paths: ProjectPaths) -> tuple[dict[str, dict[str, Any]], dict[str, str]]:
    """{requested name: {leaf task name: Task}} for every task that loads, and {name: why} for stock tasks that
    do not (their dataset is not reachable offline, say). A task of this project that fails to load raises."""
    loaded: dict[str, dict[str, Any]] = {}
    unavailable: dict[str, str] = {}
    for name in names:
        try:
            loaded[name] = dict(tm.load([name])["tasks"])
        except Exception as exc:
            if is_project_task(name, tm, paths):
                raise SftopsError(f"evals/ task {name!r} failed to load: {type(exc).__name__}: {exc}") from exc
            reason = f"{type(exc).__name__}: {str(exc).strip().splitlines()[0] if str(exc).strip() else ''}"
            unavailable[name] = reason
            log.warning("eval task %s is unavailable and is skipped (%s); the other tasks still run", name, reason)
    return loaded, unavailable


# --- the base-model cache -----------------------------------------------------------------------------------


def cache_dir() -> Path:
    root = os.environ.get("SFTOPS_CACHE_DIR") or Path.home() / ".cache" / "sftops"
    return Path(root) / "base_eval"


def _hash_files(digest: Any, files: Iterable[Path], root: Path) -> None:
    for path in sorted(files):
        digest.update(path.relative_to(root).as_posix().encode())
        digest.update(hashlib.sha256(path.read_bytes()).digest())


def model_fingerprint(model_dir: Path, paths: ProjectPaths) -> str:
    """The base model's DVC hash when base_model ran under DVC, else a hash of its files."""
    recorded = out_hash(paths.root, "base_model", model_dir.relative_to(paths.root).as_posix())
    if recorded:
        return f"dvc:{recorded}"
    digest = hashlib.sha256()
    _hash_files(digest, (p for p in model_dir.rglob("*") if p.is_file()), model_dir)
    return f"sha256:{digest.hexdigest()}"


def read_at_run_time(relative: Path) -> bool:
    """Whether lm-eval reads this file of a probe folder when it runs the probe: not the item generator, its
    hand-written sources, the label set or the README (.dvcignore leaves the same files out of evaluate's deps)."""
    return not (
        "__pycache__" in relative.parts
        or relative.parts[0] == "sources"
        or relative.name.startswith("build_")
        or relative.name in ("labels.jsonl", "README.md")
    )


def task_fingerprint(name: str, tm: Any, paths: ProjectPaths) -> str:
    """What a task's result depends on besides the model: its folder (YAML, code, items), the shared probe code,
    and the held-out split when its loader reads it; for a stock task, the lm-eval version."""
    import lm_eval

    digest = hashlib.sha256(f"{name}\n".encode())
    if not is_project_task(name, tm, paths):
        digest.update(f"lm_eval {getattr(lm_eval, '__version__', '?')}".encode())
        return digest.hexdigest()
    folder = Path(_entry(tm, name).yaml_path).resolve().parent
    files = [p for p in folder.rglob("*") if p.is_file() and read_at_run_time(p.relative_to(folder))]
    shared = [p for p in paths.evals.glob("*.py")]
    _hash_files(digest, files + shared, paths.evals.resolve())
    if any("heldout_path" in p.read_text(encoding="utf-8", errors="ignore") for p in folder.glob("*.py")):
        heldout = paths.split_file("heldout")
        digest.update(hashlib.sha256(heldout.read_bytes()).digest() if heldout.is_file() else b"missing")
    return digest.hexdigest()


def cache_key(model: str, task: str, settings: EvalParams, seed: int, judge: str = "") -> str:
    """The base-model cache key: ``judge`` is the refusal judge's fingerprint (it scores the refusal probes)."""
    relevant = {
        "format": CACHE_FORMAT,
        "model": model,
        "task": task,
        "judge": judge,
        "limit": settings.limit,
        "apply_chat_template": settings.apply_chat_template,
        "bootstrap_iters": settings.bootstrap_iters,
        "seed": seed,
    }
    return hashlib.sha256(json.dumps(relevant, sort_keys=True).encode()).hexdigest()[:32]


def read_cached(key: str) -> TaskResult | None:
    path = cache_dir() / f"{key}.json"
    return read_json(path) if path.is_file() else None


def write_cached(key: str, result: TaskResult) -> None:
    path = cache_dir() / f"{key}.json"
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    write_json(tmp, result)
    tmp.replace(path)  # atomic: two pipelines sharing the cache never read half a file


# --- running ------------------------------------------------------------------------------------------------


def run_lm_eval(
    model_args: str, tasks: dict[str, dict[str, Any]], settings: EvalParams, tm: Any, seed: int, evals_dir: Path
) -> dict[str, TaskResult]:
    """simple_evaluate over ``tasks`` ({requested: {leaf: Task}}) → {leaf task: TaskResult}."""
    import lm_eval
    import torch

    raw = lm_eval.simple_evaluate(
        model="hf",
        model_args=model_args,
        tasks=list(tasks),
        task_manager=tm,
        apply_chat_template=settings.apply_chat_template,
        fewshot_as_multiturn=settings.apply_chat_template,
        batch_size=settings.batch_size,
        limit=settings.limit,
        device="cuda" if torch.cuda.is_available() else "cpu",
        log_samples=True,
        bootstrap_iters=0,  # every stderr is bootstrapped by task_result, custom aggregations included
        random_seed=seed,
        numpy_random_seed=seed,
        torch_random_seed=seed,
        fewshot_random_seed=seed,
    )
    if raw is None:
        raise SftopsError("lm-eval returned no results (is this a non-zero rank of a distributed run?)")
    leaves = {leaf: task for group in tasks.values() for leaf, task in group.items()}
    return {
        leaf: task_result(leaf, raw, task.aggregation(), settings.bootstrap_iters, seed, evals_dir)
        for leaf, task in leaves.items()
        if leaf in raw.get("results", {})
    }


def model_args(params: Params, paths: ProjectPaths) -> dict[str, str]:
    common = f"pretrained={paths.base_model},dtype=float32"
    if params.model.trust_remote_code:
        common += ",trust_remote_code=True"
    if is_peft_adapter(paths.adapter):
        finetuned = f"{common},peft={paths.adapter}"
    else:  # full fine-tuning: the whole model is in models/adapter
        finetuned = common.replace(f"pretrained={paths.base_model}", f"pretrained={paths.adapter}")
    return {"base": common, "finetuned": finetuned}


def evaluate_base(
    args: str, tasks: dict[str, dict[str, Any]], params: Params, paths: ProjectPaths, tm: Any
) -> tuple[dict[str, TaskResult], list[str]]:
    """The base model's results, from the cache where it has them; returns them and the tasks that hit."""
    fingerprint = model_fingerprint(paths.base_model, paths)
    judge = judges_module(paths).fingerprint(params.eval.judge)
    keys = {
        leaf: cache_key(fingerprint, task_fingerprint(leaf, tm, paths), params.eval, params.seed, judge)
        for group in tasks.values()
        for leaf in group
    }
    results = {leaf: hit for leaf, key in keys.items() if (hit := read_cached(key)) is not None}
    hits = sorted(results)
    missing = {name: group for name, group in tasks.items() if any(leaf not in results for leaf in group)}
    if missing:
        log.info("evaluating the base model on %s", ", ".join(missing))
        fresh = run_lm_eval(args, missing, params.eval, tm, params.seed, paths.evals)
        for leaf, result in fresh.items():
            write_cached(keys[leaf], result)
        results.update(fresh)
        hits = [leaf for leaf in hits if leaf not in fresh]
    if hits:
        log.info("base model results reused from %s for %s", cache_dir(), ", ".join(hits))
    return results, hits


def compare_with_base(
    outcomes: dict[str, paired.ItemOutcomes], higher: dict[str, bool], params: Params, paths: ProjectPaths
) -> dict[str, dict[str, Any]]:
    """The fine-tuned model against the base on every metric, item by item: {metric: comparison + verdict}."""
    settings = params.eval.significance
    compared: dict[str, dict[str, Any]] = {}
    for metric in sorted(outcomes["finetuned"]):
        if metric not in higher:
            continue
        comparison = paired.compare_outcomes(
            outcomes["finetuned"],
            outcomes["base"],
            metric,
            higher[metric],
            paths.evals,
            settings.confidence,
            settings.bootstrap_iters,
            params.seed,
        )
        if comparison is not None:
            verdict = comparison.verdict(settings.detectable_for(metric))
            compared[metric] = {**comparison.as_dict(), "verdict": verdict}
    return compared


def vs_base_metrics(vs_base: dict[str, dict[str, Any]]) -> dict[str, float]:
    """The paired intervals as MLflow metrics, so the dashboard can say which deltas are real."""
    return {
        f"{paired.VS_BASE_RUN_PREFIX}{metric}/{field}": float(comparison[field])
        for metric, comparison in vs_base.items()
        for field in ("low", "high", "mdd")
    }


def _log_summary(metrics: dict[str, dict[str, float]], higher: dict[str, bool]) -> None:
    for key, value in sorted(metrics["finetuned"].items()):
        if key.endswith("_stderr"):
            continue
        arrow = {True: "↑", False: "↓"}.get(higher.get(key), "?")
        err = metrics["finetuned"].get(f"{key}_stderr")
        log.info(
            "%-55s %s base %.4f  fine-tuned %.4f%s",
            key,
            arrow,
            metrics["base"].get(key, float("nan")),
            value,
            f" ± {err:.4f}" if err is not None else "",
        )


def judges_module(paths: ProjectPaths) -> Any:
    """The judge package evals/judge/, imported the way the probes import it: evals/ on sys.path, ``import judge``
    (see evals/README.md, "How a probe imports shared code")."""
    import sys

    if str(paths.evals) not in sys.path:
        sys.path.insert(0, str(paths.evals))
    import judge

    return judge


def select_judge(params: Params, paths: ProjectPaths) -> None:
    """Point the probes at ``eval.judge`` (they read it from the environment, also under the stock lm_eval CLI)
    and fail now, not mid-eval, when it cannot be imported."""
    judges = judges_module(paths)
    try:
        judges.resolve(params.eval.judge)
    except (ImportError, AttributeError, ValueError) as e:
        raise SftopsError(f"eval.judge: {params.eval.judge!r} cannot be used: {e}") from e
    os.environ[judges.JUDGE_ENV] = params.eval.judge


def run(params: Params, paths: ProjectPaths) -> dict[str, Any]:
    started = time.perf_counter()
    select_judge(params, paths)
    tm = task_manager(paths, params.eval.tasks)
    tasks, unavailable = load_tasks(resolve_tasks(params.eval.tasks, tm, paths), tm, paths)
    if not tasks:
        raise SftopsError(f"eval.tasks: none of {params.eval.tasks} could be loaded: {unavailable}")
    args = model_args(params, paths)
    base, cache_hits = evaluate_base(args["base"], tasks, params, paths, tm)
    log.info("evaluating the fine-tuned model on %s", ", ".join(tasks))
    finetuned = run_lm_eval(args["finetuned"], tasks, params.eval, tm, params.seed, paths.evals)

    flat = {"base": flat_metrics(base), "finetuned": flat_metrics(finetuned)}
    metrics = {**flat, "delta": deltas(flat["base"], flat["finetuned"])}
    higher = flat_directions(finetuned)
    write_json(paths.metrics("eval"), metrics)
    write_json(paths.eval_dir / "higher_is_better.json", higher)
    write_json(paths.eval_dir / "unavailable.json", unavailable)
    summary = {
        "tasks": sorted(finetuned),
        "versions": {t: r["version"] for t, r in sorted(finetuned.items())},
        "n_samples": {t: r["n_samples"] for t, r in sorted(finetuned.items())},
        "base_cache_hits": cache_hits,
        "unavailable": unavailable,
        "seconds": round(time.perf_counter() - started, 1),
    }
    write_json(paths.eval_dir / "summary.json", summary)
    for label, results in (("base", base), ("finetuned", finetuned)):
        write_jsonl(
            paths.eval_dir / f"samples_{label}.jsonl",
            ({"task": t, **s} for t, r in sorted(results.items()) for s in r["samples"]),
        )
    outcomes = {"base": paired.item_outcomes(base), "finetuned": paired.item_outcomes(finetuned)}
    write_json(paths.item_outcomes, {"format": paired.FORMAT, **outcomes})
    vs_base = compare_with_base(outcomes, higher, params, paths)
    write_json(paths.eval_vs_base, vs_base)
    with tracking.resume_run(paths):
        import mlflow

        mlflow.log_metrics({tags.eval_metric(g, k): v for g, values in metrics.items() for k, v in values.items()})
        mlflow.log_metrics(vs_base_metrics(vs_base))
        mlflow.set_tag(tags.EVAL_BASE_CACHE_HITS, ",".join(cache_hits) or "none")
        if unavailable:
            mlflow.set_tag(tags.EVAL_UNAVAILABLE, json.dumps(unavailable)[:5000])
        mlflow.log_artifacts(str(paths.eval_dir), artifact_path="eval")
    _log_summary(metrics, higher)
    return metrics


if __name__ == "__main__":
    stage_main("evaluate", run)
