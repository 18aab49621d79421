"""Benchmark the prepare stage and the validate gate on 52,000 generated Alpaca-shaped rows.

The dataset is generated deterministically, Alpaca-sized (see ``build_dataset``), with planted exact duplicates
(case and whitespace changed), near-duplicates (one word of a long reply changed) and boilerplate refusals,
each a known count. The prepare and validate stages' own ``run`` process it in a scratch project (read the
JSONL, filter, render, tokenise with the real SmolLM2 tokenizer, write the splits and rejects, run the Great
Expectations gate) and the benchmark reports rows/s, wall time and how many planted rows each filter caught.
A peer, the per-row script most SFT repos carry (``peer_prepare``), runs on the first 10,000 rows against
prepare on the same rows, for a ratio. Figures go to benchmarks/results/prepare.json.

    .venv/bin/python benchmarks/bench_prepare.py [--rows 52000]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import shutil
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

    Lengths follow Stanford Alpaca's: its 52,002 rows hold about 375 characters (~85 tokens) of instruction,
    input and output each (47.8 MB for the four columns, the fourth repeating the other three inside a fixed
    prompt), 40% with an input. Here: instructions of 5-15 words, an input of 5-25 words in 40% of rows,
    outputs log-normal around 50 words (mean ~65, 3 to 400), every word one SmolLM2 token.

    A planted copy is always made from an original row that came earlier, so it is the copy that a
    first-occurrence-wins filter must reject. A near-duplicate changes one word of an original of at least
    80 words, which keeps the Jaccard similarity of their word 5-shingle sets at or above 0.88.
    """
    rng = random.Random(seed)
    n_exact, n_near, n_refusal = n_rows // 50, n_rows // 50, n_rows // 100
    n_base = n_rows - n_exact - n_near - n_refusal
    head = min(2000, n_base)
    plan = ["exact_dup"] * n_exact + ["near_dup"] * n_near + ["refusal"] * n_refusal + ["base"] * (n_base - head)
    rng.shuffle(plan)
    plan = ["base"] * head + plan

    def sentence(k: int) -> str:
        return " ".join(rng.choice(vocab) for _ in range(k))

    def reply() -> str:
        words = sentence(min(400, max(3, round(rng.lognormvariate(math.log(50), 0.7))))).split()
        for i in range(12, len(words), 15):
            words[i] += "."
        return " ".join(words).capitalize() + "."

    rows: list[dict[str, str]] = []
    originals: list[dict[str, str]] = []
    long_originals: list[dict[str, str]] = []
    planted: dict[str, set[int]] = {"exact_dup": set(), "near_dup": set(), "refusal": set()}
    for kind in plan:
        if kind == "base":
            row = {
                "instruction": f"{rng.choice(TASKS)} {sentence(rng.randint(4, 14))}.",
                "input": sentence(rng.randint(5, 25)) + "." if rng.random() < 0.4 else "",
                "output": reply(),
            }
            originals.append(row)
            if sum(len(row[k].split()) for k in row) >= 80:
                long_originals.append(row)
        elif kind == "exact_dup":  # case and whitespace changed
            src = rng.choice(originals)
            row = {
                **src,
                "instruction": "  " + src["instruction"].upper(),
                "output": src["output"].replace(" ", "  ", 3),
            }
        elif kind == "near_dup":  # one word of the reply changed
            src = rng.choice(long_originals)
            words = src["output"].split()
            words[rng.randrange(len(words))] = rng.choice(vocab)
            row = {**src, "output": " ".join(words)}
        else:
            row = {
                "instruction": f"{rng.choice(TASKS)} {sentence(rng.randint(4, 14))}.",
                "input": "",
                "output": f"{rng.choice(REFUSALS)} {sentence(12)}.",
            }
        rows.append(row)
        if kind != "base":
            planted[kind].add(len(rows))
    return rows, planted


def smollm2_tokenizer(cache: Path) -> Any:
    from transformers import AutoTokenizer

    from tasks.core.chat_templates import apply_template_choice
    from tasks.core.hub import EMBEDDED_GGUF, embedded_gguf_path

    if not (cache / "tokenizer.json").is_file():
        tokenizer = AutoTokenizer.from_pretrained(embedded_gguf_path().parent, gguf_file=EMBEDDED_GGUF)
        apply_template_choice(tokenizer, "auto")  # what the base_model stage saves
        tokenizer.save_pretrained(cache)
    return AutoTokenizer.from_pretrained(cache)


def peer_prepare(rows: list[dict[str, str]], tokenizer: Any, threshold: float, patterns: list[str]) -> int:
    """What a typical SFT data script does, with the same filters; returns the rows kept.

    Per row: exact-duplicate set, refusal regexes, a datasketch MinHash of word 5-shingles queried against and
    inserted into a MinHashLSH, then the prompt and the whole conversation tokenised through the chat
    template (labels = -100 over the prompt's length).
    """
    import re

    from datasketch import MinHash, MinHashLSH

    refusal = re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)
    lsh = MinHashLSH(threshold=threshold, num_perm=64)
    seen: set[str] = set()
    kept = 0
    for i, row in enumerate(rows):
        user = f"{row['instruction']}\n\n{row['input']}" if row["input"] else row["instruction"]
        messages = [{"role": "user", "content": user}, {"role": "assistant", "content": row["output"]}]
        text = " ".join(f"{user} {row['output']}".split()).lower()
        if text in seen or refusal.search(row["output"]):
            continue
        seen.add(text)
        words = text.split()
        minhash = MinHash(num_perm=64)
        minhash.update_batch([" ".join(words[j : j + 5]).encode() for j in range(max(1, len(words) - 4))])
        if lsh.query(minhash):
            continue
        lsh.insert(i, minhash)
        prompt = tokenizer.apply_chat_template(messages[:-1], add_generation_prompt=True, return_dict=True)
        full = tokenizer.apply_chat_template(messages, return_dict=True)
        n_prompt = len(prompt["input_ids"])
        labels = [-100] * n_prompt + full["input_ids"][n_prompt:]
        kept += len(labels) > 0
    return kept


def run_stages(rows: list[dict[str, str]], tokenizer_dir: Path, root: Path) -> tuple[dict[str, Any], float, float]:
    """prepare's and validate's own ``run`` on ``rows`` in a scratch project: (summary, prepare_s, validate_s)."""
    from tasks import prepare, validate
    from tasks.core.params import Params
    from tasks.core.paths import ProjectPaths

    paths = ProjectPaths(root=root)
    shutil.copytree(tokenizer_dir, paths.base_model, dirs_exist_ok=True)
    raw = root / "data" / "raw" / "bench.jsonl"
    raw.parent.mkdir(parents=True, exist_ok=True)
    raw.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    params = Params.model_validate({"data": {"path": "data/raw/bench.jsonl"}})
    start = time.perf_counter()
    summary = prepare.run(params, paths)
    prepared = time.perf_counter()
    validation = validate.run(params, paths)
    return {**summary, "validation": validation}, prepared - start, time.perf_counter() - prepared


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=52_000)
    parser.add_argument("--peer-rows", type=int, default=10_000, help="rows both pipelines run for the ratio")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "results" / "prepare.json")
    args = parser.parse_args()

    from tasks.core.io import read_jsonl
    from tasks.core.params import Params

    # the libraries the two stages load, once per process whatever the data size: timed apart
    start = time.perf_counter()
    import datasketch  # noqa: F401
    import great_expectations  # noqa: F401
    import transformers  # noqa: F401

    imports_s = time.perf_counter() - start
    tokenizer_dir = Path(tempfile.gettempdir()) / "sftops_bench_smollm2_tokenizer"
    tokenizer = smollm2_tokenizer(tokenizer_dir)
    rows, planted = build_dataset(args.rows, vocabulary(tokenizer))
    with tempfile.TemporaryDirectory() as tmp:
        summary, prepare_s, validate_s = run_stages(rows, tokenizer_dir, Path(tmp) / "full")
        rejects = list(read_jsonl(Path(tmp) / "full" / "outputs" / "prepare" / "rejects.jsonl"))
        peer_rows = rows[: args.peer_rows]
        _, ours_subset_s, _ = run_stages(peer_rows, tokenizer_dir, Path(tmp) / "subset")
    params = Params()
    start = time.perf_counter()
    peer_prepare(peer_rows, tokenizer, params.data.near_dup_threshold, params.data.refusal_patterns)
    peer_s = time.perf_counter() - start

    wall_s = prepare_s + validate_s
    assert summary["rows_in"] == summary["kept"] + summary["rejected"] == len(rows), summary
    by_line = {r["line"]: r["reason"] for r in rejects}

    def recall(kind: str, reason: str) -> float:
        return sum(by_line.get(line) == reason for line in planted[kind]) / max(1, len(planted[kind]))

    figures = {
        "rows": len(rows),
        "wall_s": round(wall_s, 2),
        "rows_per_s": round(len(rows) / wall_s, 1),
        "near_dup_recall": round(recall("near_dup", "near_duplicate"), 4),
        "refusal_recall": round(recall("refusal", "refusal_boilerplate"), 4),
        "exact_dup_recall": round(recall("exact_dup", "duplicate"), 4),
        "prepare_s": round(prepare_s, 2),
        "validate_s": round(validate_s, 2),
        "validation_success": bool(summary["validation"]["success"]),
        "planted": {kind: len(lines) for kind, lines in planted.items()},
        "rejected_by_reason": summary["rejected_by_reason"],
        "kept": summary["kept"],
        "mean_tokens": summary["tokens"]["mean"],
        "total_tokens": summary["tokens"]["total"],
        "peer": {
            "what": "per-row script: exact-dup set, refusal regex, datasketch MinHash+MinHashLSH, "
            "apply_chat_template(tokenize) of prompt and conversation",
            "rows": len(peer_rows),
            "peer_s": round(peer_s, 2),
            "sftops_prepare_s": round(ours_subset_s, 2),
            "ratio_rows_per_s": round(peer_s / ours_subset_s, 2),
        },
        "imports_s": round(imports_s, 2),
        "cpus": os.cpu_count(),
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    peer = figures["peer"]
    print(
        f"{figures['rows']} rows ({figures['total_tokens']} tokens) in {figures['wall_s']} s = "
        f"{figures['rows_per_s']} rows/s (prepare {figures['prepare_s']} s, validate {figures['validate_s']} s); "
        f"near-dup recall {figures['near_dup_recall']:.1%}, refusal recall {figures['refusal_recall']:.1%}, "
        f"exact-dup recall {figures['exact_dup_recall']:.1%}; gate "
        f"{'passed' if figures['validation_success'] else 'FAILED'}; library imports {figures['imports_s']} s apart"
    )
    print(
        f"peer on the first {peer['rows']} rows: {peer['peer_s']} s vs sftops prepare {peer['sftops_prepare_s']} s "
        f"= {peer['ratio_rows_per_s']}x rows/s"
    )
    print(json.dumps(figures["rejected_by_reason"]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
