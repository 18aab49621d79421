"""params `sweep`: variants and grids resolved against the base params and validated up front (no run)."""

from __future__ import annotations

from typing import Any

import pytest

from tasks.core.params import Params, ParamsError, sweep_variants, validate_params
from tasks.core.tracking import grouping_env, grouping_tags


def _with_sweep(**sweep: Any) -> dict[str, Any]:
    return {"train": {"epochs": 2}, "sweep": {"name": "s", "variants": [], **sweep}}


def test_the_shipped_sweep_compares_masked_and_unmasked_loss() -> None:
    masked, unmasked = sweep_variants(Params())
    assert (masked.name, masked.overrides, masked.params.train.train_on_prompt) == ("masked", {}, False)
    assert (unmasked.name, unmasked.params.train.train_on_prompt) == ("unmasked", True)
    assert masked.params.fingerprint() == Params().fingerprint(), "no overrides: the base params"


def test_a_grid_adds_every_combination_named_by_its_values_after_the_listed_variants() -> None:
    raw = _with_sweep(
        variants=[{"name": "full", "overrides": {"train.method": "full"}}],
        grid={"train.lora.r": [8, 16], "train.train_on_prompt": [False, True]},
    )
    variants = sweep_variants(validate_params(raw))
    assert [v.name for v in variants] == [
        "full",
        "train.lora.r=8,train.train_on_prompt=false",
        "train.lora.r=8,train.train_on_prompt=true",
        "train.lora.r=16,train.train_on_prompt=false",
        "train.lora.r=16,train.train_on_prompt=true",
    ]
    last = variants[-1].params
    assert (last.train.lora.r, last.train.train_on_prompt, last.train.epochs) == (16, True, 2), last.train
    assert variants[0].params.train.method == "full" and variants[0].params.train.epochs == 2


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"train.lora.rank": 8}, "params.yaml: sweep variant 'bad': train.lora.rank: unknown key"),
        ({"train.epochs": 0}, "params.yaml: sweep variant 'bad': train.epochs: must be > 0, got 0"),
        ({"seed.value": 1}, "params.yaml: sweep variant 'bad': seed.value: seed is not a section"),
    ],
)
def test_a_variant_whose_params_do_not_validate_is_named_with_the_key(overrides: dict[str, Any], message: str) -> None:
    raw = _with_sweep(variants=[{"name": "ok", "overrides": {}}, {"name": "bad", "overrides": overrides}])
    with pytest.raises(ParamsError) as err:
        validate_params(raw)
    assert str(err.value) == message, str(err.value)


def test_a_bad_grid_point_is_named_too() -> None:
    with pytest.raises(ParamsError, match=r"sweep variant 'train.epochs=-1': train.epochs: must be > 0"):
        validate_params(_with_sweep(grid={"train.epochs": [1, -1]}))


@pytest.mark.parametrize(
    ("sweep", "message"),
    [
        ({"variants": [{"name": "a", "overrides": {"train.lora": {"r": 8}}}]}, "set the keys inside a section"),
        ({"variants": [{"name": "a", "overrides": {"sweep.name": "x"}}]}, "cannot override the sweep itself"),
        ({"variants": [{"name": "a"}, {"name": "a"}]}, r"variant names must be unique; repeated: \['a'\]"),
        ({"grid": {"train.epochs": []}}, "give at least one value"),
        ({"name": "my sweep"}, "sweep.name: String should match pattern"),
        ({"variants": [{"name": "a", "overrides": {"train..r": 8}}]}, "expected a dotted key"),
    ],
)
def test_malformed_sweeps_are_rejected(sweep: dict[str, Any], message: str) -> None:
    with pytest.raises(ParamsError, match=message):
        validate_params(_with_sweep(**sweep))


def test_the_sweep_is_not_part_of_the_params_fingerprint() -> None:
    other = validate_params(_with_sweep(grid={"train.epochs": [1, 5]}))
    assert other.fingerprint() == validate_params({"train": {"epochs": 2}}).fingerprint()
    one, five = sweep_variants(other)
    assert one.params.fingerprint() != five.params.fingerprint()
    assert five.params.sweep.variants == [] and five.params.sweep.name == "s", "a variant does not sweep again"


def test_a_run_started_under_a_sweep_is_tagged_as_its_child() -> None:
    env = grouping_env("parent123", "s", "masked")
    assert grouping_tags(env) == {
        "mlflow.parentRunId": "parent123",
        "sftops.sweep": "s",
        "sftops.variant": "masked",
    }
    assert grouping_tags({"SFTOPS_PARENT_RUN_ID": ""}) == {}, "an empty variable is no parent"
