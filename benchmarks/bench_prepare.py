"""Benchmark the prepare stage and the validate gate on 52,000 generated Alpaca-shaped rows.

The dataset is generated deterministically with planted exact duplicates (case and whitespace changed),
near-duplicates (two words of the reply changed) and boilerplate refusals, each a known count. The run
reads it as JSONL, prepares it with the real SmolLM2 tokenizer (extracted from the embedded GGUF), runs the
validate stage's Great Expectations suite on the prepared rows, and reports rows/s, wall time and how many
planted rows each filter caught. Figures go to benchmarks/results/prepare.json.

    .venv/bin/python benchmarks/bench_prepare.py [--rows 52000]
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

REFUSALS = [
    "As an AI language model, I cannot provide that.",
    "I'm sorry, but I can't help with that request.",
    "I cannot assist with this.",
    "As a large language model, I do not have personal opinions.",
    "I’m sorry, but I cannot do that.",
]
TASKS = ["Explain", "Describe", "Summarise", "Compare", "List the uses of", "Give an example of", "Why does"]


def vocabulary(tokenizer: Any, size: int = 8000, seed: int = 0) -> list[str]:
    """Lower-case words that are one token each after a space (as most common English words are)."""
    words = sorted(t[1:] for t in tokenizer.get_vocab() if t.startswith("Ġ") and t[1:].isalpha() and t[1:].islower())
    return sorted(random.Random(seed).sample([w for w in words if len(w) >= 3], size))


def build_dataset(n_rows: int, vocab: list[str], seed: int = 0) -> tuple[list[dict[str, str]], dict[str, set[int]]]:
    """Rows plus the 1-based lines of each planted kind: exact_dup, near_dup, refusal.

    A planted copy is always made from an original row that came earlier, so it is the copy that a
    first-occurrence-wins filter must reject.
    """
    rng = random.Random(seed)
    n_exact, n_near, n_refusal = n_rows // 50, n_rows // 50, n_rows // 100
    n_base = n_rows - n_exact - n_near - n_refusal
    head = min(1000, n_base)
    plan = ["exact_dup"] * n_exact + ["near_dup"] * n_near + ["refusal"] * n_refusal + ["base"] * (n_base - head)
    rng.shuffle(plan)
    plan = ["base"] * head + plan

    def sentence(k: int) -> str:
        return " ".join(rng.choice(vocab) for _ in range(k))

    rows: list[dict[str, str]] = []
    originals: list[dict[str, str]] = []
    planted: dict[str, set[int]] = {"exact_dup": set(), "near_dup": set(), "refusal": set()}
    for kind in plan:
        if kind == "base":
            words = sentence(rng.randint(130, 170)).split()
            for i in range(12, len(words), 15):
                words[i] += "."
            row = {
                "instruction": f"{rng.choice(TASKS)} {sentence(rng.randint(4, 10))}.",
                "input": sentence(rng.randint(8, 25)) + "." if rng.random() < 0.3 else "",
                "output": " ".join(words).capitalize() + ".",
            }
            originals.append(row)
        elif kind == "exact_dup":  # case and whitespace changed
            src = rng.choice(originals)
            row = {
                **src,
                "instruction": "  " + src["instruction"].upper(),
                "output": src["output"].replace(" ", "  ", 3),
            }
        elif kind == "near_dup":  # two words of the reply changed
            src = rng.choice(originals)
            words = src["output"].split()
            for pos in rng.sample(range(len(words)), 2):
                words[pos] = rng.choice(vocab)
            row = {**src, "output": " ".join(words)}
        else:
            row = {
                "instruction": f"{rng.choice(TASKS)} {sentence(rng.randint(4, 10))}.",
                "input": "",
                "output": f"{rng.choice(REFUSALS)} {sentence(12)}.",
            }
        rows.append(row)
        if kind != "base":
            planted[kind].add(len(rows))
    return rows, planted


def smollm2_tokenizer(cache: Path) -> Any:
    from transformers import AutoTokenizer

    from tasks.core.hub import EMBEDDED_GGUF, embedded_gguf_path

    if not (cache / "tokenizer.json").is_file():
        AutoTokenizer.from_pretrained(embedded_gguf_path().parent, gguf_file=EMBEDDED_GGUF).save_pretrained(cache)
    return AutoTokenizer.from_pretrained(cache)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=52_000)
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "prepare.json")
    args = parser.parse_args()

    import pandas as pd

    from tasks.core.params import Params
    from tasks.data.readers import read_rows
    from tasks.prepare import prepare_rows, summarise
    from tasks.validate import COLUMNS, build_expectations, run_suite

    tokenizer = smollm2_tokenizer(Path(tempfile.gettempdir()) / "sftops_bench_smollm2_tokenizer")
    rows, planted = build_dataset(args.rows, vocabulary(tokenizer))
    params = Params()
    with tempfile.TemporaryDirectory() as tmp:
        raw = Path(tmp) / "raw.jsonl"
        raw.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")

        start = time.perf_counter()
        result = prepare_rows(read_rows(str(raw), Path(tmp)), "raw.jsonl", params.data, tokenizer, params.seed)
        prepared_s = time.perf_counter() - start
        frame = pd.DataFrame(
            [{**{c: r.get(c) for c in COLUMNS}, "split": split} for split, rs in result.splits.items() for r in rs],
            columns=COLUMNS,
        )
        suite = run_suite(frame, build_expectations(params))
        wall_s = time.perf_counter() - start

    summary = summarise(result)
    assert summary["rows_in"] == summary["kept"] + summary["rejected"] == len(rows), summary
    by_line = {r["line"]: r["reason"] for r in result.rejects}

    def recall(kind: str, reason: str) -> float:
        return sum(by_line.get(line) == reason for line in planted[kind]) / max(1, len(planted[kind]))

    figures = {
        "rows": len(rows),
        "wall_s": round(wall_s, 2),
        "rows_per_s": round(len(rows) / wall_s, 1),
        "near_dup_recall": round(recall("near_dup", "near_duplicate"), 4),
        "refusal_recall": round(recall("refusal", "refusal_boilerplate"), 4),
        "exact_dup_recall": round(recall("exact_dup", "duplicate"), 4),
        "prepare_s": round(prepared_s, 2),
        "validate_s": round(wall_s - prepared_s, 2),
        "validation_success": bool(suite["success"]),
        "planted": {kind: len(lines) for kind, lines in planted.items()},
        "rejected_by_reason": summary["rejected_by_reason"],
        "kept": summary["kept"],
        "mean_tokens": summary["tokens"]["mean"],
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(
        f"{figures['rows']} rows in {figures['wall_s']} s ({figures['rows_per_s']} rows/s; prepare "
        f"{figures['prepare_s']} s, validate {figures['validate_s']} s); near-dup recall "
        f"{figures['near_dup_recall']:.1%}, refusal recall {figures['refusal_recall']:.1%}, exact-dup recall "
        f"{figures['exact_dup_recall']:.1%}; gate {'passed' if figures['validation_success'] else 'FAILED'}"
    )
    print(json.dumps(figures["rejected_by_reason"]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
