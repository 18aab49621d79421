"""saving (tasks/training/saving.py) under FSDP, whose activation checkpointing wraps each decoder layer.

With ``fsdp_activation_checkpointing: true`` accelerate wraps every decoder layer in torch's checkpoint wrapper,
so the model's parameter names hold ``_checkpoint_wrapped_module`` while the gathered state dict
(``get_model_state_dict``) does not. ``PeftModel.save_pretrained(state_dict=...)`` matched the two and saved an
adapter without a single tensor (exit 0). These tests build that situation on CPU in one gloo process, with the
real checkpoint wrapper, FSDP2's ``fully_shard`` and ``get_model_state_dict``, and save through the helper the
train stage uses.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from typing import Any

import pytest

from tasks.core.errors import SftopsError
from tasks.training.saving import save_trained_model

INPUT = [[1, 5, 9, 14, 3, 27, 8, 2]]


@pytest.fixture(scope="module")
def process_group() -> Any:
    """A one-process gloo group, as FSDP2 needs (torchrun gives the workers theirs)."""
    import torch.distributed as dist

    if dist.is_initialized():
        yield
        return
    with tempfile.TemporaryDirectory() as d:
        dist.init_process_group("gloo", store=dist.FileStore(str(Path(d) / "store"), 1), rank=0, world_size=1)
        try:
            yield
        finally:
            dist.destroy_process_group()


def _logits(model: Any) -> Any:
    import torch

    with torch.no_grad():
        return model(input_ids=torch.tensor(INPUT)).logits


def _lora_model(model_dir: Path) -> Any:
    """The tiny base with LoRA on q/v, its adapter weights randomised (lora_B starts at zero: a no-op)."""
    import torch
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForCausalLM

    base = AutoModelForCausalLM.from_pretrained(model_dir, dtype=torch.float32)
    model = get_peft_model(
        base, LoraConfig(task_type="CAUSAL_LM", r=4, lora_alpha=8, target_modules=["q_proj", "v_proj"])
    )
    torch.manual_seed(1)
    for name, p in model.named_parameters():
        if p.requires_grad and "lora_B" in name:
            torch.nn.init.normal_(p, std=0.2)
    return model


def _wrap_like_accelerate_fsdp2(model: Any) -> dict[str, Any]:
    """What accelerate does with fsdp_activation_checkpointing (fsdp2_apply_ac) and FSDP2, then its gathering."""
    from torch.distributed.algorithms._checkpoint.checkpoint_wrapper import checkpoint_wrapper
    from torch.distributed.checkpoint.state_dict import StateDictOptions, get_model_state_dict
    from torch.distributed.fsdp import fully_shard

    layers = [(n, m) for n, m in model.named_modules() if type(m).__name__ == "LlamaDecoderLayer"]
    assert layers
    for name, layer in layers:
        wrapped = checkpoint_wrapper(layer, preserve_rng_state=False)
        model.set_submodule(name, wrapped)
        fully_shard(wrapped)
    fully_shard(model)
    assert any("_checkpoint_wrapped_module" in n for n, _ in model.named_parameters()), "the layers must be wrapped"
    options = StateDictOptions(full_state_dict=True, broadcast_from_rank0=True, cpu_offload=True)
    state_dict = get_model_state_dict(model, options=options)
    assert not any("_checkpoint_wrapped_module" in k for k in state_dict), "gathered names are unwrapped"
    return state_dict


def _adapter_tensors(directory: Path) -> dict[str, Any]:
    from safetensors.torch import load_file

    return load_file(directory / "adapter_model.safetensors")


def test_fsdp_lora_with_checkpoint_wrapped_layers_saves_every_lora_tensor_and_reloads(
    process_group: Any, tiny_model_dir: Path, tmp_path: Path
) -> None:
    import torch
    from peft import PeftModel
    from transformers import AutoModelForCausalLM

    model = _lora_model(tiny_model_dir)
    expected = _logits(model)
    trained = sum(1 for _, p in model.named_parameters() if p.requires_grad)
    state_dict = _wrap_like_accelerate_fsdp2(model)
    assert torch.allclose(_logits(model), expected, atol=1e-5), "wrapping must not change the model"

    save_trained_model(model, tmp_path / "adapter", state_dict)

    tensors = _adapter_tensors(tmp_path / "adapter")
    assert len(tensors) == trained == 8, f"{len(tensors)} tensors saved, {trained} trained"
    assert all("lora_" in k and "_checkpoint_wrapped_module" not in k and ".default" not in k for k in tensors)
    base = AutoModelForCausalLM.from_pretrained(tiny_model_dir, dtype=torch.float32)
    base_logits = _logits(base)
    reloaded = PeftModel.from_pretrained(base, tmp_path / "adapter")
    assert not torch.allclose(base_logits, expected, atol=1e-3), "the adapter must change the logits"
    assert torch.allclose(_logits(reloaded), expected, atol=1e-5), "the reloaded adapter is not the trained one"


def test_plain_lora_save_is_what_peft_save_pretrained_writes(tiny_model_dir: Path, tmp_path: Path) -> None:
    import torch

    model = _lora_model(tiny_model_dir)
    save_trained_model(model, tmp_path / "ours")
    model.save_pretrained(tmp_path / "peft", safe_serialization=True)
    ours, theirs = _adapter_tensors(tmp_path / "ours"), _adapter_tensors(tmp_path / "peft")
    assert sorted(ours) == sorted(theirs) and len(ours) == 8
    assert all(torch.equal(ours[k], theirs[k]) for k in ours)
    config = json.loads((tmp_path / "ours" / "adapter_config.json").read_text())
    assert config == json.loads((tmp_path / "peft" / "adapter_config.json").read_text())
    assert config["inference_mode"] is True and config["base_model_name_or_path"] == str(tiny_model_dir)


def test_an_adapter_without_its_lora_tensors_is_an_error_and_nothing_is_written(
    tiny_model_dir: Path, tmp_path: Path
) -> None:
    model = _lora_model(tiny_model_dir)
    base_only = {k: v for k, v in model.state_dict().items() if "lora_" not in k}
    with pytest.raises(SftopsError, match=r"adapter: it would hold 0 tensors .* trained 8"):
        save_trained_model(model, tmp_path / "empty", base_only)
    one_missing = dict(model.state_dict())
    del one_missing[next(k for k in one_missing if "lora_B" in k)]
    with pytest.raises(SftopsError, match=r"it would hold 7 tensors"):
        save_trained_model(model, tmp_path / "partial", one_missing)
    assert not (tmp_path / "empty").exists() and not (tmp_path / "partial").exists()


def test_fsdp_full_model_with_checkpoint_wrapped_layers_saves_and_reloads(
    process_group: Any, tiny_model_dir: Path, tmp_path: Path
) -> None:
    import torch
    from transformers import AutoModelForCausalLM

    model = AutoModelForCausalLM.from_pretrained(tiny_model_dir, dtype=torch.float32)
    torch.manual_seed(2)
    with torch.no_grad():
        for p in model.parameters():
            p.add_(torch.randn_like(p) * 0.02)  # "trained": differs from the base on disk
    expected = _logits(model)
    state_dict = _wrap_like_accelerate_fsdp2(model)
    with pytest.raises(SftopsError, match="lacks 1 trained parameters"):
        save_trained_model(
            model, tmp_path / "partial", {k: v for k, v in state_dict.items() if "layers.1.mlp.up" not in k}
        )
    save_trained_model(model, tmp_path / "full", state_dict)
    reloaded = AutoModelForCausalLM.from_pretrained(tmp_path / "full", dtype=torch.float32)
    assert torch.allclose(_logits(reloaded), expected, atol=1e-5)
