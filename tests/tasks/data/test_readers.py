"""Readers: every container gives numbered rows; a whole-file problem is one clear SftopsError."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from tasks.core.errors import SftopsError
from tasks.data.readers import RawRow, hub_dataset_id, read_rows

ROWS = [
    {"instruction": "Say hi.", "input": "", "output": "Hi!"},
    {"prompt": "Name a colour.", "completion": "Blue."},
]


def test_jsonl_rows_keep_their_line_numbers_and_skip_blank_lines(tmp_path: Path) -> None:
    # given a JSONL file with a blank line between two rows
    path = tmp_path / "raw.jsonl"
    path.write_text(json.dumps(ROWS[0]) + "\n\n" + json.dumps(ROWS[1]) + "\n", encoding="utf-8")
    # when it is read
    rows = read_rows(str(path), tmp_path)
    # then each row is undecoded JSON text numbered by its line
    assert [r.line for r in rows] == [1, 3], rows
    assert [json.loads(r.text or "") for r in rows] == ROWS, rows


def test_json_array_elements_are_numbered_from_one(tmp_path: Path) -> None:
    # given a JSON array of two objects / when read / then the elements are the rows, numbered 1 and 2
    (tmp_path / "raw.json").write_text(json.dumps(ROWS), encoding="utf-8")
    rows = read_rows("raw.json", tmp_path)
    assert rows == [RawRow(line=i, value=r, where="array element") for i, r in enumerate(ROWS, 1)], rows


def test_parquet_and_csv_rows_are_numbered_from_one(tmp_path: Path) -> None:
    import pandas as pd

    # given the same alpaca rows as Parquet and as CSV, and ShareGPT turns in a CSV cell as JSON text
    frame = pd.DataFrame(
        [{"instruction": "Say hi.", "input": "", "output": "Hi!"}, {"instruction": "A", "output": "B"}]
    )
    frame.to_parquet(tmp_path / "raw.parquet")
    frame.to_csv(tmp_path / "raw.csv", index=False)
    turns = [{"from": "human", "value": "Hi"}, {"from": "gpt", "value": "Hello"}]
    pd.DataFrame([{"conversations": json.dumps(turns)}]).to_csv(tmp_path / "sharegpt.csv", index=False)
    # when they are read
    parquet, csv, sharegpt = (read_rows(name, tmp_path) for name in ("raw.parquet", "raw.csv", "sharegpt.csv"))
    # then rows are numbered from 1 with their fields, and the JSON cell is decoded
    assert [r.line for r in parquet] == [1, 2] and parquet[0].value["output"] == "Hi!", parquet
    assert [r.value for r in csv] == [{"instruction": "Say hi.", "input": "", "output": "Hi!"}] + [
        {"instruction": "A", "input": "", "output": "B"}
    ], csv
    assert sharegpt[0].value == {"conversations": turns}, sharegpt


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("missing.jsonl", None, r"missing.jsonl.*file not found"),
        ("empty.jsonl", b"", r"empty.jsonl: empty file; expected one JSON object per line"),
        ("latin1.jsonl", b'{"a": 1}\n{"b": "caf\xe9"}\n', r"latin1.jsonl: not UTF-8 text \(line 2, byte 19"),
        ("raw.txt", b"hello", r"raw.txt: unsupported container '.txt'; expected one of .jsonl"),
        ("bad.json", b'[{"a": 1},\n {"b": ]', r"bad.json: invalid JSON at line 2, column 8.*a JSON array of objects"),
        ("object.json", b'{"a": 1}', r"object.json: top-level JSON dict; expected a JSON array of objects"),
        ("empty.json", b"[]", r"empty.json: no rows; expected a JSON array"),
        ("bad.parquet", b"not parquet at all", r"bad.parquet: not a readable Parquet file"),
    ],
)
def test_whole_file_problems_are_one_clear_error(
    tmp_path: Path, name: str, content: bytes | None, expected: str
) -> None:
    # given a file that is unusable as a whole
    if content is not None:
        (tmp_path / name).write_bytes(content)
    # when it is read / then one SftopsError names the file, where, and what was expected
    with pytest.raises(SftopsError, match=expected):
        read_rows(name, tmp_path)


def test_a_csv_with_a_wrong_header_names_the_header_found_and_those_expected(tmp_path: Path) -> None:
    # given a CSV whose header has none of the known field sets
    (tmp_path / "raw.csv").write_text("question,answer\nWhy?,Because.\n", encoding="utf-8")
    # when it is read / then the error names the file, the header found and the headers expected
    with pytest.raises(SftopsError) as err:
        read_rows("raw.csv", tmp_path)
    message = str(err.value)
    assert "raw.csv" in message and "['question', 'answer']" in message, message
    assert "instruction,output" in message and "prompt,completion" in message and "conversations" in message, message


def test_hub_dataset_ids_are_recognised_and_file_paths_are_not() -> None:
    # given specs that look like hub ids and specs that are file paths / then only the former are hub ids
    assert hub_dataset_id("tatsu-lab/alpaca") == ("tatsu-lab/alpaca", "train"), "owner/name is a hub id"
    assert hub_dataset_id("owner/name:test") == ("owner/name", "test"), "owner/name:split names the split"
    assert hub_dataset_id("data/raw.jsonl") is None, "a path with a container suffix is a file"
    assert hub_dataset_id("a/b/c") is None, "a deeper path is not a hub id"


def test_an_unreachable_hub_dataset_is_one_clear_error_naming_the_id(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # given offline mode and a hub id that is not a local file
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("HF_DATASETS_OFFLINE", "1")
    # when it is read / then one SftopsError names the id
    with pytest.raises(SftopsError, match=r"could not load the hub dataset 'sftops-test/no-such-dataset'"):
        read_rows("sftops-test/no-such-dataset", tmp_path)


def test_a_10_mb_line_is_read_quickly(tmp_path: Path) -> None:
    # given a JSONL file whose second line is 10 MB
    path = tmp_path / "raw.jsonl"
    path.write_text(json.dumps(ROWS[0]) + "\n" + json.dumps({"instruction": "x", "output": "y" * 10_000_000}) + "\n")
    # when it is read / then it takes well under a few seconds and both lines are rows
    start = time.perf_counter()
    rows = read_rows(str(path), tmp_path)
    assert [r.line for r in rows] == [1, 2], [r.line for r in rows]
    assert time.perf_counter() - start < 5, "reading a 10 MB line must be quick"
