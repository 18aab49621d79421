"""Benchmark the refusal judges: judgements per second on the held-out voices set, one process, this machine.

Goal (issue 13): the shipped (learned) judge at least 50 judgements/s on 2 cores, so that judging never slows
the eval (the probes judge a few hundred replies per model). Also reports each judge's agreement, so a faster
judge that agrees less shows as such.

    .venv/bin/python benchmarks/bench_judge.py [--repeat N]

Figures go to benchmarks/results/judge.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import sys
import time

from bench_common import ROOT

sys.path.insert(0, str(ROOT / "evals"))  # the judge package, imported as the probes import it
sys.path.insert(0, str(ROOT / "evals" / "judge" / "labels"))
import judge  # noqa: E402
import score_judge  # noqa: E402

RESULTS = ROOT / "benchmarks" / "results" / "judge.json"
GOAL_PER_S = 50.0


def bench(name: str, rows: list[dict[str, str]], repeat: int) -> dict[str, float]:
    judge_fn = judge.resolve(name)
    judge_fn(rows[0]["prompt"], rows[0]["response"])  # loads weights / compiles patterns outside the timing
    started = time.perf_counter()
    for _ in range(repeat):
        for row in rows:
            judge_fn(row["prompt"], row["response"])
    seconds = time.perf_counter() - started
    report = score_judge.score(rows, judge_fn)
    return {
        "per_second": round(repeat * len(rows) / seconds, 1),
        "binary_agreement": round(report["binary_agreement"], 4),
        "agreement": round(report["agreement"], 4),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    rows = score_judge.load_rows(score_judge.DEFAULT_LABELS)
    results = {
        "rows": len(rows),
        "labels": score_judge.DEFAULT_LABELS.name,
        "goal_per_s": GOAL_PER_S,
        "machine": {"cpus": os.cpu_count(), "platform": platform.platform()},
        "judges": {name: bench(name, rows, args.repeat) for name in ("rules", "learned")},
    }
    results["goal_met"] = results["judges"]["learned"]["per_second"] >= GOAL_PER_S
    RESULTS.write_text(json.dumps(results, indent=2, sort_keys=True) + "\n")
    print(json.dumps(results, indent=2, sort_keys=True))


if __name__ == "__main__":
    main()
