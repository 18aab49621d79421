"""Tests for the prompt_continuation lm-eval probe (evals/prompt_continuation/)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests import helpers

TASK = "prompt_continuation"
utils = helpers.load_probe_module(TASK)
ROWS = helpers.probe_items(TASK)

# (prompt, reply, expected reason) for replies that must be flagged.
CONTINUATIONS = [
    (
        "Explain photosynthesis to a ten-year-old.",
        "Plants make food from sunlight.\nUser: Now explain it to a five-year-old.",
        "turn_marker",
    ),
    ("How do bees make honey?", "### Instruction\nWrite a poem about bees.", "turn_marker"),
    ("What is compound interest?", "<|im_start|>user\nWhat is simple interest?", "turn_marker"),
    # what "<|im_start|>user" looks like after lm-eval decodes with skip_special_tokens=True
    ("What is compound interest?", "Interest on interest.\nuser\nAnd simple interest?", "turn_marker"),
    ("Is it safe to drink tap water in Lisbon?", "Q: Is it safe to drink tap water in Porto?", "turn_marker"),
    (
        "What is the capital of France?",
        "What is the capital of France? And what is the capital of Spain?",
        "echoes_prompt_start",
    ),
    (
        "Here are my three goals for this year: learn Spanish, run a marathon, and",
        "Here are my three goals for this year: learn Spanish, run a marathon, and read more books.",
        "echoes_prompt_start",
    ),
    (
        "I just moved to a new city and I don't know anyone. How can I make friends as an adult?",
        "How can I make friends as an adult? I have tried apps already.",
        "copies_prompt_sentence",
    ),
    (
        "Here are my three goals for this year: learn Spanish, run a marathon, and",
        " save money for a house.",
        "completes_unfinished_prompt",
    ),
    ("My grocery list so far: milk, bread, apples,", "eggs, butter, cheese", "completes_unfinished_prompt"),
    ("Why is the sky blue?", "and why is the grass green?", "continues_mid_sentence"),
    ("Dear diary, today I finally", ", after three weeks, finished the painting.", "continues_mid_sentence"),
    (
        "How do I get a red wine stain out of a carpet?",
        "How do I get a coffee stain out of my sofa?",
        "asks_back_as_user",
    ),
    ("Which river is the longest in Africa?", "Which is the longest river in Africa?", "asks_back_as_user"),
]

# (prompt, reply) pairs that are answers and must not be flagged.
ANSWERS = [
    ("What is the capital of France?", "The capital of France is Paris."),
    ("Which river is the longest in Africa?", "The Nile is the longest river in Africa."),
    ("What is 17 multiplied by 23?", "17 multiplied by 23 is 391."),
    ("Why is the sky blue?", "Because air scatters blue light more strongly than red light."),
    ("Why is the sky blue?", "And that is a great question: air scatters blue light the most."),
    (
        "Here are my three goals for this year: learn Spanish, run a marathon, and",
        "Those are great goals! It looks like your message was cut off. What is the third one?",
    ),
    (
        "My grocery list so far: milk, bread, apples,",
        "Nice start! You might also add eggs, rice and some vegetables.",
    ),
    (
        "My Python script reads a large CSV file and runs out of memory. How can I process it faster?",
        "Could you tell me which version of pandas you use? Meanwhile, read the file in chunks.",
    ),
    (
        "Ingredients I have in the fridge: eggs, spinach, feta, half an onion. What can I cook with",
        "Why not make a spinach, feta and onion frittata?",
    ),
    (
        "Explain photosynthesis to a ten-year-old.",
        "Sure! Plants are like little kitchens.\n\nFirst, the leaves catch sunlight.\n\nThen they cook.",
    ),
    (
        "Explain the following code:\n\nfor i in range(3):\n    print(i)",
        "```python\nfor i in range(3):\n    print(i)\n```\nThis loop prints 0, 1 and 2.",
    ),
    ("Write a Python function that checks if a number is even.", "def is_even(n):\n    return n % 2 == 0"),
    ("Can you check my math? 15 percent of 80 is", "12. Ten percent of 80 is 8 and five percent is 4."),
]


@pytest.mark.parametrize(("prompt", "reply", "reason"), CONTINUATIONS)
def test_continuations_are_flagged(prompt: str, reply: str, reason: str) -> None:
    # given a reply that continues, restates or re-asks the user's message
    # when it is scored
    reasons = utils.continuation_reasons(prompt, reply)
    flagged = utils.continues_prompt(prompt, reply)
    # then it counts as a continuation, for the expected reason
    assert flagged, f"not flagged: {reply!r} for {prompt!r}"
    assert reason in reasons, f"expected {reason!r} among {reasons} for {reply!r}"


@pytest.mark.parametrize(("prompt", "reply"), ANSWERS)
def test_answers_are_not_flagged(prompt: str, reply: str) -> None:
    # given a reply that answers the user (it may quote a few of the user's words)
    # when it is scored
    reasons = utils.continuation_reasons(prompt, reply)
    # then no heuristic fires
    assert not utils.continues_prompt(prompt, reply), f"false positive {reasons} for {reply!r}"


@pytest.mark.parametrize("reply", ["", "   ", "\n\n"])
def test_empty_reply_is_not_a_continuation(reply: str) -> None:
    # given an empty or whitespace-only reply
    # when it is scored
    flagged = utils.continues_prompt("Why is the sky blue?", reply)
    # then it is not counted as a continuation (documented limitation in the README)
    assert flagged is False, f"empty reply {reply!r} should not be flagged"


def test_process_results_returns_the_declared_metric() -> None:
    # given one item and one generation of each sort
    doc = {"id": "x", "kind": "question", "prompt": "What is the capital of France?"}
    # when lm-eval's process_results hook scores them
    answer = utils.process_results(doc, ["The capital of France is Paris."])
    echo = utils.process_results(doc, ["What is the capital of France? I need it for a quiz."])
    # then it returns the continuation_rate metric as 0.0 / 1.0
    assert answer == {"continuation_rate": 0.0}, f"unexpected result for an answer: {answer}"
    assert echo == {"continuation_rate": 1.0}, f"unexpected result for an echo: {echo}"


def test_items_are_unique_and_well_formed() -> None:
    # given the committed items file; when their kinds are collected
    kinds = {row["kind"] for row in ROWS}
    # then there are 100+ distinct prompts with distinct ids, and every kind is present
    helpers.assert_unique_items(ROWS)
    assert kinds == {"question", "instruction", "open_ended", "unfinished"}, f"unexpected kinds {kinds}"
    assert all(row["prompt"].strip() for row in ROWS), "an item has an empty prompt"


def test_build_items_regenerates_the_file_byte_identically(tmp_path: Path) -> None:
    # given the builder script and its hand-written prompts (sources/prompts.jsonl, their single source)
    # when the script is rerun into a temporary file, then it writes exactly the committed items.jsonl
    helpers.assert_builder_reproduces_items(TASK, tmp_path)


def test_loader_works_from_any_working_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # given a working directory outside the repository; when lm-eval's custom_dataset hook is called there
    # then it returns a single `test` split holding every item
    helpers.assert_loads_from_anywhere(utils.load_items, len(ROWS), tmp_path, monkeypatch)


@pytest.fixture(scope="module")
def task_manager():
    return helpers.probe_task_manager()


def test_task_manager_finds_task_and_tag(task_manager) -> None:
    # given a TaskManager pointed at the repo's evals/ folder (fixture)
    # when its index is inspected, then the task and its tag are registered, the task under the tag
    helpers.assert_tagged_probe(task_manager, TASK)


def test_loaded_task_declares_metric_direction_and_generation(task_manager) -> None:
    # given the TaskManager (fixture)
    # when the tag is expanded and the task is built
    tasks = task_manager.load("sft_probes")["tasks"]
    assert TASK in tasks, f"tag sft_probes does not expand to the task: {list(tasks)}"
    task = tasks[TASK]
    # then the metric is "lower is better", averaged, and generation is greedy and not cut at "\n\n"
    helpers.assert_generation_task(task, {"continuation_rate": False}, max_gen_toks=48)
    assert float(task.VERSION) == 1.1, f"unexpected version {task.VERSION}"
    assert len(task.eval_docs) == len(ROWS), "docs != items"


def test_every_item_flags_a_verbatim_echo_and_not_a_plain_answer() -> None:
    # given every real item
    rows = ROWS
    # when each prompt is scored against a copy of itself and against a neutral answer opener
    missed = [row["id"] for row in rows if not utils.continues_prompt(row["prompt"], row["prompt"])]
    neutral = "Sure! Here is my answer."
    false_hits = [row["id"] for row in rows if utils.continues_prompt(row["prompt"], neutral)]
    # then the echo is always caught and the neutral answer never is
    assert not missed, f"verbatim echo not flagged for {missed}"
    assert not false_hits, f"neutral answer flagged for {false_hits}"


# --- agreement with independent labels (evals/prompt_continuation/labels.jsonl) -------------------------
# Floors: the agreement measured when the scorer was last tuned (dev) and checked once (heldout), rounded down.
LABEL_FLOORS = {"dev": 1.00, "heldout": 0.90}


@pytest.mark.parametrize("split", sorted(LABEL_FLOORS))
def test_scorer_agrees_with_independent_labels(split: str) -> None:
    # given the labelled replies of one split (see the README's "Scorer agreement")
    # when each reply is scored, then agreement stays at or above the recorded level
    helpers.assert_labels_agree(
        TASK, split, lambda row: utils.continues_prompt(row["prompt"], row["reply"]), "continues", LABEL_FLOORS[split]
    )
