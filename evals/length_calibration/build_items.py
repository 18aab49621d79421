"""Write ``items.jsonl`` for the ``length_calibration`` probe (stdlib only, deterministic).

The prompts are written by hand for this project; nothing is downloaded or sampled. They live in
``sources/prompts.jsonl``, their single source, one ``{"kind", "prompt", "value"}`` object per line:
``value`` is the N the prompt asks for (an essay's size in words; 1 for ``one_word``) and null for
``word``, ``sentence`` and ``paragraph``. This script computes the rest. Each line of the output is one JSON
object (keys sorted)::

    {"constraint": null, "expected_words": 3, "id": "lc_word_001", "kind": "word", "prompt": "...",
     "scope": "word"}
    {"constraint": {"type": "max_words", "value": 19}, "expected_words": 15, "id": "lc_max_words_001",
     "kind": "max_words", "prompt": "In under 20 words, what is a recession?", "scope": "sentence"}

Kinds. Four with an *implicit* scope (``constraint`` is null): the question itself says how long a good
reply is.

* ``word``      - a fact whose answer is a word or a short phrase ("What's the chemical symbol for gold?");
* ``sentence``  - a definition that one sentence answers ("What is a haiku?");
* ``paragraph`` - a "why / how" question that needs a paragraph ("Why is the ocean salty?");
* ``essay``     - a request for a short essay with a soft size ("about 100 words"); no hard limit.

Five with an *explicit* constraint (``constraint`` is ``{"type": kind, "value": N}``):

* ``max_words``     - "in at most N words" (``under N`` is stored as N - 1);
* ``min_words``     - "in at least N words";
* ``exact_bullets`` - "exactly N bullet points";
* ``max_sentences`` - "in one sentence", "in at most N sentences";
* ``one_word``      - "answer in one word" (value 1).

``expected_words`` is this project's documented expectation of a good reply's length (see
:func:`expected_words`); ``scope`` is the kind for implicit items and is derived from ``expected_words`` for
explicit ones (<= 5 word, <= 40 sentence, <= 80 paragraph, else essay).

Ids are ``lc_<kind>_<nnn>`` numbered in source order within a kind: append new prompts after the last one of
their kind, never insert or remove in the middle. The kinds are interleaved round-robin so ``--limit N``
covers every kind.
"""

import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # evals/: build_common
import build_common  # noqa: E402

SOURCE = build_common.source_path(__file__, "prompts.jsonl")

# Expected length of a good reply, in words (probe_common.word_count, list markers removed).
WORD_EXPECTED = 3  # a bare answer is 1-2 words, "The symbol for gold is Au." is 6: 3 sits between
SENTENCE_EXPECTED = 20  # one plain sentence
PARAGRAPH_EXPECTED = 60  # one short paragraph of 3-4 sentences
MAX_WORDS_SHARE = 0.8  # a good reply uses most of a word limit, not all of it
MIN_WORDS_MARGIN = 1.15  # ...and goes a little past a word minimum
WORDS_PER_BULLET = 10  # one short sentence per bullet
WORDS_PER_SENTENCE = 17  # a typical sentence in an assistant reply

KIND_ORDER = [
    "word",
    "sentence",
    "paragraph",
    "essay",
    "max_words",
    "min_words",
    "exact_bullets",
    "max_sentences",
    "one_word",
]
IMPLICIT_KINDS = ("word", "sentence", "paragraph", "essay")
UNVALUED_KINDS = ("word", "sentence", "paragraph")  # the prompt names no size


def expected_words(kind: str, value: int | None) -> int:
    """The documented length of a good reply, in words, for an item of ``kind`` (``value``: its N)."""
    fixed = {"word": WORD_EXPECTED, "sentence": SENTENCE_EXPECTED, "paragraph": PARAGRAPH_EXPECTED, "one_word": 1}
    if kind in fixed:
        return fixed[kind]
    assert value is not None, f"{kind} needs a value"
    rules = {
        "essay": lambda n: n,  # the size the prompt asks for
        "max_words": lambda n: round(MAX_WORDS_SHARE * n),
        "min_words": lambda n: round(MIN_WORDS_MARGIN * n),
        "exact_bullets": lambda n: WORDS_PER_BULLET * n,
        "max_sentences": lambda n: WORDS_PER_SENTENCE * n,
    }
    return rules[kind](value)


def scope_of(kind: str, expected: int) -> str:
    if kind in IMPLICIT_KINDS:
        return kind
    if expected <= 5:
        return "word"
    if expected <= 40:
        return "sentence"
    return "paragraph" if expected <= 80 else "essay"


def _checked(row: dict[str, Any]) -> dict[str, Any]:
    """A source row whose ``value`` fits its kind: null where the prompt names no size, else a whole N >= 1."""
    value, kind = row["value"], row["kind"]
    if kind in UNVALUED_KINDS:
        ok = value is None
    else:
        ok = isinstance(value, int) and value >= 1 and (kind != "one_word" or value == 1)
    if not ok:
        raise SystemExit(f"{SOURCE}: {kind} prompt {row['prompt']!r} has value {value!r}")
    return row


def build_items() -> list[dict[str, Any]]:
    """Every item as a dict, the kinds interleaved round-robin."""
    rows = [_checked(row) for row in build_common.read_source(SOURCE, ("kind", "prompt", "value"))]
    per_kind = []
    for kind, group in build_common.group_by(rows, "kind", KIND_ORDER).items():
        items = []
        for number, row in enumerate(group, start=1):
            expected = expected_words(kind, row["value"])
            items.append(
                {
                    "id": f"lc_{kind}_{number:03d}",
                    "kind": kind,
                    "scope": scope_of(kind, expected),
                    "expected_words": expected,
                    "constraint": None if kind in IMPLICIT_KINDS else {"type": kind, "value": row["value"]},
                    "prompt": row["prompt"],
                }
            )
        per_kind.append(items)
    return build_common.interleave(per_kind)


if __name__ == "__main__":
    build_common.main(__file__, __doc__, build_items)
