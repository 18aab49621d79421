"""heldout_skill: greedy replies to the held-out prompts of the user's data, scored by ROUGE-L F1.

The held-out split is written by the prepare stage (``data/prepared/heldout.jsonl``, relative to the working
directory) and never trained on. The loader mirrors ``evals/sft_heldout/utils.py``: same default path, same
``heldout_path`` metadata key (``--metadata '{"heldout_path": "PATH"}'``), same fields (``id``, ``prompt`` =
the last user message, ``response`` = the reference reply).

ROUGE-L is computed here with the standard library: the longest common subsequence (LCS) of lower-cased word
tokens, recall = LCS / reference tokens, precision = LCS / reply tokens, F1 their harmonic mean (the
``rouge_score`` package's ``rougeL`` with beta = 1). Reply and reference are both cut to their first
:data:`WORD_BUDGET` tokens, about what ``max_gen_toks: 96`` lets the model write, so a long reference is
not held against a reply that had no room to match it.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # evals/ on sys.path: see evals/README.md
import probe_common  # noqa: E402

DEFAULT_PATH = probe_common.HELDOUT_PATH
WORD_BUDGET = 64  # max_gen_toks 96 / ~1.4-1.5 tokens per word (SmolLM2 tokenizer on the held-out replies)

# Han, kana and other scripts written without spaces: one character per token. Everything else: runs of
# letters/digits (any script), inner apostrophes kept ("don't").
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_TOKEN = re.compile(rf"[{_CJK}]|(?:(?![{_CJK}])[^\W_])+(?:'(?:(?![{_CJK}])[^\W_])+)*")


def load_heldout(heldout_path: str = DEFAULT_PATH, **_: Any) -> Any:
    """``custom_dataset`` hook: the held-out rows as a ``DatasetDict`` with one split, ``test``."""
    return probe_common.load_heldout_split("heldout_skill", heldout_path)


def doc_to_text(doc: dict[str, Any]) -> str:
    return doc["prompt"]


def doc_to_target(doc: dict[str, Any]) -> str:
    return doc["response"]


def tokens(text: str, budget: int | None = WORD_BUDGET) -> list[str]:
    """Lower-cased word tokens of ``text`` (markdown and punctuation dropped), the first ``budget`` of them."""
    found = _TOKEN.findall(text.lower().replace("\u2019", "'"))
    return found if budget is None else found[:budget]


def lcs_length(a: list[str], b: list[str]) -> int:
    """Length of the longest common subsequence of two token lists (O(len(a) * len(b)) time, O(len(b)) space)."""
    if len(a) < len(b):
        a, b = b, a
    previous = [0] * (len(b) + 1)
    for token in a:
        current = [0]
        for j, other in enumerate(b, start=1):
            current.append(previous[j - 1] + 1 if token == other else max(previous[j], current[j - 1]))
        previous = current
    return previous[-1]


def rouge_l(reference: str, reply: str, budget: int | None = WORD_BUDGET) -> tuple[float, float, float]:
    """``(precision, recall, f1)`` of ROUGE-L between ``reply`` and ``reference``, both cut to ``budget``.

    A reference without any word token (an emoji-only reply) matches only a reply without one: (1, 1, 1)
    then, (0, 0, 0) otherwise. An empty reply scores (0, 0, 0).
    """
    ref, hyp = tokens(reference, budget), tokens(reply, budget)
    if not ref or not hyp:
        return (1.0, 1.0, 1.0) if not ref and not hyp else (0.0, 0.0, 0.0)
    common = lcs_length(ref, hyp)
    if common == 0:
        return 0.0, 0.0, 0.0
    precision, recall = common / len(hyp), common / len(ref)
    return precision, recall, 2 * precision * recall / (precision + recall)


def process_results(doc: dict[str, Any], results: list[str]) -> dict[str, float]:
    """lm-eval hook: score one generation (``results[0]``) against the reference reply."""
    reply, reference = results[0], doc["response"]
    _precision, recall, f1 = rouge_l(reference, reply)
    return {
        "rouge_l_f1": f1,
        "rouge_l_recall": recall,
        "length_ratio": len(tokens(reply)) / max(len(tokens(reference)), 1),
    }
