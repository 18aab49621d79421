"""The MLflow pyfunc model of a fine-tuned assistant: a LoRA adapter on its base model, or a whole model.

``mlflow.pyfunc.load_model("models:/<name>@champion").predict(["How do I boil an egg?"])`` returns the replies.

The model is logged *from code* (MLflow's models-from-code): this file travels with every version and runs at
load time, so loading needs mlflow, torch, transformers and peft, but not sftops; it imports nothing from the
project.

Each version carries its adapter (a few MB). The base model (hundreds of MB to many GB) is logged to MLflow once
per content hash, as a run of the ``sftops-base-models`` experiment (tasks/register.py), and the version's model
config points at it:

- ``base_model_sha256``: the base model's identity, :func:`directory_digest` of its files;
- ``base_model_uri``: ``runs:/<run id>/base_model``, resolved against the tracking store at load time;
- ``base_model_path``: where the base model was on the machine that registered the version.

:func:`resolve_base_model` finds the base at load time: in the cache ``$SFTOPS_CACHE_DIR/base_models/<sha256>``
(default ``~/.cache/sftops``); else at ``base_model_path`` if that still holds the same files (the machine that
trained copies nothing); else it downloads ``base_model_uri`` into the cache, checks the hash and keeps it for the
next load. So a version loads anywhere the tracking store is reachable, after models/ is gone, and a machine
downloads each base model once.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import mlflow.artifacts
import mlflow.pyfunc
from mlflow.exceptions import MlflowException

BASE_MODEL_ARTIFACT = "base_model"  # the artifact path of the base model in its run


def is_peft_adapter(directory: Path) -> bool:
    """True for a PEFT adapter directory (LoRA, QLoRA); False for a whole model (full fine-tuning)."""
    return (directory / "adapter_config.json").is_file()


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 22), b""):
            digest.update(block)
    return digest.hexdigest()


def directory_digest(directory: Path) -> str:
    """sha256 over every file's relative path, size and sha256, in path order: equal for equal files wherever
    they are (a DVC cache link, an MLflow download), different as soon as one byte differs (~1 s per GB)."""
    digest = hashlib.sha256()
    for path in sorted(p for p in Path(directory).rglob("*") if p.is_file()):
        relative = path.relative_to(directory).as_posix()
        digest.update(f"{relative}\0{path.stat().st_size}\0{_file_sha256(path)}\n".encode())
    return digest.hexdigest()


def base_model_cache() -> Path:
    root = os.environ.get("SFTOPS_CACHE_DIR") or Path.home() / ".cache" / "sftops"
    return Path(root) / "base_models"


def resolve_base_model(config: dict[str, Any]) -> Path:
    """The local directory of the version's base model (see the module docstring for the order)."""
    recorded = config.get("base_model_path")
    digest = config.get("base_model_sha256")
    if not digest:  # a version registered before base models were logged to MLflow: the path is all there is
        return Path(recorded)
    cached = base_model_cache() / digest
    if cached.is_dir():
        return cached
    if recorded and Path(recorded).is_dir() and directory_digest(Path(recorded)) == digest:
        return Path(recorded)
    uri = config.get("base_model_uri")
    if not uri:
        raise MlflowException(
            f"the base model (sha256 {digest}) is neither in {cached} nor at {recorded}, and the version records "
            "no base_model_uri to download it from"
        )
    return _download_base_model(uri, digest, cached)


def _download_base_model(uri: str, digest: str, target: Path) -> Path:
    """Download into a staging folder beside ``target``, check the hash, then rename: a concurrent load of the
    same base model never sees half a download, and the first rename wins."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{digest[:16]}-", dir=target.parent))
    try:
        local = Path(mlflow.artifacts.download_artifacts(artifact_uri=uri, dst_path=str(staging)))
        found = directory_digest(local)
        if found != digest:
            raise MlflowException(
                f"the base model downloaded from {uri} has sha256 {found}, but the version was registered with "
                f"{digest}: the artifact changed after registration"
            )
        try:
            local.rename(target)
        except OSError:
            if not target.is_dir():  # not a lost race with another process loading the same base
                raise
        return target
    finally:
        shutil.rmtree(staging, ignore_errors=True)


class SftAssistant(mlflow.pyfunc.PythonModel):
    def load_context(self, context: Any) -> None:
        import torch
        from peft import PeftModel
        from transformers import AutoModelForCausalLM, AutoTokenizer

        config = context.model_config or {}
        adapter = context.artifacts["adapter"]
        self.tokenizer = AutoTokenizer.from_pretrained(adapter)
        if is_peft_adapter(Path(adapter)):
            base_path = resolve_base_model(config)
            base = AutoModelForCausalLM.from_pretrained(base_path, use_safetensors=True, dtype=torch.float32)
            self.model = PeftModel.from_pretrained(base, adapter).eval()
        else:  # full fine-tuning: the artifact is the whole model
            self.model = AutoModelForCausalLM.from_pretrained(adapter, use_safetensors=True, dtype=torch.float32).eval()
        self.max_new_tokens = int(config.get("max_new_tokens", 128))

    def predict(self, context, model_input, params=None):  # noqa: ANN001 - MLflow reads these type hints
        import torch

        prompts = _as_prompts(model_input)
        max_new = int((params or {}).get("max_new_tokens", self.max_new_tokens))
        replies = []
        for prompt in prompts:
            ids = self.tokenizer.apply_chat_template(
                [{"role": "user", "content": prompt}],
                add_generation_prompt=True,
                return_tensors="pt",
                return_dict=True,
            )
            with torch.no_grad():
                out = self.model.generate(
                    **ids, max_new_tokens=max_new, do_sample=False, pad_token_id=self.tokenizer.pad_token_id
                )
            replies.append(self.tokenizer.decode(out[0, ids["input_ids"].shape[1] :], skip_special_tokens=True))
        return replies


def _as_prompts(model_input: Any) -> list[str]:
    if hasattr(model_input, "columns"):
        column = "prompt" if "prompt" in model_input.columns else model_input.columns[0]
        return [str(v) for v in model_input[column].tolist()]
    if isinstance(model_input, str):
        return [model_input]
    return [str(v) for v in model_input]


if __name__ != "tasks.core.assistant_model":
    # Executed as MLflow model code (at log and load time, under a module name MLflow makes up): hand MLflow the
    # model. Imported as part of sftops, the module only provides the helpers above.
    import mlflow.models

    mlflow.models.set_model(SftAssistant())
