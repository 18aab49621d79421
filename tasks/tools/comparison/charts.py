"""The dashboard's charts as PNG bytes (matplotlib's Agg canvas, no pyplot state): probe scores per variant,
training loss curves, length calibration. Each returns None when no variant has anything to draw."""

from __future__ import annotations

import io
import math
import random
import statistics
from collections.abc import Mapping, Sequence
from typing import Any

from tasks.tools.comparison.model import (
    Comparison,
    LengthPoint,
    Variant,
    arrow,
    by_task,
    is_finite,
    metric_names,
    reference_base,
    short_name,
)

DPI = 110
LENGTH_FLOOR_WORDS = 0.5  # an empty reply is drawn at half a word, as the length_log_error metric floors it
LENGTH_METRIC = "length_calibration/length_log_error"


def variant_colors(labels: Sequence[str]) -> dict[str, str]:
    """One colour per variant, the same in every chart and table (tab10, then tab20)."""
    from matplotlib import colormaps

    cmap = colormaps["tab10"] if len(labels) <= 10 else colormaps["tab20"]
    return {label: _hex(cmap(i % cmap.N)) for i, label in enumerate(labels)}


def _hex(rgba: tuple[float, ...]) -> str:
    return "#" + "".join(f"{round(c * 255):02x}" for c in rgba[:3])


def _png(fig: Any) -> bytes:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI)
    return buffer.getvalue()


def _grid(n: int, max_cols: int) -> tuple[int, int]:
    cols = max(1, min(max_cols, n))
    return math.ceil(n / cols), cols


# --- probe scores -----------------------------------------------------------------------------------------------


def probe_scores(comparison: Comparison, dirs: Mapping[str, bool]) -> bytes | None:
    """One panel per task: for each metric a group of bars, one per variant (± stderr), the base model as a
    dashed line and the champion as a dotted one across the group; the direction is in each metric's label."""
    from matplotlib.figure import Figure
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    tasks = by_task(metric_names(comparison.variants))
    if not tasks:
        return None
    colors = variant_colors(comparison.labels())
    rows, cols = _grid(len(tasks), 3)
    fig = Figure(figsize=(5.2 * cols, 3.5 * rows + 0.6), layout="constrained")
    axes = fig.subplots(rows, cols, squeeze=False).ravel()
    for ax, (task, metrics) in zip(axes, tasks.items(), strict=False):
        _task_panel(ax, task, metrics, comparison, dirs, colors)
    for ax in axes[len(tasks) :]:
        ax.set_visible(False)
    handles = [Patch(color=colors[label], label=label) for label in comparison.labels()]
    handles.append(Line2D([], [], color="#333333", linestyle="--", label="base model"))
    if comparison.champion is not None:
        handles.append(Line2D([], [], color="#c9a000", linestyle=":", linewidth=2.2, label=_champion_label(comparison)))
    fig.legend(handles=handles, loc="outside upper center", ncols=min(len(handles), 6), frameon=False)
    return _png(fig)


def _champion_label(comparison: Comparison) -> str:
    champion = comparison.champion
    return "champion" if champion is None else f"champion (v{champion.version})"


def _task_panel(
    ax: Any, task: str, metrics: list[str], comparison: Comparison, dirs: Mapping[str, bool], colors: dict[str, str]
) -> None:
    variants = comparison.variants
    width = 0.8 / max(len(variants), 1)
    for j, variant in enumerate(variants):
        xs, ys, errs = [], [], []
        for i, metric in enumerate(metrics):
            value = variant.value(metric)
            if is_finite(value):
                xs.append(i - 0.4 + width * (j + 0.5))
                ys.append(value)
                err = variant.stderr(metric)
                errs.append(err if is_finite(err) else 0.0)
        ax.bar(xs, ys, width=width * 0.92, color=colors[variant.label], yerr=errs, capsize=2, ecolor="#555555")
    for i, metric in enumerate(metrics):
        base, _, _ = reference_base(variants, metric)
        if is_finite(base):
            ax.hlines(base, i - 0.45, i + 0.45, colors="#333333", linestyles="--", linewidth=1.2)
        champion = comparison.champion.metrics.get(metric) if comparison.champion else None
        if is_finite(champion):
            ax.hlines(champion, i - 0.45, i + 0.45, colors="#c9a000", linestyles=":", linewidth=2.2)
    ax.axhline(0, color="#999999", linewidth=0.6)
    ax.set_xticks(range(len(metrics)))
    ax.set_xticklabels([f"{short_name(m)} {arrow(dirs.get(m))}" for m in metrics], rotation=18, ha="right", fontsize=8)
    ax.set_title(task, fontsize=10)
    ax.grid(axis="y", alpha=0.3)


# --- loss -------------------------------------------------------------------------------------------------------


def loss_curves(comparison: Comparison) -> bytes | None:
    """``train/loss`` per optimizer step, one line per variant; ``train/eval_loss`` dashed in the same colour."""
    from matplotlib.figure import Figure

    variants = [v for v in comparison.variants if v.loss or v.eval_loss]
    if not variants:
        return None
    colors = variant_colors(comparison.labels())
    fig = Figure(figsize=(10, 4.2), layout="constrained")
    ax = fig.subplots()
    for variant in variants:
        color = colors[variant.label]
        if variant.loss:
            steps, values = zip(*variant.loss, strict=True)
            ax.plot(steps, values, color=color, linewidth=1.6, label=f"{variant.label} train/loss")
        if variant.eval_loss:
            steps, values = zip(*variant.eval_loss, strict=True)
            ax.plot(steps, values, color=color, linestyle="--", marker="o", markersize=4, label=f"{variant.label} eval")
    ax.set_xlabel("optimizer step")
    ax.set_ylabel("loss (mean over trained tokens)")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8, ncols=2)
    return _png(fig)


# --- length calibration -----------------------------------------------------------------------------------------


def length_calibration(comparison: Comparison) -> bytes | None:
    """One log-log panel per variant: each length_calibration item's expected vs produced words (points), the
    medians of half-octave bins of expected length (line), the base model's (grey dashed), y = x and a factor-2
    band."""
    from matplotlib.figure import Figure

    variants = comparison.variants
    if not any(v.lengths for v in variants):
        return None
    colors = variant_colors(comparison.labels())
    limits = _length_limits(variants)
    rows, cols = _grid(len(variants), 4)
    fig = Figure(figsize=(3.6 * cols, 3.4 * rows + 0.5), layout="constrained")
    axes = fig.subplots(rows, cols, squeeze=False, sharex=True, sharey=True).ravel()
    for ax, variant in zip(axes, variants, strict=False):
        _length_panel(ax, variant, colors[variant.label], limits)
    for ax in axes[len(variants) :]:
        ax.set_visible(False)
    for ax in axes[::cols]:
        ax.set_ylabel("produced words")
    for ax in axes[-cols:]:
        ax.set_xlabel("expected words")
    # one row of five entries needs the width of three panels; narrower figures wrap the legend
    legend_cols = 5 if cols >= 3 else 3 if cols == 2 else 2
    fig.legend(handles=_length_legend(), loc="outside upper center", ncols=legend_cols, frameon=False, fontsize=8)
    return _png(fig)


def _length_legend() -> list[Any]:
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    return [
        Line2D([], [], color="#777777", marker="o", linestyle="", alpha=0.6, label="one item (fine-tuned)"),
        Line2D([], [], color="#777777", marker="o", markersize=3, linewidth=2, label="median per bin (fine-tuned)"),
        Line2D([], [], color="#444444", linestyle="--", linewidth=1.2, label="median per bin (base model)"),
        Line2D([], [], color="#555555", linewidth=0.8, label="produced = expected"),
        Patch(color="#e8e8e8", label="within a factor of 2"),
    ]


def _length_limits(variants: Sequence[Variant]) -> tuple[float, float]:
    values = [LENGTH_FLOOR_WORDS]
    for variant in variants:
        for point in (*variant.lengths, *variant.base_lengths):
            values += [point.expected, max(point.produced, LENGTH_FLOOR_WORDS)]
    return min(values) / 1.5, max(values) * 1.5


def _length_panel(ax: Any, variant: Variant, color: str, limits: tuple[float, float]) -> None:
    lo, hi = limits
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlim(lo, hi)
    ax.set_ylim(lo, hi)
    ax.fill_between([lo, hi], [lo / 2, hi / 2], [lo * 2, hi * 2], color="#e8e8e8", linewidth=0)
    ax.plot([lo, hi], [lo, hi], color="#555555", linewidth=0.8)
    if not variant.lengths:
        ax.text(0.5, 0.5, "length_calibration\nnot evaluated", ha="center", va="center", transform=ax.transAxes)
    else:
        xs, ys = _jittered(variant.lengths)
        ax.scatter(xs, ys, s=12, alpha=0.55, color=color, linewidths=0)
        ax.plot(*binned_medians(variant.lengths), color=color, linewidth=2, marker="o", markersize=3)
    if variant.base_lengths:
        ax.plot(*binned_medians(variant.base_lengths), color="#444444", linestyle="--", linewidth=1.2)
    error = variant.value(LENGTH_METRIC)
    suffix = f"\nlength_log_error {error:.3f}" if is_finite(error) else ""
    ax.set_title(f"{variant.label}{suffix}", fontsize=9)
    ax.grid(alpha=0.25, which="both")


def _jittered(points: Sequence[LengthPoint]) -> tuple[list[float], list[float]]:
    """Expected lengths are a few round numbers: spread the points a little sideways (seeded) so they show."""
    rng = random.Random(0)
    xs = [p.expected * math.exp(rng.uniform(-0.08, 0.08)) for p in points]
    ys = [max(p.produced, LENGTH_FLOOR_WORDS) for p in points]
    return xs, ys


def binned_medians(points: Sequence[LengthPoint]) -> tuple[list[float], list[float]]:
    """Points grouped by half-octaves of expected length: each bin's median expected and median produced
    length (produced floored at :data:`LENGTH_FLOOR_WORDS`), in order of expected length."""
    bins: dict[int, list[LengthPoint]] = {}
    for p in points:
        bins.setdefault(round(2 * math.log2(max(p.expected, LENGTH_FLOOR_WORDS))), []).append(p)
    ordered = [bins[key] for key in sorted(bins)]
    xs = [statistics.median(p.expected for p in group) for group in ordered]
    ys = [statistics.median(max(p.produced, LENGTH_FLOOR_WORDS) for p in group) for group in ordered]
    return xs, ys
