"""The registry when things go wrong, with the whole pipeline on the tiny model: an MLflow server that is down
when register runs, and two pipelines started at the same moment on one new SQLite store."""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import yaml

from tasks.core.assistant_model import directory_digest
from tasks.core.overrides import write_overrides
from tests.helpers import BIN, copy_project, run_cmd, tiny_overrides

NAME = "sftops-assistant"
# The registry does not care which probes ran: one keeps these whole-pipeline tests short (the gate then rejects
# the version for the metrics its floors name but nobody measured, a normal outcome).
ONE_PROBE = "eval.tasks=[prompt_continuation]"


def _check(result: subprocess.CompletedProcess[str], what: str) -> None:
    detail = f"{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
    assert result.returncode == 0, f"{what} exited {result.returncode}\n{detail}"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class MlflowServer:
    """`mlflow server` on a SQLite backend in its own process group, stopped and started on the same port."""

    def __init__(self, home: Path) -> None:
        home.mkdir(parents=True, exist_ok=True)
        self.home, self.port = home, _free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def uri(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout_s: float = 240) -> None:
        command = [
            str(BIN / "mlflow"), "server", "--host", "127.0.0.1", "--port", str(self.port), "--workers", "1",
            "--backend-store-uri", f"sqlite:///{self.home / 'server.db'}",
            "--artifacts-destination", str(self.home / "artifacts"),
        ]  # fmt: skip
        log = (self.home / "server.log").open("ab")
        self.process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            assert self.process.poll() is None, (self.home / "server.log").read_text()[-3000:]
            try:
                with urllib.request.urlopen(f"{self.uri}/health", timeout=2) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.5)
        raise AssertionError(f"mlflow server not up after {timeout_s} s")

    def stop(self) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, signal.SIGTERM)  # the server's own process group: uvicorn and its workers
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()


def _stage_lock(root: Path, stage: str) -> dict:
    return yaml.safe_load((root / "dvc.lock").read_text())["stages"][stage]


LOAD = r"""
import json, sys, mlflow, pandas as pd
model = mlflow.pyfunc.load_model(sys.argv[1])
print(json.dumps(model.predict(pd.DataFrame({"prompt": ["Name a colour."]}), params={"max_new_tokens": 4})))
"""


def test_a_registry_outage_keeps_the_model_and_the_next_run_registers_it_without_retraining(
    tmp_path: Path, tiny_model_dir: Path
) -> None:
    # given a project trained and evaluated against an MLflow server
    root = copy_project(tmp_path / "project")
    write_overrides(root / "params.yaml", [*tiny_overrides(tiny_model_dir), ONE_PROBE, "register.retry_delay_s=0.2"])
    server = MlflowServer(tmp_path / "server")
    # the registry is the tracking server (`-u`: whatever MLFLOW_REGISTRY_URI an earlier test left behind)
    tracked = ["env", "-u", "MLFLOW_REGISTRY_URI", f"MLFLOW_TRACKING_URI={server.uri}"]
    server.start()
    try:
        _check(run_cmd([*tracked, "dvc", "repro", "evaluate"], root), "dvc repro evaluate")
        adapter, train_lock = directory_digest(root / "models/adapter"), _stage_lock(root, "train")

        # when the server is down as the pipeline goes on
        server.stop()
        down = run_cmd([*tracked, "sftops", "run"], root)
        output = down.stdout + down.stderr
        # then register fails after its retries with one clear message, and the trained model stays
        assert down.returncode != 0, output[-4000:]
        assert "attempt 3 of 4 failed" in output and "failed 4 times" in output, output[-5000:]
        assert "stayed unreachable" in output and "models/adapter/" in output and "only register" in output
        closing = down.stderr.split("error: stage 'register' failed (exit code 3)")
        assert len(closing) == 2 and "Traceback" not in closing[1], down.stderr[-3000:]
        assert output.count("Running stage 'register'") == 1, "the flow must not retry what register retried"
        assert "Running stage 'train'" not in output and directory_digest(root / "models/adapter") == adapter

        # when the server is back and the pipeline runs again
        server.start()
        up = run_cmd([*tracked, "dvc", "repro"], root)
        _check(up, "dvc repro after the outage")
        # then register (and the stages after it) ran, train and evaluate did not
        assert "Running stage 'register'" in up.stdout, up.stdout[-3000:]
        assert "Running stage 'train'" not in up.stdout and "Running stage 'evaluate'" not in up.stdout, up.stdout
        assert _stage_lock(root, "train") == train_lock and directory_digest(root / "models/adapter") == adapter
        record = json.loads((root / "outputs/register/model_version.json").read_text())
        train_run = json.loads((root / "outputs/train/mlflow_run.json").read_text())["run_id"]
        assert record["run_id"] == train_run and record["holds_alias"], record

        # and the version loads from elsewhere once the project's models/ is gone: its base is on the server
        shutil.rmtree(root / "models")
        (tmp_path / "elsewhere").mkdir()
        (tmp_path / "elsewhere" / "load.py").write_text(LOAD)
        env = [*tracked, f"SFTOPS_CACHE_DIR={tmp_path / 'cache'}"]
        loaded = run_cmd([*env, sys.executable, "load.py", f"models:/{NAME}@challenger"], tmp_path / "elsewhere")
        _check(loaded, "loading the registered model")
        assert len(json.loads(loaded.stdout.strip().splitlines()[-1])) == 1, loaded.stdout
    finally:
        server.stop()


def test_two_pipelines_started_together_on_one_new_sqlite_store_both_register(
    tmp_path: Path, tiny_model_dir: Path
) -> None:
    from mlflow import MlflowClient

    # given two copies of the project and one SQLite store that does not exist yet
    store = tmp_path / "shared" / "mlflow.db"
    copies = [copy_project(tmp_path / name / "project") for name in ("a", "b")]
    sets = [arg for override in [*tiny_overrides(tiny_model_dir), ONE_PROBE] for arg in ("-S", override)]
    command = ["env", "-u", "MLFLOW_REGISTRY_URI", f"MLFLOW_TRACKING_URI=sqlite:///{store}", "sftops", "run", *sets]
    # when both run at the same time
    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(lambda root: run_cmd(command, root), copies))
    # then both finish and register, and the challenger is the newest version
    for root, result in zip(copies, results, strict=True):
        _check(result, f"sftops run in {root.parent.name}")
    client = MlflowClient(tracking_uri=f"sqlite:///{store}", registry_uri=f"sqlite:///{store}")
    versions = client.search_model_versions(f"name = '{NAME}'")
    runs = {json.loads((root / "outputs/train/mlflow_run.json").read_text())["run_id"] for root in copies}
    assert {v.run_id for v in versions} == runs and len(versions) == 2, [(v.version, v.run_id) for v in versions]
    newest = max(int(v.version) for v in versions)
    assert int(client.get_model_version_by_alias(NAME, "challenger").version) == newest
    records = [json.loads((root / "outputs/register/model_version.json").read_text()) for root in copies]
    assert sorted(r["version"] for r in records) == [1, 2], records
    # and the artifacts live beside the shared store, not inside one of the copies
    assert (store.parent / "mlartifacts").is_dir() and not any((root / "mlruns").exists() for root in copies)
