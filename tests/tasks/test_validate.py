"""validate: the Great Expectations gate passes clean data and names what failed on bad data."""

from __future__ import annotations

import pandas as pd

from tasks.core.params import Params
from tasks.validate import COLUMNS, build_expectations, run_suite, summarise


def _frame(**changes: list) -> pd.DataFrame:
    n = 30
    data = {
        "id": [f"id{i}" for i in range(n)],
        "split": ["train"] * n,
        "prompt": [f"q{i}" for i in range(n)],
        "response": [f"a{i}" for i in range(n)],
        "n_tokens": [40] * n,
        "n_label_tokens": [5] * n,
    }
    for column, values in changes.items():
        data[column][: len(values)] = values
    return pd.DataFrame(data, columns=COLUMNS)


def test_clean_data_passes_every_expectation() -> None:
    summary = summarise(run_suite(_frame(), build_expectations(Params())))
    assert summary["success"], summary["failed"]
    assert summary["evaluated"] >= 8, summary


def test_failures_name_the_expectation_and_what_was_observed() -> None:
    # given too-long rows, a blank reply, a duplicate id and an empty mask
    bad = _frame(n_tokens=[9999], response=["a0", "   "], id=["dup", "dup"], n_label_tokens=[5, 5, 0])
    summary = summarise(run_suite(bad, build_expectations(Params())))
    failed = "\n".join(summary["failed"])
    assert not summary["success"], "bad data must fail the gate"
    assert "expect_column_values_to_be_between(column=n_tokens" in failed and "[9999]" in failed, failed
    assert "expect_column_values_to_not_match_regex(column=response" in failed, failed
    assert "expect_column_values_to_be_unique(column=id" in failed, failed
    assert "expect_column_values_to_be_between(column=n_label_tokens" in failed, failed
