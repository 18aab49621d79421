"""sft_heldout: how well a model predicts the reference replies of the held-out split.

The held-out split is written by the prepare stage (data/prepared/heldout.jsonl) and never trained on. The
score is bits per byte of the reference reply given the chat-formatted prompt: lower means the model has
learnt to answer the way the data answers. Pass another file with ``--metadata '{"heldout_path": "..."}'``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

DEFAULT_PATH = "data/prepared/heldout.jsonl"


def load_heldout(heldout_path: str = DEFAULT_PATH, **_: Any) -> Any:
    import datasets

    path = Path(heldout_path)
    if not path.is_file():
        raise FileNotFoundError(
            f"sft_heldout: {path.resolve()} not found; run the prepare stage first, or pass "
            "--metadata '{\"heldout_path\": \"PATH\"}'"
        )
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    if not rows:
        raise ValueError(f"sft_heldout: {path} has no rows; raise data.split.heldout in params.yaml")
    docs = [{"id": r["id"], "prompt": r["prompt"], "response": r["response"]} for r in rows]
    return datasets.DatasetDict({"test": datasets.Dataset.from_list(docs)})


def doc_to_text(doc: dict[str, Any]) -> str:
    return doc["prompt"]


def doc_to_target(doc: dict[str, Any]) -> str:
    return doc["response"]


def process_results(doc: dict[str, Any], results: list[tuple[float, bool]]) -> dict[str, Any]:
    loglikelihood, _is_greedy = results[0]
    return {"bits_per_byte": (loglikelihood, len(doc["response"].encode("utf-8")))}
