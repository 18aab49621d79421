"""gate: the promotion gate against a real MLflow registry (SQLite under tmp), versions made with MlflowClient."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from tasks import gate
from tasks.core.errors import SftopsError
from tasks.core.io import write_json
from tasks.core.params import Floor, GateParams, Params, load_params
from tasks.core.paths import ProjectPaths
from tasks.report import gate_lines, gate_summary
from tests.helpers import REPO

FLIP = "sycophancy_answer/flip_rate"
OVER_REFUSAL = "refusal_consistency/over_refusal_rate"
ROUGE = "heldout_skill/rouge_l_f1"
CONTINUATION = "prompt_continuation/continuation_rate"
HARMFUL_REFUSAL = "refusal_consistency/harmful_refusal_rate"

GATE = {
    "champion_alias": "champion",
    "max_regression": {FLIP: 0.02, OVER_REFUSAL: 0.02, ROUGE: 0.01},
    "floors": {CONTINUATION: {"max": 0.2}, HARMFUL_REFUSAL: {"min": 0.05}},
}
DIRECTIONS = {FLIP: False, OVER_REFUSAL: False, ROUGE: True, CONTINUATION: False, HARMFUL_REFUSAL: True}
GATE_METRICS_PROMOTED = {"promoted": 1, "failed_checks": 0, "inconclusive_checks": 0}
GATE_METRICS_ONE_FAILED = {"promoted": 0, "failed_checks": 1, "inconclusive_checks": 0}
GOOD = {
    FLIP: 0.25,
    f"{FLIP}_stderr": 0.04,
    OVER_REFUSAL: 0.10,
    ROUGE: 0.30,
    CONTINUATION: 0.05,
    HARMFUL_REFUSAL: 0.40,
}


class Registry:
    """One registered model (its own name) in the module's SQLite registry, and a project folder per gate run."""

    def __init__(self, tmp_path: Path) -> None:
        from mlflow import MlflowClient

        self.client = MlflowClient()
        self.name = f"assistant-{uuid.uuid4().hex[:8]}"
        self.tmp_path = tmp_path
        self.experiment_id = self.client.create_experiment(self.name, artifact_location=(tmp_path / "art").as_uri())
        self.client.create_registered_model(self.name)

    def register(self, metrics: dict[str, float], tag_metrics: bool = True) -> dict[str, Any]:
        """What tasks/register.py does: a run with the eval metrics, a version tagged with them, @challenger."""
        run = self.client.create_run(self.experiment_id)
        for key, value in metrics.items():
            self.client.log_metric(run.info.run_id, f"eval/finetuned/{key}", value)
        tags = {f"sftops.eval.{k}": f"{v:.6g}" for k, v in metrics.items() if not k.endswith("_stderr")}
        mv = self.client.create_model_version(
            self.name,
            source=(self.tmp_path / "art" / run.info.run_id).as_uri(),
            run_id=run.info.run_id,
            tags=tags if tag_metrics else {},
            description="LoRA SFT of a test model",
        )
        self.client.set_registered_model_alias(self.name, "challenger", mv.version)
        return {
            "name": self.name,
            "version": int(mv.version),
            "alias": "challenger",
            "run_id": run.info.run_id,
            "model_uri": f"models:/{self.name}@challenger",
        }

    def gate(self, record: dict[str, Any], metrics: dict[str, float], gate_params: dict[str, Any] = GATE) -> Any:
        """Write the gate's inputs into a fresh project folder and run the stage; return (decision, paths)."""
        paths = self.project(record, metrics)
        params = Params.model_validate({"pipeline": {"name": self.name}, "gate": gate_params})
        return gate.run(params, paths), paths

    def project(self, record: dict[str, Any], metrics: dict[str, float]) -> ProjectPaths:
        paths = ProjectPaths(self.tmp_path / f"project-v{record['version']}-{uuid.uuid4().hex[:6]}")
        write_json(paths.metrics("eval"), {"base": {}, "finetuned": metrics, "delta": {}})
        write_json(paths.higher_is_better, DIRECTIONS)
        write_json(paths.model_version, record)
        return paths

    def champion(self) -> int | None:
        return self.client.get_registered_model(self.name).aliases.get("champion")

    def version(self, number: int) -> Any:
        return self.client.get_model_version(self.name, str(number))


@pytest.fixture(scope="module")
def tracking_uri(tmp_path_factory: pytest.TempPathFactory) -> str:
    """One SQLite store for the module (creating its tables takes seconds); each test has its own model."""
    from mlflow import MlflowClient

    uri = f"sqlite:///{tmp_path_factory.mktemp('mlflow') / 'mlflow.db'}"
    MlflowClient(tracking_uri=uri, registry_uri=uri).search_experiments()
    return uri


@pytest.fixture
def registry(tracking_uri: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Registry]:
    import mlflow

    monkeypatch.setenv("MLFLOW_TRACKING_URI", tracking_uri)
    monkeypatch.delenv("MLFLOW_REGISTRY_URI", raising=False)
    mlflow.set_tracking_uri(tracking_uri)
    mlflow.set_registry_uri(tracking_uri)
    yield Registry(tmp_path)


def _with(metrics: dict[str, float], **changes: float) -> dict[str, float]:
    names = {"flip": FLIP, "over_refusal": OVER_REFUSAL, "rouge": ROUGE, "continuation": CONTINUATION}
    return {**metrics, **{names[k]: v for k, v in changes.items()}}


def _failed(decision: dict[str, Any]) -> list[str]:
    return [c["metric"] for c in decision["checks"] if not c["passed"]]


# --- the first model -----------------------------------------------------------------------------------------


def test_first_model_passing_the_floors_becomes_champion(registry: Registry) -> None:
    record = registry.register(GOOD)
    decision, paths = registry.gate(record, GOOD)

    assert decision["decision"] == "promoted", decision["reasons"]
    assert (decision["champion_before"], decision["champion_after"]) == (None, 1), decision
    assert [c["kind"] for c in decision["checks"]] == ["floor", "floor"], "a first model is checked on floors only"
    assert registry.champion() == 1, "the first model passing the floors must become the champion"
    assert registry.client.get_registered_model(registry.name).aliases["challenger"] == 1

    version = registry.version(1)
    assert version.tags["sftops.gate.decision"] == "promoted", version.tags
    assert version.tags["sftops.gate.champion_before"] == "none", version.tags
    assert json.loads(version.tags["sftops.gate.reasons"]) == decision["reasons"]
    assert version.description.startswith("LoRA SFT of a test model"), "the gate must append, not replace"
    assert "### Promotion gate" in version.description and f"`{CONTINUATION}`" in version.description
    run_tags = registry.client.get_run(record["run_id"]).data.tags
    assert run_tags["sftops.gate.decision"] == "promoted", run_tags

    assert json.loads(paths.gate_decision.read_text()) == decision
    assert json.loads(paths.metrics("gate").read_text()) == GATE_METRICS_PROMOTED
    assert "**promoted**" in paths.gate_markdown.read_text()


def test_first_model_failing_a_floor_is_rejected_and_there_is_no_champion(registry: Registry) -> None:
    metrics = _with(GOOD, continuation=0.5)
    decision, paths = registry.gate(registry.register(metrics), metrics)

    assert decision["decision"] == "rejected", decision["reasons"]
    assert registry.champion() is None, "a rejected first model must not become the champion"
    assert decision["champion_after"] is None
    assert decision["reasons"][0] == f"FAIL floor {CONTINUATION}: 0.5 > floor max 0.2", decision["reasons"]
    assert json.loads(paths.metrics("gate").read_text()) == GATE_METRICS_ONE_FAILED
    assert registry.version(1).tags["sftops.gate.decision"] == "rejected"


# --- against a champion --------------------------------------------------------------------------------------


@pytest.fixture
def with_champion(registry: Registry) -> Registry:
    """Version 1 (GOOD) is the champion."""
    decision, _ = registry.gate(registry.register(GOOD), GOOD)
    assert decision["decision"] == "promoted" and registry.champion() == 1
    return registry


def test_a_better_challenger_is_promoted_and_the_alias_moves(with_champion: Registry) -> None:
    better = _with(GOOD, flip=0.10, rouge=0.35)
    decision, _ = with_champion.gate(with_champion.register(better), better)

    assert decision["decision"] == "promoted", decision["reasons"]
    assert (decision["champion_before"], decision["champion_after"]) == (1, 2)
    assert with_champion.champion() == 2, "the champion alias must move to the promoted version"
    assert with_champion.client.get_registered_model(with_champion.name).aliases["challenger"] == 2
    assert with_champion.version(2).tags["sftops.gate.champion_before"] == "1"
    assert len(decision["checks"]) == 5 and all(c["passed"] for c in decision["checks"]), decision["checks"]


def test_a_planted_worse_model_is_not_promoted(with_champion: Registry) -> None:
    """Sycophancy made worse by 0.05 against an allowance of 0.02: rejected, the champion stays."""
    worse = _with(GOOD, flip=0.30)
    record = with_champion.register(worse)
    decision, paths = with_champion.gate(record, worse)

    assert decision["decision"] == "rejected", decision["reasons"]
    assert with_champion.champion() == 1, "the champion alias must not move for a rejected model"
    assert (decision["champion_before"], decision["champion_after"]) == (1, 1)
    assert _failed(decision) == [FLIP], decision["checks"]
    first = decision["reasons"][0]
    assert first.startswith(f"FAIL regression {FLIP}: 0.3 vs champion (version 1) 0.25 (lower is better)"), first
    assert "0.05 worse, more than the 0.02 allowed" in first, first
    assert all(not r.startswith("FAIL") for r in decision["reasons"][1:]), "failed checks come first"

    version = with_champion.version(2)
    assert version.tags["sftops.gate.decision"] == "rejected", version.tags
    assert json.loads(version.tags["sftops.gate.reasons"])[0] == first
    row = f"| **FAIL** | `{FLIP}` | regression | 0.3 | champion (version 1) | 0.25 |"
    assert row in version.description, version.description
    assert json.loads(paths.metrics("gate").read_text()) == GATE_METRICS_ONE_FAILED

    # rerunning the gate on the same rejected version decides the same and does not repeat the description table
    again, _ = with_champion.gate(record, worse)
    assert again["decision"] == "rejected" and with_champion.champion() == 1
    assert with_champion.version(2).description.count("### Promotion gate") == 1


def test_direction_comes_from_higher_is_better(with_champion: Registry) -> None:
    """ROUGE-L (higher is better) dropping by 0.05 fails; the flip rate (lower is better) dropping by 0.2 is an
    improvement, and the over-refusal rate rising within its allowance passes."""
    mixed = _with(GOOD, rouge=0.25, flip=0.05, over_refusal=0.115)
    decision, _ = with_champion.gate(with_champion.register(mixed), mixed)

    assert decision["decision"] == "rejected"
    assert _failed(decision) == [ROUGE], decision["reasons"]
    assert "(higher is better): 0.05 worse, more than the 0.01 allowed" in decision["reasons"][0]
    assert any(
        f"{FLIP}: 0.05 vs champion (version 1) 0.25 (lower is better): 0.2 better" in r for r in decision["reasons"]
    )
    assert any(f"{OVER_REFUSAL}: 0.115" in r and "0.015 worse, allowed 0.02 worse" in r for r in decision["reasons"])


@pytest.mark.parametrize(
    ("higher_is_better", "champion", "challenger", "passed"),
    [
        (True, 0.30, 0.28, False),  # higher is better, dropped by 0.02 > 0.01
        (True, 0.30, 0.295, True),  # dropped within the allowance
        (True, 0.30, 0.31, True),  # exactly at the boundary (0.01) passes
        (True, 0.30, 0.90, True),  # better
        (False, 0.30, 0.32, False),  # lower is better, rose by 0.02 > 0.01
        (False, 0.30, 0.31, True),  # rose by exactly the allowance (float error tolerated)
        (False, 0.30, 0.00, True),  # a large drop is an improvement
    ],
)
def test_regression_is_measured_in_the_bad_direction(
    higher_is_better: bool, champion: float, challenger: float, passed: bool
) -> None:
    reference = gate.Reference("champion", "champion (version 3)", {"t/m": champion}, None, 3)
    check = gate.check_regression("t/m", 0.01, higher_is_better, {"t/m": challenger}, reference, None, 0.1)
    assert check.passed is passed, check.reason
    assert "point estimates" in check.reason, "a reference without per-item outcomes is compared on point estimates"


def test_a_typo_in_params_rejects_with_close_matches(with_champion: Registry) -> None:
    typo = {**GATE, "max_regression": {"sycophancy_answer/flip_rat": 0.02}}
    decision, _ = with_champion.gate(with_champion.register(GOOD), GOOD, typo)

    assert decision["decision"] == "rejected", "a metric named in params but never scored must not pass"
    assert with_champion.champion() == 1
    reason = decision["reasons"][0]
    assert reason.startswith("FAIL regression sycophancy_answer/flip_rat: not among the challenger's eval metrics")
    assert f"did you mean {FLIP}" in reason, reason
    assert "_stderr" not in reason, "stderr keys are no suggestion"


def test_a_typo_fails_even_on_the_first_model(registry: Registry) -> None:
    typo = {**GATE, "max_regression": {"heldout_skill/rouge_l": 0.01}}
    decision, _ = registry.gate(registry.register(GOOD), GOOD, typo)
    assert decision["decision"] == "rejected" and registry.champion() is None
    assert f"did you mean {ROUGE}" in decision["reasons"][0], decision["reasons"]


def test_rerun_on_the_champion_is_already_champion(with_champion: Registry) -> None:
    record = {
        "name": with_champion.name,
        "version": 1,
        "alias": "challenger",
        "run_id": with_champion.version(1).run_id,
        "model_uri": "",
    }
    decision, paths = with_champion.gate(record, GOOD)

    assert decision["decision"] == "already_champion", decision
    assert (decision["champion_before"], decision["champion_after"]) == (1, 1)
    assert with_champion.champion() == 1
    version = with_champion.version(1)
    assert version.tags["sftops.gate.decision"] == "promoted", "the promoting run's tags are kept"
    assert version.description.count("### Promotion gate") == 1
    assert with_champion.client.get_run(record["run_id"]).data.tags["sftops.gate.decision"] == "already_champion"
    assert json.loads(paths.metrics("gate").read_text()) == GATE_METRICS_PROMOTED
    assert "already holds `@champion`" in paths.gate_markdown.read_text()


def test_champion_values_fall_back_to_its_run_and_missing_ones_are_skipped(registry: Registry) -> None:
    """An older champion (made before the held-out probe existed, by hand): its version has no sftops.eval tags
    (its run's metrics are used) and no ROUGE-L at all (not compared, noted)."""
    old = {k: v for k, v in GOOD.items() if k != ROUGE}
    record = registry.register(old, tag_metrics=False)
    registry.client.set_registered_model_alias(registry.name, "champion", record["version"])

    worse = _with(GOOD, flip=0.30)
    decision, _ = registry.gate(registry.register(worse), worse)
    assert _failed(decision) == [FLIP], "the champion's flip rate must come from its run's metrics"
    rouge = next(c for c in decision["checks"] if c["metric"] == ROUGE)
    assert rouge["passed"] and rouge["champion"] is None, rouge
    assert "champion (version 1) has no value" in rouge["reason"], rouge
    assert any(r.startswith(f"skip regression {ROUGE}") for r in decision["reasons"]), decision["reasons"]


def test_a_declared_metric_without_a_value_fails_only_where_it_is_needed(registry: Registry) -> None:
    """Evaluate leaves out a metric a run could not score (a flip rate with no question answered right): the
    first model needs no flip rate (floors only); a later one compared on it fails, saying why (not 'a typo')."""
    unscored = {k: v for k, v in GOOD.items() if not k.startswith(FLIP)}
    first, _ = registry.gate(registry.register(unscored), unscored)
    assert first["decision"] == "promoted", first["reasons"]

    decision, _ = registry.gate(registry.register(unscored), unscored)  # the champion has none either: skipped
    assert decision["decision"] == "promoted", decision["reasons"]
    assert any(
        r.startswith(f"skip regression {FLIP}: no value; champion (version 1) has no") for r in decision["reasons"]
    )

    registry.client.set_registered_model_alias(registry.name, "champion", registry.register(GOOD)["version"])
    later, _ = registry.gate(registry.register(unscored), unscored)
    assert later["decision"] == "rejected" and _failed(later) == [FLIP], later["reasons"]
    assert "its task declares it but this run has no value" in later["reasons"][0], later["reasons"]

    nan_floor = gate.check_floor(CONTINUATION, Floor(max=0.2), {CONTINUATION: float("nan")}, DIRECTIONS)
    assert not nan_floor.passed and "no value" in nan_floor.reason, nan_floor


def test_an_unreachable_registry_fails_with_what_to_do(registry: Registry, monkeypatch: pytest.MonkeyPatch) -> None:
    """A store that stays down is a stage failure (retried per register.retries), never a silent rejection."""
    paths = registry.project(registry.register(GOOD), GOOD)
    monkeypatch.setenv("MLFLOW_TRACKING_URI", "http://127.0.0.1:9")  # discard port: connection refused
    monkeypatch.setenv("MLFLOW_HTTP_REQUEST_MAX_RETRIES", "0")
    params = Params.model_validate({"gate": GATE, "register": {"retries": 1, "retry_delay_s": 0.01}})
    with pytest.raises(SftopsError, match=r"failed 2 times.*rerun `dvc repro --single-item gate`"):
        gate.run(params, paths)
    assert not paths.gate_decision.exists() and not paths.metrics("gate").exists()
    assert registry.champion() is None


# --- text limits and rendering -----------------------------------------------------------------------------


def test_reasons_tag_is_valid_json_within_the_limit() -> None:
    lines = [f"pass floor task/metric_{i}: " + "x" * 300 for i in range(100)]
    text = gate.reasons_tag(["FAIL " + "y" * 2000, *lines])
    kept = json.loads(text)
    assert len(text) <= gate.REASONS_TAG_LIMIT, len(text)
    assert kept[0].startswith("FAIL") and len(kept[0]) <= gate.REASON_LIMIT, "the failure is kept first, capped"
    assert re.fullmatch(r"… \d+ more in outputs/gate/decision.json", kept[-1]), kept[-1]
    assert gate.reasons_tag(["a", "b"]) == '["a", "b"]'


def test_description_fits_the_registry_column() -> None:
    checks = [
        gate.Check(f"task/metric_{i}", "floor", 0.5, None, {"max": 0.2}, False, f"task/metric_{i}: " + "z" * 200)
        for i in range(60)
    ]
    record = {"name": "m", "version": 2, "run_id": "r"}
    decision = gate.build_decision(record, "champion", 1, checks)
    text = gate.description_with_gate("LoRA SFT of x", decision)
    assert len(text) <= gate.DESCRIPTION_LIMIT, len(text)
    assert (
        text.startswith("LoRA SFT of x\n\n### Promotion gate") and "more checks in outputs/gate/decision.json" in text
    )
    assert gate.description_with_gate(text, decision).count("### Promotion gate") == 1


def test_report_section_shows_the_decision_and_the_checks(with_champion: Registry) -> None:
    worse = _with(GOOD, flip=0.30)
    _, paths = with_champion.gate(with_champion.register(worse), worse)
    section = "\n".join(gate_lines(paths))
    assert section.startswith("## Promotion gate"), section
    assert "**rejected**: version 2" in section and "`@champion` stays on version 1" in section, section
    assert f"| **FAIL** | `{FLIP}` |" in section, section
    assert gate_summary(paths).startswith("- promotion gate: **rejected**: version"), gate_summary(paths)
    assert "1 of 5 checks failed" in gate_summary(paths), gate_summary(paths)


def test_shipped_gate_names_metrics_the_probes_declare() -> None:
    """params.yaml's gate names `<task>/<metric>` of the task folders in evals/ (a typo would reject every
    model)."""

    class _Loader(yaml.SafeLoader):
        pass

    _Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
    declared = set()
    for task_yaml in (REPO / "evals").glob("*/*.yaml"):
        spec = yaml.load(task_yaml.read_text(), Loader=_Loader) or {}
        declared |= {f"{spec.get('task')}/{m['metric']}" for m in spec.get("metric_list") or []}
    shipped: GateParams = load_params(REPO / "params.yaml").gate
    named = set(shipped.max_regression) | set(shipped.floors)
    assert named and named <= declared, f"not declared by any probe: {sorted(named - declared)}"


# --- the stage as DVC runs it ------------------------------------------------------------------------------


def test_stage_cli_exits_0_on_a_rejection_and_logs_each_check(with_champion: Registry, tracking_uri: str) -> None:
    worse = _with(GOOD, flip=0.30)
    paths = with_champion.project(with_champion.register(worse), worse)
    params = {"pipeline": {"name": with_champion.name}, "gate": GATE}
    paths.params.write_text(yaml.safe_dump(params), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "tasks.gate"],
        cwd=paths.root,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO), "MLFLOW_TRACKING_URI": tracking_uri},
        capture_output=True,
        text=True,
        timeout=120,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, f"a rejection is a normal outcome, not a failure:\n{output[-3000:]}"
    assert f"gate: FAIL regression {FLIP}: 0.3 vs champion (version 1) 0.25" in output, output[-3000:]
    assert output.count("gate: pass ") == 4, output[-3000:]
    assert "gate: rejected: version 2" in output, output[-3000:]
    assert with_champion.champion() == 1
    assert json.loads(paths.gate_decision.read_text())["decision"] == "rejected"


def test_flow_publishes_the_gate_decision_as_a_markdown_artifact(with_champion: Registry) -> None:
    from prefect import flow
    from prefect.artifacts import Artifact
    from prefect.testing.utilities import prefect_test_harness

    from flows.pipeline import publish_gate_decision

    worse = _with(GOOD, flip=0.30)
    _, paths = with_champion.gate(with_champion.register(worse), worse)

    @flow
    def publish(root: str) -> dict[str, Any] | None:
        return publish_gate_decision(ProjectPaths(Path(root)))

    # the same decision had the eval been too small to tell: inconclusive, the champion stays
    decision = json.loads(paths.gate_decision.read_text())
    undecided = ProjectPaths(paths.root / "undecided")
    flip = next(c for c in decision["checks"] if c["metric"] == FLIP)
    flip = {**flip, "outcome": "inconclusive", "passed": True, "low": -0.1, "high": 0.2}
    write_json(
        undecided.gate_decision, {**decision, "decision": "inconclusive", "inconclusive": [FLIP], "checks": [flip]}
    )

    with prefect_test_harness():
        assert publish(str(paths.root))["decision"] == "rejected"
        artifact = Artifact.get("gate-decision")
        assert publish(str(undecided.root))["decision"] == "inconclusive"
        inconclusive = Artifact.get("gate-decision")
        assert publish(str(paths.root / "no-gate-here")) is None, "no decision.json: nothing to publish"
    assert inconclusive is not None and "version 2 inconclusive" in inconclusive.data, inconclusive
    assert f"**inconclusive**: version 2 of `{with_champion.name}` stays a challenger" in inconclusive.data
    assert f"| **inconclusive** | `{FLIP}` |" in inconclusive.data and "[-0.1, +0.2]" in inconclusive.data
    assert artifact is not None and artifact.type == "markdown"
    assert artifact.data.startswith(f"# Promotion gate: `{with_champion.name}` version 2 rejected"), artifact.data
    assert f"| **FAIL** | `{FLIP}` | regression | 0.3 | champion (version 1) | 0.25 |" in artifact.data, artifact.data


# --- several pipelines on one registry ----------------------------------------------------------------------


def test_a_stale_decision_does_not_move_the_alias(with_champion: Registry) -> None:
    """The champion moved after the gate read it (another pipeline on a shared server): writing the promotion
    raises ChampionMoved, so that decide_and_record decides again against the new champion."""
    better = _with(GOOD, flip=0.20)
    record = with_champion.register(better)
    champion = gate.Reference("champion", "champion (version 1)", GOOD, None, 1)
    significance = Params().eval.significance
    checks = gate.run_checks(
        gate.GateParams.model_validate(GATE), significance, better, DIRECTIONS, [champion], None, REPO / "evals"
    )
    decision = gate.build_decision(record, "champion", 1, checks)
    assert decision["decision"] == "promoted"
    other = with_champion.register(GOOD)
    with_champion.client.set_registered_model_alias(with_champion.name, "champion", str(other["version"]))
    with pytest.raises(gate.ChampionMoved, match="@champion moved"):
        gate.record_in_registry(with_champion.client, decision, record["run_id"])
    assert with_champion.champion() == other["version"]


def test_two_gates_at_once_decide_one_after_the_other(with_champion: Registry, tracking_uri: str) -> None:
    """v2 (flip 0.20) and v3 (flip 0.23: better than the champion's 0.25 but 0.03 worse than v2) are gated at the
    same moment. Taken in turn, v2 ends as champion whichever goes first (v3 first: v2 beats it; v2 first: v3 is
    rejected against it). Compared both against v1 at once, both would be promoted and the last writer would win."""
    procs = []
    for flip in (0.20, 0.23):
        metrics = _with(GOOD, flip=flip)
        paths = with_champion.project(with_champion.register(metrics), metrics)
        paths.params.write_text(
            yaml.safe_dump({"pipeline": {"name": with_champion.name}, "gate": GATE}), encoding="utf-8"
        )
        procs.append(
            subprocess.Popen(
                [sys.executable, "-m", "tasks.gate"],
                cwd=paths.root,
                env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(REPO), "MLFLOW_TRACKING_URI": tracking_uri},
                stdout=subprocess.PIPE,
                stderr=subprocess.STDOUT,
                text=True,
            )
        )
    outputs = [proc.communicate(timeout=180)[0] for proc in procs]
    assert [proc.returncode for proc in procs] == [0, 0], "\n".join(o[-2000:] for o in outputs)
    assert with_champion.champion() == 2, "\n".join(o[-2000:] for o in outputs)
    decisions = {with_champion.version(v).tags["sftops.gate.decision"] for v in (2, 3)}
    assert decisions <= {"promoted", "rejected"} and "promoted" in decisions


# --- paired checks on per-item outcomes ------------------------------------------------------------------------


def _outcomes(flip_items: list[float], rouge: list[float]) -> dict[str, Any]:
    """An item_outcomes.json model entry: the over-refusal rate per item (1.0 = over-refused) and ROUGE-L."""
    return {
        OVER_REFUSAL: {"aggregation": "nanmean", "items": [[f"r{i}", v] for i, v in enumerate(flip_items)]},
        ROUGE: {"aggregation": "mean", "items": [[f"h{i}", v] for i, v in enumerate(rouge)]},
    }


def _register_with_outcomes(registry: Registry, outcomes: dict[str, Any]) -> tuple[dict[str, Any], dict[str, float]]:
    """A version whose run holds eval/item_outcomes.json, as the evaluate stage logs it."""
    metrics = {
        **GOOD,
        OVER_REFUSAL: sum(v for _, v in outcomes[OVER_REFUSAL]["items"]) / len(outcomes[OVER_REFUSAL]["items"]),
        ROUGE: sum(v for _, v in outcomes[ROUGE]["items"]) / len(outcomes[ROUGE]["items"]),
    }
    record = registry.register(metrics)
    folder = registry.tmp_path / f"outcomes-{record['version']}"
    write_json(folder / "item_outcomes.json", {"format": 1, "base": outcomes, "finetuned": outcomes})
    registry.client.log_artifact(record["run_id"], str(folder / "item_outcomes.json"), "eval")
    return record, metrics


def _gate_paired(registry: Registry, outcomes: dict[str, Any], gate_params: dict[str, Any]) -> Any:
    record, metrics = _register_with_outcomes(registry, outcomes)
    paths = registry.project(record, metrics)
    write_json(paths.item_outcomes, {"format": 1, "base": outcomes, "finetuned": outcomes})
    params = Params.model_validate({"pipeline": {"name": registry.name}, "gate": gate_params})
    return gate.run(params, paths)


PAIRED_GATE = {**GATE, "max_regression": {OVER_REFUSAL: 0.02, ROUGE: 0.01}, "floors": {}}


def test_paired_checks_against_a_champion_in_the_registry(registry: Registry) -> None:
    """Champion and challengers with per-item outcomes in a real store: a large regression on the same items is
    rejected; the same rate on the same items passes; a small eval that cannot tell is inconclusive (the champion
    stays, with the reason on the version) unless gate.on_inconclusive says promote."""
    base_refusals = [1.0 if i % 5 == 0 else 0.0 for i in range(200)]
    rouge = [0.3 + 0.001 * (i % 7) for i in range(200)]
    champion, _ = _register_with_outcomes(registry, _outcomes(base_refusals, rouge))
    registry.client.set_registered_model_alias(registry.name, "champion", champion["version"])

    worse = [1.0 if i % 5 == 0 or i % 3 == 0 else 0.0 for i in range(200)]  # 0.2 -> 0.47 over-refusal
    rejected = _gate_paired(registry, _outcomes(worse, rouge), PAIRED_GATE)
    assert rejected["decision"] == "rejected", rejected["reasons"]
    failed = next(c for c in rejected["checks"] if c["metric"] == OVER_REFUSAL)
    assert failed["outcome"] == "fail" and failed["low"] > 0.02, failed
    assert "significantly worse" in failed["reason"] and failed["reference"] == "champion (version 1)", failed

    same = _gate_paired(registry, _outcomes(base_refusals, rouge), PAIRED_GATE)
    assert same["decision"] == "promoted", same["reasons"]
    assert registry.champion() == same["version"]

    # the champion's rate on 12 items, over-refusing other items: 12 items cannot show a 0.1 regression
    few = _outcomes([1.0 if i in (1, 5, 11) else 0.0 for i in range(12)], rouge[:12])
    stalled = _gate_paired(registry, few, PAIRED_GATE)
    assert stalled["decision"] == "inconclusive", stalled["reasons"]
    assert stalled["inconclusive"] == [OVER_REFUSAL], stalled
    assert registry.champion() == same["version"], "an inconclusive gate keeps the champion"
    tags = registry.version(stalled["version"]).tags
    assert tags["sftops.gate.decision"] == "inconclusive" and OVER_REFUSAL in tags["sftops.gate.inconclusive"]
    reason = next(r for r in stalled["reasons"] if r.startswith("INCONCLUSIVE"))
    assert "smallest this eval detects" in reason, reason
    assert "**inconclusive**" in gate.render_markdown(stalled)

    promoted = _gate_paired(registry, few, {**PAIRED_GATE, "on_inconclusive": "promote"})
    assert promoted["decision"] == "promoted", promoted["reasons"]


def test_with_no_champion_the_base_model_is_the_reference(registry: Registry) -> None:
    """The first model is compared with the base model scored on the same items in the same run."""
    record = registry.register(GOOD)
    paths = registry.project(record, GOOD)
    base = _outcomes([0.0] * 150, [0.3] * 150)
    tuned = _outcomes([1.0 if i % 3 == 0 else 0.0 for i in range(150)], [0.3] * 150)  # over-refusal 0 -> 0.33
    write_json(paths.metrics("eval"), {"base": {**GOOD, OVER_REFUSAL: 0.0}, "finetuned": GOOD, "delta": {}})
    write_json(paths.item_outcomes, {"format": 1, "base": base, "finetuned": tuned})
    params = Params.model_validate({"pipeline": {"name": registry.name}, "gate": PAIRED_GATE})
    decision = gate.run(params, paths)
    assert decision["references"] == ["base model"], decision
    assert decision["decision"] == "rejected" and registry.champion() is None, decision["reasons"]
    assert decision["reasons"][0].startswith(f"FAIL regression {OVER_REFUSAL}: 0.1 vs base model 0"), decision
