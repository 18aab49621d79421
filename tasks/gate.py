"""Stage gate: the promotion gate. The version register just created replaces the champion only if it passes.

Checks, from params ``gate``:

- ``floors``: absolute limits on the challenger's eval metrics (``min`` and/or ``max``);
- ``max_regression``: the largest allowed change against the champion, in the metric's own units and measured
  in its bad direction (each task's ``higher_is_better``): 0.02 on a flip rate (lower is better) allows the
  challenger's rate to be at most 0.02 above the champion's; on ROUGE-L (higher is better), at most 0.02 below.

The champion is the version holding ``gate.champion_alias``; its metrics are the ``sftops.eval.*`` tags that
register wrote on it (else its run's ``eval/finetuned/*`` metrics). With no champion yet (the first model) only
the floors apply. A metric named in params that no evaluated task declares fails, naming close matches, so that
a typo cannot pass silently (even on the first model); one its task declares but this run could not score (NaN,
left out of metrics/eval.json) fails where it is needed, a floor or a comparison with a champion that has it.
A champion without the metric: that comparison is skipped, with a note. All checks pass → ``promoted`` (the
champion alias moves to this version); any fails → ``rejected`` (the version stays a challenger): a normal
outcome, the stage exits 0. A rerun on the version that already is the champion → ``already_champion``.

The decision and each reason go to outputs/gate/decision.json (+ decision.md for the report), metrics/gate.json,
the model version (tags ``sftops.gate.*`` and a checks table appended to its description) and the pipeline's
MLflow run (the same tags).
"""

from __future__ import annotations

import difflib
import json
import logging
import math
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

from tasks.core import paired, tags, tracking
from tasks.core.errors import SftopsError
from tasks.core.gate_decision import bounds_text, num, plain_summary, render_markdown, severity
from tasks.core.io import read_json, write_json
from tasks.core.params import Floor, GateParams, Params, SignificanceParams
from tasks.core.paths import ProjectPaths
from tasks.core.stage import stage_main

log = logging.getLogger("sftops.gate")

Decision = Literal["promoted", "rejected", "inconclusive", "already_champion"]
CheckKind = Literal["floor", "regression"]
Outcome = Literal["pass", "fail", "inconclusive", "skip"]

# Registry text limits: the reasons tag stays well under a run tag's 8000 characters (MLflow truncates longer
# ones) and the description under model_versions.description, a String(5000) column in MLflow's SQL stores.
REASONS_TAG_LIMIT = 5000
DESCRIPTION_LIMIT = 5000
REASON_LIMIT = 400
# The champion's metrics come from tags written with 6 significant digits: tolerate that rounding.
TOLERANCE = 1e-6
GATE_SECTION = "### Promotion gate"
# Decisions taken again when a shared registry's champion moves between our read and our write
MAX_DECISIONS = 3


@dataclass(frozen=True)
class Reference:
    """What a challenger is compared with: the champion version, or the base model scored in the same run."""

    kind: Literal["champion", "base"]
    label: str  # "champion (version 3)", "base model"
    metrics: Mapping[str, float]
    outcomes: paired.ItemOutcomes | None  # per-item outcomes; None: an older version registered without them
    version: int | None = None


@dataclass(frozen=True)
class Check:
    """One gate check. ``limit`` is ``{"min": x, "max": y}`` (the bounds set) for a floor and the allowance for
    a regression; ``champion`` is the reference's value (None for floors and when the reference has none);
    ``low``/``high`` bound how much worse the challenger is (paired, one-sided ``confidence`` each) and
    ``detectable`` is the smallest regression the check finds with 80% power (allowance + MDD)."""

    metric: str
    kind: CheckKind
    challenger: float | None
    champion: float | None
    limit: dict[str, float] | float
    passed: bool
    reason: str
    outcome: Outcome = "pass"
    reference: str | None = None
    low: float | None = None
    high: float | None = None
    detectable: float | None = None
    n_items: int | None = None

    def __post_init__(self) -> None:
        if not self.passed and self.outcome == "pass":  # a failed floor or a metric that cannot be checked
            object.__setattr__(self, "outcome", "fail")

    @property
    def skipped(self) -> bool:
        return self.outcome == "skip"

    def line(self) -> str:
        status = {"fail": "FAIL", "inconclusive": "INCONCLUSIVE"}.get(self.outcome, self.outcome)
        return f"{status} {self.kind} {self.reason}"


def _direction(higher_is_better: bool) -> str:
    return "higher is better" if higher_is_better else "lower is better"


def _floor_limit(floor: Floor) -> dict[str, float]:
    return {bound: value for bound, value in (("min", floor.min), ("max", floor.max)) if value is not None}


def _value(metrics: Mapping[str, float], metric: str) -> float | None:
    """The metric's value, or None when it is absent or NaN (evaluate leaves out what a run could not score)."""
    value = metrics.get(metric)
    return None if value is None or math.isnan(value) else float(value)


def unknown_metric_check(
    metric: str, kind: CheckKind, limit: dict[str, float] | float, available: Iterable[str]
) -> Check:
    """A metric named in params that no evaluated task declares (a typo, or a task not in eval.tasks): fail, and
    suggest what was meant."""
    section = "floors" if kind == "floor" else "max_regression"
    candidates = sorted(k for k in available if not k.endswith("_stderr"))
    close = difflib.get_close_matches(metric, candidates, n=3, cutoff=0.6)
    hint = f"did you mean {', '.join(close)}?" if close else "the challenger's metrics are in metrics/eval.json"
    reason = f"{metric}: not among the challenger's eval metrics (gate.{section} in params.yaml); {hint}"
    return Check(metric, kind, None, None, limit, False, reason)


def no_value_check(metric: str, kind: CheckKind, limit: dict[str, float] | float) -> Check:
    """A metric its task declares but that has no value in this run: the gate cannot vouch for it, so it fails."""
    reason = (
        f"{metric}: its task declares it but this run has no value for it (undefined on the items scored, e.g. "
        "too few with eval.limit; see outputs/evaluate/samples_finetuned.jsonl)"
    )
    return Check(metric, kind, None, None, limit, False, reason)


def check_floor(metric: str, floor: Floor, challenger: Mapping[str, float], directions: Mapping[str, bool]) -> Check:
    limit = _floor_limit(floor)
    value = _value(challenger, metric)
    if value is None:
        if metric in challenger or metric in directions:
            return no_value_check(metric, "floor", limit)
        return unknown_metric_check(metric, "floor", limit, challenger)
    if floor.min is not None and value < floor.min:
        reason = f"{metric}: {num(value)} < floor min {num(floor.min)}"
        return Check(metric, "floor", value, None, limit, False, reason)
    if floor.max is not None and value > floor.max:
        reason = f"{metric}: {num(value)} > floor max {num(floor.max)}"
        return Check(metric, "floor", value, None, limit, False, reason)
    return Check(metric, "floor", value, None, limit, True, f"{metric}: {num(value)} {bounds_text(limit)}")


def _point_check(
    metric: str, allowance: float, higher_is_better: bool, value: float, base: float, reference: Reference
) -> Check:
    """A reference without per-item outcomes (registered before sftops stored them): point estimates only."""
    worse_by = (base - value) if higher_is_better else (value - base)
    passed = worse_by <= allowance + TOLERANCE * max(1.0, abs(base))
    change = f"{num(worse_by)} worse" if worse_by > 0 else f"{num(-worse_by)} better" if worse_by < 0 else "no change"
    verdict = f"allowed {num(allowance)} worse" if passed else f"more than the {num(allowance)} allowed"
    reason = (
        f"{metric}: {num(value)} vs {reference.label} {num(base)} ({_direction(higher_is_better)}): {change}, "
        f"{verdict} (point estimates: {reference.label} has no per-item outcomes to pair with)"
    )
    return Check(metric, "regression", value, base, allowance, passed, reason, reference=reference.label)


def check_regression(
    metric: str,
    allowance: float,
    higher_is_better: bool | None,
    challenger: Mapping[str, float],
    reference: Reference,
    comparison: paired.Comparison | None,
    max_detectable: float,
) -> Check:
    """Fail only when the challenger is *significantly* worse than the reference by more than ``allowance``
    (the lower bound of the paired interval of ``worse_by`` is above it). Pass when the upper bound is within the
    allowance, or when nothing is significant and the check could have found a regression of ``max_detectable``
    (allowance + MDD ≤ it). Otherwise the eval cannot tell: inconclusive, with the smallest regression it could
    have detected. Where the reference has no value the check is skipped; where only the challenger has none it
    fails."""
    value, base = _value(challenger, metric), _value(reference.metrics, metric)
    where = reference.label
    if higher_is_better is None:
        if value is None:
            return unknown_metric_check(metric, "regression", allowance, challenger)
        reason = f"{metric}: direction unknown (not in outputs/evaluate/higher_is_better.json), cannot compare"
        return Check(metric, "regression", value, base, allowance, False, reason, reference=where)
    if base is None:
        shown = "no value" if value is None else num(value)
        reason = f"{metric}: {shown}; {where} has no value: not compared"
        return Check(metric, "regression", value, None, allowance, True, reason, "skip", where)
    if value is None:
        return no_value_check(metric, "regression", allowance)
    if comparison is None:
        return _point_check(metric, allowance, higher_is_better, value, base, reference)
    detectable = allowance + comparison.mdd
    interval = paired.interval_text(comparison)
    head = f"{metric}: {num(value)} vs {where} {num(base)} ({_direction(higher_is_better)}): {interval}"
    if comparison.low > allowance + TOLERANCE:
        outcome: Outcome = "fail"
        reason = f"{head}; significantly worse by more than the {num(allowance)} allowed"
    elif comparison.high <= allowance + TOLERANCE:
        outcome = "pass"
        reason = f"{head}; within the {num(allowance)} allowed"
    elif detectable <= max_detectable + TOLERANCE:
        outcome = "pass"
        reason = f"{head}; no significant regression (it would detect one of {num(detectable)} with 80% power)"
    else:
        outcome = "inconclusive"
        reason = (
            f"{head}; cannot tell: no significant regression, but the smallest this eval detects (80% power) is "
            f"{num(detectable)}, above eval.significance max_detectable {num(max_detectable)}: add items"
        )
    return Check(
        metric,
        "regression",
        value,
        base,
        allowance,
        outcome != "fail",
        reason,
        outcome,
        where,
        comparison.low,
        comparison.high,
        detectable,
        comparison.n_items,
    )


def references_to_compare(gate: GateParams, champion: Reference | None, base: Reference | None) -> list[Reference]:
    """Which references ``gate.references`` asks for, given what exists."""
    if gate.references == "champion":
        return [champion] if champion is not None else []
    if gate.references == "champion_and_base":
        return [r for r in (champion, base) if r is not None]
    return [champion] if champion is not None else [base] if base is not None else []


def run_checks(
    gate: GateParams,
    significance: SignificanceParams,
    challenger: Mapping[str, float],
    directions: Mapping[str, bool],
    references: list[Reference],
    challenger_outcomes: paired.ItemOutcomes | None,
    evals_dir: Path,
    seed: int = 0,
) -> list[Check]:
    """Every floor (on the point estimate), then every regression allowance against each reference, in params
    order. With no reference only the floors apply, but a regression metric that no task declares still fails: a
    typo must not wait for the second model to show."""
    checks = [check_floor(metric, floor, challenger, directions) for metric, floor in gate.floors.items()]
    for metric, allowance in gate.max_regression.items():
        if not references and metric not in challenger and metric not in directions:
            checks.append(unknown_metric_check(metric, "regression", allowance, challenger))
        for reference in references:
            comparison = None
            if challenger_outcomes is not None and reference.outcomes is not None and metric in directions:
                comparison = paired.compare_outcomes(
                    challenger_outcomes,
                    reference.outcomes,
                    metric,
                    directions[metric],
                    evals_dir,
                    significance.confidence,
                    significance.bootstrap_iters,
                    seed,
                )
            checks.append(
                check_regression(
                    metric,
                    allowance,
                    directions.get(metric),
                    challenger,
                    reference,
                    comparison,
                    significance.detectable_for(metric),
                )
            )
    return checks


def reasons(checks: Iterable[Check]) -> list[str]:
    """One line per check, failed ones first, then inconclusive ones (otherwise in params order)."""
    return [c.line() for c in sorted(checks, key=severity)]


def champion_metrics(client: Any, version: Any, metrics: Iterable[str]) -> dict[str, float]:
    """The champion's values of ``metrics``: from its ``sftops.eval.*`` tags, else from its run's metrics."""
    values: dict[str, float] = {}
    missing: list[str] = []
    for metric in metrics:
        raw = version.tags.get(f"{tags.EVAL_PREFIX}{metric}")
        try:
            values[metric] = float(raw)
        except (TypeError, ValueError):
            missing.append(metric)
    if missing and version.run_id:
        run_metrics = client.get_run(version.run_id).data.metrics
        for metric in missing:
            if tags.eval_metric("finetuned", metric) in run_metrics:
                values[metric] = float(run_metrics[tags.eval_metric("finetuned", metric)])
    return values


def build_decision(
    record: Mapping[str, Any],
    alias: str,
    champion_before: int | None,
    checks: list[Check],
    on_inconclusive: str = "keep_champion",
    references: Iterable[str] = (),
) -> dict[str, Any]:
    """``rejected`` when a check fails; ``inconclusive`` (the champion stays) when one cannot be decided and
    ``gate.on_inconclusive`` keeps the champion; else ``promoted``."""
    version = int(record["version"])
    inconclusive = [c.metric for c in checks if c.outcome == "inconclusive"]
    if champion_before == version:
        decision: Decision = "already_champion"
        lines = [f"version {version} already holds @{alias}: nothing to decide (a rerun on the same version)"]
    else:
        if any(c.outcome == "fail" for c in checks):
            decision = "rejected"
        elif inconclusive and on_inconclusive == "keep_champion":
            decision = "inconclusive"
        else:
            decision = "promoted"
        lines = reasons(checks)
    return {
        "model": record["name"],
        "version": version,
        "decision": decision,
        "champion_alias": alias,
        "champion_before": champion_before,
        "champion_after": version if decision == "promoted" else champion_before,
        "references": list(references),
        "on_inconclusive": on_inconclusive,
        "inconclusive": inconclusive,
        "checks": [asdict(c) for c in checks],
        "reasons": lines,
    }


def gate_metrics(decision: Mapping[str, Any]) -> dict[str, int]:
    """metrics/gate.json: promoted is 1 when this version is the champion after the gate."""
    return {
        "promoted": int(decision["champion_after"] == decision["version"]),
        "failed_checks": sum(not c["passed"] for c in decision["checks"]),
        "inconclusive_checks": sum(c.get("outcome") == "inconclusive" for c in decision["checks"]),
    }


def reasons_tag(lines: list[str], limit: int = REASONS_TAG_LIMIT) -> str:
    """The reasons as a JSON list that fits ``limit`` characters: each line capped, then whole lines dropped
    from the end (failed ones come first, so passed ones go first) with a last entry saying how many."""
    capped = [line if len(line) <= REASON_LIMIT else line[: REASON_LIMIT - 1] + "…" for line in lines]
    for keep in range(len(capped), -1, -1):
        kept = capped[:keep] + (
            [f"… {len(capped) - keep} more in outputs/gate/decision.json"] if keep < len(capped) else []
        )
        text = json.dumps(kept, ensure_ascii=False)
        if len(text) <= limit:
            return text
    return "[]"


def description_with_gate(existing: str | None, decision: Mapping[str, Any], limit: int = DESCRIPTION_LIMIT) -> str:
    """The version's description with the gate section appended, replacing the section an earlier run of the
    gate on the same version wrote, and cut to ``limit`` characters by dropping table rows."""
    kept = (existing or "").split(GATE_SECTION)[0].rstrip()
    rows = len(decision["checks"])
    while True:
        section = f"{GATE_SECTION}\n\n{render_markdown(decision, max_rows=rows)}"
        text = f"{kept}\n\n{section}" if kept else section
        if len(text) <= limit or rows == 0:
            return text[:limit]
        rows -= 1


# --- I/O ---------------------------------------------------------------------------------------------------


def current_champion(client: Any, name: str, alias: str) -> Any | None:
    """The model version holding ``alias``, or None when no version holds it yet."""
    aliases = client.get_registered_model(name).aliases
    if alias not in aliases:
        return None
    return client.get_model_version(name, str(aliases[alias]))


class ChampionMoved(RuntimeError):
    """Another pipeline moved the champion alias between our read and our write (a shared registry server)."""


def record_in_registry(client: Any, decision: Mapping[str, Any], run_id: str) -> None:
    """Tags and description on the version, the same tags on the pipeline run, then (if promoted) the alias:
    the alias moves last, so that a failure half-way leaves the champion where it was and a rerun decides again."""
    name, version = decision["model"], str(decision["version"])
    before = decision["champion_before"]
    gate_tags = {
        tags.GATE_DECISION: decision["decision"],
        tags.GATE_REASONS: reasons_tag(decision["reasons"]),
        tags.GATE_CHAMPION_BEFORE: "none" if before is None else str(before),
        tags.GATE_INCONCLUSIVE: json.dumps(decision.get("inconclusive", [])),
    }
    if decision["decision"] != "already_champion":  # keep the tags and table of the run that promoted it
        for key, value in gate_tags.items():
            client.set_model_version_tag(name, version, key, value)
        existing = client.get_model_version(name, version).description
        client.update_model_version(name, version, description=description_with_gate(existing, decision))
    for key, value in gate_tags.items():
        client.set_tag(run_id, key, value)
    for key, value in gate_metrics(decision).items():
        client.log_metric(run_id, f"{tags.GATE_METRIC_PREFIX}{key}", value)
    if decision["decision"] == "promoted":
        now = current_champion(client, name, decision["champion_alias"])
        if (int(now.version) if now is not None else None) != before:
            raise ChampionMoved(f"@{decision['champion_alias']} moved while the gate decided; deciding again")
        client.set_registered_model_alias(name, decision["champion_alias"], version)


def _log_decision(decision: Mapping[str, Any]) -> None:
    for line in decision["reasons"]:
        (log.warning if line.startswith(("FAIL", "INCONCLUSIVE")) else log.info)("gate: %s", line)
    summary = plain_summary(decision)
    (log.warning if decision["decision"] in ("rejected", "inconclusive") else log.info)("gate: %s", summary)


@dataclass(frozen=True)
class GateInputs:
    """What this run measured: the challenger's metrics and per-item outcomes, and the base model's (same run)."""

    challenger: Mapping[str, float]
    directions: Mapping[str, bool]
    outcomes: paired.ItemOutcomes | None
    base: Reference | None
    evals_dir: Path
    seed: int


def champion_outcomes(client: Any, version: Any) -> paired.ItemOutcomes | None:
    """The champion's per-item outcomes (the item_outcomes.json artifact of its run), or None for a version
    registered before sftops stored them (its checks fall back to point estimates, with a note)."""
    import tempfile

    if not version.run_id:
        return None
    with tempfile.TemporaryDirectory() as tmp:
        try:
            local = client.download_artifacts(version.run_id, paired.ITEM_OUTCOMES_ARTIFACT, tmp)
        except Exception as e:  # MLflow raises its own and OSError types for a missing artifact
            if tracking.is_transient(e):
                raise
            log.info("champion version %s has no %s (%s)", version.version, paired.ITEM_OUTCOMES_ARTIFACT, e)
            return None
        return paired.outcomes_of(read_json(Path(local)), "finetuned", f"champion version {version.version}")


def decide_and_record(
    gate: GateParams, significance: SignificanceParams, record: Mapping[str, Any], inputs: GateInputs
) -> dict[str, Any]:
    """Read the champion, run the checks, record the decision in the registry. Safe to repeat after a failure
    half-way: the alias moves last and the description's gate section is replaced, not added again."""
    from mlflow import MlflowClient

    client = MlflowClient()
    for attempt in range(MAX_DECISIONS):
        with tracking.registry_lock():
            champion = current_champion(client, record["name"], gate.champion_alias)
            champion_before = int(champion.version) if champion is not None else None
            checks: list[Check] = []
            references: list[Reference] = []
            if champion_before != int(record["version"]):
                reference = None
                if champion is not None:
                    reference = Reference(
                        "champion",
                        f"champion (version {champion_before})",
                        champion_metrics(client, champion, gate.max_regression),
                        champion_outcomes(client, champion),
                        champion_before,
                    )
                references = references_to_compare(gate, reference, inputs.base)
                checks = run_checks(
                    gate,
                    significance,
                    inputs.challenger,
                    inputs.directions,
                    references,
                    inputs.outcomes,
                    inputs.evals_dir,
                    inputs.seed,
                )
            decision = build_decision(
                record,
                gate.champion_alias,
                champion_before,
                checks,
                gate.on_inconclusive,
                [r.label for r in references],
            )
            try:
                record_in_registry(client, decision, record["run_id"])
            except ChampionMoved as e:
                if attempt == MAX_DECISIONS - 1:
                    raise SftopsError(f"{e}, {MAX_DECISIONS} times: is another pipeline gating in a loop?") from e
                log.warning("gate: %s", e)
                continue
            return decision
    raise AssertionError("unreachable")  # pragma: no cover - the loop returns or raises


def read_inputs(params: Params, paths: ProjectPaths) -> GateInputs:
    """The evaluate stage's outputs: metrics, directions and (where evaluate wrote them) per-item outcomes."""
    metrics = read_json(paths.metrics("eval"))
    outcomes_path = paths.item_outcomes
    outcomes: dict[str, paired.ItemOutcomes | None] = {"base": None, "finetuned": None}
    if outcomes_path.is_file():
        data = read_json(outcomes_path)
        outcomes = {model: paired.outcomes_of(data, model, str(outcomes_path)) for model in outcomes}
    base = None
    if metrics.get("base"):
        base = Reference("base", "base model", metrics["base"], outcomes["base"])
    return GateInputs(
        metrics.get("finetuned", {}),
        read_json(paths.higher_is_better),
        outcomes["finetuned"],
        base,
        paths.evals,
        params.seed,
    )


def run(params: Params, paths: ProjectPaths) -> dict[str, Any]:
    record = read_json(paths.model_version)
    inputs = read_inputs(params, paths)
    tracking.configure(paths)
    # the registry's retry settings are register's: the same store, reached the same way
    policy = tracking.RetryPolicy(params.register_.retries, params.register_.retry_delay_s)
    what = f"promotion gate for {record['name']} version {record['version']}"
    try:
        with tracking.http_retries_limited():
            decision = tracking.call_with_retries(
                lambda: decide_and_record(params.gate, params.eval.significance, record, inputs), policy, what
            )
    except tracking.StoreUnavailable as e:
        raise SftopsError(
            f"{e}. No decision was made; rerun `dvc repro --single-item gate` once the registry is back"
        ) from e
    write_json(paths.gate_decision, decision)
    paths.gate_markdown.write_text(render_markdown(decision), encoding="utf-8")
    write_json(paths.metrics("gate"), gate_metrics(decision))
    _log_decision(decision)
    return decision


if __name__ == "__main__":
    stage_main("gate", run)
