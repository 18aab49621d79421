"""Tests for the prompt_continuation lm-eval probe (evals/prompt_continuation/)."""

from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.helpers import assert_scorer_agreement, labelled_rows

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("HF_DATASETS_OFFLINE", "1")

REPO = Path(__file__).resolve().parents[2]
EVALS = REPO / "evals"
TASK_DIR = EVALS / "prompt_continuation"
ITEMS = TASK_DIR / "items.jsonl"


def _load_utils() -> ModuleType:
    # evals/ is not a package, so import utils.py by path (as lm-eval itself does).
    spec = importlib.util.spec_from_file_location("prompt_continuation_utils", TASK_DIR / "utils.py")
    assert spec is not None and spec.loader is not None, "cannot build an import spec for utils.py"
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


utils = _load_utils()

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
    # given the committed items file
    rows = [json.loads(line) for line in ITEMS.read_text(encoding="utf-8").splitlines()]
    # when ids, prompts and kinds are collected
    ids = [row["id"] for row in rows]
    prompts = [row["prompt"] for row in rows]
    kinds = {row["kind"] for row in rows}
    # then there are 100+ distinct prompts with distinct ids, and every kind is present
    assert len(set(prompts)) >= 100, f"only {len(set(prompts))} unique prompts"
    assert len(set(prompts)) == len(prompts), "duplicate prompts in items.jsonl"
    assert len(set(ids)) == len(ids), "duplicate ids in items.jsonl"
    assert kinds == {"question", "instruction", "open_ended", "unfinished"}, f"unexpected kinds {kinds}"
    assert all(row["prompt"].strip() for row in rows), "an item has an empty prompt"


def test_build_items_regenerates_the_file_byte_identically(tmp_path: Path) -> None:
    # given the builder script and the committed items file
    out = tmp_path / "items.jsonl"
    # when the script is rerun into a temporary file
    run = subprocess.run(
        [sys.executable, str(TASK_DIR / "build_items.py"), "--out", str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    # then it succeeds and writes exactly the committed bytes
    assert run.returncode == 0, f"build_items.py failed: {run.stderr}"
    assert out.read_bytes() == ITEMS.read_bytes(), "items.jsonl is stale: rerun build_items.py"


def test_loader_works_from_any_working_directory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # given a working directory outside the repository
    monkeypatch.chdir(tmp_path)
    # when the custom_dataset hook is called the way lm-eval calls it (metadata as kwargs)
    dataset = utils.load_items(version=1.0, pretrained="some/model")
    # then it returns a single `test` split holding every item
    assert list(dataset) == ["test"], f"unexpected splits {list(dataset)}"
    expected = len(ITEMS.read_text(encoding="utf-8").splitlines())
    assert len(dataset["test"]) == expected, f"{len(dataset['test'])} rows loaded, expected {expected}"


@pytest.fixture(scope="module")
def task_manager():
    lm_eval_tasks = pytest.importorskip("lm_eval.tasks")
    # include_defaults=False skips indexing lm-eval's ~10k built-in task YAMLs (several seconds)
    return lm_eval_tasks.TaskManager(include_path=str(EVALS), include_defaults=False)


def test_task_manager_finds_task_and_tag(task_manager) -> None:
    # given a TaskManager pointed at the repo's evals/ folder (fixture)
    # when its index is inspected
    subtasks, tags = task_manager.all_subtasks, task_manager.all_tags
    # then the task and its tag are registered
    assert "prompt_continuation" in subtasks, f"task missing from {subtasks}"
    assert "sft_probes" in tags, f"tag missing from {tags}"


def test_loaded_task_declares_metric_direction_and_generation(task_manager) -> None:
    # given the TaskManager (fixture)
    # when the tag is expanded and the task is built
    tasks = task_manager.load("sft_probes")["tasks"]
    task = tasks["prompt_continuation"]
    gen = task.config.generation_kwargs
    # then the metric is "lower is better", averaged, and generation is greedy and not cut at "\n\n"
    assert "prompt_continuation" in tasks, f"tag sft_probes does not expand to the task: {list(tasks)}"
    assert task.higher_is_better() == {"continuation_rate": False}, f"got {task.higher_is_better()}"
    assert set(task.aggregation()) == {"continuation_rate"}, f"got {task.aggregation()}"
    assert "\n\n" not in gen["until"], f"until would truncate answers: {gen['until']}"
    assert gen["do_sample"] is False and gen["max_gen_toks"] == 48, f"unexpected generation_kwargs {gen}"
    assert float(task.VERSION) == 1.1, f"unexpected version {task.VERSION}"
    assert len(task.eval_docs) == len(ITEMS.read_text(encoding="utf-8").splitlines()), "docs != items"


def test_every_item_flags_a_verbatim_echo_and_not_a_plain_answer() -> None:
    # given every real item
    rows = [json.loads(line) for line in ITEMS.read_text(encoding="utf-8").splitlines()]
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
    rows = labelled_rows(TASK_DIR / "labels.jsonl", split)
    # when each reply is scored, then agreement stays at or above the recorded level
    assert_scorer_agreement(
        rows, lambda row: utils.continues_prompt(row["prompt"], row["reply"]), "continues", LABEL_FLOORS[split], split
    )
