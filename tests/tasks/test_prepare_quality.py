"""prepare: every input format, every quality filter reason, truncation, and garbage that never crashes."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

from tasks.core.params import DataParams
from tasks.data.readers import read_rows
from tasks.prepare import IGNORE_INDEX, RejectedRow, prepare_rows, summarise, to_messages


@pytest.fixture(scope="module")
def tokenizer(smollm2_tokenizer_dir: Path) -> Any:
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(smollm2_tokenizer_dir)


def _lines(rows: list[Any]) -> list[tuple[int, str]]:
    return [(i, r if isinstance(r, str) else json.dumps(r)) for i, r in enumerate(rows, start=1)]


def _long_text(seed: int, n: int = 25) -> str:
    return " ".join(f"token{(seed * 7919 + i * 104729) % 100003}" for i in range(n))


USER_ASSISTANT = [{"role": "user", "content": "Hi"}, {"role": "assistant", "content": "Hello"}]


@pytest.mark.parametrize(
    ("row", "fmt"),
    [
        ({"instruction": "Hi", "output": "Hello"}, "auto"),
        ({"conversations": [{"from": "human", "value": "Hi"}, {"from": "gpt", "value": "Hello"}]}, "auto"),
        ({"messages": USER_ASSISTANT}, "auto"),
        ({"prompt": "Hi", "completion": "Hello"}, "auto"),
        ({"prompt": "Hi", "completion": "Hello", "instruction": "ignored"}, "prompt_completion"),
    ],
    ids=["alpaca", "sharegpt", "messages", "prompt_completion", "forced-format"],
)
def test_every_format_normalises_to_the_same_messages(row: dict[str, Any], fmt: str) -> None:
    # given one exchange in each format / when normalised / then all give the same user/assistant messages
    assert to_messages(row, fmt, None) == USER_ASSISTANT, to_messages(row, fmt, None)


def test_sharegpt_maps_system_human_gpt_and_rejects_unknown_roles() -> None:
    turns = [{"from": "system", "value": "Be brief."}, {"from": "human", "value": "Hi"}, {"from": "gpt", "value": "Yo"}]
    # given ShareGPT turns with a system turn / then roles become system/user/assistant
    assert [m["role"] for m in to_messages({"conversations": turns}, "auto", None)] == [
        "system",
        "user",
        "assistant",
    ], "ShareGPT roles system/human/gpt map to system/user/assistant"
    # given an unknown role / then the row is rejected as bad_field naming the role
    with pytest.raises(RejectedRow) as err:
        to_messages({"conversations": [{"from": "bot", "value": "x"}]}, "auto", None)
    assert err.value.reason == "bad_field" and "'bot'" in err.value.detail, err.value


def _reply(text: str) -> dict[str, str]:
    return {"role": "assistant", "content": text}


def test_each_quality_filter_rejects_with_its_own_reason(tokenizer: Any) -> None:
    # given one clean row and one row per filter reason
    clean = {"instruction": "Describe the sea.", "output": _long_text(1)}
    near = {"instruction": "Describe the sea.", "output": _long_text(1) + " extra"}
    rows = [
        clean,
        {"instruction": "  DESCRIBE the sea. ", "output": _long_text(1).upper()},  # exact duplicate
        near,
        {"instruction": "Refuse.", "output": "As an AI language model, I cannot do that."},
        {"instruction": "Echo this back.", "output": "echo  this BACK."},
        {"instruction": "Broken.", "output": "caf\ufffd au lait"},
        {"instruction": "Control.", "output": "bell\x07 rings"},
        {"instruction": "Blank.", "output": " \n "},
        {"instruction": "Long.", "output": "word " * 400},
        {"messages": [{"role": "assistant", "content": "hi"}, {"role": "user", "content": "bye"}]},
        {"messages": [{"role": "user", "content": "a"}, {"role": "user", "content": "b"}, _reply("c")]},
        {"messages": [{"role": "user", "content": "a"}, {"role": "tool", "content": "{}"}, _reply("d")]},
    ]
    # when prepared
    result = prepare_rows(_lines(rows), "raw.jsonl", DataParams(max_seq_len=256), tokenizer, seed=1)
    # then each bad row has exactly its own reason and the clean row is kept
    reasons = {r["line"]: r["reason"] for r in result.rejects}
    assert reasons == {
        2: "duplicate",
        3: "near_duplicate",
        4: "refusal_boilerplate",
        5: "response_equals_prompt",
        6: "bad_encoding",
        7: "bad_encoding",
        8: "empty_response",
        9: "too_long",
        10: "no_final_assistant_turn",
        11: "bad_role_order",
        12: "bad_role_order",
    }, reasons
    assert "line 1" in next(r["detail"] for r in result.rejects if r["line"] == 3), "near-dup names the kept line"
    summary = summarise(result)
    assert summary["kept"] == 1 and summary["rows_in"] == len(rows), summary
    assert summary["rejected_by_reason"]["bad_encoding"] == 2, summary["rejected_by_reason"]


def test_sample_style_refusals_are_kept_by_the_default_patterns(tokenizer: Any) -> None:
    # given the legitimate refusals of harmful requests from the sample data
    sample = Path(__file__).resolve().parents[2] / "data" / "raw" / "sft_sample.jsonl"
    rows = [r for r in read_rows(str(sample), sample.parent) if "I can't help" in (r.text or "")]
    # when prepared with the defaults / then none is rejected as refusal boilerplate
    result = prepare_rows(rows, "sample", DataParams(), tokenizer, seed=42)
    assert len(rows) >= 8 and not result.rejects, result.rejects


def test_truncate_keeps_labels_aligned_and_drops_rows_with_no_trained_token(tokenizer: Any) -> None:
    rows = [
        {"instruction": "Short question?", "output": "word " * 400},  # reply starts within the limit
        {"instruction": "word " * 400, "output": "Reply."},  # prompt alone fills the limit
    ]
    # when prepared with overlength=truncate
    data = DataParams(max_seq_len=64, overlength="truncate", near_dup_threshold=1.0)
    result = prepare_rows(_lines(rows), "raw.jsonl", data, tokenizer, seed=1)
    kept = [r for rows in result.splits.values() for r in rows]
    # then the first is cut to max_seq_len with aligned labels, the second rejected as too_long
    assert len(kept) == 1 and kept[0]["n_tokens"] == 64 and len(kept[0]["labels"]) == 64, kept
    ids, labels = kept[0]["input_ids"], kept[0]["labels"]
    assert all(lab in (IGNORE_INDEX, tok) for tok, lab in zip(ids, labels, strict=True)), "labels misaligned"
    assert kept[0]["n_label_tokens"] > 0, "some reply tokens must be trained"
    assert [(r["line"], r["reason"]) for r in result.rejects] == [(2, "too_long")], result.rejects


def test_json_array_rejects_name_the_array_element(tokenizer: Any, tmp_path: Path) -> None:
    # given a JSON array whose second element is not an object
    (tmp_path / "raw.json").write_text(json.dumps([{"instruction": "Hi", "output": "Hello"}, "oops"]))
    # when prepared / then the reject's line is the 1-based element index and the detail says so
    result = prepare_rows(read_rows("raw.json", tmp_path), "raw.json", DataParams(), tokenizer, seed=1)
    assert result.rejects == [
        {
            "source": "raw.json",
            "line": 2,
            "reason": "malformed_json",
            "detail": "array element 2: expected a JSON object, got str",
        }
    ], result.rejects


def test_a_10_mb_line_is_rejected_quickly(tokenizer: Any) -> None:
    # given a 10 MB row, in drop and in truncate mode
    huge = json.dumps({"instruction": "Hi", "output": "y " * 5_000_000})
    for overlength in ("drop", "truncate"):
        start = time.perf_counter()
        # when prepared / then it is rejected as too_long within seconds
        result = prepare_rows([(1, huge)], "raw.jsonl", DataParams(overlength=overlength), tokenizer, seed=1)
        assert [r["reason"] for r in result.rejects] == ["too_long"], result.rejects
        assert time.perf_counter() - start < 5, f"a 10 MB row must be rejected quickly ({overlength})"
