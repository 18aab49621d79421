"""export: the adapter merged into its base gives the same logits as base + adapter, as one plain model."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tasks.core.errors import SftopsError
from tasks.core.paths import ProjectPaths
from tasks.tools.export import export


def make_adapter(tiny_model_dir: Path, root: Path) -> ProjectPaths:
    """A project with the tiny base and a LoRA adapter whose weights are not zero (so merging changes logits)."""
    import torch
    from peft import LoraConfig, get_peft_model
    from transformers import AutoModelForCausalLM, AutoTokenizer

    paths = ProjectPaths(root=root)
    shutil.copytree(tiny_model_dir, paths.base_model)
    torch.manual_seed(0)
    base = AutoModelForCausalLM.from_pretrained(paths.base_model, dtype=torch.float32)
    config = LoraConfig(task_type="CAUSAL_LM", r=4, lora_alpha=8, target_modules=["q_proj", "v_proj"])
    model = get_peft_model(base, config)
    with torch.no_grad():
        for name, p in model.named_parameters():
            if "lora_B" in name:
                p.normal_(std=0.5)
    model.save_pretrained(paths.adapter)
    AutoTokenizer.from_pretrained(paths.base_model).save_pretrained(paths.adapter)
    return paths


def test_merged_export_matches_base_plus_adapter(tiny_model_dir: Path, tmp_path: Path) -> None:
    import torch
    from peft import PeftModel
    from transformers import AutoModelForCausalLM

    paths = make_adapter(tiny_model_dir, tmp_path / "project")
    out = export(paths, tmp_path / "merged")
    assert not (out / "adapter_config.json").exists() and (out / "config.json").is_file()
    ids = torch.tensor([[1, 5, 9, 200, 17, 3]])
    merged = AutoModelForCausalLM.from_pretrained(out, dtype=torch.float32).eval()
    base = AutoModelForCausalLM.from_pretrained(paths.base_model, dtype=torch.float32)
    reference = PeftModel.from_pretrained(base, paths.adapter).eval()
    with torch.no_grad():
        got, want = merged(ids).logits, reference(ids).logits
        plain = AutoModelForCausalLM.from_pretrained(paths.base_model, dtype=torch.float32).eval()(ids).logits
    assert (got - want).abs().max() <= 1e-4, (got - want).abs().max()
    assert (got - plain).abs().max() > 1e-3, "the adapter must change the logits, or the test proves nothing"


def test_export_refuses_a_non_empty_directory(tiny_model_dir: Path, tmp_path: Path) -> None:
    paths = make_adapter(tiny_model_dir, tmp_path / "project")
    (tmp_path / "taken").mkdir()
    (tmp_path / "taken" / "x").write_text("keep me")
    with pytest.raises(SftopsError, match="not empty"):
        export(paths, tmp_path / "taken")
    assert (tmp_path / "taken" / "x").read_text() == "keep me"
