"""Write ``items.jsonl`` for the ``prompt_continuation`` probe (stdlib only, deterministic).

The items are user messages written by hand for this project; nothing is downloaded or sampled. They live
in ``sources/prompts.jsonl``, their single source, one ``{"kind", "topic", "prompt"}`` object per line.
Each line of the output is one JSON object::

    {"id": "pc_question_001", "kind": "question", "topic": "science", "prompt": "..."}

``kind`` is one of:

* ``question``    - a plain, self-contained question;
* ``instruction`` - an imperative request ("Explain ...", "Write ...", "List ...");
* ``open_ended``  - a multi-sentence message that gives context before asking something;
* ``unfinished``  - a message that ends with a colon, an open list or a dangling clause. These
  tempt a model that learned to *write user turns* (loss not masked on the prompt) to simply
  carry on typing the user's text instead of replying to it.

Ids are ``pc_<kind>_<nnn>`` numbered in source order within a kind, so they stay stable as long as new prompts
are appended after the last one of their kind (never inserted or removed in the middle). Output is
byte-identical on every run: fixed order (kinds interleaved round-robin), ``ensure_ascii`` on, ``\\n`` line
endings.
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # evals/: build_common
import build_common  # noqa: E402

SOURCE = build_common.source_path(__file__, "prompts.jsonl")
KINDS = ("question", "instruction", "open_ended", "unfinished")


def build_items() -> list[dict[str, str]]:
    """Return every item as a dict, interleaving the kinds round-robin.

    Interleaving keeps ``lm_eval --limit N`` (which takes the first N docs) a mix of all four kinds.
    """
    rows = build_common.read_source(SOURCE, ("kind", "topic", "prompt"))
    per_kind = [
        [
            {"id": f"pc_{kind}_{number:03d}", "kind": kind, "topic": row["topic"], "prompt": row["prompt"]}
            for number, row in enumerate(group, start=1)
        ]
        for kind, group in build_common.group_by(rows, "kind", KINDS).items()
    ]
    return build_common.interleave(per_kind)


if __name__ == "__main__":
    build_common.main(__file__, __doc__, build_items, sort_keys=False, ensure_ascii=True)
