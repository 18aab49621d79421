"""Paired comparison of two models' per-item eval outcomes: is a difference real or noise?

Both models answered the same probe items, so the right test compares them item by item (a paired test), not
their two averages: when two models agree on most items the paired interval is several times narrower than
``± sqrt(se1² + se2²)``. Every metric here is compared the same way, whatever its aggregation:

* a **paired bootstrap** resamples whole item groups (a question's neutral and biased variants, a cluster of
  paraphrases; the group is the first element of a tuple-valued per-item outcome, else the item itself) and
  recomputes the metric's own aggregation (mean, nanmean, a flip rate, a Spearman correlation) on both models'
  outcomes for the same resampled items. For a binary outcome this is the bootstrap counterpart of McNemar's test.
* ``worse_by`` is the difference measured in the metric's bad direction (challenger minus reference for a rate
  that should be low, reference minus challenger for one that should be high), so one rule reads every metric.
* The **minimal detectable difference** (MDD) is the smallest regression that the comparison finds with 80%
  power at the chosen one-sided confidence: ``(z_confidence + z_0.80) × sd(worse_by)``.

Per-item outcomes travel as :data:`ItemOutcomes`, one entry per ``<task>/<metric>``, written by the evaluate
stage (``ProjectPaths.item_outcomes``, an MLflow artifact of the run that every registered version points to).
This module owns that file's format (:data:`FORMAT`) and the artifact's path in a run.
"""

from __future__ import annotations

import importlib
import importlib.util
import math
import statistics
from collections.abc import Callable, Mapping, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np

FORMAT = 1
ITEM_OUTCOMES_ARTIFACT = "eval/item_outcomes.json"  # ProjectPaths.item_outcomes, logged under the run's eval/
# MLflow metrics <prefix><task>/<metric>/{low,high,mdd}: the fine-tuned model against the base (evaluate logs them,
# the dashboard reads them); not under eval/, whose names are metrics/eval.json's (dvc metrics, dvc exp show)
VS_BASE_RUN_PREFIX = "paired/vs_base/"
POWER_Z = 0.8416212335729143  # z for 80% power
BUILTIN_AGGREGATIONS = ("mean", "nanmean")
GROUP_FIELDS = ("cluster", "question_id")  # doc fields whose items are resampled together

Verdict = Literal["worse", "better", "no_difference", "too_few_items"]
CheckOutcome = Literal["pass", "fail", "inconclusive"]

# {"<task>/<metric>": {"aggregation": "mean" | "nanmean" | "lm_eval:<name>" | "evals/<dir>/utils.py:<fn>",
#                      "items": [[item key, per-item value, group?], ...]}}
# group (optional): items that share it are resampled together (a cluster of paraphrases, a question's two
# variants), from the doc's ``cluster`` or ``question_id`` field; a tuple-valued outcome carries its own.
ItemOutcomes = dict[str, dict[str, Any]]


def z_value(confidence: float) -> float:
    """The one-sided normal quantile for ``confidence`` (0.95 → 1.645)."""
    return statistics.NormalDist().inv_cdf(confidence)


def mdd(sd: float, confidence: float) -> float:
    """Minimal detectable difference (80% power, one-sided ``confidence``) for a difference with this sd."""
    return (z_value(confidence) + POWER_Z) * sd


# --- aggregations ---------------------------------------------------------------------------------------------


def _mean(values: Sequence[Any]) -> float:
    return math.fsum(float(v) for v in values) / len(values) if values else math.nan


def _nanmean(values: Sequence[Any]) -> float:
    kept = [float(v) for v in values if v is not None and not math.isnan(float(v))]
    return math.fsum(kept) / len(kept) if kept else math.nan


def aggregation_spec(function: Callable[..., Any], evals_dir: Path) -> str:
    """How :func:`resolve_aggregation` finds ``function`` again: ``mean``/``nanmean`` (the same arithmetic as
    lm-eval's), ``lm_eval:<name>`` for lm-eval's other built-ins, ``evals/<task>/utils.py:<name>`` for a probe's
    own (lm-eval loads those by path, so the module name means nothing)."""
    import inspect

    name = function.__name__
    module = getattr(function, "__module__", "") or ""
    if module.startswith("lm_eval."):
        return name if name in BUILTIN_AGGREGATIONS else f"lm_eval:{name}"
    source = Path(inspect.getsourcefile(function) or "").resolve()
    root = evals_dir.resolve()
    if not source.is_relative_to(root):
        raise ValueError(f"aggregation {name} lives outside {root} ({source}); cannot record it for paired tests")
    return f"{root.name}/{source.relative_to(root).as_posix()}:{name}"


def resolve_aggregation(spec: str, evals_dir: Path) -> Callable[[list[Any]], Any]:
    """The aggregation a spec names. Only lm-eval's built-ins and files inside ``evals_dir`` are loaded: the spec
    comes from an artifact, and an artifact must never choose which code runs."""
    if spec == "mean":
        return _mean
    if spec == "nanmean":
        return _nanmean
    if spec.startswith("lm_eval:"):
        metrics = importlib.import_module("lm_eval.api.metrics")
        return getattr(metrics, spec.removeprefix("lm_eval:"))
    relative, _, name = spec.rpartition(":")
    root = evals_dir.resolve()
    path = (root.parent / relative).resolve()
    if not relative or not path.is_relative_to(root) or path.suffix != ".py" or not path.is_file():
        raise ValueError(f"aggregation {spec!r}: not a file under {root}")
    module_name = f"sftops_paired_{path.parent.name}_{path.stem}"
    module_spec = importlib.util.spec_from_file_location(module_name, path)
    if module_spec is None or module_spec.loader is None:
        raise ValueError(f"aggregation {spec!r}: cannot load {path}")
    module = importlib.util.module_from_spec(module_spec)
    module_spec.loader.exec_module(module)
    return getattr(module, name)


# --- the comparison ----------------------------------------------------------------------------------------


def _group_of(value: Any, key: str) -> Any:
    if isinstance(value, list | tuple) and value and isinstance(value[0], str | int):
        return value[0]
    return key


def _restore(value: Any) -> Any:
    """JSON gives lists; the probes' aggregations take the tuples lm-eval gave them, NaN where JSON has null."""
    if isinstance(value, list):
        return tuple(value)
    return math.nan if value is None else value


def verdict_of(low: float, high: float, mdd: float, max_detectable: float) -> Verdict:
    """Significantly worse (the interval of ``worse_by`` is above 0) or better (below 0); else no difference the
    eval could have missed, or too few items to say anything (its MDD is above ``max_detectable``)."""
    if low > 0:
        return "worse"
    if high < 0:
        return "better"
    return "too_few_items" if mdd > max_detectable else "no_difference"


@dataclass(frozen=True)
class Comparison:
    """A challenger against a reference on one metric, over the items both answered.

    ``worse_by`` > 0 means the challenger is worse (in the metric's bad direction); ``low``/``high`` bound it at
    the one-sided ``confidence`` each (together a two-sided ``2·confidence − 1`` interval)."""

    metric: str
    challenger: float
    reference: float
    worse_by: float
    low: float
    high: float
    sd: float
    mdd: float
    n_items: int
    n_groups: int
    confidence: float

    def verdict(self, max_detectable: float) -> Verdict:
        return verdict_of(self.low, self.high, self.mdd, max_detectable)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def paired_items(
    challenger: Sequence[Sequence[Any]], reference: Sequence[Sequence[Any]]
) -> tuple[list[Any], list[Any], list[Any]]:
    """The two models' per-item values on the items both have (by item key, the challenger's order) and the
    group of each (its recorded group, else the tuple value's first element, else the item itself)."""
    ref = {str(item[0]): item[1] for item in reference}
    chal, refs, groups = [], [], []
    for item in challenger:
        key, value = str(item[0]), item[1]
        if key in ref:
            chal.append(_restore(value))
            refs.append(_restore(ref[key]))
            groups.append(item[2] if len(item) > 2 and item[2] is not None else _group_of(value, key))
    return chal, refs, groups


def _as_float(value: Any) -> float:
    return math.nan if value is None else float(value)


def _bootstrap_worse(
    chal: list[Any],
    ref: list[Any],
    clusters: list[list[int]],
    aggregate: Callable[[list[Any]], Any],
    sign: float,
    iters: int,
    seed: int,
) -> np.ndarray:
    """``iters`` draws of ``worse_by`` over resampled clusters (NaN where the metric is undefined on a draw).
    Means are summed per cluster in numpy; any other aggregation is called on each resample."""
    rng = np.random.default_rng(seed)
    picks = rng.integers(0, len(clusters), size=(iters, len(clusters)))
    if aggregate in (_mean, _nanmean):
        totals = []
        for values in (chal, ref):
            numbers = [[_as_float(values[i]) for i in cluster] for cluster in clusters]
            sums = np.array([math.fsum(v for v in row if not math.isnan(v)) for row in numbers])
            if aggregate is _mean:
                counts = np.array([len(row) for row in numbers], dtype=float)
            else:
                counts = np.array([sum(not math.isnan(v) for v in row) for row in numbers], dtype=float)
            with np.errstate(invalid="ignore", divide="ignore"):
                totals.append(sums[picks].sum(axis=1) / counts[picks].sum(axis=1))
        return sign * (totals[0] - totals[1])
    draws = np.empty(iters)
    for row, pick in enumerate(picks):
        indices = [i for c in pick for i in clusters[c]]
        try:
            draws[row] = sign * (
                float(aggregate([chal[i] for i in indices])) - float(aggregate([ref[i] for i in indices]))
            )
        except (ValueError, ZeroDivisionError):
            draws[row] = math.nan
    return draws


def compare(
    metric: str,
    challenger: Sequence[Sequence[Any]],
    reference: Sequence[Sequence[Any]],
    aggregate: Callable[[list[Any]], Any],
    higher_is_better: bool,
    confidence: float = 0.95,
    iters: int = 2000,
    seed: int = 0,
) -> Comparison | None:
    """Paired bootstrap of ``worse_by`` over whole groups. None when fewer than two groups are in common or the
    metric is undefined on the common items (or on most resamples)."""
    chal, ref, groups = paired_items(challenger, reference)
    members: dict[Any, list[int]] = {}
    for index, group in enumerate(groups):
        members.setdefault(group, []).append(index)
    clusters = list(members.values())
    if len(clusters) < 2:
        return None
    sign = -1.0 if higher_is_better else 1.0
    point_chal, point_ref = float(aggregate(chal)), float(aggregate(ref))
    if not (math.isfinite(point_chal) and math.isfinite(point_ref)):
        return None
    draws = _bootstrap_worse(chal, ref, clusters, aggregate, sign, iters, seed)
    draws = np.sort(draws[np.isfinite(draws)])
    if len(draws) < max(20, iters // 2):
        return None
    low = float(draws[int(math.floor((1.0 - confidence) * (len(draws) - 1)))])
    high = float(draws[int(math.ceil(confidence * (len(draws) - 1)))])
    sd = float(np.std(draws, ddof=1))
    return Comparison(
        metric=metric,
        challenger=point_chal,
        reference=point_ref,
        worse_by=sign * (point_chal - point_ref),
        low=low,
        high=high,
        sd=sd,
        mdd=mdd(sd, confidence),
        n_items=len(chal),
        n_groups=len(clusters),
        confidence=confidence,
    )


def compare_outcomes(
    challenger: ItemOutcomes,
    reference: ItemOutcomes,
    metric: str,
    higher_is_better: bool,
    evals_dir: Path,
    confidence: float = 0.95,
    iters: int = 2000,
    seed: int = 0,
) -> Comparison | None:
    """:func:`compare` on one metric of two item-outcome files (None when either lacks the metric)."""
    if metric not in challenger or metric not in reference:
        return None
    aggregate = resolve_aggregation(challenger[metric]["aggregation"], evals_dir)
    return compare(
        metric,
        challenger[metric]["items"],
        reference[metric]["items"],
        aggregate,
        higher_is_better,
        confidence,
        iters,
        seed,
    )


def signed(value: float) -> str:
    """``+0.012``, ``-0.3``; never ``-0`` (a zero difference prints as ``+0``)."""
    return f"{value + 0.0:+.3g}"


def interval_text(comparison: Comparison) -> str:
    """``-0.009 [-0.05, +0.03]``: the change in the metric's bad direction and its two-sided interval."""
    level = round(100 * (2 * comparison.confidence - 1))
    return (
        f"{signed(comparison.worse_by)} worse [{signed(comparison.low)}, {signed(comparison.high)}] ({level}% paired, "
        f"{comparison.n_items} items)"
    )


def outcomes_of(data: Mapping[str, Any], model: str, where: str) -> ItemOutcomes:
    """One model's outcomes (``base`` or ``finetuned``) from an item-outcome file, or a ValueError naming
    ``where`` when the file is not one."""
    if not isinstance(data, Mapping) or data.get("format") != FORMAT or not isinstance(data.get(model), dict):
        raise ValueError(f"{where}: not an sftops item-outcome file of format {FORMAT} with {model!r} outcomes")
    return data[model]


def item_outcomes(results: Mapping[str, Mapping[str, Any]]) -> ItemOutcomes:
    """Per-item outcomes of every metric that has an aggregation spec, from the evaluate stage's per-task results
    (``{"aggregations": {...}, "samples": [{"doc_id", "doc", "metrics": {...}}]}``). An item's key is its
    ``id`` field where the task has one (stable when items are added), else lm-eval's doc_id; its group is the
    doc's cluster or question (:data:`GROUP_FIELDS`), so correlated items never look like independent evidence."""
    outcomes: ItemOutcomes = {}
    for task, result in sorted(results.items()):
        for metric, spec in sorted(result.get("aggregations", {}).items()):
            items = []
            for sample in result.get("samples", []):
                if metric not in sample.get("metrics", {}):
                    continue
                doc = sample.get("doc") if isinstance(sample.get("doc"), dict) else {}
                key = doc.get("id") if doc.get("id") is not None else sample.get("doc_id")
                group = next((doc[f] for f in GROUP_FIELDS if isinstance(doc.get(f), str | int)), None)
                items.append([str(key), sample["metrics"][metric]] + ([str(group)] if group is not None else []))
            if items:
                outcomes[f"{task}/{metric}"] = {"aggregation": spec, "items": items}
    return outcomes
