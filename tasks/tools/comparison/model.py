"""What a comparison holds (variants, the champion) and the pure questions the dashboard asks of it.

Metric names are the evaluate stage's, ``<task>/<metric>`` (MLflow: ``eval/finetuned/<task>/<metric>``), with
their bootstrap standard error under ``<task>/<metric>_stderr``; directions come from the run's
``eval/higher_is_better.json``.

Whether a change is real is a paired test on the same items (tasks/core/paired.py): a :class:`Significance` per
metric against the base model (the interval the evaluate stage logged) and against the champion (both runs'
item outcomes, compared by tasks/tools/compare.py). A metric without one (a run made before sftops logged them) is
"not tested" and falls back to the sign of its change.
"""

from __future__ import annotations

import hashlib
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, TypeGuard

from tasks.core import paired

STDERR_SUFFIX = "_stderr"
Verdict = Literal["better", "worse", "same"]
# A paired test's verdict (tasks.core.paired.Verdict); "untested" where there is no paired test.
PairedVerdict = paired.Verdict
Mark = Literal["worse", "better", "no_difference", "too_few_items", "untested"]
# Two values closer than this are a tie (for the best mark and for "same as").
TIE_TOLERANCE = 1e-9


@dataclass(frozen=True)
class LengthPoint:
    """One length_calibration item: the documented length of a good reply and the reply's length, in words."""

    item_id: str
    kind: str
    expected: float
    produced: float


@dataclass(frozen=True)
class DataCard:
    """The data card a run logged (artifact folder ``data_card``): its markdown and the PNGs it references."""

    markdown: str
    images: Mapping[str, bytes] = field(default_factory=dict)

    def digest(self) -> str:
        h = hashlib.sha256(self.markdown.encode())
        for name in sorted(self.images):
            h.update(name.encode())
            h.update(hashlib.sha256(self.images[name]).digest())
        return h.hexdigest()


@dataclass(frozen=True)
class Significance:
    """A paired test of one metric against a reference (the base model, the champion) on the same items.

    ``low``/``high`` bound ``worse_by`` (how much worse the variant is, in the metric's bad direction) at the
    one-sided ``confidence`` each, so together a two-sided ``2·confidence − 1`` interval; ``mdd`` is the smallest
    difference the test detects with 80% power."""

    verdict: PairedVerdict
    low: float
    high: float
    mdd: float
    max_detectable: float
    confidence: float
    n_items: int | None = None  # None where only the interval was logged (the evaluate stage's vs-base metrics)

    @classmethod
    def of(
        cls, low: float, high: float, mdd: float, max_detectable: float, confidence: float, n_items: int | None = None
    ) -> Significance:
        verdict = paired.verdict_of(low, high, mdd, max_detectable)
        return cls(verdict, low, high, mdd, max_detectable, confidence, n_items)

    @property
    def significant(self) -> bool:
        return self.verdict in ("better", "worse")

    @property
    def level(self) -> int:
        """The two-sided interval's level in percent (90 for a one-sided 0.95)."""
        return round(100 * (2 * self.confidence - 1))

    def delta_interval(self, higher: bool) -> tuple[float, float]:
        """The interval in the metric's own units (value minus reference), as the delta is shown."""
        return (-self.high, -self.low) if higher else (self.low, self.high)


@dataclass
class Variant:
    """One compared run: the MLflow run train started (evaluate and report log into it too)."""

    label: str
    run_id: str
    run_name: str
    status: str | None = None  # "ran" | "reused" in a sweep; None for runs picked by id or experiment
    overrides: Any = None  # the sweep's overrides of the base params (as variants.json lists them)
    params: dict[str, str] = field(default_factory=dict)
    finetuned: dict[str, float] = field(default_factory=dict)  # "<task>/<metric>" and "..._stderr"
    base: dict[str, float] = field(default_factory=dict)
    delta: dict[str, float] = field(default_factory=dict)
    higher_is_better: dict[str, bool] = field(default_factory=dict)
    loss: list[tuple[int, float]] = field(default_factory=list)
    eval_loss: list[tuple[int, float]] = field(default_factory=list)
    lengths: list[LengthPoint] = field(default_factory=list)
    base_lengths: list[LengthPoint] = field(default_factory=list)
    data_card: DataCard | None = None
    vs_base: dict[str, Significance] = field(default_factory=dict)  # from paired/vs_base/<task>/<metric>/{low,high,mdd}
    vs_champion: dict[str, Significance] = field(default_factory=dict)  # paired on both runs' item outcomes
    outcomes: dict[str, Any] | None = None  # the fine-tuned model's per-item outcomes (paired.ItemOutcomes)

    def value(self, metric: str) -> float | None:
        return self.finetuned.get(metric)

    def stderr(self, metric: str) -> float | None:
        return self.finetuned.get(f"{metric}{STDERR_SUFFIX}")

    def delta_vs_base(self, metric: str) -> float | None:
        """``eval/delta`` as evaluate logged it; fine-tuned minus base where only those two were logged."""
        if metric in self.delta:
            return self.delta[metric]
        value, base = self.value(metric), self.base.get(metric)
        return None if value is None or base is None else value - base

    def final_loss(self) -> float | None:
        return self.loss[-1][1] if self.loss else None


@dataclass(frozen=True)
class Champion:
    """The registered version holding the champion alias, with its fine-tuned metrics (``sftops.eval.*`` tags)."""

    model: str
    alias: str
    version: str
    run_id: str | None
    metrics: Mapping[str, float]
    outcomes: Mapping[str, Any] | None = None  # its run's fine-tuned per-item outcomes; None: registered before them


@dataclass
class Comparison:
    name: str
    source: str  # one line: where the variants came from (the sweep's parent run, run ids, an experiment)
    variants: list[Variant]
    champion: Champion | None
    champion_ref: str  # "model@alias", also when no version holds the alias
    tracking_uri: str = ""
    created: str = ""
    left_out: list[str] = field(default_factory=list)  # sweep variants that have no run ("name: failed")
    confidence: float = 0.95  # eval.significance.confidence of the paired tests (one-sided)

    def labels(self) -> list[str]:
        return [v.label for v in self.variants]


# --- metrics ----------------------------------------------------------------------------------------------------


def metric_names(variants: Iterable[Variant]) -> list[str]:
    """Every fine-tuned metric any variant has (stderr entries excluded), sorted so tasks stay together."""
    names = {k for v in variants for k in v.finetuned if not k.endswith(STDERR_SUFFIX)}
    return sorted(names)


def by_task(metrics: Iterable[str]) -> dict[str, list[str]]:
    """``{"task": ["task/metric", ...]}`` in the order given."""
    grouped: dict[str, list[str]] = {}
    for metric in metrics:
        grouped.setdefault(task_of(metric), []).append(metric)
    return grouped


def task_of(metric: str) -> str:
    return metric.split("/", 1)[0]


def short_name(metric: str) -> str:
    return metric.split("/", 1)[-1]


def directions(variants: Iterable[Variant]) -> dict[str, bool]:
    """Each metric's direction as the runs declare it (the first run that declares one wins)."""
    found: dict[str, bool] = {}
    for variant in variants:
        for metric, higher in variant.higher_is_better.items():
            found.setdefault(metric, bool(higher))
    return found


def direction_text(higher: bool | None) -> str:
    if higher is None:
        return "direction unknown"
    return "↑ higher is better" if higher else "↓ lower is better"


def arrow(higher: bool | None) -> str:
    if higher is None:
        return "?"
    return "↑" if higher else "↓"


def is_finite(value: float | None) -> TypeGuard[float]:
    return value is not None and math.isfinite(value)


def best_labels(variants: Sequence[Variant], metric: str, higher: bool | None) -> set[str]:
    """Labels of the variants with the best value of ``metric`` (ties all win); none when the direction is
    unknown or fewer than two variants have a value."""
    values = {v.label: v.value(metric) for v in variants}
    scored = {label: x for label, x in values.items() if is_finite(x)}
    if higher is None or len(scored) < 2:
        return set()
    best = max(scored.values()) if higher else min(scored.values())
    return {label for label, x in scored.items() if abs(x - best) <= TIE_TOLERANCE}


def verdict(delta: float | None, higher: bool | None) -> Verdict | None:
    """Whether a change of ``delta`` is an improvement under the metric's direction (None: cannot tell)."""
    if not is_finite(delta) or higher is None:
        return None
    if abs(delta) <= TIE_TOLERANCE:
        return "same"
    return "better" if (delta > 0) == higher else "worse"


def delta_vs_champion(variant: Variant, champion: Champion | None, metric: str) -> float | None:
    if champion is None:
        return None
    value, reference = variant.value(metric), champion.metrics.get(metric)
    return None if value is None or reference is None else value - reference


def mark(delta: float | None, test: Significance | None) -> Mark | None:
    """What a delta cell says: the paired test's verdict, or "untested" where there is none (None: no delta)."""
    if not is_finite(delta):
        return None
    return test.verdict if test is not None else "untested"


@dataclass(frozen=True)
class Tally:
    """Significant differences (``better``/``worse``), and what the tests could not call. Where no metric was
    tested at all (runs made before the paired tests), ``better``/``worse``/``same`` count by the sign, as
    before, and the text says so."""

    better: int = 0
    worse: int = 0
    same: int = 0  # no significant difference (tested), or no change (untested)
    too_few: int = 0
    untested: int = 0
    tested: bool = True

    def text(self) -> str:
        head = f"{self.better} better · {self.worse} worse"
        if not self.tested:
            return head + (f" · {self.same} same" if self.same else "") + (" (not tested)" if self.untested else "")
        extra = [f"{self.too_few} too few items"] if self.too_few else []
        extra += [f"{self.untested} not tested"] if self.untested else []
        return " · ".join([head, *extra])


def tally(verdicts: Iterable[Verdict | None]) -> Tally:
    """By the sign alone (no paired tests)."""
    counted = [v for v in verdicts if v is not None]
    return Tally(counted.count("better"), counted.count("worse"), counted.count("same"), tested=False)


def paired_tally(cells: Iterable[tuple[float | None, bool | None, Significance | None]]) -> Tally:
    """Counts of ``(delta, higher_is_better, test)`` cells: only significant differences count as better or
    worse; untested cells count by their sign when no cell was tested at all."""
    rows = [(d, h, t) for d, h, t in cells if is_finite(d)]
    if not any(t is not None for _, _, t in rows):
        signed = tally(verdict(d, h) for d, h, _ in rows)
        return Tally(signed.better, signed.worse, signed.same, untested=len(rows), tested=False)
    verdicts = [t.verdict if t is not None else "untested" for _, _, t in rows]
    return Tally(
        better=verdicts.count("better"),
        worse=verdicts.count("worse"),
        same=verdicts.count("no_difference"),
        too_few=verdicts.count("too_few_items"),
        untested=verdicts.count("untested"),
    )


def tally_vs_base(variant: Variant, metrics: Sequence[str], dirs: Mapping[str, bool]) -> Tally:
    return paired_tally((variant.delta_vs_base(m), dirs.get(m), variant.vs_base.get(m)) for m in metrics)


def tally_vs_champion(
    variant: Variant, champion: Champion | None, metrics: Sequence[str], dirs: Mapping[str, bool]
) -> Tally | None:
    if champion is None:
        return None
    return paired_tally(
        (delta_vs_champion(variant, champion, m), dirs.get(m), variant.vs_champion.get(m)) for m in metrics
    )


def wins(variant: Variant, variants: Sequence[Variant], metrics: Sequence[str], dirs: Mapping[str, bool]) -> int:
    """In how many metric columns ``variant`` holds the best value."""
    return sum(variant.label in best_labels(variants, m, dirs.get(m)) for m in metrics)


def reference_base(variants: Sequence[Variant], metric: str) -> tuple[float | None, float | None, bool]:
    """The base model's value and stderr of ``metric`` (from the first variant that has it), and whether the
    variants disagree on it (they were fine-tuned from different base models or evaluated differently)."""
    values = [v.base[metric] for v in variants if metric in v.base]
    if not values:
        return None, None, False
    first = next(v for v in variants if metric in v.base)
    differs = any(abs(x - values[0]) > TIE_TOLERANCE for x in values)
    return values[0], first.base.get(f"{metric}{STDERR_SUFFIX}"), differs


# --- params -----------------------------------------------------------------------------------------------------


def params_diff(variants: Sequence[Variant]) -> list[str]:
    """Logged params whose value differs between the variants (a param missing from a run counts as differing)."""
    if len(variants) < 2:
        return []
    keys = sorted({k for v in variants for k in v.params})
    return [k for k in keys if len({v.params.get(k) for v in variants}) > 1]


def overrides_text(overrides: Any) -> str:
    """A sweep variant's overrides, one ``key=value`` per item, whatever shape variants.json used."""
    if overrides is None:
        return ""
    if isinstance(overrides, Mapping):
        return ", ".join(f"{k}={v}" for k, v in overrides.items())
    if isinstance(overrides, list | tuple):
        return ", ".join(str(item) for item in overrides)
    return str(overrides)


# --- labels -----------------------------------------------------------------------------------------------------


def unique_labels(names: Sequence[str], run_ids: Sequence[str]) -> list[str]:
    """``names`` made unique by appending the first characters of the run id to repeated names."""
    counts: dict[str, int] = {}
    for name in names:
        counts[name] = counts.get(name, 0) + 1
    return [
        name if counts[name] == 1 else f"{name} ({run_id[:8]})" for name, run_id in zip(names, run_ids, strict=True)
    ]
