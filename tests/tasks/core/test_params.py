"""params.yaml validation: unknown keys and bad values are one-line errors naming the key."""

from __future__ import annotations

from pathlib import Path

import pytest

from tasks.core.overrides import apply_overrides
from tasks.core.params import Params, ParamsError, load_params, validate_params
from tests.helpers import REPO, run_cmd


def test_the_shipped_params_yaml_is_valid_and_matches_the_defaults() -> None:
    # given the params.yaml in the repo / when loaded / then it equals the pydantic defaults
    assert load_params(REPO / "params.yaml") == Params(), "params.yaml and the defaults in params.py disagree"


def test_a_bad_value_names_the_key_and_the_value() -> None:
    with pytest.raises(ParamsError) as err:
        validate_params({"train": {"learning_rate": -1}})
    assert str(err.value) == "params.yaml: train.learning_rate: must be > 0, got -1", str(err.value)


def test_an_unknown_key_is_rejected_by_name() -> None:
    with pytest.raises(ParamsError) as err:
        validate_params({"train": {"learnig_rate": 1e-4}})
    assert str(err.value) == "params.yaml: train.learnig_rate: unknown key", str(err.value)


def test_an_unknown_section_is_rejected() -> None:
    with pytest.raises(ParamsError, match=r"^params.yaml: trainer: unknown key$"):
        validate_params({"trainer": {}})


def test_adam_betas_out_of_range_are_rejected() -> None:
    with pytest.raises(ParamsError, match=r"train.adam_betas: both betas must be in \[0, 1\)"):
        validate_params({"train": {"adam_betas": [0.9, 1.5]}})


def test_overrides_are_typed_as_yaml_and_nested() -> None:
    merged = apply_overrides({"train": {"epochs": 3}}, ["train.epochs=1", "train.lora.r=8", "eval.limit=null"])
    assert merged == {"train": {"epochs": 1, "lora": {"r": 8}}, "eval": {"limit": None}}, merged
    assert validate_params(merged).train.lora.r == 8


def test_an_override_without_equals_sign_is_explained() -> None:
    with pytest.raises(ParamsError, match="expected KEY=VALUE"):
        apply_overrides({}, ["train.epochs"])


@pytest.mark.parametrize(
    ("override", "expected"),
    [
        ("train.learning_rate=-1", "error: params.yaml: train.learning_rate: must be > 0, got -1"),
        ("train.bogus=1", "error: params.yaml: train.bogus: unknown key"),
    ],
)
def test_cli_reports_bad_params_in_one_line_and_exits_non_zero(override: str, expected: str) -> None:
    # given the CLI / when run with a bad override / then one line naming the key, exit code 2, nothing written
    before = (REPO / "params.yaml").read_text()
    result = run_cmd(["sftops", "run", "-S", override], cwd=REPO, timeout=120)
    assert result.returncode == 2, f"exit code {result.returncode}: {result.stderr}"
    assert result.stderr.strip() == expected, result.stderr
    assert (REPO / "params.yaml").read_text() == before, "a rejected override must not touch params.yaml"


def test_an_invalid_params_file_stops_a_stage_before_any_work(tmp_path: Path) -> None:
    (tmp_path / "params.yaml").write_text("data:\n  max_seq_len: 4\n")
    result = run_cmd(["python", "-m", "tasks.prepare"], cwd=tmp_path, timeout=120)
    assert result.returncode == 2, result.stderr
    assert "data.max_seq_len: must be > 8, got 4" in result.stderr, result.stderr
    assert not (tmp_path / "data").exists(), "the stage must not start work with invalid params"
