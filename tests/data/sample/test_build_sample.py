"""Tests for the sample dataset's generator (data/sample/build_sample.py -> data/raw/sft_sample.jsonl)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from tests.helpers import REPO

BUILDER = REPO / "data" / "sample" / "build_sample.py"
SOURCE = REPO / "data" / "sample" / "hand_written.jsonl"
SAMPLE = REPO / "data" / "raw" / "sft_sample.jsonl"


def _build(tmp_path: Path, *extra: str) -> tuple[subprocess.CompletedProcess[str], Path]:
    out = tmp_path / "sft_sample.jsonl"
    run = subprocess.run(
        [sys.executable, str(BUILDER), "--out", str(out), *extra], capture_output=True, text=True, check=False
    )
    return run, out


def test_builder_reproduces_the_committed_sample_byte_for_byte(tmp_path: Path) -> None:
    # given the generator and its hand-written source; when it is rerun into a temporary file
    run, out = _build(tmp_path)
    # then it passes its own checks and writes exactly the committed bytes
    assert run.returncode == 0, f"build_sample.py failed: {run.stderr}"
    assert out.read_bytes() == SAMPLE.read_bytes(), "data/raw/sft_sample.jsonl is stale: rerun build_sample.py"


def test_only_data_lives_in_data_raw() -> None:
    # given data/raw/, the prepare stage's DVC dependency (its hash is the retrain's "data changed" signal)
    # then no script sits there, so editing the generator does not look like new data
    scripts = sorted(p.name for p in (REPO / "data" / "raw").rglob("*.py"))
    assert not scripts, f"scripts under data/raw/: {scripts}"


def test_checks_reject_a_duplicated_hand_written_row(tmp_path: Path) -> None:
    # given the hand-written source with its first row repeated
    lines = SOURCE.read_text(encoding="utf-8").splitlines(keepends=True)
    broken = tmp_path / "hand_written.jsonl"
    broken.write_text("".join([*lines, lines[0]]), encoding="utf-8")
    # when the generator reads it
    run, out = _build(tmp_path, "--hand-written", str(broken))
    # then check_rows stops it before anything is written
    assert run.returncode == 1 and "duplicate instruction+input" in run.stderr, run.stderr
    assert not out.exists()


def test_a_source_row_with_a_missing_field_is_an_error(tmp_path: Path) -> None:
    # given a source line without its input field
    broken = tmp_path / "hand_written.jsonl"
    broken.write_text(json.dumps({"instruction": "Say hi.", "output": "Hi!"}) + "\n", encoding="utf-8")
    # when the generator reads it, then it names the file and line
    run, _ = _build(tmp_path, "--hand-written", str(broken))
    assert run.returncode != 0 and f"{broken}:1: expected exactly the fields" in run.stderr, run.stderr
