"""Tests for the length_calibration lm-eval probe (evals/length_calibration/)."""

from __future__ import annotations

import math
import random
import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from tests import helpers

TASK = "length_calibration"
IMPLICIT = {"word", "sentence", "paragraph", "essay"}
KINDS = IMPLICIT | {"max_words", "min_words", "exact_bullets", "max_sentences", "one_word"}
METRICS = {
    "constraint_adherence": True,
    "length_spearman": True,
    "median_length_ratio": False,
    "length_log_error": False,
}

utils = helpers.load_probe_module(TASK)


def _rows() -> list[dict[str, Any]]:
    return helpers.probe_items(TASK)


# --- items ---------------------------------------------------------------------------------------------


def test_build_items_regenerates_the_file_byte_identically(tmp_path: Path) -> None:
    # given the builder script and its hand-written prompts (sources/prompts.jsonl, their single source)
    # when the script is rerun into a temporary file, then it writes exactly the committed items.jsonl
    helpers.assert_builder_reproduces_items(TASK, tmp_path)


def test_items_are_unique_balanced_and_well_formed() -> None:
    # given the committed items
    rows = _rows()
    # when kinds and fields are collected
    kinds = Counter(row["kind"] for row in rows)
    # then there are 100+ distinct items, every kind equally often, with the documented fields
    helpers.assert_unique_items(rows)
    assert set(kinds) == KINDS, f"unexpected kinds {set(kinds)}"
    assert max(kinds.values()) - min(kinds.values()) <= 1, f"kinds not balanced: {kinds}"
    for row in rows:
        assert set(row) == {"id", "kind", "scope", "expected_words", "constraint", "prompt"}, row
        assert re.fullmatch(rf"lc_{row['kind']}_\d{{3}}", row["id"]), row["id"]
        assert isinstance(row["expected_words"], int) and row["expected_words"] >= 1, row
        assert row["scope"] in {"word", "sentence", "paragraph", "essay"}, row
        if row["kind"] in IMPLICIT:
            assert row["constraint"] is None, row
        else:
            assert row["constraint"]["type"] == row["kind"] and row["constraint"]["value"] >= 1, row


def test_kinds_are_interleaved_and_long_items_are_a_minority() -> None:
    # given the committed items
    rows = _rows()
    # when the first len(KINDS) items and the long-scope share are inspected
    first = {row["kind"] for row in rows[: len(KINDS)]}
    long_share = sum(row["kind"] in {"essay", "min_words"} for row in rows) / len(rows)
    # then --limit 9 already covers every kind, and long replies stay under a quarter (CPU budget)
    assert first == KINDS, f"first items cover only {first}"
    assert long_share <= 0.25, f"long-scope share {long_share:.2f}"
    assert max(row["expected_words"] for row in rows) <= 100, "an expectation exceeds what max_gen_toks allows"


_NUMBER_WORDS = {"one": 1, "single": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6}


@pytest.mark.parametrize("row", [r for r in _rows() if r["constraint"]], ids=lambda r: r["id"])
def test_constraint_value_matches_the_prompt(row: dict[str, Any]) -> None:
    # given an explicit item
    prompt, value = row["prompt"].lower(), row["constraint"]["value"]
    # when the numbers its prompt mentions are read ("under 20" / "fewer than 20" means at most 19)
    numbers = {int(n) for n in re.findall(r"\d+", prompt)} | {v for w, v in _NUMBER_WORDS.items() if w in prompt}
    exclusive = bool(re.search(r"\b(?:under|fewer than)\s+\d+", prompt))
    # then the stored value is the one the prompt asks for
    assert (value + 1 if exclusive else value) in numbers, f"{row['id']}: value {value} vs {prompt!r}"


# --- counting helpers ----------------------------------------------------------------------------------

BULLETS = [
    ("- one\n- two\n- three", 3),
    ("* one\n* two", 2),
    ("\u2022 one\n\u2022 two\n\u2022 three\n\u2022 four", 4),
    ("1. one\n2. two\n3. three", 3),
    ("1) one\n2) two", 2),
    ("Here are some tips:\n\n1. **Sleep** well.\n2. **Eat** well.\n\nGood luck!", 2),
    ("- top\n  - nested\n  - nested\n- top", 2),  # sub-items belong to their parent
    ("**Bold heading**\n---\n***\nNo list here.", 0),  # emphasis and rules are not items
    ("1. Inline 2. numbering 3. on one line", 1),
    ("Pi is 3.14 and e is 2.72.", 0),
    ("```\n- not a bullet\n```\n- a bullet", 1),
    ("", 0),
]


@pytest.mark.parametrize(("text", "expected"), BULLETS)
def test_bullet_count(text: str, expected: int) -> None:
    # given a reply with (or without) a markdown list; when its top-level items are counted
    # then the count is the number of list items a reader sees
    assert utils.bullet_count(text) == expected, f"{text!r}"


SENTENCES = [
    ("Inflation is a rise in prices.", 1),
    ("Prices rise. Money buys less! Why? Because.", 4),
    ("Pi is about 3.14 and e about 2.72 in value.", 1),  # decimals
    ("Dr. Smith met Mr. Jones at 5 p.m. on Friday.", 1),  # abbreviations
    ("Fruits, e.g. apples, are sweet. Vegetables, i.e. the rest, are not.", 2),
    ("J. K. Rowling wrote it. She lives in the U.K. today.", 2),  # initials; "U.K." ends mid-sentence
    ("So do I. Then we left.", 2),  # "I." is a word, not an initial
    ('He said "stop." Then he left.', 2),  # closing quote after the period
    ("Wait... what happened?", 2),
    ("**Inflation** is a rise in prices.**", 1),
    ("Title\nFirst line of text.", 2),  # every line break ends a sentence
    ("- first point\n- second point. With more", 3),
    ("Le caf\u00e9 est ferm\u00e9. \u00c7a arrive.", 2),  # unicode
    ("Version 2.0 shipped.", 1),
    ("", 0),
    ("   \n\n", 0),
    ("***\n---", 0),
]


@pytest.mark.parametrize(("text", "expected"), SENTENCES)
def test_sentence_count(text: str, expected: int) -> None:
    # given a reply; when its sentences are counted; then decimals and abbreviations do not split it
    assert utils.sentence_count(text) == expected, f"{text!r} -> {utils.sentences(text)}"


@pytest.mark.parametrize(
    ("text", "expected"),
    [("Blue", True), ("Blue.", True), ("**Paris**", True), ("  Honey!\n", True), ("well-known", True)]
    + [("", False), ("The sun.", False), ("Answer: Sun", False), ("...", False), ("\U0001f41d", False)],
)
def test_is_one_word(text: str, expected: bool) -> None:
    assert utils.is_one_word(text) is expected, f"{text!r}"


def test_reply_words_ignores_list_markers_and_markdown() -> None:
    # given a numbered markdown list; when its words are counted
    # then neither "1." markers nor "**" count, while words with digits do
    assert utils.reply_words("1. **Buy** in bulk\n2. Use coupons\n- Plan 3 meals") == 8
    assert utils.reply_words("") == 0
    assert utils.reply_words("caf\u00e9 na\u00efve") >= 2


@pytest.mark.parametrize(
    ("constraint", "reply", "expected"),
    [
        ({"type": "max_words", "value": 5}, "Prices go up over time.", True),
        ({"type": "max_words", "value": 4}, "Prices go up over time.", False),
        ({"type": "max_words", "value": 5}, "", False),  # an empty reply meets no constraint
        ({"type": "min_words", "value": 5}, "one two three four five", True),
        ({"type": "min_words", "value": 6}, "one two three four five", False),
        ({"type": "exact_bullets", "value": 3}, "Tips:\n- a b\n- c d\n- e f\nDone.", True),
        ({"type": "exact_bullets", "value": 3}, "- a\n- b", False),
        ({"type": "exact_bullets", "value": 3}, "- a\n- b\n- c\n- d", False),
        ({"type": "max_sentences", "value": 1}, "Inflation is rising prices, e.g. for food.", True),
        ({"type": "max_sentences", "value": 1}, "Inflation is rising prices. It hurts savers.", False),
        ({"type": "max_sentences", "value": 2}, "Inflation is rising prices. It hurts savers.", True),
        ({"type": "max_sentences", "value": 2}, "  ", False),
        ({"type": "one_word", "value": 1}, "Rome.", True),
        ({"type": "one_word", "value": 1}, "The capital is Rome.", False),
    ],
)
def test_satisfies(constraint: dict[str, Any], reply: str, expected: bool) -> None:
    assert utils.satisfies(constraint, reply) is expected, f"{constraint} / {reply!r}"


def test_unknown_constraint_type_is_an_error() -> None:
    with pytest.raises(ValueError, match="unknown constraint"):
        utils.satisfies({"type": "max_paragraphs", "value": 1}, "text")


# --- statistics ----------------------------------------------------------------------------------------


def test_spearman_against_hand_computed_values() -> None:
    # perfect and reversed order
    assert utils.spearman([1, 2, 3, 4], [10, 20, 30, 40]) == pytest.approx(1.0)
    assert utils.spearman([1, 2, 3, 4], [4, 3, 2, 1]) == pytest.approx(-1.0)
    # ties: ranks x = 1, 2.5, 2.5, 4 ; y = 1, 2, 3, 4 -> cov 4.5, var_x 4.5, var_y 5 -> 4.5 / sqrt(22.5)
    assert utils.spearman([1, 5, 5, 9], [1, 2, 3, 4]) == pytest.approx(4.5 / math.sqrt(22.5))
    # d^2 formula without ties: x ranks 1..5, y ranks 2,1,4,3,5 -> d^2 sum 4 -> 1 - 6*4/(5*24) = 0.8
    assert utils.spearman([1, 2, 3, 4, 5], [20, 10, 40, 30, 50]) == pytest.approx(0.8)
    # constant side or too few points: undefined
    assert math.isnan(utils.spearman([1, 2, 3], [7, 7, 7]))
    assert math.isnan(utils.spearman([1], [2]))


def test_spearman_matches_scipy_on_tied_data() -> None:
    stats = pytest.importorskip("scipy.stats")
    rng = random.Random(7)
    xs = [rng.choice([1, 3, 20, 60, 100]) for _ in range(60)]
    ys = [rng.randint(0, 30) + x for x in xs]
    assert utils.spearman(xs, ys) == pytest.approx(stats.spearmanr(xs, ys).statistic, abs=1e-12)


def test_length_aggregations_on_hand_computed_values() -> None:
    # given (id, expected, produced) tuples, one empty reply among them
    items = [("a", 10.0, 10.0), ("b", 10.0, 20.0), ("c", 4.0, 1.0), ("d", 1.0, 0.0), ("e", 20.0, 5.0)]
    # then the ratio median is over 1, 2, 0.25, 0, 0.25 and the error median over 0, 1, 2, 1, 2
    assert utils.median_length_ratio(items) == pytest.approx(0.25)
    assert utils.length_log_error(items) == pytest.approx(1.0)
    # the empty reply is floored at half a word: |log2(0.5 / 1)| = 1, never a perfect one-word answer
    assert utils.log_error(1.0, 0.0) == pytest.approx(1.0)
    # duplicated tuples (a bootstrap resample) are simply more draws
    assert utils.length_log_error(items + items) == pytest.approx(1.0)
    assert math.isnan(utils.length_log_error([])) and math.isnan(utils.median_length_ratio([]))


# --- through lm-eval -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def task():
    return helpers.tagged_probe_task(TASK)


def test_task_loads_with_declared_metrics_and_generation(task) -> None:
    # given the task built by lm-eval (fixture)
    # then every item is a doc, the metric directions are as documented, and decoding is greedy
    helpers.assert_generation_task(task, METRICS, max_gen_toks=144, n_docs=len(_rows()))
    assert task.doc_to_text(task.eval_docs[0]) == task.eval_docs[0]["prompt"]


def _filler(n_words: int, per_sentence: int = 12) -> str:
    """``n_words`` words in sentences of at most ``per_sentence`` words."""
    vocab = ["the", "model", "answers", "each", "question", "with", "clear", "useful", "words", "on", "its", "topic"]
    words = [vocab[i % len(vocab)] for i in range(n_words)]
    chunks = [words[i : i + per_sentence] for i in range(0, n_words, per_sentence)]
    return " ".join(" ".join(chunk).capitalize() + "." for chunk in chunks)


def _good_reply(doc: dict[str, Any]) -> str:
    """A well-sized reply that meets the item's constraint."""
    expected, constraint = doc["expected_words"], doc["constraint"]
    kind = constraint["type"] if constraint else doc["kind"]
    if kind == "one_word":
        return "Rome."
    if kind == "exact_bullets":
        n = constraint["value"]
        return "\n".join(f"- {_filler(expected // n, per_sentence=100)}" for _ in range(n))
    if kind == "max_sentences":
        n = constraint["value"]
        return _filler(expected, per_sentence=math.ceil(expected / n))
    return _filler(expected)


def _padded(doc: dict[str, Any], reply: str) -> str:
    """The same reply padded with extra sentences to three times the expected length."""
    extra = 3 * doc["expected_words"] - utils.reply_words(reply)
    return reply + "\n\n" + _filler(extra)


def _score(task, replies: dict[str, str]) -> dict[str, float]:
    scores = helpers.score_task(task, lambda doc: replies[doc["id"]])
    assert set(scores) == set(METRICS), f"scored {set(scores)}"
    return scores


def test_well_sized_replies_score_near_perfect(task) -> None:
    # given a reply of exactly the expected length, meeting its constraint, for every item
    good = {doc["id"]: _good_reply(doc) for doc in task.eval_docs}
    # when scored through the task's own hooks and aggregations
    scores = _score(task, good)
    # then every metric is at its ideal value
    assert scores["constraint_adherence"] == pytest.approx(1.0), scores
    assert scores["length_spearman"] == pytest.approx(1.0), scores
    assert scores["median_length_ratio"] == pytest.approx(1.0), scores
    assert scores["length_log_error"] == pytest.approx(0.0), scores


def test_over_long_replies_score_clearly_worse(task) -> None:
    # given the well-sized replies, and the same replies padded to three times the expected length
    good = {doc["id"]: _good_reply(doc) for doc in task.eval_docs}
    padded = {doc["id"]: _padded(doc, good[doc["id"]]) for doc in task.eval_docs}
    # when both sets are scored
    ok, bad = _score(task, good), _score(task, padded)
    # then the padded set is worse on every calibration metric (Spearman ignores a uniform factor)
    assert bad["length_log_error"] == pytest.approx(math.log2(3), abs=0.05), bad
    assert bad["length_log_error"] > ok["length_log_error"] + 1.0, (ok, bad)
    assert abs(bad["median_length_ratio"] - 1) > abs(ok["median_length_ratio"] - 1) + 1.5, (ok, bad)
    assert bad["constraint_adherence"] < ok["constraint_adherence"] - 0.4, (ok, bad)


def test_scope_blind_replies_lose_the_rank_correlation(task) -> None:
    # given replies whose lengths are the expected lengths shuffled across items (scope ignored)
    docs = list(task.eval_docs)
    lengths = [doc["expected_words"] for doc in docs]
    random.Random(0).shuffle(lengths)
    blind = {doc["id"]: _filler(n) for doc, n in zip(docs, lengths, strict=True)}
    # when scored
    scores = _score(task, blind)
    # then the rank correlation collapses and the typical error grows, though the median ratio may not
    assert scores["length_spearman"] < 0.3, scores
    assert scores["length_log_error"] > 1.0, scores


def test_process_results_marks_implicit_items_not_applicable(task) -> None:
    docs = {doc["kind"]: doc for doc in task.eval_docs}
    implicit = task.process_results(docs["word"], ["Au"])
    explicit = task.process_results(docs["one_word"], ["Yellow"])
    assert math.isnan(implicit["constraint_adherence"]), implicit
    assert implicit["length_log_error"] == (docs["word"]["id"], 3.0, 1.0), implicit
    assert explicit["constraint_adherence"] == 1.0 and explicit["median_length_ratio"][1:] == (1.0, 1.0), explicit


# --- agreement with independent labels (evals/length_calibration/labels.jsonl) --------------------------
# Floors: the agreement measured when the scorer was last tuned (dev) and checked once (heldout), rounded down.
LABEL_FLOORS = {"dev": 0.99, "heldout": 0.98}


@pytest.mark.parametrize("split", sorted(LABEL_FLOORS))
def test_satisfies_agrees_with_independent_labels(split: str) -> None:
    # given the labelled replies of one split (see the README's "Scorer agreement")
    # when each reply is checked against its constraint, then agreement stays at or above the recorded level
    helpers.assert_labels_agree(
        TASK, split, lambda row: utils.satisfies(row["constraint"], row["reply"]), "satisfies", LABEL_FLOORS[split]
    )
