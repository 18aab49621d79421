"""Tests for the heldout_skill lm-eval probe (evals/heldout_skill/)."""

from __future__ import annotations

import json
import random
from pathlib import Path
from typing import Any

import pytest

from tests import helpers

TASK = "heldout_skill"
METRICS = {"rouge_l_f1": True, "rouge_l_recall": True, "length_ratio": False}
utils = helpers.load_probe_module(TASK)

# Rows shaped like data/prepared/heldout.jsonl (extra fields as the prepare stage writes them; one multi-turn).
ROWS: list[dict[str, Any]] = [
    {
        "id": "a1",
        "prompt": "How many seconds are there in a day?",
        "response": "There are 86,400 seconds in a day: 24 hours times 60 minutes times 60 seconds.",
        "messages": [
            {"role": "user", "content": "How many seconds are there in a day?"},
            {"role": "assistant", "content": "There are 86,400 seconds in a day."},
        ],
        "source": "data/raw/x.jsonl",
        "n_tokens": 40,
    },
    {
        "id": "b2",
        "prompt": "And in a week?",
        "response": "A week has 604,800 seconds, seven times the seconds in one day.",
        "messages": [
            {"role": "user", "content": "How many seconds are there in a day?"},
            {"role": "assistant", "content": "86,400."},
            {"role": "user", "content": "And in a week?"},
            {"role": "assistant", "content": "A week has 604,800 seconds, seven times the seconds in one day."},
        ],
    },
    {
        "id": "c3",
        "prompt": "Can I substitute baking soda for baking powder?",
        "response": "Not one for one. Baking soda is about three times stronger and needs an acid to react, "
        "so use a quarter teaspoon of soda plus half a teaspoon of cream of tartar per teaspoon of powder.",
    },
    {
        "id": "d4",
        "prompt": "Summarise the French Revolution at length.",
        # a reference far longer than the word budget
        "response": " ".join(f"event{i} happened" for i in range(150)),
    },
]


def _write(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")
    return path


@pytest.fixture
def heldout(tmp_path: Path) -> Path:
    return _write(tmp_path / "heldout.jsonl", ROWS)


# --- loader ------------------------------------------------------------------------------------------------


def test_loader_reads_prepared_rows(heldout: Path) -> None:
    # given a prepared held-out file; when the custom_dataset hook reads it the way lm-eval calls it
    dataset = utils.load_heldout(heldout_path=str(heldout), version=1.0, pretrained="x")
    # then one split holds every row with id, prompt (last user message) and response only
    assert list(dataset) == ["test"]
    docs = list(dataset["test"])
    assert [d["id"] for d in docs] == [r["id"] for r in ROWS]
    assert set(docs[0]) == {"id", "prompt", "response"}, docs[0]
    assert docs[1]["prompt"] == "And in a week?", "a multi-turn row must be asked its last user message"


def test_loader_default_path_is_relative_to_the_working_directory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given a project folder with data/prepared/heldout.jsonl, as the prepare stage writes it
    _write(tmp_path / "data" / "prepared" / "heldout.jsonl", ROWS[:2])
    monkeypatch.chdir(tmp_path)
    # when the hook is called without heldout_path
    dataset = utils.load_heldout()
    # then it reads that file
    assert len(dataset["test"]) == 2


def test_missing_file_fails_with_a_clear_message(tmp_path: Path) -> None:
    missing = tmp_path / "nope" / "heldout.jsonl"
    with pytest.raises(FileNotFoundError, match=r"heldout_skill: .*not found; run the prepare stage.*heldout_path"):
        utils.load_heldout(heldout_path=str(missing))


def test_empty_file_fails(tmp_path: Path) -> None:
    empty = tmp_path / "heldout.jsonl"
    empty.write_text("\n", encoding="utf-8")
    with pytest.raises(ValueError, match="no rows"):
        utils.load_heldout(heldout_path=str(empty))


# --- ROUGE-L -------------------------------------------------------------------------------------------


def test_rouge_l_on_hand_computed_strings() -> None:
    # LCS("the cat sat on the mat", "the cat lay on the mat") = "the cat on the mat" = 5 of 6 each side
    p, r, f = utils.rouge_l("the cat sat on the mat", "the cat lay on the mat")
    assert (p, r, f) == pytest.approx((5 / 6, 5 / 6, 5 / 6))
    # LCS = "a c e": precision 3/3, recall 3/6, F1 = 2 * 1 * 0.5 / 1.5
    assert utils.rouge_l("a b c d e f", "a c e") == pytest.approx((1.0, 0.5, 2 / 3))
    # order matters: LCS("a b c", "c b a") = 1
    assert utils.rouge_l("a b c", "c b a") == pytest.approx((1 / 3, 1 / 3, 1 / 3))
    # case, punctuation and markdown are ignored
    assert utils.rouge_l("The CAT, sat!", "**the cat** sat") == pytest.approx((1.0, 1.0, 1.0))
    # nothing in common, or an empty reply
    assert utils.rouge_l("red green blue", "one two three") == (0.0, 0.0, 0.0)
    assert utils.rouge_l("red green blue", "") == (0.0, 0.0, 0.0)
    assert utils.rouge_l("\U0001f600", "") == (1.0, 1.0, 1.0)  # no tokens on either side


def test_tokens_handle_unicode_and_the_word_budget() -> None:
    assert utils.tokens("Don’t stop: café naïve 3.14") == ["don't", "stop", "café", "naïve", "3", "14"]
    assert utils.tokens("東京に行く") == ["東", "京", "に", "行", "く"]  # one token per CJK character
    assert utils.tokens("Привет, мир!") == ["привет", "мир"]
    many = " ".join(f"w{i}" for i in range(500))
    assert len(utils.tokens(many)) == utils.WORD_BUDGET
    assert len(utils.tokens(many, budget=None)) == 500


def test_long_reference_is_compared_on_its_first_words() -> None:
    # given a reference longer than the word budget and a reply that reproduces its opening
    reference = " ".join(f"event{i} happened" for i in range(150))
    reply = " ".join(reference.split()[: utils.WORD_BUDGET])
    # when scored with and without the budget
    truncated = utils.rouge_l(reference, reply)
    full = utils.rouge_l(reference, reply, budget=None)
    # then the reply is not penalised for words it had no room to write
    assert truncated == pytest.approx((1.0, 1.0, 1.0))
    assert full[1] == pytest.approx(utils.WORD_BUDGET / 300)


def test_lcs_matches_rouge_score_package() -> None:
    scorer_module = pytest.importorskip("rouge_score.rouge_scorer")
    scorer = scorer_module.RougeScorer(["rougeL"])
    rng = random.Random(3)
    vocab = ["the", "cat", "sat", "on", "mat", "a", "dog", "ran", "fast", "red", "blue", "42"]
    for _ in range(200):
        ref = " ".join(rng.choices(vocab, k=rng.randint(1, 40)))
        hyp = " ".join(rng.choices(vocab, k=rng.randint(1, 40)))
        expected = scorer.score(ref, hyp)["rougeL"]
        got = utils.rouge_l(ref, hyp, budget=None)
        assert got == pytest.approx((expected.precision, expected.recall, expected.fmeasure), abs=1e-12), (ref, hyp)


# --- through lm-eval -----------------------------------------------------------------------------------


@pytest.fixture
def task(heldout: Path):
    return helpers.load_probe_task(helpers.probe_task_manager(metadata={"heldout_path": str(heldout)}), TASK)


def test_task_loads_the_file_named_in_metadata(task) -> None:
    # given the task built with --metadata '{"heldout_path": ...}' (fixture)
    # then it reads that file, asks the prompt, targets the response, and declares the metric directions
    assert [doc["id"] for doc in task.eval_docs] == [row["id"] for row in ROWS]
    assert task.doc_to_text(task.eval_docs[1]) == "And in a week?"
    assert task.doc_to_target(task.eval_docs[0]) == ROWS[0]["response"]
    helpers.assert_generation_task(task, METRICS, max_gen_toks=96)


def _score(task, replies: list[str]) -> dict[str, float]:
    """Score ``replies[i]`` as the reply to the i-th doc."""
    assert len(replies) == len(task.eval_docs), f"{len(replies)} replies for {len(task.eval_docs)} docs"
    by_id = {doc["id"]: reply for doc, reply in zip(task.eval_docs, replies, strict=True)}
    scores = helpers.score_task(task, lambda doc: by_id[doc["id"]])
    assert set(scores) == set(METRICS), f"scored {set(scores)}"
    return scores


def test_copied_reference_scores_one_and_unrelated_reply_near_zero(task) -> None:
    # given three reply sets: the references themselves, unrelated text, and empty replies
    docs = list(task.eval_docs)
    copied = [doc["response"] for doc in docs]
    unrelated = ["Bananas are rich in potassium and grow in tropical climates on large herbs."] * len(docs)
    empty = [""] * len(docs)
    # when each set is scored through the task's own hooks and aggregations
    ok, bad, none = _score(task, copied), _score(task, unrelated), _score(task, empty)
    # then a copy is perfect, unrelated text is near zero, and an empty reply is zero
    assert ok == pytest.approx({"rouge_l_f1": 1.0, "rouge_l_recall": 1.0, "length_ratio": 1.0}), ok
    assert bad["rouge_l_f1"] < 0.1 and bad["rouge_l_recall"] < 0.1, bad
    assert none == pytest.approx({"rouge_l_f1": 0.0, "rouge_l_recall": 0.0, "length_ratio": 0.0}), none


def test_partial_answers_rank_between(task) -> None:
    # given replies that keep the first half of each reference, and ones that ramble past it
    docs = list(task.eval_docs)
    half = [" ".join(doc["response"].split()[: len(doc["response"].split()) // 2]) for doc in docs]
    ramble = [doc["response"] + " " + "and so on " * 30 for doc in docs]
    # when scored
    copied = _score(task, [doc["response"] for doc in docs])
    half_scores, ramble_scores = _score(task, half), _score(task, ramble)
    # then half answers lose recall, rambling loses precision (F1) and shows a long length ratio
    assert 0.3 < half_scores["rouge_l_recall"] < 0.7 and half_scores["length_ratio"] < 0.7, half_scores
    assert ramble_scores["rouge_l_recall"] == pytest.approx(copied["rouge_l_recall"]), ramble_scores
    assert ramble_scores["rouge_l_f1"] < 0.9 and ramble_scores["length_ratio"] > 1.5, ramble_scores
