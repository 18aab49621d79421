"""Scheduled retraining (flows/retrain.py) on the tiny model, with real DVC, MLflow and Prefect.

One project copy lives through the module: retrain #1 trains and registers version 1; retrain #2, with nothing
changed, trains and registers nothing; new rows in data/raw make retrain #3 register version 2 and the promotion
gate record its decision with reasons. The change check's rules are also tested on their own, without a run.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from flows.retrain import (
    ARTIFACT_KEY,
    FORCED,
    NO_CHANGE,
    RETRAINED,
    ChangeCheck,
    WorkspaceState,
    compare_lineage,
    newest_version,
    retrain,
    workspace_state,
)
from tasks.core.gate_decision import plain_summary
from tasks.core.overrides import write_overrides
from tasks.core.params import Params, load_params
from tasks.core.paths import ProjectPaths
from tests.helpers import copy_project, run_cmd, tiny_overrides

NEW_ROWS = [
    {"instruction": "Name the largest moon of Saturn.", "output": "Titan is the largest moon of Saturn."},
    {"instruction": "Convert 3 kilometres to metres.", "output": "3 kilometres are 3000 metres."},
    {"instruction": "Give an antonym of 'ancient'.", "output": "An antonym of ancient is modern."},
    {"instruction": "What colour do you get by mixing blue and yellow?", "output": "Mixing them gives green."},
    {"instruction": "Write the plural of 'mouse'.", "output": "The plural of mouse is mice."},
    {"instruction": "How many sides does a hexagon have?", "output": "A hexagon has six sides."},
]


@dataclass
class Snapshot:
    """What a retrain that trains nothing must leave alone."""

    dvc_lock: str
    adapter_mtimes: dict[str, float]
    mlflow_run: str
    versions: int
    runs: int


@dataclass
class History:
    root: Path
    results: list[dict[str, Any]]
    flow_run_ids: list[str]
    before_second: Snapshot
    after_second: Snapshot
    cli_no_change: Any  # CompletedProcess of `sftops retrain` with nothing changed


def _client(root: Path) -> Any:
    from mlflow import MlflowClient

    uri = f"sqlite:///{root / 'mlflow.db'}"
    return MlflowClient(tracking_uri=uri, registry_uri=uri)


def _versions(root: Path, name: str = "sftops-assistant") -> list[Any]:
    return sorted(_client(root).search_model_versions(f"name = '{name}'"), key=lambda v: int(v.version))


def _snapshot(root: Path) -> Snapshot:
    client = _client(root)
    experiments = client.search_experiments()
    runs = client.search_runs([e.experiment_id for e in experiments]) if experiments else []
    return Snapshot(
        dvc_lock=(root / "dvc.lock").read_text(),
        adapter_mtimes={str(p): p.stat().st_mtime for p in sorted((root / "models/adapter").rglob("*"))},
        mlflow_run=(root / "outputs/train/mlflow_run.json").read_text(),
        versions=len(_versions(root)),
        runs=len(runs),
    )


def _run_retrain(root: Path, force: bool = False) -> tuple[dict[str, Any], str]:
    state = retrain(root=str(root), force=force, return_state=True)
    assert state.is_completed(), f"the retrain flow run ended {state.type}: {state.message}"
    return state.result(), str(state.state_details.flow_run_id)


def _append_rows(root: Path) -> None:
    with (root / "data/raw/sft_sample.jsonl").open("a", encoding="utf-8") as f:
        for row in NEW_ROWS:
            f.write(json.dumps(row) + "\n")


@pytest.fixture(scope="module")
def history(tmp_path_factory: pytest.TempPathFactory, tiny_model_dir: Path) -> Iterator[History]:
    from prefect.testing.utilities import prefect_test_harness

    root = copy_project(tmp_path_factory.mktemp("retrain") / "project")
    write_overrides(root / "params.yaml", tiny_overrides(tiny_model_dir))
    with pytest.MonkeyPatch.context() as mp, prefect_test_harness(server_startup_timeout=120):
        for var in ("MLFLOW_TRACKING_URI", "MLFLOW_REGISTRY_URI"):  # the project's own sqlite store
            mp.delenv(var, raising=False)
        first, first_id = _run_retrain(root)
        before = _snapshot(root)
        second, second_id = _run_retrain(root)
        after = _snapshot(root)
        from prefect.settings import PREFECT_API_URL

        cli = run_cmd(["sftops", "retrain"], cwd=root, env={"PREFECT_API_URL": PREFECT_API_URL.value()}, timeout=300)
        _append_rows(root)
        third, third_id = _run_retrain(root)
        yield History(root, [first, second, third], [first_id, second_id, third_id], before, after, cli)


def _artifact(flow_run_id: str) -> str:
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId, ArtifactFilterKey

    with get_client(sync_client=True) as client:
        artifacts = client.read_artifacts(
            artifact_filter=ArtifactFilter(
                key=ArtifactFilterKey(any_=[ARTIFACT_KEY]), flow_run_id=ArtifactFilterFlowRunId(any_=[flow_run_id])
            )
        )
    assert len(artifacts) == 1, f"expected one {ARTIFACT_KEY!r} artifact for flow run {flow_run_id}, got {artifacts}"
    return str(artifacts[0].data)


def test_first_retrain_trains_and_registers_version_1(history: History) -> None:
    first = history.results[0]
    assert first["status"] == RETRAINED, first
    assert first["check"]["version"] is None and first["check"]["changes"] == [
        "no registered version of sftops-assistant"
    ]
    assert first["stages"]["train"] == "ran" and first["stages"]["register"] == "ran", first["stages"]
    assert first["model_version"]["version"] == 1, first["model_version"]


def test_second_retrain_with_nothing_changed_trains_and_registers_nothing(history: History) -> None:
    second = history.results[1]
    assert second["status"] == NO_CHANGE, f"nothing changed, yet the flow retrained: {second}"
    assert "stages" not in second, "the pipeline must not run when nothing changed"
    assert second["summary"].startswith("no change since version 1: data/raw md5 "), second["summary"]
    for compared in ("source data/raw/sft_sample.jsonl", "params sha256", "base model md5", "not retraining"):
        assert compared in second["summary"], f"{compared!r} missing from {second['summary']!r}"
    before, after = history.before_second, history.after_second
    assert after.versions == before.versions == 1, f"versions went from {before.versions} to {after.versions}"
    assert after.runs == before.runs, f"MLflow runs went from {before.runs} to {after.runs}: something trained"
    assert after.dvc_lock == before.dvc_lock, "dvc.lock changed: a stage ran"
    assert after.adapter_mtimes == before.adapter_mtimes, "models/adapter was rewritten: train ran"
    assert after.mlflow_run == before.mlflow_run, "outputs/train/mlflow_run.json changed: train ran"
    artifact = _artifact(history.flow_run_ids[1])
    assert "no change since version 1" in artifact and "data/raw md5" in artifact, artifact


def test_sftops_retrain_says_why_it_did_nothing(history: History) -> None:
    cli = history.cli_no_change
    assert cli.returncode == 0, f"sftops retrain exited {cli.returncode}\n{cli.stdout[-3000:]}\n{cli.stderr[-3000:]}"
    assert "no change since version 1:" in cli.stdout and "not retraining" in cli.stdout, cli.stdout[-2000:]


def test_new_data_registers_version_2_and_the_gate_records_its_decision(history: History) -> None:
    third = history.results[2]
    assert third["status"] == RETRAINED, third
    assert any(c.startswith("data/raw modified since dvc.lock") for c in third["check"]["changes"]), third["check"]
    assert third["stages"]["prepare"] == "ran" and third["stages"]["train"] == "ran", third["stages"]
    versions = _versions(history.root)
    assert [int(v.version) for v in versions] == [1, 2], [v.version for v in versions]
    assert versions[1].tags["sftops.data.raw_md5"] != versions[0].tags["sftops.data.raw_md5"], "lineage not updated"

    decision_file = ProjectPaths(history.root).root / "outputs/gate/decision.json"
    assert decision_file.is_file(), "the promotion gate recorded no decision (outputs/gate/decision.json)"
    decision = json.loads(decision_file.read_text())
    assert decision["version"] == 2 and decision["decision"] in {"promoted", "rejected"}, decision
    assert decision["reasons"] and all(isinstance(r, str) and r for r in decision["reasons"]), decision
    assert third["gate"] == decision, "the flow must return the gate's decision"
    assert f"gate: {plain_summary(decision)}" in third["summary"], third["summary"]
    assert versions[1].tags.get("sftops.gate.decision") == decision["decision"], versions[1].tags
    assert versions[1].tags.get("sftops.gate.reasons"), "the version carries no gate reasons"
    artifact = _artifact(history.flow_run_ids[2])
    assert "version 2 registered" in artifact and decision["decision"] in artifact, artifact


def test_after_the_retrain_nothing_is_left_to_do(history: History) -> None:
    root = history.root
    params = load_params(root / "params.yaml")
    version, tags = newest_version(ProjectPaths(root), params.pipeline.name)
    check = compare_lineage(params, root, params.pipeline.name, version, tags, workspace_state(root))
    assert version == 2 and not check.changed, check.headline()


def test_a_model_param_is_a_change_and_orchestration_params_are_not(history: History) -> None:
    root = history.root
    saved = root / "params.saved.yaml"
    shutil.copy(root / "params.yaml", saved)
    try:
        write_overrides(root / "params.yaml", ["gate.floors={}", "schedule.cron='*/5 * * * *'", "flow.retries=4"])
        assert not _check(root).changed, "gate, schedule and flow params do not change the model"
        write_overrides(root / "params.yaml", ["train.lora.r=8"])
        check = _check(root)
        assert check.changed and "train.lora.r: 4 -> 8" in check.headline(), check.headline()
    finally:
        shutil.move(saved, root / "params.yaml")


def test_a_new_store_is_filled_by_force(history: History, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An up-to-date workspace pointed at a new, empty MLflow store (or a wiped one): a plain retrain can register
    nothing (DVC skips every stage) and says so; `force` trains, registers and gates the model in that store.
    (A new store by URI rather than a deleted mlflow.db: this process's MLflow keeps the old file open.)"""
    root = history.root
    uri = f"sqlite:///{tmp_path / 'new-store' / 'mlflow.db'}"
    (tmp_path / "new-store").mkdir()
    monkeypatch.setenv("MLFLOW_TRACKING_URI", uri)
    plain, _ = _run_retrain(root)
    assert plain["status"] == RETRAINED and plain["check"]["version"] is None, plain
    assert plain["stages"]["train"] == plain["stages"]["register"] == "skipped (up to date)", plain["stages"]

    forced, flow_run_id = _run_retrain(root, force=True)
    assert forced["check"]["changes"][-1] == FORCED, forced["check"]
    for stage in ("train", "evaluate", "register", "gate", "report"):
        assert forced["stages"][stage] == "ran", forced["stages"]
    assert forced["stages"]["prepare"] == "skipped (up to date)", "only train and the stages after it are forced"
    from mlflow import MlflowClient

    versions = MlflowClient(tracking_uri=uri, registry_uri=uri).search_model_versions("name = 'sftops-assistant'")
    assert [int(v.version) for v in versions] == [1], "the new store holds the retrained model as version 1"
    assert forced["gate"]["version"] == 1, forced["gate"]
    assert "--force" in _artifact(flow_run_id), "the artifact says why it ran"
    assert len(_versions(root)) == 2, "the project's own store is left as it was"


def _check(root: Path) -> ChangeCheck:
    params = load_params(root / "params.yaml")
    version, tags = newest_version(ProjectPaths(root), params.pipeline.name)
    return compare_lineage(params, root, params.pipeline.name, version, tags, workspace_state(root))


# The rules alone, on made-up lineage tags (no run needed).

STATE = WorkspaceState(raw_md5="aaa.dir", raw_status=None, base_model_md5="bbb.dir")


def _tags(params: Params, **overrides: str) -> dict[str, str]:
    tags = {
        "sftops.data.raw_md5": "aaa.dir",
        "sftops.data.source": params.data.path,
        "sftops.base_model_md5": "bbb.dir",
        "sftops.params_sha256": params.fingerprint(),
    }
    return {**tags, **overrides}


def test_identical_lineage_is_no_change(tmp_path: Path) -> None:
    params = Params()
    check = compare_lineage(params, tmp_path, "m", 3, _tags(params), STATE)
    assert not check.changed, check
    assert check.headline().startswith("no change since version 3: data/raw md5 aaa.dir"), check.headline()


@pytest.mark.parametrize(
    ("state", "tag_overrides", "expected"),
    [
        (WorkspaceState("aaa.dir", "modified", "bbb.dir"), {}, "data/raw modified since dvc.lock"),
        (STATE, {"sftops.data.raw_md5": "zzz.dir"}, "data/raw md5 aaa.dir (dvc.lock), version 3: zzz.dir"),
        (WorkspaceState(None, None, "bbb.dir"), {}, "dvc.lock has no md5 of data/raw"),
        (STATE, {"sftops.base_model_md5": "ccc.dir"}, "base model md5 bbb.dir, version 3: ccc.dir"),
        (STATE, {"sftops.params_sha256": "f" * 64}, "params sha256"),
        (STATE, {"sftops.data.source": "data/raw/old.jsonl"}, "data source 'data/raw/sft_sample.jsonl'"),
        (STATE, {"sftops.data.raw_md5": ""}, "version 3: none"),
    ],
)
def test_each_difference_is_a_change_and_named(
    tmp_path: Path, state: WorkspaceState, tag_overrides: dict[str, str], expected: str
) -> None:
    params = Params()
    check = compare_lineage(params, tmp_path, "m", 3, _tags(params, **tag_overrides), state)
    assert check.changed and expected in check.headline(), check.headline()


def test_no_registered_version_is_a_change(tmp_path: Path) -> None:
    check = compare_lineage(Params(), tmp_path, "m", None, {}, STATE)
    assert check.changed and check.headline() == "no registered version of m yet: training the first one"


def test_a_hub_dataset_is_compared_by_its_id(tmp_path: Path) -> None:
    params = Params.model_validate({"data": {"path": "tatsu-lab/alpaca"}})
    # data/raw is not what a hub dataset trains on: its hash is not compared
    unrelated_raw = WorkspaceState("other.dir", "modified", "bbb.dir")
    same = compare_lineage(params, tmp_path, "m", 3, _tags(params), unrelated_raw)
    assert not same.changed and "hub dataset: compared by id" in same.headline(), same.headline()
    other = compare_lineage(params, tmp_path, "m", 3, _tags(params, **{"sftops.data.source": "org/other"}), STATE)
    assert other.changed and "data source 'tatsu-lab/alpaca', version 3: 'org/other'" in other.headline()
