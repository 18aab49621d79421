"""prepare with several sources: weights and caps, duplicates across sources, every row accounted for."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path
from typing import Any

import pytest

from tasks import prepare
from tasks.core.params import DataParams, DataSourceParams, Params, ParamsError, load_params
from tasks.core.paths import ProjectPaths
from tasks.data.readers import RawRow


@pytest.fixture(scope="module")
def tokenizer(smollm2_tokenizer_dir: Path) -> Any:
    from transformers import AutoTokenizer

    return AutoTokenizer.from_pretrained(smollm2_tokenizer_dir)


def alpaca_rows(tag: str, n: int) -> list[dict[str, str]]:
    return [
        {"instruction": f"Question {tag} {i}: describe item {i} of {tag}.", "input": "", "output": f"Item {i} {tag}."}
        for i in range(n)
    ]


def raw(rows: list[dict[str, str]]) -> list[RawRow]:
    return [RawRow(line=i, text=json.dumps(r)) for i, r in enumerate(rows, start=1)]


def run_mix(sources: list[tuple[DataSourceParams, list[dict[str, str]]]], tokenizer: Any) -> prepare.PrepareResult:
    data = DataParams(near_dup_threshold=1.0)
    return prepare.prepare_sources([(spec, raw(rows)) for spec, rows in sources], data, tokenizer, seed=7)


def kept_lines(result: prepare.PrepareResult, source: str) -> set[int]:
    return {r["line"] for rows in result.splits.values() for r in rows if r["source"] == source}


def test_weight_keeps_a_stable_share_and_rejects_the_rest(tokenizer: Any) -> None:
    a, b = DataSourceParams(path="a.jsonl", weight=0.5), DataSourceParams(path="b.jsonl")
    result = run_mix([(a, alpaca_rows("a", 200)), (b, alpaca_rows("b", 40))], tokenizer)
    summary = prepare.summarise(result)
    assert summary["rows_in"] == 240 == summary["kept"] + summary["rejected"], summary
    assert summary["sources"]["b.jsonl"] == {"rows_in": 40, "kept": 40, "rejected": 0}
    share = summary["sources"]["a.jsonl"]["kept"] / 200
    assert 0.38 < share < 0.62, f"weight 0.5 kept {share:.0%} of source a"
    reasons = {r["reason"] for r in result.rejects if r["source"] == "a.jsonl"}
    assert reasons == {"mix_downsampled"}, reasons
    # when the source grows, rows chosen before stay chosen
    grown = run_mix([(a, alpaca_rows("a", 300)), (b, alpaca_rows("b", 40))], tokenizer)
    assert kept_lines(result, "a.jsonl") <= kept_lines(grown, "a.jsonl")


def test_cap_keeps_at_most_max_rows(tokenizer: Any) -> None:
    a = DataSourceParams(path="a.jsonl", max_rows=5)
    result = run_mix([(a, alpaca_rows("a", 30)), (DataSourceParams(path="b.jsonl"), alpaca_rows("b", 10))], tokenizer)
    assert len(kept_lines(result, "a.jsonl")) == 5
    assert sum(r["reason"] == "mix_over_cap" for r in result.rejects) == 25
    assert all("max_rows=5 of a.jsonl" in r["detail"] for r in result.rejects if r["reason"] == "mix_over_cap")


def test_duplicates_are_found_across_sources(tokenizer: Any) -> None:
    shared = alpaca_rows("shared", 3)
    result = run_mix(
        [(DataSourceParams(path="a.jsonl"), shared + alpaca_rows("a", 5)), (DataSourceParams(path="b.jsonl"), shared)],
        tokenizer,
    )
    dups = [r for r in result.rejects if r["reason"] == "duplicate"]
    assert [(r["source"], r["line"]) for r in dups] == [("b.jsonl", 1), ("b.jsonl", 2), ("b.jsonl", 3)]


def test_sources_params_are_validated() -> None:
    with pytest.raises(ValueError, match="repeated"):
        DataParams(sources=[DataSourceParams(path="x.jsonl"), DataSourceParams(path="x.jsonl")])
    with pytest.raises(ValueError, match="less than or equal to 1"):
        DataSourceParams(path="x.jsonl", weight=2.0)
    assert DataParams().resolved_sources() == [DataSourceParams(path="data/raw/sft_sample.jsonl")]


def test_params_yaml_rejects_a_bad_source(tmp_path: Path) -> None:
    (tmp_path / "params.yaml").write_text("data:\n  sources:\n    - {path: a.jsonl, weight: 0}\n", encoding="utf-8")
    with pytest.raises(ParamsError, match=r"data\.sources\.0\.weight"):
        load_params(tmp_path / "params.yaml")


def test_stage_reads_two_containers(tmp_path: Path, smollm2_tokenizer_dir: Path) -> None:
    paths = ProjectPaths(root=tmp_path)
    shutil.copytree(smollm2_tokenizer_dir, paths.base_model)
    raw_dir = tmp_path / "data" / "raw"
    raw_dir.mkdir(parents=True)
    (raw_dir / "a.jsonl").write_text("".join(json.dumps(r) + "\n" for r in alpaca_rows("a", 40)), encoding="utf-8")
    with (raw_dir / "b.csv").open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=["prompt", "completion"])
        writer.writeheader()
        writer.writerows({"prompt": f"Say {i} in words.", "completion": f"Number {i}."} for i in range(30))
    params = Params.model_validate(
        {"data": {"sources": [{"path": "data/raw/a.jsonl", "max_rows": 20}, {"path": "data/raw/b.csv"}]}}
    )
    summary = prepare.run(params, paths)
    assert summary["rows_in"] == 70 == summary["kept"] + summary["rejected"], summary
    assert summary["sources"]["data/raw/a.jsonl"]["kept"] == 20
    assert summary["sources"]["data/raw/b.csv"] == {"rows_in": 30, "kept": 30, "rejected": 0}
