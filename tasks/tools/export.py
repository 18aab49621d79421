"""Export the fine-tuned model as one standalone directory: the adapter merged into its base.

``sftops export OUT`` writes a plain transformers model (safetensors + tokenizer with its chat template) that
loads with ``AutoModelForCausalLM.from_pretrained(OUT)`` anywhere, without peft or the base model: for
serving stacks (vLLM, TGI, llama.cpp conversion) that want one model. A full fine-tune is already whole and
is saved as it is.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from tasks.core.assistant_model import is_peft_adapter
from tasks.core.errors import SftopsError
from tasks.core.paths import ProjectPaths

log = logging.getLogger("sftops.export")


def merged_model(base_dir: Path, adapter_dir: Path, dtype: str = "float32") -> tuple[Any, Any]:
    """The fine-tuned model as one transformers model (LoRA weights folded in) and its tokenizer."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    if not adapter_dir.is_dir():
        raise SftopsError(f"{adapter_dir}: no fine-tuned model; run the train stage first (dvc repro train)")
    torch_dtype = getattr(torch, dtype)
    tokenizer = AutoTokenizer.from_pretrained(adapter_dir)
    if not is_peft_adapter(adapter_dir):
        return AutoModelForCausalLM.from_pretrained(adapter_dir, use_safetensors=True, dtype=torch_dtype), tokenizer
    from peft import PeftModel

    base = AutoModelForCausalLM.from_pretrained(base_dir, use_safetensors=True, dtype=torch_dtype)
    return PeftModel.from_pretrained(base, adapter_dir).merge_and_unload(), tokenizer


def export(paths: ProjectPaths, out: Path, dtype: str = "float32") -> Path:
    if out.exists() and any(out.iterdir()):
        raise SftopsError(f"{out}: exists and is not empty; choose a new directory")
    model, tokenizer = merged_model(paths.base_model, paths.adapter, dtype)
    out.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(out, safe_serialization=True)
    tokenizer.save_pretrained(out)
    log.info("exported %s (%d parameters) to %s", type(model).__name__, sum(p.numel() for p in model.parameters()), out)
    return out
