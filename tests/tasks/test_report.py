"""report: the evaluation table says which deltas are real (paired test) and which evals had too few items."""

from __future__ import annotations

from tasks.report import eval_table

METRICS = {
    "base": {"t/rate": 0.30, "t/rate_stderr": 0.05, "h/ratio": 1.0},
    "finetuned": {"t/rate": 0.45, "t/rate_stderr": 0.05, "h/ratio": 5.16, "h/ratio_stderr": 2.68},
    "delta": {"t/rate": 0.15, "h/ratio": 4.16},
}
HIGHER = {"t/rate": False, "h/ratio": False}


def _comparison(low: float, high: float, mdd: float, verdict: str) -> dict[str, float | str]:
    return {"low": low, "high": high, "mdd": mdd, "verdict": verdict, "confidence": 0.95, "worse_by": (low + high) / 2}


def test_a_significant_regression_and_an_eval_with_too_few_items() -> None:
    vs_base = {
        "t/rate": _comparison(0.08, 0.22, 0.07, "worse"),
        "h/ratio": _comparison(-1.2, 9.5, 6.1, "too_few_items"),  # an 11-row held-out split
    }
    rows = {line.split(" | ")[0].strip("| "): line for line in eval_table(METRICS, HIGHER, vs_base)[2:]}
    assert "**worse** (significant), worse by [+0.08, +0.22] (90%)" in rows["t/rate"], rows["t/rate"]
    ratio = rows["h/ratio"]
    assert "too few items to tell" in ratio and "detects ≥ 6.1" in ratio, ratio
    assert "(worse)" not in ratio and "4.16" not in ratio, "no verdict and no bare delta where the eval cannot tell"


def test_runs_without_paired_tests_show_the_bare_delta() -> None:
    rows = eval_table(METRICS, HIGHER, {})
    assert rows[2].endswith("| 4.1600 |") or rows[3].endswith("| 4.1600 |"), rows
