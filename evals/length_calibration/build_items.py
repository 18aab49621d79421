"""Write ``items.jsonl`` for the ``length_calibration`` probe (stdlib only, deterministic).

The prompts are written by hand for this project; nothing is downloaded or sampled. Each line of the
output is one JSON object (keys sorted)::

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

Ids are ``lc_<kind>_<nnn>`` numbered in list order: append new prompts at the end of a list, never insert or
remove in the middle. The kinds are interleaved round-robin so ``--limit N`` covers every kind.

Usage::

    python evals/length_calibration/build_items.py            # rewrite items.jsonl next to this file
    python evals/length_calibration/build_items.py --out X    # write somewhere else (used by tests)
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

DEFAULT_OUT = Path(__file__).resolve().parent / "items.jsonl"

# Expected length of a good reply, in words (probe_common.word_count, list markers removed).
WORD_EXPECTED = 3  # a bare answer is 1-2 words, "The symbol for gold is Au." is 6: 3 sits between
SENTENCE_EXPECTED = 20  # one plain sentence
PARAGRAPH_EXPECTED = 60  # one short paragraph of 3-4 sentences
MAX_WORDS_SHARE = 0.8  # a good reply uses most of a word limit, not all of it
MIN_WORDS_MARGIN = 1.15  # ...and goes a little past a word minimum
WORDS_PER_BULLET = 10  # one short sentence per bullet
WORDS_PER_SENTENCE = 17  # a typical sentence in an assistant reply

# --- implicit scope -----------------------------------------------------------------------------------
WORD: list[str] = [
    "What's the chemical symbol for gold?",
    "What is the capital of Canada?",
    "How many legs does a spider have?",
    "Who painted the Mona Lisa?",
    "What is the largest planet in our solar system?",
    "In what year did World War II end?",
    "What is the freezing point of water in Fahrenheit?",
    "Which gas do plants absorb from the air for photosynthesis?",
    "What is the square root of 144?",
    "What language is mainly spoken in Brazil?",
    "Which organ pumps blood through the human body?",
]

SENTENCE: list[str] = [
    "What is a thermostat?",
    "What is a haiku?",
    "What does a CPU do in a computer?",
    "What is the difference between weather and climate?",
    "What is a synonym?",
    "What is the main job of the lungs?",
    "What is a mortgage?",
    "What does a barometer measure?",
    "What is an adverb?",
    "What is the Great Barrier Reef?",
    "What is a vaccine?",
]

PARAGRAPH: list[str] = [
    "Why do cats purr?",
    "How does a refrigerator keep food cold?",
    "Why is the ocean salty?",
    "How do airplanes stay in the air?",
    "Why do we have leap years?",
    "How does a credit score work?",
    "Why do onions make people cry?",
    "How do noise-cancelling headphones work?",
    "Why does the Moon have phases?",
    "How does a bill become a law in the United States?",
    "Why do some people get seasick?",
]

# (prompt, the size it asks for in words)
ESSAY: list[tuple[str, int]] = [
    ("Write a short essay of about 100 words on whether homework should be banned in primary schools.", 100),
    ("In roughly 80 words, write a short essay arguing for more bike lanes in cities.", 80),
    ("Write a brief essay (about 100 words) on the pros and cons of working from home.", 100),
    ("Write a short persuasive essay of about 80 words on why everyone should learn to cook.", 80),
    ("Write a reflective essay of about 100 words about what makes a good friend.", 100),
    ("Write a short essay (around 80 words) explaining why sleep matters for students.", 80),
    ("In about 100 words, write an essay on how smartphones have changed the way people travel.", 100),
    ("Write a brief essay, roughly 80 words long, on whether museums should be free to enter.", 80),
    ("Write a short essay of about 100 words on why protecting bees matters.", 100),
    ("Write an essay of about 80 words on what a four-day work week could mean for families.", 80),
    ("In roughly 100 words, write a short essay about the value of learning a second language.", 100),
]

# --- explicit constraints: (prompt, value) --------------------------------------------------------------
MAX_WORDS: list[tuple[str, int]] = [
    ("In under 20 words, what is a recession?", 19),
    ("Explain what a black hole is in at most 25 words.", 25),
    ("In no more than 15 words, why do we sweat?", 15),
    ("Describe the water cycle in 30 words or fewer.", 30),
    ("Using at most 12 words, say what a password manager does.", 12),
    ("In fewer than 20 words, what is democracy?", 19),
    ("Summarise the plot of Romeo and Juliet in at most 25 words.", 25),
    ("What is machine learning? Answer in no more than 20 words.", 20),
    ("In at most 15 words, why should I wear sunscreen?", 15),
    ("Describe a rainbow in 10 words or fewer.", 10),
    ("In under 25 words, explain what a budget is.", 24),
]

MIN_WORDS: list[tuple[str, int]] = [
    ("Describe an ideal lazy Sunday in at least 50 words.", 50),
    ("Explain how a volcano erupts, using at least 70 words.", 70),
    ("Write at least 80 words about why exercise is good for mental health.", 80),
    ("Describe a busy outdoor market in at least 60 words.", 60),
    ("Explain how to make a cup of tea in at least 40 words.", 40),
    ("Write at least 70 words about the history of the bicycle.", 70),
    ("In at least 60 words, explain why recycling matters.", 60),
    ("Describe the four seasons of the year in at least 80 words.", 80),
    ("Using at least 60 words, explain how email gets from one person to another.", 60),
    ("Write at least 40 words about dolphins.", 40),
    ("Explain how the human heart works in at least 50 words.", 50),
]

EXACT_BULLETS: list[tuple[str, int]] = [
    ("Give exactly 3 bullet points on how to save money on groceries.", 3),
    ("List 5 bullet points with tips for better sleep.", 5),
    ("In exactly 4 bullet points, summarise the benefits of walking every day.", 4),
    ("Give me 3 bullet points about the causes of the French Revolution.", 3),
    ("Write exactly 2 bullet points on why people learn to play an instrument.", 2),
    ("Give exactly 4 bullet points on how to prepare for a job interview.", 4),
    ("Use exactly 3 bullet points to explain why the Western Roman Empire fell.", 3),
    ("In 5 bullet points, give advice to a first-time gardener.", 5),
    ("Give exactly 3 bullet points on the advantages of electric cars.", 3),
    ("List exactly 4 bullet points on how to stay focused while studying.", 4),
    ("Give me exactly 6 bullet points with tips for staying safe in a thunderstorm.", 6),
]

MAX_SENTENCES: list[tuple[str, int]] = [
    ("In one sentence, what is inflation?", 1),
    ("In at most 2 sentences, explain why the sky is blue.", 2),
    ("Explain photosynthesis in one sentence.", 1),
    ("In no more than three sentences, describe how the gears on a bicycle work.", 3),
    ("Describe the city of Venice in two sentences or fewer.", 2),
    ("Using a single sentence, tell me what an algorithm is.", 1),
    ("In at most 2 sentences, why do birds migrate?", 2),
    ("Summarise the story of Cinderella in at most 3 sentences.", 3),
    ("In one sentence, what does the immune system do?", 1),
    ("What is gravity? Answer in at most two sentences.", 2),
    ("In no more than 2 sentences, explain what a stock market is.", 2),
]

ONE_WORD: list[str] = [
    "In one word, what color is a ripe banana?",
    "Answer with one word: what is the opposite of hot?",
    "Which animal is known as the king of the jungle? Reply with a single word.",
    "One word only: what is the largest ocean on Earth?",
    "In one word, what do bees make?",
    "Answer in a single word: what is frozen water called?",
    "Respond with one word: what is the capital of Italy?",
    "In one word, how would you describe the climate of a desert?",
    "Which metal is strongly attracted to magnets? Answer in one word.",
    "One-word answer: what is the main ingredient in guacamole?",
    "In one word, which season comes after winter?",
    "Answer with exactly one word: what is the closest star to Earth?",
]

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


def _entries(kind: str) -> list[tuple[str, int | None]]:
    table: dict[str, list[Any]] = {
        "word": WORD,
        "sentence": SENTENCE,
        "paragraph": PARAGRAPH,
        "essay": ESSAY,
        "max_words": MAX_WORDS,
        "min_words": MIN_WORDS,
        "exact_bullets": EXACT_BULLETS,
        "max_sentences": MAX_SENTENCES,
        "one_word": [(prompt, 1) for prompt in ONE_WORD],
    }
    return [(entry, None) if isinstance(entry, str) else (entry[0], entry[1]) for entry in table[kind]]


def build_items() -> list[dict[str, Any]]:
    """Every item as a dict, the kinds interleaved round-robin."""
    per_kind = []
    for kind in KIND_ORDER:
        group = []
        for number, (prompt, value) in enumerate(_entries(kind), start=1):
            expected = expected_words(kind, value)
            constraint = None if kind in IMPLICIT_KINDS else {"type": kind, "value": value}
            group.append(
                {
                    "id": f"lc_{kind}_{number:03d}",
                    "kind": kind,
                    "scope": scope_of(kind, expected),
                    "expected_words": expected,
                    "constraint": constraint,
                    "prompt": prompt,
                }
            )
        per_kind.append(group)
    items = []
    for position in range(max(len(group) for group in per_kind)):
        items.extend(group[position] for group in per_kind if position < len(group))
    return items


def render(items: list[dict[str, Any]]) -> str:
    return "".join(json.dumps(item, ensure_ascii=False, sort_keys=True) + "\n" for item in items)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT, help="where to write the JSONL file")
    args = parser.parse_args(argv)
    items = build_items()
    prompts = [item["prompt"] for item in items]
    if len(set(prompts)) != len(prompts):
        raise SystemExit("duplicate prompts in build_items.py")
    args.out.write_bytes(render(items).encode("utf-8"))
    print(f"wrote {len(items)} items to {args.out}")


if __name__ == "__main__":
    main()
