"""evaluate: lm-eval results become flat, direction-aware metrics."""

from __future__ import annotations

from tasks.evaluate import deltas, directions, flatten_results

RESULTS = {
    "results": {
        "sft_heldout": {"alias": "sft_heldout", "bits_per_byte,none": 0.5, "bits_per_byte_stderr,none": "N/A"},
        "prompt_continuation": {
            "continuation_rate,none": 0.25,
            "continuation_rate_stderr,none": 0.1,
            "continuation_rate,strict": 0.5,
        },
    },
    "higher_is_better": {"sft_heldout": {"bits_per_byte": False}, "prompt_continuation": {"continuation_rate": False}},
}


def test_results_flatten_to_task_slash_metric() -> None:
    assert flatten_results(RESULTS) == {
        "sft_heldout/bits_per_byte": 0.5,
        "prompt_continuation/continuation_rate": 0.25,
        "prompt_continuation/continuation_rate_stderr": 0.1,
        "prompt_continuation/continuation_rate_strict": 0.5,
    }


def test_directions_come_from_the_tasks() -> None:
    assert directions(RESULTS) == {"sft_heldout/bits_per_byte": False, "prompt_continuation/continuation_rate": False}


def test_deltas_are_finetuned_minus_base_without_stderr() -> None:
    assert deltas({"a/x": 1.0, "a/x_stderr": 0.1}, {"a/x": 0.75, "a/x_stderr": 0.2}) == {"a/x": -0.25}
