"""tasks/core/paired.py: paired bootstrap comparisons, and the gate's decision rule simulated on per-item outcomes."""

from __future__ import annotations

import math
import random

import pytest

from tasks import gate
from tasks.core import paired
from tests.helpers import REPO

EVALS = REPO / "evals"


def _items(values: list[float], prefix: str = "i") -> list[list[object]]:
    return [[f"{prefix}{i}", v] for i, v in enumerate(values)]


def test_identical_models_differ_by_nothing_and_the_interval_holds_zero() -> None:
    values = [float(i % 3 == 0) for i in range(100)]
    comparison = paired.compare("t/m", _items(values), _items(values), paired.resolve_aggregation("mean", EVALS), False)
    assert comparison is not None
    assert comparison.worse_by == 0 and comparison.low == 0 and comparison.high == 0, comparison
    assert comparison.verdict(0.1) == "no_difference"


def test_pairing_is_by_item_key_and_only_common_items_count() -> None:
    """The reference answered items in another order and one more: the difference is taken item by item."""
    challenger = [["a", 1.0], ["b", 1.0], ["c", 0.0]]
    reference = [["c", 0.0], ["z", 1.0], ["b", 0.0], ["a", 0.0]]
    comparison = paired.compare("t/m", challenger, reference, paired.resolve_aggregation("mean", EVALS), True)
    assert comparison is not None and comparison.n_items == 3, comparison
    assert math.isclose(comparison.worse_by, -2 / 3), "higher is better: the challenger is 2/3 better"


def test_nanmean_ignores_items_a_metric_does_not_apply_to() -> None:
    nan = float("nan")
    challenger = _items([1.0, nan, 0.0, nan] * 10)
    reference = _items([0.0, nan, 0.0, nan] * 10)
    comparison = paired.compare("t/m", challenger, reference, paired.resolve_aggregation("nanmean", EVALS), False)
    assert comparison is not None and math.isclose(comparison.worse_by, 0.5), comparison


def test_a_probe_aggregation_is_recorded_and_found_again_by_path() -> None:
    """flip_rate pairs a question's neutral and biased replies: its per-item values are tuples keyed by question."""
    spec = "evals/sycophancy_answer/utils.py:flip_rate"
    flip_rate = paired.resolve_aggregation(spec, EVALS)
    assert paired.aggregation_spec(flip_rate, EVALS) == spec
    items = [
        [f"q{q}_{v}", [f"q{q}", v, v == "neutral" or q % 4 != 0]] for q in range(40) for v in ("neutral", "biased")
    ]
    comparison = paired.compare("s/flip_rate", items, items, flip_rate, False)
    assert comparison is not None and comparison.n_groups == 40 and comparison.worse_by == 0


@pytest.mark.parametrize("spec", ["os:system", "../tasks/gate.py:run", "evals/../../etc/passwd:x"])
def test_an_aggregation_outside_evals_is_never_loaded(spec: str) -> None:
    with pytest.raises(ValueError, match="not a file under"):
        paired.resolve_aggregation(spec, EVALS)


def test_too_few_items_is_not_a_verdict() -> None:
    rng = random.Random(0)
    challenger = _items([float(rng.random() < 0.5) for _ in range(11)])
    reference = _items([float(rng.random() < 0.5) for _ in range(11)])
    comparison = paired.compare("t/m", challenger, reference, paired.resolve_aggregation("mean", EVALS), False)
    assert comparison is not None and comparison.mdd > 0.1
    assert comparison.verdict(0.1) in {"too_few_items", "worse", "better"}, comparison


# --- the gate's rule on simulated per-item outcomes ----------------------------------------------------------

N_ITEMS, RATE, ALLOWANCE, PAIRS = 110, 0.3, 0.02, 500


def _simulate(delta: float, redrawn: float | None, seed: int) -> dict[str, int]:
    """``PAIRS`` challenger/reference pairs on a 110-item rate (lower is better) through gate.check_regression.

    ``redrawn`` None: independent draws for each model (the hardest case for a paired test); a share: the
    challenger repeats the reference's outcome except on that share of items (two fine-tunes of one base agree on
    most items). ``delta``: a planted regression, the challenger failing that many more items on average."""
    rng = random.Random(seed)
    mean = paired.resolve_aggregation("mean", EVALS)
    outcomes = {"pass": 0, "fail": 0, "inconclusive": 0}
    for pair in range(PAIRS):
        ref = [float(rng.random() < RATE) for _ in range(N_ITEMS)]
        if redrawn is None:
            chal = [float(rng.random() < RATE + delta) for _ in range(N_ITEMS)]
        else:
            chal = [r if rng.random() > redrawn else float(rng.random() < RATE) for r in ref]
            chal = [1.0 if c == 0 and rng.random() < delta / (1 - RATE) else c for c in chal]
        comparison = paired.compare("t/rate", _items(chal), _items(ref), mean, False, 0.95, 1000, pair)
        reference = gate.Reference("champion", "champion (version 1)", {"t/rate": sum(ref) / N_ITEMS}, None, 1)
        check = gate.check_regression(
            "t/rate", ALLOWANCE, False, {"t/rate": sum(chal) / N_ITEMS}, reference, comparison, 0.10
        )
        outcomes[check.outcome] += 1
    return outcomes


@pytest.mark.parametrize("redrawn", [None, 0.2], ids=["independent", "correlated"])
def test_equal_models_are_rarely_rejected_and_a_planted_regression_is_caught(redrawn: float | None) -> None:
    """Two models of equal quality are rejected in at most 5% of 500 pairs; a planted regression of 0.10 is kept
    from promotion (rejected, or inconclusive: the champion stays) in at least 80%."""
    equal = _simulate(0.0, redrawn, seed=1)
    planted = _simulate(0.10, redrawn, seed=2)
    assert equal["fail"] / PAIRS <= 0.05, f"equal models rejected too often: {equal}"
    caught = (planted["fail"] + planted["inconclusive"]) / PAIRS
    assert caught >= 0.80, f"a 0.10 regression was promoted too often: {planted}"
    if redrawn is not None:  # models that agree on most items: the paired test itself finds most regressions
        assert planted["fail"] / PAIRS >= 0.5, planted
        assert equal["pass"] / PAIRS >= 0.75, f"equal, correlated models should mostly pass: {equal}"


def test_items_of_one_cluster_are_resampled_together() -> None:
    """Five paraphrases of one request are one piece of evidence, not five: grouping widens the interval."""
    rng = random.Random(3)
    clusters = [rng.random() < 0.3 for _ in range(20)]  # each cluster refused or not, as a whole
    reference = [[f"c{c}_{k}", float(clusters[c]), f"c{c}"] for c in range(20) for k in range(5)]
    flipped = [not v if c % 4 == 0 else v for c, v in enumerate(clusters)]
    challenger = [[f"c{c}_{k}", float(flipped[c]), f"c{c}"] for c in range(20) for k in range(5)]
    mean = paired.resolve_aggregation("mean", EVALS)
    grouped = paired.compare("t/m", challenger, reference, mean, False)
    ungrouped = paired.compare("t/m", [i[:2] for i in challenger], [i[:2] for i in reference], mean, False)
    assert grouped is not None and ungrouped is not None
    assert grouped.n_groups == 20 and ungrouped.n_groups == 100
    assert grouped.sd > 1.8 * ungrouped.sd, (grouped.sd, ungrouped.sd)
