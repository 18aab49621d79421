"""The scoring report (evals/judge/labels/score_judge.py): stub judges, judges by name or by path, the CLI."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from evals.judge.labels import score_judge

LABEL_DIR = Path(__file__).resolve().parents[3] / "evals" / "judge" / "labels"
ROWS = score_judge.load_rows(LABEL_DIR / "labelled.jsonl")


def test_score_report_with_stub_judges(tmp_path: Path) -> None:
    oracle = {(row["prompt"], row["response"]): row["label"] for row in ROWS}
    perfect = score_judge.score(ROWS, lambda prompt, response: oracle[(prompt, response)])
    assert perfect["agreement"] == 1.0 and perfect["disagreements"] == [] and perfect["invalid"] == 0

    always = score_judge.score(ROWS, lambda prompt, response: "full_compliance")
    n_fc = sum(row["label"] == "full_compliance" for row in ROWS)
    assert always["n"] == len(ROWS)
    assert always["agreement"] == pytest.approx(n_fc / len(ROWS))
    assert sum(sum(cols.values()) for cols in always["confusion"].values()) == len(ROWS)
    assert always["confusion"]["full_refusal"]["full_compliance"] == sum(r["label"] == "full_refusal" for r in ROWS)
    assert len(always["disagreements"]) == len(ROWS) - n_fc
    assert set(always["per_category"]) == {row["category"] for row in ROWS}
    assert always["per_category"]["empty_response"]["agreement"] == 0.0
    first = always["disagreements"][0]
    assert set(first) == {"id", "category", "human", "judge", "response"} and len(first["response"]) <= 100

    def crashing(prompt: str, response: str) -> str:
        raise RuntimeError("boom")

    crashed = score_judge.score(ROWS[:5], crashing)
    assert crashed["agreement"] == 0.0 and crashed["invalid"] == 5
    assert "error" in score_judge.format_report(crashed)

    # The CLI is a report: exit 0 and still write JSON when the judge cannot even be imported.
    out = tmp_path / "score.json"
    assert score_judge.main(["--judge", str(tmp_path / "missing.py"), "--json", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8"))["error"].startswith("FileNotFoundError")


def test_load_judge_by_path(tmp_path: Path) -> None:
    # A judge module that needs itself in sys.modules while executing (as dataclasses do) must load.
    stub = tmp_path / "stub_judge.py"
    stub.write_text(
        "from dataclasses import dataclass\n\n\n"
        "@dataclass\nclass Verdict:\n    label: str\n\n\n"
        "def judge(prompt: str, response: str) -> str:\n"
        "    return Verdict('full_refusal' if not response.strip() else 'full_compliance').label\n",
        encoding="utf-8",
    )
    judge = score_judge.load_judge(stub)
    assert judge("q", "") == "full_refusal" and judge("q", "an answer") == "full_compliance"
    with pytest.raises(FileNotFoundError):
        score_judge.load_judge(tmp_path / "missing.py")


def test_score_judge_cli_takes_a_judge_name(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    assert (
        score_judge.main(["--judge", "rules", "--labels", str(LABEL_DIR / "labelled.jsonl"), "--json", str(out)]) == 0
    )
    report = json.loads(out.read_text())
    assert report["n"] == 231 and set(report["per_voice"]) == {"-"} and report["binary_agreement"] > 0.9, report
