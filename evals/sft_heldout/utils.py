"""sft_heldout: how well a model predicts the reference replies of the held-out split.

The held-out split is written by the prepare stage (data/prepared/heldout.jsonl) and never trained on. The
score is bits per byte of the reference reply given the chat-formatted prompt: lower means the model has
learnt to answer the way the data answers. Pass another file with ``--metadata '{"heldout_path": "..."}'``.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # evals/ on sys.path: see evals/README.md
import probe_common  # noqa: E402

DEFAULT_PATH = probe_common.HELDOUT_PATH


def load_heldout(heldout_path: str = DEFAULT_PATH, **_: Any) -> Any:
    """``custom_dataset`` hook: the held-out rows as a ``DatasetDict`` with one split, ``test``."""
    return probe_common.load_heldout_split("sft_heldout", heldout_path)


def doc_to_text(doc: dict[str, Any]) -> str:
    return doc["prompt"]


def doc_to_target(doc: dict[str, Any]) -> str:
    return doc["response"]


def process_results(doc: dict[str, Any], results: list[tuple[float, bool]]) -> dict[str, Any]:
    loglikelihood, _is_greedy = results[0]
    return {"bits_per_byte": (loglikelihood, len(doc["response"].encode("utf-8")))}
