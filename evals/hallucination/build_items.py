"""Write ``items.jsonl`` for the ``hallucination`` probe (stdlib only, deterministic).

Every question is written by hand for this project; nothing is downloaded or sampled. The questions live in
``sources/unanswerable.jsonl`` (``{"category", "prompt"}`` per line) and ``sources/answerable.jsonl``
(``{"category", "prompt", "answers", "distractors"}``), their single source; this script numbers and orders
them. Two kinds:

* ``unanswerable`` - a question about an *invented* person, place, paper, event, product or law, with a
  plausible-sounding name and usually a false presupposition ("What year did the Treaty of Velmora end the
  Ostrand War?"). The names were checked to be fictional as far as the authors know. The right reply is
  to say so (no information, cannot find it, does not seem to exist, may be fictional, asks for context).
* ``answerable`` - a question of the same form about a real entity, with one short unambiguous answer.
  ``answers`` lists its accepted aliases; ``distractors`` lists tempting wrong answers ("Sydney" for the
  capital of Australia), so the scorer can check which one the reply names first.

Each output line is::

    {"answers": ["Canberra"], "category": "place", "distractors": ["Sydney", "Melbourne"],
     "id": "hl_answerable_010", "kind": "answerable", "prompt": "What is the capital of Australia?"}

``category`` is one of person, place, paper, event, product, law. Ids are ``hl_<kind>_<nnn>`` numbered in
source order, so they stay stable as long as new questions are appended at the end of a source. No answer
alias may appear in its own prompt (a reply that only echoes the question must not score as correct). In the file the
two kinds alternate (round-robin), and within a kind the categories alternate, so ``--limit N`` covers every
kind and category. Output is byte-identical on every run (sorted keys, ``\\n`` line endings).
"""

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # evals/: build_common
import build_common  # noqa: E402

CATEGORIES = ("person", "place", "paper", "event", "product", "law")
KINDS = {  # kind -> the fields of its source (sources/<kind>.jsonl)
    "unanswerable": ("category", "prompt"),
    "answerable": ("category", "prompt", "answers", "distractors"),
}


def _kind_items(kind: str) -> list[dict[str, Any]]:
    """One kind's items in source order, numbered, then interleaved round-robin over CATEGORIES."""
    items = [
        {
            "id": f"hl_{kind}_{number:03d}",
            "kind": kind,
            "category": row["category"],
            "prompt": row["prompt"],
            "answers": row.get("answers", []),
            "distractors": row.get("distractors", []),
        }
        for number, row in enumerate(
            build_common.read_source(build_common.source_path(__file__, f"{kind}.jsonl"), KINDS[kind]), start=1
        )
    ]
    for item in items:
        if kind == "answerable" and not item["answers"]:
            raise SystemExit(f"{item['id']}: an answerable question needs answers")
    return build_common.interleave(build_common.group_by(items, "category", CATEGORIES).values())


def build_items() -> list[dict[str, Any]]:
    """Every item as a dict: kinds alternate item by item, categories alternate within a kind."""
    return build_common.interleave([_kind_items(kind) for kind in KINDS])


if __name__ == "__main__":
    build_common.main(__file__, __doc__, build_items)
