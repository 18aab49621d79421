"""Benchmark the eval suite: every task of ``eval.tasks`` (the ``sft_probes`` and ``sft_core`` tags) on
SmolLM2-135M-Instruct (the base model), one task at a time on one loaded model, as the evaluate stage runs them
(lm-eval's hf model, chat template applied, ``eval.batch_size`` from params.yaml, greedy).

Prints per task: wall seconds, items, items/s and the scores; then what batching buys: the same generation-heavy
probe slice at batch size 1 and at the configured batch size, same model, same items.

Goal (issue 5): the whole suite in at most 5 minutes on a 2-core CPU. ``total_s`` counts the model load and every
task; the batching comparison is extra and not part of it.

    .venv/bin/python benchmarks/bench_eval.py [--limit N] [--batch-size B] [--batching-task T --batching-items K]

Figures go to benchmarks/results/eval.json: total_s, one ``<task>_s`` per task, per-task items/s and scores,
and the batching comparison.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import tempfile
import time
from pathlib import Path
from typing import Any

from bench_common import ROOT, materialise_model, scratch_project

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

RESULTS = ROOT / "benchmarks" / "results" / "eval.json"
GOAL_S = 300.0


def load_model(model_dir: Path, batch_size: int) -> Any:
    from lm_eval.models.huggingface import HFLM

    return HFLM(pretrained=str(model_dir), dtype="float32", batch_size=batch_size, device="cpu")


def run_task(lm: Any, task: str, tm: Any, limit: int | None, seed: int) -> tuple[float, dict[str, Any]]:
    import lm_eval

    started = time.perf_counter()
    raw = lm_eval.simple_evaluate(
        model=lm,
        tasks=[task],
        task_manager=tm,
        apply_chat_template=True,
        fewshot_as_multiturn=True,
        limit=limit,
        log_samples=True,
        bootstrap_iters=0,
        random_seed=seed,
        numpy_random_seed=seed,
        torch_random_seed=seed,
        fewshot_random_seed=seed,
    )
    return time.perf_counter() - started, raw


def scores(raw: dict[str, Any], task: str) -> dict[str, float]:
    from tasks.evaluate import flatten_results

    return {
        k.split("/", 1)[1]: round(v, 4)
        for k, v in flatten_results({"results": {task: raw["results"][task]}}).items()
        if not k.endswith("_stderr")
    }


def main() -> None:
    import torch

    from tasks.core.params import load_params
    from tasks.evaluate import resolve_tasks, task_manager

    params = load_params(ROOT / "params.yaml")
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--limit", type=int, default=None, help="items per task (default: all)")
    parser.add_argument("--batch-size", type=int, default=params.eval.batch_size)
    parser.add_argument("--batching-task", default="prompt_continuation")
    parser.add_argument("--batching-items", type=int, default=32)
    args = parser.parse_args()
    torch.manual_seed(params.seed)

    model_dir = materialise_model()
    with tempfile.TemporaryDirectory(prefix="sftops_bench_eval_") as tmp:
        paths = scratch_project(Path(tmp), model_dir)
        paths.evals.symlink_to(ROOT / "evals", target_is_directory=True)
        tm = task_manager(paths)
        names = resolve_tasks(params.eval.tasks, tm, paths)
        suite_started = time.perf_counter()
        lm = load_model(model_dir, args.batch_size)
        load_s = time.perf_counter() - suite_started
        per_task: dict[str, dict[str, Any]] = {}
        print(f"model loaded in {load_s:.1f} s; batch size {args.batch_size}; {len(names)} tasks", flush=True)
        for name in names:
            seconds, raw = run_task(lm, name, tm, args.limit, params.seed)
            items = raw["n-samples"][name]["effective"]
            per_task[name] = {
                "seconds": round(seconds, 2),
                "items": items,
                "items_per_s": round(items / seconds, 2),
                "scores": scores(raw, name),
            }
            print(f"{name:<28} {seconds:7.1f} s  {items:4d} items  {items / seconds:6.2f} items/s", flush=True)
        total_s = time.perf_counter() - suite_started

        batching: dict[str, Any] = {"task": args.batching_task, "items": args.batching_items}
        for batch_size in (1, args.batch_size):
            model = lm if batch_size == args.batch_size else load_model(model_dir, batch_size)
            seconds, _ = run_task(model, args.batching_task, tm, args.batching_items, params.seed)
            batching[f"batch_{batch_size}_s"] = round(seconds, 2)
        batching["speedup"] = round(batching["batch_1_s"] / batching[f"batch_{args.batch_size}_s"], 2)

    print()
    print(f"{'task':<28} {'s':>7} {'items':>6} {'items/s':>8}  scores")
    for name, row in per_task.items():
        shown = ", ".join(f"{k} {v}" for k, v in row["scores"].items())
        print(f"{name:<28} {row['seconds']:7.1f} {row['items']:6d} {row['items_per_s']:8.2f}  {shown}")
    verdict = "meets" if total_s <= GOAL_S else "MISSES"
    print(f"\nwhole suite: {total_s:.1f} s incl. model load {load_s:.1f} s: {verdict} the {GOAL_S:.0f} s goal")
    print(
        f"batching ({args.batching_task}, {args.batching_items} items): batch 1 {batching['batch_1_s']} s, "
        f"batch {args.batch_size} {batching[f'batch_{args.batch_size}_s']} s = {batching['speedup']}x"
    )
    result = {
        "model": "SmolLM2-135M-Instruct (embedded), fp32, CPU",
        "machine": {"cpus": os.cpu_count(), "torch_threads": torch.get_num_threads(), "platform": platform.platform()},
        "batch_size": args.batch_size,
        "limit": args.limit,
        "goal_s": GOAL_S,
        "total_s": round(total_s, 2),
        "model_load_s": round(load_s, 2),
        **{f"{name}_s": row["seconds"] for name, row in per_task.items()},
        "tasks": per_task,
        "batching": batching,
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(result, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {RESULTS.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
