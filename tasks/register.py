"""Stage register: log the fine-tuned assistant to the pipeline's MLflow run and register a new version.

The version gets the alias from ``register.alias`` and tags that tie it to its inputs: the DVC hashes of the
prepared and raw data and of the base model (from dvc.lock), the git commit, the base model id and the params
fingerprint. outputs/register/model_version.json records what was registered.
"""

from __future__ import annotations

import logging
import warnings
from importlib.metadata import version
from typing import Any

from tasks.core import tracking
from tasks.core.cli import stage_main
from tasks.core.dvc_lock import data_lineage_tags, out_hash
from tasks.core.io import read_json, write_json
from tasks.core.params import Params
from tasks.core.paths import ProjectPaths

log = logging.getLogger("sftops.register")


def lineage_tags(params: Params, paths: ProjectPaths, run_id: str) -> dict[str, str]:
    root = paths.root
    tags = {
        "sftops.run_id": run_id,
        "sftops.git_commit": tracking.git_commit(root),
        "sftops.base_model": params.model.name_or_path,
        "sftops.base_model_revision": params.model.revision or "",
        "sftops.base_model_md5": out_hash(root, "base_model", "models/base") or "",
        **data_lineage_tags(root),  # prepared_path/_md5, raw_path/_md5 (data/raw, prepare's data dep)
        "sftops.data.source": params.data.path,
        "sftops.params_sha256": params.fingerprint(),
    }
    eval_metrics = read_json(paths.metrics("eval"))
    for key, value in eval_metrics.get("finetuned", {}).items():
        if not key.endswith("_stderr"):
            tags[f"sftops.eval.{key}"] = f"{value:.6g}"
    return tags


def log_assistant_model(paths: ProjectPaths) -> Any:
    from mlflow.models import ModelSignature
    from mlflow.types import ColSpec, Schema

    signature = ModelSignature(inputs=Schema([ColSpec("string", "prompt")]), outputs=Schema([ColSpec("string")]))
    requirements = [f"{pkg}=={version(pkg)}" for pkg in ("torch", "transformers", "peft", "mlflow")]
    with warnings.catch_warnings():
        # the signature is explicit; an input example would make MLflow run the model while logging it
        warnings.filterwarnings("ignore", message=".*input example was not provided.*")
        return _log_pyfunc(paths, signature, requirements)


def _log_pyfunc(paths: ProjectPaths, signature: Any, requirements: list[str]) -> Any:
    import mlflow

    from tasks.core.assistant_model import SftAssistant

    return mlflow.pyfunc.log_model(
        name="model",
        python_model=SftAssistant(),
        artifacts={"adapter": str(paths.adapter)},
        model_config={"base_model_path": str(paths.base_model), "max_new_tokens": 128},
        signature=signature,
        pip_requirements=requirements,
    )


def run(params: Params, paths: ProjectPaths) -> dict[str, Any]:
    from mlflow import MlflowClient

    name, alias = params.pipeline.name, params.register_.alias
    with tracking.resume_run(paths) as run:
        tags = lineage_tags(params, paths, run.info.run_id)
        import mlflow

        mlflow.set_tags(tags)
        info = log_assistant_model(paths)
        client = MlflowClient()
        if not client.search_registered_models(filter_string=f"name = '{name}'"):
            client.create_registered_model(name, description="SFT assistants trained by sftops")
        mv = client.create_model_version(
            name,
            source=info.model_uri,
            run_id=run.info.run_id,
            tags=tags,
            description=f"LoRA SFT of {params.model.name_or_path}",
        )
        client.set_registered_model_alias(name, alias, mv.version)
    record = {
        "name": name,
        "version": int(mv.version),
        "alias": alias,
        "run_id": run.info.run_id,
        "model_uri": f"models:/{name}@{alias}",
    }
    write_json(paths.model_version, record)
    log.info("registered %s version %s as @%s", name, mv.version, alias)
    return record


if __name__ == "__main__":
    stage_main("register", run)
