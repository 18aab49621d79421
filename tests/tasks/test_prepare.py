"""prepare: normalisation, the loss mask, row accounting and deterministic splits."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tasks.core.params import DataParams, SplitParams
from tasks.prepare import IGNORE_INDEX, assign_split, build_example, prepare_rows, to_messages


@pytest.fixture(scope="module")
def tokenizer(smollm2_tokenizer_dir: Path) -> Any:
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(smollm2_tokenizer_dir)


def reference_labels(messages: list[dict[str, str]], tokenizer: Any) -> list[int]:
    """Independent reference for ChatML: tokenise each turn's pieces separately and mask by role.

    ChatML puts a special token or a newline at every boundary, so tokenising the pieces separately gives
    the same tokens as tokenising the whole text; only the assistant content and its <|im_end|> are trained.
    """

    def ids(text: str) -> list[int]:
        return tokenizer(text, add_special_tokens=False)["input_ids"]

    system = (
        []
        if messages[0]["role"] == "system"
        else [{"role": "system", "content": "You are a helpful AI assistant named SmolLM, trained by Hugging Face"}]
    )
    labels: list[int] = []
    for m in system + messages:
        header = ids(f"<|im_start|>{m['role']}\n")
        body = ids(m["content"] + "<|im_end|>")
        newline = ids("\n")
        labels += [IGNORE_INDEX] * len(header)
        labels += body if m["role"] == "assistant" else [IGNORE_INDEX] * len(body)
        labels += [IGNORE_INDEX] * len(newline)
    return labels


@pytest.mark.parametrize(
    "messages",
    [
        [
            {"role": "user", "content": "What is the boiling point of water?"},
            {"role": "assistant", "content": "100 °C at sea level."},
        ],
        [
            {"role": "system", "content": "Answer briefly."},
            {"role": "user", "content": "Name a prime."},
            {"role": "assistant", "content": "7"},
            {"role": "user", "content": "Another one?"},
            {"role": "assistant", "content": "Eleven.\n\nOr 13."},
        ],
    ],
    ids=["single-turn", "multi-turn-with-system"],
)
def test_labels_are_ignored_exactly_on_non_assistant_tokens(messages: list[dict[str, str]], tokenizer: Any) -> None:
    # given a conversation / when it becomes an example / then labels match the independent reference
    example = build_example(messages, tokenizer)
    expected = reference_labels(messages, tokenizer)
    assert example.labels == expected, (
        "mask differs from the reference:\n"
        f"trained text: {tokenizer.decode([t for t in example.labels if t != IGNORE_INDEX])!r}\n"
        f"expected:     {tokenizer.decode([t for t in expected if t != IGNORE_INDEX])!r}"
    )
    trained = [t for t, lab in zip(example.input_ids, example.labels, strict=True) if lab != IGNORE_INDEX]
    assert trained == [lab for lab in example.labels if lab != IGNORE_INDEX], "labels must equal input ids"


def test_alpaca_input_is_appended_to_the_instruction() -> None:
    messages = to_messages({"instruction": "Summarise.", "input": "A long text.", "output": "Short."}, "auto", None)
    assert messages == [
        {"role": "user", "content": "Summarise.\n\nA long text."},
        {"role": "assistant", "content": "Short."},
    ], messages


def _lines(rows: list[Any]) -> list[tuple[int, str]]:
    return [(i, r if isinstance(r, str) else json.dumps(r)) for i, r in enumerate(rows, start=1)]


def test_every_row_is_kept_or_rejected_with_its_line_and_reason(tokenizer: Any) -> None:
    rows = [
        {"instruction": "Say hi.", "output": "Hi!"},
        "{not json",
        {"instruction": "Say hi.", "output": "Hi!"},
        {"instruction": "Empty.", "output": "   "},
        {"prompt": "unknown shape"},
        {"messages": [{"role": "user", "content": "no reply"}]},
        {"instruction": "Long.", "output": "word " * 400},
        {"instruction": 3, "output": "x"},
    ]
    result = prepare_rows(_lines(rows), "raw.jsonl", DataParams(max_seq_len=128), tokenizer, seed=1)
    kept = sum(len(v) for v in result.splits.values())
    assert result.rows_in == kept + len(result.rejects) == len(rows), "rows_in must equal kept + rejected"
    reasons = {r["line"]: r["reason"] for r in result.rejects}
    assert reasons == {
        2: "malformed_json",
        3: "duplicate",
        4: "empty_response",
        5: "unknown_format",
        6: "no_final_assistant_turn",
        7: "too_long",
        8: "bad_field",
    }, reasons
    assert all(r["source"] == "raw.jsonl" for r in result.rejects), result.rejects


def test_split_assignment_is_deterministic_and_roughly_proportional() -> None:
    split = SplitParams(eval=0.1, heldout=0.2)
    keys = [f"key-{i}" for i in range(5000)]
    first = [assign_split(k, split, seed=7) for k in keys]
    assert first == [assign_split(k, split, seed=7) for k in keys], "same key and seed must give the same split"
    share = {s: first.count(s) / len(keys) for s in ("train", "eval", "heldout")}
    assert abs(share["eval"] - 0.1) < 0.02 and abs(share["heldout"] - 0.2) < 0.02, share
