"""validate: the Great Expectations gate passes clean data and names what failed, and what it saw, on bad data."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tasks.core.errors import SftopsError
from tasks.core.params import Params, validate_params
from tasks.core.paths import ProjectPaths
from tasks.core.schema import IGNORE_INDEX, SPLITS
from tasks.data.filters import normalise
from tasks.validate import (
    COLUMNS,
    FirstOccurrences,
    ValidationFailed,
    build_data_docs,
    build_expectations,
    frame_from_rows,
    role_order_ok,
    run,
    run_suite,
    schema_problems,
    summarise,
)

N_ROWS = 30


def _row(i: int, messages: list[dict[str, str]] | None = None, n_tokens: int = 40, n_label: int = 5) -> dict:
    messages = messages or [
        {"role": "user", "content": f"Question number {i}?"},
        {"role": "assistant", "content": f"Answer number {i}."},
    ]
    return {
        "id": f"{i:016x}",
        "source": "raw.jsonl",
        "line": i + 1,
        "messages": messages,
        "prompt": next(m["content"] for m in reversed(messages) if m["role"] == "user"),
        "response": messages[-1]["content"],
        "text": "\n".join(m["content"] for m in messages),
        "input_ids": list(range(n_tokens)),
        "labels": [IGNORE_INDEX] * (n_tokens - n_label) + list(range(n_label)),
        "n_tokens": n_tokens,
        "n_label_tokens": n_label,
    }


def _rows() -> list[dict[str, Any]]:
    rows = [_row(i) for i in range(N_ROWS)]
    # a system prompt and a second exchange are in order too
    rows[3]["messages"] = [{"role": "system", "content": "Be brief."}, *rows[3]["messages"]]
    rows[4]["messages"] = [*rows[4]["messages"], {"role": "user", "content": "And?"}, rows[4]["messages"][-1]]
    return rows


def _by_split(rows: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    return {split: rows[i :: len(SPLITS)] for i, split in enumerate(SPLITS)}


def _check(rows: list[dict[str, Any]], params: Params | None = None) -> dict[str, Any]:
    params = params or Params()
    return summarise(run_suite(frame_from_rows(_by_split(rows), params), build_expectations(params)))


def _write_prepared(root: Path, rows: list[dict[str, Any]]) -> ProjectPaths:
    paths = ProjectPaths(root)
    for split, split_rows in _by_split(rows).items():
        path = paths.split_file(split)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("".join(json.dumps(r) + "\n" for r in split_rows), encoding="utf-8")
    return paths


def test_clean_data_passes_and_the_stage_writes_result_metrics_and_data_docs(tmp_path: Path) -> None:
    # given clean prepared splits / when the stage runs / then every expectation passes and all outputs exist
    paths = _write_prepared(tmp_path, _rows())
    summary = run(Params(), paths)
    assert summary["success"], summary["failed"]
    assert summary["evaluated"] == len(build_expectations(Params())) >= 9, summary
    metrics = json.loads(paths.metrics("validate").read_text())
    assert metrics["success"] and metrics["rows"] == N_ROWS and metrics["n_failed"] == 0, metrics
    assert metrics["n_expectations"] == summary["evaluated"], metrics
    expected_rates = {"duplicate_rate": 0, "refusal_rate": 0, "mask_nonempty_share": 1, "bad_role_order_share": 0}
    assert {k: metrics[k] for k in expected_rates} == expected_rates, metrics
    result = json.loads(paths.validation.read_text())
    assert result["summary"]["success"] and result["great_expectations"]["results"], result["summary"]
    index = paths.data_docs / "index.html"
    assert index.is_file(), list(paths.data_docs.rglob("*"))
    pages = [p for p in paths.data_docs.rglob("*.html") if "validations" in p.parts]
    assert pages, "Data Docs have no validation result page"
    assert "expect_column_values_to_be_null" in pages[0].read_text() or "duplicate_of" in pages[0].read_text()


def _planted(defect: str) -> tuple[list[dict[str, Any]], list[str]]:
    """Rows with one planted defect and what the failure line must say."""
    rows = _rows()
    if defect == "duplicate":  # row 5 repeats row 2 (same split) up to case and whitespace
        rows[5]["messages"] = [
            {"role": m["role"], "content": "  " + m["content"].upper().replace(" ", "\n ")} for m in rows[2]["messages"]
        ]
        return rows, ["expect_column_values_to_be_null(column=duplicate_of)", "e.g. ['line 3'] at lines [6]"]
    if defect == "refusal":
        rows[5]["messages"][-1]["content"] = rows[5]["response"] = "I'm sorry, but I can't help with that."
        return rows, ["expect_column_values_to_be_null(column=refusal, mostly=0.99)", "1 of 30 rows unexpected (3.33%)"]
    if defect == "empty_mask":
        rows[6] = _row(6, n_label=0)
        return rows, ["expect_column_values_to_be_between(column=n_label_tokens, min_value=1", "e.g. [0] at lines [7]"]
    if defect == "role_order":
        rows[8]["messages"] = [{"role": "user", "content": "Hi."}, *rows[8]["messages"]]
        return rows, ["expect_column_values_to_match_regex(column=roles", "e.g. ['user,user,assistant'] at lines [9]"]
    if defect == "too_many_tokens":
        rows[9] = _row(9, n_tokens=600)
        return rows, ["column=n_tokens, min_value=2", "max_value=512", "e.g. [600] at lines [10]"]
    if defect == "too_few_tokens":
        rows[9] = _row(9, n_tokens=1, n_label=1)
        return rows, ["column=n_tokens, min_value=2", "e.g. [1] at lines [10]"]
    if defect == "empty_response":
        rows[10]["response"] = " \n "
        return rows, ["expect_column_values_to_be_between(column=response_chars, min_value=1", "e.g. [0] at lines [11]"]
    if defect == "empty_prompt":
        rows[10]["prompt"] = ""
        return rows, ["expect_column_values_to_be_between(column=prompt_chars, min_value=1", "e.g. [0] at lines [11]"]
    if defect == "schema":
        del rows[11]["labels"]
        rows[12]["n_tokens"] = "40"
        return rows, [
            "expect_column_values_to_be_null(column=schema_problems)",
            "2 of 30 rows unexpected",
            "'labels is missing'",
            "'n_tokens is str, expected int'",
            "at lines [13, 12]",  # train (row 12) comes before heldout (row 11)
        ]
    raise AssertionError(defect)


@pytest.mark.parametrize(
    "defect",
    [
        "duplicate",
        "refusal",
        "empty_mask",
        "role_order",
        "too_many_tokens",
        "too_few_tokens",
        "empty_response",
        "empty_prompt",
        "schema",
    ],
)
def test_a_planted_defect_fails_its_expectation_naming_the_observed_value(defect: str) -> None:
    rows, needles = _planted(defect)
    summary = _check(rows)
    assert not summary["success"], f"{defect}: bad data passed the gate"
    [line] = [f for f in summary["failed"] if needles[0] in f] or [None]
    assert line is not None, f"{defect}: no failure for {needles[0]!r} in {summary['failed']}"
    for needle in needles[1:]:
        assert needle in line, f"{defect}: {needle!r} not in {line!r}"
    if defect != "schema":  # one defect, one failed expectation (a broken schema may fail more)
        assert len(summary["failed"]) == 1, summary["failed"]


@pytest.mark.parametrize(
    ("defect", "override"),
    [
        ("duplicate", "max_duplicate_rate=0.05"),
        ("refusal", "max_refusal_rate=0.05"),
        ("empty_mask", "min_mask_nonempty_share=0.95"),
        ("role_order", "max_bad_role_order_share=0.05"),
    ],
)
def test_rate_thresholds_come_from_params(defect: str, override: str) -> None:
    # given one bad row in 30 (3.3%) / when the params allow 5% (or want only 95%) / then the gate passes
    rows, _ = _planted(defect)
    key, value = override.split("=")
    summary = _check(rows, validate_params({"validate": {key: float(value)}}))
    assert summary["success"], summary["failed"]


def test_the_stage_fails_with_one_line_per_failed_expectation_and_still_writes_its_outputs(tmp_path: Path) -> None:
    rows, _ = _planted("duplicate")
    rows[6] = _row(6, n_label=0)
    paths = _write_prepared(tmp_path, rows)
    with pytest.raises(ValidationFailed) as err:
        run(Params(), paths)
    message = str(err.value)
    assert "data validation failed: 2 of " in message, message
    failures = [line for line in message.splitlines() if line.startswith("  - ")]
    assert len(failures) == 2, message
    assert "column=duplicate_of" in failures[1] and "column=n_label_tokens" in failures[0], failures
    metrics = json.loads(paths.metrics("validate").read_text())
    assert not metrics["success"] and metrics["n_failed"] == metrics["failed_expectations"] == 2, metrics
    assert metrics["duplicate_rate"] == round(1 / N_ROWS, 6), metrics
    assert metrics["mask_nonempty_share"] == round(1 - 1 / N_ROWS, 6), metrics
    assert (paths.data_docs / "index.html").is_file(), "Data Docs are written for a failed gate too"


def test_missing_prepared_data_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(SftopsError, match=r"train.jsonl.*not found; run the prepare stage first"):
        run(Params(), ProjectPaths(tmp_path))


def test_a_row_that_is_not_json_is_named_by_file_and_number(tmp_path: Path) -> None:
    paths = _write_prepared(tmp_path, _rows())
    with paths.split_file("eval").open("a") as f:
        f.write('{"id": "x", \n')
    with pytest.raises(SftopsError, match=r"eval.jsonl: line 11 is not JSON \("):
        run(Params(), paths)


def test_a_row_that_is_not_an_object_is_a_schema_problem() -> None:
    frame = frame_from_rows({"train": [_row(0), [1, 2]]}, Params())
    assert frame["schema_problems"].tolist() == [None, "the row is a JSON list, not an object"]


def test_no_rows_fail_the_row_count_only() -> None:
    summary = _check([])
    assert summary["failed"] == ["expect_table_row_count_to_be_between(min_value=20): observed 0"], summary


@pytest.mark.parametrize(
    ("roles", "ok"),
    [
        (["user", "assistant"], True),
        (["system", "user", "assistant"], True),
        (["system", "user", "assistant", "user", "assistant"], True),
        (["assistant"], False),
        (["user"], False),
        (["user", "user", "assistant"], False),
        (["user", "assistant", "assistant"], False),
        (["user", "assistant", "user"], False),
        (["user", "system", "assistant"], False),
        (["system", "system", "user", "assistant"], False),
        (["user", "tool", "assistant"], False),
        ([], False),
    ],
)
def test_role_order(roles: list[str], ok: bool) -> None:
    assert role_order_ok(roles) is ok


def test_schema_problems_name_each_field() -> None:
    assert schema_problems(_row(0)) is None
    row = {**_row(0), "line": None, "n_tokens": True}
    del row["text"]
    assert schema_problems(row) == "line is null; text is missing; n_tokens is bool, expected int"
    assert schema_problems({**_row(0), "labels": [1]}) == "1 labels for 40 input_ids"
    assert schema_problems({**_row(0), "n_tokens": 41}) == "n_tokens=41 but 40 input_ids"
    assert schema_problems({**_row(0), "n_label_tokens": 50}) == "n_label_tokens=50 outside [0, n_tokens=40]"


def test_a_message_without_string_role_and_content_is_a_schema_problem() -> None:
    rows = _rows()
    rows[0]["messages"] = [{"role": "user", "content": None}, {"role": "assistant", "content": "x"}]
    frame = frame_from_rows({"train": rows}, Params())
    assert list(frame.columns) == COLUMNS
    assert frame["schema_problems"][0] == "messages[0] has no string role and content", frame["schema_problems"][0]


def test_duplicates_are_equal_up_to_case_and_whitespace_as_prepare_defines_them() -> None:
    seen = FirstOccurrences()
    first = [("user", "Hello  World"), ("assistant", "Hi there.")]
    assert seen.duplicate_of(1, first) is None
    assert seen.duplicate_of(2, [("user", " hello\nworld "), ("assistant", "HI\u00a0THERE.")]) == "line 1"
    # the same characters with a word boundary moved, or another role, are not duplicates
    assert seen.duplicate_of(3, [("user", "Hello World"), ("assistant", "Hit here.")]) is None
    assert seen.duplicate_of(4, [("system", "Hello World"), ("assistant", "Hi there.")]) is None
    assert seen.duplicate_of(5, [("user", "hello world"), ("assistant", "hit  here.")]) == "line 3"
    # final sigma: lower() depends on the next character, casefold() does not
    assert seen.duplicate_of(6, [("user", "ΟΔΟΣ ΜΑΣ"), ("assistant", "x")]) is None
    assert seen.duplicate_of(7, [("user", "οδος μας"), ("assistant", "X")]) == "line 6"
    assert normalise("ΟΔΟΣ ΜΑΣ") == normalise("οδος μας")


def test_the_cheap_duplicate_key_never_separates_what_normalise_equates() -> None:
    # its soundness rests on these: the whitespace list is str.split()'s, and casefold(lower(c)) == casefold(c)
    everything = [chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF]
    assert "".join(c for c in everything if c.isspace()) == FirstOccurrences.WHITESPACE
    assert [c for c in everything if c.lower().casefold() != c.casefold()] == []


class _BrokenContext:
    def update_data_docs_site(self, *args: Any) -> None:
        raise RuntimeError("renderer broke")


def test_data_docs_fall_back_to_a_summary_page_when_gx_cannot_render(tmp_path: Path) -> None:
    raw = run_suite(frame_from_rows({"train": _rows()}, Params()), build_expectations(Params()))
    build_data_docs(_BrokenContext(), raw, tmp_path / "docs")
    page = (tmp_path / "docs" / "index.html").read_text()
    assert "Data validation: passed" in page and "expect_column_values_to_be_null(column=duplicate_of" in page, page
