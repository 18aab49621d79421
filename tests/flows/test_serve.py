"""The retrain deployment against a real Prefect server: `sftops serve` (flow.serve with the params' cron), and
prefect.yaml deployed to a process work pool and run by a worker.

The server is a `prefect server start` subprocess on a free port with its own PREFECT_HOME. The project copy
has version 1 registered with the lineage of its current data and params (prepare ran under DVC; the version is
created in MLflow with the tags register writes), so a triggered retrain stops early at "no change": fast,
and proof that the deployment ran the real flow on the real project.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from flows.retrain import ARTIFACT_KEY, FLOW_NAME
from tasks.core.dvc import data_lineage_tags, out_hash
from tasks.core.overrides import write_overrides
from tasks.core.params import load_params
from tests.helpers import BIN, REPO, copy_project, run_cmd, tiny_overrides

SERVED_DEPLOYMENT = "retrain-served-by-test"  # not the default: proves that `sftops serve` reads params
SERVED_CRON = "17 4 * * 2"
STARTUP_TIMEOUT_S = 180
RUN_TIMEOUT_S = 300


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _tail(path: Path, chars: int = 4000) -> str:
    return path.read_text(errors="replace")[-chars:] if path.is_file() else "(no log)"


def _wait_for(ready: Callable[[], Any], what: str, proc: subprocess.Popen[bytes], log: Path) -> Any:
    """Poll ``ready`` until it returns something truthy; fail with the process's log if it dies or times out."""
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            pytest.fail(f"{what}: the process exited with {proc.returncode}\n{_tail(log)}")
        try:
            result = ready()
        except Exception:  # not up yet: connection refused, object not found
            result = None
        if result:
            return result
        time.sleep(1)
    pytest.fail(f"{what}: not ready after {STARTUP_TIMEOUT_S} s\n{_tail(log)}")


def _stop(proc: subprocess.Popen[bytes]) -> None:
    """SIGINT first (Prefect shuts down cleanly on it), then SIGTERM, then SIGKILL."""
    for sig, wait_s in ((signal.SIGINT, 30), (signal.SIGTERM, 15), (signal.SIGKILL, 15)):
        if proc.poll() is not None:
            return
        proc.send_signal(sig)
        try:
            proc.wait(timeout=wait_s)
        except subprocess.TimeoutExpired:
            continue


def _env(home: Path, **extra: str) -> dict[str, str]:
    env = {**os.environ, "PREFECT_HOME": str(home), **extra}
    env["PATH"] = os.pathsep.join([str(BIN), env.get("PATH", "")])
    for var in ("MLFLOW_TRACKING_URI", "MLFLOW_REGISTRY_URI"):  # the project's own sqlite store
        env.pop(var, None)
    return env


def _start(cmd: list[str], cwd: Path, env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as out:
        return subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)


@pytest.fixture(scope="module")
def prefect_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A Prefect server subprocess; yields its API URL."""
    home = tmp_path_factory.mktemp("prefect_server_home")
    port = _free_port()
    log = home / "server.log"
    env = _env(home, PREFECT_SERVER_ANALYTICS_ENABLED="false", PREFECT_SERVER_UI_ENABLED="false")
    env.pop("PREFECT_API_URL", None)
    proc = _start([str(BIN / "prefect"), "server", "start", "--host", "127.0.0.1", "--port", str(port)], home, env, log)
    url = f"http://127.0.0.1:{port}/api"
    try:
        _wait_for(lambda: urllib.request.urlopen(f"{url}/health", timeout=5).status == 200, "prefect server", proc, log)
        yield url
    finally:
        _stop(proc)


@pytest.fixture(scope="module")
def client_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("prefect_client_home")


def _register_current_lineage(root: Path) -> None:
    """Version 1 of the model, tagged with the lineage of the project as it is (what register would write)."""
    from mlflow import MlflowClient

    params = load_params(root / "params.yaml")
    uri = f"sqlite:///{root / 'mlflow.db'}"
    client = MlflowClient(tracking_uri=uri, registry_uri=uri)
    tags = {
        **data_lineage_tags(root),
        "sftops.data.source": params.data.path,
        "sftops.base_model_md5": out_hash(root, "base_model", "models/base") or "",
        "sftops.params_sha256": params.fingerprint(),
    }
    assert tags["sftops.data.raw_md5"], "prepare did not record data/raw in dvc.lock"
    client.create_registered_model(params.pipeline.name)
    client.create_model_version(params.pipeline.name, source=str(root / "models/base"), tags=tags)


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory, tiny_model_dir: Path) -> Path:
    root = copy_project(tmp_path_factory.mktemp("served") / "project")
    overrides = [
        *tiny_overrides(tiny_model_dir),
        f"schedule.deployment={SERVED_DEPLOYMENT}",
        f"schedule.cron={SERVED_CRON}",
    ]
    write_overrides(root / "params.yaml", overrides)
    prepared = run_cmd(["dvc", "repro", "prepare"], cwd=root, timeout=600)
    assert prepared.returncode == 0, f"dvc repro prepare failed\n{prepared.stdout[-3000:]}\n{prepared.stderr[-3000:]}"
    _register_current_lineage(root)
    return root


def _settings(url: str) -> Any:
    from prefect.settings import PREFECT_API_URL, temporary_settings

    return temporary_settings({PREFECT_API_URL: url})


def _deployment(url: str, name: str) -> Any:
    from prefect.client.orchestration import get_client

    with _settings(url), get_client(sync_client=True) as client:
        return client.read_deployment_by_name(name)


def _run_and_read_artifact(url: str, name: str) -> tuple[Any, str]:
    """Trigger the deployment now, wait for its flow run to finish; return it and its retrain artifact."""
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId, ArtifactFilterKey
    from prefect.deployments import run_deployment

    with _settings(url):
        flow_run = run_deployment(name, timeout=RUN_TIMEOUT_S, poll_interval=2, as_subflow=False)
        with get_client(sync_client=True) as client:
            artifacts = client.read_artifacts(
                artifact_filter=ArtifactFilter(
                    key=ArtifactFilterKey(any_=[ARTIFACT_KEY]), flow_run_id=ArtifactFilterFlowRunId(any_=[flow_run.id])
                )
            )
    return flow_run, "\n".join(str(a.data) for a in artifacts)


def _assert_stopped_early(flow_run: Any, artifact: str, log: Path) -> None:
    assert flow_run.state is not None and flow_run.state.is_completed(), (
        f"flow run {flow_run.name} ended {flow_run.state}\n{_tail(log)}"
    )
    assert "no change since version 1" in artifact, f"expected the no-change artifact, got:\n{artifact}\n{_tail(log)}"


def test_sftops_serve_serves_the_params_schedule_and_runs_on_trigger(
    prefect_server: str, project: Path, client_home: Path
) -> None:
    log = project / "serve.log"
    serve = _start([str(BIN / "sftops"), "serve"], project, _env(client_home, PREFECT_API_URL=prefect_server), log)
    name = f"{FLOW_NAME}/{SERVED_DEPLOYMENT}"
    try:
        deployment = _wait_for(lambda: _deployment(prefect_server, name), f"deployment {name}", serve, log)
        cron = deployment.schedules[0].schedule
        assert (cron.cron, cron.timezone) == (SERVED_CRON, "UTC"), cron
        assert deployment.parameters == {"root": str(project)}, deployment.parameters
        assert deployment.global_concurrency_limit is not None and deployment.global_concurrency_limit.limit == 1

        flow_run, artifact = _run_and_read_artifact(prefect_server, name)
        _assert_stopped_early(flow_run, artifact, log)
        assert f"prefect deployment run '{name}'" in _tail(log), "serve must say how to trigger a run"
    finally:
        _stop(serve)
    assert serve.returncode is not None, "sftops serve did not stop"


def test_prefect_yaml_deploys_to_a_process_pool_and_a_worker_runs_it(
    prefect_server: str, project: Path, client_home: Path
) -> None:
    env = _env(client_home, PREFECT_API_URL=prefect_server)
    pool = run_cmd(["prefect", "work-pool", "create", "sftops-process", "--type", "process"], cwd=project, env=env)
    assert pool.returncode == 0, f"work-pool create failed\n{pool.stdout[-2000:]}\n{pool.stderr[-2000:]}"
    deploy = run_cmd(["prefect", "--no-prompt", "deploy", "--name", "sftops-retrain"], cwd=project, env=env)
    assert deploy.returncode == 0, f"prefect deploy failed\n{deploy.stdout[-3000:]}\n{deploy.stderr[-3000:]}"

    name = f"{FLOW_NAME}/sftops-retrain"
    deployment = _deployment(prefect_server, name)
    assert deployment.work_pool_name == "sftops-process", deployment.work_pool_name
    assert deployment.entrypoint == "flows/retrain.py:retrain", deployment.entrypoint
    assert deployment.schedules[0].schedule.cron == "0 3 * * 1", deployment.schedules
    assert deployment.pull_steps == [
        {"prefect.deployments.steps.set_working_directory": {"directory": "{{ $SFTOPS_PROJECT_DIR }}"}}
    ], deployment.pull_steps

    log = project / "worker.log"
    worker_env = {**env, "SFTOPS_PROJECT_DIR": str(project)}
    worker = _start([str(BIN / "prefect"), "worker", "start", "--pool", "sftops-process"], project, worker_env, log)
    try:
        flow_run, artifact = _run_and_read_artifact(prefect_server, name)
        _assert_stopped_early(flow_run, artifact, log)
    finally:
        _stop(worker)


def test_prefect_yaml_loads_with_prefects_loader_and_matches_params() -> None:
    from prefect.cli.deploy._models import PrefectYamlModel
    from prefect.flows import load_flow_from_entrypoint

    raw = yaml.safe_load((REPO / "prefect.yaml").read_text())
    model = PrefectYamlModel.model_validate(raw)
    params = load_params(REPO / "params.yaml")
    [deployment] = [d for d in model.deployments if d.name == params.schedule.deployment]
    [schedule] = deployment.schedules or []
    assert (schedule.cron, schedule.timezone) == (params.schedule.cron, params.schedule.timezone), (
        f"prefect.yaml's schedule {schedule} differs from params.yaml schedule {params.schedule}"
    )
    assert deployment.work_pool is not None and deployment.work_pool.name, "no work pool"
    assert deployment.concurrency_limit is not None and deployment.concurrency_limit.limit == 1
    flow = load_flow_from_entrypoint(str(REPO / deployment.entrypoint))
    assert flow.name == FLOW_NAME, flow.name
    for variant in raw["definitions"]["work_pools"].values():  # the documented docker / kubernetes pools parse too
        assert variant["name"] and isinstance(variant["job_variables"], dict), variant


@pytest.mark.parametrize(
    ("override", "api_url", "expected"),
    [
        (None, None, "sftops serve needs a Prefect server to schedule runs: start one with `prefect server start`"),
        ("schedule.cron=every monday", "http://127.0.0.1:9/api", "params schedule (cron 'every monday'"),
        ("schedule.timezone=Mars/Olympus", "http://127.0.0.1:9/api", 'Invalid timezone: "Mars/Olympus"'),
    ],
)
def test_serve_refuses_what_would_never_run(
    tmp_path: Path, override: str | None, api_url: str | None, expected: str
) -> None:
    """No server means no scheduler (Prefect's temporary server has none); a bad cron or timezone is a params error."""
    params = tmp_path / "params.yaml"
    params.write_text((REPO / "params.yaml").read_text())
    if override:
        write_overrides(params, [override])
    env = _env(tmp_path / "home", **({"PREFECT_API_URL": api_url} if api_url else {}))
    if not api_url:
        env.pop("PREFECT_API_URL", None)
    result = subprocess.run(
        [str(BIN / "sftops"), "serve", "--params", str(params)], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 2, f"exit {result.returncode}\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}"
    assert expected in result.stderr, result.stderr
