"""data_card: counts per source and split, rejects per reason, token lengths and turns, as JSON, CSV, PNG, md."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import pytest

from tasks.core.errors import SftopsError
from tasks.core.io import read_json, write_json, write_jsonl
from tasks.core.params import Params
from tasks.core.paths import ProjectPaths
from tasks.data_card import bin_width, percentile, read_card_rows, run, without_token_arrays

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def _row(source: str, n_prompt: int, n_response: int, user_turns: int = 1) -> dict[str, Any]:
    messages = []
    for i in range(user_turns):
        messages += [{"role": "user", "content": f"q{i}"}, {"role": "assistant", "content": f"a{i}"}]
    ids = list(range(1, n_prompt + n_response + 1))
    return {
        "id": f"{source}-{n_prompt}-{n_response}",
        "source": source,
        "line": 1,
        "messages": messages,
        "prompt": messages[-2]["content"],
        "response": messages[-1]["content"],
        "text": "...",
        "input_ids": ids,
        "labels": [-100] * n_prompt + ids[n_prompt:],
        "n_tokens": n_prompt + n_response,
        "n_label_tokens": n_response,
    }


@pytest.fixture
def project(tmp_path: Path) -> ProjectPaths:
    """Given two sources: a.jsonl with 3 train + 1 eval rows, b.jsonl with 1 train + 1 heldout; 4 rejects."""
    paths = ProjectPaths(root=tmp_path)
    write_jsonl(
        paths.split_file("train"),
        [_row("a.jsonl", 10, 5), _row("a.jsonl", 20, 40, user_turns=2), _row("a.jsonl", 30, 7), _row("b.jsonl", 8, 3)],
    )
    write_jsonl(paths.split_file("eval"), [_row("a.jsonl", 12, 6)])
    write_jsonl(paths.split_file("heldout"), [_row("b.jsonl", 9, 100, user_turns=3)])
    rejects = [
        {"source": "a.jsonl", "line": 7, "reason": "duplicate", "detail": ""},
        {"source": "a.jsonl", "line": 8, "reason": "too_long", "detail": "600 tokens > 512"},
        {"source": "b.jsonl", "line": 2, "reason": "duplicate", "detail": ""},
        {"source": "b.jsonl", "line": 3, "reason": "malformed_json", "detail": "Expecting value"},
    ]
    write_jsonl(paths.rejects, rejects)
    write_json(paths.metrics("prepare"), {"rows_in": 10, "kept": 6, "rejected": 4})
    return paths


def test_counts_per_source_split_and_reason(project: ProjectPaths) -> None:
    # when the stage runs
    card = run(Params(), project)
    # then the metrics file holds the same card, with counts per source and split and rejects per reason
    assert read_json(project.metrics("data_card")) == json.loads(json.dumps(card)), "metrics file differs from run()"
    assert (card["rows_in"], card["kept"], card["rejected"]) == (10, 6, 4), card
    assert card["splits"] == {"train": 4, "eval": 1, "heldout": 1}, card["splits"]
    assert card["sources"]["a.jsonl"] == {
        "train": 3,
        "eval": 1,
        "heldout": 0,
        "kept": 4,
        "rejected": 2,
        "rows_in": 6,
    }, card["sources"]
    assert card["sources"]["b.jsonl"] == {
        "train": 1,
        "eval": 0,
        "heldout": 1,
        "kept": 2,
        "rejected": 2,
        "rows_in": 4,
    }, card["sources"]
    assert card["rejected_by_reason"] == {"duplicate": 2, "too_long": 1, "malformed_json": 1}, card
    assert card["rejected_by_source"] == {
        "a.jsonl": {"duplicate": 1, "too_long": 1},
        "b.jsonl": {"duplicate": 1, "malformed_json": 1},
    }, card["rejected_by_source"]


def test_token_lengths_and_turns(project: ProjectPaths) -> None:
    card = run(Params(), project)
    # prompt tokens = n_tokens - n_label_tokens, response tokens = n_label_tokens
    prompt, response = card["tokens"]["prompt"], card["tokens"]["response"]
    assert prompt["train"] == {"count": 4, "mean": 17.0, "median": 15.0, "p95": 28.5, "min": 8, "max": 30}, prompt
    assert response["all"]["max"] == 100 and response["heldout"]["count"] == 1, response
    assert response["eval"]["median"] == 6 and prompt["eval"]["max"] == 12, (prompt, response)
    # turns = user messages per conversation
    turns = card["turns"]
    assert turns["conversations"] == {"1": 4, "2": 1, "3": 1}, turns
    assert turns["by_split"]["heldout"] == {"3": 1} and turns["max"] == 3, turns


def test_writes_pngs_plot_csvs_and_markdown(project: ProjectPaths) -> None:
    run(Params(), project)
    for png in (project.token_lengths_png, project.turns_png):
        assert png.read_bytes()[:8] == PNG_MAGIC, f"{png} is not a PNG"
    with project.token_lengths_csv.open() as f:
        table = list(csv.DictReader(f))
    assert list(table[0]) == ["bin", "prompt", "response"], table[0]
    assert sum(int(r["prompt"]) for r in table) == 6 and sum(int(r["response"]) for r in table) == 6, table
    assert [int(r["bin"]) for r in table] == sorted(int(r["bin"]) for r in table), "bins must ascend"
    with project.turns_csv.open() as f:
        assert list(csv.reader(f))[:2] == [["turns", "conversations"], ["1", "4"]]
    card = project.data_card.read_text()
    for needle in (
        "10 rows in = 6 kept + 4 rejected",
        "| `a.jsonl` | 3 | 1 | 0 | 4 | 2 | 6 |",
        "| **all** | 4 | 1 | 1 | 6 | 4 | 10 |",
        "| duplicate | 2 | 1 | 1 |",
        "](token_lengths.png)",
        "](turns.png)",
    ):
        assert needle in card, f"{needle!r} missing from the data card:\n{card}"


def test_stale_prepared_files_are_an_error(project: ProjectPaths) -> None:
    write_json(project.metrics("prepare"), {"rows_in": 11, "kept": 7, "rejected": 4})
    with pytest.raises(SftopsError, match="rows_in=11"):
        run(Params(), project)


def test_reads_counts_without_decoding_token_arrays(tmp_path: Path) -> None:
    # given a row as write_jsonl writes it, and one without counts (older prepare): both read the same
    line = json.dumps(_row("s", 4, 2), sort_keys=True)
    stripped = json.loads(without_token_arrays(line))
    assert stripped["input_ids"] is None and stripped["labels"] is None, stripped
    assert stripped["n_tokens"] == 6, stripped
    legacy = {k: v for k, v in _row("s", 4, 2).items() if not k.startswith("n_")}
    path = tmp_path / "train.jsonl"
    write_jsonl(path, [_row("s", 4, 2), legacy])
    rows = list(read_card_rows(path, "train"))
    assert rows[0] == rows[1], rows
    assert (rows[0].prompt_tokens, rows[0].response_tokens, rows[0].turns) == (4, 2, 1), rows[0]


def test_a_string_that_looks_like_a_token_array_is_left_alone() -> None:
    row = {"a": 'x "input_ids": [1, 2] y', "input_ids": [3], "n_tokens": 1}
    assert json.loads(without_token_arrays(json.dumps(row, sort_keys=True))) == {**row, "input_ids": None}


def test_histogram_helpers() -> None:
    assert [bin_width(m) for m in (0, 29, 30, 149, 512, 4000)] == [1, 1, 2, 5, 20, 200]
    assert percentile([], 0.5) is None
    assert percentile([1, 2, 3, 4], 0.5) == 2.5 and percentile([7], 0.95) == 7
