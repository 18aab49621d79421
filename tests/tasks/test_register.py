"""Stage register on a real SQLite MLflow store, without running the pipeline before it: a project holding a tiny
base model, a LoRA adapter on it, eval metrics, a dvc.lock and the MLflow run that train would have opened."""

from __future__ import annotations

import hashlib
import json
import multiprocessing
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml

from tasks import register
from tasks.core import tracking
from tasks.core.assistant_model import directory_digest
from tasks.core.errors import SftopsError
from tasks.core.params import load_params
from tasks.core.paths import ProjectPaths
from tests.helpers import copy_project, run_cmd

NAME = "sftops-assistant"
SHA_TAG = "sftops.base_model_sha256"
FINETUNED = {
    "prompt_continuation/continuation_rate": 0.125,
    "prompt_continuation/continuation_rate_stderr": 0.05,
    "heldout_skill/rouge_l_f1": 0.3125,
    "heldout_skill/rouge_l_f1_stderr": 0.02,
    "sycophancy_answer/flip_rate": 0.25,
}
BASE = {
    "prompt_continuation/continuation_rate": 0.25,
    "heldout_skill/rouge_l_f1": 0.25,
    "sycophancy_answer/flip_rate": 0.25,
}
HIGHER_IS_BETTER = {
    "prompt_continuation/continuation_rate": False,
    "heldout_skill/rouge_l_f1": True,
    "sycophancy_answer/flip_rate": False,
}
LOCK_MD5 = {"base": "0" * 32 + ".dir", "prepared": "1" * 32 + ".dir", "raw": "2" * 32 + ".dir"}


# MLflow's set_tracking_uri / set_registry_uri also write MLFLOW_TRACKING_URI / MLFLOW_REGISTRY_URI into
# os.environ, where every later subprocess of the test session would inherit them: keep the session's values.
MLFLOW_URI_VARS = ("MLFLOW_TRACKING_URI", "MLFLOW_REGISTRY_URI")
SESSION_URIS = {name: os.environ.get(name) for name in MLFLOW_URI_VARS}  # read at collection, before any test


def _restore_session_uris() -> None:
    for name, value in SESSION_URIS.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


@pytest.fixture(autouse=True)
def no_mlflow_uri_leaks() -> Iterator[None]:
    _restore_session_uris()
    yield
    _restore_session_uris()


@pytest.fixture(scope="module")
def adapter_dir(tmp_path_factory: pytest.TempPathFactory, tiny_model_dir: Path) -> Path:
    """A LoRA adapter on the tiny model with non-zero B matrices, so that it changes what the model says."""
    import torch
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForCausalLM, AutoTokenizer

    out = tmp_path_factory.mktemp("adapter")
    base = AutoModelForCausalLM.from_pretrained(tiny_model_dir, dtype=torch.float32)
    model = get_peft_model(base, LoraConfig(r=4, lora_alpha=8, target_modules=["q_proj", "v_proj"]))
    torch.manual_seed(1)
    with torch.no_grad():
        for name, weight in model.named_parameters():
            if "lora_B" in name:
                weight.normal_(0, 0.5)
    model.save_pretrained(out)
    AutoTokenizer.from_pretrained(tiny_model_dir).save_pretrained(out)
    return out


def _write_lock(root: Path) -> None:
    lock = {
        "schema": "2.0",
        "stages": {
            "base_model": {
                "cmd": "python -m tasks.base_model",
                "outs": [{"path": "models/base", "md5": LOCK_MD5["base"]}],
            },
            "prepare": {
                "cmd": "python -m tasks.prepare",
                "deps": [{"path": "data/raw", "md5": LOCK_MD5["raw"]}],
                "outs": [{"path": "data/prepared", "md5": LOCK_MD5["prepared"]}],
            },
        },
    }
    (root / "dvc.lock").write_text(yaml.safe_dump(lock))


def _new_pipeline_run(paths: ProjectPaths) -> str:
    """What train does first: open the pipeline's MLflow run and record its id in outputs/train/mlflow_run.json."""
    from mlflow import MlflowClient

    tracking.configure(paths)
    experiment_id = tracking.ensure_experiment("sftops", paths)
    run = MlflowClient().create_run(experiment_id)
    tracking.save_run_ref(paths, run.info.run_id, experiment_id)
    return run.info.run_id


@pytest.fixture
def make_project(
    tmp_path: Path, tiny_model_dir: Path, adapter_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> Callable[..., ProjectPaths]:
    """Factory: a project with everything register reads, its own SQLite store and its own load cache."""
    monkeypatch.setenv("SFTOPS_CACHE_DIR", str(tmp_path / "load-cache"))

    def make(name: str = "project", overrides: tuple[str, ...] = ()) -> ProjectPaths:
        from tasks.core.overrides import write_overrides

        root = copy_project(tmp_path / name)
        shutil.copytree(tiny_model_dir, root / "models" / "base")
        shutil.copytree(adapter_dir, root / "models" / "adapter")
        sets = [f"model.name_or_path={tiny_model_dir}", "register.retries=2", "register.retry_delay_s=0.01"]
        write_overrides(root / "params.yaml", [*sets, *overrides])
        paths = ProjectPaths(root)
        delta = {k: FINETUNED[k] - BASE[k] for k in BASE}
        eval_json = {"base": BASE, "finetuned": FINETUNED, "delta": delta}
        paths.metrics("eval").parent.mkdir(parents=True, exist_ok=True)
        paths.metrics("eval").write_text(json.dumps(eval_json))
        paths.eval_dir.mkdir(parents=True, exist_ok=True)
        (paths.eval_dir / "higher_is_better.json").write_text(json.dumps(HIGHER_IS_BETTER))
        _write_lock(root)
        _new_pipeline_run(paths)
        return paths

    return make


def _register(paths: ProjectPaths) -> dict[str, Any]:
    return register.run(load_params(paths.params), paths)


def _client(paths: ProjectPaths) -> Any:
    from mlflow import MlflowClient

    uri = tracking.tracking_uri(paths)
    return MlflowClient(tracking_uri=uri, registry_uri=uri)


def _md5(path: Path) -> str:
    return hashlib.md5(path.read_bytes(), usedforsecurity=False).hexdigest()


def test_the_version_carries_every_lineage_tag(make_project: Callable[..., ProjectPaths], tiny_model_dir: Path) -> None:
    # given a project ready to register
    paths = make_project()
    params = load_params(paths.params)
    # when register runs
    retries_before = os.environ.get("MLFLOW_HTTP_REQUEST_MAX_RETRIES")
    record = _register(paths)
    assert os.environ.get("MLFLOW_HTTP_REQUEST_MAX_RETRIES") == retries_before, "register leaked its HTTP limit"
    # then the version (and the pipeline run) carry the lineage of everything that made the model
    version = _client(paths).get_model_version(NAME, str(record["version"]))
    tags = version.tags
    head = subprocess.run(["git", "rev-parse", "HEAD"], cwd=paths.root, capture_output=True, text=True).stdout.strip()
    expected = {
        "sftops.data.prepared_path": "data/prepared",
        "sftops.data.prepared_md5": LOCK_MD5["prepared"],
        "sftops.data.raw_path": "data/raw",
        "sftops.data.raw_md5": LOCK_MD5["raw"],
        "sftops.data.source": "data/raw/sft_sample.jsonl",
        "sftops.params_sha256": params.fingerprint(),
        "sftops.base_model": str(tiny_model_dir),
        "sftops.base_model_revision": "",
        "sftops.base_model_md5": LOCK_MD5["base"],
        "sftops.base_model_sha256": directory_digest(paths.base_model),
        "sftops.run_id": record["run_id"],
        "sftops.eval.prompt_continuation/continuation_rate": "0.125",
        "sftops.eval.heldout_skill/rouge_l_f1": "0.3125",
        "sftops.eval.sycophancy_answer/flip_rate": "0.25",
    }
    for key, value in expected.items():
        assert tags.get(key) == value, f"tag {key}: {tags.get(key)!r}, expected {value!r}"
    assert tags["sftops.git_commit"].startswith(head) and len(head) == 40, (tags["sftops.git_commit"], head)
    assert not any(k.startswith("sftops.eval.") and k.endswith("_stderr") for k in tags), "stderrs are not tags"
    sources = json.loads(tags["sftops.data.sources_md5"])
    assert sources == [{"path": "data/raw/sft_sample.jsonl", "md5": _md5(paths.root / "data/raw/sft_sample.jsonl")}]
    summary = json.loads(tags["sftops.eval_summary"])
    assert summary["vs_base"] == {"better": 2, "worse": 0, "equal": 1, "no_direction": 0}, summary
    assert summary["metrics"] == 3 and summary["tasks"] == sorted({k.split("/")[0] for k in BASE}), summary
    assert tags["sftops.base_model_uri"].startswith("runs:/"), tags
    run_tags = _client(paths).get_run(record["run_id"]).data.tags
    assert all(run_tags.get(k) == v for k, v in expected.items()), "the pipeline run lacks lineage tags"
    # and the record names the version and the alias it holds
    assert record["version"] == 1 and record["holds_alias"] and record["model_uri"] == f"models:/{NAME}@challenger"
    assert json.loads(paths.model_version.read_text()) == record


def test_versions_share_one_logged_base_model_and_the_newest_is_challenger(
    make_project: Callable[..., ProjectPaths],
) -> None:
    # given two registered runs of the same base model
    paths = make_project()
    first = _register(paths)
    _new_pipeline_run(paths)  # a retrain: a new pipeline run
    second = _register(paths)
    client = _client(paths)
    # then the base model was logged once, in its own experiment, and both versions point at that run
    experiment = client.get_experiment_by_name(register.BASE_MODELS_EXPERIMENT)
    base_runs = client.search_runs([experiment.experiment_id])
    assert len(base_runs) == 1, f"the base model was logged {len(base_runs)} times"
    assert first["base_model_uri"] == second["base_model_uri"] == f"runs:/{base_runs[0].info.run_id}/base_model"
    assert (second["version"], first["version"]) == (2, 1)
    assert int(client.get_model_version_by_alias(NAME, "challenger").version) == 2
    # and no version copies the base model: a version's artifacts are the adapter, the code and the metadata
    files = _artifact_sizes(client, f"models:/{NAME}/2")
    assert sum(files.values()) < 2 * sum(f.stat().st_size for f in paths.adapter.iterdir()) + 200_000, files
    assert not any(name.endswith("model.safetensors") and "adapter" not in name for name in files), files


def _artifact_sizes(client: Any, model_uri: str) -> dict[str, int]:
    import mlflow

    local = Path(mlflow.artifacts.download_artifacts(artifact_uri=model_uri))
    return {p.relative_to(local).as_posix(): p.stat().st_size for p in local.rglob("*") if p.is_file()}


def test_a_rerun_with_the_same_inputs_reuses_its_version(make_project: Callable[..., ProjectPaths]) -> None:
    paths = make_project()
    first = _register(paths)
    again = _register(paths)
    versions = _client(paths).search_model_versions(f"name = '{NAME}'")
    assert again["version"] == first["version"] and len(versions) == 1, [v.version for v in versions]


LOAD_ELSEWHERE = r"""
import importlib.abc, json, sys

class NoProjectCode(importlib.abc.MetaPathFinder):
    # the registered model must load without sftops: importing the project's packages fails here
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("tasks", "flows"):
            raise ImportError(f"{name}: project code is not available where the model is loaded")
        return None

sys.meta_path.insert(0, NoProjectCode())
import mlflow, pandas as pd

model = mlflow.pyfunc.load_model(sys.argv[1])
replies = model.predict(pd.DataFrame({"prompt": ["Name a colour.", "Hi"]}), params={"max_new_tokens": 6})
print(json.dumps(replies))
"""


def _load_in_subprocess(paths: ProjectPaths, cwd: Path, cache: Path) -> list[str]:
    script = cwd / "load_elsewhere.py"
    script.write_text(LOAD_ELSEWHERE)
    env = {
        "MLFLOW_TRACKING_URI": tracking.tracking_uri(paths),
        "SFTOPS_CACHE_DIR": str(cache),
        "HF_HUB_OFFLINE": "1",
        "PYTHONPATH": "",
    }
    command = ["env", "-u", "MLFLOW_REGISTRY_URI", *(f"{k}={v}" for k, v in env.items())]
    result = run_cmd([*command, sys.executable, str(script), f"models:/{NAME}@challenger"], cwd)
    assert result.returncode == 0, f"loading failed:\n{result.stdout[-3000:]}\n{result.stderr[-5000:]}"
    return json.loads(result.stdout.strip().splitlines()[-1])


def _reference_replies(base: Path, adapter: Path) -> list[str]:
    """What the adapter on its base says, loaded with PEFT directly: the registered model must say the same."""

    class Context:
        artifacts = {"adapter": str(adapter)}
        model_config = {"base_model_path": str(base)}

    from tasks.core.assistant_model import SftAssistant

    model = SftAssistant()
    model.load_context(Context())
    return model.predict(None, ["Name a colour.", "Hi"], params={"max_new_tokens": 6})


def test_the_champion_loads_elsewhere_after_models_is_deleted(
    make_project: Callable[..., ProjectPaths], tmp_path: Path
) -> None:
    # given a registered version, and what its adapter on its base says
    paths = make_project()
    record = _register(paths)
    expected = _reference_replies(paths.base_model, paths.adapter)
    # when the project's models/ is deleted and the model is loaded from another directory, by a process that
    # cannot import sftops, with an empty cache
    shutil.rmtree(paths.root / "models")
    elsewhere, cache = tmp_path / "elsewhere", tmp_path / "fresh-cache"
    elsewhere.mkdir()
    replies = _load_in_subprocess(paths, elsewhere, cache)
    # then it generates what the trained model generated: the base came from MLflow into the cache, once
    assert replies == expected, (replies, expected)
    assert [p.name for p in (cache / "base_models").iterdir()] == [record["base_model_uri"] and _tag(paths, SHA_TAG)]
    started = time.perf_counter()
    assert _load_in_subprocess(paths, elsewhere, cache) == expected, "the cached base model gives other replies"
    assert len(list((cache / "base_models").iterdir())) == 1, "the second load downloaded the base model again"
    assert time.perf_counter() - started < 120


def _tag(paths: ProjectPaths, key: str) -> str:
    return _client(paths).get_model_version_by_alias(NAME, "challenger").tags[key]


def test_loading_on_the_training_machine_reads_models_base_only_while_it_is_unchanged(
    make_project: Callable[..., ProjectPaths], tmp_path: Path
) -> None:
    import mlflow

    paths = make_project()
    _register(paths)
    mlflow.set_tracking_uri(tracking.tracking_uri(paths))
    cache = Path(os.environ["SFTOPS_CACHE_DIR"]) / "base_models"
    # the recorded models/base holds the same files: used in place, nothing copied
    mlflow.pyfunc.load_model(f"models:/{NAME}@challenger")
    assert not cache.exists() or not any(cache.iterdir()), "the base model was copied although models/base matched"
    # models/base changed since registration (a re-materialised base): the registered base is downloaded instead
    with (paths.base_model / "config.json").open("a") as f:
        f.write("\n")
    mlflow.pyfunc.load_model(f"models:/{NAME}@challenger")
    assert [p.name for p in cache.iterdir()] == [_tag(paths, SHA_TAG)], list(cache.iterdir())


def test_an_unreachable_registry_fails_clearly_after_the_retries_and_keeps_the_model(
    make_project: Callable[..., ProjectPaths],
) -> None:
    # given a project whose tracking store is a server that is not running
    paths = make_project(overrides=("register.retries=2", "register.retry_delay_s=0.05"))
    dead = f"http://127.0.0.1:{_free_port()}"
    # when register runs as DVC runs it
    started = time.perf_counter()
    unset_registry = ["-u", "MLFLOW_REGISTRY_URI"]  # the registry is the tracking store, so down as well
    result = run_cmd(
        ["env", *unset_registry, f"MLFLOW_TRACKING_URI={dead}", sys.executable, "-m", "tasks.register"], paths.root
    )
    elapsed = time.perf_counter() - started
    # then it retried, then failed with one actionable message and no traceback, and the model is still there
    assert result.returncode == 3, f"exit {result.returncode}\n{result.stderr[-3000:]}"
    err = result.stderr
    assert "attempt 1 of 3 failed" in err and "attempt 2 of 3 failed" in err, err[-3000:]
    assert "attempt 3 of 3" not in err, "the last failure is the error message, not a retry warning"
    assert "failed 3 times" in err and dead in err, err[-3000:]
    assert "models/adapter/" in err and "`sftops run` or `dvc repro`" in err and "only register" in err, err
    assert "Traceback" not in err, err[-3000:]
    assert elapsed < 60, f"took {elapsed:.0f} s: MLflow's own HTTP retries were not limited"
    assert (paths.adapter / "adapter_model.safetensors").is_file() and not paths.model_version.exists()


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# --- retries and the SQLite store ------------------------------------------------------------------------------


def test_database_is_locked_is_retried_until_the_lock_is_released(tmp_path: Path) -> None:
    # given a SQLite database that another connection holds an exclusive lock on
    db = tmp_path / "busy.db"
    holder = sqlite3.connect(db, isolation_level=None)
    holder.execute("CREATE TABLE t (x)")
    holder.execute("BEGIN EXCLUSIVE")
    attempts: list[int] = []

    def write() -> None:
        attempts.append(1)
        if len(attempts) == 2:
            holder.execute("COMMIT")  # the other writer finishes while we wait
        with sqlite3.connect(db, timeout=0) as connection:
            connection.execute("INSERT INTO t VALUES (1)")

    # when the write is made with retries, then it succeeds on the attempt after the release
    tracking.call_with_retries(write, tracking.RetryPolicy(retries=3, delay_s=0.001), "write", sleep=lambda _: None)
    assert len(attempts) == 2, attempts
    # and without enough retries the error says how often it tried and chains the real "database is locked"
    holder.execute("BEGIN EXCLUSIVE")
    attempts.clear()
    with pytest.raises(tracking.StoreUnavailable, match="failed 1 times") as caught:
        tracking.call_with_retries(write, tracking.RetryPolicy(retries=0, delay_s=0), "write")
    assert "database is locked" in str(caught.value.__cause__)


def test_transient_and_permanent_errors_are_told_apart() -> None:
    import requests
    from mlflow.exceptions import MlflowException, RestException

    transient = [
        MlflowException("(sqlite3.OperationalError) database is locked", error_code="TEMPORARILY_UNAVAILABLE"),
        RestException({"error_code": "INTERNAL_ERROR", "message": "boom"}),
        MlflowException("API request to http://x failed with error code 503 != 200. Response body: ''"),
        requests.ConnectionError("Connection refused"),
    ]
    wrapped = MlflowException("API request to http://x/api failed")
    wrapped.__cause__ = ConnectionRefusedError(111, "refused")
    transient.append(wrapped)
    permanent = [
        MlflowException("Registered Model with name=x not found", error_code="RESOURCE_DOES_NOT_EXIST"),
        MlflowException("Invalid value for param", error_code="INVALID_PARAMETER_VALUE"),
        RestException({"error_code": "PERMISSION_DENIED", "message": "no"}),
        ValueError("a bug"),
    ]
    assert [tracking.is_transient(e) for e in transient] == [True] * len(transient)
    assert [tracking.is_transient(e) for e in permanent] == [False] * len(permanent)
    calls: list[int] = []

    def bad_request() -> None:
        calls.append(1)
        raise permanent[1]

    with pytest.raises(MlflowException):
        tracking.call_with_retries(bad_request, tracking.RetryPolicy(retries=5, delay_s=0), "x")
    assert len(calls) == 1, "a permanent error must not be retried"
    assert tracking.RetryPolicy(retries=3, delay_s=0.5).delays() == [0.5, 1.0, 2.0]


def _configure_at_once(uri: str, start_at: float) -> str:
    from mlflow import MlflowClient

    time.sleep(max(0.0, start_at - time.time()))
    os.environ["MLFLOW_TRACKING_URI"] = uri
    tracking.configure(ProjectPaths(Path(".")))
    client = MlflowClient()
    tracking.ensure_experiment("sftops", ProjectPaths(Path(".")))
    return client.get_experiment_by_name("sftops").experiment_id


def test_processes_sharing_a_fresh_sqlite_store_create_it_once_in_wal_mode(tmp_path: Path) -> None:
    # given four processes that open the same new SQLite store at the same moment
    uri = f"sqlite:///{tmp_path / 'shared.db'}"
    context = multiprocessing.get_context("spawn")
    with context.Pool(4) as pool:
        start_at = time.time() + 8  # every worker has imported MLflow by then
        ids = pool.starmap(_configure_at_once, [(uri, start_at)] * 4)
    # then none failed on the schema, they share one experiment, and the database is in WAL mode
    assert len(set(ids)) == 1, ids
    mode = sqlite3.connect(tmp_path / "shared.db").execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal", mode


def test_a_missing_adapter_is_a_clear_error(make_project: Callable[..., ProjectPaths]) -> None:
    paths = make_project()
    shutil.rmtree(paths.adapter)
    with pytest.raises(SftopsError, match="run train first"):
        _register(paths)
